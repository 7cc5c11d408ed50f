/**
 * Federation into user pools: the identity-provider operations (./providers.ts), linking (./linking.ts),
 * attribute mapping (./mapping.ts), the federated sign-in itself (./sign-in.ts), the user pool as a client of
 * its IdPs (./relying-party.ts, ./saml) and its part of managed login (./hosted.ts), plus the mock identity
 * providers that run inside the sandbox (./idps).
 *
 * The seam with the OAuth front end (src/lib/cognito/oauth) is in ./deps.ts: federation offers
 * `FederationHooks` (start a sign-in at an IdP; serve `/oauth2/idpresponse` and `/saml2/idpresponse`) and
 * calls the `AuthorizationHost` the OAuth front end connects (continue or fail the app's authorization).
 */
export { createFederationHooks } from './hosted';
export { createMockIdps, type MockIdps } from './idps';
export type { AuthorizationHost, FederationDeps, FederationHooks } from './deps';
