/**
 * A headless browser for scenarios: the `Browser.Open` and `Browser.Submit` operations. It keeps cookies per
 * scenario run, follows redirects while the sandbox serves the next host (managed login, a mock identity
 * provider, an ALB) and stops at the first one it does not (the app's callback URL), reads the forms, title and
 * alerts of each HTML page, and submits a form the way a browser does (its hidden fields included).
 *
 * Pure: each hop goes through `fetchOnce` (the `Sandbox.Fetch` call in the worker or the headless test) and the
 * state it keeps (cookies, the page on screen) is plain JSON the runner stores with the scenario's results.
 */
import { parseSetCookie } from 'set-cookie-parser';
import type { CallOutcome, JsonObject } from './types';

/** A cookie the browser holds (host-only unless the server named a domain). */
export interface BrowserCookie {
	name: string;
	value: string;
	/** Host it was set by, or the domain it was set for (`domain` true). */
	host: string;
	domain: boolean;
	path: string;
	/** Sandbox time (ms) it expires at; absent for a session cookie. */
	expires?: number;
}

/** A form on the page, as a browser would submit it untouched. */
export interface PageForm {
	Action: string;
	Method: string;
	/** Every successful control's name and value (hidden fields included). */
	Fields: Record<string, string>;
	/** Names of the controls the learner may fill in (unchecked boxes included). */
	Controls: string[];
	/** Checkboxes: their name and the value they send when checked. */
	Checkboxes: Record<string, string>;
	/** Submit buttons in order: the text, and the name and value a click adds. */
	Buttons: Array<{ Text: string; Name?: string; Value?: string }>;
}

/** What the browser remembers between steps. */
export interface BrowserState {
	cookies: BrowserCookie[];
	/** The page on screen: its URL and forms (`Browser.Submit` submits one of them). */
	page?: { Url: string; Forms: PageForm[] };
}

/** The result of a `Browser.*` step, stored under the step's id for `{{<id>.…}}` references. */
export interface BrowserResponse extends JsonObject {
	/** Status of the last response. */
	Status: number;
	/** URL of the last request. */
	Url: string;
	/** Where the last response redirects to, when the browser did not follow (the app's callback). */
	Location?: string;
	/** Query parameters of `Location` (or of `Url` when there is none), e.g. `code` and `state`. */
	Query: Record<string, string>;
	/** Fragment parameters of `Location` (implicit grant: `id_token`, `access_token`). */
	Fragment: Record<string, string>;
	/** The URLs the browser was redirected through, in order. */
	Redirects: string[];
	/** The page's title, for HTML pages. */
	Title?: string;
	/** Text of the page's alerts (`role="alert"`), e.g. "Incorrect username or password." */
	Alerts: string[];
	/** The page's forms. */
	Forms: PageForm[];
	/** The body when it is JSON. */
	Json?: unknown;
	/** The body when it is neither HTML nor JSON (cut to 2,000 characters). */
	Text?: string;
}

/** One hop as the sandbox answered it; `served: false` when no front end of the sandbox has this host. */
export type FetchOnce = (request: {
	Method: string;
	Url: string;
	Headers: Record<string, string>;
	Body?: string;
}) => Promise<CallOutcome>;

/** What `Sandbox.Fetch` returns for one hop. */
export interface HopResponse {
	/** Whether a front end of the sandbox has the request's host (if not, nothing else is set). */
	Served: boolean;
	/** For a redirect: whether the sandbox serves its `location` too (else it is the app's URL). */
	LocationServed?: boolean;
	Status: number;
	Headers: Record<string, string>;
	SetCookie: string[];
	Body: string;
}

/** Most redirects one step follows (browsers stop at 20). */
const MAX_REDIRECTS = 20;

export const BROWSER_OPERATIONS = ['Open', 'Submit'];

/** A step that cannot be carried out (bad request, no such form); reported like a client error. */
const clientError = (message: string): CallOutcome => ({
	ok: false,
	error: { type: 'BrowserError', message },
});

/**
 * Runs `Browser.Open` (`Url`, optional `Method`, `Headers`, `Form` fields, `Json` body, `Follow` = true) or
 * `Browser.Submit` (`Fields` to fill in, optional `Button`: the text of the button to press, else the first form's
 * first button; `Follow`).
 * Returns the outcome and the browser state after it. A 4xx/5xx answer is a failure whose type is the OAuth
 * `error` of a JSON body, the `x-amzn-errortype` header, or `HTTP <status>`.
 */
