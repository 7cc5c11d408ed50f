/**
 * The user pool as a client of its identity providers: where it sends the browser (the IdP's authorize URL,
 * or a SAML `AuthnRequest`), and how it turns the IdP's answer into an external identity: for OAuth 2.0 and
 * OIDC it exchanges the code at the token endpoint, verifies the ID token with the IdP's JWKS (`jose`) and
 * reads the profile; for SAML it checks the signed response against the IdP's metadata. Every request to an
 * IdP goes through the sandbox's own fetch.
 */
import { createLocalJWKSet, importPKCS8, jwtVerify, SignJWT, type JSONWebKeySet } from 'jose';
import type { Env, PoolRecord } from '../user-pools/state';
import { discoverOidc, samlMetadataOf } from './details';
import { encodeRedirectRequest } from './saml/authn-request';
import { parseIdpMetadata } from './saml/metadata';
import { SamlResponseError, verifyResponse } from './saml/response';
import { XmlError } from './saml/xml';
import type { IdentityProviderRecord, PendingSignInRecord } from './state';

/** A sign-in that cannot go on: the OAuth error and description the app receives. */
export class FederationError extends Error {
	constructor(
		readonly error: string,
		readonly description: string
	) {
		super(description);
	}
}

/** Who signed in at the IdP, as the IdP described them. */
export interface ExternalIdentity {
	/** IdP attribute name → value (claims, profile fields, SAML attributes; lists stay lists). */
	attributes: Map<string, string | string[]>;
	/** The user's id at the IdP: the value of the `username` mapping, or the SAML NameID. */
	subject: string;
	/** `identities[].issuer`: the SAML IdP's entity ID, null for the others. */
	issuer: string | null;
	/** What the inbound federation trigger sees (`tokenResponse`, `idToken`, `userInfo`, or `samlResponse`). */
	raw: Record<string, unknown>;
}

/** `urn:amazon:cognito:sp:<poolId>`: the user pool's SAML entity ID. */
export const spEntityId = (pool: PoolRecord) => `urn:amazon:cognito:sp:${pool.id}`;

/** A URL as the sandbox spells it (real host names, or `<base>/_host/<host>/…` for the emulator). */
export function sandboxUrl(env: Env, url: string): string {
	const parsed = new URL(url);
	const target = env.context.urls.target(parsed);
	return env.context.urls.url(target.host, target.path + parsed.search);
}

async function idpFetch(env: Env, url: string, init: RequestInit = {}): Promise<Response> {
	if (!env.federation)
		throw new FederationError('server_error', 'Identity providers are not reachable.');
	return env.federation.fetch(new Request(sandboxUrl(env, url), init));
}

async function readJson(response: Response, what: string): Promise<Record<string, any>> {
	let body: unknown;
	try {
		body = await response.json();
	} catch {
		body = undefined;
	}
	if (!response.ok || !body || typeof body !== 'object' || Array.isArray(body))
		throw new FederationError(
			'invalid_request',
			`Error from the identity provider's ${what} endpoint (HTTP ${response.status}).`
		); // wording chosen
	return body as Record<string, any>;
}

/** The endpoints of an OAuth provider (social ones from ProviderDetails, OIDC ones discovered). */
async function endpointsOf(env: Env, provider: IdentityProviderRecord) {
	const details = provider.ProviderDetails;
	if (provider.ProviderType === 'OIDC') return discoverOidc(env, details);
	const jwks =
		provider.ProviderType === 'Google'
			? 'https://www.googleapis.com/oauth2/v3/certs'
			: provider.ProviderType === 'SignInWithApple'
				? 'https://appleid.apple.com/auth/keys'
				: '';
	return {
		authorize_url: details.authorize_url!,
		token_url: details.token_url!,
		attributes_url: details.attributes_url ?? '',
		jwks_uri: jwks,
		issuer: details.oidc_issuer ?? '',
	};
}

