/**
 * The OAuth 2.0 endpoints apps call directly: `/oauth2/token` (`authorization_code` with PKCE,
 * `refresh_token`, `client_credentials`), `/oauth2/userInfo` and `/oauth2/revoke`.
 *
 * Errors are JSON `{"error": …}` as the endpoints document them: the token endpoint answers 400 for
 * `invalid_request`, `invalid_client`, `invalid_grant`, `unauthorized_client`, `unsupported_grant_type` and
 * `invalid_scope`; userInfo answers 400 `invalid_request` or 401 `invalid_token` with a `WWW-Authenticate`
 * header; revoke answers 400 `invalid_request` / `unsupported_token_type`, 401 `invalid_client`, and 200 for a
 * token it does not know (RFC 7009).
 */
import { ServiceError } from '../core/errors';
import { flowEnabled } from '../user-pools/clients';
import type { Call } from '../user-pools/sign-in';
import type { ClientRecord, PoolRecord } from '../user-pools/state';
import { issueTokens, openRefreshToken, refreshIssueContext } from '../user-pools/token-issue';
import {
	attributeClaim,
	decodeJwt,
	issuerOf,
	readableAttributes,
	verifySignature,
} from '../user-pools/tokens';
import { findUser } from '../user-pools/util';
import { allowsFlow } from './authorize';
import { jsonResponse } from './http';
import { issueClientCredentialsToken } from './m2m';
import { managedLoginOf } from './state';
import type { Outcome } from './sign-in-pages';
import type { Visit } from './visit';

const oauthError = (error: string, status = 400, description?: string): Outcome => ({
	response: jsonResponse(status, {
		...(description ? { error_description: description } : {}),
		error,
	}),
	outcome: error,
	error,
});

/** The client a token or revoke request authenticates as (HTTP Basic, or `client_id` + `client_secret` in the body). */
function authenticateClient(
	visit: Visit
): { client: ClientRecord } | { error: 'invalid_client' | 'invalid_request' } {
	const header = visit.request.headers.get('authorization');
	let clientId = visit.form.get('client_id');
	let secret = visit.form.get('client_secret');
	if (header) {
		const basic = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header.trim());
		let decoded: string | undefined;
		try {
			decoded = basic ? atob(basic[1]!) : undefined;
		} catch {
			decoded = undefined;
		}
		const colon = decoded?.indexOf(':') ?? -1;
		if (!decoded || colon < 1) return { error: 'invalid_client' };
		const headerId = decodeURIComponent(decoded.slice(0, colon));
		if (clientId !== undefined && clientId !== headerId) return { error: 'invalid_request' };
		clientId = headerId;
		secret = decodeURIComponent(decoded.slice(colon + 1));
	}
	const client = clientId ? visit.pool.clients.get(clientId) : undefined;
	if (!client) return { error: 'invalid_client' };
	if (client.ClientSecret ? secret !== client.ClientSecret : secret !== undefined && secret !== '')
		return { error: 'invalid_client' };
	return { client };
}

/** base64url(SHA-256(verifier)), the S256 PKCE transform. */
async function s256(verifier: string): Promise<string> {
	const digest = new Uint8Array(
		await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))
	);
	let binary = '';
	for (const byte of digest) binary += String.fromCharCode(byte);
	return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** POST /oauth2/token. */
export async function tokenEndpoint(visit: Visit): Promise<Outcome> {
	const type = visit.request.headers.get('content-type') ?? '';
	if (visit.request.method !== 'POST' || !type.startsWith('application/x-www-form-urlencoded'))
		return oauthError('invalid_request');
	const grant = visit.form.get('grant_type');
	if (!grant) return oauthError('invalid_request');
	if (!['authorization_code', 'refresh_token', 'client_credentials'].includes(grant))
		return oauthError('unsupported_grant_type');
	const authenticated = authenticateClient(visit);
	if ('error' in authenticated) return oauthError(authenticated.error);
	const { client } = authenticated;
	if (grant === 'authorization_code') return redeemCode(visit, client);
	if (grant === 'refresh_token') return refresh(visit, client);
	return clientCredentials(visit, client);
}

