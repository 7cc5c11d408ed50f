/**
 * REST API Lambda authorizers (TOKEN and REQUEST): the identity sources are checked first (missing → 401 without
 * calling the function), the function runs (learner code isolated), its policy document is evaluated for the
 * method ARN by the sandbox's IAM evaluator, and the result is cached by identity source for the TTL on the
 * sandbox clock, so a cached policy is applied to other methods too (the classic `{proxy+}` caching trap).
 */
import type { SandboxContext } from '../../core/context';
import { dict } from '../../core/dict';
import type { IamEvaluator } from '../../iam';
import type { RestAuthorizer } from '../definitions';
import { invokeLambda } from '../lambda';
import type { IncomingRequest } from './events';
import {
	ACCESS_DENIED,
	AUTHORIZER_CONFIGURATION_ERROR,
	EXPLICIT_DENY,
	type GatewayRefusal,
	UNAUTHORIZED,
} from './responses';

type LambdaAuthorizer = Extract<RestAuthorizer, { type: 'TOKEN' | 'REQUEST' }>;

/** What a Lambda authorizer returned, once checked. */
interface AuthorizerResult {
	principalId: string;
	policyDocument: object;
	context: Record<string, string | number | boolean>;
}

export type LambdaDecision =
	| {
			ok: true;
			principalId: string;
			context: Record<string, string | number | boolean>;
			cached: boolean;
	  }
	| { ok: false; refusal: GatewayRefusal; reason: string };

const DEFAULT_TTL_SECONDS = 300;
const CACHE_LIMIT = 1000;

/** The part of a request an authorizer event describes. */
export interface AuthorizerRequest {
	request: IncomingRequest;
	apiId: string;
	stage: string;
	resourcePath: string;
	pathParameters: Record<string, string>;
	methodArn: string;
	accountId: string;
}

/** `method.request.header.Authorization` → where to read it. */
function readSource(source: string, input: AuthorizerRequest): string | undefined {
	const header = /^method\.request\.header\.(.+)$/i.exec(source)?.[1];
	if (header !== undefined) return input.request.headers[header.toLowerCase()];
	const query = /^method\.request\.querystring\.(.+)$/i.exec(source)?.[1];
	if (query !== undefined) return input.request.query[query]?.at(-1);
	const contextKey = /^context\.(.+)$/.exec(source)?.[1];
	if (contextKey === 'httpMethod') return input.request.method;
	if (contextKey === 'stage') return input.stage;
	return undefined;
}