/** Where the browser goes to sign in at the IdP. */
export async function authorizeUrl(
	env: Env,
	pool: PoolRecord,
	provider: IdentityProviderRecord,
	pending: PendingSignInRecord,
	loginHost: string
): Promise<string> {
	if (provider.ProviderType === 'SAML') {
		const metadata = await parseIdpMetadata(
			await samlMetadataOf(env, provider.ProviderDetails)
		).catch(() => {
			throw new FederationError(
				'invalid_request',
				'Unable to read the SAML metadata of the identity provider.'
			); // wording chosen
		});
		const destination = metadata.ssoRedirect ?? metadata.ssoPost!;
		const url = new URL(sandboxUrl(env, destination));
		url.searchParams.set(
			'SAMLRequest',
			await encodeRedirectRequest({
				id: pending.requestIdAtIdp!,
				issuer: spEntityId(pool),
				acsUrl: env.context.urls.url(loginHost, '/saml2/idpresponse'),
				destination,
				now: env.now(),
			})
		);
		url.searchParams.set('RelayState', pending.id);
		return url.toString();
	}
	const details = provider.ProviderDetails;
	const endpoints = await endpointsOf(env, provider);
	const url = new URL(sandboxUrl(env, endpoints.authorize_url));
	const params: Record<string, string | undefined> = {
		client_id: details.client_id,
		redirect_uri: env.context.urls.url(loginHost, '/oauth2/idpresponse'),
		response_type: 'code',
		scope: details.authorize_scopes,
		state: pending.id,
		...(pending.nonce ? { nonce: pending.nonce } : {}),
		...(provider.ProviderType === 'SignInWithApple' ? { response_mode: 'form_post' } : {}),
	};
	for (const [key, value] of Object.entries(params))
		if (value !== undefined) url.searchParams.set(key, value);
	return url.toString();
}

/** Apple's client secret: a short-lived ES256 JWT signed with the developer key in ProviderDetails. */
async function appleClientSecret(
	env: Env,
	details: Record<string, string | undefined>
): Promise<string> {
	const key = await importPKCS8(details.private_key!, 'ES256');
	const now = Math.floor(env.now() / 1000);
	return new SignJWT({})
		.setProtectedHeader({ alg: 'ES256', kid: details.key_id! })
		.setIssuer(details.team_id!)
		.setSubject(details.client_id!)
		.setAudience('https://appleid.apple.com')
		.setIssuedAt(now)
		.setExpirationTime(now + 300)
		.sign(key);
}

