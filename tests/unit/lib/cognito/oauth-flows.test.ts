import { describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import { PASSWORD, userPoolSandbox } from '../../../fixtures/user-pool-sandbox';
import {
	asBrowserScript,
	authorizeUrl,
	browser,
	CALLBACK,
	confirmedUser,
	HOST,
	managedLoginPool,
	pkce,
} from '../../../fixtures/managed-login';

async function token(
	t: ReturnType<typeof userPoolSandbox>,
	body: Record<string, string>,
	auth?: string
) {
	const response = await t.sandbox.fetch(
		new Request(`https://${HOST}/oauth2/token`, {
			method: 'POST',
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				...(auth ? { authorization: auth } : {}),
			},
			body: new URLSearchParams(body).toString(),
		})
	);
	return { status: response.status, body: await response.json() };
}

describe('managed login: authorization code flow', () => {
	it('signs in on the classic page and redeems the code once, with PKCE', async () => {
		const t = userPoolSandbox();
		const { poolId, clientId } = await managedLoginPool(t);
		await confirmedUser(t, poolId);
		const b = browser(t.sandbox);
		const { verifier, challenge } = await pkce();
		const start = await b.go(
			authorizeUrl({
				response_type: 'code',
				client_id: clientId,
				redirect_uri: CALLBACK,
				scope: 'openid email',
				state: 'xyz',
				nonce: 'n-1',
				code_challenge: challenge,
				code_challenge_method: 'S256',
			})
		);
		expect(start.status).toBe(302);
		const login = await b.go(start.headers.get('location')!);
		expect(login.status).toBe(200);
		const html = await login.text();
		expect(html).toContain('class="submitButton-customizable"');
		expect(login.headers.get('content-security-policy')).toMatch(
			/^default-src 'none'; style-src 'nonce-[\w-]+'/
		);
		const signedIn = await b.submit(html, { username: 'carol', password: PASSWORD });
		expect(signedIn.status).toBe(302);
		const back = new URL(signedIn.headers.get('location')!);
		expect(`${back.origin}${back.pathname}`).toBe(CALLBACK);
		expect(back.searchParams.get('state')).toBe('xyz');
		const code = back.searchParams.get('code')!;
		const wrong = await token(t, {
			grant_type: 'authorization_code',
			client_id: clientId,
			code,
			redirect_uri: CALLBACK,
			code_verifier: 'x'.repeat(43),
		});
		expect(wrong).toEqual({ status: 400, body: { error: 'invalid_grant' } });
		// Spent by the failed attempt.
		const again = await token(t, {
			grant_type: 'authorization_code',
			client_id: clientId,
			code,
			redirect_uri: CALLBACK,
			code_verifier: verifier,
		});
		expect(again.body).toEqual({ error: 'invalid_grant' });
	});

	it('issues ID, access and refresh tokens with the OAuth claims', async () => {
		const t = userPoolSandbox();
		const { poolId, clientId } = await managedLoginPool(t);
		await confirmedUser(t, poolId);
		const b = browser(t.sandbox);
		const { verifier, challenge } = await pkce();
		const start = await b.go(
			authorizeUrl({
				response_type: 'code',
				client_id: clientId,
				redirect_uri: CALLBACK,
				scope: 'openid email',
				nonce: 'n-1',
				code_challenge: challenge,
				code_challenge_method: 'S256',
			})
		);
		const login = await b.go(start.headers.get('location')!);
		const signedIn = await b.submit(login, { username: 'carol', password: PASSWORD });
		const code = new URL(signedIn.headers.get('location')!).searchParams.get('code')!;
		const result = await token(t, {
			grant_type: 'authorization_code',
			client_id: clientId,
			code,
			redirect_uri: CALLBACK,
			code_verifier: verifier,
		});
		expect(result.status).toBe(200);
		expect(Object.keys(result.body)).toEqual([
			'id_token',
			'access_token',
			'refresh_token',
			'expires_in',
			'token_type',
		]);
		const access = decodeJwt(result.body.access_token);
		expect(access.scope).toBe('openid email');
		expect(access.version).toBe(2);
		expect(access.client_id).toBe(clientId);
		const id = decodeJwt(result.body.id_token);
		expect(Object.keys(id)[0]).toBe('at_hash');
		expect(id.nonce).toBe('n-1');
		expect(id.name).toBe('Carol Example');
		// Silent sign-in from the session cookie.
		const silent = await b.go(
			authorizeUrl({
				response_type: 'code',
				client_id: clientId,
				redirect_uri: CALLBACK,
				scope: 'openid',
			})
		);
		expect(new URL(silent.headers.get('location')!).searchParams.get('code')).toBeTruthy();
	});
	it('keeps its session where the runtime drops Cookie and Set-Cookie (the simulator runs in a browser worker)', async () => {
		const t = userPoolSandbox();
		const { poolId, clientId } = await managedLoginPool(t);
		await confirmedUser(t, poolId);
		const b = browser(asBrowserScript(t.sandbox));
		const { challenge } = await pkce();
		const start = await b.go(
			authorizeUrl({
				response_type: 'code',
				client_id: clientId,
				redirect_uri: CALLBACK,
				scope: 'openid',
				code_challenge: challenge,
				code_challenge_method: 'S256',
			})
		);
		const login = await b.go(start.headers.get('location')!);
		expect(login.headers.get('set-cookie')).toBeNull();
		const signedIn = await b.submit(login, { username: 'carol', password: PASSWORD });
		expect(new URL(signedIn.headers.get('location')!).searchParams.get('code')).toBeTruthy();
		// Silent sign-in works only if the session cookie made the round trip through the copies.
		const silent = await b.go(
			authorizeUrl({
				response_type: 'code',
				client_id: clientId,
				redirect_uri: CALLBACK,
				scope: 'openid',
			})
		);
		expect(silent.status).toBe(302);
		expect(new URL(silent.headers.get('location')!).searchParams.get('code')).toBeTruthy();
	});
});
