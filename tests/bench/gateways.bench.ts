/**
 * Authorised API calls through `sandbox.fetch`: a REST method behind a user-pool authorizer (JWT signature check
 * against the pool's JWKS, read through the sandbox), the same behind AWS_IAM (SigV4 re-signed with
 * `@smithy/signature-v4` and checked against the issued secret, then `execute-api:Invoke` evaluated), an HTTP API
 * JWT authorizer, a cached Lambda authorizer, and an AppSync query with a user-pool token. Request signing by the
 * client is outside the timed part for IAM (each client signs once per request anyway; it is shown separately).
 */
import { createSandbox } from '../../src/lib/cognito';
import { signedRequest } from '../fixtures/gateway-sandbox';
import { mulberry32 } from '../fixtures/random';
import { printTimings, time } from './timing';

const NOW = Date.parse('2026-01-01T00:00:00Z');
const sandbox = createSandbox({ clock: { now: () => NOW }, random: mulberry32(5) });
const call = async (target: string, body: object) => {
	const response = await sandbox.fetch(
		new Request('http://localhost/', {
			method: 'POST',
			headers: { 'x-amz-target': target, 'content-type': 'application/x-amz-json-1.1' },
			body: JSON.stringify(body),
		})
	);
	if (response.status !== 200) throw new Error(`${target}: ${await response.text()}`);
	return response.json();
};
const idp = (operation: string, body: object) =>
	call(`AWSCognitoIdentityProviderService.${operation}`, body);
const identity = (operation: string, body: object) =>
	call(`AWSCognitoIdentityService.${operation}`, body);

const { UserPool } = await idp('CreateUserPool', { PoolName: 'bench' });
const { UserPoolClient } = await idp('CreateUserPoolClient', {
	UserPoolId: UserPool.Id,
	ClientName: 'bench',
	ExplicitAuthFlows: ['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
});
await idp('AdminCreateUser', {
	UserPoolId: UserPool.Id,
	Username: 'ana',
	MessageAction: 'SUPPRESS',
});
await idp('AdminSetUserPassword', {
	UserPoolId: UserPool.Id,
	Username: 'ana',
	Password: 'Passw0rd!',
	Permanent: true,
});
const { AuthenticationResult } = await idp('AdminInitiateAuth', {
	UserPoolId: UserPool.Id,
	ClientId: UserPoolClient.ClientId,
	AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
	AuthParameters: { USERNAME: 'ana', PASSWORD: 'Passw0rd!' },
});
const idToken: string = AuthenticationResult.IdToken;

const role = 'arn:aws:iam::123456789012:role/BenchApi';
sandbox.defineRole(role, {
	policies: [
		{
			Version: '2012-10-17',
			Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: '*' }],
		},
	],
});
const { IdentityPoolId } = await identity('CreateIdentityPool', {
	IdentityPoolName: 'bench',
	AllowUnauthenticatedIdentities: true,
});
await identity('SetIdentityPoolRoles', { IdentityPoolId, Roles: { unauthenticated: role } });
const { IdentityId } = await identity('GetId', { IdentityPoolId });
const { Credentials } = await identity('GetCredentialsForIdentity', { IdentityId });
const credentials = {
	accessKeyId: Credentials.AccessKeyId,
	secretAccessKey: Credentials.SecretKey,
	sessionToken: Credentials.SessionToken,
};

const FN = 'arn:aws:lambda:us-east-1:123456789012:function:bench-authorizer';
sandbox.defineFunction(FN, (event: any) => ({
	principalId: 'bench',
	policyDocument: {
		Version: '2012-10-17',
		Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: event.methodArn }],
	},
}));
sandbox.defineRestApi({
	id: 'benchapi01',
	name: 'bench',
	authorizers: [
		{ name: 'users', type: 'COGNITO_USER_POOLS', providerArns: [UserPool.Arn] },
		{ name: 'token', type: 'TOKEN', functionArn: FN },
	],
	methods: [
		{ path: '/pets', httpMethod: 'GET', authorization: 'COGNITO_USER_POOLS', authorizer: 'users' },
		{ path: '/iam', httpMethod: 'GET', authorization: 'AWS_IAM' },
		{ path: '/lambda', httpMethod: 'GET', authorization: 'CUSTOM', authorizer: 'token' },
	],
});
sandbox.defineHttpApi({
	id: 'benchapi02',
	name: 'bench-http',
	authorizers: [
		{
			name: 'jwt',
			type: 'JWT',
			issuer: `https://cognito-idp.us-east-1.amazonaws.com/${UserPool.Id}`,
			audience: [UserPoolClient.ClientId],
		},
	],
	routes: [{ routeKey: 'GET /pets', authorizationType: 'JWT', authorizer: 'jwt' }],
});
const graphql = await sandbox.defineGraphqlApi({
	name: 'bench',
	authenticationType: { type: 'AMAZON_COGNITO_USER_POOLS', userPoolId: UserPool.Id },
});

const REST = 'https://benchapi01.execute-api.us-east-1.amazonaws.com/prod';
const expectOk = async (request: Request) => {
	const response = await sandbox.fetch(request);
	if (response.status !== 200)
		throw new Error(`${request.url}: ${response.status} ${await response.text()}`);
	await response.arrayBuffer();
};
const userPoolCall = () =>
	expectOk(new Request(`${REST}/pets`, { headers: { Authorization: idToken } }));
const signIam = () =>
	signedRequest(`${REST}/iam`, {}, credentials, { service: 'execute-api', at: NOW });
const presigned = await Promise.all(Array.from({ length: 600 }, signIam));
let next = 0;
const iamCall = () => expectOk(presigned[next++ % presigned.length]!.clone());
const lambdaCall = () =>
	expectOk(new Request(`${REST}/lambda`, { headers: { Authorization: 'cached-token' } }));
const jwtCall = () =>
	expectOk(
		new Request('https://benchapi02.execute-api.us-east-1.amazonaws.com/pets', {
			headers: { Authorization: `Bearer ${idToken}` },
		})
	);
const appsyncCall = () =>
	expectOk(
		new Request(graphql.url, {
			method: 'POST',
			headers: { Authorization: idToken },
			body: JSON.stringify({ query: '{ getItem(key: "a") { key value } }' }),
		})
	);

const timings = [
	await time('REST, COGNITO_USER_POOLS authorizer (ID token)', userPoolCall, 500, 20),
	await time('REST, AWS_IAM (SigV4 check + execute-api:Invoke)', iamCall, 500, 20),
	await time('client side: signing one request (@smithy/signature-v4)', signIam, 500, 20),
	await time('REST, Lambda TOKEN authorizer (cached policy)', lambdaCall, 500, 20),
	await time('HTTP API, JWT authorizer (Bearer ID token)', jwtCall, 500, 20),
	await time('AppSync query, user-pool mode (graphql execute)', appsyncCall, 300, 10),
];
printTimings(timings);
