/**
 * API Gateway REST APIs in front of Cognito: every authorizer outcome with the exact status, body and error type
 * API Gateway sends, and what the integration receives. SigV4 requests are signed with `@smithy/signature-v4`.
 */
import { describe, expect, test, vi } from 'vitest';
import {
	AUTH_ROLE,
	gatewaySandbox,
	NOW,
	read,
	signedRequest,
} from '../../../fixtures/gateway-sandbox';

// Each test creates user pools (RSA keys) and runs whole flows: generous on a busy 2-core machine.
vi.setConfig({ testTimeout: 30_000 });

const ALLOW_INVOKE = {
	Version: '2012-10-17',
	Statement: [
		{
			Effect: 'Allow',
			Action: 'execute-api:Invoke',
			Resource: 'arn:aws:execute-api:us-east-1:123456789012:*/prod/GET/iam/*',
		},
	],
};

async function petsApi(env: Awaited<ReturnType<typeof gatewaySandbox>>) {
	return env.sandbox.defineRestApi({
		id: 'a1b2c3d4e5',
		name: 'pets',
		authorizers: [{ name: 'users', type: 'COGNITO_USER_POOLS', providerArns: [env.poolArn] }],
		methods: [
			{
				path: '/pets',
				httpMethod: 'GET',
				authorization: 'COGNITO_USER_POOLS',
				authorizer: 'users',
			},
			{
				path: '/pets/{id}',
				httpMethod: 'ANY',
				authorization: 'COGNITO_USER_POOLS',
				authorizer: 'users',
				authorizationScopes: ['aws.cognito.signin.user.admin'],
			},
			{
				path: '/orders',
				httpMethod: 'GET',
				authorization: 'COGNITO_USER_POOLS',
				authorizer: 'users',
				authorizationScopes: ['orders/read'],
			},
			{ path: '/iam/pets', httpMethod: 'GET', authorization: 'AWS_IAM' },
			{ path: '/open', httpMethod: 'GET', authorization: 'NONE' },
		],
	});
}

const BASE = 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com';

async function get(
	env: Awaited<ReturnType<typeof gatewaySandbox>>,
	path: string,
	headers: Record<string, string> = {}
) {
	return read(await env.sandbox.fetch(new Request(`${BASE}${path}`, { headers })));
}

describe('COGNITO_USER_POOLS authorizer', () => {
	test('an ID token passes a method without scopes; the claims reach the integration', async () => {
		const env = await gatewaySandbox();
		await petsApi(env);
		const { idToken } = await env.signIn('ana', ['admins', 'readers']);
		const ok = await get(env, '/prod/pets?limit=5', { Authorization: idToken });
		expect(ok.status).toBe(200);
		expect(ok.body.resource).toBe('/pets');
		expect(ok.body.path).toBe('/pets');
		expect(ok.body.queryStringParameters).toEqual({ limit: '5' });
		expect(ok.body.requestContext.stage).toBe('prod');
		const claims = ok.body.requestContext.authorizer.claims;
		expect(claims['cognito:username']).toBe('ana');
		expect(claims.token_use).toBe('id');
		expect(claims['cognito:groups']).toBe('admins,readers');
		// `Bearer ` in front is accepted too.
		expect((await get(env, '/prod/pets', { Authorization: `Bearer ${idToken}` })).status).toBe(200);
	});

	test('no token, a garbage token, an access token without scopes: 401 Unauthorized', async () => {
		const env = await gatewaySandbox();
		await petsApi(env);
		const { accessToken } = await env.signIn('ana');
		const attempts: Array<Record<string, string>> = [
			{},
			{ Authorization: 'not-a-jwt' },
			{ Authorization: accessToken },
		];
		for (const headers of attempts) {
			const refused = await get(env, '/prod/pets', headers);
			expect(refused.status).toBe(401);
			expect(refused.body).toEqual({ message: 'Unauthorized' });
			expect(refused.headers.get('x-amzn-errortype')).toBe('UnauthorizedException');
		}
	});

	test('with scopes only an access token carrying one of them passes', async () => {
		const env = await gatewaySandbox();
		await petsApi(env);
		const { idToken, accessToken } = await env.signIn('ana');
		const withScope = await get(env, '/prod/pets/42', { Authorization: accessToken });
		expect(withScope.status).toBe(200);
		expect(withScope.body.pathParameters).toEqual({ id: '42' });
		expect(withScope.body.requestContext.authorizer.claims.token_use).toBe('access');
		expect((await get(env, '/prod/pets/42', { Authorization: idToken })).body).toEqual({
			message: 'Unauthorized',
		});
		const missingScope = await get(env, '/prod/orders', { Authorization: accessToken });
		expect([missingScope.status, missingScope.body]).toEqual([401, { message: 'Unauthorized' }]);
	});

	test('an expired token: 401 "The incoming token has expired"', async () => {
		const env = await gatewaySandbox();
		await petsApi(env);
		const { idToken } = await env.signIn('ana');
		env.clock.advance(3600 * 1000 + 1000);
		const expired = await get(env, '/prod/pets', { Authorization: idToken });
		expect([expired.status, expired.body]).toEqual([
			401,
			{ message: 'The incoming token has expired' },
		]);
	});

	test('a token from another user pool is refused', async () => {
		const env = await gatewaySandbox();
		await petsApi(env);
		const other = await env.idp('CreateUserPool', { PoolName: 'other' });
		env.sandbox.defineRestApi({
			id: 'zzzzzzzzz1',
			name: 'other',
			authorizers: [{ name: 'u', type: 'COGNITO_USER_POOLS', providerArns: [other.UserPool.Arn] }],
			methods: [
				{ path: '/x', httpMethod: 'GET', authorization: 'COGNITO_USER_POOLS', authorizer: 'u' },
			],
		});
		const { idToken } = await env.signIn('ana');
		const refused = await read(
			await env.sandbox.fetch(
				new Request('https://zzzzzzzzz1.execute-api.us-east-1.amazonaws.com/prod/x', {
					headers: { Authorization: idToken },
				})
			)
		);
		expect([refused.status, refused.body]).toEqual([401, { message: 'Unauthorized' }]);
	});
});

