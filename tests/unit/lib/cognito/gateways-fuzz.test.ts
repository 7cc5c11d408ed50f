/**
 * Fuzzing the gateways with fast-check and hostile names: header names and values, paths, query parameters,
 * methods, SigV4 `Authorization` headers (hostile SignedHeaders), Lambda authorizer outputs and method ARNs,
 * GraphQL documents and IAM Query fields. Whatever arrives, the answer is one of the documented refusals or a
 * success, never an internal error, and `Object.prototype` is untouched.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { gatewaySandbox, NOW } from '../../../fixtures/gateway-sandbox';
import { HOSTILE_NAMES, prototypeFingerprint } from '../../../fixtures/hostile';

const FN = 'arn:aws:lambda:us-east-1:123456789012:function:fuzz-authorizer';
const name = fc.oneof(
	fc.constantFrom(...HOSTILE_NAMES),
	fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/)
);
const headerName = fc.oneof(
	fc.constantFrom(...HOSTILE_NAMES.map((hostile) => hostile.replace(/[^A-Za-z0-9_-]/g, '') || 'x')),
	fc.constantFrom('authorization', 'x-api-key', 'x-amz-date', 'x-amz-security-token', 'host'),
	fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,15}$/)
);
const headerValue = fc.oneof(
	fc.constantFrom(...HOSTILE_NAMES),
	fc.stringMatching(/^[\x20-\x7e]{0,40}$/),
	fc
		.tuple(
			fc.constantFrom(...HOSTILE_NAMES, 'host', 'x-amz-date'),
			fc.constantFrom(...HOSTILE_NAMES)
		)
		.map(
			([signed, key]) =>
				`AWS4-HMAC-SHA256 Credential=${key}/20260101/us-east-1/execute-api/aws4_request, SignedHeaders=${signed};host, Signature=00`
		)
);
const segment = fc.oneof(name, fc.constantFrom('%2e%2e', '%00', '..', '%', '{proxy+}', 'pets'));

async function setUp() {
	const env = await gatewaySandbox(11);
	// An authorizer whose output comes from the request: principal, policy resource and context keys.
	env.sandbox.defineFunction(FN, async (event: any) => {
		const token = String(event.authorizationToken ?? event.headers?.authorization ?? '');
		if (token.startsWith('throw')) throw new Error(token);
		return {
			principalId: token || 'anonymous',
			policyDocument: {
				Version: '2012-10-17',
				Statement: [
					{
						Effect: token.length % 2 ? 'Allow' : 'Deny',
						Action: 'execute-api:Invoke',
						Resource: token.includes('*') ? token : event.methodArn,
					},
				],
			},
			context: { [token.slice(0, 12) || 'k']: token },
		};
	});
	env.sandbox.defineRestApi({
		id: 'fuzzrest01',
		name: 'fuzz',
		authorizers: [
			{ name: 'users', type: 'COGNITO_USER_POOLS', providerArns: [env.poolArn] },
			{ name: 'token', type: 'TOKEN', functionArn: FN, resultTtlInSeconds: 60 },
		],
		methods: [
			{ path: '/open/{id}', httpMethod: 'ANY', authorization: 'NONE' },
			{
				path: '/users',
				httpMethod: 'GET',
				authorization: 'COGNITO_USER_POOLS',
				authorizer: 'users',
			},
			{ path: '/iam/{proxy+}', httpMethod: 'ANY', authorization: 'AWS_IAM' },
			{ path: '/custom/{proxy+}', httpMethod: 'ANY', authorization: 'CUSTOM', authorizer: 'token' },
		],
	});
	env.sandbox.defineHttpApi({
		id: 'fuzzhttp01',
		name: 'fuzz-http',
		authorizers: [
			{
				name: 'jwt',
				type: 'JWT',
				issuer: `https://cognito-idp.us-east-1.amazonaws.com/${env.poolId}`,
				audience: [env.clientId],
			},
		],
		routes: [
			{ routeKey: 'GET /jwt/{id}', authorizationType: 'JWT', authorizer: 'jwt' },
			{ routeKey: 'ANY /iam/{proxy+}', authorizationType: 'AWS_IAM' },
		],
	});
	const graphql = await env.sandbox.defineGraphqlApi({
		name: 'fuzz',
		authenticationType: { type: 'API_KEY', apiKeys: [{ id: 'key', expires: NOW / 1000 + 3600 }] },
		additionalAuthenticationProviders: [
			{ type: 'AMAZON_COGNITO_USER_POOLS', userPoolId: env.poolId },
			{ type: 'AWS_IAM' },
		],
	});
	return { env, graphqlUrl: graphql.url };
}

describe('gateway fuzzing', () => {
	test('API Gateway: hostile headers, paths, queries and methods get documented answers', async () => {
		const { env } = await setUp();
		const before = prototypeFingerprint();
		const statuses = new Set<number>();
		await fc.assert(
			fc.asyncProperty(
				fc.constantFrom('fuzzrest01', 'fuzzhttp01'),
				fc.constantFrom('prod/', 'dev/', ''),
				fc.constantFrom('open', 'users', 'iam', 'custom', 'jwt', 'nothing'),
				fc.array(segment, { minLength: 1, maxLength: 3 }),
				fc.constantFrom('GET', 'POST', 'DELETE', 'PATCH', 'OPTIONS'),
				fc.array(fc.tuple(headerName, headerValue), { maxLength: 5 }),
				fc.array(fc.tuple(name, name), { maxLength: 3 }),
				fc.option(fc.constantFrom('a', 'abc', 'throw-it', 'arn:*', ...HOSTILE_NAMES)),
				async (api, stage, resource, rest, method, headers, query, token) => {
					const url = new URL(
						`https://${api}.execute-api.us-east-1.amazonaws.com/${stage}${resource}/${rest.join('/')}`
					);
					for (const [key, value] of query) url.searchParams.append(key, value);
					const init = new Headers();
					for (const [key, value] of headers) init.append(key, value);
					if (token !== null) init.set('authorization', token);
					const response = await env.sandbox.fetch(new Request(url, { method, headers: init }));
					const body = await response.json();
					statuses.add(response.status);
					// 500 only as API Gateway's own AuthorizerConfigurationException (a failing Lambda authorizer).
					if (response.status === 500) {
						expect(response.headers.get('x-amzn-errortype')).toBe(
							'AuthorizerConfigurationException'
						);
						expect(body).toEqual({ message: null });
					} else expect([200, 401, 403, 404]).toContain(response.status);
					if (response.status === 200) expect(typeof body).toBe('object');
					else expect(Object.keys(body)).toEqual(['message']);
				}
			),
			{ numRuns: 300, seed: 42 }
		);
		expect(prototypeFingerprint()).toBe(before);
		// The runs reached the authorizers, not only the router.
		expect([...statuses]).toEqual(expect.arrayContaining([200, 401, 403, 404]));
	}, 120_000);

	test('AppSync: hostile documents, variables and headers get GraphQL answers or 4xx', async () => {
		const { env, graphqlUrl } = await setUp();
		const before = prototypeFingerprint();
		const document = fc.oneof(
			fc.constantFrom(
				'{ __proto__ }',
				'{ constructor }',
				'{ getItem(key: "__proto__") { key constructor } }',
				'mutation { putItem(key: "constructor", value: "x") { key } }',
				'query Q($k: ID!) { getItem(key: $k) { key value } }',
				'{ listItems { key } }',
				'{',
				''
			),
			fc.string({ maxLength: 40 })
		);
		await fc.assert(
			fc.asyncProperty(
				document,
				fc.dictionary(name, name, { maxKeys: 3 }),
				fc.array(fc.tuple(headerName, headerValue), { maxLength: 3 }),
				fc.boolean(),
				async (query, variables, headers, withKey) => {
					const init = new Headers({ 'content-type': 'application/json' });
					for (const [key, value] of headers) init.append(key, value);
					if (withKey) init.set('x-api-key', 'key');
					const response = await env.sandbox.fetch(
						new Request(graphqlUrl, {
							method: 'POST',
							headers: init,
							body: JSON.stringify({ query, variables: { k: 'a', ...variables } }),
						})
					);
					expect([200, 400, 401]).toContain(response.status);
					const body = await response.json();
					expect(body.data !== undefined || Array.isArray(body.errors)).toBe(true);
				}
			),
			{ numRuns: 120, seed: 7 }
		);
		expect(prototypeFingerprint()).toBe(before);
	}, 120_000);

	test('ALB: hostile cookies (names, shards, malformed escapes) and callbacks never get through', async () => {
		const { env } = await setUp();
		const alb = await env.sandbox.defineLoadBalancer({
			name: 'fuzz',
			rules: [
				{
					authenticateCognito: {
						userPoolArn: env.poolArn,
						userPoolClientId: env.clientId,
						userPoolDomain: 'fuzz-domain',
						onUnauthenticatedRequest: 'deny',
					},
				},
			],
		});
		const before = prototypeFingerprint();
		const cookieName = fc.oneof(
			name,
			fc.constantFrom('AWSELBAuthSessionCookie-0', 'AWSELBAuthSessionCookie-1')
		);
		const cookieValue = fc.oneof(
			headerValue.map((value) => value.replace(/[;,\s]/g, '')),
			fc.constantFrom('%', '%E0%A4%A', 'a.b', '.', 'eyJ9.x')
		);
		await fc.assert(
			fc.asyncProperty(
				fc.array(fc.tuple(cookieName, cookieValue), { maxLength: 4 }),
				fc.constantFrom('/', '/app', '/oauth2/idpresponse', '/oauth2/idpresponse?code=x&state=y'),
				async (cookies, path) => {
					const response = await env.sandbox.fetch(
						new Request(`${alb.url}${path}`, {
							headers: { cookie: cookies.map(([key, value]) => `${key}=${value}`).join('; ') },
						})
					);
					expect(response.status).toBe(401);
				}
			),
			{ numRuns: 150, seed: 5 }
		);
		expect(prototypeFingerprint()).toBe(before);
	}, 120_000);

	test('IAM Query fields: hostile role, policy and field names never answer 500', async () => {
		const { env } = await setUp();
		const before = prototypeFingerprint();
		await fc.assert(
			fc.asyncProperty(
				fc.constantFrom(
					'CreateRole',
					'GetRole',
					'PutRolePolicy',
					'GetRolePolicy',
					'ListRolePolicies',
					'DeleteRolePolicy',
					'DeleteRole',
					'ListRoles',
					'UpdateAssumeRolePolicy'
				),
				fc.dictionary(
					fc.oneof(
						name,
						fc.constantFrom(
							'RoleName',
							'PolicyName',
							'PolicyDocument',
							'AssumeRolePolicyDocument',
							'Path',
							'MaxSessionDuration'
						)
					),
					fc.oneof(name, fc.constantFrom('{"Statement":[]}', '{', '/', '/a/', '99999')),
					{ maxKeys: 5 }
				),
				async (action, fields) => {
					const response = await env.sandbox.fetch(
						new Request('https://iam.amazonaws.com/', {
							method: 'POST',
							headers: {
								'content-type': 'application/x-www-form-urlencoded',
								authorization:
									'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260101/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=00',
							},
							body: new URLSearchParams({
								...fields,
								Action: action,
								Version: '2010-05-08',
							}).toString(),
						})
					);
					expect(response.status).toBeLessThan(500);
				}
			),
			{ numRuns: 200, seed: 3 }
		);
		expect(prototypeFingerprint()).toBe(before);
		expect(() => env.sandbox.restore(env.sandbox.snapshot())).not.toThrow();
	}, 120_000);
});
