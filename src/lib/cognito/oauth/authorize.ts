/**
 * The authorize request (`/oauth2/authorize`, and every managed login page, which carries the same query):
 * validation in the service's order, the error page or error redirect, and what ends a sign-in — the session
 * cookie plus an authorization code (code grant) or tokens in the fragment (implicit grant).
 *
 * Order of checks, as the endpoint documents them: an unknown `client_id` or a `redirect_uri` that is not one
 * of the client's callback URLs (compared exactly: scheme, host, port, path, trailing slash) can't be trusted
 * with a redirect, so they end on the `/error` page (`redirect_mismatch`); every later problem is redirected to
 * the callback as `?error=…&state=…` (`invalid_request`, `unsupported_response_type`, `unauthorized_client`,
 * `invalid_scope`).
 */
import type { ClientRecord, Env, PoolRecord, UserRecord } from '../user-pools/state';
import { loginHost } from '../user-pools/tokens';
import { cookieScope, redirect, setCookie } from './http';
import { managedLoginOf } from './state';

/** Scopes Cognito defines itself (custom ones are `resource-server/scope`). */
export const STANDARD_SCOPES = [
	'openid',
	'email',
	'phone',
	'profile',
	'aws.cognito.signin.user.admin',
];
/** The OpenID Connect scopes that only make sense with `openid`. */
const OIDC_SCOPES = ['email', 'phone', 'profile'];
/** Authorization codes live five minutes and redeem once. */
export const CODE_LIFETIME_MS = 5 * 60_000;
/** The managed login session cookie lives an hour. */
export const SESSION_LIFETIME_MS = 60 * 60_000;
/** The cookie that holds the managed login session. */
export const SESSION_COOKIE = 'cognito';

/** A validated authorize request. */
export interface AuthorizeRequest {
	clientId: string;
	redirectUri: string;
	responseType: 'code' | 'token';
	scopes: string[];
	state?: string;
	nonce?: string;
	codeChallenge?: string;
	identityProvider?: string;
	idpIdentifier?: string;
	/** OIDC `prompt` values (managed login only; the classic hosted UI ignores them). */
	prompt: string[];
	lang?: string;
}

/** The query parameters that spell an authorize request (carried from page to page). */
export function authorizeQuery(request: AuthorizeRequest): string {
	const params = new URLSearchParams();
	params.set('client_id', request.clientId);
	params.set('response_type', request.responseType);
	params.set('redirect_uri', request.redirectUri);
	params.set('scope', request.scopes.join(' '));
	if (request.state !== undefined) params.set('state', request.state);
	if (request.nonce !== undefined) params.set('nonce', request.nonce);
	if (request.codeChallenge !== undefined) {
		params.set('code_challenge', request.codeChallenge);
		params.set('code_challenge_method', 'S256');
	}
	if (request.prompt.length) params.set('prompt', request.prompt.join(' '));
	if (request.lang) params.set('lang', request.lang);
	return params.toString();
}

/** Where the browser goes when the request can't be trusted with a redirect. */
export function errorPage(env: Env, pool: PoolRecord, error: string, clientId?: string): Response {
	const params = new URLSearchParams({ error });
	if (clientId) params.set('client_id', clientId);
	return redirect(env.context.urls.url(loginHost(env, pool), `/error?${params}`));
}

/** `redirect_uri` with OAuth parameters added to its query (or, for the implicit grant, its fragment). */
export function callbackUrl(
	redirectUri: string,
	params: Array<[string, string | undefined]>,
	inFragment = false
): string {
	const url = new URL(redirectUri);
	const extra = new URLSearchParams();
	for (const [name, value] of params) if (value !== undefined) extra.append(name, value);
	if (inFragment) url.hash = extra.toString();
	else for (const [name, value] of extra) url.searchParams.append(name, value);
	return url.toString();
}

/** An error redirect to the app: `?error=…&state=…` (the implicit grant uses the fragment). */
export function errorRedirect(
	redirectUri: string,
	error: string,
	state: string | undefined,
	inFragment = false,
	description?: string
): Response {
	return redirect(
		callbackUrl(
			redirectUri,
			[
				['error_description', description],
				['error', error],
				['state', state],
			],
			inFragment
		)
	);
}

/** The client's OAuth settings as the endpoints read them. */
export const allowsFlow = (
	client: ClientRecord,
	flow: 'code' | 'implicit' | 'client_credentials'
) =>
	client.AllowedOAuthFlowsUserPoolClient === true &&
	((client.AllowedOAuthFlows ?? []) as string[]).includes(flow);

/**
 * Reads and checks an authorize request against the pool's client. Returns the request, or the response
 * to send instead (error page or error redirect).
 */