export async function browse(
	operation: string,
	request: JsonObject,
	state: BrowserState,
	fetchOnce: FetchOnce,
	now: number
): Promise<{ outcome: CallOutcome; state: BrowserState }> {
	const next: BrowserState = { cookies: state.cookies.map((cookie) => ({ ...cookie })) };
	if (state.page) next.page = state.page;
	const follow = request.Follow !== false;
	let first: HopRequest;
	if (operation === 'Open') {
		const built = openRequest(request);
		if (typeof built === 'string') return { outcome: clientError(built), state };
		first = built;
	} else if (operation === 'Submit') {
		const built = submitRequest(request, state);
		if (typeof built === 'string') return { outcome: clientError(built), state };
		first = built;
	} else {
		return {
			outcome: {
				ok: false,
				error: {
					type: 'UnknownOperationException',
					message: `Unknown browser operation Browser.${operation}; known: ${BROWSER_OPERATIONS.map((name) => `Browser.${name}`).join(', ')}`,
				},
			},
			state,
		};
	}

	const redirects: string[] = [];
	let current = first;
	for (;;) {
		const cookie = cookieHeader(next.cookies, current.Url, now);
		const headers = { ...current.Headers, ...(cookie ? { cookie } : {}) };
		const hop = await fetchOnce({ ...current, Headers: headers });
		if (!hop.ok) return { outcome: hop, state };
		const answer = hop.response as HopResponse;
		if (!answer.Served)
			return {
				outcome: clientError(
					`${current.Url} is not served by the sandbox (only managed login, identity providers and the APIs it defines are)`
				),
				state,
			};
		storeCookies(next, answer.SetCookie, current.Url, now);
		const location = answer.Headers.location;
		if (answer.Status >= 300 && answer.Status < 400 && location) {
			const target = new URL(location, current.Url).toString();
			if (follow && redirects.length < MAX_REDIRECTS && answer.LocationServed) {
				redirects.push(target);
				// 307/308 repeat the request; the others become a GET (as browsers do after a form post).
				current =
					answer.Status === 307 || answer.Status === 308
						? { ...current, Url: target }
						: { Method: 'GET', Url: target, Headers: {} };
				continue;
			}
			const response = await describe(answer, current.Url, redirects, target);
			next.page = { Url: current.Url, Forms: [] };
			return { outcome: { ok: true, response }, state: next };
		}
		const response = await describe(answer, current.Url, redirects);
		next.page = { Url: current.Url, Forms: response.Forms };
		if (answer.Status >= 400)
			return { outcome: { ok: false, error: errorOf(answer, response) }, state: next };
		return { outcome: { ok: true, response }, state: next };
	}
}

function openRequest(request: JsonObject): HopRequest | string {
	const { Url, Method, Headers, Form, Json } = request as {
		Url?: unknown;
		Method?: unknown;
		Headers?: unknown;
		Form?: unknown;
		Json?: unknown;
	};
	if (typeof Url !== 'string' || !URL.canParse(Url))
		return 'Browser.Open needs Url, an absolute URL';
	if (Form !== undefined && !isStringRecord(Form))
		return 'Browser.Open: Form must map field names to strings';
	if (Headers !== undefined && !isStringRecord(Headers))
		return 'Browser.Open: Headers must map header names to strings';
	const headers: Record<string, string> = { ...(Headers as Record<string, string> | undefined) };
	let body: string | undefined;
	if (Form !== undefined) {
		body = new URLSearchParams(Form as Record<string, string>).toString();
		headers['content-type'] = 'application/x-www-form-urlencoded';
	} else if (Json !== undefined) {
		body = JSON.stringify(Json);
		headers['content-type'] ??= 'application/json';
	}
	const method =
		typeof Method === 'string' ? Method.toUpperCase() : body === undefined ? 'GET' : 'POST';
	return { Method: method, Url, Headers: headers, ...(body === undefined ? {} : { Body: body }) };
}

type HopRequest = Parameters<FetchOnce>[0];

