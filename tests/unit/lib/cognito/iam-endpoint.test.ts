/**
 * The IAM endpoint (Query protocol, as the AWS CLI sends it), strict roles (an undefined or untrusting role gives
 * the real error instead of credentials), STS refusing credentials it never issued, and the snapshot round trip
 * of roles and gateway state.
 */
import { describe, expect, test, vi } from 'vitest';
import { createSandbox } from '../../../../src/lib/cognito';
import { AUTH_ROLE, gatewaySandbox, NOW, read } from '../../../fixtures/gateway-sandbox';
import { mulberry32 } from '../../../fixtures/random';

// Each test creates user pools (RSA keys) and runs whole flows: generous on a busy 2-core machine.
vi.setConfig({ testTimeout: 30_000 });

const DEVELOPER =
	'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/iam/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc';

function query(
	sandbox: { fetch(request: Request): Promise<Response> },
	fields: Record<string, string>,
	authorization = DEVELOPER
) {
	return sandbox
		.fetch(
			new Request('https://iam.amazonaws.com/', {
				method: 'POST',
				headers: {
					'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
					authorization,
				},
				body: new URLSearchParams({ Version: '2010-05-08', ...fields }).toString(),
			})
		)
		.then(async (response) => ({ status: response.status, xml: await response.text() }));
}

const element = (xml: string, name: string) =>
	new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];

const TRUST_POOL = (poolId: string) =>
	JSON.stringify({
		Version: '2012-10-17',
		Statement: [
			{
				Effect: 'Allow',
				Principal: { Federated: 'cognito-identity.amazonaws.com' },
				Action: 'sts:AssumeRoleWithWebIdentity',
				Condition: { StringEquals: { 'cognito-identity.amazonaws.com:aud': poolId } },
			},
		],
	});

describe('IAM endpoint', () => {
	test('CreateRole, PutRolePolicy, Get/List, and deleting in the order IAM requires', async () => {
		const sandbox = createSandbox({ clock: { now: () => NOW }, random: mulberry32(3) });
		const created = await query(sandbox, {
			Action: 'CreateRole',
			RoleName: 'Cognito_Auth',
			Path: '/identity/',
			AssumeRolePolicyDocument: TRUST_POOL('us-east-1:pool'),
			Description: 'signed-in users',
		});
		expect(created.status).toBe(200);
		expect(created.xml).toContain(
			'<CreateRoleResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">'
		);
		expect(element(created.xml, 'Arn')).toBe(
			'arn:aws:iam::123456789012:role/identity/Cognito_Auth'
		);
		expect(element(created.xml, 'Path')).toBe('/identity/');
		expect(element(created.xml, 'RoleId')).toMatch(/^AROA[A-Z2-7]{17}$/);
		expect(element(created.xml, 'CreateDate')).toBe('2026-01-01T00:00:00.000Z');
		expect(decodeURIComponent(element(created.xml, 'AssumeRolePolicyDocument')!)).toBe(
			TRUST_POOL('us-east-1:pool')
		);

		const again = await query(sandbox, {
			Action: 'CreateRole',
			RoleName: 'cognito_auth',
			AssumeRolePolicyDocument: TRUST_POOL('x'),
		});
		expect([again.status, element(again.xml, 'Code'), element(again.xml, 'Message')]).toEqual([
			409,
			'EntityAlreadyExists',
			'Role with name cognito_auth already exists.',
		]);

		const policy = JSON.stringify({
			Version: '2012-10-17',
			Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }],
		});
		expect(
			(
				await query(sandbox, {
					Action: 'PutRolePolicy',
					RoleName: 'Cognito_Auth',
					PolicyName: 'read',
					PolicyDocument: policy,
				})
			).status
		).toBe(200);
		const listed = await query(sandbox, { Action: 'ListRolePolicies', RoleName: 'Cognito_Auth' });
		expect(listed.xml).toContain('<PolicyNames><member>read</member></PolicyNames>');
		const got = await query(sandbox, {
			Action: 'GetRolePolicy',
			RoleName: 'Cognito_Auth',
			PolicyName: 'read',
		});
		expect(decodeURIComponent(element(got.xml, 'PolicyDocument')!)).toBe(policy);
		expect(sandbox.snapshot().roles[0]![1].inlinePolicies).toEqual({ read: JSON.parse(policy) });

		const conflict = await query(sandbox, { Action: 'DeleteRole', RoleName: 'Cognito_Auth' });
		expect([
			conflict.status,
			element(conflict.xml, 'Code'),
			element(conflict.xml, 'Message'),
		]).toEqual([409, 'DeleteConflict', 'Cannot delete entity, must delete policies first.']);
		await query(sandbox, {
			Action: 'DeleteRolePolicy',
			RoleName: 'Cognito_Auth',
			PolicyName: 'read',
		});
		expect((await query(sandbox, { Action: 'DeleteRole', RoleName: 'Cognito_Auth' })).status).toBe(
			200
		);
		const gone = await query(sandbox, { Action: 'GetRole', RoleName: 'Cognito_Auth' });
		expect([gone.status, element(gone.xml, 'Code'), element(gone.xml, 'Message')]).toEqual([
			404,
			'NoSuchEntity',
			'The role with name Cognito_Auth cannot be found.',
		]);
	});

	test('bad input gets IAM errors; hostile policy and role names are data', async () => {
		const sandbox = createSandbox({ clock: { now: () => NOW }, random: mulberry32(3) });
		const bad = await query(sandbox, {
			Action: 'CreateRole',
			RoleName: 'has space',
			AssumeRolePolicyDocument: '{}',
		});
		expect([bad.status, element(bad.xml, 'Code')]).toEqual([400, 'ValidationError']);
		const json = await query(sandbox, {
			Action: 'CreateRole',
			RoleName: 'r',
			AssumeRolePolicyDocument: '{not json',
		});
		expect([element(json.xml, 'Code'), element(json.xml, 'Message')]).toEqual([
			'MalformedPolicyDocument',
			'This policy contains invalid Json',
		]);
		const unknown = await query(sandbox, { Action: 'CreateUser', UserName: 'x' });
		expect(element(unknown.xml, 'Code')).toBe('InvalidAction');
		for (const name of ['__proto__', 'constructor', 'toString']) {
			await query(sandbox, {
				Action: 'CreateRole',
				RoleName: name,
				AssumeRolePolicyDocument: TRUST_POOL('p'),
			});
			await query(sandbox, {
				Action: 'PutRolePolicy',
				RoleName: name,
				PolicyName: name,
				PolicyDocument: '{"Statement":[]}',
			});
			const listed = await query(sandbox, { Action: 'ListRolePolicies', RoleName: name });
			expect(listed.xml).toContain(`<member>${name}</member>`);
		}
		expect(({} as Record<string, unknown>).Statement).toBeUndefined();
		const restored = createSandbox({ clock: { now: () => NOW }, random: mulberry32(3) });
		restored.restore(sandbox.snapshot());
		expect(restored.snapshot()).toEqual(sandbox.snapshot());
	});
});

