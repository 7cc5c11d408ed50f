/**
 * Issuing tokens: builds the claim sets, applies pre token generation (V1 `claimsOverrideDetails`,
 * V2/V3 `claimsAndScopeOverrideDetails`), signs the ID and access tokens, records the refresh token,
 * and opens refresh tokens for the refresh flows.
 */
import { type Dict, dict } from '../core/dict';
import { ServiceError } from '../core/errors';
import type { Call } from './sign-in';
import type { RefreshTokenRecord, UserRecord } from './state';
import {
	baseClaims,
	groupClaims,
	newRefreshToken,
	refreshLifetimeMs,
	signToken,
	type IssueContext,
} from './tokens';
import { expectTypes, runTrigger, triggerConfig } from './triggers';
import { findUser, notAuthorized } from './util';

const RESERVED_CLAIMS = new Set([
	'acr',
	'amr',
	'aud',
	'auth_time',
	'azp',
	'exp',
	'iat',
	'identities',
	'iss',
	'sub',
	'token_use',
	'nonce',
	'at_hash',
	'cognito:username',
	'client_id',
	'jti',
	'origin_jti',
	'event_id',
	'scope',
	'username',
	'device_key',
]);

/** Applies a trigger's `claimsToAddOrOverride` / `claimsToSuppress` (reserved claims never change). */
export function applyClaimChanges(
	claims: Record<string, unknown>,
	changes: Record<string, any> | undefined,
	stringsOnly: boolean
) {
	if (!changes) return;
	const unrecognisable = () =>
		new ServiceError('InvalidLambdaResponseException', 'Unrecognizable lambda output');
	const add = changes.claimsToAddOrOverride;
	if (add !== undefined && add !== null) {
		if (typeof add !== 'object' || Array.isArray(add)) throw unrecognisable();
		for (const [name, value] of Object.entries(add)) {
			if (stringsOnly && typeof value !== 'string') throw unrecognisable();
			if (!RESERVED_CLAIMS.has(name) && !name.startsWith('cognito:')) claims[name] = value;
		}
	}
	const suppress = changes.claimsToSuppress;
	if (suppress !== undefined && suppress !== null) {
		if (!Array.isArray(suppress)) throw unrecognisable();
		for (const name of suppress)
			if (typeof name === 'string' && !RESERVED_CLAIMS.has(name)) delete claims[name];
	}
}

function applyGroupOverride(
	id: Record<string, unknown>,
	access: Record<string, unknown>,
	override: Record<string, any> | undefined
) {
	if (!override) return;
	if (Array.isArray(override.groupsToOverride)) {
		for (const claims of [id, access]) {
			if (override.groupsToOverride.length) claims['cognito:groups'] = override.groupsToOverride;
			else delete claims['cognito:groups'];
		}
	}
	if (Array.isArray(override.iamRolesToOverride)) {
		if (override.iamRolesToOverride.length) id['cognito:roles'] = override.iamRolesToOverride;
		else delete id['cognito:roles'];
	}
	if (override.preferredRole !== undefined) {
		if (override.preferredRole) id['cognito:preferred_role'] = override.preferredRole;
		else delete id['cognito:preferred_role'];
	}
}

/** Orders claims with `exp`, `iat`, `jti` (and `username`) last, as the service does. */
function reorder(claims: Record<string, unknown>, tail: string[]): Dict<unknown> {
	// Null-prototype: a claim a trigger names `__proto__` or `constructor` is a claim like any other.
	const out = dict<unknown>();
	for (const [name, value] of Object.entries(claims)) if (!tail.includes(name)) out[name] = value;
	for (const name of tail) if (name in claims) out[name] = claims[name];
	return out;
}

/** Applies `scopesToAdd` / `scopesToSuppress` of a V2/V3 `accessTokenGeneration` to the `scope` claim. */
export function applyScopeChanges(
	access: Record<string, unknown>,
	scopes: string[],
	generation: Record<string, any> | undefined
): void {
	if (!generation) return;
	let next = [...scopes];
	if (Array.isArray(generation.scopesToAdd))
		for (const scope of generation.scopesToAdd)
			if (typeof scope === 'string' && !next.includes(scope)) next.push(scope);
	if (Array.isArray(generation.scopesToSuppress))
		next = next.filter((scope) => !generation.scopesToSuppress.includes(scope));
	access.scope = next.join(' ');
}

