/**
 * Real clients against the emulator for the IAM and gateway parts: the AWS CLI (Debian's awscli, /usr/bin/aws)
 * defines an identity pool's role over the IAM endpoint and gets the strict error before it exists; a request
 * signed with `@smithy/signature-v4` with the issued credentials reaches an AWS_IAM API Gateway method through the
 * emulator's local URLs.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../../src/cli/emulator';
import { signedRequest } from '../../fixtures/gateway-sandbox';

const AWS_CLI = '/usr/bin/aws';
const run = promisify(execFile);
const home = mkdtempSync(join(tmpdir(), 'aws-cli-home-'));
let emulator: RunningEmulator;

beforeAll(async () => {
	emulator = await startEmulator({ port: 0, log: false, localUrls: true });
});
afterAll(async () => {
	await emulator.close();
	rmSync(home, { recursive: true, force: true });
});

/** Runs the AWS CLI against the emulator and parses its JSON output (or returns the error text). */
async function aws(
	...args: string[]
): Promise<{ ok: true; json: any } | { ok: false; stderr: string }> {
	try {
		const { stdout } = await run(
			AWS_CLI,
			[...args, '--endpoint-url', emulator.url, '--output', 'json'],
			{
				env: {
					PATH: process.env.PATH,
					HOME: home,
					AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
					AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
					AWS_DEFAULT_REGION: 'us-east-1',
					AWS_PAGER: '',
					AWS_EC2_METADATA_DISABLED: 'true',
				},
				timeout: 60_000,
			}
		);
		return { ok: true, json: stdout.trim() ? JSON.parse(stdout) : {} };
	} catch (error) {
		return { ok: false, stderr: String((error as { stderr?: string }).stderr ?? error) };
	}
}

const call = async (target: string, body: object) => {
	const response = await fetch(`${emulator.url}/`, {
		method: 'POST',
		headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target },
		body: JSON.stringify(body),
	});
	return response.json();
};

describe.skipIf(!existsSync(AWS_CLI))('the AWS CLI defines identity-pool roles over IAM', () => {
	test('create-role, put-role-policy, get-role, list/get/delete-role-policy, delete-role; strict until then', async () => {
		const pool = await aws(
			'cognito-identity',
			'create-identity-pool',
			'--identity-pool-name',
			'cli_guests',
			'--allow-unauthenticated-identities'
		);
		if (!pool.ok) throw new Error(pool.stderr);
		const poolId = pool.json.IdentityPoolId as string;
		const roleArn = 'arn:aws:iam::123456789012:role/Cognito_CliGuests';
		await aws(
			'cognito-identity',
			'set-identity-pool-roles',
			'--identity-pool-id',
			poolId,
			'--roles',
			`unauthenticated=${roleArn}`
		);
		const id = await aws('cognito-identity', 'get-id', '--identity-pool-id', poolId);
		if (!id.ok) throw new Error(id.stderr);
		const identityId = id.json.IdentityId as string;

		// The role does not exist yet: the emulator is strict, as AWS is.
		const early = await aws(
			'cognito-identity',
			'get-credentials-for-identity',
			'--identity-id',
			identityId
		);
		expect(early.ok).toBe(false);
		expect(early.ok ? '' : early.stderr).toContain(
			'(InvalidIdentityPoolConfigurationException) when calling the GetCredentialsForIdentity operation: Invalid identity pool configuration. Check assigned IAM roles for this pool.'
		);

		const trust = JSON.stringify({
			Version: '2012-10-17',
			Statement: [
				{
					Effect: 'Allow',
					Principal: { Federated: 'cognito-identity.amazonaws.com' },
					Action: 'sts:AssumeRoleWithWebIdentity',
					Condition: {
						StringEquals: { 'cognito-identity.amazonaws.com:aud': poolId },
						'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'unauthenticated' },
					},
				},
			],
		});
		const created = await aws(
			'iam',
			'create-role',
			'--role-name',
			'Cognito_CliGuests',
			'--assume-role-policy-document',
			trust
		);
		if (!created.ok) throw new Error(created.stderr);
		expect(created.json.Role.Arn).toBe(roleArn);
		// The CLI decodes IAM's URL-encoded policy documents back into JSON.
		expect(created.json.Role.AssumeRolePolicyDocument).toEqual(JSON.parse(trust));
		const policy = JSON.stringify({
			Version: '2012-10-17',
			Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: '*' }],
		});
		const put = await aws(
			'iam',
			'put-role-policy',
			'--role-name',
			'Cognito_CliGuests',
			'--policy-name',
			'invoke',
			'--policy-document',
			policy
		);
		expect(put.ok).toBe(true);
		const role = await aws('iam', 'get-role', '--role-name', 'Cognito_CliGuests');
		expect(role.ok && role.json.Role.MaxSessionDuration).toBe(3600);
		const names = await aws('iam', 'list-role-policies', '--role-name', 'Cognito_CliGuests');
		expect(names.ok && names.json.PolicyNames).toEqual(['invoke']);
		const document = await aws(
			'iam',
			'get-role-policy',
			'--role-name',
			'Cognito_CliGuests',
			'--policy-name',
			'invoke'
		);
		expect(document.ok && document.json.PolicyDocument).toEqual(JSON.parse(policy));

		const credentials = await aws(
			'cognito-identity',
			'get-credentials-for-identity',
			'--identity-id',
			identityId
		);
		if (!credentials.ok) throw new Error(credentials.stderr);
		expect(credentials.json.Credentials.AccessKeyId).toMatch(/^ASIA/);

		const conflict = await aws('iam', 'delete-role', '--role-name', 'Cognito_CliGuests');
		expect(conflict.ok ? '' : conflict.stderr).toContain('(DeleteConflict)');
		expect(
			(
				await aws(
					'iam',
					'delete-role-policy',
					'--role-name',
					'Cognito_CliGuests',
					'--policy-name',
					'invoke'
				)
			).ok
		).toBe(true);
		expect((await aws('iam', 'delete-role', '--role-name', 'Cognito_CliGuests')).ok).toBe(true);
		const gone = await aws('iam', 'get-role', '--role-name', 'Cognito_CliGuests');
		expect(gone.ok ? '' : gone.stderr).toContain(
			'(NoSuchEntity) when calling the GetRole operation: The role with name Cognito_CliGuests cannot be found.'
		);
	}, 240_000);
});

