/**
 * Hostile input at the browser-facing federation endpoints: query parameters and form fields of the mock
 * IdPs' pages (escaped, never a 500), `state` / `RelayState` values and garbage SAML responses at the user
 * pool's `idpresponse` endpoints, SAML attribute names and values and provider names such as `__proto__`
 * (data, never prototype keys).
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import {
	federatedPool,
	google,
	LOGIN,
	signInVia,
	exchangeCode,
	APP,
} from '../../../fixtures/federation';
import { HOSTILE_NAMES, prototypeFingerprint } from '../../../fixtures/hostile';
import {
	claimsOf,
	userPoolSandbox,
	type UserPoolSandbox,
} from '../../../fixtures/user-pool-sandbox';
import { browser } from '../../../fixtures/browser';

const hostileText = fc.oneof(
	fc.constantFrom(
		...HOSTILE_NAMES,
		'<script>alert(1)</script>',
		'"><img src=x onerror=alert(1)>',
		"javascript:alert('x')",
		'</textarea><b>',
		'&amp;&lt;',
		'\u0000\u202e',
		']]><!--',
		'%00%0d%0a'
	),
	fc.string({ maxLength: 40 }),
	fc.string({ unit: 'binary', maxLength: 20 })
);

/** Text a page must never contain raw: markup that came from the input. */
const RAW_MARKUP = /<script|<img src=x|<\/textarea><b>/i;

