/**
 * The endpoints of the mock OAuth 2.0 / OpenID Connect providers (Google, Facebook, Login with Amazon, Sign in
 * with Apple and generic OIDC issuers): the consent page where the learner decides who signs in, the token
 * endpoint (authorization codes are single-use, bound to client and redirect URI, valid 10 minutes), the
 * userinfo / profile endpoint, JWKS and discovery. Answers and errors have each provider's own shapes.
 */
import { SignJWT, decodeJwt, decodeProtectedHeader } from 'jose';
import type { SandboxContext } from '../../core/context';
import type { RequestTarget } from '../../core/urls';
import type { SigningKey } from '../../identity/key-ring';
import { escapeHtml, hiddenFields, htmlPage, originOf, textField } from './html';
import { OIDC_PATHS, type OAuthRoute } from './routes';
import { OAUTH_SPECS, type IdpProfile, type OAuthSpec, type TokenContext } from './specs';
import type { MockIdpState } from './state';

/** What the mock providers share. */
export interface IdpEnv {
	context: SandboxContext;
	state(): MockIdpState;
	/** The signing key of a provider (by {@link idpName}). */
	key(name: string): Promise<SigningKey>;
}

/** How long an authorization code lives. */
const CODE_LIFETIME_MS = 10 * 60_000;
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** The name a provider's state and keys are kept under. */
export const idpName = (route: Pick<OAuthRoute, 'kind' | 'issuer'>) =>
	route.kind === 'OIDC' ? `OIDC ${route.issuer}` : route.kind;

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
	new Response(JSON.stringify(body), {
		status,
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'cache-control': 'no-store',
			...headers,
		},
	});

/** A provider's error document, in its own shape. */
function providerError(
	spec: OAuthSpec,
	error: string,
	description: string,
	status = 400
): Response {
	switch (spec.kind) {
		case 'Facebook':
			return json(
				{
					error: {
						message: description,
						type: 'OAuthException',
						code: error === 'invalid_token' ? 190 : 100,
					},
				},
				status
			);
		case 'LoginWithAmazon':
			return json({ error_description: description, error }, status);
		case 'SignInWithApple':
			return json({ error }, status);
		default:
			return json({ error, error_description: description }, status);
	}
}

/** The URL clients use for an endpoint of a provider (in the sandbox's URL style). */
function endpointUrl(env: IdpEnv, url: string): string {
	const parsed = new URL(url);
	return env.context.urls.url(parsed.host, parsed.pathname + parsed.search);
}

/** Where each endpoint of a provider lives (real URLs; {@link endpointUrl} respells them). */
function endpointsOf(
	route: OAuthRoute
): Record<'authorize' | 'token' | 'userinfo' | 'jwks', string> {
	switch (route.kind) {
		case 'Google':
			return {
				authorize: 'https://accounts.google.com/o/oauth2/v2/auth',
				token: 'https://oauth2.googleapis.com/token',
				userinfo: 'https://openidconnect.googleapis.com/v1/userinfo',
				jwks: 'https://www.googleapis.com/oauth2/v3/certs',
			};
		case 'SignInWithApple':
			return {
				authorize: 'https://appleid.apple.com/auth/authorize',
				token: 'https://appleid.apple.com/auth/token',
				userinfo: 'https://appleid.apple.com/auth/userinfo',
				jwks: 'https://appleid.apple.com/auth/keys',
			};
		default: {
			const base = route.issuer.replace(/\/+$/, '');
			return {
				authorize: base + OIDC_PATHS.authorize,
				token: base + OIDC_PATHS.token,
				userinfo: base + OIDC_PATHS.userinfo,
				jwks: base + OIDC_PATHS.jwks,
			};
		}
	}
}

/** Reads a form body (or, for GET, the query). */
async function formOf(request: Request): Promise<URLSearchParams> {
	if (request.method === 'GET' || request.method === 'HEAD')
		return new URL(request.url).searchParams;
	const type = request.headers.get('content-type') ?? '';
	if (!type.startsWith('application/x-www-form-urlencoded')) return new URLSearchParams();
	return new URLSearchParams(await request.text());
}

/** The default person offered at a provider: the last one who signed in there, or a new one. */
function defaultProfile(env: IdpEnv, spec: OAuthSpec, name: string): IdpProfile {
	const last = env.state().lastProfiles.get(name);
	if (last) return last;
	return {
		id: spec.newId(env.context.randomString),
		email: 'jane.doe@example.com',
		emailVerified: true,
		name: 'Jane Doe',
		groups: [],
	};
}

