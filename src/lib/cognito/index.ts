/**
 * A sandboxed, in-memory Amazon Cognito that speaks the real wire protocols, so the AWS SDK v3 clients,
 * the AWS CLI (through the local emulator) and `aws-jwt-verify` work against it unchanged.
 * Pure and deterministic: the clock and randomness are injected; nothing touches the network or the DOM.
 *
 * @example
 * const sandbox = createSandbox({ clock: { now: () => Date.parse('2026-01-01T00:00:00Z') }, random: seeded(1) });
 * const response = await sandbox.fetch(new Request('http://localhost/', {
 *   method: 'POST',
 *   headers: { 'X-Amz-Target': 'AWSCognitoIdentityProviderService.CreateUserPool', 'Content-Type': 'application/x-amz-json-1.1' },
 *   body: JSON.stringify({ PoolName: 'demo' }),
 * }));
 */
import type {
	Clock,
	FunctionCode,
	FunctionRuntime,
	OutboxMessage,
	Random,
	RoleDefinition,
	SandboxContext,
} from './core/context';
import { ServiceError } from './core/errors';
import { readJsonObject } from './core/json-body';
import type { Caller, JsonService, WebFrontEnd } from './core/service';
import type { BackchannelCaller, TraceEvent, TraceListener } from './core/trace';
import { tracedFrontEnd } from './core/traced-front-end';
import { createUserPoolService } from './user-pools';
import { createManagedLogin } from './oauth';
import { createIdentityService } from './identity';
import { createStsService } from './sts';
import { createSyncService } from './sync';
import { createGateways } from './gateways';
import { createIamEvaluator } from './iam';
import { createIamService, IAM_NAMESPACE } from './iam/service';
import { createQuickJsRuntime } from './runtime';
import { awsUrlStyle, localUrlStyle } from './core/urls';
import { queryErrorResponse, STS_NAMESPACE } from './sts/query-protocol';
import { decodeSnapshot, type SandboxSnapshot } from './snapshot';
import { createFederationHooks, createMockIdps, type FederationDeps } from './federation';

export { ServiceError } from './core/errors';
export { SnapshotError } from './core/state-codec';
export { DefinitionError } from './gateways';
export type {
	RestApiDefinition,
	HttpApiDefinition,
	GraphqlApiDefinition,
	AppSyncAuthMode,
} from './gateways';
export type { SandboxSnapshot } from './snapshot';
export type {
	Clock,
	Random,
	OutboxMessage,
	RoleDefinition,
	FunctionCode,
	FunctionRuntime,
	InvocationResult,
} from './core/context';
export type { TraceEvent, TraceListener } from './core/trace';

export interface SandboxOptions {
	region?: string;
	clock?: Clock;
	random?: Random;
	/** AWS account id used in ARNs (default 123456789012). */
	accountId?: string;
	/**
	 * Runs learner Lambda code. Default: QuickJS in this thread, stopped by its interrupt handler. Hosts
	 * that must stay responsive whatever the code does (the emulator, the simulator) pass a supervised
	 * runtime that runs each invocation in a worker it can terminate (./runtime/supervised.ts).
	 */
	runtime?: FunctionRuntime;
	/** Most trace events kept (oldest dropped first; default 1,000): a long-running host never grows without bound. */
	traceLimit?: number;
	/** Most outbox messages kept (oldest dropped first; default 1,000). */
	outboxLimit?: number;
	/**
	 * When set (for example `http://localhost:9229`), every URL the sandbox hands out (token `iss`, JWKS,
	 * OpenID discovery, managed login) points back at this base as `<baseUrl>/_host/<host><path>`, so
	 * unchanged OIDC clients and JWT verifiers reach a local server. Default: real AWS host names.
	 */
	baseUrl?: string;
	/**
	 * Refuse roles nobody defined, as AWS does (the emulator, whose users define roles through its IAM endpoint).
	 * Default false: an undefined role trusts any identity pool and grants nothing, so simulator learners can try
	 * identity pools before writing roles.
	 */
	strictRoles?: boolean;
}

