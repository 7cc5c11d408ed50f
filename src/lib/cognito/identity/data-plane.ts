/**
 * The identity-pool data plane: `GetId`, `GetCredentialsForIdentity` (enhanced flow), `GetOpenIdToken` (basic
 * flow), `GetOpenIdTokenForDeveloperIdentity` and `LookupDeveloperIdentity`.
 */
import { dict } from '../core/dict';
import { ServiceError, invalidParameter } from '../core/errors';
import {
	addIdentity,
	developerIdentifiersOf,
	link,
	merge,
	ownerOf,
	type IdentityRecord,
} from './identities';
import {
	type IdentityEnvironment,
	decodeNextToken,
	encodeNextToken,
	newRegionalId,
	requireIdentity,
	requirePool,
	type PoolEntry,
} from './environment';
import { verifyLogins, type VerifiedLogin } from './logins';
import { DEVELOPER_TOKEN_SECONDS, issueOpenIdToken, OPENID_TOKEN_SECONDS } from './openid-token';
import { readIdentityId, readPoolId } from './pools';
import { invalidPoolConfiguration, resolveRole } from './role-resolution';
import { principalTagsFor } from './principal-tags';
import { GUEST_SCOPE_DOWN_POLICY } from './scope-down';
import { readInteger, readLogins, readString, readStringMap } from './validation';

type Input = Record<string, unknown>;

const notAuthorized = (message: string) => new ServiceError('NotAuthorizedException', message);
const GUEST_DISABLED = 'Unauthenticated access is not supported for this identity pool.';
const LOGINS_DONT_MATCH =
	"Logins don't match. Please include at least one valid login for this identity or identity pool.";
/** Enhanced-flow credentials last one hour. */
const CREDENTIALS_SECONDS = 3600;
const SESSION_NAME = 'CognitoIdentityCredentials';

