/**
 * A minimal AppSync GraphQL API at `https://<api-id>.appsync-api.<region>.amazonaws.com/graphql`: the request's
 * authorization mode is read from its headers (`x-api-key`, a SigV4 `Authorization`, a user-pool or OIDC JWT, or a
 * token for the Lambda authorizer), authenticated (401 `UnauthorizedException` when it fails), and then every field
 * is authorised as AppSync does: a field's directives (`@aws_api_key`, `@aws_iam`,
 * `@aws_cognito_user_pools(cognito_groups: [...])`, `@aws_oidc`, `@aws_lambda`), else its type's, else only the
 * default mode; IAM callers also need `appsync:GraphQL` on the field's ARN, and a Lambda authorizer's `deniedFields`
 * apply. A refused field is `null` with an `Unauthorized` error ("Not Authorized to access … on type …").
 *
 * The resolvers are one key-value store per API: a Query field returns the item with the `key` (or `id`)
 * argument, or every item when it returns a list; a Mutation field stores its arguments (or its `input`
 * argument) under their `key`, or deletes it when its name starts with `delete`.
 * `graphql` (the reference implementation) parses, validates and executes, loaded only when an API is used.
 */
import type { SandboxContext } from '../../core/context';
import { dict, type Dict } from '../../core/dict';
import type { IamEvaluator } from '../../iam';
import type { StsService } from '../../sts';
import type { GatewayRequest } from '../api-gateway/events';
import type { Served } from '../api-gateway/rest';
import type { AppSyncAuthMode, GraphqlApiDefinition } from '../definitions';
import { DefinitionError } from '../definitions';
import type { JwtVerifier } from '../jwt';
import { authenticate, type Caller } from './modes';

export interface GraphqlApiState {
	definition: GraphqlApiDefinition & { id: string };
	/** The key-value store behind the resolvers (keys are the caller's: a Map). */
	items: Map<string, Dict<unknown>>;
}

/** AppSync's own directives, declared so schemas that use them validate. */
const APPSYNC_PRELUDE = `
directive @aws_api_key on OBJECT | FIELD_DEFINITION
directive @aws_iam on OBJECT | FIELD_DEFINITION
directive @aws_oidc on OBJECT | FIELD_DEFINITION
directive @aws_lambda on OBJECT | FIELD_DEFINITION
directive @aws_cognito_user_pools(cognito_groups: [String]) on OBJECT | FIELD_DEFINITION
directive @aws_auth(cognito_groups: [String]) on FIELD_DEFINITION
scalar AWSJSON
scalar AWSDateTime
scalar AWSEmail
`;

/** The schema an API gets when it names none: a key-value item store with only the default mode. */
export const DEFAULT_SCHEMA = `type Item {
  key: ID!
  value: String
  updatedBy: String
}
type Query {
  getItem(key: ID!): Item
  listItems: [Item]
}
type Mutation {
  putItem(key: ID!, value: String): Item
  deleteItem(key: ID!): Item
}`;

const ITEM_LIMIT = 10_000;

type GraphqlModule = typeof import('graphql');
let graphqlModule: Promise<GraphqlModule> | undefined;
/** `graphql` is loaded on first use, so pages that never call AppSync never download it. */
const loadGraphql = () => (graphqlModule ??= import('graphql'));

const DIRECTIVE_MODES: Record<string, AppSyncAuthMode['type']> = {
	aws_api_key: 'API_KEY',
	aws_iam: 'AWS_IAM',
	aws_oidc: 'OPENID_CONNECT',
	aws_lambda: 'AWS_LAMBDA',
	aws_cognito_user_pools: 'AMAZON_COGNITO_USER_POOLS',
	aws_auth: 'AMAZON_COGNITO_USER_POOLS',
};

/** What a type's or field's directives allow: modes, and the groups a user-pool caller must be in. */
interface Rule {
	modes: Set<AppSyncAuthMode['type']>;
	groups?: string[];
}

/** A field refused by authorization (reported as AppSync's `Unauthorized` error). */
class FieldUnauthorized extends Error {}