function submitRequest(request: JsonObject, state: BrowserState): HopRequest | string {
	const { Fields = {}, Button } = request as { Fields?: unknown; Button?: unknown };
	if (!isStringRecord(Fields)) return 'Browser.Submit: Fields must map field names to strings';
	const forms = state.page?.Forms ?? [];
	if (forms.length === 0)
		return `Browser.Submit: the page on screen (${state.page?.Url ?? 'none yet'}) has no form; open a page first`;
	// The form with the button the learner names (by its text), else the first form and its first button.
	const form =
		typeof Button === 'string'
			? forms.find((item) => item.Buttons.some((button) => button.Text === Button))
			: forms[0];
	if (!form)
		return `Browser.Submit: no button "${String(Button)}" on the page (buttons: ${forms.flatMap((item) => item.Buttons.map((button) => `"${button.Text}"`)).join(', ')})`;
	const button =
		typeof Button === 'string'
			? form.Buttons.find((item) => item.Text === Button)
			: form.Buttons[0];
	const missing = Object.keys(Fields).filter((name) => !form.Controls.includes(name));
	if (missing.length)
		return `Browser.Submit: the form has no field ${missing.map((name) => `"${name}"`).join(', ')} (fields: ${form.Controls.join(', ')})`;
	// A Map, so a field a page names `__proto__` is just a field.
	const filled = new Map(Object.entries(form.Fields));
	for (const [name, value] of Object.entries(Fields as Record<string, string>)) {
		// A checkbox is ticked with "true" (it sends its own value) and cleared with "false".
		if (Object.hasOwn(form.Checkboxes, name)) {
			if (value === 'false' || value === '') filled.delete(name);
			else filled.set(name, value === 'true' ? form.Checkboxes[name]! : value);
		} else filled.set(name, value);
	}
	const values = new URLSearchParams([...filled]);
	if (button?.Name) values.append(button.Name, button.Value ?? '');
	if (form.Method === 'GET') {
		const url = new URL(form.Action);
		for (const [name, value] of values) url.searchParams.set(name, value);
		return { Method: 'GET', Url: url.toString(), Headers: {} };
	}
	return {
		Method: 'POST',
		Url: form.Action,
		Headers: { 'content-type': 'application/x-www-form-urlencoded' },
		Body: values.toString(),
	};
}

const isStringRecord = (value: unknown): value is Record<string, string> =>
	!!value &&
	typeof value === 'object' &&
	!Array.isArray(value) &&
	Object.values(value).every((item) => typeof item === 'string');

/** The `Cookie` header a browser sends to `url`. */
export function cookieHeader(cookies: readonly BrowserCookie[], url: string, now: number): string {
	const { hostname, pathname } = new URL(url);
	return cookies
		.filter(
			(cookie) =>
				(cookie.domain
					? hostname === cookie.host || hostname.endsWith(`.${cookie.host}`)
					: hostname === cookie.host) &&
				pathMatches(pathname, cookie.path) &&
				(cookie.expires === undefined || cookie.expires > now)
		)
		.map((cookie) => `${cookie.name}=${encodeURIComponent(cookie.value)}`)
		.join('; ');
}

function pathMatches(requestPath: string, cookiePath: string): boolean {
	if (requestPath === cookiePath) return true;
	if (!requestPath.startsWith(cookiePath)) return false;
	return cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/';
}

/** Stores `Set-Cookie` lines received from `url` (RFC 6265: Max-Age wins over Expires; ≤ 0 deletes). */
export function storeCookies(state: BrowserState, lines: string[], url: string, now: number) {
	const { hostname, pathname } = new URL(url);
	for (const parsed of parseSetCookie(lines, { decodeValues: true })) {
		const domain = parsed.domain?.replace(/^\./, '').toLowerCase();
		if (domain && hostname !== domain && !hostname.endsWith(`.${domain}`)) continue;
		const path = parsed.path?.startsWith('/')
			? parsed.path
			: pathname.slice(0, pathname.lastIndexOf('/')) || '/';
		const expires =
			parsed.maxAge !== undefined
				? now + parsed.maxAge * 1000
				: parsed.expires
					? parsed.expires.getTime()
					: undefined;
		const cookie: BrowserCookie = {
			name: parsed.name,
			value: parsed.value,
			host: domain ?? hostname,
			domain: !!domain,
			path,
			...(expires === undefined ? {} : { expires }),
		};
		state.cookies = state.cookies.filter(
			(held) => !(held.name === cookie.name && held.host === cookie.host && held.path === path)
		);
		if (expires === undefined || expires > now) state.cookies.push(cookie);
	}
}

function paramsOf(search: string): Record<string, string> {
	const out: Record<string, string> = Object.create(null);
	for (const [name, value] of new URLSearchParams(search)) out[name] = value;
	return out;
}

async function describe(
	answer: HopResponse,
	url: string,
	redirects: string[],
	location?: string
): Promise<BrowserResponse> {
	const shown = new URL(location ?? url);
	const response: BrowserResponse = {
		Status: answer.Status,
		Url: url,
		...(location ? { Location: location } : {}),
		Query: paramsOf(shown.search),
		Fragment: paramsOf(shown.hash.slice(1)),
		Redirects: redirects,
		Alerts: [],
		Forms: [],
	};
	const type = answer.Headers['content-type'] ?? '';
	if (location) return response;
	if (type.includes('json')) {
		try {
			response.Json = JSON.parse(answer.Body);
		} catch {
			response.Text = answer.Body.slice(0, 2000);
		}
	} else if (type.includes('html')) {
		Object.assign(response, await readPage(answer.Body, url));
	} else if (answer.Body) {
		response.Text = answer.Body.slice(0, 2000);
	}
	return response;
}

