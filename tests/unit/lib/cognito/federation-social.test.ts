/**
 * Federation with the social providers and a generic OIDC provider, driven over HTTP against `sandbox.fetch`:
 * the app's authorize request, the mock IdP's consent page (filled in as a person would), the IdP's answer at
 * `/oauth2/idpresponse`, the user pool's code and tokens (verified with aws-jwt-verify).
 */
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { browser } from '../../../fixtures/browser';
import { useManagedLoginStandIn } from '../../../fixtures/managed-login-stand-in';
import {
	claimsOf,
	NOW,
	userPoolSandbox,
	type Json,
	type UserPoolSandbox,
} from '../../../fixtures/user-pool-sandbox';

const APP = 'https://app.example.com/callback';
const LOGIN = 'https://demo.auth.us-east-1.amazoncognito.com';
/** A fresh Sign in with Apple developer key (.p8: PKCS#8 EC P-256, PEM). */
async function appleKey(): Promise<string> {
	const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
		'sign',
		'verify',
	]);
	const der = Buffer.from(await crypto.subtle.exportKey('pkcs8', pair.privateKey)).toString(
		'base64'
	);
	return `-----BEGIN PRIVATE KEY-----\n${der.match(/.{1,64}/g)!.join('\n')}\n-----END PRIVATE KEY-----`;
}

/** A pool with a domain, the given IdP and an app client that may use it. */
async function federatedPool(t: UserPoolSandbox, provider: Json, pool: Json = {}) {
	const { UserPool } = await t.call('CreateUserPool', { PoolName: 'federated', ...pool });
	await t.call('CreateUserPoolDomain', { UserPoolId: UserPool.Id, Domain: 'demo' });
	await t.call('CreateIdentityProvider', { UserPoolId: UserPool.Id, ...provider });
	const { UserPoolClient } = await t.call('CreateUserPoolClient', {
		UserPoolId: UserPool.Id,
		ClientName: 'web',
		SupportedIdentityProviders: ['COGNITO', provider.ProviderName],
		CallbackURLs: [APP],
		AllowedOAuthFlows: ['code'],
		AllowedOAuthScopes: ['openid', 'email', 'profile'],
		AllowedOAuthFlowsUserPoolClient: true,
	});
	return { poolId: UserPool.Id as string, clientId: UserPoolClient.ClientId as string };
}

/** Opens the app's authorize URL for a provider and returns the browser on the IdP's page. */
async function startAt(t: UserPoolSandbox, clientId: string, query: string) {
	const b = browser((request) => t.sandbox.fetch(request), {
		stopAt: (url) => url.startsWith(APP),
	});
	await b.open(
		`${LOGIN}/oauth2/authorize?client_id=${clientId}&redirect_uri=${encodeURIComponent(APP)}&response_type=code&scope=openid+email&state=app-state&${query}`
	);
	return b;
}

/** Exchanges the code on the app's callback URL for tokens. */
async function tokensFrom(t: UserPoolSandbox, callback: string) {
	const url = new URL(callback);
	expect(url.searchParams.get('error_description')).toBeNull();
	expect(url.searchParams.get('state')).toBe('app-state');
	const response = await t.sandbox.fetch(
		new Request(`${LOGIN}/oauth2/token`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({
				grant_type: 'authorization_code',
				code: url.searchParams.get('code')!,
				redirect_uri: APP,
			}),
		})
	);
	expect(response.status).toBe(200);
	return (await response.json()) as { id_token: string; access_token: string };
}

