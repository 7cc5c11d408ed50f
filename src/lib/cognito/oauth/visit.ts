/**
 * One browser request to a pool's login host: its pool, fields (query, then form), cookies, CSRF token, the
 * page look of the app client, and the trace line it leaves. Page handlers receive a `Visit`.
 */
import type { SandboxContext } from '../core/context';
import type { RequestTarget } from '../core/urls';
import type { UserPoolService } from '../user-pools';
import type { ClientRecord, Env, PoolRecord } from '../user-pools/state';
import { loginHost } from '../user-pools/tokens';
import { lookOf } from './branding';
import { cookieScope, cookiesOf, fieldsOf, htmlResponse, readForm, setCookie } from './http';
import { type Field, form, type PageLook, renderPage } from './pages';

/** The CSRF cookie; every form repeats its value in `_csrf` (double submit). */
export const CSRF_COOKIE = 'XSRF-TOKEN';

const TOKEN_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export interface Visit {
	env: Env;
	context: SandboxContext;
	userPools: UserPoolService;
	pool: PoolRecord;
	host: string;
	path: string;
	request: Request;
	/** Query parameters. */
	query: Map<string, string>;
	/** Form fields of a POST. */
	form: Map<string, string>;
	cookies: Map<string, string>;
	/** The CSRF token pages embed (the cookie's, or a new one set with the page). */
	csrf: string;
	/** `Set-Cookie` values every response of this visit adds. */
	setCookies: string[];
	nonce: string;
	/** The URL of a path on this login host (spelled in the sandbox's URL style). */
	at(path: string): string;
	/** Whether a POST carried the CSRF token of its cookie. */
	csrfValid(): boolean;
	/** An HTML page in the look of `client` (or the pool-wide look). */
	page(
		client: ClientRecord | undefined,
		title: string,
		body: (look: PageLook) => string,
		options?: {
			status?: number;
			error?: string;
			notice?: string;
			lang?: string;
			redirectTarget?: string;
		}
	): Response;
	/** A form (posting to `path` on this host) in a page's look. */
	formHtml(look: PageLook, path: string, fields: Field[], submit: string): string;
}

/** Reads a request to a pool's login host. */
export async function openVisit(
	env: Env,
	userPools: UserPoolService,
	pool: PoolRecord,
	request: Request,
	target: RequestTarget
): Promise<Visit> {
	const url = new URL(request.url);
	const cookies = cookiesOf(request);
	const host = loginHost(env, pool);
	const setCookies: string[] = [];
	let csrf = cookies.get(CSRF_COOKIE) ?? '';
	const fresh = !/^[\w-]{32,64}$/.test(csrf);
	if (fresh) {
		csrf = env.context.randomString(40, TOKEN_ALPHABET);
		setCookies.push(setCookie(CSRF_COOKIE, csrf, cookieScope(env.context, host), 3600));
	}
	const visit: Visit = {
		env,
		context: env.context,
		userPools,
		pool,
		host,
		path: target.path,
		request,
		query: fieldsOf(url.searchParams),
		// A clone: federation reads the same POST body (an IdP's form post to /oauth2/idpresponse or /saml2/idpresponse).
		form: await readForm(request.clone()),
		cookies,
		csrf,
		setCookies,
		nonce: env.context.randomString(24, TOKEN_ALPHABET),
		at: (path) => env.context.urls.url(host, path),
		csrfValid: () => !fresh && visit.form.get('_csrf') === csrf,
		page(client, title, body, options = {}) {
			const look = lookOf(env, pool, client);
			const html = renderPage({
				title,
				look,
				nonce: visit.nonce,
				body: body(look),
				...(options.lang ? { lang: options.lang } : {}),
				...(options.error ? { error: options.error } : {}),
				...(options.notice ? { notice: options.notice } : {}),
				...(options.redirectTarget ? { redirectTarget: options.redirectTarget } : {}),
			});
			return htmlResponse(options.status ?? 200, html, visit.nonce, {
				cookies: setCookies,
				...(options.redirectTarget ? { redirectTarget: options.redirectTarget } : {}),
			});
		},
		formHtml: (look, path, fields, submit) => form(look, visit.at(path), fields, submit, csrf),
	};
	return visit;
}
