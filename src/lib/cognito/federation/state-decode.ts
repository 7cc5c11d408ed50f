/** Reads a pool's federation state back from a snapshot, checking every field (../core/state-codec.ts). */
import {
	array,
	dictOf,
	mapOf,
	number,
	oneOf,
	optional,
	record,
	string,
	type Decoder,
} from '../core/state-codec';
import type { AuthorizeRequest } from '../oauth/authorize';
import type {
	FederationPoolState,
	IdentityProviderRecord,
	PendingSignInRecord,
	ProviderLinkRecord,
} from './state';

const identityProvider = record<IdentityProviderRecord>({
	ProviderName: string,
	ProviderType: oneOf('SAML', 'Facebook', 'Google', 'LoginWithAmazon', 'SignInWithApple', 'OIDC'),
	ProviderDetails: dictOf(string),
	AttributeMapping: dictOf(string),
	IdpIdentifiers: array(string),
	CreationDate: number,
	LastModifiedDate: number,
});

const link = record<ProviderLinkRecord>({
	providerName: string,
	attributeName: string,
	attributeValue: string,
	destinationSub: string,
	createdAt: number,
});

/** Managed login's authorize request (../oauth/authorize.ts), kept while the IdP is asked. */
const authorizeRequest = record<AuthorizeRequest>({
	clientId: string,
	redirectUri: string,
	responseType: oneOf('code', 'token'),
	scopes: array(string),
	state: optional(string),
	nonce: optional(string),
	codeChallenge: optional(string),
	identityProvider: optional(string),
	idpIdentifier: optional(string),
	prompt: array(string),
	lang: optional(string),
});

const pending = record<PendingSignInRecord>({
	id: string,
	providerName: string,
	request: authorizeRequest,
	nonce: optional(string),
	requestIdAtIdp: optional(string),
	expiresAt: number,
});

/** `PoolRecord.federation` in a snapshot. */
export const federationPoolState: Decoder<FederationPoolState> = record<FederationPoolState>({
	providers: mapOf(identityProvider),
	links: mapOf(link),
	pending: mapOf(pending),
});
