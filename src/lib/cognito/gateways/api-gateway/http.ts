/**
 * An HTTP API of API Gateway: routes (`GET /pets/{id}`, `$default`) with a JWT authorizer (issuer + audience,
 * optional scopes) or AWS_IAM, and the payload-2.0 event as the mock integration's answer. JWT refusals carry the
 * `www-authenticate` header HTTP APIs send.
 */
import { bearerToken, issuerInStyle } from '../jwt';
import type { HttpApiDefinition, HttpRoute } from '../definitions';
import { type Decision, headerOfSource, iamAuthorize } from './authorizers';
import { httpEvent, type IncomingRequest, type GatewayRequest } from './events';
import { NOT_FOUND, refusalResponse, type GatewayRefusal } from './responses';
import type { GatewayDeps, Served } from './rest';
import { bestRoute } from './routes';

const FORBIDDEN_BODY = 'Forbidden';

/** 401 with `www-authenticate: Bearer …` (documented in "Troubleshooting issues with HTTP API JWT authorizers"). */
function invalidToken(description?: string): GatewayRefusal {
	return {
		status: 401,
		message: 'Unauthorized',
		errorType: 'UnauthorizedException',
		headers: {
			'www-authenticate':
				description === undefined
					? 'Bearer'
					: `Bearer scope="" error="invalid_token" error_description="${description}"`,
		},
	};
}

export function createHttpApis(deps: GatewayDeps) {
	async function jwtAuthorize(
		api: HttpApiDefinition,
		route: HttpRoute,
		headers: Record<string, string>
	): Promise<Decision> {
		const authorizer = api.authorizers?.find((candidate) => candidate.name === route.authorizer)!;
		const token = bearerToken(headers[headerOfSource(authorizer.identitySource)]);
		if (!token)
			return { ok: false, refusal: invalidToken(), reason: 'no token in the identity source' };
		const check = await deps.jwt.verify(
			token,
			[issuerInStyle(deps.context, authorizer.issuer)],
			deps.context.clock.now()
		);
		if (!check.ok)
			return { ok: false, refusal: invalidToken(check.message), reason: check.message };
		const claims = check.claims as Record<string, unknown>;
		// `aud` when present, otherwise `client_id` (Cognito access tokens have no aud).
		const audiences =
			claims.aud !== undefined
				? [claims.aud].flat().map(String)
				: claims.client_id !== undefined
					? [String(claims.client_id)]
					: [];
		if (!audiences.some((audience) => authorizer.audience.includes(audience))) {
			const message = 'the token does not have a valid audience';
			return { ok: false, refusal: invalidToken(message), reason: message };
		}
		const granted = [
			...String(claims.scope ?? '').split(' '),
			...[claims.scp ?? []].flat().map(String),
		].filter(Boolean);
		const wanted = route.authorizationScopes ?? [];
		if (wanted.length > 0 && !wanted.some((scope) => granted.includes(scope))) {
			// Status and body as documented; the header's wording is the sandbox's.
			const reason = `the token has none of the route's scopes (${wanted.join(', ')})`;
			return {
				ok: false,
				refusal: {
					status: 403,
					message: FORBIDDEN_BODY,
					errorType: 'ForbiddenException',
					headers: {
						'www-authenticate': `Bearer scope="${wanted.join(' ')}" error="insufficient_scope" error_description="expected scopes: [${wanted.join(' ')}]"`,
					},
				},
				reason,
			};
		}
		return {
			ok: true,
			output: { kind: 'jwt', claims, scopes: granted.length > 0 ? granted : null },
		};
	}

	async function serve(
		api: HttpApiDefinition & { id: string },
		request: Request,
		incoming: GatewayRequest,
		bodyBytes: Uint8Array
	): Promise<Served> {
		const refuse = (refusal: GatewayRefusal, authorization: string, reason: string): Served => ({
			response: refusalResponse(refusal, incoming.requestId),
			authorization,
			reason,
		});
		const stages = api.stages ?? ['$default'];
		const [, first = ''] = incoming.fullPath.split('/');
		const named = stages.includes(first) && first !== '$default';
		if (!named && !stages.includes('$default'))
			return refuse(NOT_FOUND, 'NONE', `no stage "${first}"`);
		const stage = named ? first : '$default';
		const path = named ? incoming.fullPath.slice(first.length + 1) || '/' : incoming.fullPath;
		const match =
			bestRoute(
				api.routes.filter((route) => route.routeKey !== '$default'),
				(route: HttpRoute) => {
					const [method = '', template = ''] = route.routeKey.split(' ');
					return { method, path: template };
				},
				incoming.method,
				path
			) ??
			(() => {
				const fallback = api.routes.find((route) => route.routeKey === '$default');
				return fallback ? { route: fallback, pathParameters: Object.create(null) } : undefined;
			})();
		if (!match) return refuse(NOT_FOUND, 'NONE', `no route for ${incoming.method} ${path}`);
		const route = match.route;
		const { context } = deps;
		const request_: IncomingRequest = { ...incoming, path };
		let decision: Decision;
		if (route.authorizationType === 'JWT')
			decision = await jwtAuthorize(api, route, incoming.headers);
		else if (route.authorizationType === 'AWS_IAM') {
			const methodArn = `arn:aws:execute-api:${context.region}:${context.accountId}:${api.id}/${stage}/${incoming.method}${path}`;
			decision = await iamAuthorize(deps, request, bodyBytes, methodArn, {
				denied: () => ({ status: 403, message: FORBIDDEN_BODY, errorType: 'ForbiddenException' }),
			});
		} else decision = { ok: true, output: { kind: 'none' } };
		if (!decision.ok) return refuse(decision.refusal, route.authorizationType, decision.reason);
		const event = httpEvent({
			request: request_,
			apiId: api.id,
			accountId: context.accountId,
			stage,
			routeKey: route.routeKey,
			pathParameters: match.pathParameters,
			authorizer: decision.output,
		});
		return {
			response: new Response(JSON.stringify(event), {
				status: 200,
				headers: { 'content-type': 'application/json', 'apigw-requestid': incoming.requestId },
			}),
			authorization: route.authorizationType,
		};
	}

	return { serve };
}
