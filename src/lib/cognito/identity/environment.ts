/** What the identity-pool operations share: the sandbox context, keys, other services and the JSON state. */
import type { SandboxContext } from '../core/context';
import type { Dict } from '../core/dict';
import { ServiceError } from '../core/errors';
import type { StsService } from '../sts';
import type { UserPoolService } from '../user-pools';
import type { IdentityRecord, IdentityStoreState } from './identities';
import type { KeyRing } from './key-ring';
import type { LoginKeys } from './providers';
import type { IdentityPoolConfig, PoolRoles } from './pools';

/** One identity pool: its configuration and its roles. */
export interface PoolEntry {
	config: IdentityPoolConfig;
	roles?: PoolRoles;
	/** `SetPrincipalTagAttributeMap` per identity provider name (attributes for access control). */
	principalTagMaps?: Dict<PrincipalTagMap>;
	createdAt: number;
}

/** Which token claims become session (principal) tags for one provider. */
export interface PrincipalTagMap {
	UseDefaults: boolean;
	/** Tag key → claim name. */
	PrincipalTags: Dict<string>;
}

/** The identity service's state (pools by id; see ./identities.ts for the store). */
export interface IdentityState {
	pools: Map<string, PoolEntry>;
	store: IdentityStoreState;
}

/** Everything an identity-pool operation needs. */
export interface IdentityEnvironment {
	context: SandboxContext;
	/** Cognito Identity's own keys, and (`loginKey`) the mock IdPs' keys for provider logins. */
	keys: KeyRing & LoginKeys;
	userPools: UserPoolService;
	sts: StsService;
	/** The current state (replaced wholesale by `restore`). */
	state(): IdentityState;
}

/** The pool or `ResourceNotFoundException` as the service words it. */
export function requirePool(env: IdentityEnvironment, identityPoolId: string): PoolEntry {
	const pool = env.state().pools.get(identityPoolId);
	if (!pool)
		throw new ServiceError(
			'ResourceNotFoundException',
			`IdentityPool '${identityPoolId}' not found.`
		);
	return pool;
}

/** The identity or `ResourceNotFoundException`. */
export function requireIdentity(env: IdentityEnvironment, identityId: string): IdentityRecord {
	const identity = env.state().store.identities.get(identityId);
	if (!identity)
		throw new ServiceError('ResourceNotFoundException', `Identity '${identityId}' not found.`);
	return identity;
}

/** A new `region:uuid` id from the injected randomness. */
export function newRegionalId(env: IdentityEnvironment): string {
	return `${env.context.region}:${env.context.uuid()}`;
}

/** Opaque pagination tokens: the offset, base64-encoded. */
export function encodeNextToken(offset: number): string {
	return btoa(JSON.stringify({ offset }));
}

/** Decodes a pagination token; a foreign one is `InvalidParameterException`. */
export function decodeNextToken(token: string | undefined): number {
	if (!token) return 0;
	try {
		const offset = JSON.parse(atob(token)).offset;
		if (Number.isInteger(offset) && offset >= 0) return offset;
	} catch {
		// fall through
	}
	throw new ServiceError('InvalidParameterException', 'The pagination token is invalid.');
}