test('an identity validation expression on a user-pool authorizer checks the aud claim', async () => {
	const env = await gatewaySandbox();
	env.sandbox.defineRestApi({
		id: 'validaud01',
		name: 'aud',
		authorizers: [
			{
				name: 'users',
				type: 'COGNITO_USER_POOLS',
				providerArns: [env.poolArn],
				identityValidationExpression: 'some-other-client',
			},
		],
		methods: [
			{ path: '/x', httpMethod: 'GET', authorization: 'COGNITO_USER_POOLS', authorizer: 'users' },
		],
	});
	const { idToken } = await env.signIn('ana');
	const refused = await read(
		await env.sandbox.fetch(
			new Request('https://validaud01.execute-api.us-east-1.amazonaws.com/prod/x', {
				headers: { Authorization: idToken },
			})
		)
	);
	expect([refused.status, refused.body]).toEqual([401, { message: 'Unauthorized' }]);
});

test('definitions are checked: a wrong field or a missing authorizer is named', async () => {
	const env = await gatewaySandbox();
	expect(() =>
		env.sandbox.defineRestApi({
			name: 'x',
			methods: [
				{
					path: '/x',
					httpMethod: 'GET',
					authorization: 'COGNITO_USER_POOLS',
					authorizer: 'nobody',
				},
			],
		})
	).toThrow(
		'REST API: methods[0].authorizer: COGNITO_USER_POOLS needs the name of one of its authorizers (none defined), found "nobody"'
	);
	expect(() =>
		env.sandbox.defineRestApi({
			name: 'x',
			methods: [{ path: '/x', httpMethod: 'FETCH' as 'GET', authorization: 'NONE' }],
		})
	).toThrow(/methods\[0\]\.httpMethod: must be one of GET, POST/);
});

