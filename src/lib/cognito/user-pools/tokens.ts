/**
 * Tokens: RS256 ID and access tokens signed with the pool's two keys (different `kid`s), an opaque
 * refresh token, the JWKS and OpenID configuration documents, and access-token checks for the
 * token-authorised operations. Key material lives in the state as JWKs; CryptoKeys are cached here.
 */
import { SignJWT, compactVerify, importJWK, type JWK } from 'jose';
import { dict } from '../core/dict';
import { ServiceError } from '../core/errors';
import { domainHost } from './domains';
import type { ClientRecord, Env, PoolRecord, StoredKey, UserRecord } from './state';
import { DAY_MS, findUser, notAuthorized, randomBase64, randomBase64Url } from './util';

const privateKeys = new WeakMap<StoredKey, Promise<CryptoKey>>();
const publicKeys = new WeakMap<StoredKey, Promise<CryptoKey>>();

/** The header every refresh token starts with: `{"cty":"JWT","enc":"A256GCM","alg":"RSA-OAEP"}`. */
const REFRESH_TOKEN_HEADER = 'eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ';
/** The only scope InitiateAuth-issued access tokens carry. */
export const ADMIN_SCOPE = 'aws.cognito.signin.user.admin';

/** Generates one RS256 key pair (2048-bit) with a random `kid`; the one slow step of CreateUserPool. */
export async function generateSigningKey(env: Env): Promise<StoredKey> {
	const pair = (await crypto.subtle.generateKey(
		{
			name: 'RSASSA-PKCS1-v1_5',
			modulusLength: 2048,
			publicExponent: new Uint8Array([1, 0, 1]),
			hash: 'SHA-256',
		},
		true,
		['sign', 'verify']
	)) as { privateKey: CryptoKey; publicKey: CryptoKey };
	const kid = `${randomBase64(env, 43)}=`;
	const privateJwk = await crypto.subtle.exportKey('jwk', pair.privateKey);
	const publicJwk = await crypto.subtle.exportKey('jwk', pair.publicKey);
	const stored: StoredKey = {
		kid,
		privateJwk: { ...privateJwk, kid, alg: 'RS256' },
		publicJwk: { kty: 'RSA', e: publicJwk.e, n: publicJwk.n, kid, alg: 'RS256', use: 'sig' } as JWK,
	};
	privateKeys.set(stored, Promise.resolve(pair.privateKey));
	publicKeys.set(stored, Promise.resolve(pair.publicKey));
	return stored;
}

function privateKeyOf(key: StoredKey): Promise<CryptoKey> {
	let cached = privateKeys.get(key);
	if (!cached)
		privateKeys.set(
			key,
			(cached = importJWK(key.privateJwk as any, 'RS256') as Promise<CryptoKey>)
		);
	return cached;
}

function publicKeyOf(key: StoredKey): Promise<CryptoKey> {
	let cached = publicKeys.get(key);
	if (!cached)
		publicKeys.set(key, (cached = importJWK(key.publicJwk as any, 'RS256') as Promise<CryptoKey>));
	return cached;
}

/** The user-pool API host of the sandbox's region, `cognito-idp.{region}.amazonaws.com`. */
export const idpHost = (env: Env) => `cognito-idp.${env.context.region}.amazonaws.com`;

/** `https://cognito-idp.{region}.amazonaws.com/{poolId}` (or its local spelling, see ../core/urls.ts). */
export const issuerOf = (env: Env, pool: PoolRecord) =>
	env.context.urls.url(idpHost(env), `/${pool.id}`);

/** The host of a pool's managed login: its domain, or the prefix form the service reports without one. */
export const loginHost = (env: Env, pool: PoolRecord) =>
	domainHost(env, pool) ??
	`${pool.id.toLowerCase().replace('_', '')}.auth.${env.context.region}.amazoncognito.com`;

/** The JWKS of a pool: both public keys. */
export function jwksOf(pool: PoolRecord): { keys: JWK[] } {
	const shape = (jwk: JWK) => ({
		alg: 'RS256',
		e: jwk.e,
		kid: (jwk as any).kid,
		kty: 'RSA',
		n: jwk.n,
		use: 'sig',
	});
	return { keys: [shape(pool.keys.id.publicJwk), shape(pool.keys.access.publicJwk)] };
}

/** The OpenID configuration document of a pool. */
export function openIdConfigurationOf(env: Env, pool: PoolRecord): object {
	const issuer = issuerOf(env, pool);
	const at = (path: string) => env.context.urls.url(loginHost(env, pool), path);
	return {
		authorization_endpoint: at('/oauth2/authorize'),
		end_session_endpoint: at('/logout'),
		id_token_signing_alg_values_supported: ['RS256'],
		issuer,
		jwks_uri: `${issuer}/.well-known/jwks.json`,
		response_types_supported: ['code', 'token'],
		revocation_endpoint: at('/oauth2/revoke'),
		scopes_supported: ['openid', 'email', 'phone', 'profile'],
		subject_types_supported: ['public'],
		token_endpoint: at('/oauth2/token'),
		token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
		userinfo_endpoint: at('/oauth2/userInfo'),
	};
}