/** The snapshot format `snapshot()` writes; `restore()` also reads format 1. */
const SNAPSHOT_VERSION = 2;

const JSON_CONTENT_TYPE = 'application/x-amz-json-1.1';

export function createSandbox(options: SandboxOptions = {}) {
	const region = options.region ?? 'us-east-1';
	const accountId = options.accountId ?? '123456789012';
	// Defaults keep the sandbox usable without injection; tests and the simulator always inject both.
	const clock: Clock = options.clock ?? { now: () => globalThis.Date.now() };
	const random: Random = options.random ?? (() => globalThis.Math.random());

	const trace: TraceEvent[] & { subscribe(listener: TraceListener): () => void } = Object.assign(
		[] as TraceEvent[],
		{
			subscribe(listener: TraceListener) {
				listeners.add(listener);
				return () => listeners.delete(listener);
			},
		}
	);
	const listeners = new Set<TraceListener>();
	const outbox: OutboxMessage[] = [];
	const traceLimit = Math.max(1, options.traceLimit ?? 1000);
	const outboxLimit = Math.max(1, options.outboxLimit ?? 1000);
	const keepLast = (list: unknown[], limit: number) => {
		if (list.length > limit) list.splice(0, list.length - limit);
	};
	const functions = new Map<string, FunctionCode>();
	const roles = new Map<string, RoleDefinition>();

	const randomString = (length: number, alphabet: string) => {
		let out = '';
		for (let i = 0; i < length; i++) out += alphabet[Math.floor(random() * alphabet.length)];
		return out;
	};
	const context: SandboxContext = {
		region,
		accountId,
		clock,
		random,
		emit(original) {
			// The trace keeps requests for the simulator's views, not as an archive: long strings are cut.
			const event: TraceEvent =
				original.type === 'ApiCall'
					? {
							...original,
							request: traceCopy(original.request),
							...(original.error
								? {
										error: {
											type: original.error.type,
											message: traceCopy(original.error.message) as string,
										},
									}
								: {}),
						}
					: original;
			trace.push(event);
			keepLast(trace, traceLimit);
			for (const listener of listeners) listener(event);
		},
		send(message) {
			const full = { ...message, at: clock.now() };
			outbox.push(full);
			keepLast(outbox, outboxLimit);
			context.emit({
				type: 'MessageSent',
				channel: full.channel,
				destination: full.destination,
				reason: full.reason,
				code: full.code,
				at: full.at,
			});
		},
		functions,
		roles,
		strictRoles: options.strictRoles ?? false,
		runtime: options.runtime ?? createQuickJsRuntime({ guestClock: clock, random }),
		uuid() {
			const hex = randomString(32, '0123456789abcdef').split('');
			hex[12] = '4';
			hex[16] = '89ab'[Math.floor(random() * 4)]!;
			const s = hex.join('');
			return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
		},
		randomString,
		urls: options.baseUrl ? localUrlStyle(options.baseUrl) : awsUrlStyle(),
	};

	const iam = createIamEvaluator(context);
	// One set of mock identity providers for user-pool federation and identity-pool logins.
	const idps = createMockIdps(context);
	const federationDeps: FederationDeps = {
		fetch: (request) => fetch(request, 'cognito-idp'),
		idps,
	};
	const userPools = createUserPoolService(context, federationDeps);
	const sts = createStsService(context, { iam });
	const identity = createIdentityService(context, { userPools, sts, idps });
	const sync = createSyncService(context, { identity, sts });
	const iamEndpoint = createIamService(context, {
		async decide(caller, action, resource) {
			if (!sts.sessionFor(caller.accessKeyId)) return undefined;
			return sts.simulateRequest({ accessKeyId: caller.accessKeyId!, action, resource });
		},
	});

	const gateways = createGateways(context, {
		sts,
		iam,
		fetch: (request) => fetch(request, 'gateway'),
	});

	const managedLogin = createManagedLogin(context, userPools);
	managedLogin.registerFederation(createFederationHooks(managedLogin));

	// Browser-facing front ends, each claiming its hosts (the folders oauth/, federation/, gateways/ add theirs).
	const frontEnds: WebFrontEnd[] = [
		managedLogin.frontEnd,
		gateways.frontEnd,
		tracedFrontEnd(context, 'identity-provider', idps.frontEnd),
	];

	// Looked up by the X-Amz-Target prefix a caller sends: a Map, so `constructor` finds nothing.
	const jsonServices = new Map<string, { name: string; service: JsonService }>([
		['AWSCognitoIdentityProviderService', { name: 'cognito-idp', service: userPools }],
		['AWSCognitoIdentityService', { name: 'cognito-identity', service: identity }],
	]);

	/** `backchannel` is set for back-channel requests the sandbox sends itself (recorded in the trace). */
	async function fetch(request: Request, backchannel?: BackchannelCaller): Promise<Response> {
		const url = new URL(request.url);
		const destination = context.urls.target(url);
		const authorization = request.headers.get('authorization');
		const caller: Caller = { accessKeyId: accessKeyIdOf(authorization) };
		const contentType = request.headers.get('content-type') ?? '';
		const isQuery =
			request.method === 'POST' && contentType.startsWith('application/x-www-form-urlencoded');
		try {
			const frontEnd = frontEnds.find((candidate) => candidate.serves(destination.host));
			if (frontEnd) return await frontEnd.fetch(request, destination, backchannel);
			if (isQuery) {
				const iam =
					signingServiceOf(authorization) === 'iam' || destination.host === 'iam.amazonaws.com';
				if (forgedTemporaryKey(caller))
					return queryErrorResponse(
						new ServiceError(
							'InvalidClientTokenId',
							'The security token included in the request is invalid.',
							403
						),
						context.uuid(),
						iam ? IAM_NAMESPACE : STS_NAMESPACE
					);
				return await (iam ? iamEndpoint : sts).fetch(request, caller);
			}
			if (forgedTemporaryKey(caller))
				// The JSON protocols' name for the same refusal.
				throw new ServiceError(
					'UnrecognizedClientException',
					'The security token included in the request is invalid.'
				);
			const target = request.headers.get('x-amz-target');
			if (request.method === 'POST' && target) {
				const [prefix = '', operation = ''] = target.split('.');
				const entry = jsonServices.get(prefix);
				if (!entry || !entry.service.has(operation)) {
					throw new ServiceError('UnknownOperationException', `Unknown operation ${target}`);
				}
				const input = await readJsonObject(request);
				return await traced(
					entry.name,
					operation,
					input,
					() => entry.service.handle(operation, input, caller),
					backchannel
				);
			}
			const wellKnown =
				/^\/([\w-]+_[0-9A-Za-z]+)\/\.well-known\/(jwks\.json|openid-configuration)$/.exec(
					destination.path
				);
			if (request.method === 'GET' && wellKnown) {
				const document = userPools.wellKnown(
					wellKnown[1]!,
					wellKnown[2] === 'jwks.json' ? 'jwks' : 'openid-configuration'
				);
				if (!document)
					throw new ServiceError(
						'ResourceNotFoundException',
						`User pool ${wellKnown[1]} does not exist.`,
						404
					);
				return new Response(JSON.stringify(document), {
					status: 200,
					headers: { 'content-type': 'application/json' },
				});
			}
			if (request.method === 'GET' && destination.path === '/.well-known/jwks_uri') {
				// Cognito Identity's OpenID token keys, as at https://cognito-identity.amazonaws.com/.well-known/jwks_uri
				return new Response(JSON.stringify(await identity.openIdJwks()), {
					status: 200,
					headers: { 'content-type': 'application/json' },
				});
			}
			if (url.pathname.startsWith('/identitypools')) {
				return await sync.fetch(request, caller);
			}
			throw new ServiceError(
				'UnknownOperationException',
				`No operation matches ${request.method} ${url.pathname}`
			);
		} catch (error) {
			return errorResponse(error);
		}
	}

	/** A temporary (`ASIA…`) access key id this sandbox never issued: AWS refuses such credentials outright. */
	function forgedTemporaryKey(caller: Caller): boolean {
		return !!caller.accessKeyId?.startsWith('ASIA') && !sts.sessionFor(caller.accessKeyId);
	}

	async function traced(
		service: string,
		operation: string,
		input: Record<string, unknown>,
		run: () => Promise<unknown>,
		backchannel?: BackchannelCaller
	): Promise<Response> {
		const by = backchannel ? { caller: backchannel } : {};
		try {
			const output = (await run()) ?? {};
			context.emit({
				type: 'ApiCall',
				service,
				operation,
				request: input,
				response: output,
				...by,
				at: clock.now(),
			});
			return new Response(JSON.stringify(output), {
				status: 200,
				headers: { 'content-type': JSON_CONTENT_TYPE },
			});
		} catch (error) {
			const failure = asServiceError(error);
			context.emit({
				type: 'ApiCall',
				service,
				operation,
				request: input,
				error: { type: failure.type, message: failure.message },
				...by,
				at: clock.now(),
			});
			throw failure;
		}
	}

	return {
		/** Answers one request as AWS would (a browser, an SDK or an app is the caller). */
		fetch: (request: Request) => fetch(request),
		/**
		 * Whether `url` reaches this sandbox: a browser-facing front end (managed login, an identity provider, an API
		 * it defines) or an AWS service host. An app's own URLs (its callback) do not: a browser stops there.
		 */
		serves(url: string): boolean {
			if (!URL.canParse(url)) return false;
			const { host } = context.urls.target(new URL(url));
			return (
				frontEnds.some((candidate) => candidate.serves(host)) ||
				/(^|\.)amazonaws\.com$/.test(host.replace(/:\d+$/, ''))
			);
		},
		/** Registers a Lambda function a pool's `LambdaConfig` (or Sync's Cognito Events) can name. */
		defineFunction(arn: string, code: FunctionCode) {
			functions.set(arn, code);
		},
		/** Registers an IAM role with its trust policy and permission policies. */
		defineRole(arn: string, role: RoleDefinition) {
			roles.set(arn, { trustPolicy: role.trustPolicy, policies: role.policies ?? [] });
		},
		/** Evaluates an AWS request made with sandbox-issued credentials against the role's policies. */
		simulateRequest: sts.simulateRequest,
		/**
		 * Signs a mock identity-provider token for identity-pool `Logins`: `provider` is `accounts.google.com`,
		 * `graph.facebook.com`, `www.amazon.com`, `appleid.apple.com`, an OIDC provider name or a SAML provider ARN;
		 * `claims.sub` is the user's id there and `claims.aud` the app id the pool is configured with.
		 */
		mintProviderToken: identity.mintProviderToken,
		/**
		 * Declares a REST API of API Gateway (methods with NONE, COGNITO_USER_POOLS, AWS_IAM or a Lambda authorizer)
		 * served at `https://<id>.execute-api.<region>.amazonaws.com/<stage>/<path>`; throws `DefinitionError`.
		 */
		defineRestApi: gateways.defineRestApi,
		/** Declares an HTTP API (routes with a JWT authorizer or AWS_IAM); throws `DefinitionError`. */
		defineHttpApi: gateways.defineHttpApi,
		/** Declares an AppSync GraphQL API with its authorization modes; throws `DefinitionError`. */
		defineGraphqlApi: gateways.defineGraphqlApi,
		/** Declares an ALB whose listener rules may `authenticate-cognito`; throws `DefinitionError`. */
		defineLoadBalancer: gateways.defineLoadBalancer,
		/** The records Cognito Streams delivered to a simulated Kinesis stream (by stream name), oldest first. */
		readStream: sync.readStream,
		/**
		 * Managed login (../oauth): `registerFederation` plugs identity providers in; `completeExternalSignIn`
		 * ends a federated sign-in with the session cookie and the redirect back to the app.
		 */
		managedLogin,
		outbox,
		trace,
		/** The whole state as JSON data (format {@link SNAPSHOT_VERSION}); host-function triggers are not kept. */
		snapshot(): SandboxSnapshot {
			return JSON.parse(
				JSON.stringify({
					v: SNAPSHOT_VERSION,
					userPools: userPools.snapshot(),
					identity: identity.snapshot(),
					sts: sts.snapshot(),
					sync: sync.snapshot(),
					gateways: gateways.snapshot(),
					idps: idps.snapshot(),
					roles: [...roles.entries()],
					functions: [...functions.entries()].filter(([, code]) => typeof code === 'string'),
					outbox,
				})
			);
		},
		/**
		 * Replaces the state with a snapshot (format 1 or 2), whole or not at all: every part is read and
		 * checked before anything changes. Throws `SnapshotError` naming the first wrong field.
		 */
		restore(snapshot: unknown) {
			const parts = decodeSnapshot(snapshot, { userPools, identity, sts, sync, gateways, idps });
			userPools.load(parts.userPools);
			idps.load(parts.idps);
			identity.load(parts.identity);
			sts.load(parts.sts);
			sync.load(parts.sync);
			gateways.load(parts.gateways);
			roles.clear();
			for (const [arn, role] of parts.roles) roles.set(arn, role);
			for (const [arn, code] of parts.functions) functions.set(arn, code);
			outbox.splice(0, outbox.length, ...parts.outbox);
		},
	};
}

