/**
 * One call into a sandbox by operation name, returning the outcome as data. Used by the simulator's worker and by
 * the headless scenario test, so both speak to the sandbox the same way: through `sandbox.fetch` and the wire
 * protocols, like an SDK would.
 *
 * Operation names:
 * - a real cognito-idp or cognito-identity operation (`SignUp`, `GetId`): AWS JSON 1.1 (`cognito-identity:Name`
 *   forces the identity service for the few names both services have);
 * - `Sync.<Operation>` (`Sync.UpdateRecords`, `Sync.ListRecords`, `Sync.ListDatasets`): Cognito Sync's REST paths;
 *   the request carries `IdentityPoolId`, `IdentityId`, `DatasetName` and, to sign as the identity, `AccessKeyId`;
 * - `Sandbox.SimulateRequest` (`AccessKeyId`, `Action`, `Resource`, optional `Context`): an IAM policy check made with
 *   issued credentials; `Sandbox.AdvanceClock` (`Seconds`): moves the sandbox clock (needs a clock control);
 *   `Sandbox.MintProviderToken` (`Provider`, `Claims`): a mock Google/Facebook/OIDC token;
 *   `Sandbox.DefineRestApi`, `Sandbox.DefineHttpApi`, `Sandbox.DefineGraphqlApi`, `Sandbox.HttpRequest`: API
 *   Gateway and AppSync in front of Cognito (./gateway-calls.ts); `Sandbox.Fetch` (`Method`, `Url`, `Headers`,
 *   `Body`): one raw HTTP hop, the headless browser's (./browser.ts) way in; `Sandbox.CreatePasskey` /
 *   `Sandbox.UsePasskey` (`Options`, `Origin`): a virtual passkey authenticator (./passkey.ts).
 */
import type { Sandbox } from '../cognito';
import { GATEWAY_OPERATIONS, gatewayOperation, type GatewaySandbox } from './gateway-calls';
import type { HopResponse } from './browser';
import { passkeyOperation } from './passkey';
import type { CallOutcome, JsonObject } from './types';
import {
	SANDBOX_COOKIE_HEADER,
	SANDBOX_SET_COOKIE_HEADER,
	setCookiesOf,
} from '../cognito/oauth/http';

const JSON_CONTENT_TYPE = 'application/x-amz-json-1.1';
const IDP = 'AWSCognitoIdentityProviderService';
const IDENTITY = 'AWSCognitoIdentityService';

/** Sync operations the simulator can call, with their method and path (parameters in braces). */
export const SYNC_ROUTES: Readonly<Record<string, readonly [method: string, path: string]>> =
	Object.freeze({
		ListDatasets: ['GET', '/identitypools/{IdentityPoolId}/identities/{IdentityId}/datasets'],
		DescribeDataset: [
			'GET',
			'/identitypools/{IdentityPoolId}/identities/{IdentityId}/datasets/{DatasetName}',
		],
		DeleteDataset: [
			'DELETE',
			'/identitypools/{IdentityPoolId}/identities/{IdentityId}/datasets/{DatasetName}',
		],
		ListRecords: [
			'GET',
			'/identitypools/{IdentityPoolId}/identities/{IdentityId}/datasets/{DatasetName}/records',
		],
		UpdateRecords: [
			'POST',
			'/identitypools/{IdentityPoolId}/identities/{IdentityId}/datasets/{DatasetName}',
		],
		RegisterDevice: ['POST', '/identitypools/{IdentityPoolId}/identity/{IdentityId}/device'],
		SubscribeToDataset: [
			'POST',
			'/identitypools/{IdentityPoolId}/identities/{IdentityId}/datasets/{DatasetName}/subscriptions/{DeviceId}',
		],
		SetIdentityPoolConfiguration: ['POST', '/identitypools/{IdentityPoolId}/configuration'],
		SetCognitoEvents: ['POST', '/identitypools/{IdentityPoolId}/events'],
	});

/** What a call may do beyond the sandbox itself. */
export interface CallHooks {
	/** Moves the sandbox clock forward; `Sandbox.AdvanceClock` fails without it. */
	advanceClock?(ms: number): void;
	/** The sandbox clock, for SigV4 dates in `Sandbox.HttpRequest`. */
	now?(): number;
}

/** The subset of a sandbox that calls need (so tests can pass a fake). */
export type CallableSandbox = Pick<Sandbox, 'fetch' | 'simulateRequest'> &
	Partial<Pick<Sandbox, 'mintProviderToken' | 'serves'>> &
	GatewaySandbox;