const UNIT_SECONDS: Record<string, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };

/** Lifetime in seconds of a client's `IdToken`, `AccessToken` or `RefreshToken`. */
export function validitySeconds(
	client: ClientRecord,
	token: 'IdToken' | 'AccessToken' | 'RefreshToken'
): number {
	const value: number | undefined = client[`${token}Validity`];
	const unit: string =
		client.TokenValidityUnits?.[token] ?? (token === 'RefreshToken' ? 'days' : 'hours');
	if (!value) return token === 'RefreshToken' ? 30 * 86400 : 3600;
	return value * (UNIT_SECONDS[unit] ?? 3600);
}

/** Groups of a user ordered by precedence (lowest first; groups without one last), then name. */
export function groupsOf(pool: PoolRecord, user: UserRecord) {
	return user.groups
		.map((name) => pool.groups.get(name))
		.filter((group): group is NonNullable<typeof group> => !!group)
		.sort(
			(a, b) =>
				(a.Precedence ?? Infinity) - (b.Precedence ?? Infinity) ||
				a.GroupName.localeCompare(b.GroupName)
		);
}

/** `cognito:groups`, `cognito:roles` and `cognito:preferred_role` (omitted on a tie without a winner). */
export function groupClaims(
	pool: PoolRecord,
	user: UserRecord
): { groups: string[]; roles: string[]; preferredRole?: string } {
	const groups = groupsOf(pool, user);
	const withRoles = groups.filter((group) => group.RoleArn);
	const roles = [...new Set(withRoles.map((group) => group.RoleArn!))];
	let preferredRole: string | undefined;
	const best = withRoles[0];
	if (best) {
		const tied = withRoles.filter(
			(group) => (group.Precedence ?? Infinity) === (best.Precedence ?? Infinity)
		);
		if (new Set(tied.map((group) => group.RoleArn)).size === 1) preferredRole = best.RoleArn;
	}
	return { groups: groups.map((group) => group.GroupName), roles, preferredRole };
}

/** What one token issue needs to know about the authentication it follows. */
export interface IssueContext {
	eventId: string;
	originJti?: string;
	authTime: number;
	deviceKey?: string;
	/**
	 * Tokens of the OAuth 2.0 endpoints (managed login, the token endpoint): the granted scopes replace
	 * `aws.cognito.signin.user.admin`, the access token carries `version: 2`, the ID token the `nonce`.
	 */
	oauth?: { scopes: string[]; nonce?: string };
}

/** Converts an attribute to its ID-token claim value (booleans for `*_verified`, numbers for `updated_at`). */
export function attributeClaim(name: string, value: string): unknown {
	if (name === 'email_verified' || name === 'phone_number_verified') return value === 'true';
	if (name === 'updated_at' && /^\d+$/.test(value)) return Number(value);
	if (name === 'identities') {
		try {
			return JSON.parse(value);
		} catch {
			return value;
		}
	}
	return value;
}

/** The attributes the client may read (default: all). */
export function readableAttributes(client: ClientRecord, user: UserRecord): Record<string, string> {
	const readable: string[] | undefined = client.ReadAttributes;
	const out: Record<string, string> = {};
	for (const [name, value] of Object.entries(user.attributes)) {
		if (name === 'sub' || (readable && readable.length && !readable.includes(name))) continue;
		out[name] = value;
	}
	return out;
}

/** The ID and access token claim sets, before any pre-token-generation changes, in the service's order. */
export function baseClaims(
	env: Env,
	pool: PoolRecord,
	client: ClientRecord,
	user: UserRecord,
	issue: IssueContext
) {
	const iat = Math.floor(env.now() / 1000);
	const { groups } = groupClaims(pool, user);
	const roleClaims = groupClaims(pool, user);
	const revocation = client.EnableTokenRevocation !== false;
	const groupPart = groups.length ? { 'cognito:groups': groups } : {};
	const rolePart = {
		...(roleClaims.preferredRole ? { 'cognito:preferred_role': roleClaims.preferredRole } : {}),
		...(roleClaims.roles.length ? { 'cognito:roles': roleClaims.roles } : {}),
	};
	const attributes: Record<string, unknown> = {};
	for (const [name, value] of Object.entries(readableAttributes(client, user)))
		attributes[name] = attributeClaim(name, value);
	const id: Record<string, unknown> = {
		sub: user.attributes.sub,
		...groupPart,
		...rolePart,
		iss: issuerOf(env, pool),
		'cognito:username': user.username,
		...(revocation && issue.originJti ? { origin_jti: issue.originJti } : {}),
		aud: client.ClientId,
		event_id: issue.eventId,
		token_use: 'id',
		auth_time: issue.authTime,
		...(issue.oauth?.nonce !== undefined ? { nonce: issue.oauth.nonce } : {}),
		...attributes,
		exp: iat + validitySeconds(client, 'IdToken'),
		iat,
		...(revocation ? { jti: env.context.uuid() } : {}),
	};
	const access: Record<string, unknown> = {
		sub: user.attributes.sub,
		...groupPart,
		iss: issuerOf(env, pool),
		...(issue.oauth ? { version: 2 } : {}),
		client_id: client.ClientId,
		...(revocation && issue.originJti ? { origin_jti: issue.originJti } : {}),
		event_id: issue.eventId,
		token_use: 'access',
		scope: issue.oauth ? issue.oauth.scopes.join(' ') : ADMIN_SCOPE,
		auth_time: issue.authTime,
		exp: iat + validitySeconds(client, 'AccessToken'),
		iat,
		...(revocation ? { jti: env.context.uuid() } : {}),
		username: user.username,
		...(issue.deviceKey ? { device_key: issue.deviceKey } : {}),
	};
	// Null-prototype claim sets: pre token generation may add any claim name, `__proto__` included.
	return { id: dict(id), access: dict(access) };
}

