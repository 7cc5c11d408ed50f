/**
 * Identity pools (`cognito-identity`, AWS JSON 1.1): pool set-up (`CreateIdentityPool`, `DescribeIdentityPool`,
 * `UpdateIdentityPool`, `DeleteIdentityPool`, `ListIdentityPools`, `SetIdentityPoolRoles`, `GetIdentityPoolRoles`),
 * identities (`DescribeIdentity`, `ListIdentities`) and the data plane in ./data-plane.
 *
 * Logins come from user pools (ID tokens checked by the user-pool service), from mock social/OIDC/SAML providers
 * (tokens minted with `mintProviderToken`, see ./providers) and from developer-authenticated identities.
 */
import type { SandboxContext } from '../core/context';
import { ServiceError } from '../core/errors';
import type { JsonService } from '../core/service';
import type { StsService } from '../sts';
import type { UserPoolService } from '../user-pools';
import { dataPlaneOperations } from './data-plane';
import {
	decodeNextToken,
	encodeNextToken,
	newRegionalId,
	requireIdentity,
	requirePool,
	type IdentityEnvironment,
	type IdentityState,
} from './environment';
import { emptyIdentityStore, removePoolIdentities } from './identities';
import { createKeyRing } from './key-ring';
import { decodeIdentitySnapshot, type IdentitySnapshot } from './state-decode';
import { encodeState } from '../core/state-codec';
import {
	COGNITO_IDENTITY_ISSUER,
	COGNITO_IDENTITY_PROVIDER,
	openIdJwks,
	verifyOpenIdToken,
} from './openid-token';
import { readPoolConfig, readPoolId, readPoolRoles, readIdentityId } from './pools';
import { linkOperations } from './links';
import { principalTagOperations } from './principal-tags';
import {
	issuerOf,
	mintProviderToken,
	SOCIAL_PROVIDERS,
	verifyProviderToken,
	type LoginKeys,
	type ProviderTokenClaims,
} from './providers';
import { readBoolean, readInteger, readString } from './validation';

export type { ProviderTokenClaims } from './providers';
export type { IdentityPoolConfig, PoolRoles, RoleMapping, MappingRule } from './pools';

/** The identity-pool service: a JSON 1.1 service plus what Sync and the sandbox need from it. */
export interface IdentityService extends JsonService {
	/** Whether an identity exists in a pool (Sync uses it to guard datasets). */
	identityExists(identityPoolId: string, identityId: string): boolean;
	/** Whether an identity pool exists (Sync's pool-level operations use it). */
	poolExists(identityPoolId: string): boolean;
	/** Signs a mock identity-provider token (Google, Facebook, Amazon, Apple, an OIDC provider or a SAML ARN). */
	mintProviderToken(provider: string, claims: ProviderTokenClaims): Promise<string>;
	/** The JWKS of Cognito Identity's OpenID tokens. */
	openIdJwks(): Promise<{ keys: object[] }>;
}

type Input = Record<string, unknown>;

