/**
 * A REST API of API Gateway: `https://<api-id>.execute-api.<region>.amazonaws.com/<stage>/<path>`. The method is
 * matched, its authorizer decides (NONE, COGNITO_USER_POOLS, AWS_IAM, CUSTOM = a Lambda authorizer), and the mock
 * integration answers with the proxy event a Lambda backend would receive.
 */
import type { SandboxContext } from '../../core/context';
import type { IamEvaluator } from '../../iam';
import type { StsService } from '../../sts';
import type { RestApiDefinition, RestAuthorizer, RestMethod } from '../definitions';
import type { JwtVerifier } from '../jwt';
import { cognitoAuthorize, type Decision, iamAuthorize } from './authorizers';
import { type IncomingRequest, type GatewayRequest, restEvent } from './events';
import { createLambdaAuthorizers } from './lambda-authorizer';
import {
	FORBIDDEN,
	MISSING_AUTHENTICATION_TOKEN,
	refusalResponse,
	type GatewayRefusal,
} from './responses';
import { bestRoute } from './routes';

export interface GatewayDeps {
	context: SandboxContext;
	sts: StsService;
	iam: IamEvaluator;
	jwt: JwtVerifier;
}

/** The outcome of one request, for the trace. */
export interface Served {
	response: Response;
	authorization: string;
	/** Why it was refused, when it was. */
	reason?: string;
}

export function createRestApis(deps: GatewayDeps) {
	const lambdaAuthorizers = createLambdaAuthorizers(deps.context, deps.iam);

	async function serve(
		api: RestApiDefinition & { id: string },
		request: Request,
		incoming: GatewayRequest,
		bodyBytes: Uint8Array
	): Promise<Served> {
		const refuse = (refusal: GatewayRefusal, authorization: string, reason: string): Served => ({
			response: refusalResponse(refusal, incoming.requestId),
			authorization,
			reason,
		});
		const [, stage = '', ...rest] = incoming.fullPath.split('/');
		const stages = api.stages ?? ['prod'];
		if (!stages.includes(stage)) return refuse(FORBIDDEN, 'NONE', `no stage "${stage}"`);
		const path = `/${rest.join('/')}`;
		const match = bestRoute(
			api.methods,
			(method: RestMethod) => ({ path: method.path, method: method.httpMethod }),
			incoming.method,
			path
		);
		if (!match)
			return refuse(MISSING_AUTHENTICATION_TOKEN, 'NONE', `no method ${incoming.method} ${path}`);
		const method = match.route;
		const { context } = deps;
		const methodArn = `arn:aws:execute-api:${context.region}:${context.accountId}:${api.id}/${stage}/${incoming.method}${path}`;
		const authorizer = api.authorizers?.find((candidate) => candidate.name === method.authorizer);
		const request_: IncomingRequest = { ...incoming, path };

		let decision: Decision;
		switch (method.authorization) {
			case 'NONE':
				decision = { ok: true, output: { kind: 'none' } };
				break;
			case 'COGNITO_USER_POOLS':
				decision = await cognitoAuthorize(
					deps,
					authorizer as Extract<RestAuthorizer, { type: 'COGNITO_USER_POOLS' }>,
					incoming.headers,
					method.authorizationScopes ?? []
				);
				break;
			case 'AWS_IAM':
				decision = await iamAuthorize(deps, request, bodyBytes, methodArn, {
					denied: (message) => ({ status: 403, message, errorType: 'AccessDeniedException' }),
				});
				break;
			case 'CUSTOM': {
				const result = await lambdaAuthorizers.authorize(
					authorizer as Extract<RestAuthorizer, { type: 'TOKEN' | 'REQUEST' }>,
					{
						request: request_,
						apiId: api.id,
						stage,
						resourcePath: method.path,
						pathParameters: match.pathParameters,
						methodArn,
						accountId: context.accountId,
					}
				);
				decision = result.ok
					? {
							ok: true,
							output: { kind: 'lambda', principalId: result.principalId, context: result.context },
						}
					: result;
				break;
			}
		}
		const label =
			method.authorization === 'CUSTOM' ? `CUSTOM (${authorizer?.type})` : method.authorization;
		if (!decision.ok) return refuse(decision.refusal, label, decision.reason);
		const event = restEvent({
			request: request_,
			apiId: api.id,
			accountId: context.accountId,
			stage,
			resourcePath: method.path,
			pathParameters: match.pathParameters,
			authorizer: decision.output,
		});
		return {
			response: new Response(JSON.stringify(event), {
				status: 200,
				headers: {
					'content-type': 'application/json',
					'x-amzn-requestid': incoming.requestId,
				},
			}),
			authorization: label,
		};
	}

	return { serve, flushCaches: lambdaAuthorizers.flush };
}