/** The profile the learner submitted (blank fields fall back to the defaults). */
function submittedProfile(form: URLSearchParams, fallback: IdpProfile): IdpProfile {
	const field = (name: string) => (form.get(name) ?? '').trim();
	return {
		id: field('user_id') || fallback.id,
		email: field('email'),
		emailVerified: form.get('email_verified') === 'on',
		name: field('name'),
		groups: field('groups')
			.split(',')
			.map((group) => group.trim())
			.filter(Boolean),
	};
}

const AUTHORIZE_PARAMS = [
	'client_id',
	'redirect_uri',
	'response_type',
	'scope',
	'state',
	'nonce',
	'response_mode',
	'code_challenge',
	'code_challenge_method',
] as const;

/** The authorize endpoint: the consent page (GET) and the learner's answer (POST). */
async function authorize(
	env: IdpEnv,
	route: OAuthRoute,
	spec: OAuthSpec,
	request: Request
): Promise<Response> {
	const form =
		request.method === 'POST' ? await formOf(request) : new URL(request.url).searchParams;
	const params = Object.fromEntries(
		AUTHORIZE_PARAMS.map((name) => [name, form.get(name) ?? undefined])
	) as Record<(typeof AUTHORIZE_PARAMS)[number], string | undefined>;
	const name = idpName(route);
	const redirect =
		params.redirect_uri && originOf(params.redirect_uri) ? params.redirect_uri : undefined;
	if (!params.client_id || !redirect)
		return htmlPage({
			brand: spec.brand,
			title: 'That request is not valid',
			status: 400,
			body: `<p>The app sent ${!params.client_id ? 'no <code>client_id</code>' : 'no valid <code>redirect_uri</code>'}, so ${escapeHtml(spec.brand)} cannot continue.</p>`,
		});
	const answer = (fields: Record<string, string | undefined>) =>
		answerApp(spec, redirect, fields, params.state);
	if (params.response_type !== 'code') return answer({ error: 'unsupported_response_type' });
	const scope = (params.scope ?? '').split(/[\s,]+/).filter(Boolean);

	if (request.method !== 'POST') {
		const profile = defaultProfile(env, spec, name);
		return htmlPage({
			brand: spec.brand,
			title: `Sign in with ${spec.brand.replace(/^Sign in with |^Login with /, '')}`,
			body:
				`<p>to continue to <strong>${escapeHtml(params.client_id)}</strong></p>` +
				`<p class="note">This is the sandbox's mock ${escapeHtml(spec.brand)}. Nobody has an account here: choose who signs in. The app asked for <code>${escapeHtml(scope.join(' ') || '(no scope)')}</code>, so ${escapeHtml(spec.brand)} will share ${escapeHtml(spec.consent)}.</p>` +
				`<form method="post">` +
				hiddenFields(params) +
				textField(
					'user_id',
					`User id at ${spec.brand}`,
					profile.id,
					'text',
					'The id the app will see (Cognito builds the username from it).'
				) +
				textField('email', 'Email', profile.email, 'email') +
				`<label class="check"><input type="checkbox" name="email_verified" id="email_verified"${profile.emailVerified ? ' checked' : ''}> Email verified</label>` +
				textField('name', 'Name', profile.name) +
				textField('groups', 'Groups (comma-separated)', profile.groups.join(', ')) +
				`<div class="actions"><button type="submit" name="decision" value="allow">Continue</button>` +
				`<button type="submit" name="decision" value="deny" class="secondary">Cancel</button></div></form>`,
		});
	}

	if (form.get('decision') !== 'allow')
		return answer(
			spec.kind === 'Facebook'
				? {
						error: 'access_denied',
						error_code: '200',
						error_description: 'Permissions error',
						error_reason: 'user_denied',
					}
				: spec.kind === 'SignInWithApple'
					? { error: 'user_cancelled_authorize' }
					: {
							error: 'access_denied',
							...(spec.kind === 'LoginWithAmazon'
								? { error_description: 'The user denied the request.' }
								: {}),
						}
		);
	const profile = submittedProfile(form, defaultProfile(env, spec, name));
	const state = env.state();
	state.lastProfiles.set(name, profile);
	const code = `${spec.kind === 'Google' ? '4/0A' : ''}${env.context.randomString(spec.kind === 'Facebook' ? 96 : 43, ALNUM)}`;
	state.grants.set(code, {
		idp: name,
		clientId: params.client_id,
		redirectUri: redirect,
		scope,
		...(params.nonce ? { nonce: params.nonce } : {}),
		profile,
		expiresAt: env.context.clock.now() + CODE_LIFETIME_MS,
		used: false,
	});
	return answer({
		code,
		...(spec.kind === 'Google' ? { scope: scope.join(' '), authuser: '0', prompt: 'consent' } : {}),
		...(spec.kind === 'LoginWithAmazon' ? { scope: scope.join(' ') } : {}),
		...(spec.formPost && (scope.includes('name') || scope.includes('email'))
			? {
					user: JSON.stringify({
						name: {
							firstName: profile.name.split(' ')[0] ?? '',
							lastName: profile.name.split(' ').slice(1).join(' '),
						},
						email: profile.email,
					}),
				}
			: {}),
	});
}

