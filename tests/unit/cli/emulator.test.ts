import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
	CognitoIdentityClient,
	CreateIdentityPoolCommand,
	DescribeIdentityPoolCommand,
	GetIdCommand,
} from '@aws-sdk/client-cognito-identity';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
	EmulatorStartError,
	parseArguments,
	startEmulator,
	type RunningEmulator,
} from '../../../src/cli/emulator';

const credentials = {
	accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
	secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
};
const directory = mkdtempSync(join(tmpdir(), 'cognito-emulator-'));
const stateFile = join(directory, 'state.json');
let emulator: RunningEmulator;

const post = (target: string, body: string, extra: Record<string, string> = {}) =>
	fetch(`${emulator.url}/`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target, ...extra },
		body,
	});

beforeAll(async () => {
	emulator = await startEmulator({ port: 0, stateFile, maxBodyBytes: 64 * 1024 });
});
afterAll(async () => {
	await emulator.close();
	rmSync(directory, { recursive: true, force: true });
});

describe('emulator', () => {
	test('a real SDK client works against it over HTTP', async () => {
		const client = new CognitoIdentityClient({
			region: 'us-east-1',
			endpoint: emulator.url,
			credentials,
		});
		const pool = await client.send(
			new CreateIdentityPoolCommand({
				IdentityPoolName: 'over_http',
				AllowUnauthenticatedIdentities: true,
			})
		);
		const { IdentityId } = await client.send(
			new GetIdCommand({ IdentityPoolId: pool.IdentityPoolId })
		);
		expect(IdentityId).toMatch(/^us-east-1:/);
		client.destroy();
	});

	test('malformed JSON, unknown targets and oversized bodies get service errors and the server keeps running', async () => {
		const malformed = await post('AWSCognitoIdentityService.GetId', '{"IdentityPoolId": ');
		expect(malformed.status).toBe(400);
		expect(await malformed.json()).toEqual({
			__type: 'SerializationException',
			message: 'Start of structure or map found where not expected.',
		});
		const unknown = await post('AWSCognitoIdentityService.MakeCoffee', '{}');
		expect(unknown.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
		const oversized = await post(
			'AWSCognitoIdentityService.GetId',
			JSON.stringify({ IdentityPoolId: 'x'.repeat(100 * 1024) })
		);
		expect(oversized.status).toBe(413);
		expect((await oversized.json()).__type).toBe('RequestEntityTooLargeException');
		const after = await post('AWSCognitoIdentityService.ListIdentityPools', '{"MaxResults": 5}');
		expect(after.status).toBe(200);
	});

	test('CORS preflight and exposed headers for browser SDKs', async () => {
		const preflight = await fetch(`${emulator.url}/`, {
			method: 'OPTIONS',
			headers: {
				origin: 'http://localhost:4321',
				'access-control-request-method': 'POST',
				'access-control-request-headers': 'x-amz-target,content-type,authorization',
			},
		});
		expect(preflight.status).toBe(204);
		expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:4321');
		expect(preflight.headers.get('access-control-allow-headers')).toBe(
			'x-amz-target,content-type,authorization'
		);
		const response = await post(
			'AWSCognitoIdentityService.ListIdentityPools',
			'{"MaxResults": 5}',
			{ origin: 'http://localhost:4321' }
		);
		expect(response.headers.get('access-control-expose-headers')).toContain('x-amzn-errortype');
	});

	test('--state saves after each change and a new emulator starts from it', async () => {
		const client = new CognitoIdentityClient({
			region: 'us-east-1',
			endpoint: emulator.url,
			credentials,
		});
		const pool = await client.send(
			new CreateIdentityPoolCommand({
				IdentityPoolName: 'persisted',
				AllowUnauthenticatedIdentities: false,
			})
		);
		client.destroy();
		const second = await startEmulator({ port: 0, stateFile });
		try {
			const again = new CognitoIdentityClient({
				region: 'us-east-1',
				endpoint: second.url,
				credentials,
			});
			expect(
				(await again.send(new DescribeIdentityPoolCommand({ IdentityPoolId: pool.IdentityPoolId })))
					.IdentityPoolName
			).toBe('persisted');
			again.destroy();
		} finally {
			await second.close();
		}
	});

	test('parses its options and refuses bad values with the option and the fix', () => {
		expect(
			parseArguments([
				'--port',
				'8080',
				'--state',
				's.json',
				'--quiet',
				'--allow-host',
				'Classroom.local',
				'--allow-origin',
				'http://classroom.local:4321',
				'--trace-limit',
				'50',
			])
		).toEqual({
			port: 8080,
			stateFile: 's.json',
			log: false,
			allowHosts: ['classroom.local'],
			allowOrigins: ['http://classroom.local:4321'],
			traceLimit: 50,
		});
		expect(() => parseArguments(['--bogus'])).toThrow(/Unknown option --bogus/);
		expect(() => parseArguments(['--max-body', 'abc'])).toThrowErrorMatchingInlineSnapshot(
			`[Error: --max-body must be a whole number from 1 to 1073741824, found "abc"]`
		);
		expect(() => parseArguments(['--max-body', '-5'])).toThrow(EmulatorStartError);
		expect(() => parseArguments(['--port', '70000'])).toThrow(/--port must be a whole number/);
		expect(() => parseArguments(['--state'])).toThrow(/--state needs a value/);
		expect(() => parseArguments(['--allow-origin', 'http://x.test/path'])).toThrow(
			/must be an origin/
		);
	});
});

/** A raw HTTP request, so tests can send any Host header and method (fetch forbids both). */
function raw(
	url: string,
	options: { method?: string; headers?: Record<string, string>; body?: string }
): Promise<{
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: string;
}> {
	return new Promise((resolve, reject) => {
		const request = httpRequest(
			url,
			{ method: options.method ?? 'GET', headers: options.headers },
			(response) => {
				let body = '';
				response.on('data', (chunk) => (body += chunk));
				response.on('end', () =>
					resolve({ status: response.statusCode ?? 0, headers: response.headers, body })
				);
			}
		);
		request.on('error', reject);
		request.end(options.body);
	});
}

describe('emulator hardening', () => {
	test('only local Host headers are served by default (DNS rebinding), and a refusal says how to allow one', async () => {
		const rebound = await raw(`${emulator.url}/`, {
			method: 'POST',
			headers: {
				host: 'attacker.example:9229',
				'x-amz-target': 'AWSCognitoIdentityService.ListIdentityPools',
			},
			body: '{"MaxResults": 5}',
		});
		expect(rebound.status).toBe(403);
		expect(JSON.parse(rebound.body).message).toMatch(/--allow-host/);
		for (const host of ['localhost:9229', '127.0.0.1', '[::1]:80']) {
			const local = await raw(`${emulator.url}/`, {
				method: 'POST',
				headers: { host, 'x-amz-target': 'AWSCognitoIdentityService.ListIdentityPools' },
				body: '{"MaxResults": 5}',
			});
			expect(local.status, host).toBe(200);
		}
	});

	test('pages from other origins get 403 and no CORS headers; local pages are answered', async () => {
		const evil = await post('AWSCognitoIdentityService.ListIdentityPools', '{"MaxResults": 5}', {
			origin: 'https://evil.example',
		});
		expect(evil.status).toBe(403);
		expect(evil.headers.get('access-control-allow-origin')).toBeNull();
		const preflight = await fetch(`${emulator.url}/`, {
			method: 'OPTIONS',
			headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
		});
		expect(preflight.status).toBe(403);
		const local = await post('AWSCognitoIdentityService.ListIdentityPools', '{"MaxResults": 5}', {
			origin: 'http://127.0.0.1:4321',
		});
		expect(local.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:4321');
	});

	test('--allow-host and --allow-origin widen what is served', async () => {
		const wide = await startEmulator({
			port: 0,
			allowHosts: ['classroom.local'],
			allowOrigins: ['http://classroom.local:4321'],
			log: false,
		});
		try {
			const response = await raw(`${wide.url}/`, {
				method: 'POST',
				headers: {
					host: 'classroom.local:9229',
					origin: 'http://classroom.local:4321',
					'x-amz-target': 'AWSCognitoIdentityService.ListIdentityPools',
				},
				body: '{"MaxResults": 5}',
			});
			expect(response.status).toBe(200);
			expect(response.headers['access-control-allow-origin']).toBe('http://classroom.local:4321');
		} finally {
			await wide.close();
		}
	});

	test('odd methods and unknown paths get 4xx, never 500, and every response has a request id', async () => {
		for (const [method, path] of [
			['PATCH', '/'],
			['DELETE', '/'],
			['GET', '/'],
			['PUT', '/nothing/here'],
			['GET', '/%E0%A4%A'],
			['TRACE', '/'],
			['HEAD', '/'],
		] as const) {
			const response = await raw(`${emulator.url}${path}`, { method });
			expect(response.status, `${method} ${path}`).toBeGreaterThanOrEqual(400);
			expect(response.status, `${method} ${path}`).toBeLessThan(500);
			expect(response.headers['x-amzn-requestid'], `${method} ${path}`).toMatch(/^[0-9a-f-]{36}$/);
		}
	});

	test('the trace stays bounded: many large requests, even rejected ones, keep at most the limit, cut', async () => {
		const small = await startEmulator({
			port: 0,
			traceLimit: 20,
			log: false,
			maxBodyBytes: 2 ** 21,
		});
		try {
			const big = 'x'.repeat(1024 * 1024);
			for (let i = 0; i < 40; i++) {
				const response = await fetch(`${small.url}/`, {
					method: 'POST',
					headers: { 'x-amz-target': 'AWSCognitoIdentityService.GetId' },
					body: JSON.stringify({ IdentityPoolId: big }),
				});
				expect(response.status).toBe(400);
			}
			expect(small.sandbox.trace.length).toBeLessThanOrEqual(20);
			const kept = JSON.stringify(small.sandbox.trace);
			expect(kept.length).toBeLessThan(20 * 10_000);
			expect(kept).toContain('cut in the trace');
		} finally {
			await small.close();
		}
	}, 60_000);

	test('messages and codes can be read at /_emulator/outbox, filtered by destination', async () => {
		const response = await post(
			'AWSCognitoIdentityProviderService.CreateUserPool',
			JSON.stringify({ PoolName: 'codes', AutoVerifiedAttributes: ['email'] })
		);
		const pool = (await response.json()).UserPool;
		const client = await (
			await post(
				'AWSCognitoIdentityProviderService.CreateUserPoolClient',
				JSON.stringify({ UserPoolId: pool.Id, ClientName: 'cli' })
			)
		).json();
		await post(
			'AWSCognitoIdentityProviderService.SignUp',
			JSON.stringify({
				ClientId: client.UserPoolClient.ClientId,
				Username: 'carol',
				Password: 'Passw0rd!',
				UserAttributes: [{ Name: 'email', Value: 'carol@example.com' }],
			})
		);
		const outbox = await (
			await fetch(`${emulator.url}/_emulator/outbox?destination=carol@example.com`)
		).json();
		expect(outbox.messages).toHaveLength(1);
		expect(outbox.messages[0]).toMatchObject({
			channel: 'EMAIL',
			destination: 'carol@example.com',
			reason: 'SignUp',
			code: expect.stringMatching(/^\d{6}$/),
		});
		const confirmed = await post(
			'AWSCognitoIdentityProviderService.ConfirmSignUp',
			JSON.stringify({
				ClientId: client.UserPoolClient.ClientId,
				Username: 'carol',
				ConfirmationCode: outbox.messages[0].code,
			})
		);
		expect(confirmed.status).toBe(200);
	});

	test('the state file is written when the state changes, not on every request', async () => {
		const before = readFileSync(stateFile, 'utf8');
		const modified = statSync(stateFile).mtimeMs;
		await new Promise((resolve) => setTimeout(resolve, 20));
		const read = await post('AWSCognitoIdentityService.ListIdentityPools', '{"MaxResults": 5}');
		expect(read.status).toBe(200);
		expect(statSync(stateFile).mtimeMs).toBe(modified);
		await post(
			'AWSCognitoIdentityService.CreateIdentityPool',
			JSON.stringify({ IdentityPoolName: 'changes', AllowUnauthenticatedIdentities: true })
		);
		expect(readFileSync(stateFile, 'utf8')).not.toBe(before);
	});

	test('a bad --state is refused at start with the reason, and the file is left untouched', async () => {
		await expect(
			startEmulator({ port: 0, stateFile: join(directory, 'missing-folder', 'state.json') })
		).rejects.toThrow(/the folder .*missing-folder does not exist/);
		const broken = join(directory, 'broken.json');
		writeFileSync(broken, '{not json');
		await expect(startEmulator({ port: 0, stateFile: broken })).rejects.toThrow(/not valid JSON/);
		expect(readFileSync(broken, 'utf8')).toBe('{not json');
		const wrongShape = join(directory, 'wrong-shape.json');
		writeFileSync(wrongShape, JSON.stringify({ v: 2, userPools: { pools: 5, clientPools: {} } }));
		await expect(startEmulator({ port: 0, stateFile: wrongShape })).rejects.toThrow(
			'userPools.pools: must be a map, found 5'
		);
		const poisoned = join(directory, 'poisoned.json');
		writeFileSync(poisoned, '{"v": 2, "__proto__": {"enabled": true}}');
		await expect(startEmulator({ port: 0, stateFile: poisoned })).rejects.toThrow(
			'__proto__: is not a field of this record (prototype key)'
		);
		expect(({} as Record<string, unknown>).enabled).toBeUndefined();
	});
});

describe('--local-urls', () => {
	test('tokens name the emulator as issuer, and aws-jwt-verify verifies them with the keys from discovery', async () => {
		const local = await startEmulator({ port: 0, localUrls: true, log: false });
		try {
			const call = async (operation: string, body: object) =>
				(
					await fetch(`${local.url}/`, {
						method: 'POST',
						headers: { 'x-amz-target': `AWSCognitoIdentityProviderService.${operation}` },
						body: JSON.stringify(body),
					})
				).json();
			const { UserPool } = await call('CreateUserPool', { PoolName: 'local' });
			const { UserPoolClient } = await call('CreateUserPoolClient', {
				UserPoolId: UserPool.Id,
				ClientName: 'app',
				ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
			});
			await call('AdminCreateUser', {
				UserPoolId: UserPool.Id,
				Username: 'dana',
				MessageAction: 'SUPPRESS',
			});
			await call('AdminSetUserPassword', {
				UserPoolId: UserPool.Id,
				Username: 'dana',
				Password: 'Passw0rd!',
				Permanent: true,
			});
			const { AuthenticationResult } = await call('InitiateAuth', {
				ClientId: UserPoolClient.ClientId,
				AuthFlow: 'USER_PASSWORD_AUTH',
				AuthParameters: { USERNAME: 'dana', PASSWORD: 'Passw0rd!' },
			});
			const claims = JSON.parse(
				Buffer.from(AuthenticationResult.IdToken.split('.')[1], 'base64url').toString()
			);
			expect(claims.iss).toBe(
				`${local.url}/_host/cognito-idp.us-east-1.amazonaws.com/${UserPool.Id}`
			);
			const discovery = await (
				await fetch(`${claims.iss}/.well-known/openid-configuration`)
			).json();
			expect(discovery.issuer).toBe(claims.iss);
			expect(discovery.jwks_uri).toBe(`${claims.iss}/.well-known/jwks.json`);
			const { JwtRsaVerifier } = await import('aws-jwt-verify');
			const verifier = JwtRsaVerifier.create({
				issuer: discovery.issuer as string,
				audience: UserPoolClient.ClientId as string,
				jwksUri: discovery.jwks_uri as string,
			});
			// aws-jwt-verify fetches JWKS only over https; over plain http the keys are handed to it.
			verifier.cacheJwks(await (await fetch(discovery.jwks_uri)).json());
			await expect(verifier.verify(AuthenticationResult.IdToken)).resolves.toMatchObject({
				'cognito:username': 'dana',
			});
		} finally {
			await local.close();
		}
	});
});
