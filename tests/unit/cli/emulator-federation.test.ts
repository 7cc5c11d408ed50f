/**
 * Federation through the emulator (`--local-urls`): identity providers created with the real SDK client, and
 * the mock IdPs' pages, discovery documents and SAML metadata served at `<emulator>/_host/<idp host>/…` with
 * every URL in them pointing back at the emulator, so a browser never leaves the machine.
 */
import {
	CognitoIdentityProviderClient,
	CreateIdentityProviderCommand,
	CreateUserPoolCommand,
	DescribeIdentityProviderCommand,
	DuplicateProviderException,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../src/cli/emulator';

let emulator: RunningEmulator;
let client: CognitoIdentityProviderClient;

beforeAll(async () => {
	emulator = await startEmulator({ port: 0, localUrls: true, log: false });
	client = new CognitoIdentityProviderClient({
		region: 'us-east-1',
		endpoint: emulator.url,
		credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'secret' },
	});
});
afterAll(async () => {
	client.destroy();
	await emulator.close();
});

describe('federation in the emulator', { timeout: 60_000 }, () => {
	test('identity providers over the SDK; mock IdPs served at local URLs', async () => {
		const { UserPool } = await client.send(new CreateUserPoolCommand({ PoolName: 'emulated' }));
		await client.send(
			new CreateIdentityProviderCommand({
				UserPoolId: UserPool!.Id,
				ProviderName: 'Google',
				ProviderType: 'Google',
				ProviderDetails: { client_id: 'g', client_secret: 's', authorize_scopes: 'openid email' },
			})
		);
		await expect(
			client.send(
				new CreateIdentityProviderCommand({
					UserPoolId: UserPool!.Id,
					ProviderName: 'Google',
					ProviderType: 'Google',
					ProviderDetails: { client_id: 'g', client_secret: 's', authorize_scopes: 'openid email' },
				})
			)
		).rejects.toBeInstanceOf(DuplicateProviderException);
		await client.send(
			new CreateIdentityProviderCommand({
				UserPoolId: UserPool!.Id,
				ProviderName: 'CorpSSO',
				ProviderType: 'SAML',
				ProviderDetails: { MetadataURL: 'https://sso.corp.example/metadata' },
			})
		);
		const saml = await client.send(
			new DescribeIdentityProviderCommand({ UserPoolId: UserPool!.Id, ProviderName: 'CorpSSO' })
		);
		expect(saml.IdentityProvider?.ProviderDetails?.SSORedirectBindingURI).toBe(
			`${emulator.url}/_host/sso.corp.example/sso`
		);

		const consent = await fetch(
			`${emulator.url}/_host/accounts.google.com/o/oauth2/v2/auth?client_id=g&redirect_uri=${encodeURIComponent('http://localhost:3000/cb')}&response_type=code&scope=openid`
		);
		expect(consent.status).toBe(200);
		expect(consent.headers.get('content-security-policy')).toContain("default-src 'none'");
		expect(await consent.text()).toContain('<h1>Sign in with Google</h1>');

		const discovery = await (
			await fetch(`${emulator.url}/_host/accounts.google.com/.well-known/openid-configuration`)
		).json();
		expect(discovery.issuer).toBe('https://accounts.google.com');
		expect(discovery.token_endpoint).toBe(`${emulator.url}/_host/oauth2.googleapis.com/token`);
		const keys = await (await fetch(discovery.jwks_uri)).json();
		expect(keys.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });

		const metadata = await (await fetch(`${emulator.url}/_host/sso.corp.example/metadata`)).text();
		expect(metadata).toContain(`Location="${emulator.url}/_host/sso.corp.example/sso"`);
	});
});
