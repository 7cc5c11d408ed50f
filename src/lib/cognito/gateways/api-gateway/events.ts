/**
 * What the backend of an API receives: the Lambda proxy integration events, payload format 1.0 (REST APIs) and
 * 2.0 (HTTP APIs), with the authorizer's output in `requestContext` (user-pool claims, a Lambda authorizer's
 * `principalId` and `context`, JWT claims and scopes, or the IAM caller in `identity`). The sandbox's mock
 * integration answers with this event, so learners see exactly what their Lambda function would get.
 */
import { dict, type Dict } from '../../core/dict';
import type { StsSession } from '../../sts';

/** A request as the gateway read it. */
export interface IncomingRequest {
	method: string;
	/** Path below the stage, starting with `/`. */
	path: string;
	/** Header names lowercased (null-prototype: names are the caller's). */
	headers: Dict<string>;
	query: Dict<string[]>;
	body: string;
	host: string;
	sourceIp: string;
	userAgent: string;
	requestId: string;
	at: number;
}

/** A request as it reaches a gateway, before the stage is split off its path. */
export type GatewayRequest = Omit<IncomingRequest, 'path'> & { fullPath: string };

/** What the authorizer hands the integration. */
export type AuthorizerOutput =
	| { kind: 'none' }
	| { kind: 'cognito'; claims: Record<string, unknown> }
	| { kind: 'lambda'; principalId: string; context: Record<string, string | number | boolean> }
	| { kind: 'jwt'; claims: Record<string, unknown>; scopes: string[] | null }
	| { kind: 'iam'; session: StsSession; accountId: string };

const firstValues = (values: Dict<string[]>): Dict<string> | null => {
	const keys = Object.keys(values);
	return keys.length === 0 ? null : dict(keys.map((key) => [key, values[key]!.at(-1)!] as const));
};

/** Claims as API Gateway passes them on: strings (lists joined, objects as JSON). */
function claimStrings(claims: Record<string, unknown>, joinList: (list: unknown[]) => string) {
	return dict(
		Object.entries(claims).map(([name, value]): [string, string] => [
			name,
			Array.isArray(value)
				? joinList(value)
				: typeof value === 'object' && value !== null
					? JSON.stringify(value)
					: String(value),
		])
	);
}

/** The `identity` block of a REST request: the IAM caller and its Cognito identity when SigV4-authorised. */
function identityBlock(request: IncomingRequest, authorizer: AuthorizerOutput) {
	const iam = authorizer.kind === 'iam' ? authorizer : undefined;
	const keys = iam?.session.contextKeys ?? {};
	const amr = keys['cognito-identity.amazonaws.com:amr'];
	const amrList = Array.isArray(amr) ? amr : amr ? [amr] : [];
	const pool = keys['cognito-identity.amazonaws.com:aud'];
	return {
		cognitoIdentityPoolId: typeof pool === 'string' ? pool : null,
		accountId: iam ? iam.accountId : null,
		cognitoIdentityId: iam?.session.identityId ?? null,
		caller: iam ? iam.session.assumedRoleId : null,
		sourceIp: request.sourceIp,
		principalOrgId: null,
		accessKey: iam ? iam.session.accessKeyId : null,
		cognitoAuthenticationType: iam
			? amrList.includes('authenticated')
				? 'authenticated'
				: 'unauthenticated'
			: null,
		cognitoAuthenticationProvider: iam && amrList.length > 1 ? amrList.slice(1).join(',') : null,
		userArn: iam ? iam.session.assumedRoleArn : null,
		userAgent: request.userAgent,
		user: iam ? iam.session.assumedRoleId : null,
	};
}

