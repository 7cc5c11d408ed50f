/**
 * API Gateway and AppSync in front of Cognito, served by `createSandbox().fetch` on their real host names:
 * `<api-id>.execute-api.<region>.amazonaws.com` (REST and HTTP APIs) and `<api-id>.appsync-api.<region>.amazonaws.com`
 * (GraphQL). APIs are declared with a small typed configuration (`defineRestApi`, `defineHttpApi`,
 * `defineGraphqlApi`, or the same objects as JSON) instead of the real control planes.
 *
 * Module map: definitions.ts (configuration and its checks) · jwt.ts (token checks through the sandbox's own
 * JWKS) · sigv4.ts (SigV4 checks with the issued secret) · lambda.ts (authorizer functions) · api-gateway/
 * (rest.ts, http.ts, authorizers.ts, lambda-authorizer.ts, events.ts, responses.ts, routes.ts) · appsync/.
 */
import type { SandboxContext } from '../core/context';
import { dict, type Dict } from '../core/dict';
import type { WebFrontEnd } from '../core/service';
import {
	type Decoder,
	encodeState,
	json,
	mapOf,
	oneOf,
	optional,
	record,
	SnapshotError,
} from '../core/state-codec';
import type { RequestTarget } from '../core/urls';
import type { IamEvaluator } from '../iam';
import type { StsService } from '../sts';
import { createHttpApis } from './api-gateway/http';
import { createRestApis, type Served } from './api-gateway/rest';
import type { GatewayRequest } from './api-gateway/events';
import { createAppSync, type GraphqlApiState } from './appsync';
import {
	checkAuthorizerNames,
	checkGraphqlApi,
	checkHttpApi,
	checkRestApi,
	DefinitionError,
	graphqlApiDecoder,
	httpApiDecoder,
	restApiDecoder,
	type AppSyncAuthMode,
	type GraphqlApiDefinition,
	type HttpApiDefinition,
	type RestApiDefinition,
} from './definitions';
import { createJwtVerifier } from './jwt';
import { createLoadBalancers, storedLoadBalancer, type StoredLoadBalancer } from './alb';

export { DefinitionError } from './definitions';
export type { LoadBalancerDefinition, AlbRule } from './alb';
export type {
	RestApiDefinition,
	HttpApiDefinition,
	GraphqlApiDefinition,
	RestAuthorizer,
	RestMethod,
	HttpRoute,
	JwtAuthorizer,
	AppSyncAuthMode,
} from './definitions';

/** A stored API Gateway API: its kind and definition (with its id). */
type StoredApi =
	| { kind: 'rest'; definition: RestApiDefinition & { id: string } }
	| { kind: 'http'; definition: HttpApiDefinition & { id: string } };

/** The gateways' part of a snapshot. */
export interface GatewaysState {
	apis: Map<string, StoredApi>;
	graphqlApis: Map<string, GraphqlApiState>;
	/** Load balancers by DNS name (absent in snapshots written before they existed). */
	loadBalancers?: Map<string, StoredLoadBalancer>;
}

const EXECUTE_API_HOST = /^([a-z0-9]{10})\.execute-api\.([a-z0-9-]+)\.amazonaws\.com$/;
const APPSYNC_HOST = /^([a-z0-9]{26})\.appsync-api\.([a-z0-9-]+)\.amazonaws\.com$/;
const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