describe('routing', () => {
	test('an unknown path or method is 403 Missing Authentication Token; an unknown stage 403 Forbidden', async () => {
		const env = await gatewaySandbox();
		await petsApi(env);
		const missing = await get(env, '/prod/nothing-here');
		expect([missing.status, missing.body]).toEqual([
			403,
			{ message: 'Missing Authentication Token' },
		]);
		expect(missing.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
		const post = await read(
			await env.sandbox.fetch(new Request(`${BASE}/prod/open`, { method: 'POST', body: 'x' }))
		);
		expect(post.status).toBe(403);
		const stage = await get(env, '/dev/open');
		expect([stage.status, stage.body]).toEqual([403, { message: 'Forbidden' }]);
		expect((await get(env, '/prod/open')).status).toBe(200);
	});
});

describe('AWS_IAM', () => {
	async function withCredentials(policies: object[]) {
		const env = await gatewaySandbox();
		await petsApi(env);
		const { idToken } = await env.signIn('ana');
		const credentials = await env.credentialsFor(idToken, policies);
		const send = async (
			path: string,
			creds = credentials,
			at = NOW,
			mutate?: (request: Request) => Request
		) => {
			let request = await signedRequest(`${BASE}${path}`, {}, creds, {
				service: 'execute-api',
				at,
			});
			if (mutate) request = mutate(request);
			return read(await env.sandbox.fetch(request));
		};
		return { env, credentials, send };
	}

	test('a request signed with identity-pool credentials whose role allows execute-api:Invoke passes', async () => {
		const { credentials, send } = await withCredentials([ALLOW_INVOKE]);
		const ok = await send('/prod/iam/pets');
		expect(ok.status).toBe(200);
		const identity = ok.body.requestContext.identity;
		expect(identity.cognitoIdentityId).toBe(credentials.identityId);
		expect(identity.cognitoIdentityPoolId).toBe(credentials.identityPoolId);
		expect(identity.cognitoAuthenticationType).toBe('authenticated');
		expect(identity.accessKey).toBe(credentials.accessKeyId);
		expect(identity.userArn).toBe(
			'arn:aws:sts::123456789012:assumed-role/Cognito_ApiAuth_Role/CognitoIdentityCredentials'
		);
	});

	test('a role without the permission: 403 naming the caller and the method ARN (account masked)', async () => {
		const { send } = await withCredentials([]);
		const denied = await send('/prod/iam/pets');
		expect(denied.status).toBe(403);
		expect(denied.body).toEqual({
			message:
				'User: arn:aws:sts::123456789012:assumed-role/Cognito_ApiAuth_Role/CognitoIdentityCredentials is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:********9012:a1b2c3d4e5/prod/GET/iam/pets',
		});
		expect(denied.headers.get('x-amzn-errortype')).toBe('AccessDeniedException');
		const explicit = await withCredentials([
			ALLOW_INVOKE,
			{
				Version: '2012-10-17',
				Statement: [{ Effect: 'Deny', Action: 'execute-api:*', Resource: '*' }],
			},
		]);
		expect((await explicit.send('/prod/iam/pets')).body.message).toMatch(/ with an explicit deny$/);
	});

	test('unsigned, tampered, unknown, expired and mis-dated requests are refused as API Gateway does', async () => {
		const { env, credentials, send } = await withCredentials([ALLOW_INVOKE]);
		const unsigned = await get(env, '/prod/iam/pets');
		expect([unsigned.status, unsigned.body]).toEqual([
			403,
			{ message: 'Missing Authentication Token' },
		]);

		const tampered = await send('/prod/iam/pets', credentials, NOW, (request) => {
			const headers = new Headers(request.headers);
			headers.set(
				'authorization',
				headers
					.get('authorization')!
					.replace(/Signature=(.)/, (_, c) => `Signature=${c === '0' ? '1' : '0'}`)
			);
			return new Request(request.url, { headers });
		});
		expect(tampered.status).toBe(403);
		expect(tampered.body.message).toMatch(/^The request signature we calculated does not match/);
		expect(tampered.headers.get('x-amzn-errortype')).toBe('InvalidSignatureException');

		const wrongSecret = await send('/prod/iam/pets', {
			...credentials,
			secretAccessKey: 'x'.repeat(40),
		});
		expect(wrongSecret.headers.get('x-amzn-errortype')).toBe('InvalidSignatureException');

		const forged = await send('/prod/iam/pets', {
			...credentials,
			accessKeyId: 'ASIAFORGEDFORGEDFORG',
		});
		expect([forged.status, forged.body]).toEqual([
			403,
			{ message: 'The security token included in the request is invalid.' },
		]);

		const stale = await send('/prod/iam/pets', credentials, NOW - 10 * 60 * 1000);
		expect(stale.body.message).toBe(
			'Signature expired: 20251231T235000Z is now earlier than 20251231T235500Z (20260101T000000Z - 5 min.)'
		);

		const incomplete = await get(env, '/prod/iam/pets', { Authorization: 'Bearer abc' });
		expect(incomplete.status).toBe(403);
		expect(incomplete.headers.get('x-amzn-errortype')).toBe('IncompleteSignatureException');
		expect(incomplete.body.message).toContain(
			"Authorization header requires 'Credential' parameter."
		);

		env.clock.advance(3600 * 1000);
		const expired = await send('/prod/iam/pets', credentials, NOW + 3600 * 1000);
		expect([expired.status, expired.body]).toEqual([
			403,
			{ message: 'The security token included in the request is expired' },
		]);
	});

	test('the IAM decision is traced against the method ARN', async () => {
		const { env, send } = await withCredentials([ALLOW_INVOKE]);
		await send('/prod/iam/pets');
		const decision = env.sandbox.trace.findLast((event) => event.type === 'PolicyEvaluated');
		expect(decision).toMatchObject({
			action: 'execute-api:Invoke',
			resource: 'arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/prod/GET/iam/pets',
			decision: 'Allow',
			principalArn: expect.stringContaining(AUTH_ROLE.split('/')[1]!),
		});
	});
});
