/**
 * Federation into user pools: the identity-provider operations (./providers.ts), linking (./linking.ts),
 * attribute mapping (./mapping.ts), the federated sign-in itself (./sign-in.ts), the user pool as a client of
 * its IdPs (./relying-party.ts, ./saml) and its part of managed login (./hosted.ts), plus the mock identity
 * providers that run inside the sandbox (./idps).
 *
 * The seam with managed login (../oauth): federation registers its `FederationHooks` (send the browser to
 * an IdP; serve `/oauth2/idpresponse` and `/saml2/idpresponse`) and ends each federated sign-in with
 * managed login's `completeExternalSignIn` (session cookie, code or tokens, redirect to the app).
 */
export { createFederationHooks } from './hosted';
export { createMockIdps, type MockIdps } from './idps';
export type { FederationDeps } from './deps';