/** Sends the answer to the app: a redirect with the fields in the query, or (Apple) a form posted back. */
async function answerApp(
	spec: OAuthSpec,
	redirectUri: string,
	fields: Record<string, string | undefined>,
	state: string | undefined
): Promise<Response> {
	const all = { ...fields, ...(state !== undefined ? { state } : {}) };
	if (spec.formPost)
		return htmlPage({
			brand: spec.brand,
			title: 'Continue to the app',
			body:
				`<p>${escapeHtml(spec.brand)} posts its answer back to the app (<code>response_mode=form_post</code>).</p>` +
				`<form method="post" action="${escapeHtml(redirectUri)}">${hiddenFields(all)}` +
				`<div class="actions"><button type="submit">Continue</button></div></form>`,
		});
	const url = new URL(redirectUri);
	for (const [key, value] of Object.entries(all))
		if (value !== undefined) url.searchParams.set(key, value);
	return new Response(null, {
		status: 302,
		headers: { location: url.toString() + (spec.fragment ?? '') },
	});
}

/** The client id and secret a token request authenticates with (Basic header or body). */
function clientCredentials(
	request: Request,
	form: URLSearchParams
): { id?: string; secret?: string } {
	const basic = /^Basic\s+(.+)$/i.exec(request.headers.get('authorization') ?? '')?.[1];
	if (basic) {
		try {
			const [id, secret] = atob(basic).split(':');
			return { id: decodeURIComponent(id ?? ''), secret: decodeURIComponent(secret ?? '') };
		} catch {
			return {};
		}
	}
	return { id: form.get('client_id') ?? undefined, secret: form.get('client_secret') ?? undefined };
}

/** Apple's client secret is a JWT the developer signs (ES256) with iss = team id, sub = client id. */
function checkAppleClientSecret(secret: string, clientId: string, now: number): boolean {
	try {
		const header = decodeProtectedHeader(secret);
		const claims = decodeJwt(secret);
		return (
			header.alg === 'ES256' &&
			typeof header.kid === 'string' &&
			claims.sub === clientId &&
			claims.aud === 'https://appleid.apple.com' &&
			typeof claims.iss === 'string' &&
			typeof claims.exp === 'number' &&
			claims.exp > now
		);
	} catch {
		return false;
	}
}

