import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
	CognitoIdentityClient,
	CreateIdentityPoolCommand,
	DescribeIdentityPoolCommand,
	GetIdCommand,
} from '@aws-sdk/client-cognito-identity';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseArguments, startEmulator, type RunningEmulator } from '../../../src/cli/emulator';

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

	test('parses its options', () => {
		expect(parseArguments(['--port', '8080', '--state', 's.json', '--quiet'])).toEqual({
			port: 8080,
			stateFile: 's.json',
			log: false,
		});
		expect(() => parseArguments(['--bogus'])).toThrow(/Unknown option --bogus/);
	});
});