/** The data-plane operations, keyed by operation name. */
export function dataPlaneOperations(
	env: IdentityEnvironment
): Record<string, (input: Input) => Promise<unknown>> {
	const now = () => env.context.clock.now();

	function newIdentity(poolId: string): IdentityRecord {
		return addIdentity(env.state().store, {
			IdentityId: newRegionalId(env),
			IdentityPoolId: poolId,
			logins: dict(),
			createdAt: now(),
			modifiedAt: now(),
		});
	}

	function linkAll(identity: IdentityRecord, logins: VerifiedLogin[]): void {
		for (const login of logins) {
			if (login.tokenIdentityId) continue;
			if (!link(env.state().store, identity, login.providerKey, login.subject, now())) {
				throw new ServiceError(
					'ResourceConflictException',
					`Identity '${identity.IdentityId}' is already linked to a different ${login.providerKey} login.`
				);
			}
		}
	}

	/** Finds or creates the identity for verified logins, linking them and merging identities they span. */
	function identityForLogins(pool: PoolEntry, logins: VerifiedLogin[]): IdentityRecord {
		const store = env.state().store;
		const poolId = pool.config.IdentityPoolId;
		const owners = new Set<string>();
		for (const login of logins) {
			const owner =
				login.tokenIdentityId ?? ownerOf(store, poolId, login.providerKey, login.subject);
			if (owner && store.identities.get(owner)) owners.add(owner);
		}
		const [first, ...others] = [...owners];
		const identity = first ? store.identities.get(first)! : newIdentity(poolId);
		for (const other of others) merge(store, identity, store.identities.get(other)!, now());
		linkAll(identity, logins);
		return identity;
	}

	/**
	 * The checks `GetCredentialsForIdentity` and `GetOpenIdToken` share: the identity exists, the logins are valid and
	 * belong to it, guests are allowed when there are none. Links new logins to a guest identity.
	 */
	async function authorize(input: Input): Promise<{
		pool: PoolEntry;
		identity: IdentityRecord;
		logins: VerifiedLogin[];
		authenticated: boolean;
	}> {
		const identityId = readIdentityId(input)!;
		const loginsInput = readLogins(input) ?? {};
		const identity = requireIdentity(env, identityId);
		const pool = requirePool(env, identity.IdentityPoolId);
		const logins = await verifyLogins(
			env.context,
			env.keys,
			env.userPools,
			pool.config,
			loginsInput
		);
		const store = env.state().store;
		const linked = Object.keys(identity.logins).length > 0;
		if (linked && logins.length === 0)
			throw notAuthorized(`Access to Identity '${identityId}' is forbidden.`);
		for (const login of logins) {
			const owner =
				login.tokenIdentityId ??
				ownerOf(store, pool.config.IdentityPoolId, login.providerKey, login.subject);
			if (owner !== undefined && owner !== identityId) throw notAuthorized(LOGINS_DONT_MATCH);
		}
		if (
			linked &&
			!logins.some(
				(login) =>
					login.tokenIdentityId === identityId ||
					identity.logins[login.providerKey] === login.subject
			)
		) {
			throw notAuthorized(LOGINS_DONT_MATCH);
		}
		linkAll(identity, logins);
		const authenticated = Object.keys(identity.logins).length > 0 || logins.length > 0;
		if (!authenticated && !pool.config.AllowUnauthenticatedIdentities)
			throw notAuthorized(GUEST_DISABLED);
		return { pool, identity, logins, authenticated };
	}

	function amrOf(authenticated: boolean, logins: VerifiedLogin[]): string[] {
		return authenticated
			? ['authenticated', ...logins.flatMap((login) => login.amr)]
			: ['unauthenticated'];
	}

	return {
		async GetId(input) {
			const poolId = readPoolId(input);
			readString(input, 'AccountId', { min: 1, max: 15, pattern: '\\d+' });
			const loginsInput = readLogins(input) ?? {};
			const pool = requirePool(env, poolId);
			if (Object.keys(loginsInput).length === 0) {
				if (!pool.config.AllowUnauthenticatedIdentities) throw notAuthorized(GUEST_DISABLED);
				return { IdentityId: newIdentity(poolId).IdentityId };
			}
			const logins = await verifyLogins(
				env.context,
				env.keys,
				env.userPools,
				pool.config,
				loginsInput
			);
			return { IdentityId: identityForLogins(pool, logins).IdentityId };
		},

		async GetCredentialsForIdentity(input) {
			const customRoleArn = readString(input, 'CustomRoleArn', { min: 20, max: 2048 });
			const { pool, identity, logins, authenticated } = await authorize(input);
			const role = resolveRole(pool.roles, authenticated, logins, customRoleArn);
			const principalTags = principalTagsFor(pool.principalTagMaps, logins);
			const token = await issueOpenIdToken(env.context, env.keys, {
				identityPoolId: pool.config.IdentityPoolId,
				identityId: identity.IdentityId,
				amr: amrOf(authenticated, logins),
				lifetimeSeconds: OPENID_TOKEN_SECONDS,
				principalTags,
			});
			try {
				const credentials = await env.sts.assumeRoleWithWebIdentity({
					roleArn: role.roleArn,
					roleSessionName: SESSION_NAME,
					webIdentityToken: token,
					sessionPolicies: authenticated ? [] : [GUEST_SCOPE_DOWN_POLICY],
					durationSeconds: CREDENTIALS_SECONDS,
					identityId: identity.IdentityId,
				});
				return {
					IdentityId: identity.IdentityId,
					Credentials: {
						AccessKeyId: credentials.AccessKeyId,
						SecretKey: credentials.SecretKey,
						SessionToken: credentials.SessionToken,
						Expiration: credentials.Expiration / 1000,
					},
				};
			} catch (error) {
				// Cognito reports an unassumable role (bad ARN, trust policy mismatch) as a pool misconfiguration.
				if (
					error instanceof ServiceError &&
					['AccessDenied', 'ValidationError', 'InvalidIdentityToken'].includes(error.type)
				)
					throw invalidPoolConfiguration();
				throw error;
			}
		},

		async GetOpenIdToken(input) {
			const { pool, identity, logins, authenticated } = await authorize(input);
			if (!pool.config.AllowClassicFlow)
				throw invalidParameter('Basic (classic) flow is not enabled, please use enhanced flow.');
			if (pool.roles && Object.keys(pool.roles.RoleMappings).length > 0)
				throw invalidParameter(
					'Basic (classic) flow is not supported with RoleMappings, please use enhanced flow.'
				);
			const principalTags = principalTagsFor(pool.principalTagMaps, logins);
			const token = await issueOpenIdToken(env.context, env.keys, {
				identityPoolId: pool.config.IdentityPoolId,
				identityId: identity.IdentityId,
				amr: amrOf(authenticated, logins),
				lifetimeSeconds: OPENID_TOKEN_SECONDS,
				principalTags,
			});
			return { IdentityId: identity.IdentityId, Token: token };
		},

		async GetOpenIdTokenForDeveloperIdentity(input) {
			const poolId = readPoolId(input);
			const identityId = readIdentityId(input, false);
			const loginsInput = readLogins(input, true)!;
			const principalTags = readStringMap(input, 'PrincipalTags', {
				maxEntries: 50,
				keyMax: 128,
				valueMax: 256,
			});
			const duration =
				readInteger(input, 'TokenDuration', { min: 1, max: 86400 }) ?? DEVELOPER_TOKEN_SECONDS;
			const pool = requirePool(env, poolId);
			const developerName = pool.config.DeveloperProviderName;
			if (!developerName)
				throw notAuthorized(
					`Identity pool - ${poolId} does not have a developer provider configured.`
				);
			const userIdentifier = loginsInput[developerName];
			if (userIdentifier === undefined)
				throw invalidParameter(`Logins must contain the developer provider name ${developerName}.`);
			const { [developerName]: _developer, ...others } = loginsInput;
			const otherLogins = await verifyLogins(
				env.context,
				env.keys,
				env.userPools,
				pool.config,
				others
			);
			const store = env.state().store;
			const owner = ownerOf(store, poolId, developerName, userIdentifier);
			let identity: IdentityRecord;
			if (identityId) {
				identity = requireIdentity(env, identityId);
				if (identity.IdentityPoolId !== poolId)
					throw new ServiceError(
						'ResourceNotFoundException',
						`Identity '${identityId}' not found.`
					);
				if (owner && owner !== identityId)
					throw new ServiceError(
						'DeveloperUserAlreadyRegisteredException',
						`Developer user identifier '${userIdentifier}' is already registered with a different identity.`
					);
			} else {
				identity = owner ? store.identities.get(owner)! : newIdentity(poolId);
			}
			// After MergeDeveloperIdentities an identity answers to several developer user identifiers (the index knows them).
			if (
				owner !== identity.IdentityId &&
				!link(store, identity, developerName, userIdentifier, now())
			) {
				throw new ServiceError(
					'ResourceConflictException',
					`Identity '${identity.IdentityId}' is already linked to a different developer user identifier.`
				);
			}
			linkAll(identity, otherLogins);
			const amr = [
				'authenticated',
				developerName,
				`${developerName}:${poolId}:${userIdentifier}`,
				...otherLogins.flatMap((login) => login.amr),
			];
			const token = await issueOpenIdToken(env.context, env.keys, {
				identityPoolId: poolId,
				identityId: identity.IdentityId,
				amr,
				lifetimeSeconds: duration,
				principalTags,
			});
			return { IdentityId: identity.IdentityId, Token: token };
		},

		async LookupDeveloperIdentity(input) {
			const poolId = readPoolId(input);
			const identityId = readIdentityId(input, false);
			const userIdentifier = readString(input, 'DeveloperUserIdentifier', { min: 1, max: 1024 });
			const maxResults = readInteger(input, 'MaxResults', { min: 1, max: 60 }) ?? 60;
			const offset = decodeNextToken(readString(input, 'NextToken', { min: 1, max: 65535 }));
			const pool = requirePool(env, poolId);
			const developerName = pool.config.DeveloperProviderName;
			if (!identityId && !userIdentifier)
				throw invalidParameter('Either IdentityId or DeveloperUserIdentifier must be specified.');
			const store = env.state().store;
			const foundId =
				identityId ??
				(developerName ? ownerOf(store, poolId, developerName, userIdentifier!) : undefined);
			const identity = foundId ? store.identities.get(foundId) : undefined;
			if (
				!identity ||
				identity.IdentityPoolId !== poolId ||
				(userIdentifier &&
					developerName &&
					ownerOf(store, poolId, developerName, userIdentifier) !== identity.IdentityId)
			) {
				throw new ServiceError('ResourceNotFoundException', 'Identity not found.');
			}
			const identifiers = developerName
				? developerIdentifiersOf(store, poolId, developerName, identity.IdentityId)
				: [];
			const page = identifiers.slice(offset, offset + maxResults);
			return {
				IdentityId: identity.IdentityId,
				DeveloperUserIdentifierList: page,
				...(offset + maxResults < identifiers.length
					? { NextToken: encodeNextToken(offset + maxResults) }
					: {}),
			};
		},
	};
}
