/**
 * How the sandbox spells the URLs it hands out (token `iss`, JWKS and OpenID discovery documents, managed
 * login redirects and links) and how it reads the host a request is for.
 *
 * - AWS style (default): real host names, `https://cognito-idp.us-east-1.amazonaws.com/us-east-1_abc`,
 *   `https://demo.auth.us-east-1.amazoncognito.com/oauth2/authorize`. Requests are routed by their URL's host.
 * - Local style (`createSandbox({ baseUrl })`, the emulator's `--local-urls`): every such URL points back at
 *   the local server as `<baseUrl>/_host/<host><path>`, so an unchanged OIDC client or `aws-jwt-verify`
 *   following the documents reaches the emulator. Both spellings are accepted on requests in either style.
 */

/** The host and path a request is for, once any `/_host/<host>` prefix is read. */
export interface RequestTarget {
	host: string;
	/** Starts with `/`. */
	path: string;
}

/** The URL style of one sandbox. */
export interface UrlStyle {
	/** The URL clients should use for `path` (starting with `/`, may carry a query) on `host`. */
	url(host: string, path?: string): string;
	/** Where a request is going. */
	target(url: URL): RequestTarget;
}

const LOCAL_PREFIX = /^\/_host\/([A-Za-z0-9.-]+(?::\d+)?)(\/.*)?$/;

/** Reads `/_host/<host>/<path>`, or the URL's own host and path. */
function targetOf(url: URL): RequestTarget {
	const local = LOCAL_PREFIX.exec(url.pathname);
	if (local) return { host: local[1]!.toLowerCase(), path: local[2] ?? '/' };
	return { host: url.host.toLowerCase(), path: url.pathname };
}

/** URLs with real AWS host names. */
export function awsUrlStyle(): UrlStyle {
	return { url: (host, path = '') => `https://${host}${path}`, target: targetOf };
}

/** URLs that all point back at `baseUrl` (for example http://localhost:9229). */
export function localUrlStyle(baseUrl: string): UrlStyle {
	const base = baseUrl.replace(/\/+$/, '');
	return { url: (host, path = '') => `${base}/_host/${host}${path}`, target: targetOf };
}