/** Calls one operation with a JSON request and returns the response or the service error. Never throws. */
export async function callSandbox(
	sandbox: CallableSandbox,
	operation: string,
	request: JsonObject,
	hooks: CallHooks = {}
): Promise<CallOutcome> {
	try {
		if (operation.startsWith('Sandbox.'))
			return await sandboxOperation(sandbox, operation.slice(8), request, hooks);
		if (operation.startsWith('Sync.'))
			return await syncOperation(sandbox, operation.slice(5), request);
		if (operation.startsWith('cognito-identity:'))
			return await jsonCall(sandbox, IDENTITY, operation.slice(17), request);
		if (operation.startsWith('cognito-idp:'))
			return await jsonCall(sandbox, IDP, operation.slice(12), request);
		const first = await jsonCall(sandbox, IDP, operation, request);
		if (!first.ok && first.error.type === 'UnknownOperationException') {
			const second = await jsonCall(sandbox, IDENTITY, operation, request);
			if (!(!second.ok && second.error.type === 'UnknownOperationException')) return second;
			return {
				ok: false,
				error: { type: 'UnknownOperationException', message: `Unknown operation ${operation}` },
			};
		}
		return first;
	} catch (error) {
		return {
			ok: false,
			error: {
				type: 'ClientError',
				message: error instanceof Error ? error.message : String(error),
			},
		};
	}
}

async function jsonCall(
	sandbox: CallableSandbox,
	prefix: string,
	operation: string,
	request: JsonObject
): Promise<CallOutcome> {
	const response = await sandbox.fetch(
		new Request('https://cognito.sandbox/', {
			method: 'POST',
			headers: { 'X-Amz-Target': `${prefix}.${operation}`, 'Content-Type': JSON_CONTENT_TYPE },
			body: JSON.stringify(request),
		})
	);
	return readOutcome(response);
}

async function readOutcome(response: Response): Promise<CallOutcome> {
	const text = await response.text();
	let body: unknown = {};
	try {
		body = text ? JSON.parse(text) : {};
	} catch {
		body = { message: text };
	}
	if (response.status >= 200 && response.status < 300) return { ok: true, response: body };
	const record = (body ?? {}) as { __type?: string; message?: string; Message?: string };
	const type = (
		response.headers.get('x-amzn-errortype') ??
		record.__type ??
		`HTTP ${response.status}`
	).split(':')[0]!;
	return { ok: false, error: { type, message: record.message ?? record.Message ?? '' } };
}

async function syncOperation(
	sandbox: CallableSandbox,
	operation: string,
	request: JsonObject
): Promise<CallOutcome> {
	const route = SYNC_ROUTES[operation];
	if (!route) {
		return {
			ok: false,
			error: {
				type: 'UnknownOperationException',
				message: `Unknown Cognito Sync operation ${operation}; known: ${Object.keys(SYNC_ROUTES).join(', ')}`,
			},
		};
	}
	const [method, template] = route;
	const body: JsonObject = { ...request };
	delete body.AccessKeyId;
	const path = template.replace(/\{(\w+)\}/g, (_, name: string) => {
		const value = body[name];
		delete body[name];
		return encodeURIComponent(String(value ?? ''));
	});
	const url = new URL(`https://cognito-sync.sandbox${path}`);
	if (method === 'GET') {
		for (const [key, value] of Object.entries(body))
			if (value !== undefined) url.searchParams.set(key, String(value));
	}
	const headers: Record<string, string> = { 'Content-Type': 'application/json' };
	if (typeof request.AccessKeyId === 'string') {
		headers.Authorization = `AWS4-HMAC-SHA256 Credential=${request.AccessKeyId}/20260101/us-east-1/cognito-sync/aws4_request, SignedHeaders=host, Signature=0`;
	}
	// The SDK sends UpdateRecords' ClientContext as a header; GET parameters go in the query (as the SDK names them).
	if (typeof body.ClientContext === 'string') {
		headers['x-amz-Client-Context'] = body.ClientContext;
		delete body.ClientContext;
	}
	const response = await sandbox.fetch(
		new Request(url, {
			method,
			headers,
			body: method === 'GET' || method === 'DELETE' ? undefined : JSON.stringify(body),
		})
	);
	return readOutcome(response);
}