function ruleOf(node: { directives?: ReadonlyArray<any> } | null | undefined): Rule | undefined {
	const modes = new Set<AppSyncAuthMode['type']>();
	let groups: string[] | undefined;
	for (const directive of node?.directives ?? []) {
		const name = directive.name.value as string;
		if (!Object.hasOwn(DIRECTIVE_MODES, name)) continue;
		modes.add(DIRECTIVE_MODES[name]!);
		const list = directive.arguments?.find((arg: any) => arg.name.value === 'cognito_groups');
		if (list?.value.kind === 'ListValue')
			groups = [...(groups ?? []), ...list.value.values.map((value: any) => String(value.value))];
	}
	return modes.size > 0 ? { modes, ...(groups ? { groups } : {}) } : undefined;
}

const jsonResponse = (status: number, body: unknown, requestId: string) =>
	new Response(JSON.stringify(body), {
		status,
		headers: { 'content-type': 'application/json; charset=UTF-8', 'x-amzn-requestid': requestId },
	});

export type AppSyncDeps = {
	context: SandboxContext;
	sts: StsService;
	iam: IamEvaluator;
	jwt: JwtVerifier;
};

export function createAppSync(deps: AppSyncDeps) {
	const { context } = deps;
	const schemas = new Map<
		string,
		{ sdl: string; schema: Promise<import('graphql').GraphQLSchema> }
	>();
	const lambdaCache = new Map<string, { expires: number; caller: Caller }>();

	async function schemaOf(definition: GraphqlApiDefinition) {
		const sdl = definition.schema ?? DEFAULT_SCHEMA;
		const { buildSchema } = await loadGraphql();
		return buildSchema(APPSYNC_PRELUDE + sdl);
	}

	function cachedSchema(api: GraphqlApiState) {
		const sdl = api.definition.schema ?? DEFAULT_SCHEMA;
		let entry = schemas.get(api.definition.id);
		if (!entry || entry.sdl !== sdl) {
			entry = { sdl, schema: schemaOf(api.definition) };
			schemas.set(api.definition.id, entry);
		}
		return entry.schema;
	}

	/** Whether the authenticated caller may resolve `type.field`. */
	async function fieldAllowed(
		api: GraphqlApiState,
		caller: Caller,
		typeNode: { directives?: ReadonlyArray<any> } | null | undefined,
		fieldNode: { directives?: ReadonlyArray<any> } | null | undefined,
		typeName: string,
		fieldName: string,
		rootType: boolean
	): Promise<boolean> {
		const defaultMode = api.definition.authenticationType;
		const rule = ruleOf(fieldNode) ?? ruleOf(typeNode);
		if (!rule) {
			if (caller.mode !== defaultMode.type) return false;
			// A user-pool default with DENY refuses fields that no directive opens.
			if (defaultMode.type === 'AMAZON_COGNITO_USER_POOLS' && defaultMode.defaultAction === 'DENY')
				return false;
		} else {
			if (!rule.modes.has(caller.mode)) return false;
			if (caller.mode === 'AMAZON_COGNITO_USER_POOLS' && rule.groups)
				if (!rule.groups.some((group) => caller.groups.includes(group))) return false;
		}
		if (
			caller.deniedFields?.some(
				(denied) =>
					denied === `${typeName}.${fieldName}` ||
					denied.endsWith(`/types/${typeName}/fields/${fieldName}`)
			)
		)
			return false;
		if (caller.mode === 'AWS_IAM' && rootType) {
			const resource = `arn:aws:appsync:${context.region}:${context.accountId}:apis/${api.definition.id}/types/${typeName}/fields/${fieldName}`;
			return await caller.allows(resource);
		}
		return true;
	}

	async function execute(
		api: GraphqlApiState,
		caller: Caller,
		body: Record<string, unknown>,
		requestId: string
	) {
		const graphql = await loadGraphql();
		const schema = await cachedSchema(api);
		const items = api.items;
		const result = await graphql.graphql({
			schema,
			source: String(body.query ?? ''),
			variableValues:
				body.variables && typeof body.variables === 'object'
					? (body.variables as Record<string, unknown>)
					: undefined,
			operationName: typeof body.operationName === 'string' ? body.operationName : undefined,
			fieldResolver: async (source, args, _context, info) => {
				const parent = info.parentType;
				const field = parent.getFields()[info.fieldName];
				const rootType =
					parent === schema.getQueryType() ||
					parent === schema.getMutationType() ||
					parent === schema.getSubscriptionType();
				if (
					!(await fieldAllowed(
						api,
						caller,
						parent.astNode,
						field?.astNode,
						parent.name,
						info.fieldName,
						rootType
					))
				)
					throw new FieldUnauthorized(
						`Not Authorized to access ${info.fieldName} on type ${parent.name}`
					);
				if (!rootType) {
					const record = source as Record<string, unknown> | null;
					return record && Object.hasOwn(record, info.fieldName) ? record[info.fieldName] : null;
				}
				const returnsList = graphql.isListType(graphql.getNullableType(info.returnType));
				return resolveRoot(
					items,
					parent === schema.getMutationType(),
					info.fieldName,
					args,
					returnsList,
					caller
				);
			},
		});
		const errors = result.errors?.map((error) => {
			const unauthorized = error.originalError instanceof FieldUnauthorized;
			return {
				path: error.path ?? null,
				data: null,
				errorType: unauthorized ? 'Unauthorized' : error.path ? 'ResolverError' : 'ValidationError',
				errorInfo: null,
				locations: (error.locations ?? []).map((location) => ({ ...location, sourceName: null })),
				message: error.message,
			};
		});
		return jsonResponse(
			200,
			{ data: result.data ?? null, ...(errors ? { errors } : {}) },
			requestId
		);
	}

	async function serve(
		api: GraphqlApiState,
		request: Request,
		incoming: GatewayRequest,
		bodyBytes: Uint8Array
	): Promise<Served> {
		const refuse = (
			message: string,
			status = 401,
			errorType = 'UnauthorizedException'
		): Served => ({
			response: jsonResponse(status, { errors: [{ errorType, message }] }, incoming.requestId),
			authorization: 'NONE',
			reason: message,
		});
		if (incoming.fullPath !== '/graphql' || incoming.method !== 'POST')
			return refuse('Only POST /graphql is served.', 404, 'NotFoundException');
		let body: Record<string, unknown>;
		try {
			const parsed: unknown = JSON.parse(incoming.body);
			if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error();
			body = parsed as Record<string, unknown>;
		} catch {
			return refuse('Unable to parse GraphQL query.', 400, 'MalformedHttpRequestException');
		}
		const authenticated = await authenticate(
			{ ...deps, lambdaCache },
			api,
			request,
			incoming,
			bodyBytes,
			body
		);
		if (!authenticated.ok)
			return { ...refuse(authenticated.message), authorization: authenticated.mode ?? 'NONE' };
		return {
			response: await execute(api, authenticated.caller, body, incoming.requestId),
			authorization: authenticated.caller.mode,
		};
	}

	return {
		serve,
		/** Refuses a schema `graphql` cannot build, naming the problem. */
		async checkSchema(definition: GraphqlApiDefinition) {
			try {
				await schemaOf(definition);
			} catch (error) {
				throw new DefinitionError(
					`GraphQL API: schema: ${error instanceof Error ? error.message : String(error)}`
				);
			}
		},
		flushCaches() {
			schemas.clear();
			lambdaCache.clear();
		},
	};
}

/** The key-value resolvers of the root fields. */
function resolveRoot(
	items: Map<string, Dict<unknown>>,
	mutation: boolean,
	fieldName: string,
	args: Record<string, unknown>,
	returnsList: boolean,
	caller: Caller
): unknown {
	if (!mutation) {
		if (returnsList) return [...items.values()];
		return items.get(String(args.key ?? args.id ?? '')) ?? null;
	}
	const input =
		args.input && typeof args.input === 'object' ? (args.input as Record<string, unknown>) : args;
	const key = String(input.key ?? input.id ?? '');
	if (fieldName.startsWith('delete')) {
		const old = items.get(key) ?? null;
		items.delete(key);
		return old;
	}
	if (!items.has(key) && items.size >= ITEM_LIMIT)
		throw new Error(`The sandbox keeps at most ${ITEM_LIMIT} items per API.`);
	const item = dict<unknown>(JSON.parse(JSON.stringify(input)) as Record<string, unknown>);
	item.updatedBy = caller.name;
	items.set(key, item);
	return item;
}