export function readAuthorize(
	env: Env,
	pool: PoolRecord,
	fields: Map<string, string>
): { request: AuthorizeRequest; client: ClientRecord } | { response: Response } {
	const clientId = fields.get('client_id') ?? '';
	const client = clientId ? pool.clients.get(clientId) : undefined;
	if (!client) return { response: errorPage(env, pool, 'invalid_request', clientId || undefined) };
	const redirectUri = fields.get('redirect_uri') ?? '';
	const callbacks: string[] = client.CallbackURLs ?? [];
	if (!redirectUri || !callbacks.includes(redirectUri))
		return { response: errorPage(env, pool, 'redirect_mismatch', clientId) };
	const state = fields.get('state');
	const responseType = fields.get('response_type');
	const implicit = responseType === 'token';
	const fail = (error: string, description?: string) => ({
		response: errorRedirect(redirectUri, error, state, implicit, description),
	});
	if (!responseType) return fail('invalid_request');
	if (responseType !== 'code' && responseType !== 'token') return fail('unsupported_response_type');
	if (!allowsFlow(client, implicit ? 'implicit' : 'code')) return fail('unauthorized_client');
	const allowed: string[] = client.AllowedOAuthScopes ?? [];
	const asked = (fields.get('scope') ?? '').split(/\s+/).filter(Boolean);
	const scopes = asked.length ? [...new Set(asked)] : [...allowed];
	if (scopes.some((scope) => !allowed.includes(scope))) return fail('invalid_scope');
	if (scopes.some((scope) => OIDC_SCOPES.includes(scope)) && !scopes.includes('openid'))
		return fail('invalid_scope');
	const challenge = fields.get('code_challenge');
	const method = fields.get('code_challenge_method');
	if (!implicit && (challenge !== undefined || method !== undefined)) {
		// Cognito supports S256 only; `plain`, a method without a challenge or the reverse are refused.
		if (method !== 'S256' || !challenge || !/^[A-Za-z0-9._~-]{43,128}$/.test(challenge))
			return fail('invalid_request');
	}
	const prompt = (fields.get('prompt') ?? '').split(' ').filter(Boolean);
	if (prompt.includes('none') && prompt.length > 1) return fail('invalid_request');
	const lang = fields.get('lang');
	return {
		client,
		request: {
			clientId,
			redirectUri,
			responseType,
			scopes,
			...(state !== undefined ? { state } : {}),
			...(fields.has('nonce') ? { nonce: fields.get('nonce')! } : {}),
			...(challenge && !implicit ? { codeChallenge: challenge } : {}),
			...(fields.get('identity_provider')
				? { identityProvider: fields.get('identity_provider')! }
				: {}),
			...(fields.get('idp_identifier') ? { idpIdentifier: fields.get('idp_identifier')! } : {}),
			prompt,
			...(lang && /^[A-Za-z-]{2,10}$/.test(lang) ? { lang } : {}),
		},
	};
}

/** The live managed login session named by the request's cookie, if any. */
export function liveSession(env: Env, pool: PoolRecord, cookie: string | undefined) {
	if (!cookie) return undefined;
	const session = managedLoginOf(pool).sessions.get(cookie);
	if (!session || session.expiresAt <= env.now()) return undefined;
	return session;
}

/** Opens a managed login session for a signed-in user: the record and its `Set-Cookie`. */
export function openLoginSession(
	env: Env,
	pool: PoolRecord,
	user: UserRecord,
	authTime: number
): string {
	const now = env.now();
	const sessions = managedLoginOf(pool).sessions;
	for (const [key, old] of sessions) if (old.expiresAt <= now) sessions.delete(key);
	const id = env.context.randomString(
		48,
		'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
	);
	sessions.set(id, {
		username: user.username,
		sub: user.attributes.sub!,
		authTime,
		expiresAt: now + SESSION_LIFETIME_MS,
	});
	return setCookie(
		SESSION_COOKIE,
		id,
		cookieScope(env.context, loginHost(env, pool)),
		SESSION_LIFETIME_MS / 1000
	);
}

/** Tokens as the user-pool engine returns them (`AuthenticationResult`). */
export interface IssuedTokens {
	AccessToken: string;
	IdToken: string;
	RefreshToken?: string;
	ExpiresIn: number;
}

/**
 * The redirect that ends a sign-in: a code (code grant) bound to the client, redirect URI and PKCE challenge,
 * or the tokens in the fragment (implicit grant, never a refresh token). Only `openid` brings an ID token.
 */
export function finishAuthorize(
	env: Env,
	pool: PoolRecord,
	request: AuthorizeRequest,
	username: string,
	tokens: IssuedTokens,
	cookies: string[]
): { response: Response; outcome: string } {
	const withId = request.scopes.includes('openid');
	if (request.responseType === 'token') {
		// The implicit grant hands out no refresh token: the one the engine recorded is dropped.
		if (tokens.RefreshToken) pool.refreshTokens.delete(tokens.RefreshToken);
		const location = callbackUrl(
			request.redirectUri,
			[
				['id_token', withId ? tokens.IdToken : undefined],
				['access_token', tokens.AccessToken],
				['expires_in', String(tokens.ExpiresIn)],
				['token_type', 'Bearer'],
				['state', request.state],
			],
			true
		);
		return {
			response: redirect(location, cookies),
			outcome: 'tokens in the fragment (implicit grant)',
		};
	}
	const codes = managedLoginOf(pool).codes;
	const now = env.now();
	for (const [key, old] of codes) if (old.expiresAt <= now) codes.delete(key);
	const code = env.context.uuid();
	codes.set(code, {
		clientId: request.clientId,
		redirectUri: request.redirectUri,
		scopes: request.scopes,
		...(request.codeChallenge ? { codeChallenge: request.codeChallenge } : {}),
		username,
		tokens: {
			...(withId ? { idToken: tokens.IdToken } : {}),
			accessToken: tokens.AccessToken,
			refreshToken: tokens.RefreshToken!,
			expiresIn: tokens.ExpiresIn,
		},
		expiresAt: now + CODE_LIFETIME_MS,
	});
	const location = callbackUrl(request.redirectUri, [
		['code', code],
		['state', request.state],
	]);
	return { response: redirect(location, cookies), outcome: 'authorization code issued' };
}