describe('strict roles and refused credentials', () => {
	test('strict: an undefined role, or one that does not trust the pool, gives the real errors', async () => {
		const env = await gatewaySandbox(7, { strictRoles: true });
		const { idToken } = await env.signIn('ana');
		const { IdentityPoolId } = await env.identity('CreateIdentityPool', {
			IdentityPoolName: 'strict',
			AllowUnauthenticatedIdentities: false,
			AllowClassicFlow: true,
			CognitoIdentityProviders: [
				{
					ProviderName: `cognito-idp.us-east-1.amazonaws.com/${env.poolId}`,
					ClientId: env.clientId,
				},
			],
		});
		await env.identity('SetIdentityPoolRoles', {
			IdentityPoolId,
			Roles: { authenticated: AUTH_ROLE },
		});
		const logins = { [`cognito-idp.us-east-1.amazonaws.com/${env.poolId}`]: idToken };
		const { IdentityId } = await env.identity('GetId', { IdentityPoolId, Logins: logins });
		const credentials = () =>
			env.identity('GetCredentialsForIdentity', { IdentityId, Logins: logins }).catch((e) => e);
		expect(await credentials()).toMatchObject({
			type: 'InvalidIdentityPoolConfigurationException',
			message:
				'InvalidIdentityPoolConfigurationException: Invalid identity pool configuration. Check assigned IAM roles for this pool.',
		});
		// STS itself answers AccessDenied for a role nobody defined (the basic flow's own call).
		const { Token } = await env.identity('GetOpenIdToken', { IdentityId, Logins: logins });
		const sts = await read(
			await env.sandbox.fetch(
				new Request('https://sts.amazonaws.com/', {
					method: 'POST',
					headers: { 'content-type': 'application/x-www-form-urlencoded' },
					body: new URLSearchParams({
						Action: 'AssumeRoleWithWebIdentity',
						Version: '2011-06-15',
						RoleArn: 'arn:aws:iam::123456789012:role/NobodyMadeMe',
						RoleSessionName: 'web',
						WebIdentityToken: Token,
					}).toString(),
				})
			)
		);
		expect(sts.status).toBe(403);
		expect(sts.body).toContain('<Code>AccessDenied</Code>');
		expect(sts.body).toContain(
			'<Message>Not authorized to perform sts:AssumeRoleWithWebIdentity</Message>'
		);
		// The role exists but trusts another identity pool.
		await query(env.sandbox, {
			Action: 'CreateRole',
			RoleName: 'Cognito_ApiAuth_Role',
			AssumeRolePolicyDocument: TRUST_POOL('us-east-1:00000000-0000-4000-8000-000000000000'),
		});
		expect((await credentials()).type).toBe('InvalidIdentityPoolConfigurationException');
		await query(env.sandbox, {
			Action: 'UpdateAssumeRolePolicy',
			RoleName: 'Cognito_ApiAuth_Role',
			PolicyDocument: TRUST_POOL(IdentityPoolId),
		});
		expect((await credentials()).Credentials.AccessKeyId).toMatch(/^ASIA/);
	});

	test('lenient (the simulator default): an undefined role still trusts any identity pool', async () => {
		const env = await gatewaySandbox();
		const { idToken } = await env.signIn('ana');
		const credentials = await env.credentialsFor(idToken, []);
		expect(credentials.accessKeyId).toMatch(/^ASIA/);
	});

	test('temporary keys the sandbox never issued are refused by STS, IAM and the JSON services', async () => {
		const env = await gatewaySandbox();
		const forged = (service: string) =>
			`AWS4-HMAC-SHA256 Credential=ASIAFORGEDFORGEDFORG/20260101/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=00`;
		const sts = await read(
			await env.sandbox.fetch(
				new Request('https://sts.amazonaws.com/', {
					method: 'POST',
					headers: {
						'content-type': 'application/x-www-form-urlencoded',
						authorization: forged('sts'),
					},
					body: 'Action=GetCallerIdentity&Version=2011-06-15',
				})
			)
		);
		expect(sts.status).toBe(403);
		expect(sts.body).toContain('<Code>InvalidClientTokenId</Code>');
		expect(sts.body).toContain(
			'<Message>The security token included in the request is invalid.</Message>'
		);
		const iam = await query(env.sandbox, { Action: 'ListRoles' }, forged('iam'));
		expect([iam.status, element(iam.xml, 'Code')]).toEqual([403, 'InvalidClientTokenId']);
		const idp = await read(
			await env.sandbox.fetch(
				new Request('https://cognito-idp.us-east-1.amazonaws.com/', {
					method: 'POST',
					headers: {
						'x-amz-target': 'AWSCognitoIdentityProviderService.ListUserPools',
						'content-type': 'application/x-amz-json-1.1',
						authorization: forged('cognito-idp'),
					},
					body: '{"MaxResults":10}',
				})
			)
		);
		expect([idp.status, idp.body]).toEqual([
			400,
			{
				__type: 'UnrecognizedClientException',
				message: 'The security token included in the request is invalid.',
			},
		]);
	});

	test('identity-pool credentials need IAM permissions to manage roles', async () => {
		const env = await gatewaySandbox();
		const { idToken } = await env.signIn('ana');
		const credentials = await env.credentialsFor(idToken, []);
		const denied = await query(
			env.sandbox,
			{ Action: 'CreateRole', RoleName: 'Escalate', AssumeRolePolicyDocument: TRUST_POOL('p') },
			`AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/20260101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=00`
		);
		expect([denied.status, element(denied.xml, 'Code'), element(denied.xml, 'Message')]).toEqual([
			403,
			'AccessDenied',
			'User: arn:aws:sts::123456789012:assumed-role/Cognito_ApiAuth_Role/CognitoIdentityCredentials is not authorized to perform: iam:CreateRole on resource: arn:aws:iam::123456789012:role/Escalate because no identity-based policy allows the iam:CreateRole action',
		]);
	});
});