/** Signs a claim set with one of the pool's keys. */
export async function signToken(key: StoredKey, claims: Record<string, unknown>): Promise<string> {
	return new SignJWT(claims as any)
		.setProtectedHeader({ kid: key.kid, alg: 'RS256' })
		.sign(await privateKeyOf(key));
}

/** A new opaque refresh token (shaped like the real JWE). */
export function newRefreshToken(env: Env): string {
	return `${REFRESH_TOKEN_HEADER}.${randomBase64Url(env, 342)}.${randomBase64Url(env, 22)}.${randomBase64Url(env, 480)}.${randomBase64Url(env, 22)}`;
}

/** Refresh-token lifetime in ms. */
export const refreshLifetimeMs = (client: ClientRecord) =>
	validitySeconds(client, 'RefreshToken') * 1000 || 30 * DAY_MS;

/** Decodes a JWT's header and payload without verifying; undefined when malformed. */
export function decodeJwt(
	token: string
): { header: Record<string, unknown>; payload: Record<string, any> } | undefined {
	const parts = token.split('.');
	if (parts.length !== 3) return undefined;
	try {
		const decode = (part: string) =>
			JSON.parse(
				new TextDecoder().decode(
					Uint8Array.from(atob(part.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0))
				)
			);
		const header = decode(parts[0]!);
		const payload = decode(parts[1]!);
		if (!header || typeof header !== 'object' || !payload || typeof payload !== 'object')
			return undefined;
		return { header, payload };
	} catch {
		return undefined;
	}
}

/** Verifies a token's signature against one of the pool's keys. */
export async function verifySignature(key: StoredKey, token: string): Promise<boolean> {
	try {
		await compactVerify(token, await publicKeyOf(key), { algorithms: ['RS256'] });
		return true;
	} catch {
		return false;
	}
}

/** The pool named by a token's `iss`, if it is one of ours. */
export function poolOfIssuer(env: Env, issuer: unknown): PoolRecord | undefined {
	if (typeof issuer !== 'string') return undefined;
	const poolId = /\/([\w-]+_[0-9A-Za-z]+)$/.exec(issuer)?.[1];
	const pool = poolId === undefined ? undefined : env.state.pools.get(poolId);
	return pool && issuerOf(env, pool) === issuer ? pool : undefined;
}

/**
 * Authorises a token-authorised operation: a valid, unexpired, unrevoked access token of an existing,
 * enabled user, carrying `aws.cognito.signin.user.admin`.
 */
export async function authenticateAccessToken(
	env: Env,
	token: string
): Promise<{ pool: PoolRecord; user: UserRecord; claims: Record<string, any> }> {
	const invalid = notAuthorized('Invalid Access Token');
	const decoded = decodeJwt(token);
	if (!decoded) throw invalid;
	const pool = poolOfIssuer(env, decoded.payload.iss);
	if (!pool || decoded.payload.token_use !== 'access') throw invalid;
	if (!(await verifySignature(pool.keys.access, token))) throw invalid;
	const claims = decoded.payload;
	if (typeof claims.exp !== 'number' || claims.exp * 1000 <= env.now())
		throw notAuthorized('Access Token has expired');
	if (typeof claims.event_id === 'string' && pool.revokedEvents.get(claims.event_id))
		throw notAuthorized('Access Token has been revoked');
	const user = findUser(pool, String(claims.username ?? ''));
	if (!user || user.attributes.sub !== claims.sub)
		throw new ServiceError('UserNotFoundException', 'User does not exist.');
	if (!user.enabled) throw notAuthorized('Access Token has been revoked');
	if (user.status === 'RESET_REQUIRED')
		throw new ServiceError(
			'PasswordResetRequiredException',
			'Password reset required for the user'
		);
	if (
		!String(claims.scope ?? '')
			.split(' ')
			.includes(ADMIN_SCOPE)
	)
		throw notAuthorized('Access Token does not have required scopes');
	return { pool, user, claims };
}
