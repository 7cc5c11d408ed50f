/**
 * AppSync's five authorization modes: which one a request uses (from its headers), and whether its credentials
 * hold. A failure here is the request-level 401 `UnauthorizedException`; field-level decisions come after.
 * Messages where AWS documents none are in AppSync's style and marked so.
 */
import { decodeJwt } from 'jose';
import type { SandboxContext } from '../../core/context';
import type { StsService } from '../../sts';
import type { GatewayRequest } from '../api-gateway/events';
import type { AppSyncAuthMode } from '../definitions';
import { issuerInStyle, type JwtVerifier, userPoolIssuer } from '../jwt';
import { invokeLambda } from '../lambda';
import { checkSigV4 } from '../sigv4';
import type { GraphqlApiState } from './index';

/** An authenticated caller. */
export interface Caller {
	mode: AppSyncAuthMode['type'];
	/** Who made the change, stored as `updatedBy`: the username, subject, principal or `API_KEY`. */
	name: string;
	/** `cognito:groups` of a user-pool caller. */
	groups: string[];
	/** Fields a Lambda authorizer denied (`Type.field` or field ARNs). */
	deniedFields?: string[];
	/** IAM callers: whether the role allows `appsync:GraphQL` on a field ARN. */
	allows(resource: string): Promise<boolean>;
}

export type Authentication =
	{ ok: true; caller: Caller } | { ok: false; message: string; mode?: AppSyncAuthMode['type'] };

/** AppSync's generic refusal. */
const NOT_AUTHORIZED = 'You are not authorized to make this call.';
const allowAll = async () => true;

interface ModeDeps {
	context: SandboxContext;
	sts: StsService;
	jwt: JwtVerifier;
	/** Lambda authorizer results by API and token, with their expiry on the sandbox clock. */
	lambdaCache: Map<string, { expires: number; caller: Caller }>;
}

function modesOf(api: GraphqlApiState): AppSyncAuthMode[] {
	return [
		api.definition.authenticationType,
		...(api.definition.additionalAuthenticationProviders ?? []),
	];
}

function matches(pattern: string | undefined, value: string): boolean {
	if (pattern === undefined) return true;
	try {
		return new RegExp(`^(?:${pattern})$`).test(value);
	} catch {
		return false;
	}
}

