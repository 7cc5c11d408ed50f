/**
 * Unlinking and merging logins: `UnlinkIdentity` (public: the caller proves the identity with its current logins),
 * `UnlinkDeveloperIdentity` and `MergeDeveloperIdentities` (developer credentials).
 */
import { ServiceError } from '../core/errors';
import { developerIdentifiersOf, merge, ownerOf, unlinkSubject } from './identities';
import { requireIdentity, requirePool, type IdentityEnvironment } from './environment';
import { verifyLogins } from './logins';
import { readIdentityId, readPoolId } from './pools';
import { readLogins, readString, readStringList } from './validation';

type Input = Record<string, unknown>;

const DEVELOPER_NAME = { required: true, min: 1, max: 128, pattern: '[\\w._-]+' };
const USER_IDENTIFIER = { required: true, min: 1, max: 1024 };

/** Removes every user of a provider from an identity. */
function unlinkProvider(env: IdentityEnvironment, identityId: string, providerKey: string): void {
	const identity = requireIdentity(env, identityId);
	const store = env.state().store;
	for (const subject of developerIdentifiersOf(
		store,
		identity.IdentityPoolId,
		providerKey,
		identityId
	)) {
		unlinkSubject(store, identity, providerKey, subject, env.context.clock.now());
	}
}

/** The link operations, keyed by operation name. */
export function linkOperations(
	env: IdentityEnvironment
): Record<string, (input: Input) => Promise<unknown>> {
	return {
		async UnlinkIdentity(input) {
			const identityId = readIdentityId(input)!;
			const logins = readLogins(input, true)!;
			const toRemove = readStringList(input, 'LoginsToRemove', { itemMin: 1, itemMax: 128 });
			if (!toRemove)
				throw new ServiceError(
					'ValidationException',
					"1 validation error detected: Value null at 'loginsToRemove' failed to satisfy constraint: Member must not be null"
				);
			const identity = requireIdentity(env, identityId);
			const pool = requirePool(env, identity.IdentityPoolId);
			const verified = await verifyLogins(
				env.context,
				env.keys,
				env.userPools,
				pool.config,
				logins
			);
			const proves = verified.some(
				(login) =>
					login.tokenIdentityId === identityId ||
					(Object.hasOwn(identity.logins, login.providerKey) &&
						identity.logins[login.providerKey] === login.subject)
			);
			if (!proves)
				throw new ServiceError(
					'NotAuthorizedException',
					"Logins don't match. Please include at least one valid login for this identity or identity pool."
				);
			for (const providerKey of toRemove) unlinkProvider(env, identityId, providerKey);
			return {};
		},
		async UnlinkDeveloperIdentity(input) {
			const identityId = readIdentityId(input)!;
			const poolId = readPoolId(input);
			const developerName = readString(input, 'DeveloperProviderName', DEVELOPER_NAME)!;
			const userIdentifier = readString(input, 'DeveloperUserIdentifier', USER_IDENTIFIER)!;
			const pool = requirePool(env, poolId);
			const identity = requireIdentity(env, identityId);
			const store = env.state().store;
			if (
				pool.config.DeveloperProviderName !== developerName ||
				identity.IdentityPoolId !== poolId ||
				ownerOf(store, poolId, developerName, userIdentifier) !== identityId
			) {
				throw new ServiceError(
					'ResourceNotFoundException',
					'Developer user identifier is not linked to this identity.'
				);
			}
			unlinkSubject(store, identity, developerName, userIdentifier, env.context.clock.now());
			return {};
		},
		async MergeDeveloperIdentities(input) {
			const source = readString(input, 'SourceUserIdentifier', USER_IDENTIFIER)!;
			const destination = readString(input, 'DestinationUserIdentifier', USER_IDENTIFIER)!;
			const developerName = readString(input, 'DeveloperProviderName', DEVELOPER_NAME)!;
			const poolId = readPoolId(input);
			const pool = requirePool(env, poolId);
			if (pool.config.DeveloperProviderName !== developerName)
				throw new ServiceError(
					'ResourceNotFoundException',
					`Developer provider ${developerName} is not configured for this identity pool.`
				);
			const store = env.state().store;
			const sourceId = ownerOf(store, poolId, developerName, source);
			const destinationId = ownerOf(store, poolId, developerName, destination);
			if (!sourceId || !destinationId)
				throw new ServiceError('ResourceNotFoundException', 'Developer user identifier not found.');
			if (sourceId !== destinationId) {
				// The destination keeps its own developer login; the source user stays reachable through the index.
				merge(
					store,
					requireIdentity(env, destinationId),
					requireIdentity(env, sourceId),
					env.context.clock.now()
				);
			}
			return { IdentityId: destinationId };
		},
	};
}
