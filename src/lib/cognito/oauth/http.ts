/**
 * Small HTTP helpers of the managed login front end: HTML escaping, form and cookie parsing, responses with
 * the headers the real endpoints send (no caching of anything that carries a code or a token).
 */
import type { SandboxContext } from '../core/context';

/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
	return text.replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!
	);
}

/** Fields of a URL query or form body, first value wins, in a `Map` (names are caller data). */
export function fieldsOf(params: URLSearchParams): Map<string, string> {
	const out = new Map<string, string>();
	for (const [name, value] of params) if (!out.has(name)) out.set(name, value);
	return out;
}

/** The form fields of a POST (`application/x-www-form-urlencoded`), or an empty map for other bodies. */
export async function readForm(request: Request): Promise<Map<string, string>> {
	if (request.method !== 'POST') return new Map();
	const type = request.headers.get('content-type') ?? '';
	if (!type.startsWith('application/x-www-form-urlencoded')) return new Map();
	return fieldsOf(new URLSearchParams(await request.text()));
}

/**
 * Browsers forbid scripts to set `Cookie` on a `Request` and drop `Set-Cookie` from a `Response` they build,
 * so in the simulator's worker the sandbox's cookies would vanish. Every response that sets cookies also
 * carries them, JSON-encoded, in `x-sandbox-set-cookie`, and a request may carry its cookies in
 * `x-sandbox-cookie`; the emulator strips the response header (real clients use the real ones).
 */
export const SANDBOX_COOKIE_HEADER = 'x-sandbox-cookie';
export const SANDBOX_SET_COOKIE_HEADER = 'x-sandbox-set-cookie';

/** Appends `Set-Cookie` values and their browser-safe copy (see {@link SANDBOX_SET_COOKIE_HEADER}). */
export function appendSetCookies(headers: Headers, cookies: readonly string[]): void {
	if (cookies.length === 0) return;
	for (const cookie of cookies) headers.append('set-cookie', cookie);
	headers.set(SANDBOX_SET_COOKIE_HEADER, JSON.stringify(cookies));
}

/** The cookies a sandbox response sets: the real header where the runtime keeps it, else the copy. */
export function setCookiesOf(response: Response): string[] {
	const real = response.headers.getSetCookie();
	if (real.length > 0) return real;
	try {
		const copy: unknown = JSON.parse(response.headers.get(SANDBOX_SET_COOKIE_HEADER) ?? '[]');
		return Array.isArray(copy) ? copy.filter((value) => typeof value === 'string') : [];
	} catch {
		return [];
	}
}

/** The request's cookies by name (first wins): `Cookie`, or the sandbox copy when a browser dropped it. */
export function cookiesOf(request: Request): Map<string, string> {
	const out = new Map<string, string>();
	const header = request.headers.get('cookie') ?? request.headers.get(SANDBOX_COOKIE_HEADER) ?? '';
	for (const part of header.split(';')) {
		const index = part.indexOf('=');
		if (index < 1) continue;
		const name = part.slice(0, index).trim();
		if (!out.has(name)) out.set(name, decodeURIComponent(part.slice(index + 1).trim()));
	}
	return out;
}

/**
 * Where cookies of a login host live: `/` on the real host, `/_host/<host>/` when the emulator serves every
 * host under one origin (so two pools never share a session cookie).
 */
export function cookieScope(
	context: SandboxContext,
	host: string
): { path: string; secure: boolean } {
	const url = new URL(context.urls.url(host, '/'));
	return { path: url.pathname, secure: url.protocol === 'https:' };
}

/** A `Set-Cookie` value (HttpOnly, SameSite=Lax; `maxAge` 0 deletes). */
export function setCookie(
	name: string,
	value: string,
	scope: { path: string; secure: boolean },
	maxAgeSeconds: number
): string {
	return `${name}=${encodeURIComponent(value)}; Path=${scope.path}; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Lax${scope.secure ? '; Secure' : ''}`;
}

const NO_STORE = {
	'cache-control': 'no-cache, no-store, max-age=0, must-revalidate',
	pragma: 'no-cache',
};

/** A 302 to `location`, with cookies to set. */
export function redirect(location: string, cookies: string[] = []): Response {
	const headers = new Headers({ location, ...NO_STORE });
	appendSetCookies(headers, cookies);
	return new Response(null, { status: 302, headers });
}

/** A JSON response (`application/json;charset=UTF-8`, never cached). */
export function jsonResponse(
	status: number,
	body: unknown,
	headers: Record<string, string> = {}
): Response {
	return new Response(body === undefined ? null : JSON.stringify(body), {
		status,
		headers: { 'content-type': 'application/json;charset=UTF-8', ...NO_STORE, ...headers },
	});
}

/**
 * An HTML page with its CSP (inline style allowed by nonce only; no script at all). `redirectTarget` is the
 * app's callback URL: browsers apply `form-action` to the redirect that follows a form, so it is allowed too.
 */
export function htmlResponse(
	status: number,
	html: string,
	nonce: string,
	options: { cookies?: string[]; redirectTarget?: string } = {}
): Response {
	const headers = new Headers({
		'content-type': 'text/html;charset=UTF-8',
		'content-security-policy': pageCsp(nonce, options.redirectTarget),
		'x-frame-options': 'DENY',
		'x-content-type-options': 'nosniff',
		// same-origin, not no-referrer: with no-referrer browsers send `Origin: null` on the page's own forms.
		'referrer-policy': 'same-origin',
		...NO_STORE,
	});
	appendSetCookies(headers, options.cookies ?? []);
	return new Response(html, { status, headers });
}

/** The policy of every page: nothing loads but the nonce'd style and `data:` images; no script runs. */
export function pageCsp(nonce: string, redirectTarget?: string): string {
	let target = '';
	if (redirectTarget) {
		try {
			const url = new URL(redirectTarget);
			// Origins for http(s); a custom scheme (myapp://) is allowed as a scheme source.
			const source = /^https?:$/.test(url.protocol) ? url.origin : url.protocol;
			if (/^[\w.:/[\]-]+$/.test(source)) target = ` ${source}`;
		} catch {
			// An unparsable target adds nothing.
		}
	}
	return `default-src 'none'; style-src 'nonce-${nonce}'; img-src data:; form-action 'self'${target}; base-uri 'none'; frame-ancestors 'none'`;
}

/** Masks what a trace must not show in clear (passwords, secrets, codes, tokens). */
export function traceFields(fields: Map<string, string>): Record<string, string> {
	const out: Record<string, string> = Object.create(null);
	for (const [name, value] of fields)
		out[name] =
			/password|secret|token|verifier|_csrf|session|^code$/i.test(name) && value
				? `*** (${value.length} characters)`
				: value.length > 256
					? `${value.slice(0, 64)}…`
					: value;
	return out;
}

/** A redirect location for the trace, with codes and tokens masked. */
export function traceLocation(location: string): string {
	return location.replace(
		/([?#&](?:code|access_token|id_token|refresh_token)=)[^&#]*/g,
		(_all, name: string) => `${name}***`
	);
}
