/**
 * Attributes for access control (ABAC): `SetPrincipalTagAttributeMap` maps a provider's token claims to session
 * tags, which policies read as `aws:PrincipalTag/<key>`. With `UseDefaults`, `sub` becomes `username` and `aud`
 * becomes `client`. Roles then need `sts:TagSession` in their trust policy.
 */
import { dict } from '../core/dict';
import { ServiceError } from '../core/errors';
import { requirePool, type IdentityEnvironment, type PrincipalTagMap } from './environment';
import type { VerifiedLogin } from './logins';
import { readPoolId } from './pools';
import { readBoolean, readString, readStringMap } from './validation';

type Input = Record<string, unknown>;

/** The default mapping: `username` ← `sub`, `client` ← `aud`. */
export const DEFAULT_PRINCIPAL_TAGS = Object.freeze({ username: 'sub', client: 'aud' });

/** `SetPrincipalTagAttributeMap` and `GetPrincipalTagAttributeMap`. */
export function principalTagOperations(
	env: IdentityEnvironment
): Record<string, (input: Input) => Promise<unknown>> {
	const describe = (poolId: string, providerName: string, map: PrincipalTagMap | undefined) => ({
		IdentityPoolId: poolId,
		IdentityProviderName: providerName,
		UseDefaults: map?.UseDefaults ?? false,
		PrincipalTags: map ? effectiveMapping(map) : {},
	});
	return {
		async SetPrincipalTagAttributeMap(input) {
			const poolId = readPoolId(input);
			const providerName = readString(input, 'IdentityProviderName', {
				required: true,
				min: 1,
				max: 128,
			})!;
			const useDefaults = readBoolean(input, 'UseDefaults') ?? false;
			const tags =
				readStringMap(input, 'PrincipalTags', { maxEntries: 50, keyMax: 128, valueMax: 256 }) ??
				dict();
			const pool = requirePool(env, poolId);
			const map: PrincipalTagMap = {
				UseDefaults: useDefaults,
				PrincipalTags: useDefaults ? dict() : dict(tags),
			};
			(pool.principalTagMaps ??= dict())[providerName] = map;
			return describe(poolId, providerName, map);
		},
		async GetPrincipalTagAttributeMap(input) {
			const poolId = readPoolId(input);
			const providerName = readString(input, 'IdentityProviderName', {
				required: true,
				min: 1,
				max: 128,
			})!;
			const pool = requirePool(env, poolId);
			const maps = pool.principalTagMaps ?? dict();
			if (!Object.hasOwn(maps, providerName))
				throw new ServiceError(
					'ResourceNotFoundException',
					`No principal tag attribute map for ${providerName}.`
				);
			return describe(poolId, providerName, maps[providerName]);
		},
	};
}

function effectiveMapping(map: PrincipalTagMap): Record<string, string> {
	return map.UseDefaults ? { ...DEFAULT_PRINCIPAL_TAGS } : map.PrincipalTags;
}

/** The session tags the logins of this call bring, from the pool's maps and from developer-issued tokens. */
export function principalTagsFor(
	maps: Record<string, PrincipalTagMap> | undefined,
	logins: VerifiedLogin[]
): Record<string, string> | undefined {
	const tags = dict<string>();
	for (const login of logins) {
		Object.assign(tags, login.principalTags ?? {});
		if (!maps || !Object.hasOwn(maps, login.providerKey)) continue;
		for (const [tagKey, claim] of Object.entries(effectiveMapping(maps[login.providerKey]!))) {
			const value = login.claims[claim];
			const text =
				typeof value === 'string'
					? value
					: typeof value === 'number' || typeof value === 'boolean'
						? String(value)
						: Array.isArray(value) && typeof value[0] === 'string'
							? value[0]
							: undefined;
			if (text !== undefined) tags[tagKey] = text;
		}
	}
	return Object.keys(tags).length > 0 ? tags : undefined;
}