/** `at_hash`: base64url of the left half of the access token's SHA-256. */
export async function accessTokenHash(accessToken: string): Promise<string> {
	const digest = new Uint8Array(
		await crypto.subtle.digest('SHA-256', new TextEncoder().encode(accessToken))
	);
	let binary = '';
	for (const byte of digest.subarray(0, 16)) binary += String.fromCharCode(byte);
	return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Builds, customises (pre token generation V1/V2), signs and records the tokens. */
export async function issueTokens(
	call: Call,
	user: UserRecord,
	tokenSource: string,
	issue: IssueContext,
	withRefreshToken: boolean,
	refreshToken?: string
): Promise<Record<string, unknown>> {
	const { env, pool, client } = call;
	let { id, access } = baseClaims(env, pool, client, user, issue);
	const roles = groupClaims(pool, user);
	const scopes = String(access.scope).split(' ');
	const trigger = await runTrigger(env, pool, 'PreTokenGeneration', {
		triggerSource: tokenSource,
		userName: user.username,
		clientId: client.ClientId,
		request: {
			userAttributes: { ...user.attributes, 'cognito:user_status': user.status },
			groupConfiguration: {
				groupsToOverride: roles.groups,
				iamRolesToOverride: roles.roles,
				preferredRole: roles.preferredRole ?? null,
			},
			...((triggerConfig(pool, 'PreTokenGeneration')?.version ?? '1') !== '1' ? { scopes } : {}),
			...(call.metadata ? { clientMetadata: call.metadata } : {}),
		},
		response: {},
	});
	if (trigger) {
		const response = trigger.response;
		const version = triggerConfig(pool, 'PreTokenGeneration')?.version ?? '1';
		if (version === '1') {
			expectTypes(response, { claimsOverrideDetails: 'object' });
			const details = response.claimsOverrideDetails;
			applyClaimChanges(id, details, true);
			applyGroupOverride(id, access, details?.groupOverrideDetails);
		}
		if (version !== '1') {
			expectTypes(response, { claimsAndScopeOverrideDetails: 'object' });
			const details = response.claimsAndScopeOverrideDetails;
			applyClaimChanges(id, details?.idTokenGeneration, false);
			applyClaimChanges(access, details?.accessTokenGeneration, false);
			applyGroupOverride(id, access, details?.groupOverrideDetails);
			applyScopeChanges(access, scopes, details?.accessTokenGeneration);
		}
	}
	id = reorder(id, ['exp', 'iat', 'jti']);
	access = reorder(access, ['exp', 'iat', 'jti', 'username']);
	const AccessToken = await signToken(pool.keys.access, access);
	// OAuth ID tokens lead with `at_hash`, the left half of the access token's SHA-256 (OpenID Connect 3.1.3.6).
	if (issue.oauth)
		id = dict([['at_hash', await accessTokenHash(AccessToken)], ...Object.entries(id)]);
	const IdToken = await signToken(pool.keys.id, id);
	const now = env.now();
	for (const [tokenUse, claims] of [
		['id', id],
		['access', access],
	] as const) {
		env.context.emit({
			type: 'TokenIssued',
			tokenUse,
			userPoolId: pool.id,
			clientId: client.ClientId,
			username: user.username,
			claims,
			at: now,
		});
	}
	let RefreshToken = refreshToken;
	if (withRefreshToken) {
		RefreshToken = newRefreshToken(env);
		const record: RefreshTokenRecord = {
			clientId: client.ClientId,
			username: user.username,
			sub: user.attributes.sub!,
			eventId: issue.eventId,
			...(issue.originJti ? { originJti: issue.originJti } : {}),
			authTime: issue.authTime,
			issuedAt: now,
			expiresAt: now + refreshLifetimeMs(client),
			revoked: false,
			...(issue.deviceKey ? { deviceKey: issue.deviceKey } : {}),
			...(issue.oauth ? { scopes: issue.oauth.scopes } : {}),
		};
		pool.refreshTokens.set(RefreshToken, record);
		env.context.emit({
			type: 'TokenIssued',
			tokenUse: 'refresh',
			userPoolId: pool.id,
			clientId: client.ClientId,
			username: user.username,
			at: now,
		});
	}
	return {
		AccessToken,
		ExpiresIn: Number(access.exp) - Number(access.iat),
		TokenType: 'Bearer',
		...(withRefreshToken ? { RefreshToken } : {}),
		IdToken,
	};
}

/** What a refresh issue keeps from the sign-in: event, `origin_jti`, `auth_time`, device and OAuth scopes. */
export function refreshIssueContext(live: RefreshTokenRecord): IssueContext {
	return {
		eventId: live.eventId,
		originJti: live.originJti,
		authTime: live.authTime,
		...(live.deviceKey ? { deviceKey: live.deviceKey } : {}),
		...(live.scopes ? { oauth: { scopes: live.scopes } } : {}),
	};
}

/** The live refresh-token record, its user, or the service's refresh errors. */
export function openRefreshToken(
	call: Call,
	token: string
): { record: RefreshTokenRecord; user: UserRecord } {
	const record = call.pool.refreshTokens.get(token);
	if (!record || record.clientId !== call.client.ClientId)
		throw notAuthorized('Invalid Refresh Token');
	if (record.revoked) throw notAuthorized('Refresh Token has been revoked');
	if (record.expiresAt <= call.env.now()) throw notAuthorized('Refresh Token has expired');
	const user = findUser(call.pool, record.username);
	if (!user || user.attributes.sub !== record.sub)
		throw notAuthorized('Refresh Token has been revoked');
	if (!user.enabled) throw notAuthorized('User is disabled.');
	return { record, user };
}