function errorOf(
	answer: HopResponse,
	response: BrowserResponse
): { type: string; message: string } {
	const json = response.Json as { error?: unknown; error_description?: unknown; message?: unknown };
	const type =
		(typeof json?.error === 'string' && json.error) ||
		answer.Headers['x-amzn-errortype']?.split(':')[0] ||
		`HTTP ${answer.Status}`;
	const message =
		(typeof json?.error_description === 'string' && json.error_description) ||
		(typeof json?.message === 'string' && json.message) ||
		response.Alerts[0] ||
		response.Title ||
		response.Text?.slice(0, 200) ||
		'';
	return { type, message };
}

/** The title, alerts and forms of an HTML page (the parser loads on the first page, not with the simulator). */
export async function readPage(
	html: string,
	url: string
): Promise<{ Title?: string; Alerts: string[]; Forms: PageForm[] }> {
	const { Parser } = await import('htmlparser2');
	let title: string | undefined;
	const alerts: string[] = [];
	const forms: PageForm[] = [];
	let form: PageForm | undefined;
	let inTitle = false;
	let alertDepth = 0;
	let alertText = '';
	let depth = 0;
	let select: { name: string; value?: string; first?: string } | undefined;
	let option: { value?: string; selected: boolean; text: string } | undefined;
	let textarea: { name: string; text: string } | undefined;
	let button: { text: string; name?: string; value?: string } | undefined;
	const parser = new Parser(
		{
			onopentag(name, attributes) {
				depth++;
				if (name === 'title') inTitle = true;
				if (attributes.role === 'alert' && alertDepth === 0) {
					alertDepth = depth;
					alertText = '';
				}
				if (name === 'form') {
					form = {
						Action: new URL(attributes.action ?? '', url).toString(),
						Method: (attributes.method ?? 'GET').toUpperCase(),
						Fields: Object.create(null) as Record<string, string>,
						Controls: [],
						Checkboxes: Object.create(null) as Record<string, string>,
						Buttons: [],
					};
					forms.push(form);
				}
				if (!form) return;
				if (name === 'input' && attributes.name && !('disabled' in attributes)) {
					const type = (attributes.type ?? 'text').toLowerCase();
					if (type === 'submit')
						form.Buttons.push({
							Text: attributes.value ?? 'Submit',
							Name: attributes.name,
							Value: attributes.value ?? '',
						});
					if (['submit', 'button', 'image', 'reset', 'file'].includes(type)) return;
					if (!form.Controls.includes(attributes.name)) form.Controls.push(attributes.name);
					if (type === 'checkbox') form.Checkboxes[attributes.name] = attributes.value ?? 'on';
					if ((type === 'checkbox' || type === 'radio') && !('checked' in attributes)) return;
					form.Fields[attributes.name] = attributes.value ?? (type === 'checkbox' ? 'on' : '');
				}
				if (name === 'select' && attributes.name) {
					select = { name: attributes.name };
					form.Controls.push(attributes.name);
				}
				if (name === 'option' && select)
					option = { value: attributes.value, selected: 'selected' in attributes, text: '' };
				if (name === 'textarea' && attributes.name) {
					textarea = { name: attributes.name, text: '' };
					form.Controls.push(attributes.name);
				}
				if (name === 'button' && (attributes.type ?? 'submit') === 'submit')
					button = { text: '', name: attributes.name, value: attributes.value };
			},
			ontext(text) {
				if (inTitle) title = (title ?? '') + text;
				if (alertDepth) alertText += text;
				if (option) option.text += text;
				if (textarea) textarea.text += text;
				if (button) button.text += text;
			},
			onclosetag(name) {
				if (name === 'title') inTitle = false;
				if (alertDepth === depth) {
					alerts.push(alertText.replace(/\s+/g, ' ').trim());
					alertDepth = 0;
				}
				depth--;
				if (name === 'option' && select && option) {
					const value = option.value ?? option.text.trim();
					select.first ??= value;
					if (option.selected) select.value = value;
					option = undefined;
				}
				if (name === 'select' && select && form) {
					const value = select.value ?? select.first;
					if (value !== undefined) form.Fields[select.name] = value;
					select = undefined;
				}
				if (name === 'textarea' && textarea && form) {
					form.Fields[textarea.name] = textarea.text;
					textarea = undefined;
				}
				if (name === 'button' && button && form) {
					form.Buttons.push({
						Text: button.text.replace(/\s+/g, ' ').trim(),
						...(button.name ? { Name: button.name, Value: button.value ?? '' } : {}),
					});
					button = undefined;
				}
				if (name === 'form') form = undefined;
			},
		},
		{ decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true }
	);
	parser.write(html);
	parser.end();
	return {
		...(title === undefined ? {} : { Title: title.replace(/\s+/g, ' ').trim() }),
		Alerts: alerts,
		Forms: forms.map((item) => ({
			...item,
			Fields: { ...item.Fields },
			Checkboxes: { ...item.Checkboxes },
		})),
	};
}
