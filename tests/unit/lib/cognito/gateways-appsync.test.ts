/**
 * AppSync: the five authorization modes deciding access to the key-value resolvers, request-level 401
 * `UnauthorizedException` and field-level `Unauthorized` errors, group restrictions, additional modes.
 */
import { describe, expect, test, vi } from 'vitest';
import { gatewaySandbox, NOW, read, signedRequest } from '../../../fixtures/gateway-sandbox';

// Each test creates user pools (RSA keys) and runs whole flows: generous on a busy 2-core machine.
vi.setConfig({ testTimeout: 30_000 });

const LAMBDA = 'arn:aws:lambda:us-east-1:123456789012:function:appsync-auth';

const SCHEMA = `
type Item @aws_api_key @aws_iam @aws_cognito_user_pools @aws_oidc @aws_lambda {
  key: ID!
  value: String
  updatedBy: String
}
type Query {
  getItem(key: ID!): Item @aws_api_key @aws_iam @aws_cognito_user_pools @aws_oidc @aws_lambda
  listItems: [Item] @aws_cognito_user_pools(cognito_groups: ["admins"])
  secret: String
}
type Mutation {
  putItem(key: ID!, value: String): Item @aws_cognito_user_pools @aws_iam @aws_lambda
  deleteItem(key: ID!): Item @aws_cognito_user_pools(cognito_groups: ["admins"])
}`;

async function appsync() {
	const env = await gatewaySandbox();
	env.sandbox.defineFunction(LAMBDA, async (event: any) => ({
		isAuthorized: event.authorizationToken === 'let-me-in',
		deniedFields: ['Mutation.putItem'],
		ttlOverride: 0,
	}));
	const api = await env.sandbox.defineGraphqlApi({
		name: 'items',
		schema: SCHEMA,
		authenticationType: { type: 'AMAZON_COGNITO_USER_POOLS', userPoolId: env.poolId },
		additionalAuthenticationProviders: [
			{ type: 'API_KEY', apiKeys: [{ id: 'da2-sandboxkey', expires: NOW / 1000 + 3600 }] },
			{ type: 'AWS_IAM' },
			{
				type: 'OPENID_CONNECT',
				issuer: `https://cognito-idp.us-east-1.amazonaws.com/${env.poolId}`,
			},
			{ type: 'AWS_LAMBDA', functionArn: LAMBDA },
		],
	});
	const gql = async (query: string, headers: Record<string, string>, variables = {}) =>
		read(
			await env.sandbox.fetch(
				new Request(api.url, {
					method: 'POST',
					headers: { 'content-type': 'application/json', ...headers },
					body: JSON.stringify({ query, variables }),
				})
			)
		);
	return { env, api, gql };
}

const PUT = 'mutation { putItem(key: "k1", value: "v1") { key value updatedBy } }';
const GET = 'query { getItem(key: "k1") { key value updatedBy } }';

