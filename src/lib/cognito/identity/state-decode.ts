/** Reads an identity-pool snapshot back into state, checking every field (../core/state-codec.ts). */
import {
	array,
	boolean,
	type Decoder,
	dictOf,
	literal,
	mapOf,
	number,
	oneOf,
	optional,
	record,
	string,
} from '../core/state-codec';
import type { StoredKey } from '../user-pools/state';
import { storedKey } from '../user-pools/state-decode';
import type { IdentityState, PoolEntry, PrincipalTagMap } from './environment';
import type { IdentityRecord } from './identities';
import type {
	CognitoIdentityProviderConfig,
	IdentityPoolConfig,
	MappingRule,
	PoolRoles,
	RoleMapping,
} from './pools';

const providerConfig = record<CognitoIdentityProviderConfig>({
	ProviderName: string,
	ClientId: string,
	ServerSideTokenCheck: boolean,
});

const poolConfig = record<IdentityPoolConfig>({
	IdentityPoolId: string,
	IdentityPoolName: string,
	AllowUnauthenticatedIdentities: boolean,
	AllowClassicFlow: boolean,
	SupportedLoginProviders: dictOf(string),
	DeveloperProviderName: optional(string),
	OpenIdConnectProviderARNs: array(string),
	CognitoIdentityProviders: array(providerConfig),
	SamlProviderARNs: array(string),
	IdentityPoolTags: dictOf(string),
});

const rule = record<MappingRule>({
	Claim: string,
	MatchType: oneOf('Equals', 'Contains', 'StartsWith', 'NotEqual'),
	Value: string,
	RoleARN: string,
});

const roleMapping = record<RoleMapping>({
	Type: oneOf('Token', 'Rules'),
	AmbiguousRoleResolution: optional(oneOf('AuthenticatedRole', 'Deny')),
	RulesConfiguration: optional(record<{ Rules: MappingRule[] }>({ Rules: array(rule) })),
});

const poolEntry = record<PoolEntry>({
	config: poolConfig,
	roles: optional(record<PoolRoles>({ Roles: dictOf(string), RoleMappings: dictOf(roleMapping) })),
	principalTagMaps: optional(
		dictOf(record<PrincipalTagMap>({ UseDefaults: boolean, PrincipalTags: dictOf(string) }))
	),
	createdAt: number,
});

const identityRecord = record<IdentityRecord>({
	IdentityId: string,
	IdentityPoolId: string,
	logins: dictOf(string),
	createdAt: number,
	modifiedAt: number,
});

const identityState = record<IdentityState>({
	pools: mapOf(poolEntry),
	store: record<IdentityState['store']>({
		identities: mapOf(identityRecord),
		loginIndex: mapOf(string),
	}),
});

/** The identity service's part of a snapshot: its state and its signing keys. */
export interface IdentitySnapshot {
	state: IdentityState;
	keys: Map<string, StoredKey>;
}

const snapshotRecord = record<IdentitySnapshot & { v?: number }>({
	v: optional(literal(1)),
	state: identityState,
	keys: (value, path) => (value === undefined ? new Map() : mapOf(storedKey)(value, path)),
});

/** Decodes the identity service's part of a snapshot. */
export const decodeIdentitySnapshot: Decoder<IdentitySnapshot> = (value, path) => {
	const { state, keys } = snapshotRecord(value, path);
	return { state, keys };
};
