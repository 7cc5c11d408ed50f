/**
 * A mock SAML 2.0 identity provider, stood up at a host: metadata (entity ID `https://<host>/metadata`, its
 * signing certificate, SSO and SLO endpoints), SP-initiated sign-in (`/sso`, HTTP-Redirect or HTTP-POST
 * binding), IdP-initiated sign-in (`/start`: pick the service provider's ACS URL and audience) and a page
 * that posts the signed response to the ACS (a button, since the page runs no script).
 */
import type { RequestTarget } from '../../core/urls';
import { decodeRequest, type AuthnRequest } from '../saml/authn-request';
import { selfSignedCertificate } from '../saml/certificates';
import { idpMetadataXml } from '../saml/metadata';
import { buildSignedResponse } from '../saml/response';
import { textOfBase64, XmlError } from '../saml/xml';
import { escapeHtml, hiddenFields, htmlPage, originOf, textField } from './html';
import type { IdpEnv } from './oauth-idp';
import type { IdpProfile } from './specs';

const BRAND = 'SAML identity provider';
const HEX = '0123456789abcdef';

/** SAML attribute names the mock IdP sends (the claim URIs of AD FS and Entra ID). */
export const SAML_CLAIMS = {
	email: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress',
	name: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name',
	givenName: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname',
	surname: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname',
	groups: 'http://schemas.xmlsoap.org/claims/Group',
} as const;

/** The key and certificate names of a SAML IdP. */
export const samlIdpName = (host: string) => `SAML ${host}`;

/** The entity ID of the mock IdP at a host. */
export const samlEntityId = (host: string) => `https://${host}/metadata`;

/** The IdP's signing key and (self-signed, cached) certificate. */
export async function samlSigner(
	env: IdpEnv,
	host: string
): Promise<{ privateKey: CryptoKey; certificate: string }> {
	const name = samlIdpName(host);
	const key = await env.key(name);
	const state = env.state();
	let certificate = state.certificates.get(name);
	if (!certificate) {
		const now = env.context.clock.now();
		certificate = await selfSignedCertificate(
			{ publicKey: key.publicKey as CryptoKey, privateKey: key.privateKey as CryptoKey },
			host,
			1 + Math.floor(env.context.random() * 2 ** 31),
			{ from: new Date(now - 86_400_000), to: new Date(now + 10 * 365 * 86_400_000) }
		);
		state.certificates.set(name, certificate);
	}
	return { privateKey: key.privateKey as CryptoKey, certificate };
}

/** The metadata document of the IdP at `host`. */
export async function samlMetadata(env: IdpEnv, host: string): Promise<string> {
	const { certificate } = await samlSigner(env, host);
	return idpMetadataXml({
		entityId: samlEntityId(host),
		certificate,
		ssoUrl: env.context.urls.url(host, '/sso'),
		sloUrl: env.context.urls.url(host, '/slo'),
	});
}

const newId = (env: IdpEnv) => `_${env.context.randomString(40, HEX)}`;

/** The SAML attributes of a profile, plus any extra `Name=value` lines the learner typed. */
function attributesOf(profile: IdpProfile, extra: string): Array<[string, string[]]> {
	const given = profile.name.trim().split(/\s+/)[0] ?? '';
	const out = new Map<string, string[]>([
		[SAML_CLAIMS.email, [profile.email]],
		[SAML_CLAIMS.name, [profile.name]],
		[SAML_CLAIMS.givenName, [given]],
		[SAML_CLAIMS.surname, [profile.name.trim().split(/\s+/).slice(1).join(' ')]],
	]);
	if (profile.groups.length) out.set(SAML_CLAIMS.groups, profile.groups);
	for (const line of extra.split(/\r?\n/)) {
		const at = line.indexOf('=');
		if (at <= 0) continue;
		const name = line.slice(0, at).trim();
		if (name) out.set(name, [...(out.get(name) ?? []), line.slice(at + 1).trim()]);
	}
	return [...out.entries()].filter(([, values]) => values.some((value) => value !== ''));
}

function profileForm(env: IdpEnv, host: string): string {
	const last = env.state().lastProfiles.get(samlIdpName(host));
	const profile = last ?? {
		id: 'jdoe',
		email: 'jane.doe@example.com',
		emailVerified: true,
		name: 'Jane Doe',
		groups: ['staff'],
	};
	return (
		textField('user_id', 'NameID (the user id the service provider sees)', profile.id) +
		textField('email', 'Email', profile.email, 'email') +
		textField('name', 'Name', profile.name) +
		textField('groups', 'Groups (comma-separated)', profile.groups.join(', ')) +
		`<label for="extra">More attributes (one <code>Name=value</code> a line)</label>` +
		`<textarea id="extra" name="extra"></textarea>`
	);
}

function readProfile(form: URLSearchParams): IdpProfile {
	const field = (name: string) => (form.get(name) ?? '').trim();
	return {
		id: field('user_id'),
		email: field('email'),
		emailVerified: true,
		name: field('name'),
		groups: field('groups')
			.split(',')
			.map((group) => group.trim())
			.filter(Boolean),
	};
}

/** The page that posts the response to the ACS, showing the assertion it carries. */
async function postBack(acsUrl: string, samlResponse: string, relayState: string | undefined) {
	return htmlPage({
		brand: BRAND,
		title: 'Continue to the service provider',
		body:
			`<p>The IdP signed this response and posts it to <code>${escapeHtml(acsUrl)}</code> (HTTP-POST binding).</p>` +
			`<form method="post" action="${escapeHtml(acsUrl)}">${hiddenFields({ SAMLResponse: samlResponse, RelayState: relayState })}` +
			`<div class="actions"><button type="submit">Continue</button></div></form>` +
			`<details><summary>The SAML response</summary><pre>${escapeHtml(textOfBase64(samlResponse))}</pre></details>`,
	});
}