/** `at_hash`: the left half of SHA-256 of the access token, base64url. */
async function atHash(accessToken: string): Promise<string> {
	const digest = new Uint8Array(
		await crypto.subtle.digest('SHA-256', new TextEncoder().encode(accessToken))
	);
	let binary = '';
	for (const byte of digest.subarray(0, 16)) binary += String.fromCharCode(byte);
	return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Signs an ID token of a provider. */
export async function signIdToken(
	env: IdpEnv,
	route: OAuthRoute,
	context: TokenContext,
	extra: Record<string, unknown> = {}
) {
	const spec = OAUTH_SPECS[route.kind];
	const key = await env.key(idpName(route));
	const claims = {
		iss: route.issuer,
		aud: context.clientId,
		...spec.idClaims!(context),
		...extra,
		iat: context.now,
		exp: context.now + 3600,
	};
	return new SignJWT(claims)
		.setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
		.sign(key.privateKey);
}

/** The token endpoint: exchanges an authorization code. */
async function token(
	env: IdpEnv,
	route: OAuthRoute,
	spec: OAuthSpec,
	request: Request
): Promise<Response> {
	const form = await formOf(request);
	const client = clientCredentials(request, form);
	const state = env.state();
	const now = env.context.clock.now();
	if (form.get('grant_type') !== 'authorization_code' && spec.kind !== 'Facebook')
		return providerError(
			spec,
			'unsupported_grant_type',
			'Invalid grant_type: only authorization_code is supported here.'
		);
	const code = form.get('code') ?? '';
	const grant = state.grants.get(code);
	if (!client.id || (spec.kind !== 'OIDC' && !client.secret))
		return providerError(spec, 'invalid_client', 'Client authentication failed.', 401);
	if (
		spec.kind === 'SignInWithApple' &&
		!checkAppleClientSecret(client.secret!, client.id, Math.floor(now / 1000))
	)
		return providerError(spec, 'invalid_client', 'invalid_client', 400);
	if (
		!grant ||
		grant.idp !== idpName(route) ||
		grant.used ||
		grant.expiresAt <= now ||
		grant.clientId !== client.id ||
		grant.redirectUri !== (form.get('redirect_uri') ?? '')
	) {
		if (grant) grant.used = true;
		return providerError(
			spec,
			'invalid_grant',
			spec.kind === 'Facebook'
				? 'This authorization code has been used or has expired.'
				: spec.kind === 'LoginWithAmazon'
					? 'The request has an invalid grant parameter : code'
					: 'Bad Request'
		);
	}
	grant.used = true;
	const accessToken = spec.accessToken(env.context.randomString);
	state.tokens.set(accessToken, {
		idp: grant.idp,
		clientId: grant.clientId,
		scope: grant.scope,
		profile: grant.profile,
		expiresAt: now + 3600_000,
	});
	const context: TokenContext = {
		profile: grant.profile,
		clientId: grant.clientId,
		scope: grant.scope,
		...(grant.nonce ? { nonce: grant.nonce } : {}),
		now: Math.floor(now / 1000),
		issuer: route.issuer,
	};
	const body = spec.tokenResponse(accessToken, context);
	if (spec.oidc && (grant.scope.includes('openid') || spec.kind === 'SignInWithApple'))
		body.id_token = await signIdToken(
			env,
			route,
			context,
			spec.kind === 'SignInWithApple' ? {} : { at_hash: await atHash(accessToken) }
		);
	return json(body);
}

/** The userinfo / profile endpoint: bearer token (header, or `access_token` for Facebook and Amazon). */
async function userinfo(
	env: IdpEnv,
	route: OAuthRoute,
	spec: OAuthSpec,
	request: Request,
	target: RequestTarget
): Promise<Response> {
	const form = await formOf(request);
	const bearer =
		/^Bearer\s+(.+)$/i.exec(request.headers.get('authorization') ?? '')?.[1] ??
		form.get('access_token') ??
		'';
	const record = env.state().tokens.get(bearer);
	if (!record || record.idp !== idpName(route) || record.expiresAt <= env.context.clock.now())
		return providerError(spec, 'invalid_token', 'Invalid Credentials', 401);
	const context: TokenContext = {
		profile: record.profile,
		clientId: record.clientId,
		scope: record.scope,
		now: Math.floor(env.context.clock.now() / 1000),
		issuer: route.issuer,
	};
	if (target.host === 'people.googleapis.com') {
		const { profile } = record;
		const source = { metadata: { primary: true, source: { type: 'PROFILE', id: profile.id } } };
		return json({
			resourceName: `people/${profile.id}`,
			etag: `%${env.context.randomString(20, ALNUM)}`,
			names: [
				{
					...source,
					displayName: profile.name,
					givenName: profile.name.split(' ')[0],
					familyName: profile.name.split(' ').slice(1).join(' '),
				},
			],
			emailAddresses: [{ ...source, value: profile.email }],
		});
	}
	const fields = (form.get('fields') ?? '')
		.split(',')
		.map((field) => field.trim())
		.filter(Boolean);
	return json(spec.profileDocument(context, fields.length ? fields : undefined));
}

/** Serves one request to a mock OAuth / OIDC provider. */
export async function serveOAuth(
	env: IdpEnv,
	route: OAuthRoute,
	request: Request,
	target: RequestTarget
): Promise<Response> {
	const spec = OAUTH_SPECS[route.kind];
	switch (route.endpoint) {
		case 'authorize':
			return authorize(env, route, spec, request);
		case 'token':
			return request.method === 'POST' || spec.kind === 'Facebook'
				? token(env, route, spec, request)
				: providerError(spec, 'invalid_request', 'The token endpoint takes POST.', 405);
		case 'userinfo':
			return userinfo(env, route, spec, request, target);
		case 'jwks': {
			const key = await env.key(idpName(route));
			return json({ keys: [key.publicJwk] });
		}
		case 'discovery': {
			const endpoints = endpointsOf(route);
			return json({
				issuer: route.issuer,
				authorization_endpoint: endpointUrl(env, endpoints.authorize),
				token_endpoint: endpointUrl(env, endpoints.token),
				userinfo_endpoint: endpointUrl(env, endpoints.userinfo),
				jwks_uri: endpointUrl(env, endpoints.jwks),
				response_types_supported: ['code'],
				subject_types_supported: ['public'],
				id_token_signing_alg_values_supported: ['RS256'],
				scopes_supported: ['openid', 'email', 'profile'],
				token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
				claims_supported: [
					'sub',
					'email',
					'email_verified',
					'name',
					'given_name',
					'family_name',
					'groups',
				],
			});
		}
	}
}