/** Payload format 1.0, as a REST API's Lambda proxy integration receives it. */
export function restEvent(input: {
	request: IncomingRequest;
	apiId: string;
	accountId: string;
	stage: string;
	resourcePath: string;
	pathParameters: Dict<string>;
	authorizer: AuthorizerOutput;
}) {
	const { request, authorizer } = input;
	const headers = Object.keys(request.headers).length > 0 ? request.headers : null;
	let authorizerBlock: Record<string, unknown> | undefined;
	if (authorizer.kind === 'cognito')
		authorizerBlock = { claims: claimStrings(authorizer.claims, (list) => list.join(',')) };
	if (authorizer.kind === 'lambda')
		authorizerBlock = dict({
			...Object.fromEntries(
				Object.entries(authorizer.context).map(([key, value]) => [key, String(value)])
			),
			principalId: authorizer.principalId,
			integrationLatency: 0,
		});
	return {
		resource: input.resourcePath,
		path: request.path,
		httpMethod: request.method,
		headers,
		multiValueHeaders: headers
			? dict(Object.keys(headers).map((name) => [name, [headers[name]!]] as const))
			: null,
		queryStringParameters: firstValues(request.query),
		multiValueQueryStringParameters: Object.keys(request.query).length > 0 ? request.query : null,
		pathParameters: Object.keys(input.pathParameters).length > 0 ? input.pathParameters : null,
		stageVariables: null,
		requestContext: {
			resourceId: resourceIdOf(input.resourcePath),
			resourcePath: input.resourcePath,
			httpMethod: request.method,
			extendedRequestId: request.requestId,
			requestTime: requestTime(request.at),
			path: `/${input.stage}${request.path}`,
			accountId: input.accountId,
			protocol: 'HTTP/1.1',
			stage: input.stage,
			domainPrefix: input.apiId,
			requestTimeEpoch: request.at,
			requestId: request.requestId,
			identity: identityBlock(request, authorizer),
			domainName: request.host,
			apiId: input.apiId,
			...(authorizerBlock ? { authorizer: authorizerBlock } : {}),
		},
		body: request.body === '' ? null : request.body,
		isBase64Encoded: false,
	};
}

/** Payload format 2.0, as an HTTP API's Lambda integration receives it. */
export function httpEvent(input: {
	request: IncomingRequest;
	apiId: string;
	accountId: string;
	stage: string;
	routeKey: string;
	pathParameters: Dict<string>;
	authorizer: AuthorizerOutput;
}) {
	const { request, authorizer } = input;
	const rawQuery = Object.keys(request.query)
		.flatMap((key) =>
			request.query[key]!.map((value) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
		)
		.join('&');
	let authorizerBlock: Record<string, unknown> | undefined;
	if (authorizer.kind === 'jwt')
		authorizerBlock = {
			jwt: {
				// HTTP APIs pass list claims in brackets, space-separated, e.g. "[admins readers]".
				claims: claimStrings(authorizer.claims, (list) => `[${list.join(' ')}]`),
				scopes: authorizer.scopes,
			},
		};
	if (authorizer.kind === 'iam') {
		const identity = identityBlock(request, authorizer);
		authorizerBlock = {
			iam: {
				accessKey: identity.accessKey,
				accountId: identity.accountId,
				callerId: identity.caller,
				cognitoIdentity: identity.cognitoIdentityId
					? {
							amr: identity.cognitoAuthenticationProvider?.split(',') ?? [],
							identityId: identity.cognitoIdentityId,
							identityPoolId: identity.cognitoIdentityPoolId,
						}
					: null,
				principalOrgId: null,
				userArn: identity.userArn,
				userId: identity.user,
			},
		};
	}
	return {
		version: '2.0',
		routeKey: input.routeKey,
		rawPath: input.stage === '$default' ? request.path : `/${input.stage}${request.path}`,
		rawQueryString: rawQuery,
		headers: request.headers,
		...(Object.keys(request.query).length > 0
			? {
					queryStringParameters: dict(
						Object.keys(request.query).map((key) => [key, request.query[key]!.join(',')] as const)
					),
				}
			: {}),
		requestContext: {
			accountId: input.accountId,
			apiId: input.apiId,
			...(authorizerBlock ? { authorizer: authorizerBlock } : {}),
			domainName: request.host,
			domainPrefix: input.apiId,
			http: {
				method: request.method,
				path: input.stage === '$default' ? request.path : `/${input.stage}${request.path}`,
				protocol: 'HTTP/1.1',
				sourceIp: request.sourceIp,
				userAgent: request.userAgent,
			},
			requestId: request.requestId,
			routeKey: input.routeKey,
			stage: input.stage,
			time: requestTime(request.at),
			timeEpoch: request.at,
		},
		...(Object.keys(input.pathParameters).length > 0
			? { pathParameters: input.pathParameters }
			: {}),
		...(request.body === '' ? {} : { body: request.body }),
		isBase64Encoded: false,
	};
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `09/Apr/2015:12:34:56 +0000`, API Gateway's request time. */
function requestTime(at: number): string {
	const date = new Date(at);
	const two = (n: number) => String(n).padStart(2, '0');
	return `${two(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} +0000`;
}

/** A stable six-character resource id for a resource path (real ids are random, fixed per resource). */
function resourceIdOf(path: string): string {
	let hash = 5381;
	for (const char of path) hash = ((hash * 33) ^ char.charCodeAt(0)) >>> 0;
	return hash.toString(36).padStart(6, '0').slice(-6);
}
