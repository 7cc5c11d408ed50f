/**
 * `ProviderDetails` per provider type: the keys each type takes, the keys Cognito fills in itself (the social
 * providers' endpoints, SAML's binding URIs), and the checks Create/UpdateIdentityProvider make. OIDC issuers
 * are discovered and SAML metadata URLs read through the sandbox's own fetch, never the network.
 *
 * N.B. The service's exact wording for most of these refusals is not published; messages here follow its
 * style (`InvalidParameterException` + a plain sentence) and are marked where chosen.
 */
import { type Dict, dict } from '../core/dict';
import { invalidParameter } from '../core/errors';
import type { Env } from '../user-pools/state';
import { parseIdpMetadata } from './saml/metadata';
import { XmlError } from './saml/xml';
import type { ProviderType } from './state';

/** The endpoints and settings Cognito sets for each social provider (as DescribeIdentityProvider shows them). */
export const SOCIAL_ENDPOINTS: Record<
	'Google' | 'Facebook' | 'LoginWithAmazon' | 'SignInWithApple',
	(details: Dict<string>) => Record<string, string>
> = {
	Google: () => ({
		attributes_url: 'https://people.googleapis.com/v1/people/me?personFields=',
		attributes_url_add_attributes: 'true',
		authorize_url: 'https://accounts.google.com/o/oauth2/v2/auth',
		oidc_issuer: 'https://accounts.google.com',
		token_request_method: 'POST',
		token_url: 'https://www.googleapis.com/oauth2/v4/token',
	}),
	Facebook: (details) => {
		const version = details.api_version!;
		return {
			api_version: version,
			attributes_url: `https://graph.facebook.com/${version}/me?fields=`,
			attributes_url_add_attributes: 'true',
			authorize_url: `https://www.facebook.com/${version}/dialog/oauth`,
			token_request_method: 'GET',
			token_url: `https://graph.facebook.com/${version}/oauth/access_token`,
		};
	},
	LoginWithAmazon: () => ({
		attributes_url: 'https://api.amazon.com/user/profile',
		attributes_url_add_attributes: 'false',
		authorize_url: 'https://www.amazon.com/ap/oa',
		token_request_method: 'POST',
		token_url: 'https://api.amazon.com/auth/o2/token',
	}),
	SignInWithApple: () => ({
		attributes_url_add_attributes: 'false',
		authorize_url: 'https://appleid.apple.com/auth/authorize',
		oidc_issuer: 'https://appleid.apple.com',
		token_request_method: 'POST',
		token_url: 'https://appleid.apple.com/auth/token',
	}),
};

/** The Facebook Graph API version Cognito uses when none is given. */
export const DEFAULT_FACEBOOK_API_VERSION = 'v17.0';

/** Keys a caller may send for each type (Cognito's own keys are accepted too and replaced by its values). */
const CALLER_KEYS: Record<ProviderType, { required: string[]; optional: string[] }> = {
	Google: { required: ['client_id', 'client_secret', 'authorize_scopes'], optional: [] },
	LoginWithAmazon: { required: ['client_id', 'client_secret', 'authorize_scopes'], optional: [] },
	Facebook: {
		required: ['client_id', 'client_secret', 'authorize_scopes'],
		optional: ['api_version'],
	},
	SignInWithApple: {
		required: ['client_id', 'team_id', 'key_id', 'private_key', 'authorize_scopes'],
		optional: [],
	},
	OIDC: {
		required: ['client_id', 'attributes_request_method', 'oidc_issuer', 'authorize_scopes'],
		optional: ['client_secret', 'authorize_url', 'token_url', 'attributes_url', 'jwks_uri'],
	},
	SAML: {
		required: [],
		optional: [
			'MetadataFile',
			'MetadataURL',
			'IDPSignout',
			'IDPInit',
			'RequestSigningAlgorithm',
			'EncryptedResponses',
		],
	},
};

/** The keys Cognito writes itself, per type (accepted on input, then overwritten). */
const COGNITO_KEYS: Record<ProviderType, string[]> = {
	Google: Object.keys(SOCIAL_ENDPOINTS.Google(dict())),
	Facebook: Object.keys(SOCIAL_ENDPOINTS.Facebook(dict({ api_version: 'v1.0' }))),
	LoginWithAmazon: Object.keys(SOCIAL_ENDPOINTS.LoginWithAmazon(dict())),
	SignInWithApple: Object.keys(SOCIAL_ENDPOINTS.SignInWithApple(dict())),
	OIDC: ['attributes_url_add_attributes'],
	SAML: ['SSORedirectBindingURI', 'SLORedirectBindingURI', 'ActiveEncryptionCertificate'],
};