describe('API Gateway through the emulator', () => {
	test('a SigV4-signed call with issued credentials reaches an AWS_IAM method at its local URL', async () => {
		const pool = await call('AWSCognitoIdentityService.CreateIdentityPool', {
			IdentityPoolName: 'api_guests',
			AllowUnauthenticatedIdentities: true,
		});
		const roleArn = 'arn:aws:iam::123456789012:role/ApiGuests';
		emulator.sandbox.defineRole(roleArn, {
			policies: [
				{
					Version: '2012-10-17',
					Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: '*' }],
				},
			],
		});
		await call('AWSCognitoIdentityService.SetIdentityPoolRoles', {
			IdentityPoolId: pool.IdentityPoolId,
			Roles: { unauthenticated: roleArn },
		});
		const { IdentityId } = await call('AWSCognitoIdentityService.GetId', {
			IdentityPoolId: pool.IdentityPoolId,
		});
		const { Credentials } = await call('AWSCognitoIdentityService.GetCredentialsForIdentity', {
			IdentityId,
		});
		const api = emulator.sandbox.defineRestApi({
			name: 'guests',
			methods: [{ path: '/hello', httpMethod: 'GET', authorization: 'AWS_IAM' }],
		});
		expect(api.url).toBe(`${emulator.url}/_host/${api.id}.execute-api.us-east-1.amazonaws.com`);
		const credentials = {
			accessKeyId: Credentials.AccessKeyId,
			secretAccessKey: Credentials.SecretKey,
			sessionToken: Credentials.SessionToken,
		};
		const request = await signedRequest(`${api.url}/prod/hello`, {}, credentials, {
			service: 'execute-api',
			at: Date.now(),
		});
		const ok = await fetch(request.url, { headers: request.headers });
		expect(ok.status).toBe(200);
		expect((await ok.json()).requestContext.identity.cognitoIdentityId).toBe(IdentityId);
		const unsigned = await fetch(`${api.url}/prod/hello`);
		expect([unsigned.status, await unsigned.json()]).toEqual([
			403,
			{ message: 'Missing Authentication Token' },
		]);
	}, 60_000);
});
