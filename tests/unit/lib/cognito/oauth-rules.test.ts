/**
 * What the exams test about managed login and the OAuth endpoints: exact redirect matching, the error of each
 * endpoint, logout, scopes and userInfo, client_credentials with pre token generation V3, branding rules,
 * snapshots, hostile inputs, and a property: no sequence of requests yields tokens without a valid code and
 * verifier.
 */
import fc from 'fast-check';
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { PASSWORD, userPoolSandbox } from '../../../fixtures/user-pool-sandbox';
import {
	authorizeUrl,
	browser,
	CALLBACK,
	confirmedUser,
	HOST,
	LOGOUT,
	managedLoginPool,
	pkce,
} from '../../../fixtures/managed-login';
import { HOSTILE_NAMES } from '../../../fixtures/hostile';

type T = ReturnType<typeof userPoolSandbox>;

async function post(
	t: T,
	path: string,
	body: Record<string, string>,
	headers: Record<string, string> = {}
) {
	const response = await t.sandbox.fetch(
		new Request(`https://${HOST}${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
			body: new URLSearchParams(body).toString(),
		})
	);
	const text = await response.text();
	return {
		status: response.status,
		body: text ? JSON.parse(text) : undefined,
		headers: response.headers,
	};
}

/** Signs carol in through the pages and returns the code redirect. */
async function signIn(t: T, clientId: string, extra: Record<string, string> = {}) {
	const b = browser(t.sandbox);
	const start = await b.go(
		authorizeUrl({ response_type: 'code', client_id: clientId, redirect_uri: CALLBACK, ...extra })
	);
	const page = await b.go(start.headers.get('location')!);
	const done = await b.submit(page, { username: 'carol', password: PASSWORD });
	return { b, location: new URL(done.headers.get('location')!) };
}

const basic = (id: string, secret: string) =>
	`Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

describe('authorize: what is refused, and how', () => {
	it('a redirect_uri that is not exactly a callback URL ends on the error page', async () => {
		const t = userPoolSandbox();
		const { clientId } = await managedLoginPool(t);
		for (const uri of [
			`${CALLBACK}/`,
			'http://app.example.com/callback',
			'https://APP.example.com/callback',
			`${CALLBACK}?x=1`,
		]) {
			const response = await t.sandbox.fetch(
				new Request(authorizeUrl({ response_type: 'code', client_id: clientId, redirect_uri: uri }))
			);
			expect(response.status).toBe(302);
			expect(response.headers.get('location')).toBe(
				`https://${HOST}/error?error=redirect_mismatch&client_id=${clientId}`
			);
		}
		const page = await t.sandbox.fetch(
			new Request(`https://${HOST}/error?error=redirect_mismatch&client_id=${clientId}`)
		);
		expect(await page.text()).toContain('An error was encountered with the requested page.');
	});

	it('later problems go back to the app as error redirects with the state', async () => {
		const t = userPoolSandbox();
		const { clientId } = await managedLoginPool(t, { client: { AllowedOAuthFlows: ['code'] } });
		const error = async (params: Record<string, string>) => {
			const response = await t.sandbox.fetch(
				new Request(
					authorizeUrl({ client_id: clientId, redirect_uri: CALLBACK, state: 's1', ...params })
				)
			);
			const location = new URL(response.headers.get('location')!.replace('#', '?'));
			return [location.searchParams.get('error'), location.searchParams.get('state')];
		};
		expect(await error({})).toEqual(['invalid_request', 's1']);
		expect(await error({ response_type: 'id_token' })).toEqual(['unsupported_response_type', 's1']);
		expect(await error({ response_type: 'token' })).toEqual(['unauthorized_client', 's1']);
		expect(await error({ response_type: 'code', scope: 'phone openid' })).toEqual([
			'invalid_scope',
			's1',
		]);
		expect(await error({ response_type: 'code', scope: 'email' })).toEqual(['invalid_scope', 's1']);
		const { challenge } = await pkce();
		expect(
			await error({
				response_type: 'code',
				code_challenge: challenge,
				code_challenge_method: 'plain',
			})
		).toEqual(['invalid_request', 's1']);
		expect(await error({ response_type: 'code', code_challenge: challenge })).toEqual([
			'invalid_request',
			's1',
		]);
		expect(await error({ response_type: 'code', identity_provider: 'Google' })).toEqual([
			'invalid_request',
			's1',
		]);
	});

	it('public clients may skip PKCE; the implicit grant returns tokens in the fragment and no refresh token', async () => {
		const t = userPoolSandbox();
		const { poolId, clientId } = await managedLoginPool(t);
		await confirmedUser(t, poolId);
		const { location } = await signIn(t, clientId, { response_type: 'token', scope: 'openid' });
		const fragment = new URLSearchParams(location.hash.slice(1));
		expect([...fragment.keys()]).toEqual(['id_token', 'access_token', 'expires_in', 'token_type']);
		expect(decodeJwt(fragment.get('access_token')!).scope).toBe('openid');
	});
});

describe('token endpoint errors', () => {
	it('answers each documented error with 400 JSON', async () => {
		const t = userPoolSandbox();
		const { poolId, clientId } = await managedLoginPool(t, { secret: true });
		await confirmedUser(t, poolId);
		const secret = (
			await t.call('DescribeUserPoolClient', { UserPoolId: poolId, ClientId: clientId })
		).UserPoolClient.ClientSecret;
		const { location } = await signIn(t, clientId);
		const code = location.searchParams.get('code')!;
		expect((await post(t, '/oauth2/token', { client_id: clientId })).body).toEqual({
			error: 'invalid_request',
		});
		expect((await post(t, '/oauth2/token', { grant_type: 'password' })).body).toEqual({
			error: 'unsupported_grant_type',
		});
		expect(
			(
				await post(t, '/oauth2/token', {
					grant_type: 'authorization_code',
					client_id: clientId,
					code,
					redirect_uri: CALLBACK,
				})
			).body
		).toEqual({ error: 'invalid_client' });
		expect(
			(
				await post(
					t,
					'/oauth2/token',
					{ grant_type: 'authorization_code', code, redirect_uri: CALLBACK },
					{ authorization: basic(clientId, 'wrong') }
				)
			).body
		).toEqual({ error: 'invalid_client' });
		expect(
			(
				await post(
					t,
					'/oauth2/token',
					{ grant_type: 'client_credentials' },
					{ authorization: basic(clientId, secret) }
				)
			).body
		).toEqual({ error: 'unauthorized_client' });
		const ok = await post(t, '/oauth2/token', {
			grant_type: 'authorization_code',
			code,
			redirect_uri: CALLBACK,
			client_id: clientId,
			client_secret: secret,
		});
		expect(ok.status).toBe(200);
		expect(ok.headers.get('cache-control')).toContain('no-store');
		const reuse = await post(
			t,
			'/oauth2/token',
			{ grant_type: 'authorization_code', code, redirect_uri: CALLBACK },
			{ authorization: basic(clientId, secret) }
		);
		expect(reuse).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
		const refreshed = await post(
			t,
			'/oauth2/token',
			{ grant_type: 'refresh_token', refresh_token: ok.body.refresh_token },
			{ authorization: basic(clientId, secret) }
		);
		expect(Object.keys(refreshed.body)).toEqual([
			'id_token',
			'access_token',
			'expires_in',
			'token_type',
		]);
		expect(
			(
				await post(
					t,
					'/oauth2/token',
					{ grant_type: 'refresh_token', refresh_token: 'nope' },
					{ authorization: basic(clientId, secret) }
				)
			).body
		).toEqual({ error: 'invalid_grant' });
	});

	it('codes expire after five minutes', async () => {
		const t = userPoolSandbox();
		const { poolId, clientId } = await managedLoginPool(t);
		await confirmedUser(t, poolId);
		const { location } = await signIn(t, clientId);
		t.clock.advance(5 * 60_000 + 1);
		expect(
			(
				await post(t, '/oauth2/token', {
					grant_type: 'authorization_code',
					client_id: clientId,
					code: location.searchParams.get('code')!,
					redirect_uri: CALLBACK,
				})
			).body
		).toEqual({ error: 'invalid_grant' });
	});
});

describe('session cookie and logout', () => {
	it('silent sign-in for an hour; prompt=login asks again on managed login; logout ends the session, tokens stay valid', async () => {
		const t = userPoolSandbox();
		const { poolId, clientId } = await managedLoginPool(t, { version: 2 });
		await confirmedUser(t, poolId);
		const { b, location } = await signIn(t, clientId, {
			scope: 'openid aws.cognito.signin.user.admin',
		});
		const tokens = await post(t, '/oauth2/token', {
			grant_type: 'authorization_code',
			client_id: clientId,
			code: location.searchParams.get('code')!,
			redirect_uri: CALLBACK,
		});
		const silent = await b.go(
			authorizeUrl({ response_type: 'code', client_id: clientId, redirect_uri: CALLBACK })
		);
		expect(new URL(silent.headers.get('location')!).searchParams.has('code')).toBe(true);
		const forced = await b.go(
			authorizeUrl({
				response_type: 'code',
				client_id: clientId,
				redirect_uri: CALLBACK,
				prompt: 'login',
			})
		);
		expect(new URL(forced.headers.get('location')!).pathname).toBe('/login');
		const out = await b.go(
			`https://${HOST}/logout?client_id=${clientId}&logout_uri=${encodeURIComponent(LOGOUT)}`
		);
		expect(out.headers.get('location')).toBe(LOGOUT);
		const none = await b.go(
			authorizeUrl({
				response_type: 'code',
				client_id: clientId,
				redirect_uri: CALLBACK,
				prompt: 'none',
				state: 'q',
			})
		);
		expect(none.headers.get('location')).toBe(`${CALLBACK}?error=login_required&state=q`);
		// The access token still works against the user-pool API until it expires.
		await expect(
			t.call('GetUser', { AccessToken: tokens.body.access_token })
		).resolves.toMatchObject({ Username: 'carol' });
		const mismatch = await b.go(
			`https://${HOST}/logout?client_id=${clientId}&logout_uri=${encodeURIComponent(`${LOGOUT}/`)}`
		);
		expect(mismatch.headers.get('location')).toContain('error=redirect_mismatch');
	});

	it('the session lasts one hour', async () => {
		const t = userPoolSandbox();
		const { poolId, clientId } = await managedLoginPool(t);
		await confirmedUser(t, poolId);
		const { b } = await signIn(t, clientId);
		t.clock.advance(60 * 60_000);
		const later = await b.go(
			authorizeUrl({ response_type: 'code', client_id: clientId, redirect_uri: CALLBACK })
		);
		expect(new URL(later.headers.get('location')!).pathname).toBe('/login');
	});
});

describe('scopes and userInfo', () => {
	it('openid email limits userInfo to email; openid alone returns every readable attribute', async () => {
		const t = userPoolSandbox();
		const { poolId, clientId } = await managedLoginPool(t);
		await confirmedUser(t, poolId);
		const info = async (scope: string) => {
			const { location } = await signIn(t, clientId, { scope });
			const tokens = await post(t, '/oauth2/token', {
				grant_type: 'authorization_code',
				client_id: clientId,
				code: location.searchParams.get('code')!,
				redirect_uri: CALLBACK,
			});
			const response = await t.sandbox.fetch(
				new Request(`https://${HOST}/oauth2/userInfo`, {
					headers: { authorization: `Bearer ${tokens.body.access_token}` },
				})
			);
			return {
				status: response.status,
				body: await response.json(),
				www: response.headers.get('www-authenticate'),
			};
		};
		const email = await info('openid email');
		expect(Object.keys(email.body).sort()).toEqual(['email', 'email_verified', 'sub', 'username']);
		expect(email.body.email_verified).toBe('true');
		expect((await info('openid')).body.name).toBe('Carol Example');
		const admin = await info('aws.cognito.signin.user.admin');
		expect(admin.status).toBe(401);
		expect(admin.www).toContain('invalid_token');
	});
});

describe('machine to machine', () => {
	it('client_credentials: an access token whose sub is the client, custom scopes only, pre token generation V3', async () => {
		const t = userPoolSandbox();
		const events: object[] = [];
		t.sandbox.defineFunction('arn:aws:lambda:us-east-1:123456789012:function:m2m', (event: any) => {
			events.push(event);
			event.response = {
				claimsAndScopeOverrideDetails: {
					accessTokenGeneration: {
						claimsToAddOrOverride: { tenant: 'acme' },
						scopesToAdd: ['orders/audit'],
					},
				},
			};
			return event;
		});
		const { poolId } = await managedLoginPool(t, {
			pool: {
				LambdaConfig: {
					PreTokenGenerationConfig: {
						LambdaVersion: 'V3_0',
						LambdaArn: 'arn:aws:lambda:us-east-1:123456789012:function:m2m',
					},
				},
			},
		});
		await t.call('CreateResourceServer', {
			UserPoolId: poolId,
			Identifier: 'orders',
			Name: 'Orders',
			Scopes: [
				{ ScopeName: 'read', ScopeDescription: 'r' },
				{ ScopeName: 'write', ScopeDescription: 'w' },
			],
		});
		const { UserPoolClient } = await t.call('CreateUserPoolClient', {
			UserPoolId: poolId,
			ClientName: 'svc',
			GenerateSecret: true,
			AllowedOAuthFlowsUserPoolClient: true,
			AllowedOAuthFlows: ['client_credentials'],
			AllowedOAuthScopes: ['orders/read'],
		});
		const auth = basic(UserPoolClient.ClientId, UserPoolClient.ClientSecret);
		expect(
			(
				await post(
					t,
					'/oauth2/token',
					{ grant_type: 'client_credentials', scope: 'orders/write' },
					{ authorization: auth }
				)
			).body
		).toEqual({ error: 'invalid_scope' });
		const ok = await post(
			t,
			'/oauth2/token',
			{ grant_type: 'client_credentials', aws_client_metadata: JSON.stringify({ env: 'test' }) },
			{ authorization: auth }
		);
		expect(Object.keys(ok.body)).toEqual(['access_token', 'expires_in', 'token_type']);
		const claims = decodeJwt(ok.body.access_token);
		expect(claims).toMatchObject({
			sub: UserPoolClient.ClientId,
			client_id: UserPoolClient.ClientId,
			token_use: 'access',
			scope: 'orders/read orders/audit',
			version: 2,
			tenant: 'acme',
		});
		expect(claims.username).toBeUndefined();
		expect(events[0]).toMatchObject({
			version: '3',
			triggerSource: 'TokenGeneration_ClientCredentials',
			userName: null,
			request: { scopes: ['orders/read'], clientMetadata: { env: 'test' } },
		});
		expect(
			t.sandbox.trace.filter(
				(e) => e.type === 'TokenIssued' && e.grantType === 'client_credentials'
			)
		).toHaveLength(1);
	});
});

describe('branding', () => {
	it('SetUICustomization keeps to the documented classes and refuses scripts; the page applies it', async () => {
		const t = userPoolSandbox();
		const { poolId, clientId } = await managedLoginPool(t);
		const refuse = (CSS: string) =>
			t.failure('SetUICustomization', { UserPoolId: poolId, ClientId: clientId, CSS });
		expect(await refuse('.evil-class { color: red }')).toMatch(
			/^InvalidParameterException: Invalid CSS/
		);
		expect(await refuse('@import url(https://x.test/a.css);')).toMatch(
			/^InvalidParameterException/
		);
		expect(
			await refuse('.background-customizable { background: url(javascript:alert(1)) }')
		).toMatch(/^InvalidParameterException/);
		expect(await refuse('.label-customizable { width: expression(alert(1)) }')).toMatch(
			/^InvalidParameterException/
		);
		expect(await refuse('.label-customizable { color: red } </style><script>')).toMatch(
			/^InvalidParameterException/
		);
		const png = Buffer.from(
			'89504e470d0a1a0a0000000d4948445200000001000000010806000000',
			'hex'
		).toString('base64');
		const { UICustomization } = await t.call('SetUICustomization', {
			UserPoolId: poolId,
			ClientId: clientId,
			CSS: '.submitButton-customizable { background-color: #7a1fa2; position: fixed }',
			ImageFile: png,
		});
		expect(UICustomization).toMatchObject({
			ClientId: clientId,
			CSS: expect.stringContaining('#7a1fa2'),
		});
		const page = await (
			await t.sandbox.fetch(
				new Request(
					`https://${HOST}/login?response_type=code&client_id=${clientId}&redirect_uri=${encodeURIComponent(CALLBACK)}`
				)
			)
		).text();
		expect(page).toContain('.submitButton-customizable{background-color:#7a1fa2}');
		expect(page).not.toContain('position: fixed');
		expect(page).toContain(`src="data:image/png;base64,${png}"`);
		expect(
			(await t.call('GetUICustomization', { UserPoolId: poolId })).UICustomization.ClientId
		).toBe('ALL');
	});

	it('managed login branding: one style per client, not on Lite, and pages need one', async () => {
		const t = userPoolSandbox();
		const { poolId, clientId } = await managedLoginPool(t, { version: 2 });
		expect(
			await t.failure('CreateManagedLoginBranding', {
				UserPoolId: poolId,
				ClientId: clientId,
				UseCognitoProvidedValues: true,
			})
		).toMatch(/^ManagedLoginBrandingExistsException/);
		const { ManagedLoginBranding } = await t.call('DescribeManagedLoginBrandingByClient', {
			UserPoolId: poolId,
			ClientId: clientId,
		});
		await t.call('UpdateManagedLoginBranding', {
			UserPoolId: poolId,
			ManagedLoginBrandingId: ManagedLoginBranding.ManagedLoginBrandingId,
			Settings: {
				components: { primaryButton: { lightMode: { defaults: { backgroundColor: 'aa3300ff' } } } },
			},
		});
		const url = `https://${HOST}/login?response_type=code&client_id=${clientId}&redirect_uri=${encodeURIComponent(CALLBACK)}`;
		expect(await (await t.sandbox.fetch(new Request(url))).text()).toContain('--button:#aa3300ff');
		await t.call('DeleteManagedLoginBranding', {
			UserPoolId: poolId,
			ManagedLoginBrandingId: ManagedLoginBranding.ManagedLoginBrandingId,
		});
		const closed = await t.sandbox.fetch(new Request(url));
		expect(closed.status).toBe(400);
		expect(await closed.text()).toContain('Login pages unavailable');
		await t
			.call('UpdateUserPool', { UserPoolId: poolId, UserPoolTier: 'LITE' })
			.catch(() => undefined);
	});
});

describe('state and hostile input', () => {
	it('codes, sessions and branding survive a snapshot round trip', async () => {
		const t = userPoolSandbox();
		const { poolId, clientId } = await managedLoginPool(t, { version: 2 });
		await confirmedUser(t, poolId);
		const { location } = await signIn(t, clientId);
		const snapshot = JSON.parse(JSON.stringify(t.sandbox.snapshot()));
		const u = userPoolSandbox(2);
		u.sandbox.restore(snapshot);
		expect(JSON.stringify(u.sandbox.snapshot())).toBe(JSON.stringify(snapshot));
		const redeemed = await post(u, '/oauth2/token', {
			grant_type: 'authorization_code',
			client_id: clientId,
			code: location.searchParams.get('code')!,
			redirect_uri: CALLBACK,
		});
		expect(redeemed.status).toBe(200);
	});

	it('hostile names in every field, parameter and cookie answer 4xx or a redirect, never 500', async () => {
		const t = userPoolSandbox();
		const { clientId } = await managedLoginPool(t);
		const before = Object.getOwnPropertyNames(Object.prototype).join();
		for (const name of HOSTILE_NAMES) {
			for (const path of [
				'/oauth2/authorize',
				'/login',
				'/logout',
				'/oauth2/token',
				'/oauth2/userInfo',
				'/oauth2/revoke',
				'/mfa',
				'/error',
			]) {
				const query = new URLSearchParams({
					client_id: name,
					redirect_uri: name,
					response_type: name,
					scope: name,
					state: name,
					[name]: name,
				});
				for (const method of ['GET', 'POST']) {
					const response = await t.sandbox.fetch(
						new Request(`https://${HOST}${path}?${query}`, {
							method,
							headers: {
								cookie: `${name}=${name}; cognito=${name}; XSRF-TOKEN=${name}`,
								authorization: `Bearer ${name}`,
								'content-type': 'application/x-www-form-urlencoded',
							},
							...(method === 'POST'
								? {
										body: new URLSearchParams({
											grant_type: name,
											code: name,
											client_id: clientId,
											username: name,
											password: name,
											session: name,
											challenge: name,
											_csrf: name,
											[name]: name,
										}).toString(),
									}
								: {}),
						})
					);
					expect(response.status, `${method} ${path} with ${name}`).toBeLessThan(500);
				}
			}
		}
		expect(Object.getOwnPropertyNames(Object.prototype).join()).toBe(before);
	});
});

describe('property: no tokens without a valid code and verifier', () => {
	it('random token requests never get tokens unless they name a live code, its client, its redirect URI and its verifier', async () => {
		const t = userPoolSandbox();
		const { poolId, clientId } = await managedLoginPool(t);
		const other = (
			await t.call('CreateUserPoolClient', {
				UserPoolId: poolId,
				ClientName: 'other',
				AllowedOAuthFlowsUserPoolClient: true,
				AllowedOAuthFlows: ['code'],
				AllowedOAuthScopes: ['openid'],
				CallbackURLs: [CALLBACK],
			})
		).UserPoolClient.ClientId;
		await confirmedUser(t, poolId);
		const { verifier, challenge } = await pkce();
		await fc.assert(
			fc.asyncProperty(
				fc.array(
					fc.record({
						useRealCode: fc.boolean(),
						client: fc.constantFrom(clientId, other, 'nope'),
						redirect: fc.constantFrom(CALLBACK, `${CALLBACK}/`, 'https://evil.example/cb'),
						verifier: fc.constantFrom(verifier, 'x'.repeat(43), ''),
						advanceMs: fc.constantFrom(0, 60_000, 301_000),
					}),
					{ minLength: 1, maxLength: 4 }
				),
				async (attempts) => {
					const { location } = await signIn(t, clientId, {
						code_challenge: challenge,
						code_challenge_method: 'S256',
					});
					const code = location.searchParams.get('code')!;
					const issuedAt = t.clock.now();
					let redeemed = false;
					for (const attempt of attempts) {
						t.clock.advance(attempt.advanceMs);
						const result = await post(t, '/oauth2/token', {
							grant_type: 'authorization_code',
							client_id: attempt.client,
							code: attempt.useRealCode ? code : 'f'.repeat(36),
							redirect_uri: attempt.redirect,
							...(attempt.verifier ? { code_verifier: attempt.verifier } : {}),
						});
						const valid =
							attempt.useRealCode &&
							attempt.client === clientId &&
							attempt.redirect === CALLBACK &&
							attempt.verifier === verifier &&
							t.clock.now() - issuedAt < 300_000 &&
							!redeemed;
						// A wrong attempt by the code's own client spends it.
						if (
							attempt.useRealCode &&
							attempt.client === clientId &&
							t.clock.now() - issuedAt < 300_000
						)
							redeemed = true;
						expect(result.status === 200).toBe(valid);
						if (result.status === 200) expect(typeof result.body.access_token).toBe('string');
					}
				}
			),
			{ numRuns: 40, seed: 10 }
		);
	}, 60_000);
});