describe('snapshots', () => {
	test('APIs, AppSync items and roles survive snapshot and restore', async () => {
		const env = await gatewaySandbox();
		env.sandbox.defineRestApi({
			id: 'snapshot01',
			name: 'rest',
			authorizers: [{ name: 'u', type: 'COGNITO_USER_POOLS', providerArns: [env.poolArn] }],
			methods: [
				{ path: '/x', httpMethod: 'GET', authorization: 'COGNITO_USER_POOLS', authorizer: 'u' },
			],
		});
		env.sandbox.defineHttpApi({
			id: 'snapshot02',
			name: 'http',
			routes: [{ routeKey: '$default', authorizationType: 'NONE' }],
		});
		const graphql = await env.sandbox.defineGraphqlApi({
			name: 'kv',
			authenticationType: { type: 'API_KEY', apiKeys: [{ id: 'key', expires: NOW / 1000 + 3600 }] },
		});
		const gql = (sandbox: typeof env.sandbox, query: string) =>
			sandbox
				.fetch(
					new Request(graphql.url, {
						method: 'POST',
						headers: { 'x-api-key': 'key' },
						body: JSON.stringify({ query }),
					})
				)
				.then((response) => response.json());
		await gql(env.sandbox, 'mutation { putItem(key: "a", value: "1") { key } }');
		const snapshot = env.sandbox.snapshot();
		const copy = createSandbox({ clock: { now: () => NOW }, random: mulberry32(9) });
		copy.restore(JSON.parse(JSON.stringify(snapshot)));
		expect(copy.snapshot()).toEqual(snapshot);
		expect(await gql(copy, '{ getItem(key: "a") { value } }')).toEqual({
			data: { getItem: { value: '1' } },
		});
		const { idToken } = await env.signIn('ana');
		const response = await copy.fetch(
			new Request('https://snapshot01.execute-api.us-east-1.amazonaws.com/prod/x', {
				headers: { Authorization: idToken },
			})
		);
		expect(response.status).toBe(200);
		// A damaged gateway part is refused whole, naming the field.
		const damaged = JSON.parse(JSON.stringify(snapshot));
		damaged.gateways.apis.$map[0][1].definition.methods[0].authorization = 'MAYBE';
		expect(() => copy.restore(damaged)).toThrow(
			/gateways\.apis\.snapshot01\.definition\.methods\[0\]\.authorization: must be one of/
		);
	});
});