export function createGateways(
	context: SandboxContext,
	deps: { sts: StsService; iam: IamEvaluator; fetch: (request: Request) => Promise<Response> }
) {
	let state: GatewaysState = { apis: new Map(), graphqlApis: new Map(), loadBalancers: new Map() };
	const balancers = () => (state.loadBalancers ??= new Map());
	const jwt = createJwtVerifier(deps.fetch);
	const gatewayDeps = { context, sts: deps.sts, iam: deps.iam, jwt };
	const rest = createRestApis(gatewayDeps);
	const http = createHttpApis(gatewayDeps);
	const appsync = createAppSync(gatewayDeps);
	const albs = createLoadBalancers(context, { fetch: deps.fetch, balancers });

	const newId = (length: number, taken: (id: string) => boolean) => {
		let id: string;
		do id = context.randomString(length, ID_ALPHABET);
		while (taken(id));
		return id;
	};

	async function readIncoming(request: Request, target: RequestTarget) {
		const bodyBytes = new Uint8Array(await request.arrayBuffer());
		const headers = dict<string>();
		request.headers.forEach((value, name) => {
			headers[name.toLowerCase()] = value;
		});
		const url = new URL(request.url);
		const query = dict<string[]>();
		for (const [key, value] of url.searchParams) (query[key] ??= []).push(value);
		const incoming: GatewayRequest = {
			method: request.method.toUpperCase(),
			fullPath: target.path,
			headers,
			query,
			body: new TextDecoder().decode(bodyBytes),
			host: target.host,
			sourceIp: '127.0.0.1',
			userAgent: headers['user-agent'] ?? '',
			requestId: context.uuid(),
			at: context.clock.now(),
		};
		return { incoming, bodyBytes };
	}

	function trace(
		service: string,
		incoming: { method: string; fullPath: string; host: string },
		served: Served
	) {
		context.emit({
			type: 'ApiCall',
			service,
			operation: `${incoming.method} ${incoming.fullPath}`,
			request: { host: incoming.host, authorization: served.authorization },
			...(served.reason === undefined
				? { response: { status: served.response.status } }
				: {
						error: {
							type:
								served.response.headers.get('x-amzn-errortype') ?? String(served.response.status),
							message: served.reason,
						},
					}),
			at: context.clock.now(),
		});
		return served.response;
	}

	const frontEnd: WebFrontEnd = {
		serves(host) {
			if (balancers().has(host) || albs.servesKeys(host) === context.region) return true;
			const api = EXECUTE_API_HOST.exec(host);
			if (api) return api[2] === context.region && state.apis.has(api[1]!);
			const graphql = APPSYNC_HOST.exec(host);
			return !!graphql && graphql[2] === context.region && state.graphqlApis.has(graphql[1]!);
		},
		async fetch(request, target) {
			const keysRegion = albs.servesKeys(target.host);
			if (keysRegion !== undefined) return albs.publicKey(keysRegion, target.path.slice(1));
			const { incoming, bodyBytes } = await readIncoming(request, target);
			const balancer = balancers().get(target.host);
			if (balancer)
				return trace(
					'elasticloadbalancing',
					incoming,
					await albs.serve(balancer, request, incoming)
				);
			const apiId = EXECUTE_API_HOST.exec(target.host)?.[1];
			if (apiId !== undefined) {
				const api = state.apis.get(apiId)!;
				const served =
					api.kind === 'rest'
						? await rest.serve(api.definition, request, incoming, bodyBytes)
						: await http.serve(api.definition, request, incoming, bodyBytes);
				return trace('execute-api', incoming, served);
			}
			const graphqlId = APPSYNC_HOST.exec(target.host)![1]!;
			return trace(
				'appsync',
				incoming,
				await appsync.serve(state.graphqlApis.get(graphqlId)!, request, incoming, bodyBytes)
			);
		},
	};

	const hostOf = (id: string, service: 'execute-api' | 'appsync-api') =>
		`${id}.${service}.${context.region}.amazonaws.com`;

	return {
		frontEnd,
		/** Declares (or replaces) a REST API; returns its id and invoke URL (add the stage and path). */
		defineRestApi(input: RestApiDefinition) {
			const definition = checkRestApi(input);
			checkAuthorizerNames(
				'REST API',
				definition.authorizers ?? [],
				definition.methods.map((method, index) => ({
					where: `methods[${index}]`,
					type: method.authorization,
					authorizer: method.authorizer,
					needs: method.authorization === 'COGNITO_USER_POOLS' || method.authorization === 'CUSTOM',
				}))
			);
			for (const [index, method] of definition.methods.entries()) {
				const authorizer = definition.authorizers?.find((a) => a.name === method.authorizer);
				if (
					authorizer &&
					(method.authorization === 'COGNITO_USER_POOLS') !==
						(authorizer.type === 'COGNITO_USER_POOLS')
				)
					throw new DefinitionError(
						`REST API: methods[${index}].authorizer: a ${method.authorization} method needs a ${method.authorization === 'CUSTOM' ? 'TOKEN or REQUEST' : 'COGNITO_USER_POOLS'} authorizer, found ${authorizer.type}`
					);
			}
			const id = definition.id ?? newId(10, (candidate) => state.apis.has(candidate));
			state.apis.set(id, { kind: 'rest', definition: { ...definition, id } });
			rest.flushCaches();
			return { id, url: context.urls.url(hostOf(id, 'execute-api')) };
		},
		/** Declares (or replaces) an HTTP API; returns its id and invoke URL. */
		defineHttpApi(input: HttpApiDefinition) {
			const definition = checkHttpApi(input);
			checkAuthorizerNames(
				'HTTP API',
				definition.authorizers ?? [],
				definition.routes.map((route, index) => ({
					where: `routes[${index}]`,
					type: route.authorizationType,
					authorizer: route.authorizer,
					needs: route.authorizationType === 'JWT',
				}))
			);
			const id = definition.id ?? newId(10, (candidate) => state.apis.has(candidate));
			state.apis.set(id, { kind: 'http', definition: { ...definition, id } });
			return { id, url: context.urls.url(hostOf(id, 'execute-api')) };
		},
		/** Declares (or replaces, keeping its items) an AppSync GraphQL API; returns its id and endpoint. */
		async defineGraphqlApi(input: GraphqlApiDefinition) {
			const definition = withKeyExpiry(checkGraphqlApi(input), context.clock.now());
			await appsync.checkSchema(definition);
			const id = definition.id ?? newId(26, (candidate) => state.graphqlApis.has(candidate));
			const existing = state.graphqlApis.get(id);
			state.graphqlApis.set(id, {
				definition: { ...definition, id },
				items: existing?.items ?? new Map(),
			});
			appsync.flushCaches();
			return { id, url: context.urls.url(hostOf(id, 'appsync-api'), '/graphql') };
		},
		/**
		 * Declares an Application Load Balancer whose listener rules may `authenticate-cognito`; returns its ARN,
		 * DNS name, URL and the callback URL (`/oauth2/idpresponse`) the app client must list.
		 */
		defineLoadBalancer: albs.define,
		snapshot: () => encodeState(state),
		decode: (snapshot: unknown, path: string): GatewaysState =>
			snapshot === undefined
				? { apis: new Map(), graphqlApis: new Map(), loadBalancers: new Map() }
				: gatewaysState(snapshot, path),
		load(saved: GatewaysState) {
			state = saved;
			rest.flushCaches();
			appsync.flushCaches();
			albs.flush();
		},
	};
}

