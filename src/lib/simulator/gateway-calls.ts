/**
 * Scenario helpers for the gateways in front of Cognito, so a scenario (JSON/YAML) can declare APIs and call
 * them like a client would:
 * - `Sandbox.DefineRestApi`, `Sandbox.DefineHttpApi`, `Sandbox.DefineGraphqlApi`: the request is the definition
 *   (see src/lib/cognito/gateways/definitions.ts); the response is `{ Id, Url }`. A bad definition fails with
 *   `DefinitionError` naming the field. `Sandbox.DefineLoadBalancer` (an ALB with `authenticate-cognito` rules,
 *   src/lib/cognito/gateways/alb.ts) answers `{ Arn, DnsName, Url, CallbackUrl }`.
 * - `Sandbox.HttpRequest` (`Url`, optional `Method`, `Headers`, `Body`, and `SignWith: { AccessKeyId, SecretKey,
 *   SessionToken, Service }` to sign with SigV4 as an SDK would): any request to a gateway. A 2xx answer is the
 *   step's success (`{ StatusCode, Body }`); anything else fails with the gateway's error type
 *   (`UnauthorizedException`, `AccessDeniedException`, …) and message.
 */
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import type { Sandbox } from '../cognito';
import type { CallOutcome, JsonObject } from './types';

export type GatewaySandbox = Partial<
	Pick<Sandbox, 'defineRestApi' | 'defineHttpApi' | 'defineGraphqlApi' | 'defineLoadBalancer'>
> &
	Pick<Sandbox, 'fetch'>;

export const GATEWAY_OPERATIONS = [
	'DefineRestApi',
	'DefineHttpApi',
	'DefineGraphqlApi',
	'DefineLoadBalancer',
	'HttpRequest',
];

const failure = (type: string, message: string): CallOutcome => ({
	ok: false,
	error: { type, message },
});

/** Runs one gateway helper; `now` is the sandbox clock (for SigV4 dates). */
export async function gatewayOperation(
	sandbox: GatewaySandbox,
	operation: string,
	request: JsonObject,
	now: (() => number) | undefined
): Promise<CallOutcome> {
	try {
		switch (operation) {
			case 'DefineRestApi':
			case 'DefineHttpApi':
			case 'DefineGraphqlApi': {
				const define = {
					DefineRestApi: sandbox.defineRestApi,
					DefineHttpApi: sandbox.defineHttpApi,
					DefineGraphqlApi: sandbox.defineGraphqlApi,
				}[operation];
				if (!define)
					return failure('InvalidParameterException', `This sandbox has no ${operation}`);
				const { id, url } = await define(request as never);
				return { ok: true, response: { Id: id, Url: url } };
			}
			case 'DefineLoadBalancer': {
				if (!sandbox.defineLoadBalancer)
					return failure('InvalidParameterException', 'This sandbox has no DefineLoadBalancer');
				const alb = await sandbox.defineLoadBalancer(request as never);
				return {
					ok: true,
					response: {
						Arn: alb.arn,
						DnsName: alb.dnsName,
						Url: alb.url,
						CallbackUrl: alb.callbackUrl,
					},
				};
			}
			case 'HttpRequest':
				return await httpRequest(sandbox, request, now);
		}
	} catch (error) {
		if (error instanceof Error && error.name === 'DefinitionError')
			return failure('DefinitionError', error.message);
		throw error;
	}
	return failure('UnknownOperationException', `Unknown sandbox operation Sandbox.${operation}`);
}

async function httpRequest(
	sandbox: GatewaySandbox,
	request: JsonObject,
	now: (() => number) | undefined
): Promise<CallOutcome> {
	const {
		Url,
		Method = 'GET',
		Headers: headers = {},
		Body,
		SignWith,
	} = request as {
		Url?: unknown;
		Method?: unknown;
		Headers?: unknown;
		Body?: unknown;
		SignWith?: {
			AccessKeyId?: unknown;
			SecretKey?: unknown;
			SessionToken?: unknown;
			Service?: unknown;
		};
	};
	if (
		typeof Url !== 'string' ||
		typeof Method !== 'string' ||
		!headers ||
		typeof headers !== 'object'
	)
		return failure(
			'InvalidParameterException',
			'HttpRequest needs Url (and optional Method, Headers, Body)'
		);
	const body =
		Body === undefined ? undefined : typeof Body === 'string' ? Body : JSON.stringify(Body);
	let outgoing = new Headers(headers as Record<string, string>);
	if (SignWith) {
		if (!now) return failure('InvalidParameterException', 'This sandbox has no clock to sign with');
		const url = new URL(Url);
		const query: Record<string, string> = Object.create(null);
		for (const [key, value] of url.searchParams) query[key] = value;
		const plain: Record<string, string> = Object.create(null);
		outgoing.forEach((value, name) => (plain[name] = value));
		plain.host = url.host;
		const signed = await new SignatureV4({
			credentials: {
				accessKeyId: String(SignWith.AccessKeyId ?? ''),
				secretAccessKey: String(SignWith.SecretKey ?? ''),
				...(SignWith.SessionToken ? { sessionToken: String(SignWith.SessionToken) } : {}),
			},
			region: /\.([a-z0-9-]+)\.amazonaws\.com/.exec(url.host + url.pathname)?.[1] ?? 'us-east-1',
			service: String(SignWith.Service ?? 'execute-api'),
			sha256: Sha256,
		}).sign(
			{
				method: Method,
				protocol: url.protocol,
				hostname: url.hostname,
				path: url.pathname,
				query,
				headers: plain,
				body,
			},
			{ signingDate: new Date(now()) }
		);
		outgoing = new Headers(signed.headers as Record<string, string>);
	}
	const response = await sandbox.fetch(
		new Request(Url, { method: Method, headers: outgoing, body })
	);
	const text = await response.text();
	let parsed: unknown = text;
	try {
		parsed = JSON.parse(text);
	} catch {
		// Not JSON: kept as text.
	}
	if (response.ok)
		return { ok: true, response: { StatusCode: response.status, Body: parsed } as JsonObject };
	// API Gateway: `{"message": …}`; AppSync: `{"errors": [{"errorType", "message"}]}`.
	const record = (parsed && typeof parsed === 'object' ? parsed : {}) as {
		message?: unknown;
		errors?: Array<{ message?: unknown }>;
	};
	const message =
		record.message !== undefined
			? String(record.message)
			: Array.isArray(record.errors) && record.errors[0]?.message !== undefined
				? String(record.errors[0].message)
				: text;
	return failure(
		response.headers.get('x-amzn-errortype') ?? firstErrorType(parsed) ?? `HTTP ${response.status}`,
		message
	);
}

/** AppSync puts its error type in the body. */
function firstErrorType(body: unknown): string | undefined {
	const errors = (body as { errors?: Array<{ errorType?: unknown }> } | null)?.errors;
	return Array.isArray(errors) && typeof errors[0]?.errorType === 'string'
		? errors[0].errorType
		: undefined;
}