async function redeemCode(visit: Visit, client: ClientRecord): Promise<Outcome> {
	const code = visit.form.get('code');
	const redirectUri = visit.form.get('redirect_uri');
	if (!code || !redirectUri) return oauthError('invalid_request');
	if (!allowsFlow(client, 'code')) return oauthError('unauthorized_client');
	const codes = managedLoginOf(visit.pool).codes;
	const record = codes.get(code);
	if (!record || record.clientId !== client.ClientId || record.expiresAt <= visit.env.now())
		return oauthError('invalid_grant');
	// A code is spent by any redemption attempt of its client, successful or not.
	codes.delete(code);
	const refused = () => {
		visit.pool.refreshTokens.delete(record.tokens.refreshToken);
		return oauthError('invalid_grant');
	};
	if (redirectUri !== record.redirectUri) return refused();
	if (record.codeChallenge !== undefined) {
		const verifier = visit.form.get('code_verifier');
		if (!verifier || (await s256(verifier)) !== record.codeChallenge) return refused();
	}
	const { tokens } = record;
	return {
		response: jsonResponse(200, {
			...(tokens.idToken ? { id_token: tokens.idToken } : {}),
			access_token: tokens.accessToken,
			refresh_token: tokens.refreshToken,
			expires_in: tokens.expiresIn,
			token_type: 'Bearer',
		}),
		outcome: 'tokens issued for an authorization code',
	};
}

async function refresh(visit: Visit, client: ClientRecord): Promise<Outcome> {
	const token = visit.form.get('refresh_token');
	if (!token) return oauthError('invalid_request');
	if (!flowEnabled(client, 'REFRESH_TOKEN_AUTH')) return oauthError('unauthorized_client');
	const call: Call = { env: visit.env, pool: visit.pool, client, flow: 'RefreshToken' };
	const rotation = client.RefreshTokenRotation?.Feature === 'ENABLED';
	const known = visit.pool.refreshTokens.get(token);
	if (rotation && known?.rotatedAt !== undefined) {
		const grace = (client.RefreshTokenRotation.RetryGracePeriodSeconds ?? 0) * 1000;
		if (visit.env.now() > known.rotatedAt + grace) return oauthError('invalid_grant');
	}
	try {
		const { record, user } = openRefreshToken(call, token);
		if (rotation) record.rotatedAt ??= visit.env.now();
		const result = (await issueTokens(
			call,
			user,
			'TokenGeneration_RefreshTokens',
			refreshIssueContext(record),
			rotation
		)) as { IdToken: string; AccessToken: string; RefreshToken?: string; ExpiresIn: number };
		const withId = !record.scopes || record.scopes.includes('openid');
		return {
			response: jsonResponse(200, {
				...(withId ? { id_token: result.IdToken } : {}),
				access_token: result.AccessToken,
				...(rotation ? { refresh_token: result.RefreshToken } : {}),
				expires_in: result.ExpiresIn,
				token_type: 'Bearer',
			}),
			outcome: 'tokens refreshed',
		};
	} catch (error) {
		if (!(error instanceof ServiceError)) throw error;
		if (error.type === 'NotAuthorizedException') return oauthError('invalid_grant');
		// A pre token generation failure: the message the trigger gave (error kind ours).
		return oauthError('invalid_request', 400, error.message);
	}
}

async function clientCredentials(visit: Visit, client: ClientRecord): Promise<Outcome> {
	if (!client.ClientSecret || !allowsFlow(client, 'client_credentials'))
		return oauthError('unauthorized_client');
	const allowed = ((client.AllowedOAuthScopes ?? []) as string[]).filter((scope) =>
		scope.includes('/')
	);
	const asked = (visit.form.get('scope') ?? '').split(/\s+/).filter(Boolean);
	const scopes = asked.length ? [...new Set(asked)] : allowed;
	if (!scopes.length || scopes.some((scope) => !allowed.includes(scope)))
		return oauthError('invalid_scope');
	let metadata: Record<string, string> | undefined;
	const rawMetadata = visit.form.get('aws_client_metadata');
	if (rawMetadata !== undefined) {
		try {
			const parsed: unknown = JSON.parse(rawMetadata);
			if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error();
			metadata = Object.create(null) as Record<string, string>;
			for (const [key, value] of Object.entries(parsed))
				if (typeof value === 'string') metadata[key] = value;
		} catch {
			return oauthError('invalid_request');
		}
	}
	try {
		const token = await issueClientCredentialsToken(
			visit.env,
			visit.pool,
			client,
			scopes,
			metadata
		);
		return {
			response: jsonResponse(200, {
				access_token: token.accessToken,
				expires_in: token.expiresIn,
				token_type: 'Bearer',
			}),
			outcome: 'machine-to-machine access token issued',
		};
	} catch (error) {
		if (!(error instanceof ServiceError)) throw error;
		return oauthError('invalid_request', 400, error.message);
	}
}

