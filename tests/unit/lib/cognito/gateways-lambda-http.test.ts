/**
 * REST API Lambda authorizers (TOKEN and REQUEST: policy output, context to the integration, 401/403/500 outcomes,
 * caching by identity source on the sandbox clock) and HTTP APIs with a JWT authorizer (issuer, audience, scopes,
 * the `www-authenticate` header).
 */
import { describe, expect, test, vi } from 'vitest';
import { gatewaySandbox, read } from '../../../fixtures/gateway-sandbox';

// Each test creates user pools (RSA keys) and runs whole flows: generous on a busy 2-core machine.
vi.setConfig({ testTimeout: 30_000 });

const FN = 'arn:aws:lambda:us-east-1:123456789012:function:authorizer';
const BASE = 'https://lambdaapi1.execute-api.us-east-1.amazonaws.com';

function policy(effect: 'Allow' | 'Deny', resource: string) {
	return {
		Version: '2012-10-17',
		Statement: [{ Action: 'execute-api:Invoke', Effect: effect, Resource: resource }],
	};
}

async function lambdaApi(
	type: 'TOKEN' | 'REQUEST',
	authorizer: (event: any) => unknown,
	ttl = 300
) {
	const env = await gatewaySandbox();
	const events: any[] = [];
	env.sandbox.defineFunction(FN, async (event: any) => {
		events.push(event);
		return authorizer(event);
	});
	env.sandbox.defineRestApi({
		id: 'lambdaapi1',
		name: 'lambda',
		authorizers: [
			type === 'TOKEN'
				? { name: 'auth', type, functionArn: FN, resultTtlInSeconds: ttl }
				: {
						name: 'auth',
						type,
						functionArn: FN,
						identitySource: 'method.request.header.X-Tenant, method.request.querystring.key',
						resultTtlInSeconds: ttl,
					},
		],
		methods: [
			{ path: '/{proxy+}', httpMethod: 'ANY', authorization: 'CUSTOM', authorizer: 'auth' },
		],
	});
	const call = async (path: string, headers: Record<string, string> = {}, method = 'GET') =>
		read(await env.sandbox.fetch(new Request(`${BASE}${path}`, { method, headers })));
	return { env, events, call };
}