/** Scope values each social provider knows (Google also takes its `https://www.googleapis.com/auth/…` scopes). */
const SOCIAL_SCOPES: Partial<Record<ProviderType, RegExp>> = {
	Google: /^(openid|email|profile|https:\/\/www\.googleapis\.com\/auth\/[\w./-]+)$/,
	Facebook: /^[a-z_]+$/,
	LoginWithAmazon: /^(profile|postal_code|profile:user_id)$/,
	SignInWithApple: /^(email|name)$/,
};

/** The `authorize_scopes` of a provider as a list (Facebook separates with commas, the others with spaces). */
export const scopesOf = (details: Dict<string>) =>
	(details.authorize_scopes ?? '').split(/[\s,]+/).filter(Boolean);

/** Keys Describe never returns (Apple's private key is write-only). */
export const HIDDEN_KEYS = new Set(['private_key']);

/** Checks an `https://` URL (or `http://` for a local sandbox), returning it; `InvalidParameterException` otherwise. */
function checkUrl(name: string, value: string): string {
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		throw invalidParameter(`${name} is not a valid URL.`); // wording chosen
	}
	const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1';
	if (url.protocol !== 'https:' && !(local && url.protocol === 'http:'))
		throw invalidParameter(`${name} must be an https URL.`); // wording chosen
	return value;
}

/** Reads a PEM PKCS#8 EC P-256 private key (Apple's .p8 key file); throws when it is not one. */
async function checkApplePrivateKey(pem: string): Promise<void> {
	const body = pem.replace(/-----(BEGIN|END) PRIVATE KEY-----/g, '').replace(/\s+/g, '');
	try {
		const der = Uint8Array.from(atob(body), (c) => c.charCodeAt(0));
		await crypto.subtle.importKey('pkcs8', der, { name: 'ECDSA', namedCurve: 'P-256' }, false, [
			'sign',
		]);
	} catch {
		throw invalidParameter('private_key is not a valid PEM-encoded EC private key.'); // wording chosen
	}
}

/** Fetches a document through the sandbox; undefined when nothing answers with 200. */
async function fetchText(env: Env, url: string): Promise<string | undefined> {
	const deps = env.federation;
	if (!deps) return undefined;
	const target = env.context.urls.target(new URL(url));
	const search = new URL(url).search;
	try {
		const response = await deps.fetch(
			new Request(env.context.urls.url(target.host, target.path + search))
		);
		return response.status === 200 ? await response.text() : undefined;
	} catch {
		return undefined;
	}
}

/** The OIDC endpoints of an issuer: from its discovery document, or the four keys given. */
export async function discoverOidc(
	env: Env,
	details: Dict<string>
): Promise<{
	authorize_url: string;
	token_url: string;
	attributes_url: string;
	jwks_uri: string;
	issuer: string;
}> {
	const given = ['authorize_url', 'token_url', 'attributes_url', 'jwks_uri'] as const;
	const issuer = details.oidc_issuer!;
	if (given.every((key) => details[key]))
		return {
			authorize_url: details.authorize_url!,
			token_url: details.token_url!,
			attributes_url: details.attributes_url!,
			jwks_uri: details.jwks_uri!,
			issuer,
		};
	const text = await fetchText(
		env,
		`${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`
	);
	let discovery: Record<string, unknown> | undefined;
	try {
		discovery = text ? JSON.parse(text) : undefined;
	} catch {
		discovery = undefined;
	}
	const pick = (key: (typeof given)[number], field: string) => {
		const value =
			details[key] ??
			(typeof discovery?.[field] === 'string' ? (discovery[field] as string) : undefined);
		if (!value)
			throw invalidParameter(
				`Unable to discover ${key} from the OIDC issuer ${issuer}; provide ${key} in ProviderDetails.`
			); // wording chosen
		return value;
	};
	return {
		authorize_url: pick('authorize_url', 'authorization_endpoint'),
		token_url: pick('token_url', 'token_endpoint'),
		attributes_url: pick('attributes_url', 'userinfo_endpoint'),
		jwks_uri: pick('jwks_uri', 'jwks_uri'),
		issuer: typeof discovery?.issuer === 'string' ? discovery.issuer : issuer,
	};
}

/** The SAML metadata XML of a provider (its file, or what its URL serves). */
export async function samlMetadataOf(env: Env, details: Dict<string>): Promise<string> {
	if (details.MetadataFile) return details.MetadataFile;
	const xml = details.MetadataURL ? await fetchText(env, details.MetadataURL) : undefined;
	if (xml === undefined)
		throw invalidParameter(`Unable to retrieve metadata from ${details.MetadataURL}.`); // wording chosen
	return xml;
}