/** Creates the identity-pool service and registers its tokens with STS. */
export function createIdentityService(
	context: SandboxContext,
	deps: { userPools: UserPoolService; sts: StsService; idps: LoginKeys }
): IdentityService {
	let state: IdentityState = { pools: new Map(), store: emptyIdentityStore() };
	// Cognito Identity's own key ring; provider logins are signed by the mock IdPs' keys.
	const keys = Object.assign(createKeyRing(context), { loginKey: deps.idps.loginKey });
	const env: IdentityEnvironment = {
		context,
		keys,
		userPools: deps.userPools,
		sts: deps.sts,
		state: () => state,
	};
	deps.sts.registerWebIdentityProvider({
		issuer: COGNITO_IDENTITY_ISSUER,
		provider: COGNITO_IDENTITY_PROVIDER,
		verify: (token) => verifyOpenIdToken(context, keys, token),
	});
	// Web identity federation without an identity pool: STS also trusts the mock social providers' tokens.
	for (const provider of SOCIAL_PROVIDERS) {
		deps.sts.registerWebIdentityProvider({
			issuer: issuerOf(provider),
			provider,
			verify: async (token) => {
				const check = await verifyProviderToken(context, keys, provider, token);
				if (check.ok) return check;
				return {
					ok: false,
					expired: check.message.includes('Token expired'),
					message: 'Incorrect token audience or signature.',
				};
			},
		});
	}

	const controlPlane: Record<string, (input: Input) => Promise<unknown>> = {
		async CreateIdentityPool(input) {
			const config = readPoolConfig(input, newRegionalId(env));
			if (state.pools.size >= 1000)
				throw new ServiceError(
					'LimitExceededException',
					'You have exceeded the maximum number of identity pools (1000) for this account.'
				);
			state.pools.set(config.IdentityPoolId, { config, createdAt: context.clock.now() });
			return describe(config.IdentityPoolId);
		},
		async DescribeIdentityPool(input) {
			return describe(readPoolId(input));
		},
		async UpdateIdentityPool(input) {
			const poolId = readPoolId(input);
			const pool = requirePool(env, poolId);
			pool.config = readPoolConfig(input, poolId, pool.config);
			return describe(poolId);
		},
		async DeleteIdentityPool(input) {
			const poolId = readPoolId(input);
			requirePool(env, poolId);
			state.pools.delete(poolId);
			removePoolIdentities(state.store, poolId);
			return {};
		},
		async ListIdentityPools(input) {
			const maxResults = readInteger(input, 'MaxResults', { required: true, min: 1, max: 60 })!;
			const offset = decodeNextToken(readString(input, 'NextToken', { min: 1, max: 65535 }));
			const all = [...state.pools.values()].map((pool) => ({
				IdentityPoolId: pool.config.IdentityPoolId,
				IdentityPoolName: pool.config.IdentityPoolName,
			}));
			return {
				IdentityPools: all.slice(offset, offset + maxResults),
				...(offset + maxResults < all.length
					? { NextToken: encodeNextToken(offset + maxResults) }
					: {}),
			};
		},
		async SetIdentityPoolRoles(input) {
			const poolId = readPoolId(input);
			const roles = readPoolRoles(input);
			requirePool(env, poolId).roles = roles;
			return {};
		},
		async GetIdentityPoolRoles(input) {
			const poolId = readPoolId(input);
			const roles = requirePool(env, poolId).roles;
			return {
				IdentityPoolId: poolId,
				...(roles
					? {
							Roles: roles.Roles,
							...(Object.keys(roles.RoleMappings).length
								? { RoleMappings: roles.RoleMappings }
								: {}),
						}
					: {}),
			};
		},
		async DescribeIdentity(input) {
			return describeIdentity(readIdentityId(input)!);
		},
		async ListIdentities(input) {
			const poolId = readPoolId(input);
			const maxResults = readInteger(input, 'MaxResults', { required: true, min: 1, max: 60 })!;
			const offset = decodeNextToken(readString(input, 'NextToken', { min: 1, max: 65535 }));
			readBoolean(input, 'HideDisabled');
			requirePool(env, poolId);
			const all = [...state.store.identities.values()].filter(
				(identity) => identity.IdentityPoolId === poolId
			);
			return {
				IdentityPoolId: poolId,
				Identities: all
					.slice(offset, offset + maxResults)
					.map((identity) => describeIdentity(identity.IdentityId)),
				...(offset + maxResults < all.length
					? { NextToken: encodeNextToken(offset + maxResults) }
					: {}),
			};
		},
	};
	const operations: Record<string, (input: Input) => Promise<unknown>> = {
		...controlPlane,
		...principalTagOperations(env),
		...linkOperations(env),
		...dataPlaneOperations(env),
	};

	function describe(poolId: string) {
		const { config } = requirePool(env, poolId);
		const { DeveloperProviderName, ...rest } = config;
		return structuredClone({
			...rest,
			...(DeveloperProviderName ? { DeveloperProviderName } : {}),
		});
	}

	function describeIdentity(identityId: string) {
		const identity = requireIdentity(env, identityId);
		return {
			IdentityId: identity.IdentityId,
			Logins: Object.keys(identity.logins),
			CreationDate: identity.createdAt / 1000,
			LastModifiedDate: identity.modifiedAt / 1000,
		};
	}

	return {
		has: (operation) => Object.hasOwn(operations, operation),
		handle(operation, input) {
			return operations[operation]!(input);
		},
		identityExists: (poolId, identityId) =>
			state.store.identities.get(identityId)?.IdentityPoolId === poolId,
		poolExists: (poolId) => state.pools.has(poolId),
		mintProviderToken: (provider, claims) => mintProviderToken(context, keys, provider, claims),
		openIdJwks: () => openIdJwks(keys),
		snapshot: () => encodeState({ state, keys: keys.snapshot() }),
		decode: (snapshot, path): IdentitySnapshot =>
			snapshot === undefined
				? { state: { pools: new Map(), store: emptyIdentityStore() }, keys: new Map() }
				: decodeIdentitySnapshot(snapshot, path),
		load(saved: IdentitySnapshot) {
			state = saved.state;
			keys.load(saved.keys);
		},
	};
}
