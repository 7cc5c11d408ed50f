/**
 * Managed login and the OAuth 2.0 / OpenID Connect endpoints of a user pool's domain, served by
 * `createSandbox().fetch` on the domain's host (`<prefix>.auth.<region>.amazoncognito.com` or the custom
 * domain; in the emulator's local URL style, `<base>/_host/<host>/…`).
 *
 * Routes: `/oauth2/authorize`, `/login`, `/signup`, `/confirm`, `/forgotPassword`, `/confirmForgotPassword`,
 * `/mfa`, `/mfa/select`, `/mfa/setup`, `/login/new-password`, `/logout`, `/error`, `/oauth2/token`,
 * `/oauth2/userInfo`, `/oauth2/revoke`, `/ui/logo/<client>`. Every request leaves a `WebRequest` trace event.
 *
 * The seam for federation (../federation): `registerFederation(hooks)` routes `identity_provider` /
 * `idp_identifier` and the IdP response paths (`/oauth2/idpresponse`, `/saml2/idpresponse`) to the federation
 * code; once it has signed an external user in, it calls `completeExternalSignIn`, which opens the managed
 * login session and redirects back to the app with a code (or tokens), exactly as a local sign-in does.
 * Until hooks are registered, a request naming an external provider gets the error redirect a provider that
 * does not exist gets.
 */
import type { SandboxContext } from '../core/context';
import type { WebFrontEnd } from '../core/service';
import type { UserPoolService } from '../user-pools';
import { domainHost } from '../user-pools/domains';
import { finish, type Call } from '../user-pools/sign-in';
import type { ClientRecord, Env, PoolRecord, UserRecord } from '../user-pools/state';
import { issueTokens } from '../user-pools/token-issue';
import { loginHost } from '../user-pools/tokens';
import { findUser } from '../user-pools/util';
import {
	type AuthorizeRequest,
	authorizeQuery,
	errorPage,
	errorRedirect,
	finishAuthorize,
	type IssuedTokens,
	liveSession,
	openLoginSession,
	readAuthorize,
	SESSION_COOKIE,
} from './authorize';
import { logoOf } from './branding';
import { cookieScope, redirect, setCookie, traceFields, traceLocation } from './http';
import { text } from './pages';
import {
	forgotPage,
	loginPage,
	type Outcome,
	pageRequest,
	postChallenge,
	postConfirm,
	postConfirmForgot,
	postForgot,
	postLogin,
	postSignUp,
	signUpPage,
	unavailable,
} from './sign-in-pages';
import { revokeEndpoint, tokenEndpoint, userInfoEndpoint } from './token';
import { openVisit, type Visit } from './visit';

export type { AuthorizeRequest } from './authorize';
export { authorizeQuery, readAuthorize } from './authorize';
export { BRANDING_HANDLERS } from './branding';

/** What the federation code plugs into managed login. */
export interface FederationHooks {
	/**
	 * Sends the browser to an external IdP for an authorize request that names one (`identity_provider`, or
	 * `idp_identifier`), or that chose one on the sign-in page. Returns undefined when no such provider is
	 * configured for the pool and client (managed login then answers with the error redirect).
	 */
	redirectToProvider(context: {
		env: Env;
		pool: PoolRecord;
		client: ClientRecord;
		request: AuthorizeRequest;
		provider: { name?: string; identifier?: string };
	}): Promise<Response | undefined>;
	/** Handles other paths of the login host (`/oauth2/idpresponse`, `/saml2/idpresponse`, …); undefined: not mine. */
	handle?(context: {
		env: Env;
		pool: PoolRecord;
		path: string;
		request: Request;
	}): Promise<Response | undefined>;
}