describe('Sign in with Google through the user pool', () => {
	let t: UserPoolSandbox;
	beforeEach(() => {
		t = userPoolSandbox(41);
		useManagedLoginStandIn(t.sandbox);
	});
	afterEach(() => vi.useRealTimers());

	test('consent page → code → tokens with the identities claim, EXTERNAL_PROVIDER user and the provider group', async () => {
		const { poolId, clientId } = await federatedPool(t, {
			ProviderName: 'Google',
			ProviderType: 'Google',
			ProviderDetails: {
				client_id: 'g-client.apps.googleusercontent.com',
				client_secret: 'g-secret',
				authorize_scopes: 'openid email profile',
			},
			AttributeMapping: { email: 'email', email_verified: 'email_verified', name: 'name' },
		});
		const b = await startAt(t, clientId, 'identity_provider=Google');
		expect(new URL(b.page.url).host).toBe('accounts.google.com');
		expect(b.page.document.querySelector('h1')?.textContent).toBe('Sign in with Google');
		expect(b.page.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
		await b.submit('Continue', {
			user_id: '109876543210987654321',
			email: 'alice@gmail.com',
			name: 'Alice Example',
		});
		expect(b.page.url.startsWith(APP)).toBe(true);
		const tokens = await tokensFrom(t, b.page.url);

		vi.useFakeTimers({ toFake: ['Date'], now: NOW + 60_000 });
		const jwks = await (
			await t.sandbox.fetch(new Request(`http://localhost/${poolId}/.well-known/jwks.json`))
		).json();
		const verifier = CognitoJwtVerifier.create({ userPoolId: poolId, tokenUse: 'id', clientId });
		verifier.cacheJwks(jwks);
		const claims = await verifier.verify(tokens.id_token);
		expect(claims['cognito:username']).toBe('Google_109876543210987654321');
		expect(claims.email).toBe('alice@gmail.com');
		expect(claims.email_verified).toBe(true);
		expect(claims.name).toBe('Alice Example');
		expect(claims['cognito:groups']).toEqual([`${poolId}_Google`]);
		expect(claims.identities).toEqual([
			{
				userId: '109876543210987654321',
				providerName: 'Google',
				providerType: 'Google',
				issuer: null,
				primary: 'true',
				dateCreated: String(NOW),
			},
		]);
		const access = claimsOf(tokens.access_token);
		expect(access.username).toBe('Google_109876543210987654321');
		expect(access['cognito:groups']).toEqual([`${poolId}_Google`]);

		const user = await t.call('AdminGetUser', {
			UserPoolId: poolId,
			Username: 'Google_109876543210987654321',
		});
		expect(user.UserStatus).toBe('EXTERNAL_PROVIDER');
		const group = await t.call('GetGroup', { UserPoolId: poolId, GroupName: `${poolId}_Google` });
		expect(group.Group.Description).toBe('Autogenerated group for users who sign in using Google');
	});

	test('a returning user gets the IdP’s new attribute values; a removed mapped value is deleted', async () => {
		const { poolId, clientId } = await federatedPool(t, {
			ProviderName: 'Google',
			ProviderType: 'Google',
			ProviderDetails: {
				client_id: 'g',
				client_secret: 's',
				authorize_scopes: 'openid email profile',
			},
			AttributeMapping: { email: 'email', name: 'name' },
		});
		for (const name of ['First Name', 'Second Name']) {
			const b = await startAt(t, clientId, 'identity_provider=Google');
			await b.submit('Continue', { user_id: '42', email: 'x@gmail.com', name });
			await tokensFrom(t, b.page.url);
		}
		const user = await t.call('AdminGetUser', { UserPoolId: poolId, Username: 'Google_42' });
		expect(user.UserAttributes).toContainEqual({ Name: 'name', Value: 'Second Name' });
		const users = await t.call('ListUsers', { UserPoolId: poolId });
		expect(users.Users).toHaveLength(1);
	});

	test('Cancel at Google sends access_denied to the app', async () => {
		const { clientId } = await federatedPool(t, {
			ProviderName: 'Google',
			ProviderType: 'Google',
			ProviderDetails: { client_id: 'g', client_secret: 's', authorize_scopes: 'openid email' },
		});
		const b = await startAt(t, clientId, 'identity_provider=Google');
		await b.submit('Cancel');
		const url = new URL(b.page.url);
		expect(url.searchParams.get('error')).toBe('access_denied');
		expect(url.searchParams.get('state')).toBe('app-state');
	});
});

describe('the other social providers and generic OIDC', () => {
	let t: UserPoolSandbox;
	beforeEach(() => {
		t = userPoolSandbox(43);
		useManagedLoginStandIn(t.sandbox);
	});

	test.each([
		[
			'Facebook',
			{ client_id: 'fb-app', client_secret: 's', authorize_scopes: 'public_profile,email' },
			'www.facebook.com',
			'1012345678901234',
		],
		[
			'LoginWithAmazon',
			{
				client_id: 'amzn1.application-oa2-client.x',
				client_secret: 's',
				authorize_scopes: 'profile',
			},
			'www.amazon.com',
			'amzn1.account.ABCDEFGHIJKLMNOPQRSTUVWXYZ12',
		],
		[
			'SignInWithApple',
			{
				client_id: 'com.example.web',
				team_id: 'TEAM123456',
				key_id: 'KEY1234567',
				private_key: 'APPLE_KEY',
				authorize_scopes: 'email name',
			},
			'appleid.apple.com',
			'001234.0123456789abcdef0123456789abcdef.1234',
		],
	])(
		'%s: consent page, token exchange and profile give <ProviderName>_<id>',
		async (type, details, idpHost, id) => {
			const { poolId, clientId } = await federatedPool(t, {
				ProviderName: type,
				ProviderType: type,
				ProviderDetails: details.private_key
					? { ...details, private_key: await appleKey() }
					: details,
				AttributeMapping: {
					email: 'email',
					...(type === 'SignInWithApple' ? { given_name: 'firstName' } : { name: 'name' }),
				},
			});
			const b = await startAt(t, clientId, `identity_provider=${type}`);
			expect(new URL(b.page.url).host).toBe(idpHost);
			await b.submit('Continue', { user_id: id, email: 'bob@example.com', name: 'Bob Builder' });
			if (type === 'SignInWithApple') {
				// Apple posts its answer back to the user pool (response_mode=form_post).
				expect(b.page.document.querySelector('form')?.getAttribute('action')).toBe(
					`${LOGIN}/oauth2/idpresponse`
				);
				await b.submit('Continue');
			}
			const tokens = await tokensFrom(t, b.page.url);
			const claims = claimsOf(tokens.id_token);
			expect(claims['cognito:username']).toBe(`${type}_${id}`);
			expect(claims.email).toBe('bob@example.com');
			if (type === 'SignInWithApple') expect(claims.given_name).toBe('Bob');
			else expect(claims.name).toBe('Bob Builder');
			expect(claims.identities[0]).toMatchObject({
				userId: id,
				providerName: type,
				providerType: type,
			});
			const described = await t.call('DescribeIdentityProvider', {
				UserPoolId: poolId,
				ProviderName: type,
			});
			expect(described.IdentityProvider.AttributeMapping.username).toBe(
				{ Facebook: 'id', LoginWithAmazon: 'user_id', SignInWithApple: 'sub' }[type]
			);
		}
	);

	test('generic OIDC: discovery at the configured issuer, idp_identifier, groups claim mapped to a custom attribute', async () => {
		const { poolId, clientId } = await federatedPool(
			t,
			{
				ProviderName: 'Corp',
				ProviderType: 'OIDC',
				ProviderDetails: {
					client_id: 'corp-client',
					client_secret: 'corp-secret',
					attributes_request_method: 'GET',
					oidc_issuer: 'https://login.corp.example',
					authorize_scopes: 'openid email profile',
				},
				AttributeMapping: { email: 'email', 'custom:groups': 'groups' },
				IdpIdentifiers: ['corp.example'],
			},
			{ Schema: [{ Name: 'groups', AttributeDataType: 'String', Mutable: true }] }
		);
		const discovery = await (
			await t.sandbox.fetch(
				new Request('https://login.corp.example/.well-known/openid-configuration')
			)
		).json();
		expect(discovery.issuer).toBe('https://login.corp.example');
		const b = await startAt(t, clientId, 'idp_identifier=corp.example');
		expect(new URL(b.page.url).host).toBe('login.corp.example');
		await b.submit('Continue', {
			user_id: 'u-1',
			email: 'carol@corp.example',
			groups: 'admins, auditors',
		});
		const claims = claimsOf((await tokensFrom(t, b.page.url)).id_token);
		expect(claims['cognito:username']).toBe('Corp_u-1');
		expect(claims['custom:groups']).toBe('["admins","auditors"]');
		// IdP groups are attributes, not user-pool groups: only the automatic group is in cognito:groups.
		expect(claims['cognito:groups']).toEqual([`${poolId}_Corp`]);
	});
});