/** Picks the request's mode from its headers and checks its credentials. */
export async function authenticate(
	deps: ModeDeps,
	api: GraphqlApiState,
	request: Request,
	incoming: GatewayRequest,
	bodyBytes: Uint8Array,
	body: Record<string, unknown>
): Promise<Authentication> {
	const { context } = deps;
	const modes = modesOf(api);
	const find = <T extends AppSyncAuthMode['type']>(type: T) =>
		modes.find((mode): mode is Extract<AppSyncAuthMode, { type: T }> => mode.type === type);
	const apiKey = incoming.headers['x-api-key'];
	const authorization = incoming.headers.authorization;
	const now = context.clock.now();

	if (apiKey !== undefined) {
		const mode = find('API_KEY');
		const key = mode?.apiKeys.find((candidate) => candidate.id === apiKey);
		if (!key || (key.expires ?? Infinity) * 1000 <= now)
			return { ok: false, message: NOT_AUTHORIZED, mode: 'API_KEY' };
		return {
			ok: true,
			caller: { mode: 'API_KEY', name: 'API_KEY', groups: [], allows: allowAll },
		};
	}
	if (!authorization) return { ok: false, message: 'Valid authorization header not provided.' };

	if (authorization.startsWith('AWS4-HMAC-SHA256')) {
		if (!find('AWS_IAM')) return { ok: false, message: NOT_AUTHORIZED, mode: 'AWS_IAM' };
		const signature = await checkSigV4(request, bodyBytes, { sts: deps.sts, now });
		if (!signature.ok) return { ok: false, message: signature.message, mode: 'AWS_IAM' };
		const session = signature.session;
		return {
			ok: true,
			caller: {
				mode: 'AWS_IAM',
				name: session.assumedRoleArn,
				groups: [],
				async allows(resource) {
					const decision = await deps.sts.simulateRequest({
						accessKeyId: session.accessKeyId,
						action: 'appsync:GraphQL',
						resource,
					});
					return decision.decision === 'Allow';
				},
			},
		};
	}

	let issuer: unknown;
	try {
		issuer = decodeJwt(authorization).iss;
	} catch {
		issuer = undefined;
	}
	const userPoolModes = modes.filter(
		(mode): mode is Extract<AppSyncAuthMode, { type: 'AMAZON_COGNITO_USER_POOLS' }> =>
			mode.type === 'AMAZON_COGNITO_USER_POOLS'
	);
	const poolIssuer = (poolId: string) => userPoolIssuer(context, poolId);
	const userPool = userPoolModes.find((mode) => poolIssuer(mode.userPoolId) === issuer);
	const oidc = modes.find(
		(mode): mode is Extract<AppSyncAuthMode, { type: 'OPENID_CONNECT' }> =>
			mode.type === 'OPENID_CONNECT' && issuerInStyle(context, mode.issuer) === issuer
	);
	if (userPool || oidc) {
		const issuerUrl = userPool
			? poolIssuer(userPool.userPoolId)
			: issuerInStyle(context, oidc!.issuer);
		// AppSync takes the bare token; "Bearer " in front is a classic mistake (AWS knowledge center).
		const check = await deps.jwt.verify(authorization, [issuerUrl], now);
		const mode = userPool ? 'AMAZON_COGNITO_USER_POOLS' : 'OPENID_CONNECT';
		if (!check.ok)
			return {
				ok: false,
				message:
					check.problem === 'expired'
						? 'Token has expired.'
						: check.problem === 'malformed'
							? 'Unable to parse JWT token.'
							: NOT_AUTHORIZED,
				mode,
			};
		const claims = check.claims as Record<string, unknown>;
		const audience = String(claims.aud ?? claims.client_id ?? '');
		const allowedClient = userPool
			? matches(userPool.appIdClientRegex, audience)
			: oidc!.clientId === undefined || oidc!.clientId === audience;
		if (!allowedClient) return { ok: false, message: NOT_AUTHORIZED, mode };
		const groups = Array.isArray(claims['cognito:groups'])
			? (claims['cognito:groups'] as unknown[]).map(String)
			: [];
		return {
			ok: true,
			caller: {
				mode,
				name: String(claims['cognito:username'] ?? claims.username ?? claims.sub ?? ''),
				groups,
				allows: allowAll,
			},
		};
	}

	const lambda = find('AWS_LAMBDA');
	if (!lambda) return { ok: false, message: NOT_AUTHORIZED };
	const cacheKey = JSON.stringify([api.definition.id, authorization]);
	const hit = deps.lambdaCache.get(cacheKey);
	if (hit && hit.expires > now) return { ok: true, caller: hit.caller };
	const outcome = await invokeLambda(
		context,
		lambda.functionArn,
		{
			authorizationToken: authorization,
			requestContext: {
				apiId: api.definition.id,
				accountId: context.accountId,
				requestId: incoming.requestId,
				queryString: String(body.query ?? ''),
				operationName: typeof body.operationName === 'string' ? body.operationName : undefined,
				variables: body.variables ?? {},
			},
			requestHeaders: incoming.headers,
		},
		{ trigger: 'AppSyncLambdaAuthorizer', source: 'AWS_LAMBDA' }
	);
	const output = outcome.ok ? (outcome.value as Record<string, unknown> | null) : null;
	if (!output || output.isAuthorized !== true)
		return { ok: false, message: NOT_AUTHORIZED, mode: 'AWS_LAMBDA' };
	const caller: Caller = {
		mode: 'AWS_LAMBDA',
		name: 'AWS_LAMBDA',
		groups: [],
		deniedFields: Array.isArray(output.deniedFields) ? output.deniedFields.map(String) : [],
		allows: allowAll,
	};
	const ttl =
		typeof output.ttlOverride === 'number'
			? output.ttlOverride
			: (lambda.resultTtlInSeconds ?? 300);
	if (ttl > 0) {
		if (deps.lambdaCache.size >= 1000) deps.lambdaCache.clear();
		deps.lambdaCache.set(cacheKey, { expires: now + ttl * 1000, caller });
	}
	return { ok: true, caller };
}
