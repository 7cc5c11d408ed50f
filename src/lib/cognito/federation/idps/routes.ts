/**
 * Which mock provider and endpoint a request is for, by host and path. The social providers answer on their
 * real hosts (so the URLs Cognito stores in `ProviderDetails` work unchanged); generic OIDC issuers and SAML
 * IdPs answer on the hosts they were stood up at.
 */
import type { OAuthKind } from './specs';

export type OAuthEndpoint = 'authorize' | 'token' | 'userinfo' | 'jwks' | 'discovery';

/** An OAuth/OIDC endpoint of one mock provider. */
export interface OAuthRoute {
	kind: OAuthKind;
	endpoint: OAuthEndpoint;
	/** Generic OIDC: the issuer URL; social providers: their fixed issuer. */
	issuer: string;
}

const GRAPH_VERSION = '(?:/v\\d+\\.\\d+)?';

/** The social providers' endpoints: host → [path pattern, kind, endpoint]. */
const SOCIAL: Record<string, Array<[RegExp, OAuthKind, OAuthEndpoint]>> = {
	'accounts.google.com': [
		[/^\/o\/oauth2(?:\/v2)?\/auth$/, 'Google', 'authorize'],
		[/^\/\.well-known\/openid-configuration$/, 'Google', 'discovery'],
	],
	'oauth2.googleapis.com': [[/^\/token$/, 'Google', 'token']],
	'www.googleapis.com': [
		[/^\/oauth2\/v[34]\/token$/, 'Google', 'token'],
		[/^\/oauth2\/v3\/certs$/, 'Google', 'jwks'],
		[/^\/oauth2\/v3\/userinfo$/, 'Google', 'userinfo'],
	],
	'openidconnect.googleapis.com': [[/^\/v1\/userinfo$/, 'Google', 'userinfo']],
	'people.googleapis.com': [[/^\/v1\/people\/me$/, 'Google', 'userinfo']],
	'www.facebook.com': [[new RegExp(`^${GRAPH_VERSION}/dialog/oauth$`), 'Facebook', 'authorize']],
	'graph.facebook.com': [
		[new RegExp(`^${GRAPH_VERSION}/oauth/access_token$`), 'Facebook', 'token'],
		[new RegExp(`^${GRAPH_VERSION}/me$`), 'Facebook', 'userinfo'],
	],
	'www.amazon.com': [[/^\/ap\/oa$/, 'LoginWithAmazon', 'authorize']],
	'api.amazon.com': [
		[/^\/auth\/o2\/token$/, 'LoginWithAmazon', 'token'],
		[/^\/user\/profile$/, 'LoginWithAmazon', 'userinfo'],
	],
	'appleid.apple.com': [
		[/^\/auth\/authorize$/, 'SignInWithApple', 'authorize'],
		[/^\/auth\/token$/, 'SignInWithApple', 'token'],
		[/^\/auth\/keys$/, 'SignInWithApple', 'jwks'],
		[/^\/\.well-known\/openid-configuration$/, 'SignInWithApple', 'discovery'],
	],
};

/** The fixed issuer (or base URL) of each social provider. */
export const SOCIAL_ISSUERS: Record<Exclude<OAuthKind, 'OIDC'>, string> = {
	Google: 'https://accounts.google.com',
	Facebook: 'https://www.facebook.com',
	LoginWithAmazon: 'https://www.amazon.com',
	SignInWithApple: 'https://appleid.apple.com',
};

/** The hosts the social providers answer on. */
export const SOCIAL_HOSTS = new Set(Object.keys(SOCIAL));

/** The route of a social provider's request, if it is one. */
export function socialRoute(host: string, path: string): OAuthRoute | undefined {
	for (const [pattern, kind, endpoint] of SOCIAL[host] ?? [])
		if (pattern.test(path))
			return { kind, endpoint, issuer: SOCIAL_ISSUERS[kind as Exclude<OAuthKind, 'OIDC'>] };
	return undefined;
}

/** The endpoint paths of a generic OIDC issuer, under the issuer's own path. */
export const OIDC_PATHS: Record<OAuthEndpoint, string> = {
	discovery: '/.well-known/openid-configuration',
	authorize: '/authorize',
	token: '/token',
	userinfo: '/userinfo',
	jwks: '/jwks.json',
};

/** The route of a request to a generic OIDC issuer (`issuerPath` is the issuer URL's path, without a trailing /). */
export function oidcRoute(
	issuer: string,
	issuerPath: string,
	path: string
): OAuthRoute | undefined {
	if (!path.startsWith(issuerPath)) return undefined;
	const rest = path.slice(issuerPath.length);
	const endpoint = (Object.keys(OIDC_PATHS) as OAuthEndpoint[]).find(
		(key) => OIDC_PATHS[key] === rest
	);
	return endpoint ? { kind: 'OIDC', endpoint, issuer } : undefined;
}