describe('hostile input at the federation endpoints', { timeout: 120_000 }, () => {
	let t: UserPoolSandbox;
	let clientId: string;
	const fingerprint = prototypeFingerprint();

	beforeAll(async () => {
		t = userPoolSandbox(97);
		({ clientId } = await federatedPool(t, google()));
		await t.call('CreateIdentityProvider', {
			UserPoolId: (await t.call('ListUserPools', { MaxResults: 1 })).UserPools[0].Id,
			ProviderName: 'CorpSSO',
			ProviderType: 'SAML',
			ProviderDetails: { MetadataURL: 'https://sso.corp.example/metadata', IDPInit: 'true' },
		});
	});

	test('mock IdP authorize pages escape every parameter and never fail with 500', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.record({
					client_id: hostileText,
					redirect_uri: hostileText,
					state: hostileText,
					scope: hostileText,
					nonce: hostileText,
				}),
				fc.constantFrom(
					'https://accounts.google.com/o/oauth2/v2/auth',
					'https://www.facebook.com/v17.0/dialog/oauth',
					'https://www.amazon.com/ap/oa',
					'https://appleid.apple.com/auth/authorize'
				),
				async (params, endpoint) => {
					const query = new URLSearchParams({ ...params, response_type: 'code' });
					const response = await t.sandbox.fetch(new Request(`${endpoint}?${query}`));
					expect(response.status).toBeLessThan(500);
					if (response.headers.get('content-type')?.startsWith('text/html')) {
						expect(await response.text()).not.toMatch(RAW_MARKUP);
						expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
					}
				}
			),
			{ numRuns: 60, seed: 7 }
		);
		expect(prototypeFingerprint()).toBe(fingerprint);
	});

	test('idpresponse endpoints: any state, RelayState or SAMLResponse gives a page or an error, never a 500', async () => {
		await fc.assert(
			fc.asyncProperty(
				hostileText,
				hostileText,
				fc.oneof(
					hostileText,
					fc.constant(btoa('<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>')),
					fc.base64String({ maxLength: 200 })
				),
				async (state, relayState, samlResponse) => {
					const oauth = await t.sandbox.fetch(
						new Request(`${LOGIN}/oauth2/idpresponse?${new URLSearchParams({ state, code: 'x' })}`)
					);
					expect(oauth.status).toBe(400);
					expect(await oauth.text()).not.toMatch(RAW_MARKUP);
					const saml = await t.sandbox.fetch(
						new Request(
							`${LOGIN}/saml2/idpresponse?identity_provider=${encodeURIComponent(state)}`,
							{
								method: 'POST',
								headers: { 'content-type': 'application/x-www-form-urlencoded' },
								body: new URLSearchParams({ SAMLResponse: samlResponse, RelayState: relayState }),
							}
						)
					);
					expect(saml.status).toBeLessThan(500);
				}
			),
			{ numRuns: 60, seed: 11 }
		);
		expect(prototypeFingerprint()).toBe(fingerprint);
	});

	test('hostile SAML attribute names and values arrive as data; hostile consent fields stay text', async () => {
		const poolId = (await t.call('ListUserPools', { MaxResults: 1 })).UserPools[0].Id;
		await t.call('UpdateIdentityProvider', {
			UserPoolId: poolId,
			ProviderName: 'CorpSSO',
			AttributeMapping: {
				name: '__proto__',
				nickname: 'constructor',
				email: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress',
			},
		});
		await t.call('UpdateUserPoolClient', {
			UserPoolId: poolId,
			ClientId: clientId,
			SupportedIdentityProviders: ['Google', 'CorpSSO'],
			CallbackURLs: [APP],
			AllowedOAuthFlows: ['code'],
			AllowedOAuthScopes: ['openid', 'email'],
			AllowedOAuthFlowsUserPoolClient: true,
		});
		const callback = await signInVia(t, clientId, 'CorpSSO', {
			user_id: 'toString',
			email: 'x@corp.example',
			extra: '__proto__=<b>polluted</b>\nconstructor=&amp;\ntoString=1',
		});
		const claims = claimsOf((await exchangeCode(t, clientId, callback)).id_token);
		expect(claims['cognito:username']).toBe('CorpSSO_toString');
		expect(claims.name).toBe('<b>polluted</b>');
		expect(claims.nickname).toBe('&amp;');
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();

		const b = browser((request) => t.sandbox.fetch(request), {
			stopAt: (url) => url.startsWith(APP),
		});
		await b.open(
			`https://accounts.google.com/o/oauth2/v2/auth?client_id=%3Cscript%3E&redirect_uri=${encodeURIComponent(APP)}&response_type=code&scope=openid`
		);
		expect(b.page.html).not.toMatch(RAW_MARKUP);
		await b.submit('Continue', { user_id: '__proto__', name: '<script>x</script>' });
		expect(new URL(b.page.url).searchParams.get('code')).toBeTruthy();
		const again = browser((request) => t.sandbox.fetch(request), {
			stopAt: (url) => url.startsWith(APP),
		});
		await again.open(
			`https://accounts.google.com/o/oauth2/v2/auth?client_id=x&redirect_uri=${encodeURIComponent(APP)}&response_type=code`
		);
		// The remembered person is shown escaped on the next visit.
		expect(again.page.html).not.toMatch(RAW_MARKUP);
		expect(again.page.document.querySelector('#name')?.getAttribute('value')).toBe(
			'<script>x</script>'
		);
		expect(prototypeFingerprint()).toBe(fingerprint);
	});

	test('provider names such as __proto__ are names like any other', async () => {
		const poolId = (await t.call('ListUserPools', { MaxResults: 1 })).UserPools[0].Id;
		for (const name of ['constructor', 'toString', 'hasOwnProperty']) {
			await t.call('CreateIdentityProvider', {
				UserPoolId: poolId,
				ProviderName: name,
				ProviderType: 'OIDC',
				ProviderDetails: {
					client_id: 'c',
					attributes_request_method: 'GET',
					oidc_issuer: 'https://login.corp.example',
					authorize_scopes: 'openid',
				},
				IdpIdentifiers: [`${name}-id`],
			});
			const described = await t.call('DescribeIdentityProvider', {
				UserPoolId: poolId,
				ProviderName: name,
			});
			expect(described.IdentityProvider.ProviderName).toBe(name);
		}
		expect(
			await t.failure('DescribeIdentityProvider', { UserPoolId: poolId, ProviderName: 'valueOf' })
		).toBe('ResourceNotFoundException: Identity provider valueOf does not exist.');
		const list = await t.call('ListIdentityProviders', { UserPoolId: poolId });
		expect(list.Providers.map((p: { ProviderName: string }) => p.ProviderName)).toEqual(
			expect.arrayContaining(['constructor', 'toString', 'hasOwnProperty'])
		);
		// The model's name pattern refuses a leading underscore, so __proto__ never becomes a provider.
		expect(
			await t.failure('CreateIdentityProvider', {
				UserPoolId: poolId,
				ProviderName: '__proto__',
				ProviderType: 'OIDC',
				ProviderDetails: {},
			})
		).toMatch(
			/^InvalidParameterException: 1 validation error detected: Value '__proto__' at 'providerName'/
		);
		expect(prototypeFingerprint()).toBe(fingerprint);
	});
});