export function createLambdaAuthorizers(context: SandboxContext, iam: IamEvaluator) {
	// By API, authorizer and identity-source values (all caller-chosen): a Map, bounded.
	const cache = new Map<string, { expires: number; result: AuthorizerResult }>();

	function evaluate(result: AuthorizerResult, methodArn: string, cached: boolean): LambdaDecision {
		const decision = iam.evaluate({
			policies: [result.policyDocument],
			action: 'execute-api:Invoke',
			resource: methodArn,
			context: {},
		});
		context.emit({
			type: 'PolicyEvaluated',
			principalArn: result.principalId,
			action: 'execute-api:Invoke',
			resource: methodArn,
			decision: decision.decision,
			statement: decision.statement,
			at: context.clock.now(),
		});
		if (decision.decision === 'Allow')
			return { ok: true, principalId: result.principalId, context: result.context, cached };
		return decision.reason === 'explicit-deny'
			? { ok: false, refusal: EXPLICIT_DENY, reason: 'the authorizer policy denies this method' }
			: {
					ok: false,
					refusal: ACCESS_DENIED,
					reason: `no statement of the authorizer policy${cached ? ' (cached)' : ''} allows ${methodArn}`,
				};
	}

	async function authorize(
		authorizer: LambdaAuthorizer,
		input: AuthorizerRequest
	): Promise<LambdaDecision> {
		const sources = (
			authorizer.identitySource ??
			(authorizer.type === 'TOKEN' ? 'method.request.header.Authorization' : '')
		)
			.split(',')
			.map((source) => source.trim())
			.filter(Boolean);
		const values = sources.map((source) => readSource(source, input));
		if (values.some((value) => value === undefined || value === ''))
			return {
				ok: false,
				refusal: UNAUTHORIZED,
				reason: `identity source missing: ${sources.filter((_, i) => !values[i]).join(', ')}`,
			};
		const token = values[0];
		if (authorizer.type === 'TOKEN' && authorizer.identityValidationExpression !== undefined) {
			let valid = false;
			try {
				valid = new RegExp(`^(?:${authorizer.identityValidationExpression})$`).test(token!);
			} catch {
				valid = false;
			}
			if (!valid)
				return {
					ok: false,
					refusal: UNAUTHORIZED,
					reason: 'the token does not match the identity validation expression',
				};
		}

		const ttl = authorizer.resultTtlInSeconds ?? DEFAULT_TTL_SECONDS;
		// REQUEST authorizers without identity sources cannot be cached.
		const cacheKey =
			ttl > 0 && sources.length > 0
				? JSON.stringify([input.apiId, authorizer.name, ...values])
				: undefined;
		const now = context.clock.now();
		const hit = cacheKey === undefined ? undefined : cache.get(cacheKey);
		if (hit && hit.expires > now) return evaluate(hit.result, input.methodArn, true);

		const { request } = input;
		const event =
			authorizer.type === 'TOKEN'
				? { type: 'TOKEN', authorizationToken: token, methodArn: input.methodArn }
				: {
						type: 'REQUEST',
						methodArn: input.methodArn,
						resource: input.resourcePath,
						path: request.path,
						httpMethod: request.method,
						headers: request.headers,
						multiValueHeaders: dict(
							Object.keys(request.headers).map((name) => [name, [request.headers[name]!]] as const)
						),
						queryStringParameters: dict(
							Object.keys(request.query).map((key) => [key, request.query[key]!.at(-1)!] as const)
						),
						multiValueQueryStringParameters: request.query,
						pathParameters: input.pathParameters,
						stageVariables: {},
						requestContext: {
							path: `/${input.stage}${request.path}`,
							accountId: input.accountId,
							resourcePath: input.resourcePath,
							stage: input.stage,
							requestId: request.requestId,
							httpMethod: request.method,
							apiId: input.apiId,
						},
					};
		const outcome = await invokeLambda(context, authorizer.functionArn, event, {
			trigger: 'LambdaAuthorizer',
			source: authorizer.type,
		});
		if (!outcome.ok) {
			// `throw new Error('Unauthorized')` (or callback('Unauthorized')) is how an authorizer says 401.
			if (outcome.kind === 'error' && /^(Error: )?Unauthorized$/.test(outcome.message))
				return { ok: false, refusal: UNAUTHORIZED, reason: 'the authorizer answered Unauthorized' };
			return {
				ok: false,
				refusal: AUTHORIZER_CONFIGURATION_ERROR,
				reason: `the authorizer failed (${outcome.kind}: ${outcome.message})`,
			};
		}
		const result = readResult(outcome.value);
		if (typeof result === 'string')
			return { ok: false, refusal: AUTHORIZER_CONFIGURATION_ERROR, reason: result };
		if (cacheKey !== undefined) {
			if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
			cache.set(cacheKey, { expires: now + ttl * 1000, result });
		}
		return evaluate(result, input.methodArn, false);
	}

	return { authorize, flush: () => cache.clear() };
}

/** The authorizer's output, or why API Gateway cannot use it. */
function readResult(value: unknown): AuthorizerResult | string {
	if (!value || typeof value !== 'object' || Array.isArray(value))
		return 'the authorizer returned no object';
	const output = value as Record<string, unknown>;
	if (typeof output.principalId !== 'string' || output.principalId === '')
		return 'the authorizer output has no principalId';
	const policy = output.policyDocument;
	if (!policy || typeof policy !== 'object' || !('Statement' in policy))
		return 'the authorizer output has no policyDocument with a Statement';
	const extra = output.context ?? {};
	if (typeof extra !== 'object' || Array.isArray(extra) || extra === null)
		return 'the authorizer context must be an object';
	const entries = Object.entries(extra as Record<string, unknown>);
	if (entries.some(([, item]) => !['string', 'number', 'boolean'].includes(typeof item)))
		return 'authorizer context values must be strings, numbers or booleans (no objects or arrays)';
	return {
		principalId: output.principalId,
		policyDocument: policy,
		context: dict(entries as Array<[string, string | number | boolean]>),
	};
}
