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

const pending = record<PendingSignInRecord>({
	id: string,
	providerName: string,
	requestId: string,
	clientId: string,
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