async function sandboxOperation(
	sandbox: CallableSandbox,
	operation: string,
	request: JsonObject,
	hooks: CallHooks
): Promise<CallOutcome> {
	switch (operation) {
		case 'SimulateRequest': {
			const { AccessKeyId, Action, Resource, Context } = request as {
				AccessKeyId?: unknown;
				Action?: unknown;
				Resource?: unknown;
				Context?: unknown;
			};
			if (
				typeof AccessKeyId !== 'string' ||
				typeof Action !== 'string' ||
				typeof Resource !== 'string'
			) {
				return invalid('SimulateRequest needs AccessKeyId, Action and Resource strings');
			}
			const result = await sandbox.simulateRequest({
				accessKeyId: AccessKeyId,
				action: Action,
				resource: Resource,
				context: (Context ?? undefined) as Record<string, string | string[]> | undefined,
			});
			return {
				ok: true,
				response: {
					Decision: result.decision,
					Reason: result.reason,
					PrincipalArn: result.principalArn,
					...(result.statement ? { MatchedStatement: result.statement } : {}),
				},
			};
		}
		case 'AdvanceClock': {
			const seconds = Number(request.Seconds);
			if (!Number.isFinite(seconds) || seconds < 0)
				return invalid('AdvanceClock needs Seconds, a number of seconds ≥ 0');
			if (!hooks.advanceClock) return invalid('This sandbox has no movable clock');
			hooks.advanceClock(seconds * 1000);
			return { ok: true, response: { AdvancedSeconds: seconds } };
		}
		case 'MintProviderToken': {
			if (!sandbox.mintProviderToken) return invalid('This sandbox cannot mint provider tokens');
			const { Provider, Claims } = request as { Provider?: unknown; Claims?: unknown };
			if (typeof Provider !== 'string' || !Claims || typeof Claims !== 'object')
				return invalid('MintProviderToken needs Provider and Claims');
			const token = await sandbox.mintProviderToken(
				Provider,
				Claims as Parameters<NonNullable<CallableSandbox['mintProviderToken']>>[1]
			);
			return { ok: true, response: { Token: token } };
		}
		case 'Fetch':
			return { ok: true, response: await fetchHop(sandbox, request) };
		case 'CreatePasskey':
		case 'UsePasskey':
			return await passkeyOperation(operation, request);
		default:
			if (GATEWAY_OPERATIONS.includes(operation))
				return await gatewayOperation(sandbox, operation, request, hooks.now);
			return {
				ok: false,
				error: {
					type: 'UnknownOperationException',
					message: `Unknown sandbox operation Sandbox.${operation}; known: SimulateRequest, AdvanceClock, MintProviderToken, Fetch, CreatePasskey, UsePasskey, ${GATEWAY_OPERATIONS.join(', ')}`,
				},
			};
	}
}

/** One browser hop: the raw answer, and whether the sandbox serves the request's host and the redirect's. */
async function fetchHop(sandbox: CallableSandbox, request: JsonObject): Promise<HopResponse> {
	const {
		Method = 'GET',
		Url,
		Headers: headers = {},
		Body,
	} = request as {
		Method?: string;
		Url?: string;
		Headers?: Record<string, string>;
		Body?: string;
	};
	const serves = (url: string) => (sandbox.serves ? sandbox.serves(url) : true);
	const empty = { Status: 0, Headers: {}, SetCookie: [], Body: '' };
	if (typeof Url !== 'string' || !serves(Url)) return { Served: false, ...empty };
	// In a browser (the simulator's worker) Request drops `Cookie` and Response drops `Set-Cookie`: the sandbox's
	// copies carry them (see SANDBOX_COOKIE_HEADER).
	const cookie = Object.entries(headers).find(([name]) => name.toLowerCase() === 'cookie')?.[1];
	const response = await sandbox.fetch(
		new Request(Url, {
			method: Method,
			headers: cookie ? { ...headers, [SANDBOX_COOKIE_HEADER]: cookie } : headers,
			...(Body === undefined || Method === 'GET' ? {} : { body: Body }),
			redirect: 'manual',
		})
	);
	const plain: Record<string, string> = Object.create(null);
	response.headers.forEach((value, name) => {
		if (name !== 'set-cookie' && name !== SANDBOX_SET_COOKIE_HEADER) plain[name] = value;
	});
	const location = plain.location ? new URL(plain.location, Url).toString() : undefined;
	return {
		Served: true,
		...(location ? { LocationServed: serves(location) } : {}),
		Status: response.status,
		Headers: plain,
		SetCookie: setCookiesOf(response),
		Body: await response.text(),
	};
}

function invalid(message: string): CallOutcome {
	return { ok: false, error: { type: 'InvalidParameterException', message } };
}
