/**
 * The scenario browser (Browser.Open / Browser.Submit): cookies per host and path with expiry on the sandbox
 * clock, redirects followed only while the sandbox serves the next host, forms read like a browser submits them,
 * and 4xx answers turned into the error a learner predicts. A tiny fake site stands in for the sandbox.
 */
import { describe, expect, test } from 'vitest';
import {
	browse,
	cookieHeader,
	readPage,
	storeCookies,
	type BrowserState,
	type CallOutcome,
} from '../../../../src/lib/simulator';

type Hop = { Method: string; Url: string; Headers: Record<string, string>; Body?: string };

/** A fake sandbox: `site` answers each hop; hosts ending in `.served` are the sandbox's. */
interface FakePage {
	status: number;
	headers?: Record<string, string>;
	setCookie?: string[];
	body?: string;
}

function fakeSandbox(site: (hop: Hop) => FakePage) {
	const hops: Hop[] = [];
	const served = (url: string) => new URL(url).hostname.endsWith('.served');
	const fetchOnce = async (hop: Hop): Promise<CallOutcome> => {
		hops.push(hop);
		if (!served(hop.Url))
			return {
				ok: true,
				response: { Served: false, Status: 0, Headers: {}, SetCookie: [], Body: '' },
			};
		const answer = site(hop);
		const headers = answer.headers ?? {};
		const location = headers.location ? new URL(headers.location, hop.Url).toString() : undefined;
		return {
			ok: true,
			response: {
				Served: true,
				...(location ? { LocationServed: served(location) } : {}),
				Status: answer.status,
				Headers: headers,
				SetCookie: answer.setCookie ?? [],
				Body: answer.body ?? '',
			},
		};
	};
	return { hops, fetchOnce };
}

const LOGIN_PAGE = `<!doctype html><html><head><title>Sign in</title></head><body>
<div role="alert">Incorrect username or password.</div>
<form method="post" action="/login?client_id=c1&amp;state=a%20b">
<input type="hidden" name="_csrf" value="t&amp;k">
<input name="username" value="">
<input type="password" name="password">
<input type="checkbox" name="remember" value="yes">
<input type="checkbox" name="terms" checked>
<input type="radio" name="mfa" value="sms"><input type="radio" name="mfa" value="totp" checked>
<select name="lang"><option value="en">English</option><option value="de" selected>Deutsch</option></select>
<textarea name="note">hi</textarea>
<button type="submit" name="decision" value="allow">Sign in</button>
<button type="submit" name="decision" value="deny">Cancel</button>
</form></body></html>`;

describe('readPage', () => {
	test('reads the title, alerts and what each form would submit', async () => {
		const page = await readPage(LOGIN_PAGE, 'https://auth.served/oauth2/authorize?x=1');
		expect(page.Title).toBe('Sign in');
		expect(page.Alerts).toEqual(['Incorrect username or password.']);
		expect(page.Forms).toHaveLength(1);
		const form = page.Forms[0]!;
		expect(form.Action).toBe('https://auth.served/login?client_id=c1&state=a%20b');
		expect(form.Method).toBe('POST');
		expect(form.Fields).toEqual({
			_csrf: 't&k',
			username: '',
			password: '',
			terms: 'on',
			mfa: 'totp',
			lang: 'de',
			note: 'hi',
		});
		expect(form.Controls).toEqual([
			'_csrf',
			'username',
			'password',
			'remember',
			'terms',
			'mfa',
			'lang',
			'note',
		]);
		expect(form.Checkboxes).toEqual({ remember: 'yes', terms: 'on' });
		expect(form.Buttons).toEqual([
			{ Text: 'Sign in', Name: 'decision', Value: 'allow' },
			{ Text: 'Cancel', Name: 'decision', Value: 'deny' },
		]);
	});
});

describe('cookies', () => {
	test('host-only by default, scoped by path, expired on the sandbox clock, deleted with Max-Age=0', () => {
		const state: BrowserState = { cookies: [] };
		storeCookies(
			state,
			['sid=a%20b; Path=/app; Max-Age=60; HttpOnly', 'XSRF=t1; Path=/'],
			'https://auth.served/app/login',
			1000
		);
		expect(cookieHeader(state.cookies, 'https://auth.served/app/x', 1000)).toBe(
			'sid=a%20b; XSRF=t1'
		);
		expect(cookieHeader(state.cookies, 'https://auth.served/application', 1000)).toBe('XSRF=t1');
		expect(cookieHeader(state.cookies, 'https://other.served/app/x', 1000)).toBe('');
		expect(cookieHeader(state.cookies, 'https://auth.served/app/x', 61_001)).toBe('XSRF=t1');
		storeCookies(state, ['XSRF=gone; Path=/; Max-Age=0'], 'https://auth.served/', 2000);
		expect(state.cookies.map((cookie) => cookie.name)).toEqual(['sid']);
		// A Domain cookie for a host it does not belong to is ignored; one for a parent domain is shared.
		storeCookies(
			state,
			['evil=1; Domain=example.org', 'shared=1; Domain=served'],
			'https://auth.served/',
			2000
		);
		expect(cookieHeader(state.cookies, 'https://api.served/', 2000)).toBe('shared=1');
	});
});

