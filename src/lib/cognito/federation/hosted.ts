/**
 * Federation in managed login (the seam is ../oauth `FederationHooks`): `/oauth2/authorize?identity_provider=…`
 * (or `idp_identifier=…`) sends the browser to the IdP; `/oauth2/idpresponse` (OAuth 2.0 / OIDC, GET or
 * Apple's form post) and `/saml2/idpresponse` (SAML HTTP-POST; SP- or IdP-initiated) receive the answer, sign
 * the user in to the pool and hand back to managed login (`completeExternalSignIn`), which opens the session
 * and sends the app its code. The sign-in under way is kept in the pool (`federation.pending`) under the
 * `state` / `RelayState` the IdP echoes, with the app's authorize request: single use, one hour.
 */
import type { AuthorizeRequest, FederationHooks, ManagedLogin } from '../oauth';
import { errorRedirect, readAuthorize } from '../oauth/authorize';
import type { ClientRecord, Env, PoolRecord } from '../user-pools/state';
import { loginHost } from '../user-pools/tokens';
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
/** The service's words when an IdP's answer cannot be tied to a sign-in (SAML). */
const INVALID_SAML = 'Invalid samlResponse or relayState from identity provider';

/** An error page on the login domain (when there is no app request to send the error to). */
const errorPage = (message: string) =>
	htmlPage({
		brand: 'Amazon Cognito',
		title: 'An error was encountered with the requested page.',
		status: 400,
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

/** The provider an authorize request names (by name, or by one of its identifiers), if the client may use it. */
function providerFor(
	pool: PoolRecord,
	client: ClientRecord,
	wanted: { name?: string; identifier?: string }
): IdentityProviderRecord | undefined {
	const supported: string[] = client.SupportedIdentityProviders ?? [];
	const providers = [...(pool.federation?.providers.values() ?? [])];
	const provider = wanted.name
		? providers.find((candidate) => candidate.ProviderName === wanted.name)
		: providers.find(
				(candidate) =>
					wanted.identifier !== undefined && candidate.IdpIdentifiers.includes(wanted.identifier)
			);
	return provider && supported.includes(provider.ProviderName) ? provider : undefined;
}

/** Sends a sign-in error to the app's redirect URI, as managed login sends its own. */
const failTo = (request: AuthorizeRequest, error: FederationError) =>
	errorRedirect(
		request.redirectUri,
		error.error,
		request.state,
		request.responseType === 'token',
		error.description
	);

/** Takes (and removes) a pending sign-in of the pool by the id the IdP echoed; undefined if expired. */
function takePending(env: Env, pool: PoolRecord, id: string | null) {
	const pending = id ? pool.federation?.pending.get(id) : undefined;
	if (!pending) return undefined;
	pool.federation!.pending.delete(pending.id);
	return pending.expiresAt > env.now() ? pending : undefined;
}

/** Creates federation's hooks for managed login. */
export function createFederationHooks(
	managedLogin: Pick<ManagedLogin, 'completeExternalSignIn'>
): FederationHooks {
	/** Signs the identity in and continues the app's authorization (or sends the app the error). */
	async function finish(
		env: Env,
		pool: PoolRecord,
		provider: IdentityProviderRecord,
		request: AuthorizeRequest,
		identify: () => Promise<ExternalIdentity>
	): Promise<Response> {
		const client = pool.clients.get(request.clientId);
		if (!client) return errorPage('The app client no longer exists.'); // wording chosen
		try {
			const user = await signInExternalUser(env, pool, provider, await identify(), client.ClientId);
			return await managedLogin.completeExternalSignIn({ pool, client, request, user });
		} catch (error) {
			if (error instanceof FederationError) return failTo(request, error);
			throw error;
		}
	}

	/** `/oauth2/idpresponse`: an OAuth 2.0 / OIDC provider's answer. */
	async function oauthResponse(env: Env, pool: PoolRecord, request: Request, host: string) {
		const answer = await fieldsOf(request);
		const pending = takePending(env, pool, answer.get('state'));
		if (!pending) return errorPage('Invalid state: the sign-in expired or was already completed.'); // wording chosen
		const provider = pool.federation?.providers.get(pending.providerName);
		const authorize = pending.request;
		if (!provider)
			return failTo(
				authorize,
				new FederationError('invalid_request', 'identity provider is not enabled for this client')
			);
		return finish(env, pool, provider, authorize, () =>
			finishOAuth(env, provider, answer, pending, host)
		);
	}

	/** `/saml2/idpresponse`: a SAML response, for a sign-in the pool started or one the IdP started. */
	async function samlResponse(env: Env, pool: PoolRecord, request: Request, host: string) {
		const form = await fieldsOf(request);
		const encoded = form.get('SAMLResponse');
		if (request.method !== 'POST' || !encoded) return errorPage(INVALID_SAML);
		const pending = takePending(env, pool, form.get('RelayState'));
		if (pending) {
			const provider = pool.federation?.providers.get(pending.providerName);
			if (!provider) return errorPage(INVALID_SAML);
			return finish(env, pool, provider, pending.request, async () => {
				const identity = await finishSaml(env, pool, provider, encoded, host);
				if (identity.inResponseTo !== pending.requestIdAtIdp)
					throw new FederationError(
						'invalid_request',
						'Invalid SAML response received: InResponseTo does not match the request'
					); // wording chosen
				return identity;
			});
		}
		// IdP-initiated: the app's authorize parameters come on the ACS URL the IdP posts to.
		const params = new URL(request.url).searchParams;
		const provider = pool.federation?.providers.get(params.get('identity_provider') ?? '');
		if (
			!provider ||
			provider.ProviderType !== 'SAML' ||
			provider.ProviderDetails.IDPInit !== 'true'
		)
			return errorPage(INVALID_SAML);
		const opened = readAuthorize(env, pool, new Map(params.entries()));
		if ('response' in opened) return opened.response;
		if (!(opened.client.SupportedIdentityProviders ?? []).includes(provider.ProviderName))
			return errorPage(INVALID_SAML);
		return finish(env, pool, provider, opened.request, async () => {
			const identity = await finishSaml(env, pool, provider, encoded, host);
			if (identity.inResponseTo) throw new FederationError('invalid_request', INVALID_SAML);
			return identity;
		});
	}

	return {
		async redirectToProvider({ env, pool, client, request, provider: wanted }) {
			const provider = providerFor(pool, client, wanted);
			if (!provider) return undefined;
			const state = federationOf(pool);
			const now = env.now();
			for (const [id, pending] of state.pending)
				if (pending.expiresAt <= now) state.pending.delete(id);
			const pending: PendingSignInRecord = {
				id: env.context.randomString(43, ALNUM),
				providerName: provider.ProviderName,
				request: { ...request },
				...(['Google', 'SignInWithApple', 'OIDC'].includes(provider.ProviderType)
					? { nonce: env.context.randomString(43, ALNUM) }
					: {}),
				...(provider.ProviderType === 'SAML'
					? { requestIdAtIdp: `_${env.context.randomString(40, '0123456789abcdef')}` }
					: {}),
				expiresAt: now + PENDING_LIFETIME_MS,
			};
			try {
				const location = await authorizeUrl(env, pool, provider, pending, loginHost(env, pool));
				state.pending.set(pending.id, pending);
				return new Response(null, { status: 302, headers: { location } });
			} catch (error) {
				if (error instanceof FederationError) return failTo(request, error);
				throw error;
			}
		},
		async handle({ env, pool, path, request }) {
			if (path !== '/oauth2/idpresponse' && path !== '/saml2/idpresponse') return undefined;
			const host = env.context.urls.target(new URL(request.url)).host;
			try {
				return path === '/saml2/idpresponse'
					? await samlResponse(env, pool, request, host)
					: await oauthResponse(env, pool, request, host);
			} catch (error) {
				if (error instanceof FederationError) return errorPage(error.description);
				throw error;
			}
		},
	};
}