/** Turns the IdP's OAuth answer (code) into an external identity. */
export async function finishOAuth(
	env: Env,
	provider: IdentityProviderRecord,
	answer: URLSearchParams,
	pending: PendingSignInRecord,
	loginHost: string
): Promise<ExternalIdentity> {
	const error = answer.get('error');
	if (error)
		throw new FederationError(
			error === 'user_cancelled_authorize' ? 'access_denied' : error,
			answer.get('error_description') ?? error
		);
	const code = answer.get('code');
	if (!code)
		throw new FederationError(
			'invalid_request',
			'The identity provider returned no authorization code.'
		); // wording chosen
	const details = provider.ProviderDetails;
	const endpoints = await endpointsOf(env, provider);
	const form = new URLSearchParams({
		grant_type: 'authorization_code',
		code,
		redirect_uri: env.context.urls.url(loginHost, '/oauth2/idpresponse'),
		client_id: details.client_id!,
		client_secret:
			provider.ProviderType === 'SignInWithApple'
				? await appleClientSecret(env, details)
				: (details.client_secret ?? ''),
	});
	if (!form.get('client_secret')) form.delete('client_secret');
	const tokenResponse = await readJson(
		details.token_request_method === 'GET'
			? await idpFetch(
					env,
					`${endpoints.token_url}${endpoints.token_url.includes('?') ? '&' : '?'}${form}`
				)
			: await idpFetch(env, endpoints.token_url, {
					method: 'POST',
					headers: { 'content-type': 'application/x-www-form-urlencoded' },
					body: form.toString(),
				}),
		'token'
	);
	const accessToken = String(tokenResponse.access_token ?? '');
	const attributes = new Map<string, string | string[]>([['access_token', accessToken]]);
	const put = (name: string, value: unknown) => {
		if (value === undefined || value === null) return;
		attributes.set(
			name,
			Array.isArray(value)
				? value.map(String)
				: typeof value === 'object'
					? JSON.stringify(value)
					: String(value)
		);
	};

	let idClaims: Record<string, unknown> | undefined;
	if (typeof tokenResponse.id_token === 'string' && endpoints.jwks_uri) {
		const jwks = (await readJson(await idpFetch(env, endpoints.jwks_uri), 'JWKS')) as JSONWebKeySet;
		try {
			const { payload } = await jwtVerify(tokenResponse.id_token, createLocalJWKSet(jwks), {
				issuer: endpoints.issuer,
				audience: details.client_id!,
				currentDate: new Date(env.now()),
			});
			idClaims = payload as Record<string, unknown>;
		} catch (failure) {
			throw new FederationError(
				'invalid_request',
				`Invalid ID token from the identity provider: ${failure instanceof Error ? failure.message : 'unverifiable'}.`
			); // wording chosen
		}
		if (pending.nonce && idClaims.nonce !== pending.nonce)
			throw new FederationError(
				'invalid_request',
				'Invalid ID token from the identity provider: nonce mismatch.'
			); // wording chosen
		put('id_token', tokenResponse.id_token);
		for (const [name, value] of Object.entries(idClaims)) put(name, value);
	}

	let userInfo: Record<string, unknown> | undefined;
	if (provider.ProviderType === 'Facebook') {
		const wanted = new Set(['id', ...Object.values(provider.AttributeMapping)]);
		const url = `${endpoints.attributes_url}${[...wanted].filter((name) => /^\w+$/.test(name)).join(',')}&access_token=${encodeURIComponent(accessToken)}`;
		userInfo = await readJson(await idpFetch(env, url), 'profile');
	} else if (provider.ProviderType === 'LoginWithAmazon' || provider.ProviderType === 'OIDC') {
		const post = provider.ProviderType === 'OIDC' && details.attributes_request_method === 'POST';
		userInfo = await readJson(
			await idpFetch(env, endpoints.attributes_url, {
				method: post ? 'POST' : 'GET',
				headers: { authorization: `Bearer ${accessToken}` },
			}),
			'userinfo'
		);
	} else if (provider.ProviderType === 'SignInWithApple') {
		// Apple sends the name only in the form it posts back, and only as the user typed it.
		try {
			const user = JSON.parse(answer.get('user') ?? 'null') as {
				name?: { firstName?: string; lastName?: string };
				email?: string;
			} | null;
			if (user?.name) {
				put('firstName', user.name.firstName);
				put('lastName', user.name.lastName);
				put('name', [user.name.firstName, user.name.lastName].filter(Boolean).join(' '));
			}
		} catch {
			// No (or unreadable) user field: Apple sends it on the first sign-in only.
		}
	}
	for (const [name, value] of Object.entries(userInfo ?? {})) put(name, value);

	const subjectAttribute = provider.AttributeMapping.username ?? 'sub';
	const subject = attributes.get(subjectAttribute);
	if (typeof subject !== 'string' || !subject)
		throw new FederationError(
			'invalid_request',
			`The identity provider did not return ${subjectAttribute}, which the username is built from.`
		); // wording chosen
	return {
		attributes,
		subject,
		issuer: null,
		raw: {
			tokenResponse: { ...tokenResponse },
			...(idClaims ? { idToken: idClaims } : {}),
			...(userInfo ? { userInfo } : {}),
		},
	};
}

/** Turns a posted SAML response into an external identity (`inResponseTo` checked by the caller). */
export async function finishSaml(
	env: Env,
	pool: PoolRecord,
	provider: IdentityProviderRecord,
	samlResponse: string,
	loginHost: string
): Promise<ExternalIdentity & { inResponseTo?: string }> {
	let metadata;
	try {
		metadata = await parseIdpMetadata(await samlMetadataOf(env, provider.ProviderDetails));
	} catch (error) {
		throw new FederationError(
			'invalid_request',
			`Unable to read the SAML metadata of the identity provider${error instanceof XmlError ? `: ${error.message}` : ''}.`
		); // wording chosen
	}
	try {
		const verified = await verifyResponse(samlResponse, {
			audience: spEntityId(pool),
			acsUrl: env.context.urls.url(loginHost, '/saml2/idpresponse'),
			idpEntityId: metadata.entityId,
			certificates: metadata.signingCertificates,
			now: env.now(),
		});
		const attributes = new Map<string, string | string[]>();
		for (const [name, values] of verified.attributes)
			attributes.set(name, values.length === 1 ? values[0]! : values);
		return {
			attributes,
			subject: verified.nameId,
			issuer: verified.issuer,
			raw: { samlResponse: verified.xml },
			...(verified.inResponseTo ? { inResponseTo: verified.inResponseTo } : {}),
		};
	} catch (error) {
		if (error instanceof SamlResponseError)
			throw new FederationError('invalid_request', error.message);
		throw error;
	}
}