// ---------------------------------------------------------------------------------------------
// userInfo

const USERINFO_INVALID =
	'Access token is expired, disabled, or deleted, or the user has globally signed out.';

function bearerError(status: number, error: string, description: string): Outcome {
	return {
		response: jsonResponse(
			status,
			{ error, error_description: description },
			{ 'www-authenticate': `Bearer error="${error}", error_description="${description}"` }
		),
		outcome: error,
		error,
	};
}

/** The attributes a token's scopes let userInfo return (the developer guide's scope table). */
function scopedAttributes(
	attributes: Record<string, string>,
	scopes: string[]
): Record<string, string> {
	const everything =
		scopes.includes('profile') ||
		scopes.includes('aws.cognito.signin.user.admin') ||
		!(scopes.includes('email') || scopes.includes('phone'));
	if (everything) return attributes;
	const names = [
		...(scopes.includes('email') ? ['email', 'email_verified'] : []),
		...(scopes.includes('phone') ? ['phone_number', 'phone_number_verified'] : []),
	];
	return Object.fromEntries(Object.entries(attributes).filter(([name]) => names.includes(name)));
}

/** GET or POST /oauth2/userInfo with `Authorization: Bearer <access token>`. */
export async function userInfoEndpoint(visit: Visit): Promise<Outcome> {
	const header = visit.request.headers.get('authorization') ?? '';
	const token = /^Bearer\s+(\S+)$/i.exec(header.trim())?.[1];
	if (!token) return bearerError(400, 'invalid_request', 'Bad OAuth2 request at UserInfo Endpoint');
	const invalid = () => bearerError(401, 'invalid_token', USERINFO_INVALID);
	const decoded = decodeJwt(token);
	const pool: PoolRecord = visit.pool;
	if (
		!decoded ||
		decoded.payload.token_use !== 'access' ||
		decoded.payload.iss !== issuerOf(visit.env, pool)
	)
		return invalid();
	if (!(await verifySignature(pool.keys.access, token))) return invalid();
	const claims = decoded.payload;
	if (typeof claims.exp !== 'number' || claims.exp * 1000 <= visit.env.now()) return invalid();
	if (typeof claims.event_id === 'string' && pool.revokedEvents.get(claims.event_id))
		return invalid();
	const scopes = String(claims.scope ?? '').split(' ');
	if (!scopes.includes('openid')) return invalid();
	const user = findUser(pool, String(claims.username ?? ''));
	const client = pool.clients.get(String(claims.client_id ?? ''));
	if (!user || !client || user.attributes.sub !== claims.sub || !user.enabled) return invalid();
	const attributes = scopedAttributes(readableAttributes(client, user), scopes);
	// userInfo answers every attribute as a string (`"email_verified": "true"`), unlike the ID token.
	const body: Record<string, unknown> = Object.create(null);
	body.sub = user.attributes.sub;
	for (const [name, value] of Object.entries(attributes))
		body[name] = name === 'identities' ? attributeClaim(name, value) : value;
	body.username = user.username;
	return { response: jsonResponse(200, body), outcome: 'user attributes returned' };
}

// ---------------------------------------------------------------------------------------------
// revoke

/** POST /oauth2/revoke: revokes a refresh token and the access tokens issued from it. */
export async function revokeEndpoint(visit: Visit): Promise<Outcome> {
	if (visit.request.method !== 'POST') return oauthError('invalid_request');
	const token = visit.form.get('token');
	if (!token) return oauthError('invalid_request');
	const authenticated = authenticateClient(visit);
	if ('error' in authenticated) return oauthError(authenticated.error, 401);
	const { client } = authenticated;
	try {
		await visit.userPools.handle(
			'RevokeToken',
			{
				ClientId: client.ClientId,
				Token: token,
				...(client.ClientSecret ? { ClientSecret: client.ClientSecret } : {}),
			},
			{}
		);
	} catch (error) {
		if (!(error instanceof ServiceError)) throw error;
		if (error.type === 'UnsupportedTokenTypeException') return oauthError('unsupported_token_type');
		if (error.type === 'UnauthorizedException') return oauthError('invalid_client', 401);
		return oauthError('invalid_request', 400, error.message);
	}
	return { response: new Response(null, { status: 200 }), outcome: 'refresh token revoked' };
}
