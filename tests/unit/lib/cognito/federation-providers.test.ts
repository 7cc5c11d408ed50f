/**
 * The identity-provider operations and their rules: ProviderDetails per type (required keys, Cognito's own
 * keys, write-only Apple key, OIDC discovery, SAML metadata), attribute mapping, names, identifiers,
 * duplicates, listing and paging.
 */
import { beforeEach, describe, expect, test } from 'vitest';
import { google } from '../../../fixtures/federation';
import {
	userPoolSandbox,
	type Json,
	type UserPoolSandbox,
} from '../../../fixtures/user-pool-sandbox';

async function appleKey(): Promise<string> {
	const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
		'sign',
	]);
	const der = Buffer.from(await crypto.subtle.exportKey('pkcs8', pair.privateKey)).toString(
		'base64'
	);
	return `-----BEGIN PRIVATE KEY-----\n${der}\n-----END PRIVATE KEY-----`;
}

describe('identity-provider operations', { timeout: 30_000 }, () => {
	let t: UserPoolSandbox;
	let poolId: string;
	const create = (provider: Json) =>
		t.call('CreateIdentityProvider', { UserPoolId: poolId, ...provider });
	const refuse = (provider: Json) =>
		t.failure('CreateIdentityProvider', { UserPoolId: poolId, ...provider });

	beforeEach(async () => {
		t = userPoolSandbox(71);
		const { UserPool } = await t.call('CreateUserPool', {
			PoolName: 'p',
			Schema: [
				{ Name: 'dept', AttributeDataType: 'String', Mutable: false },
				{ Name: 'groups', AttributeDataType: 'String' },
			],
		});
		poolId = UserPool.Id;
	});

	test('Google: Cognito adds its endpoints and the username mapping; Describe returns the same', async () => {
		const { IdentityProvider } = await create(google({ email: 'email' }));
		expect(IdentityProvider).toMatchObject({
			UserPoolId: poolId,
			ProviderName: 'Google',
			ProviderType: 'Google',
			ProviderDetails: {
				client_id: 'g-client',
				client_secret: 'g-secret',
				authorize_scopes: 'openid email profile',
				authorize_url: 'https://accounts.google.com/o/oauth2/v2/auth',
				token_url: 'https://www.googleapis.com/oauth2/v4/token',
				token_request_method: 'POST',
				oidc_issuer: 'https://accounts.google.com',
				attributes_url: 'https://people.googleapis.com/v1/people/me?personFields=',
				attributes_url_add_attributes: 'true',
			},
			AttributeMapping: { email: 'email', username: 'sub' },
			IdpIdentifiers: [],
		});
		const described = await t.call('DescribeIdentityProvider', {
			UserPoolId: poolId,
			ProviderName: 'Google',
		});
		expect(described.IdentityProvider).toEqual(IdentityProvider);
	});

	test('Facebook gets its Graph API version (default v17.0) in every endpoint', async () => {
		const { IdentityProvider } = await create({
			ProviderName: 'Facebook',
			ProviderType: 'Facebook',
			ProviderDetails: {
				client_id: 'a',
				client_secret: 'b',
				authorize_scopes: 'public_profile,email',
			},
		});
		expect(IdentityProvider.ProviderDetails).toMatchObject({
			api_version: 'v17.0',
			authorize_url: 'https://www.facebook.com/v17.0/dialog/oauth',
			token_url: 'https://graph.facebook.com/v17.0/oauth/access_token',
			attributes_url: 'https://graph.facebook.com/v17.0/me?fields=',
		});
		expect(IdentityProvider.AttributeMapping).toEqual({ username: 'id' });
	});

	test('Sign in with Apple: the private key is checked, kept on update and never returned', async () => {
		const details = {
			client_id: 'com.example',
			team_id: 'T',
			key_id: 'K',
			authorize_scopes: 'email name',
		};
		expect(
			await refuse({
				ProviderName: 'SignInWithApple',
				ProviderType: 'SignInWithApple',
				ProviderDetails: { ...details, private_key: 'nope' },
			})
		).toBe('InvalidParameterException: private_key is not a valid PEM-encoded EC private key.');
		const { IdentityProvider } = await create({
			ProviderName: 'SignInWithApple',
			ProviderType: 'SignInWithApple',
			ProviderDetails: { ...details, private_key: await appleKey() },
		});
		expect(IdentityProvider.ProviderDetails.private_key).toBeUndefined();
		const updated = await t.call('UpdateIdentityProvider', {
			UserPoolId: poolId,
			ProviderName: 'SignInWithApple',
			ProviderDetails: { ...details, authorize_scopes: 'email' },
		});
		expect(updated.IdentityProvider.ProviderDetails.authorize_scopes).toBe('email');
	});

	test('required keys, unknown keys and scopes are checked per type', async () => {
		expect(
			await refuse({ ...google(), ProviderDetails: { client_id: 'a', authorize_scopes: 'openid' } })
		).toBe('InvalidParameterException: ProviderDetails is missing required key(s): client_secret.');
		expect(
			await refuse({
				...google(),
				ProviderDetails: {
					client_id: 'a',
					client_secret: 'b',
					authorize_scopes: 'openid',
					color: 'red',
				},
			})
		).toBe(
			'InvalidParameterException: color is not a valid ProviderDetails key for provider type Google.'
		);
		expect(
			await refuse({
				ProviderName: 'LoginWithAmazon',
				ProviderType: 'LoginWithAmazon',
				ProviderDetails: { client_id: 'a', client_secret: 'b', authorize_scopes: 'profile openid' },
			})
		).toBe(
			'InvalidParameterException: Invalid authorize_scopes for provider type LoginWithAmazon: openid.'
		);
		// Cognito's own keys may be sent back (as Terraform does); they are replaced with Cognito's values.
		const { IdentityProvider } = await create({
			...google(),
			ProviderDetails: { ...google().ProviderDetails, authorize_url: 'https://evil.example/auth' },
		});
		expect(IdentityProvider.ProviderDetails.authorize_url).toBe(
			'https://accounts.google.com/o/oauth2/v2/auth'
		);
	});

	test('names: social providers are named as their type; duplicates are DuplicateProviderException', async () => {
		expect(await refuse({ ...google(), ProviderName: 'MyGoogle' })).toBe(
			'InvalidParameterException: The provider name for provider type Google must be Google.'
		);
		expect(await refuse({ ...google(), ProviderName: '_x' })).toMatch(
			/^InvalidParameterException: 1 validation error detected: Value '_x' at 'providerName'/
		);
		await create(google());
		expect(await refuse(google())).toBe(
			'DuplicateProviderException: A provider with the name Google already exists in this user pool.'
		);
	});

	test('attribute mapping: only schema attributes, never sub; OIDC may choose the username claim, SAML may not map it', async () => {
		expect(await refuse(google({ nickname2: 'x' }))).toBe(
			'InvalidParameterException: Attribute mapping for nickname2 is invalid: the user pool has no such attribute.'
		);
		expect(await refuse(google({ sub: 'sub' }))).toMatch(/Attribute mapping for sub is invalid/);
		// Immutable attributes can be mapped (the trouble starts at the second sign-in).
		await create(google({ 'custom:dept': 'hd', username: 'email' }));
		const described = await t.call('DescribeIdentityProvider', {
			UserPoolId: poolId,
			ProviderName: 'Google',
		});
		expect(described.IdentityProvider.AttributeMapping).toEqual({
			'custom:dept': 'hd',
			username: 'sub',
		});
		const oidc = await create({
			ProviderName: 'Corp',
			ProviderType: 'OIDC',
			ProviderDetails: {
				client_id: 'c',
				client_secret: 's',
				attributes_request_method: 'GET',
				oidc_issuer: 'https://login.corp.example',
				authorize_scopes: 'openid email',
			},
			AttributeMapping: { username: 'preferred_username' },
		});
		expect(oidc.IdentityProvider.AttributeMapping).toEqual({ username: 'preferred_username' });
		expect(oidc.IdentityProvider.ProviderDetails.attributes_url_add_attributes).toBe('false');
		expect(
			await refuse({
				ProviderName: 'Sso',
				ProviderType: 'SAML',
				ProviderDetails: { MetadataURL: 'https://sso.corp.example/metadata' },
				AttributeMapping: { username: 'uid' },
			})
		).toBe(
			'InvalidParameterException: username cannot be mapped for a SAML provider; the username is the NameID.'
		);
	});

	test('OIDC: the issuer must be discoverable (or the four endpoints given) and scopes must include openid', async () => {
		const oidc = (details: Json) => ({
			ProviderName: 'Corp',
			ProviderType: 'OIDC',
			ProviderDetails: {
				client_id: 'c',
				attributes_request_method: 'GET',
				authorize_scopes: 'openid',
				...details,
			},
		});
		expect(await refuse(oidc({ oidc_issuer: 'https://sso.us-east-1.amazonaws.com' }))).toBe(
			'InvalidParameterException: Unable to discover authorize_url from the OIDC issuer https://sso.us-east-1.amazonaws.com; provide authorize_url in ProviderDetails.'
		);
		expect(await refuse(oidc({ oidc_issuer: 'http://login.corp.example' }))).toBe(
			'InvalidParameterException: oidc_issuer must be an https URL.'
		);
		expect(
			await refuse(oidc({ oidc_issuer: 'https://login.corp.example', authorize_scopes: 'email' }))
		).toBe('InvalidParameterException: authorize_scopes must include openid for an OIDC provider.');
		expect(
			await refuse(
				oidc({ oidc_issuer: 'https://login.corp.example', attributes_request_method: 'PUT' })
			)
		).toBe('InvalidParameterException: attributes_request_method must be GET or POST.');
	});

	test('SAML: exactly one metadata source, and the metadata must be readable', async () => {
		const saml = (details: Json) => ({
			ProviderName: 'Sso',
			ProviderType: 'SAML',
			ProviderDetails: details,
		});
		expect(await refuse(saml({}))).toBe(
			'InvalidParameterException: Exactly one of MetadataFile or MetadataURL must be provided.'
		);
		expect(await refuse(saml({ MetadataFile: '<EntityDescriptor/>' }))).toBe(
			'InvalidParameterException: Invalid SAML metadata: no EntityDescriptor element.'
		);
		expect(await refuse(saml({ MetadataFile: '<!DOCTYPE x [<!ENTITY a "b">]><x/>' }))).toBe(
			'InvalidParameterException: Invalid SAML metadata: a DOCTYPE is not allowed.'
		);
		expect(
			await refuse(saml({ MetadataURL: 'https://sso.corp.example/metadata', IDPInit: 'yes' }))
		).toBe('InvalidParameterException: IDPInit must be true or false.');
		// The metadata a mock IdP publishes works as a file too.
		// Not stood up yet: nothing has named that host, so nothing answers there.
		expect((await t.sandbox.fetch(new Request('https://sso.corp.example/metadata'))).status).toBe(
			400
		);
		await create(saml({ MetadataURL: 'https://sso.corp.example/metadata' }));
		const file = await (
			await t.sandbox.fetch(new Request('https://sso.corp.example/metadata'))
		).text();
		const { IdentityProvider } = await create({
			...saml({ MetadataFile: file }),
			ProviderName: 'SsoFile',
		});
		expect(IdentityProvider.ProviderDetails.SSORedirectBindingURI).toBe(
			'https://sso.corp.example/sso'
		);
	});

	test('identifiers: unique in the pool; GetIdentityProviderByIdentifier finds the provider', async () => {
		await create({ ...google(), IdpIdentifiers: ['example.com', 'example.org'] });
		expect(
			await refuse({
				ProviderName: 'Corp',
				ProviderType: 'OIDC',
				ProviderDetails: {
					client_id: 'c',
					attributes_request_method: 'GET',
					oidc_issuer: 'https://login.corp.example',
					authorize_scopes: 'openid',
				},
				IdpIdentifiers: ['example.org'],
			})
		).toBe('InvalidParameterException: Duplicate IdpIdentifier: example.org.');
		const found = await t.call('GetIdentityProviderByIdentifier', {
			UserPoolId: poolId,
			IdpIdentifier: 'example.org',
		});
		expect(found.IdentityProvider.ProviderName).toBe('Google');
		expect(
			await t.failure('GetIdentityProviderByIdentifier', {
				UserPoolId: poolId,
				IdpIdentifier: 'nope.com',
			})
		).toBe('ResourceNotFoundException: Identity provider with identifier nope.com does not exist.');
	});

	test('list pages through providers; delete removes one', async () => {
		await create(google());
		await create({
			ProviderName: 'Facebook',
			ProviderType: 'Facebook',
			ProviderDetails: { client_id: 'a', client_secret: 'b', authorize_scopes: 'email' },
		});
		const first = await t.call('ListIdentityProviders', { UserPoolId: poolId, MaxResults: 1 });
		expect(first.Providers).toEqual([
			{
				ProviderName: 'Google',
				ProviderType: 'Google',
				LastModifiedDate: expect.any(Number),
				CreationDate: expect.any(Number),
			},
		]);
		const second = await t.call('ListIdentityProviders', {
			UserPoolId: poolId,
			MaxResults: 1,
			NextToken: first.NextToken,
		});
		expect(second.Providers[0].ProviderName).toBe('Facebook');
		expect(second.NextToken).toBeUndefined();
		await t.call('DeleteIdentityProvider', { UserPoolId: poolId, ProviderName: 'Google' });
		expect(
			await t.failure('DescribeIdentityProvider', { UserPoolId: poolId, ProviderName: 'Google' })
		).toBe('ResourceNotFoundException: Identity provider Google does not exist.');
		expect(
			await t.failure('DeleteIdentityProvider', {
				UserPoolId: 'us-east-1_Nope',
				ProviderName: 'Google',
			})
		).toBe('ResourceNotFoundException: User pool us-east-1_Nope does not exist.');
	});

	test('update replaces the mapping and identifiers, keeping what it does not name', async () => {
		await create({ ...google({ email: 'email' }), IdpIdentifiers: ['a.com'] });
		const { IdentityProvider } = await t.call('UpdateIdentityProvider', {
			UserPoolId: poolId,
			ProviderName: 'Google',
			AttributeMapping: { name: 'name' },
		});
		expect(IdentityProvider.AttributeMapping).toEqual({ name: 'name', username: 'sub' });
		expect(IdentityProvider.IdpIdentifiers).toEqual(['a.com']);
		expect(IdentityProvider.ProviderDetails.client_secret).toBe('g-secret');
	});
});