/** Creates the managed login front end of a sandbox. */
export function createManagedLogin(context: SandboxContext, userPools: UserPoolService) {
	let federation: FederationHooks | undefined;
	const env = userPools.env;

	function poolOfHost(host: string): PoolRecord | undefined {
		for (const pool of env.state.pools.values())
			if (pool.domain && domainHost(env, pool)?.toLowerCase() === host) return pool;
		return undefined;
	}

	async function route(visit: Visit): Promise<Outcome> {
		const { path, request } = visit;
		const method = request.method;
		if (path === '/oauth2/token') return tokenEndpoint(visit);
		if (path === '/oauth2/userInfo') {
			if (method !== 'GET' && method !== 'POST') return notFound(visit);
			return userInfoEndpoint(visit);
		}
		if (path === '/oauth2/revoke') return revokeEndpoint(visit);
		if (path === '/error' && method === 'GET') return errorView(visit);
		if (path === '/logout' && method === 'GET') return logout(visit);
		if (path.startsWith('/ui/logo/') && method === 'GET') return logo(visit);
		if (federation?.handle) {
			const handled = await federation.handle({ env, pool: visit.pool, path, request });
			if (handled) return { response: handled, outcome: 'handled by federation' };
		}
		const pages = new Set([
			'/oauth2/authorize',
			'/login',
			'/signup',
			'/confirm',
			'/forgotPassword',
			'/confirmForgotPassword',
			'/mfa',
			'/mfa/select',
			'/mfa/setup',
			'/login/new-password',
		]);
		if (!pages.has(path) || (method !== 'GET' && method !== 'POST')) return notFound(visit);
		const read = pageRequest(visit);
		if ('response' in read)
			return { response: read.response, outcome: 'authorize request refused' };
		const { request: authorize, client } = read;
		if (path === '/oauth2/authorize') return authorizeEndpoint(visit, client, authorize);
		const closed = unavailable(visit, client);
		if (closed) return closed;
		if (method === 'GET') {
			if (path === '/login') {
				const silent = await silentSignIn(visit, client, authorize);
				if (silent) return silent;
				return { response: loginPage(visit, client, authorize), outcome: 'sign-in page' };
			}
			if (path === '/signup')
				return { response: signUpPage(visit, client, authorize), outcome: 'sign-up page' };
			if (path === '/forgotPassword')
				return { response: forgotPage(visit, client, authorize), outcome: 'forgot-password page' };
			return {
				response: redirect(visit.at(`/login?${authorizeQuery(authorize)}`)),
				outcome: 'back to sign-in',
			};
		}
		if (!visit.csrfValid())
			return {
				response: loginPage(visit, client, authorize, {
					error: 'Your session on this page expired. Please try again.',
					status: 403,
				}),
				outcome: 'CSRF token missing or wrong',
				error: 'csrf',
			};
		switch (path) {
			case '/login':
				return postLogin(visit, client, authorize);
			case '/mfa':
				return postChallenge(visit, client, authorize, 'code');
			case '/mfa/select':
				return postChallenge(visit, client, authorize, 'select');
			case '/mfa/setup':
				return postChallenge(visit, client, authorize, 'setup');
			case '/login/new-password':
				return postChallenge(visit, client, authorize, 'new-password');
			case '/signup':
				return postSignUp(visit, client, authorize);
			case '/confirm':
				return postConfirm(visit, client, authorize);
			case '/forgotPassword':
				return postForgot(visit, client, authorize);
			default:
				return postConfirmForgot(visit, client, authorize);
		}
	}

	/** GET /oauth2/authorize: to an IdP, silently back to the app, or to the sign-in page. */
	async function authorizeEndpoint(
		visit: Visit,
		client: ClientRecord,
		request: AuthorizeRequest
	): Promise<Outcome> {
		if (visit.request.method !== 'GET') return notFound(visit);
		const implicit = request.responseType === 'token';
		const provider = request.identityProvider;
		if ((provider && provider !== 'COGNITO') || request.idpIdentifier) {
			const supported: string[] = client.SupportedIdentityProviders ?? [];
			const allowedName = !provider || supported.includes(provider);
			const sent =
				allowedName && federation
					? await federation.redirectToProvider({
							env,
							pool: visit.pool,
							client,
							request,
							provider: {
								...(provider ? { name: provider } : {}),
								...(request.idpIdentifier ? { identifier: request.idpIdentifier } : {}),
							},
						})
					: undefined;
			if (sent)
				return {
					response: sent,
					outcome: `to identity provider ${provider ?? request.idpIdentifier}`,
				};
			// Wording ours: the error a provider that isn't configured for the client gets.
			return {
				response: errorRedirect(
					request.redirectUri,
					'invalid_request',
					request.state,
					implicit,
					'identity provider is not enabled for this client'
				),
				outcome: 'unknown identity provider',
				error: 'invalid_request',
			};
		}
		const closed = unavailable(visit, client);
		if (closed) return closed;
		const silent = await silentSignIn(visit, client, request);
		if (silent) return silent;
		const managed = (visit.pool.domain?.ManagedLoginVersion ?? 1) === 2;
		if (managed && request.prompt.includes('none'))
			return {
				response: errorRedirect(request.redirectUri, 'login_required', request.state, implicit),
				outcome: 'prompt=none without a session',
				error: 'login_required',
			};
		return {
			response: redirect(visit.at(`/login?${authorizeQuery(request)}`), visit.setCookies),
			outcome: 'to the sign-in page',
		};
	}

	/**
	 * Signs in silently from the managed login session cookie (not with `prompt=login` on managed login):
	 * new tokens from the same sign-in (`auth_time` kept), pre token generation as `TokenGeneration_HostedAuth`.
	 */
	async function silentSignIn(
		visit: Visit,
		client: ClientRecord,
		request: AuthorizeRequest
	): Promise<Outcome | undefined> {
		const managed = (visit.pool.domain?.ManagedLoginVersion ?? 1) === 2;
		if (managed && request.prompt.includes('login')) return undefined;
		const session = liveSession(env, visit.pool, visit.cookies.get(SESSION_COOKIE));
		if (!session) return undefined;
		const user = findUser(visit.pool, session.username);
		if (!user || user.attributes.sub !== session.sub || !user.enabled) return undefined;
		const call: Call = { env, pool: visit.pool, client, flow: 'ManagedLogin' };
		const tokens = (await issueTokens(
			call,
			user,
			'TokenGeneration_HostedAuth',
			{
				eventId: context.uuid(),
				originJti: context.uuid(),
				authTime: session.authTime,
				oauth: {
					scopes: request.scopes,
					...(request.nonce !== undefined ? { nonce: request.nonce } : {}),
				},
			},
			true
		)) as unknown as IssuedTokens;
		const done = finishAuthorize(env, visit.pool, request, user.username, tokens, visit.setCookies);
		return { ...done, outcome: `silent sign-in from the session cookie: ${done.outcome}` };
	}

	/** GET /logout: ends the managed login session (issued tokens stay valid until they expire). */
	function logout(visit: Visit): Outcome {
		const clientId = visit.query.get('client_id') ?? '';
		const client = clientId ? visit.pool.clients.get(clientId) : undefined;
		if (!client)
			return {
				response: errorPage(env, visit.pool, 'invalid_request', clientId || undefined),
				outcome: 'unknown client',
				error: 'invalid_request',
			};
		const sessionId = visit.cookies.get(SESSION_COOKIE);
		if (sessionId) visit.pool.managedLogin?.sessions.delete(sessionId);
		const cleared = setCookie(SESSION_COOKIE, '', cookieScope(context, visit.host), 0);
		const logoutUri = visit.query.get('logout_uri');
		if (logoutUri !== undefined) {
			if (!((client.LogoutURLs ?? []) as string[]).includes(logoutUri))
				return {
					response: errorPage(env, visit.pool, 'redirect_mismatch', clientId),
					outcome: 'logout_uri is not a sign-out URL of the client',
					error: 'redirect_mismatch',
				};
			return { response: redirect(logoutUri, [cleared]), outcome: 'signed out, back to the app' };
		}
		const read = readAuthorize(env, visit.pool, visit.query);
		if ('response' in read)
			return {
				response: read.response,
				outcome: 'logout request refused',
				error: 'redirect_mismatch',
			};
		return {
			response: redirect(visit.at(`/login?${authorizeQuery(read.request)}`), [cleared]),
			outcome: 'signed out, to the sign-in page',
		};
	}

	/** GET /error: the page the service shows when it can't redirect back to the app. */
	function errorView(visit: Visit): Outcome {
		const error = (visit.query.get('error') ?? 'invalid_request').slice(0, 64);
		const client = visit.pool.clients.get(visit.query.get('client_id') ?? '');
		return {
			response: visit.page(
				client,
				'An error was encountered with the requested page.',
				(look) => text(look, `Error: ${error}`),
				{ status: 400 }
			),
			outcome: `error page (${error})`,
			error,
		};
	}

	function logo(visit: Visit): Outcome {
		const key = decodeURIComponent(visit.path.slice('/ui/logo/'.length));
		const image = logoOf(visit.pool, key);
		if (!image) return notFound(visit);
		return {
			response: new Response(new Uint8Array(image.bytes), {
				status: 200,
				headers: { 'content-type': image.type, 'cache-control': 'max-age=60' },
			}),
			outcome: 'logo',
		};
	}

	function notFound(visit: Visit): Outcome {
		return {
			response: visit.page(
				undefined,
				'Page not found',
				(look) => text(look, 'There is no page at this address.'),
				{
					status: 404,
				}
			),
			outcome: 'not found',
			error: 'not_found',
		};
	}

	const frontEnd: WebFrontEnd = {
		serves: (host) => poolOfHost(host) !== undefined,
		async fetch(request, target, caller) {
			const pool = poolOfHost(target.host)!;
			const visit = await openVisit(env, userPools, pool, request, target);
			const { response, outcome, error } = await route(visit);
			const location = response.headers.get('location');
			context.emit({
				type: 'WebRequest',
				service: 'managed-login',
				host: target.host,
				method: request.method,
				path: target.path,
				request: traceFields(new Map([...visit.query, ...visit.form])),
				status: response.status,
				...(location ? { location: traceLocation(location) } : {}),
				outcome,
				...(error ? { error } : {}),
				...(caller ? { caller } : {}),
				at: context.clock.now(),
			});
			return response;
		},
	};

	return {
		frontEnd,
		/** Plugs the federation code in (see {@link FederationHooks}). */
		registerFederation(hooks: FederationHooks) {
			federation = hooks;
		},
		/**
		 * Ends the managed login sign-in of a user an external IdP vouched for: runs what every sign-in ends with
		 * (post authentication, pre token generation as `TokenGeneration_HostedAuth`, tokens with the request's
		 * scopes and nonce), opens the session cookie and redirects back to the app with a code or tokens.
		 * `cookies` are extra `Set-Cookie` values for the response (e.g. clearing the federation's state cookie).
		 */
		async completeExternalSignIn(args: {
			pool: PoolRecord;
			client: ClientRecord;
			request: AuthorizeRequest;
			user: UserRecord;
			cookies?: string[];
		}): Promise<Response> {
			const call: Call = {
				env,
				pool: args.pool,
				client: args.client,
				flow: 'ManagedLogin',
				hosted: {
					scopes: args.request.scopes,
					...(args.request.nonce !== undefined ? { nonce: args.request.nonce } : {}),
				},
			};
			const result = await finish(call, args.user, 'TokenGeneration_HostedAuth');
			const tokens = result.AuthenticationResult as IssuedTokens;
			const cookie = openLoginSession(env, args.pool, args.user, Math.floor(env.now() / 1000));
			return finishAuthorize(env, args.pool, args.request, args.user.username, tokens, [
				...(args.cookies ?? []),
				cookie,
			]).response;
		},
		/** The login host of a pool (its domain), for links. */
		loginHost: (pool: PoolRecord) => loginHost(env, pool),
	};
}

export type ManagedLogin = ReturnType<typeof createManagedLogin>;
