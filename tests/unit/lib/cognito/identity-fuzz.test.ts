/**
 * Fuzzing the identity-pool operations with fast-check: whatever the input, the service answers with a service
 * error or a result (never an internal error), and nothing done to one pool shows up in another.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { createSandbox } from '../../../../src/lib/cognito';
import { HOSTILE_NAMES, prototypeFingerprint } from '../../../fixtures/hostile';
import { mulberry32 } from '../../../fixtures/random';

const OPERATIONS = [
	'CreateIdentityPool',
	'DescribeIdentityPool',
	'UpdateIdentityPool',
	'SetIdentityPoolRoles',
	'GetIdentityPoolRoles',
	'GetId',
	'GetCredentialsForIdentity',
	'GetOpenIdToken',
	'GetOpenIdTokenForDeveloperIdentity',
	'LookupDeveloperIdentity',
	'DescribeIdentity',
	'ListIdentities',
	'ListIdentityPools',
	'SetPrincipalTagAttributeMap',
	'GetPrincipalTagAttributeMap',
	'UnlinkIdentity',
	'UnlinkDeveloperIdentity',
	'MergeDeveloperIdentities',
];

async function setUp() {
	const sandbox = createSandbox({
		clock: { now: () => Date.parse('2026-01-01T00:00:00Z') },
		random: mulberry32(7),
	});
	const call = async (operation: string, body: unknown) => {
		const response = await sandbox.fetch(
			new Request('http://localhost/', {
				method: 'POST',
				headers: {
					'x-amz-target': `AWSCognitoIdentityService.${operation}`,
					'content-type': 'application/x-amz-json-1.1',
				},
				body: typeof body === 'string' ? body : JSON.stringify(body),
			})
		);
		return { status: response.status, body: (await response.json()) as Record<string, unknown> };
	};
	const create = async (name: string) =>
		(
			await call('CreateIdentityPool', {
				IdentityPoolName: name,
				AllowUnauthenticatedIdentities: true,
				AllowClassicFlow: true,
				DeveloperProviderName: `dev.${name}`,
				SupportedLoginProviders: { 'accounts.google.com': `${name}-app` },
			})
		).body.IdentityPoolId as string;
	const target = await create('target');
	const bystander = await create('bystander');
	await call('SetIdentityPoolRoles', {
		IdentityPoolId: bystander,
		Roles: {
			authenticated: 'arn:aws:iam::123456789012:role/A',
			unauthenticated: 'arn:aws:iam::123456789012:role/U',
		},
	});
	const bystanderIdentity = (await call('GetId', { IdentityPoolId: bystander })).body
		.IdentityId as string;
	const targetIdentity = (await call('GetId', { IdentityPoolId: target })).body
		.IdentityId as string;
	const tokens = {
		targetGoogle: await sandbox.mintProviderToken('accounts.google.com', {
			sub: 'shared-user',
			aud: 'target-app',
		}),
		bystanderGoogle: await sandbox.mintProviderToken('accounts.google.com', {
			sub: 'shared-user',
			aud: 'bystander-app',
		}),
	};
	await call('GetId', {
		IdentityPoolId: bystander,
		Logins: { 'accounts.google.com': tokens.bystanderGoogle },
	});
	const bystanderView = async () => ({
		pool: (await call('DescribeIdentityPool', { IdentityPoolId: bystander })).body,
		roles: (await call('GetIdentityPoolRoles', { IdentityPoolId: bystander })).body,
		identities: (await call('ListIdentities', { IdentityPoolId: bystander, MaxResults: 60 })).body,
	});
	return {
		sandbox,
		call,
		target,
		bystander,
		bystanderIdentity,
		targetIdentity,
		tokens,
		bystanderView,
	};
}

describe('identity-pool fuzzing', () => {
	test('random inputs get service errors or results, and never touch another pool', async () => {
		const env = await setUp();
		const before = await env.bystanderView();
		const pristine = prototypeFingerprint();
		const poolIds = fc.constantFrom(
			env.target,
			'us-east-1:00000000-0000-4000-8000-000000000000',
			'not-an-id',
			'',
			'x'.repeat(60)
		);
		const identityIds = fc.constantFrom(
			env.targetIdentity,
			'us-east-1:ffffffff-0000-4000-8000-000000000000',
			'garbage',
			''
		);
		const loginKeys = fc.constantFrom(
			'accounts.google.com',
			'graph.facebook.com',
			'cognito-identity.amazonaws.com',
			'dev.target',
			'dev.bystander',
			'cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc',
			...HOSTILE_NAMES,
			'',
			'x'.repeat(200)
		);
		const loginValues = fc.oneof(
			fc.constantFrom(env.tokens.targetGoogle, env.tokens.bystanderGoogle, 'a.b.c', ''),
			fc.string()
		);
		const value = fc.oneof(fc.anything(), fc.string(), fc.boolean(), fc.integer());
		const input = fc.record(
			{
				IdentityPoolId: poolIds,
				IdentityId: identityIds,
				IdentityPoolName: fc.oneof(fc.string(), value),
				AllowUnauthenticatedIdentities: fc.oneof(fc.boolean(), value),
				AllowClassicFlow: fc.oneof(fc.boolean(), value),
				Logins: fc.oneof(fc.dictionary(loginKeys, loginValues, { maxKeys: 3 }), value),
				Roles: fc.oneof(
					fc.dictionary(
						fc.constantFrom('authenticated', 'unauthenticated', 'other'),
						fc.constantFrom('arn:aws:iam::123456789012:role/Fuzz', 'short')
					),
					value
				),
				RoleMappings: fc.oneof(
					fc.dictionary(
						loginKeys,
						fc.record({
							Type: fc.constantFrom('Token', 'Rules', 'x'),
							AmbiguousRoleResolution: fc.constantFrom('AuthenticatedRole', 'Deny', undefined),
							RulesConfiguration: value,
						})
					),
					value
				),
				SupportedLoginProviders: fc.oneof(fc.dictionary(loginKeys, fc.string()), value),
				DeveloperProviderName: fc.oneof(fc.constantFrom('dev.target', 'dev.other'), value),
				CustomRoleArn: fc.oneof(fc.constant('arn:aws:iam::123456789012:role/Fuzz'), value),
				MaxResults: fc.oneof(fc.integer({ min: -5, max: 100 }), value),
				NextToken: fc.oneof(fc.string(), value),
				TokenDuration: fc.oneof(fc.integer({ min: -1, max: 100000 }), value),
				PrincipalTags: fc.oneof(
					fc.dictionary(fc.oneof(fc.string(), loginKeys), fc.string(), { maxKeys: 3 }),
					value
				),
				DeveloperUserIdentifier: fc.oneof(fc.string(), value),
				IdentityProviderName: fc.oneof(loginKeys, value),
				UseDefaults: fc.oneof(fc.boolean(), value),
				LoginsToRemove: fc.oneof(fc.array(loginKeys, { maxLength: 2 }), value),
				SourceUserIdentifier: fc.oneof(fc.constantFrom('u1', 'u2'), value),
				DestinationUserIdentifier: fc.oneof(fc.constantFrom('u1', 'u2'), value),
				CognitoIdentityProviders: fc.oneof(
					fc.array(
						fc.record({
							ProviderName: fc.string(),
							ClientId: fc.string(),
							ServerSideTokenCheck: value,
						}),
						{ maxLength: 2 }
					),
					value
				),
			},
			{ requiredKeys: [] }
		);
		await fc.assert(
			fc.asyncProperty(fc.constantFrom(...OPERATIONS), input, async (operation, body) => {
				const result = await env.call(operation, body);
				expect(result.status, JSON.stringify(result.body)).toBeLessThan(500);
				if (result.status !== 200) expect(typeof result.body.__type).toBe('string');
				expect(prototypeFingerprint()).toBe(pristine);
			}),
			{ numRuns: 400, seed: 11 }
		);
		await fc.assert(
			fc.asyncProperty(
				fc.constantFrom(...OPERATIONS),
				fc.oneof(fc.string(), fc.json()),
				async (operation, raw) => {
					const result = await env.call(operation, raw);
					expect(result.status).toBeLessThan(500);
				}
			),
			{ numRuns: 200, seed: 12 }
		);
		expect(await env.bystanderView()).toEqual(before);
	}, 60_000);
});

describe('snapshot and restore', () => {
	test('identities, roles, keys and sessions survive a JSON round trip', async () => {
		const env = await setUp();
		const credentials = (
			await env.call('GetCredentialsForIdentity', { IdentityId: env.bystanderIdentity })
		).body.Credentials as { AccessKeyId: string };
		const saved = JSON.parse(JSON.stringify(env.sandbox.snapshot()));
		const copy = createSandbox({
			clock: { now: () => Date.parse('2026-01-01T00:00:00Z') },
			random: mulberry32(99),
		});
		copy.restore(saved);
		const again = await copy.fetch(
			new Request('http://localhost/', {
				method: 'POST',
				headers: {
					'x-amz-target': 'AWSCognitoIdentityService.GetId',
					'content-type': 'application/x-amz-json-1.1',
				},
				body: JSON.stringify({
					IdentityPoolId: env.bystander,
					Logins: { 'accounts.google.com': env.tokens.bystanderGoogle },
				}),
			})
		);
		expect(again.status).toBe(200);
		const decision = await copy.simulateRequest({
			accessKeyId: credentials.AccessKeyId,
			action: 's3:GetObject',
			resource: '*',
		});
		expect(decision.principalArn).toBe(
			'arn:aws:sts::123456789012:assumed-role/U/CognitoIdentityCredentials'
		);
	});
});
