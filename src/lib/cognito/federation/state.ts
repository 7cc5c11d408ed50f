/**
 * What federation adds to a user pool's state: its identity providers (the `IdentityProviderType` records),
 * the links `AdminLinkProviderForUser` made, and the federated sign-ins under way (state sent to an IdP and
 * not yet answered). Kept in `PoolRecord.federation`, so deleting a pool deletes them too.
 *
 * N.B. Provider names, link keys and sign-in ids are caller-chosen or random strings: every collection is a
 * `Map` and every API-shaped map a null-prototype `Dict` (../core/dict.ts).
 */
import type { Dict } from '../core/dict';
import type { AuthorizeRequest } from '../oauth/authorize';

/** The identity provider types a user pool accepts (`IdentityProviderTypeType`). */
export type ProviderType =
	'SAML' | 'Facebook' | 'Google' | 'LoginWithAmazon' | 'SignInWithApple' | 'OIDC';

/** One user-pool identity provider, as `DescribeIdentityProvider` returns it (dates in ms). */
export interface IdentityProviderRecord {
	ProviderName: string;
	ProviderType: ProviderType;
	/** As stored, including the keys Cognito adds and the ones Describe hides (Apple's `private_key`). */
	ProviderDetails: Dict<string>;
	/** User-pool attribute → IdP attribute (claim, SAML attribute name or `sub`/`id`/`user_id`). */
	AttributeMapping: Dict<string>;
	IdpIdentifiers: string[];
	CreationDate: number;
	LastModifiedDate: number;
}

/**
 * A link from an external identity to a user of the pool (`AdminLinkProviderForUser`): when someone signs in
 * through `providerName` with `attributeName` = `attributeValue` (`Cognito_Subject` is the IdP's own user id),
 * they become the user whose `sub` is `destinationSub`.
 */
export interface ProviderLinkRecord {
	providerName: string;
	attributeName: string;
	attributeValue: string;
	destinationSub: string;
	createdAt: number;
}

/** A federated sign-in sent to an IdP and not yet answered (the IdP echoes `state`/`RelayState`). */
export interface PendingSignInRecord {
	id: string;
	providerName: string;
	/** The app's authorize request, continued once the IdP answers. */
	request: AuthorizeRequest;
	/** OIDC nonce sent to the IdP and checked in its ID token. */
	nonce?: string;
	/** SAML `AuthnRequest` ID, checked against `InResponseTo`. */
	requestIdAtIdp?: string;
	expiresAt: number;
}

/** A pool's federation state. */
export interface FederationPoolState {
	providers: Map<string, IdentityProviderRecord>;
	/** By {@link linkKey}. */
	links: Map<string, ProviderLinkRecord>;
	pending: Map<string, PendingSignInRecord>;
}

/** An empty federation state. */
export const emptyFederationState = (): FederationPoolState => ({
	providers: new Map(),
	links: new Map(),
	pending: new Map(),
});

/** The key of a link: provider, attribute name and value, separated by a character no name contains. */
export const linkKey = (providerName: string, attributeName: string, attributeValue: string) =>
	`${providerName}\u0000${attributeName}\u0000${attributeValue}`;