export type Gateways = ReturnType<typeof createGateways>;

/** AppSync API keys expire 7 days after creation unless told otherwise. */
const API_KEY_DAYS = 7;
function withKeyExpiry(definition: GraphqlApiDefinition, now: number): GraphqlApiDefinition {
	const fill = (mode: AppSyncAuthMode): AppSyncAuthMode =>
		mode.type === 'API_KEY'
			? {
					...mode,
					apiKeys: mode.apiKeys.map((key) => ({
						...key,
						expires: key.expires ?? Math.floor(now / 1000) + API_KEY_DAYS * 86400,
					})),
				}
			: mode;
	return {
		...definition,
		authenticationType: fill(definition.authenticationType),
		...(definition.additionalAuthenticationProviders
			? {
					additionalAuthenticationProviders: definition.additionalAuthenticationProviders.map(fill),
				}
			: {}),
	};
}

const withId =
	<T extends object>(decoder: Decoder<T>): Decoder<T & { id: string }> =>
	(value, path) => {
		const decoded = decoder(value, path) as T & { id?: string };
		if (decoded.id === undefined)
			throw new SnapshotError(`${path}.id`, 'must be set in a snapshot');
		return decoded as T & { id: string };
	};

const storedApi: Decoder<StoredApi> = (value, path) => {
	const kind = oneOf('rest', 'http')((value as { kind?: unknown } | null)?.kind, `${path}.kind`);
	return kind === 'rest'
		? record<StoredApi & { kind: 'rest' }>({
				kind: oneOf('rest'),
				definition: withId(restApiDecoder),
			})(value, path)
		: record<StoredApi & { kind: 'http' }>({
				kind: oneOf('http'),
				definition: withId(httpApiDecoder),
			})(value, path);
};

const gatewaysState = record<GatewaysState>({
	apis: mapOf(storedApi),
	graphqlApis: mapOf(
		record<GraphqlApiState>({
			definition: withId(graphqlApiDecoder),
			items: mapOf(json as Decoder<Dict<unknown>>),
		})
	),
	loadBalancers: optional(mapOf(storedLoadBalancer)),
});
