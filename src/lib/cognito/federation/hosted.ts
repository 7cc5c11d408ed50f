/**
 * Federation in the managed-login flow: `/oauth2/authorize?identity_provider=…` (or `idp_identifier=…`) sends
 * the browser to the IdP; `/oauth2/idpresponse` (OAuth 2.0 / OIDC, GET or Apple's form post) and
 * `/saml2/idpresponse` (SAML HTTP-POST; SP- or IdP-initiated) receive the answer, sign the user in to the pool
 * and hand back to the OAuth front end, which issues the app's code. The sign-in under way is remembered in
 * the pool (`federation.pending`) under the `state` / `RelayState` the IdP echoes: single use, one hour.
 */
import type { RequestTarget } from '../core/urls';
import type { Env, PoolRecord } from '../user-pools/state';
import { loginHost } from '../user-pools/tokens';
import type { AuthorizationHost, FederationHooks } from './deps';
import { escapeHtml, htmlPage } from './idps/html';
import { federationOf } from './providers';
import {
	authorizeUrl,
	FederationError,
	finishOAuth,
	finishSaml,
	type ExternalIdentity,
} from './relying-party';
import { signInExternalUser } from './sign-in';
import type { IdentityProviderRecord, PendingSignInRecord } from './state';

/** How long a federated sign-in may take at the IdP. */
const PENDING_LIFETIME_MS = 60 * 60_000;
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** The classic hosted UI's words for a provider the app cannot use. */
const NOT_AVAILABLE = 'Login option is not available. Please try another one';

const redirect = (location: string) => new Response(null, { status: 302, headers: { location } });

/** An error page on the login domain (when there is no app to send the error to). */
const errorPage = (message: string, status = 400) =>
	htmlPage({
		brand: 'Amazon Cognito',
		title: 'An error was encountered with the requested page.',
		status,
		body: `<p>${escapeHtml(message)}</p>`,
	});

/** Reads GET query or POST form fields. */
async function fieldsOf(request: Request): Promise<URLSearchParams> {
	if (request.method !== 'POST') return new URL(request.url).searchParams;
	const type = request.headers.get('content-type') ?? '';
	return type.startsWith('application/x-www-form-urlencoded')
		? new URLSearchParams(await request.text())
		: new URLSearchParams();
}

/** The provider an authorize request names, if the app client may use it. */
function providerFor(
	pool: PoolRecord,
	supported: string[],
	name: string | undefined,
	identifier: string | undefined
): IdentityProviderRecord | undefined {
	const providers = [...federationOf(pool).providers.values()];
	const provider = name
		? providers.find((candidate) => candidate.ProviderName === name)
		: providers.find(
				(candidate) => identifier !== undefined && candidate.IdpIdentifiers.includes(identifier)
			);
	return provider && supported.includes(provider.ProviderName) ? provider : undefined;
}

