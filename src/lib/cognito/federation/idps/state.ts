/**
 * The mock identity providers' state: where generic OIDC issuers and SAML IdPs were stood up, the
 * authorization codes and access tokens they issued, the last person who signed in at each (the form's
 * defaults), SAML certificates and the signing keys (in the key ring). Snapshotted as the `idps` part.
 */
import type { StoredKey } from '../../user-pools/state';
import {
	array,
	boolean,
	mapOf,
	number,
	optional,
	record,
	string,
	type Decoder,
} from '../../core/state-codec';
import { storedKey } from '../../user-pools/state-decode';
import type { IdpProfile } from './specs';

/** An authorization code a mock provider issued. */
export interface GrantRecord {
	/** Which provider: `Google`, `Facebook`, `LoginWithAmazon`, `SignInWithApple` or `OIDC <issuer>`. */
	idp: string;
	clientId: string;
	redirectUri: string;
	scope: string[];
	nonce?: string;
	profile: IdpProfile;
	expiresAt: number;
	used: boolean;
}

/** An access token a mock provider issued (opaque to clients; the provider looks it up). */
export interface TokenRecord {
	idp: string;
	clientId: string;
	scope: string[];
	profile: IdpProfile;
	expiresAt: number;
}

/** The whole mock IdP state. */
export interface MockIdpState {
	/** Generic OIDC issuer URL → when it was stood up. */
	oidcIssuers: Map<string, number>;
	/** SAML IdP host → when it was stood up. */
	samlHosts: Map<string, number>;
	/** SAML signing certificate (base64 DER) by key name. */
	certificates: Map<string, string>;
	grants: Map<string, GrantRecord>;
	tokens: Map<string, TokenRecord>;
	/** The last profile used at each provider (by `idp` name), offered again on its page. */
	lastProfiles: Map<string, IdpProfile>;
}

export const emptyMockIdpState = (): MockIdpState => ({
	oidcIssuers: new Map(),
	samlHosts: new Map(),
	certificates: new Map(),
	grants: new Map(),
	tokens: new Map(),
	lastProfiles: new Map(),
});

const profile = record<IdpProfile>({
	id: string,
	email: string,
	emailVerified: boolean,
	name: string,
	groups: array(string),
});

const grant = record<GrantRecord>({
	idp: string,
	clientId: string,
	redirectUri: string,
	scope: array(string),
	nonce: optional(string),
	profile,
	expiresAt: number,
	used: boolean,
});

const token = record<TokenRecord>({
	idp: string,
	clientId: string,
	scope: array(string),
	profile,
	expiresAt: number,
});

const stateRecord = record<MockIdpState>({
	oidcIssuers: mapOf(number),
	samlHosts: mapOf(number),
	certificates: mapOf(string),
	grants: mapOf(grant),
	tokens: mapOf(token),
	lastProfiles: mapOf(profile),
});

/** The `idps` part of a snapshot: state and signing keys. */
export interface MockIdpSnapshot {
	state: MockIdpState;
	keys: Map<string, StoredKey>;
}

/** Reads the `idps` part of a snapshot (absent in snapshots from before the mock IdPs: empty). */
export const decodeMockIdps: Decoder<MockIdpSnapshot> = (value, path) =>
	value === undefined
		? { state: emptyMockIdpState(), keys: new Map() }
		: record<MockIdpSnapshot>({ state: stateRecord, keys: mapOf(storedKey) })(value, path);