describe('Lambda authorizer (TOKEN)', () => {
	test('an Allow policy passes; principalId and context reach the integration as strings', async () => {
		const { events, call } = await lambdaApi('TOKEN', (event) => ({
			principalId: 'user-1',
			policyDocument: policy('Allow', event.methodArn),
			context: { tier: 'gold', quota: 5, admin: true },
		}));
		const ok = await call('/prod/pets/1', { Authorization: 'allow-me' });
		expect(ok.status).toBe(200);
		expect(events[0]).toEqual({
			type: 'TOKEN',
			authorizationToken: 'allow-me',
			methodArn: 'arn:aws:execute-api:us-east-1:123456789012:lambdaapi1/prod/GET/pets/1',
		});
		expect(ok.body.requestContext.authorizer).toEqual({
			tier: 'gold',
			quota: '5',
			admin: 'true',
			principalId: 'user-1',
			integrationLatency: 0,
		});
		expect(ok.body.pathParameters).toEqual({ proxy: 'pets/1' });
	});

	test('explicit Deny, implicit deny, "Unauthorized", a crash and an unusable output', async () => {
		const outcomes: Array<[string, unknown, number, unknown]> = [];
		for (const [token, behaviour, status, body] of [
			[
				'deny',
				(e: any) => ({ principalId: 'u', policyDocument: policy('Deny', e.methodArn) }),
				403,
				{ message: 'User is not authorized to access this resource with an explicit deny' },
			],
			[
				'other',
				() => ({
					principalId: 'u',
					policyDocument: policy(
						'Allow',
						'arn:aws:execute-api:us-east-1:123456789012:lambdaapi1/prod/GET/elsewhere'
					),
				}),
				403,
				{ message: 'User is not authorized to access this resource' },
			],
			[
				'unauthorized',
				() => {
					throw new Error('Unauthorized');
				},
				401,
				{ message: 'Unauthorized' },
			],
			[
				'crash',
				() => {
					throw new Error('boom');
				},
				500,
				{ message: null },
			],
			[
				'no-principal',
				(e: any) => ({ policyDocument: policy('Allow', e.methodArn) }),
				500,
				{ message: null },
			],
			[
				'object-context',
				(e: any) => ({
					principalId: 'u',
					policyDocument: policy('Allow', e.methodArn),
					context: { nested: { a: 1 } },
				}),
				500,
				{ message: null },
			],
		] as const) {
			const { call } = await lambdaApi('TOKEN', behaviour as (event: any) => unknown);
			const result = await call('/prod/pets', { Authorization: token });
			outcomes.push([token, result.body, result.status, result.headers.get('x-amzn-errortype')]);
			expect([token, result.status, result.body]).toEqual([token, status, body]);
		}
		expect(outcomes.map(([token, , , type]) => [token, type])).toEqual([
			['deny', 'AccessDeniedException'],
			['other', 'AccessDeniedException'],
			['unauthorized', 'UnauthorizedException'],
			['crash', 'AuthorizerConfigurationException'],
			['no-principal', 'AuthorizerConfigurationException'],
			['object-context', 'AuthorizerConfigurationException'],
		]);
	}, 60_000);

	test('a missing token is 401 without calling the function', async () => {
		const { events, call } = await lambdaApi('TOKEN', () => ({}));
		const refused = await call('/prod/pets');
		expect([refused.status, refused.body]).toEqual([401, { message: 'Unauthorized' }]);
		expect(events).toHaveLength(0);
	});

	test('results are cached by token for the TTL, so a policy for one method is applied to the next', async () => {
		const { env, events, call } = await lambdaApi('TOKEN', (event) => ({
			principalId: 'u',
			policyDocument: policy('Allow', event.methodArn),
		}));
		expect((await call('/prod/pets', { Authorization: 't' })).status).toBe(200);
		// Same token, another method: the cached policy names only /pets (the {proxy+} caching trap).
		const trap = await call('/prod/orders', { Authorization: 't' });
		expect([trap.status, trap.body]).toEqual([
			403,
			{ message: 'User is not authorized to access this resource' },
		]);
		expect(events).toHaveLength(1);
		env.clock.advance(301 * 1000);
		expect((await call('/prod/orders', { Authorization: 't' })).status).toBe(200);
		expect(events).toHaveLength(2);
	});

	test('a token failing the identity validation expression is 401 without calling the function', async () => {
		const env = await gatewaySandbox();
		const events: unknown[] = [];
		env.sandbox.defineFunction(FN, (event: any) => {
			events.push(event);
			return { principalId: 'u', policyDocument: policy('Allow', event.methodArn) };
		});
		env.sandbox.defineRestApi({
			id: 'lambdaapi1',
			name: 'validated',
			authorizers: [
				{
					name: 'auth',
					type: 'TOKEN',
					functionArn: FN,
					identityValidationExpression: 'Bearer [a-z]+',
				},
			],
			methods: [{ path: '/x', httpMethod: 'GET', authorization: 'CUSTOM', authorizer: 'auth' }],
		});
		const send = async (token: string) =>
			read(
				await env.sandbox.fetch(
					new Request(`${BASE}/prod/x`, { headers: { Authorization: token } })
				)
			);
		expect((await send('Bearer 123')).status).toBe(401);
		expect(events).toHaveLength(0);
		expect((await send('Bearer abc')).status).toBe(200);
		expect(events).toHaveLength(1);
	});

	test('with a TTL of 0 the function runs every time', async () => {
		const { events, call } = await lambdaApi(
			'TOKEN',
			(event) => ({ principalId: 'u', policyDocument: policy('Allow', event.methodArn) }),
			0
		);
		await call('/prod/a', { Authorization: 't' });
		await call('/prod/a', { Authorization: 't' });
		expect(events).toHaveLength(2);
	});

	test('learner code runs in the isolated runtime', async () => {
		const env = await gatewaySandbox();
		env.sandbox.defineFunction(
			FN,
			`export const handler = async (event) => ({
				principalId: 'learner',
				policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: event.authorizationToken === 'open' ? 'Allow' : 'Deny', Resource: event.methodArn }] },
				context: { via: 'quickjs' },
			});`
		);
		env.sandbox.defineRestApi({
			id: 'lambdaapi1',
			name: 'learner',
			authorizers: [{ name: 'auth', type: 'TOKEN', functionArn: FN, resultTtlInSeconds: 0 }],
			methods: [{ path: '/x', httpMethod: 'GET', authorization: 'CUSTOM', authorizer: 'auth' }],
		});
		const open = await read(
			await env.sandbox.fetch(new Request(`${BASE}/prod/x`, { headers: { Authorization: 'open' } }))
		);
		expect(open.status).toBe(200);
		expect(open.body.requestContext.authorizer.via).toBe('quickjs');
		const shut = await read(
			await env.sandbox.fetch(new Request(`${BASE}/prod/x`, { headers: { Authorization: 'shut' } }))
		);
		expect(shut.status).toBe(403);
		const invocation = env.sandbox.trace.findLast((event) => event.type === 'TriggerInvoked');
		expect(invocation).toMatchObject({ trigger: 'LambdaAuthorizer', triggerSource: 'TOKEN' });
	}, 30_000);
});