/** Creates federation's side of the managed-login seam over the user-pool engine. */
export function createFederationHooks(env: Env): FederationHooks {
	const host = (): AuthorizationHost => {
		const connected = env.federation?.authorization;
		if (!connected)
			throw new FederationError('server_error', 'Managed login is not available in this sandbox.');
		return connected;
	};

	/** Finds and consumes a pending sign-in by the id the IdP echoed. */
	function takePending(
		id: string | null
	): { pool: PoolRecord; pending: PendingSignInRecord } | undefined {
		if (!id) return undefined;
		for (const pool of env.state.pools.values()) {
			const pending = pool.federation?.pending.get(id);
			if (!pending) continue;
			pool.federation!.pending.delete(id);
			return pending.expiresAt > env.now() ? { pool, pending } : undefined;
		}
		return undefined;
	}

	/** Signs the identity in and continues the app's authorization (or sends it the error). */
	async function finish(
		pool: PoolRecord,
		provider: IdentityProviderRecord,
		requestId: string,
		clientId: string,
		identify: () => Promise<ExternalIdentity>
	): Promise<Response> {
		try {
			const identity = await identify();
			const user = await signInExternalUser(env, pool, provider, identity, clientId);
			return await host().complete(requestId, {
				userPoolId: pool.id,
				username: user.username,
				providerName: provider.ProviderName,
			});
		} catch (error) {
			if (error instanceof FederationError)
				return host().fail(requestId, error.error, error.description);
			throw error;
		}
	}

	async function oauthResponse(request: Request, target: RequestTarget): Promise<Response> {
		const answer = await fieldsOf(request);
		const found = takePending(answer.get('state'));
		if (!found) return errorPage('Invalid state: the sign-in expired or was already completed.'); // wording chosen
		const { pool, pending } = found;
		const provider = pool.federation?.providers.get(pending.providerName);
		if (!provider) return host().fail(pending.requestId, 'invalid_request', NOT_AVAILABLE);
		return finish(pool, provider, pending.requestId, pending.clientId, () =>
			finishOAuth(env, provider, answer, pending, target.host)
		);
	}

	async function samlResponse(request: Request, target: RequestTarget): Promise<Response> {
		const form = await fieldsOf(request);
		const encoded = form.get('SAMLResponse');
		if (request.method !== 'POST' || !encoded)
			return errorPage('Invalid samlResponse or relayState from identity provider');
		const found = takePending(form.get('RelayState'));
		if (found) {
			const { pool, pending } = found;
			const provider = pool.federation?.providers.get(pending.providerName);
			if (!provider) return host().fail(pending.requestId, 'invalid_request', NOT_AVAILABLE);
			return finish(pool, provider, pending.requestId, pending.clientId, async () => {
				const identity = await finishSaml(env, pool, provider, encoded, target.host);
				if (identity.inResponseTo !== pending.requestIdAtIdp)
					throw new FederationError(
						'invalid_request',
						'Invalid SAML response received: InResponseTo does not match the request'
					); // wording chosen
				return identity;
			});
		}
		// IdP-initiated: the app's authorize parameters come on the ACS URL.
		const params = new URL(request.url).searchParams;
		const pool = [...env.state.pools.values()].find(
			(candidate) => loginHost(env, candidate) === target.host
		);
		const provider = pool?.federation?.providers.get(params.get('identity_provider') ?? '');
		if (
			!pool ||
			!provider ||
			provider.ProviderType !== 'SAML' ||
			provider.ProviderDetails.IDPInit !== 'true'
		)
			return errorPage('Invalid samlResponse or relayState from identity provider');
		const opened = await host().open(target.host, params);
		if ('response' in opened) return opened.response;
		return finish(pool, provider, opened.requestId, params.get('client_id') ?? '', async () => {
			const identity = await finishSaml(env, pool, provider, encoded, target.host);
			if (identity.inResponseTo)
				throw new FederationError(
					'invalid_request',
					'Invalid samlResponse or relayState from identity provider'
				);
			return identity;
		});
	}

	return {
		handles: (path) => path === '/oauth2/idpresponse' || path === '/saml2/idpresponse',
		async fetch(request, target) {
			try {
				return target.path === '/saml2/idpresponse'
					? await samlResponse(request, target)
					: await oauthResponse(request, target);
			} catch (error) {
				if (error instanceof FederationError)
					return errorPage(error.description, error.error === 'server_error' ? 503 : 400);
				throw error;
			}
		},
		async startSignIn(request) {
			const pool = env.state.pools.get(request.userPoolId);
			const client = pool?.clients.get(request.clientId);
			if (!pool || !client) return errorPage(NOT_AVAILABLE);
			const provider = providerFor(
				pool,
				client.SupportedIdentityProviders ?? [],
				request.providerName,
				request.idpIdentifier
			);
			if (!provider) return host().fail(request.requestId, 'invalid_request', NOT_AVAILABLE);
			const state = federationOf(pool);
			const now = env.now();
			for (const [id, pending] of state.pending)
				if (pending.expiresAt <= now) state.pending.delete(id);
			const pending: PendingSignInRecord = {
				id: env.context.randomString(43, ALNUM),
				providerName: provider.ProviderName,
				requestId: request.requestId,
				clientId: client.ClientId,
				...(['Google', 'SignInWithApple', 'OIDC'].includes(provider.ProviderType)
					? { nonce: env.context.randomString(43, ALNUM) }
					: {}),
				...(provider.ProviderType === 'SAML'
					? { requestIdAtIdp: `_${env.context.randomString(40, '0123456789abcdef')}` }
					: {}),
				expiresAt: now + PENDING_LIFETIME_MS,
			};
			try {
				const location = await authorizeUrl(env, pool, provider, pending, request.loginHost);
				state.pending.set(pending.id, pending);
				return redirect(location);
			} catch (error) {
				if (error instanceof FederationError)
					return host().fail(request.requestId, error.error, error.description);
				throw error;
			}
		},
	};
}