describe('browse', () => {
	test('follows redirects within the sandbox with its cookies and stops at the app, reading the code', async () => {
		const { hops, fetchOnce } = fakeSandbox((hop): FakePage => {
			const path = new URL(hop.Url).pathname;
			if (path === '/authorize')
				return {
					status: 302,
					headers: { location: '/login?state=s1' },
					setCookie: ['XSRF=t1; Path=/'],
				};
			if (path === '/login' && hop.Method === 'GET')
				return {
					status: 200,
					headers: { 'content-type': 'text/html' },
					body: LOGIN_PAGE.replace('<div role="alert">Incorrect username or password.</div>', ''),
				};
			if (path === '/login')
				return hop.Body?.includes('password=right')
					? { status: 302, headers: { location: 'https://app.example/cb?code=abc&state=s1#t=1' } }
					: { status: 400, headers: { 'content-type': 'text/html' }, body: LOGIN_PAGE };
			return { status: 404 };
		});
		let state: BrowserState = { cookies: [] };
		const open = await browse(
			'Open',
			{ Url: 'https://auth.served/authorize' },
			state,
			fetchOnce,
			0
		);
		expect(open.outcome).toMatchObject({
			ok: true,
			response: {
				Status: 200,
				Title: 'Sign in',
				Redirects: ['https://auth.served/login?state=s1'],
			},
		});
		expect(hops[1]!.Headers.cookie).toBe('XSRF=t1');
		state = open.state;

		const wrong = await browse(
			'Submit',
			{ Fields: { username: 'ana', password: 'wrong' } },
			state,
			fetchOnce,
			0
		);
		expect(wrong.outcome).toEqual({
			ok: false,
			error: { type: 'HTTP 400', message: 'Incorrect username or password.' },
		});
		state = wrong.state;

		const right = await browse(
			'Submit',
			{
				Button: 'Sign in',
				Fields: { username: 'ana', password: 'right', remember: 'true', terms: 'false' },
			},
			state,
			fetchOnce,
			0
		);
		const posted = new URLSearchParams(hops.at(-1)!.Body);
		expect(hops.at(-1)!.Method).toBe('POST');
		expect(posted.get('remember')).toBe('yes');
		expect(posted.has('terms')).toBe(false);
		expect(posted.get('decision')).toBe('allow');
		expect(posted.get('_csrf')).toBe('t&k');
		expect(right.outcome).toMatchObject({
			ok: true,
			response: {
				Status: 302,
				Location: 'https://app.example/cb?code=abc&state=s1#t=1',
				Query: { code: 'abc', state: 's1' },
				Fragment: { t: '1' },
			},
		});
		// The browser never requested the app's callback.
		expect(hops.some((hop) => hop.Url.startsWith('https://app.example'))).toBe(false);
	});

	test('JSON errors become the OAuth error; unknown fields, buttons and hosts are clear client errors', async () => {
		const { fetchOnce } = fakeSandbox(() => ({
			status: 400,
			headers: { 'content-type': 'application/json' },
			body: '{"error":"invalid_grant","error_description":"Code used"}',
		}));
		const token = await browse(
			'Open',
			{ Url: 'https://auth.served/token', Form: { code: 'x' } },
			{ cookies: [] },
			fetchOnce,
			0
		);
		expect(token.outcome).toEqual({
			ok: false,
			error: { type: 'invalid_grant', message: 'Code used' },
		});

		const page: BrowserState = {
			cookies: [],
			page: {
				Url: 'https://auth.served/',
				Forms: (await readPage(LOGIN_PAGE, 'https://auth.served/')).Forms,
			},
		};
		expect(
			(await browse('Submit', { Fields: { email: 'x' } }, page, fetchOnce, 0)).outcome
		).toEqual({
			ok: false,
			error: {
				type: 'BrowserError',
				message:
					'Browser.Submit: the form has no field "email" (fields: _csrf, username, password, remember, terms, mfa, lang, note)',
			},
		});
		expect((await browse('Submit', { Button: 'Go' }, page, fetchOnce, 0)).outcome).toMatchObject({
			ok: false,
			error: {
				message: 'Browser.Submit: no button "Go" on the page (buttons: "Sign in", "Cancel")',
			},
		});
		expect(
			(await browse('Open', { Url: 'https://app.example/' }, page, fetchOnce, 0)).outcome
		).toMatchObject({
			ok: false,
			error: {
				type: 'BrowserError',
				message: expect.stringContaining('is not served by the sandbox'),
			},
		});
		expect((await browse('Submit', {}, { cookies: [] }, fetchOnce, 0)).outcome).toMatchObject({
			ok: false,
			error: { message: expect.stringContaining('has no form; open a page first') },
		});
	});

	test('stops after 20 redirects', async () => {
		let count = 0;
		const { fetchOnce } = fakeSandbox(() => ({
			status: 302,
			headers: { location: `/loop/${++count}` },
		}));
		const result = await browse(
			'Open',
			{ Url: 'https://auth.served/loop/0' },
			{ cookies: [] },
			fetchOnce,
			0
		);
		expect(result.outcome).toMatchObject({
			ok: true,
			response: { Status: 302, Location: 'https://auth.served/loop/21' },
		});
		expect(
			(result.outcome as { response: { Redirects: string[] } }).response.Redirects
		).toHaveLength(20);
	});
});