async function errorPage(message: string) {
	return htmlPage({
		brand: BRAND,
		title: 'That request is not valid',
		status: 400,
		body: `<p>${escapeHtml(message)}</p>`,
	});
}

async function formOf(request: Request): Promise<URLSearchParams> {
	if (request.method !== 'POST') return new URL(request.url).searchParams;
	return new URLSearchParams(await request.text());
}

/** Signs and posts a response for a signed-in profile. */
async function respond(
	env: IdpEnv,
	host: string,
	profile: IdpProfile,
	extra: string,
	to: { acsUrl: string; audience: string; inResponseTo?: string; relayState?: string }
) {
	env.state().lastProfiles.set(samlIdpName(host), profile);
	const samlResponse = await buildSignedResponse(
		{
			issuer: samlEntityId(host),
			nameId: profile.id,
			attributes: attributesOf(profile, extra),
			audience: to.audience,
			recipient: to.acsUrl,
			...(to.inResponseTo ? { inResponseTo: to.inResponseTo } : {}),
			now: env.context.clock.now(),
			ids: { response: newId(env), assertion: newId(env), session: newId(env) },
		},
		await samlSigner(env, host)
	);
	return postBack(to.acsUrl, samlResponse, to.relayState);
}

/** Serves one request to the SAML IdP at `target.host`. */
export async function serveSamlIdp(
	env: IdpEnv,
	request: Request,
	target: RequestTarget
): Promise<Response> {
	const { host, path } = target;
	if (request.method === 'GET' && /\/metadata(\.xml)?$/.test(path))
		return new Response(await samlMetadata(env, host), {
			headers: { 'content-type': 'application/samlmetadata+xml; charset=utf-8' },
		});
	const form = await formOf(request);

	if (path === '/sso') {
		const samlRequest = form.get('SAMLRequest');
		if (!samlRequest) return errorPage('The service provider sent no SAMLRequest.');
		// A redirect-binding request keeps its DEFLATE encoding when the sign-in form posts it back.
		const binding =
			request.method === 'GET' || form.get('binding') === 'redirect' ? 'redirect' : 'post';
		let authn: AuthnRequest;
		try {
			authn = await decodeRequest(samlRequest, binding);
		} catch (error) {
			return errorPage(
				`The SAMLRequest cannot be read: ${error instanceof XmlError ? error.message : 'unknown error'}.`
			);
		}
		if (form.get('decision') === 'allow')
			return respond(env, host, readProfile(form), form.get('extra') ?? '', {
				acsUrl: authn.acsUrl,
				audience: authn.issuer,
				inResponseTo: authn.id,
				relayState: form.get('RelayState') ?? undefined,
			});
		return htmlPage({
			brand: BRAND,
			title: 'Sign in to your organisation',
			body:
				`<p>to continue to <strong>${escapeHtml(authn.issuer)}</strong></p>` +
				`<p class="note">This is the sandbox's mock SAML IdP at <code>${escapeHtml(host)}</code>. Choose who signs in; the signed assertion is shown before it is posted.</p>` +
				`<form method="post" action="${escapeHtml(env.context.urls.url(host, '/sso'))}">` +
				hiddenFields({
					SAMLRequest: samlRequest,
					RelayState: form.get('RelayState') ?? undefined,
					binding,
				}) +
				profileForm(env, host) +
				`<div class="actions"><button type="submit" name="decision" value="allow">Sign in</button></div></form>`,
		});
	}

	if (path === '/start') {
		if (request.method === 'POST') {
			const acsUrl = (form.get('acs_url') ?? '').trim();
			const audience = (form.get('audience') ?? '').trim();
			if (!originOf(acsUrl) || !audience)
				return errorPage('Give the service provider’s ACS URL and audience (entity ID).');
			return respond(env, host, readProfile(form), form.get('extra') ?? '', {
				acsUrl,
				audience,
				relayState: form.get('RelayState') || undefined,
			});
		}
		return htmlPage({
			brand: BRAND,
			title: 'Sign in to an application',
			body:
				`<p class="note">IdP-initiated sign-in: the IdP sends an unsolicited response to the service provider. For a user pool, the ACS URL is <code>https://&lt;domain&gt;/saml2/idpresponse</code> followed by the app's <code>identity_provider</code>, <code>client_id</code>, <code>redirect_uri</code>, <code>response_type</code> and <code>scope</code>, and the audience is <code>urn:amazon:cognito:sp:&lt;user pool id&gt;</code>.</p>` +
				`<form method="post">` +
				textField('acs_url', 'ACS URL', form.get('acs_url') ?? '', 'text') +
				textField('audience', 'Audience (service provider entity ID)', form.get('audience') ?? '') +
				textField('RelayState', 'RelayState (optional)', form.get('RelayState') ?? '') +
				profileForm(env, host) +
				`<div class="actions"><button type="submit">Sign in and send</button></div></form>`,
		});
	}

	if (path === '/slo')
		return htmlPage({
			brand: BRAND,
			title: 'Signed out',
			body: '<p>You are signed out of the identity provider.</p>',
		});
	return new Response('Not Found', { status: 404, headers: { 'content-type': 'text/plain' } });
}
