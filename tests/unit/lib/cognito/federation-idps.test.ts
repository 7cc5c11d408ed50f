/**
 * One set of mock identity providers: the tokens `mintProviderToken` gives identity pools are signed with the
 * keys the mock IdPs publish at their JWKS endpoints, and a Google ID token from the mock consent flow is
 * accepted by an identity pool as a `Logins` entry.
 */
import { createLocalJWKSet, jwtVerify } from 'jose';
import { beforeEach, describe, expect, test } from 'vitest';
import { browser } from '../../../fixtures/browser';
import { userPoolSandbox, type UserPoolSandbox } from '../../../fixtures/user-pool-sandbox';

const CALLBACK = 'https://app.example.com/google-callback';

async function identityCall(t: UserPoolSandbox, operation: string, input: Record<string, unknown>) {
	const response = await t.sandbox.fetch(
		new Request('https://cognito-identity.us-east-1.amazonaws.com/', {
			method: 'POST',
			headers: {
				'X-Amz-Target': `AWSCognitoIdentityService.${operation}`,
				'Content-Type': 'application/x-amz-json-1.1',
			},
			body: JSON.stringify(input),
		})
	);
	return { status: response.status, body: await response.json() };
}

describe('the mock IdPs serve identity pools too', { timeout: 30_000 }, () => {
	let t: UserPoolSandbox;
	beforeEach(() => {
		t = userPoolSandbox(101);
	});

	test('minted Google and OIDC tokens verify against the JWKS the mock providers publish', async () => {
		const token = await t.sandbox.mintProviderToken('accounts.google.com', {
			sub: '123',
			aud: 'web-client',
		});
		const jwks = await (
			await t.sandbox.fetch(new Request('https://www.googleapis.com/oauth2/v3/certs'))
		).json();
		const { payload } = await jwtVerify(token, createLocalJWKSet(jwks), {
			issuer: 'https://accounts.google.com',
			audience: 'web-client',
			currentDate: new Date('2026-01-01T00:01:00Z'),
		});
		expect(payload.sub).toBe('123');

		const oidc = await t.sandbox.mintProviderToken('login.example.com', { sub: 'u1', aud: 'app' });
		const discovery = await (
			await t.sandbox.fetch(
				new Request('https://login.example.com/.well-known/openid-configuration')
			)
		).json();
		expect(discovery.issuer).toBe('https://login.example.com');
		const oidcKeys = await (await t.sandbox.fetch(new Request(discovery.jwks_uri))).json();
		const verified = await jwtVerify(oidc, createLocalJWKSet(oidcKeys), {
			issuer: 'https://login.example.com',
			currentDate: new Date('2026-01-01T00:01:00Z'),
		});
		expect(verified.payload.sub).toBe('u1');
	});

	test('a Google ID token from the mock consent flow is an identity-pool login', async () => {
		const b = browser((request) => t.sandbox.fetch(request), {
			stopAt: (url) => url.startsWith(CALLBACK),
		});
		await b.open(
			`https://accounts.google.com/o/oauth2/v2/auth?client_id=web-client&redirect_uri=${encodeURIComponent(CALLBACK)}&response_type=code&scope=openid+email&nonce=n1`
		);
		await b.submit('Continue', { user_id: '555', email: 'g@example.com' });
		const code = new URL(b.page.url).searchParams.get('code')!;
		const tokenResponse = await (
			await t.sandbox.fetch(
				new Request('https://oauth2.googleapis.com/token', {
					method: 'POST',
					headers: { 'content-type': 'application/x-www-form-urlencoded' },
					body: new URLSearchParams({
						grant_type: 'authorization_code',
						code,
						redirect_uri: CALLBACK,
						client_id: 'web-client',
						client_secret: 's',
					}),
				})
			)
		).json();
		expect(tokenResponse).toMatchObject({
			token_type: 'Bearer',
			expires_in: 3599,
			scope: 'openid https://www.googleapis.com/auth/userinfo.email',
		});
		// The code is single use.
		const replay = await t.sandbox.fetch(
			new Request('https://oauth2.googleapis.com/token', {
				method: 'POST',
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams({
					grant_type: 'authorization_code',
					code,
					redirect_uri: CALLBACK,
					client_id: 'web-client',
					client_secret: 's',
				}),
			})
		);
		expect(replay.status).toBe(400);
		expect(await replay.json()).toEqual({
			error: 'invalid_grant',
			error_description: 'Bad Request',
		});

		const pool = await identityCall(t, 'CreateIdentityPool', {
			IdentityPoolName: 'social',
			AllowUnauthenticatedIdentities: false,
			SupportedLoginProviders: { 'accounts.google.com': 'web-client' },
		});
		const id = await identityCall(t, 'GetId', {
			IdentityPoolId: pool.body.IdentityPoolId,
			Logins: { 'accounts.google.com': tokenResponse.id_token },
		});
		expect(id.status).toBe(200);
		expect(id.body.IdentityId).toMatch(/^us-east-1:/);
		const described = await identityCall(t, 'DescribeIdentity', { IdentityId: id.body.IdentityId });
		expect(described.body.Logins).toEqual(['accounts.google.com']);
	});
});