describe('Lambda authorizer (REQUEST)', () => {
	test('every identity source must be present; the event carries headers, query and path', async () => {
		const { events, call } = await lambdaApi('REQUEST', (event) => ({
			principalId: event.headers['x-tenant'],
			policyDocument: policy('Allow', event.methodArn),
		}));
		const missing = await call('/prod/pets?key=k', {});
		expect([missing.status, missing.body]).toEqual([401, { message: 'Unauthorized' }]);
		expect(events).toHaveLength(0);
		const ok = await call('/prod/pets?key=k', { 'X-Tenant': 'acme' });
		expect(ok.status).toBe(200);
		expect(ok.body.requestContext.authorizer.principalId).toBe('acme');
		expect(events[0]).toMatchObject({
			type: 'REQUEST',
			httpMethod: 'GET',
			path: '/pets',
			resource: '/{proxy+}',
			queryStringParameters: { key: 'k' },
			pathParameters: { proxy: 'pets' },
		});
	});
});

describe('HTTP API with a JWT authorizer', () => {
	async function httpApi() {
		const env = await gatewaySandbox();
		env.sandbox.defineHttpApi({
			id: 'httpapi001',
			name: 'http',
			authorizers: [
				{
					name: 'jwt',
					type: 'JWT',
					issuer: `https://cognito-idp.us-east-1.amazonaws.com/${env.poolId}`,
					audience: [env.clientId],
				},
			],
			routes: [
				{ routeKey: 'GET /pets/{id}', authorizationType: 'JWT', authorizer: 'jwt' },
				{
					routeKey: 'POST /pets',
					authorizationType: 'JWT',
					authorizer: 'jwt',
					authorizationScopes: ['pets/write'],
				},
				{ routeKey: 'GET /public', authorizationType: 'NONE' },
			],
		});
		const call = async (path: string, headers: Record<string, string> = {}, method = 'GET') =>
			read(
				await env.sandbox.fetch(
					new Request(`https://httpapi001.execute-api.us-east-1.amazonaws.com${path}`, {
						method,
						headers,
					})
				)
			);
		return { env, call };
	}

	test('ID tokens (aud) and access tokens (client_id) of the audience pass; claims reach the integration', async () => {
		const { env, call } = await httpApi();
		const { idToken, accessToken } = await env.signIn('ana', ['admins', 'readers']);
		const byId = await call('/pets/7', { Authorization: `Bearer ${idToken}` });
		expect(byId.status).toBe(200);
		expect(byId.body.version).toBe('2.0');
		expect(byId.body.routeKey).toBe('GET /pets/{id}');
		expect(byId.body.pathParameters).toEqual({ id: '7' });
		expect(byId.body.requestContext.authorizer.jwt.claims['cognito:groups']).toBe(
			'[admins readers]'
		);
		const byAccess = await call('/pets/7', { Authorization: accessToken });
		expect(byAccess.status).toBe(200);
		expect(byAccess.body.requestContext.authorizer.jwt.scopes).toEqual([
			'aws.cognito.signin.user.admin',
		]);
	});

	test('no token: 401 with www-authenticate: Bearer; wrong audience: the documented description', async () => {
		const { env, call } = await httpApi();
		const none = await call('/pets/7');
		expect([none.status, none.body]).toEqual([401, { message: 'Unauthorized' }]);
		expect(none.headers.get('www-authenticate')).toBe('Bearer');
		env.sandbox.defineHttpApi({
			id: 'httpapi002',
			name: 'other audience',
			authorizers: [
				{
					name: 'jwt',
					type: 'JWT',
					issuer: `https://cognito-idp.us-east-1.amazonaws.com/${env.poolId}`,
					audience: ['someone-else'],
				},
			],
			routes: [{ routeKey: '$default', authorizationType: 'JWT', authorizer: 'jwt' }],
		});
		const { idToken } = await env.signIn('ana');
		const wrong = await read(
			await env.sandbox.fetch(
				new Request('https://httpapi002.execute-api.us-east-1.amazonaws.com/anything', {
					headers: { Authorization: idToken },
				})
			)
		);
		expect([wrong.status, wrong.body]).toEqual([401, { message: 'Unauthorized' }]);
		expect(wrong.headers.get('www-authenticate')).toBe(
			'Bearer scope="" error="invalid_token" error_description="the token does not have a valid audience"'
		);
	});

	test('a route with scopes refuses a token without them: 403 Forbidden', async () => {
		const { env, call } = await httpApi();
		const { accessToken } = await env.signIn('ana');
		const refused = await call('/pets', { Authorization: accessToken }, 'POST');
		expect([refused.status, refused.body]).toEqual([403, { message: 'Forbidden' }]);
		expect(refused.headers.get('www-authenticate')).toContain('error="insufficient_scope"');
	});

	test('an expired token is 401; unknown routes 404 Not Found; open routes need nothing', async () => {
		const { env, call } = await httpApi();
		const { idToken } = await env.signIn('ana');
		env.clock.advance(2 * 3600 * 1000);
		const expired = await call('/pets/7', { Authorization: idToken });
		expect(expired.status).toBe(401);
		expect(expired.headers.get('www-authenticate')).toContain('error="invalid_token"');
		const missing = await call('/nothing');
		expect([missing.status, missing.body]).toEqual([404, { message: 'Not Found' }]);
		expect((await call('/public')).status).toBe(200);
	});
});