describe('AppSync authorization modes', () => {
	test('user pool tokens write and read; the resolver records who wrote', async () => {
		const { env, api, gql } = await appsync();
		expect(api.url).toMatch(
			/^https:\/\/[a-z0-9]{26}\.appsync-api\.us-east-1\.amazonaws\.com\/graphql$/
		);
		const { idToken } = await env.signIn('ana');
		const put = await gql(PUT, { Authorization: idToken });
		expect(put).toMatchObject({
			status: 200,
			body: { data: { putItem: { key: 'k1', value: 'v1', updatedBy: 'ana' } } },
		});
		const got = await gql(GET, { 'x-api-key': 'da2-sandboxkey' });
		expect(got.body).toEqual({ data: { getItem: { key: 'k1', value: 'v1', updatedBy: 'ana' } } });
	});

	test('request-level failures: 401 UnauthorizedException', async () => {
		const { env, gql } = await appsync();
		const none = await gql(GET, {});
		expect([none.status, none.body]).toEqual([
			401,
			{
				errors: [
					{
						errorType: 'UnauthorizedException',
						message: 'Valid authorization header not provided.',
					},
				],
			},
		]);
		const badKey = await gql(GET, { 'x-api-key': 'da2-wrong' });
		expect([badKey.status, badKey.body.errors[0].message]).toEqual([
			401,
			'You are not authorized to make this call.',
		]);
		const { idToken } = await env.signIn('ana');
		env.clock.advance(2 * 3600 * 1000);
		const expired = await gql(GET, { Authorization: idToken });
		expect([expired.status, expired.body.errors[0].message]).toEqual([401, 'Token has expired.']);
		const expiredKey = await gql(GET, { 'x-api-key': 'da2-sandboxkey' });
		expect(expiredKey.status).toBe(401);
		const lambdaNo = await gql(GET, { Authorization: 'nope' });
		expect([lambdaNo.status, lambdaNo.body.errors[0].errorType]).toEqual([
			401,
			'UnauthorizedException',
		]);
	});

	test('a mode a field does not allow: data null and an Unauthorized error for that field', async () => {
		const { gql } = await appsync();
		const denied = await gql(PUT, { 'x-api-key': 'da2-sandboxkey' });
		expect(denied.status).toBe(200);
		expect(denied.body).toEqual({
			data: { putItem: null },
			errors: [
				{
					path: ['putItem'],
					data: null,
					errorType: 'Unauthorized',
					errorInfo: null,
					locations: [{ line: 1, column: 12, sourceName: null }],
					message: 'Not Authorized to access putItem on type Mutation',
				},
			],
		});
		// A field without directives allows only the default mode (user pools), not the API key.
		const secret = await gql('{ secret }', { 'x-api-key': 'da2-sandboxkey' });
		expect(secret.body.errors[0].message).toBe('Not Authorized to access secret on type Query');
	});

	test('cognito_groups restrict a field to members of the groups', async () => {
		const { env, gql } = await appsync();
		const member = await env.signIn('root', ['admins']);
		const outsider = await env.signIn('bob');
		expect((await gql('{ listItems { key } }', { Authorization: member.idToken })).body).toEqual({
			data: { listItems: [] },
		});
		const refused = await gql('{ listItems { key } }', { Authorization: outsider.idToken });
		expect(refused.body.errors[0]).toMatchObject({
			errorType: 'Unauthorized',
			message: 'Not Authorized to access listItems on type Query',
		});
	});

	test('OIDC tokens are accepted through the OIDC mode when the issuer is configured', async () => {
		const env = await gatewaySandbox();
		const api = await env.sandbox.defineGraphqlApi({
			name: 'oidc',
			authenticationType: {
				type: 'OPENID_CONNECT',
				issuer: `https://cognito-idp.us-east-1.amazonaws.com/${env.poolId}/`,
				clientId: env.clientId,
			},
		});
		const { idToken } = await env.signIn('olga');
		const response = await read(
			await env.sandbox.fetch(
				new Request(api.url, {
					method: 'POST',
					headers: { Authorization: idToken },
					body: JSON.stringify({
						query: 'mutation { putItem(key: "a", value: "b") { updatedBy } }',
					}),
				})
			)
		);
		expect(response.body).toEqual({ data: { putItem: { updatedBy: 'olga' } } });
	});

	test('AWS_IAM: a SigV4-signed request needs appsync:GraphQL on the field ARN', async () => {
		const { env, api, gql } = await appsync();
		const { idToken } = await env.signIn('ana');
		const credentials = await env.credentialsFor(idToken, [
			{
				Version: '2012-10-17',
				Statement: [
					{
						Effect: 'Allow',
						Action: 'appsync:GraphQL',
						Resource: `arn:aws:appsync:us-east-1:123456789012:apis/${api.id}/types/Query/fields/getItem`,
					},
				],
			},
		]);
		await gql(PUT, { Authorization: idToken });
		const signed = (query: string) =>
			signedRequest(
				api.url,
				{
					method: 'POST',
					body: JSON.stringify({ query }),
					headers: { 'content-type': 'application/json' },
				},
				credentials,
				{ service: 'appsync', at: NOW }
			);
		const allowed = await read(
			await env.sandbox.fetch(await signed('{ getItem(key: "k1") { value } }'))
		);
		expect(allowed.body).toEqual({ data: { getItem: { value: 'v1' } } });
		const denied = await read(
			await env.sandbox.fetch(await signed('mutation { putItem(key: "k2") { key } }'))
		);
		expect(denied.body.errors[0].message).toBe('Not Authorized to access putItem on type Mutation');
	});

	test('AWS_LAMBDA: isAuthorized decides; deniedFields are refused field by field', async () => {
		const { gql } = await appsync();
		const read_ = await gql(GET, { Authorization: 'let-me-in' });
		expect(read_.body).toEqual({ data: { getItem: null } });
		const put = await gql(PUT, { Authorization: 'let-me-in' });
		expect(put.body.errors[0].message).toBe('Not Authorized to access putItem on type Mutation');
	});

	test('hostile field, argument and key names are data', async () => {
		const { env, gql } = await appsync();
		const { idToken } = await env.signIn('ana');
		const proto = await gql('{ __proto__ }', { Authorization: idToken });
		expect(proto.status).toBe(200);
		expect(proto.body.errors[0].errorType).toBe('ValidationError');
		for (const key of ['__proto__', 'constructor', 'toString']) {
			await gql(`mutation { putItem(key: "${key}", value: "x") { key } }`, {
				Authorization: idToken,
			});
			const got = await gql(`{ getItem(key: "${key}") { key value } }`, {
				'x-api-key': 'da2-sandboxkey',
			});
			expect(got.body).toEqual({ data: { getItem: { key, value: 'x' } } });
		}
		const constructorSchema = await env.sandbox.defineGraphqlApi({
			name: 'hostile',
			schema: 'type Query { constructor: String toString: String }',
			authenticationType: { type: 'API_KEY', apiKeys: [{ id: 'k', expires: NOW / 1000 + 60 }] },
		});
		const hostile = await read(
			await env.sandbox.fetch(
				new Request(constructorSchema.url, {
					method: 'POST',
					headers: { 'x-api-key': 'k' },
					body: JSON.stringify({ query: '{ constructor toString }' }),
				})
			)
		);
		expect(hostile.body).toEqual({ data: { constructor: null, toString: null } });
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
	});

	test('a schema graphql cannot build is refused with the reason', async () => {
		const env = await gatewaySandbox();
		await expect(
			env.sandbox.defineGraphqlApi({
				name: 'broken',
				schema: 'type Query { a: Missing }',
				authenticationType: { type: 'AWS_IAM' },
			})
		).rejects.toThrow(/GraphQL API: schema: Unknown type "Missing"/);
	});
});
