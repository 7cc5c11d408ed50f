/**
 * The scenario helpers for gateways: APIs declared from JSON, requests signed with SigV4 on the sandbox clock, the
 * gateway's error type as the step's outcome, and what the AppSync scenario's field-level denials return.
 */
import { describe, expect, test, vi } from 'vitest';
import { callSandbox, runScenario } from '../../../../src/lib/simulator';
import { headlessContext, loadScenarios } from '../../../fixtures/scenarios';

// Each test creates user pools (RSA keys) and runs whole flows: generous on a busy 2-core machine.
vi.setConfig({ testTimeout: 30_000 });

describe('gateway scenario helpers', () => {
	test('DefineRestApi from JSON, then signed and unsigned HttpRequests', async () => {
		const { sandbox, context } = headlessContext(4);
		sandbox.defineRole('arn:aws:iam::123456789012:role/Guests', {
			policies: [
				{
					Version: '2012-10-17',
					Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: '*' }],
				},
			],
		});
		const pool = await context.call('CreateIdentityPool', {
			IdentityPoolName: 'guests',
			AllowUnauthenticatedIdentities: true,
		});
		const poolId = (pool as { ok: true; response: any }).response.IdentityPoolId;
		await context.call('SetIdentityPoolRoles', {
			IdentityPoolId: poolId,
			Roles: { unauthenticated: 'arn:aws:iam::123456789012:role/Guests' },
		});
		const id = (await context.call('GetId', { IdentityPoolId: poolId })) as any;
		const credentials = (await context.call('GetCredentialsForIdentity', {
			IdentityId: id.response.IdentityId,
		})) as any;
		const api = (await context.call('Sandbox.DefineRestApi', {
			name: 'guests',
			methods: [{ path: '/hello', httpMethod: 'GET', authorization: 'AWS_IAM' }],
		})) as any;
		expect(api.response.Url).toMatch(
			/^https:\/\/[a-z0-9]{10}\.execute-api\.us-east-1\.amazonaws\.com$/
		);
		const signed = await context.call('Sandbox.HttpRequest', {
			Url: `${api.response.Url}/prod/hello`,
			SignWith: { ...credentials.response.Credentials, Service: 'execute-api' },
		});
		expect(signed).toMatchObject({ ok: true, response: { StatusCode: 200 } });
		const unsigned = await context.call('Sandbox.HttpRequest', {
			Url: `${api.response.Url}/prod/hello`,
		});
		expect(unsigned).toEqual({
			ok: false,
			error: {
				type: 'MissingAuthenticationTokenException',
				message: 'Missing Authentication Token',
			},
		});
		const bad = await context.call('Sandbox.DefineRestApi', {
			name: 'x',
			methods: [{ path: 'nope' }],
		});
		expect(bad).toMatchObject({ ok: false, error: { type: 'DefinitionError' } });
		expect((bad as { error: { message: string } }).error.message).toContain('methods[0].path');
	});

	test('without a clock, signing is refused with a clear error', async () => {
		const { sandbox } = headlessContext(4);
		const outcome = await callSandbox(sandbox, 'Sandbox.HttpRequest', {
			Url: 'https://abcdefghij.execute-api.us-east-1.amazonaws.com/prod/x',
			SignWith: { AccessKeyId: 'ASIA', SecretKey: 's' },
		});
		expect(outcome).toEqual({
			ok: false,
			error: {
				type: 'InvalidParameterException',
				message: 'This sandbox has no clock to sign with',
			},
		});
	});

	test('the AppSync scenario shows field-level denials as 200 answers with Unauthorized errors', async () => {
		const scenario = loadScenarios().find((candidate) => candidate.id === 'appsync-auth-modes')!;
		const { context } = headlessContext();
		const result = await runScenario(scenario, context);
		const body = (id: string) => (result.results[id] as { Body: any }).Body;
		expect(body('editorWrites')).toEqual({
			data: { putNote: { key: 'welcome', value: 'Hello', updatedBy: 'mia' } },
		});
		expect(body('readerWrites').errors[0]).toMatchObject({
			errorType: 'Unauthorized',
			message: 'Not Authorized to access putNote on type Mutation',
		});
		expect(body('publicRead')).toEqual({
			data: { getNote: { key: 'welcome', value: 'Hello', updatedBy: 'mia' } },
		});
		expect(body('publicWrite').data).toEqual({ putNote: null });
	});
});