/**
 * The stored `ProviderDetails` of a new or updated provider: caller keys checked, Cognito's own keys set.
 * `existing` (updates) supplies Apple's `private_key` when the update omits it.
 */
export async function buildProviderDetails(
	env: Env,
	type: ProviderType,
	input: Dict<string>,
	existing?: Dict<string>
): Promise<Dict<string>> {
	const keys = CALLER_KEYS[type];
	const details = dict<string>();
	for (const [key, value] of Object.entries(input)) {
		if (COGNITO_KEYS[type].includes(key)) continue;
		if (!keys.required.includes(key) && !keys.optional.includes(key))
			throw invalidParameter(
				`${key} is not a valid ProviderDetails key for provider type ${type}.`
			); // wording chosen
		details[key] = value;
	}
	if (type === 'SignInWithApple' && !details.private_key && existing?.private_key)
		details.private_key = existing.private_key;
	const missing = keys.required.filter((key) => !details[key]);
	if (missing.length)
		throw invalidParameter(`ProviderDetails is missing required key(s): ${missing.join(', ')}.`); // wording chosen

	const scopePattern = SOCIAL_SCOPES[type];
	if (scopePattern) {
		const bad = scopesOf(details).filter((scope) => !scopePattern.test(scope));
		if (bad.length || !scopesOf(details).length)
			throw invalidParameter(
				`Invalid authorize_scopes for provider type ${type}: ${bad.join(' ') || '(none)'}.`
			); // wording chosen
	}

	switch (type) {
		case 'Google':
		case 'LoginWithAmazon':
		case 'SignInWithApple':
			if (type === 'SignInWithApple') await checkApplePrivateKey(details.private_key!);
			Object.assign(details, SOCIAL_ENDPOINTS[type](details));
			break;
		case 'Facebook':
			details.api_version ??= DEFAULT_FACEBOOK_API_VERSION;
			if (!/^v\d+\.\d+$/.test(details.api_version))
				throw invalidParameter(`Invalid api_version ${details.api_version}; use the form v17.0.`); // wording chosen
			Object.assign(details, SOCIAL_ENDPOINTS.Facebook(details));
			break;
		case 'OIDC': {
			if (!/^(GET|POST)$/.test(details.attributes_request_method!))
				throw invalidParameter('attributes_request_method must be GET or POST.'); // wording chosen
			if (!scopesOf(details).includes('openid'))
				throw invalidParameter('authorize_scopes must include openid for an OIDC provider.'); // wording chosen
			for (const key of ['oidc_issuer', 'authorize_url', 'token_url', 'attributes_url', 'jwks_uri'])
				if (details[key]) checkUrl(key, details[key]);
			env.federation?.idps.standUpAt(details.oidc_issuer!, 'OIDC');
			await discoverOidc(env, details);
			details.attributes_url_add_attributes = 'false';
			break;
		}
		case 'SAML': {
			if (!details.MetadataFile === !details.MetadataURL)
				throw invalidParameter('Exactly one of MetadataFile or MetadataURL must be provided.'); // wording chosen
			for (const flag of ['IDPSignout', 'IDPInit', 'EncryptedResponses'])
				if (details[flag] !== undefined && !/^(true|false)$/.test(details[flag]!))
					throw invalidParameter(`${flag} must be true or false.`); // wording chosen
			if (
				details.RequestSigningAlgorithm !== undefined &&
				details.RequestSigningAlgorithm !== 'rsa-sha256'
			)
				throw invalidParameter('RequestSigningAlgorithm only accepts rsa-sha256.'); // wording chosen
			if (details.MetadataURL) {
				checkUrl('MetadataURL', details.MetadataURL);
				env.federation?.idps.standUpAt(details.MetadataURL, 'SAML');
			}
			let metadata;
			try {
				metadata = await parseIdpMetadata(await samlMetadataOf(env, details));
			} catch (error) {
				if (error instanceof XmlError)
					throw invalidParameter(`Invalid SAML metadata: ${error.message}.`); // wording chosen
				throw error;
			}
			const sso = metadata.ssoRedirect ?? metadata.ssoPost;
			if (sso) details.SSORedirectBindingURI = sso;
			if (metadata.sloRedirect) details.SLORedirectBindingURI = metadata.sloRedirect;
			break;
		}
	}
	return details;
}

/** ProviderDetails as Describe returns them (without write-only keys). */
export function visibleDetails(details: Dict<string>): Dict<string> {
	return dict(Object.entries(details).filter(([key]) => !HIDDEN_KEYS.has(key)));
}