export type Sandbox = ReturnType<typeof createSandbox>;

/** The access key id from a SigV4 header: `AWS4-HMAC-SHA256 Credential=AKIA…/20260101/us-east-1/sts/aws4_request, …`. */
function accessKeyIdOf(authorization: string | null): string | undefined {
	return authorization ? /Credential=([^/,\s]+)\//.exec(authorization)?.[1] : undefined;
}

/** The service a SigV4 header was signed for (`iam`, `sts`, …), from its credential scope. */
function signingServiceOf(authorization: string | null): string | undefined {
	return authorization
		? /Credential=[^/,\s]+\/\d{8}\/[^/,\s]+\/([^/,\s]+)\/aws4_request/.exec(authorization)?.[1]
		: undefined;
}

/** Longest string kept in a traced request; longer ones are cut and marked. */
const TRACE_STRING_LIMIT = 8192;

/** A copy of a request for the trace, with strings longer than {@link TRACE_STRING_LIMIT} cut. */
function traceCopy(value: unknown): unknown {
	if (typeof value === 'string')
		return value.length > TRACE_STRING_LIMIT
			? `${value.slice(0, 64)}… (${value.length} characters, cut in the trace)`
			: value;
	if (Array.isArray(value)) return value.map(traceCopy);
	if (value && typeof value === 'object')
		return Object.fromEntries(
			Object.entries(value).map(([key, item]) => [key, traceCopy(item)] as const)
		);
	return value;
}

function asServiceError(error: unknown): ServiceError {
	if (error instanceof ServiceError) return error;
	const message = error instanceof Error ? error.message : String(error);
	return new ServiceError('InternalErrorException', `Internal error: ${message}`, 500);
}

function errorResponse(error: unknown): Response {
	const failure = asServiceError(error);
	return new Response(JSON.stringify({ __type: failure.type, message: failure.message }), {
		status: failure.status,
		headers: { 'content-type': JSON_CONTENT_TYPE, 'x-amzn-errortype': failure.type },
	});
}
