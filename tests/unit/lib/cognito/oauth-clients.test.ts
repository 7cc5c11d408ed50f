/**
 * Real clients, unchanged: openid-client v6 (discovery, code flow with PKCE, refresh, userInfo, revocation,
 * client_credentials) and aws-jwt-verify, against `sandbox.fetch` and against the emulator over HTTPS.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { startEmulator } from '../../../../src/cli/emulator';
import { createSandbox } from '../../../../src/lib/cognito';
import { mulberry32 } from '../../../fixtures/random';
import { runOauthClient, type Setup } from '../../../fixtures/oauth-client-run';

type Caller = (operation: string, body: object) => Promise<any>;

/** A pool with a domain, a public web client, a confidential M2M client with a custom scope, and a user. */
async function setUp(call: Caller, redirectUri: string) {
	const { UserPool } = await call('CreateUserPool', {
		PoolName: 'oidc',
		AutoVerifiedAttributes: ['email'],
	});
	const poolId = UserPool.Id as string;
	await call('CreateResourceServer', {
		UserPoolId: poolId,
		Identifier: 'orders',
		Name: 'Orders API',
		Scopes: [{ ScopeName: 'read', ScopeDescription: 'Read orders' }],
	});
	const { UserPoolClient: web } = await call('CreateUserPoolClient', {
		UserPoolId: poolId,
		ClientName: 'web',
		AllowedOAuthFlowsUserPoolClient: true,
		AllowedOAuthFlows: ['code'],
		AllowedOAuthScopes: ['openid', 'email', 'profile'],
		CallbackURLs: [redirectUri],
		SupportedIdentityProviders: ['COGNITO'],
	});
	const { UserPoolClient: machine } = await call('CreateUserPoolClient', {
		UserPoolId: poolId,
		ClientName: 'worker',
		GenerateSecret: true,
		AllowedOAuthFlowsUserPoolClient: true,
		AllowedOAuthFlows: ['client_credentials'],
		AllowedOAuthScopes: ['orders/read'],
	});
	await call('CreateUserPoolDomain', { UserPoolId: poolId, Domain: 'oidc-demo' });
	await call('AdminCreateUser', {
		UserPoolId: poolId,
		Username: 'erin',
		MessageAction: 'SUPPRESS',
		UserAttributes: [
			{ Name: 'email', Value: 'erin@example.com' },
			{ Name: 'email_verified', Value: 'true' },
		],
	});
	await call('AdminSetUserPassword', {
		UserPoolId: poolId,
		Username: 'erin',
		Password: 'Passw0rd!',
		Permanent: true,
	});
	return { poolId, web, machine };
}

function expectHappyRun(result: Awaited<ReturnType<typeof runOauthClient>>, clientId: string) {
	// Cognito's token responses carry no `scope` member; the scopes are in the access token.
	expect(result.scope).toBeUndefined();
	expect(result.idClaims).toMatchObject({
		aud: clientId,
		'cognito:username': 'erin',
		email: 'erin@example.com',
	});
	expect(result.userInfo).toMatchObject({
		email: 'erin@example.com',
		email_verified: 'true',
		username: 'erin',
	});
	expect(result.refreshedHasIdToken).toBe(true);
	expect(result.verified.id).toMatchObject({ token_use: 'id', email_verified: true });
	expect(result.verified.access).toMatchObject({
		token_use: 'access',
		scope: 'openid email profile',
		version: 2,
	});
	expect(result.afterRevoke).toBe('invalid_grant');
	expect(result.machine.tokenType).toBe('bearer');
	expect(result.machine.verified).toMatchObject({ token_use: 'access', scope: 'orders/read' });
}

describe('openid-client and aws-jwt-verify', () => {
	it('run every flow against sandbox.fetch', async () => {
		const sandbox = createSandbox({ random: mulberry32(7) });
		const call: Caller = async (operation, body) =>
			(
				await sandbox.fetch(
					new Request('https://cognito-idp.us-east-1.amazonaws.com/', {
						method: 'POST',
						headers: { 'x-amz-target': `AWSCognitoIdentityProviderService.${operation}` },
						body: JSON.stringify(body),
					})
				)
			).json();
		const redirectUri = 'https://app.example.com/cb';
		const { poolId, web, machine } = await setUp(call, redirectUri);
		const setup: Setup = {
			issuer: `https://cognito-idp.us-east-1.amazonaws.com/${poolId}`,
			clientId: web.ClientId,
			m2mClientId: machine.ClientId,
			m2mSecret: machine.ClientSecret,
			redirectUri,
			username: 'erin',
			password: 'Passw0rd!',
		};
		const result = await runOauthClient(setup, (input, init) =>
			sandbox.fetch(new Request(input, init))
		);
		expectHappyRun(result, web.ClientId);
	}, 30_000);

	it('run unchanged against the emulator in --https mode, trusting its CA through NODE_EXTRA_CA_CERTS', async () => {
		const directory = mkdtempSync(join(tmpdir(), 'emulator-tls-'));
		const emulator = await startEmulator({
			port: 0,
			localUrls: true,
			log: false,
			httpsDir: directory,
		});
		try {
			expect(emulator.url).toMatch(/^https:\/\/localhost:\d+$/);
			expect(emulator.caFile).toBe(join(directory, 'ca.pem'));
			// The test process itself does not trust the CA: call the API through a child that does.
			const run = promisify(execFile);
			const api = async (operation: string, body: object) => {
				const { stdout } = await run(
					process.execPath,
					[
						'-e',
						`fetch(process.argv[1],{method:'POST',headers:{'x-amz-target':'AWSCognitoIdentityProviderService.${operation}'},body:process.argv[2]}).then(r=>r.text()).then(t=>process.stdout.write(t))`,
						`${emulator.url}/`,
						JSON.stringify(body),
					],
					{ env: { ...process.env, NODE_EXTRA_CA_CERTS: emulator.caFile } }
				);
				return JSON.parse(stdout);
			};
			const redirectUri = 'http://localhost:3000/callback';
			const { poolId, web, machine } = await setUp(api, redirectUri);
			const setup: Setup = {
				issuer: `${emulator.url}/_host/cognito-idp.us-east-1.amazonaws.com/${poolId}`,
				clientId: web.ClientId,
				m2mClientId: machine.ClientId,
				m2mSecret: machine.ClientSecret,
				redirectUri,
				username: 'erin',
				password: 'Passw0rd!',
			};
			const { stdout } = await run(
				join(process.cwd(), 'node_modules/.bin/tsx'),
				[join(process.cwd(), 'tests/fixtures/oauth-client-child.ts'), JSON.stringify(setup)],
				{ env: { ...process.env, NODE_EXTRA_CA_CERTS: emulator.caFile } }
			);
			expectHappyRun(JSON.parse(stdout), web.ClientId);
		} finally {
			await emulator.close();
			rmSync(directory, { recursive: true, force: true });
		}
	}, 90_000);
});
