/**
 * The built-in authorizers of API Gateway: a user pool (`COGNITO_USER_POOLS`, REST) and `AWS_IAM` (REST and
 * HTTP). Each returns what the integration receives, or the refusal API Gateway sends, with the reason for
 * the trace.
 */
import type { SandboxContext } from '../../core/context';
import type { StsService } from '../../sts';
import type { RestAuthorizer } from '../definitions';
import { bearerToken, type JwtVerifier, userPoolIssuer } from '../jwt';
import { checkSigV4 } from '../sigv4';
import type { AuthorizerOutput } from './events';
import {
	type GatewayRefusal,
	MISSING_AUTHENTICATION_TOKEN,
	maskedArn,
	TOKEN_EXPIRED,
	UNAUTHORIZED,
} from './responses';

export type Decision =
	{ ok: true; output: AuthorizerOutput } | { ok: false; refusal: GatewayRefusal; reason: string };

type CognitoAuthorizer = Extract<RestAuthorizer, { type: 'COGNITO_USER_POOLS' }>;

/** A header named by `method.request.header.X` / `$request.header.X` (default Authorization). */
export function headerOfSource(source: string | undefined): string {
	return (/header\.(.+)$/i.exec(source ?? '')?.[1] ?? 'Authorization').toLowerCase();
}

/**
 * COGNITO_USER_POOLS: a token from one of the pools. Without scopes on the method only an ID token is
 * accepted; with scopes, only an access token carrying at least one of them.
 */
export async function cognitoAuthorize(
	deps: { context: SandboxContext; jwt: JwtVerifier },
	authorizer: CognitoAuthorizer,
	headers: Record<string, string>,
	scopes: readonly string[]
): Promise<Decision> {
	const token = bearerToken(headers[headerOfSource(authorizer.identitySource)]);
	if (!token)
		return { ok: false, refusal: UNAUTHORIZED, reason: 'no token in the identity source' };
	const issuers = authorizer.providerArns.map((arn) =>
		userPoolIssuer(deps.context, arn.slice(arn.indexOf(':userpool/') + ':userpool/'.length))
	);
	const check = await deps.jwt.verify(token, issuers, deps.context.clock.now());
	if (!check.ok)
		return {
			ok: false,
			refusal: check.problem === 'expired' ? TOKEN_EXPIRED : UNAUTHORIZED,
			reason: check.message,
		};
	const claims = check.claims as Record<string, unknown>;
	if (scopes.length === 0) {
		if (claims.token_use !== 'id')
			return {
				ok: false,
				refusal: UNAUTHORIZED,
				reason: 'the method has no OAuth scopes, so only an ID token is accepted',
			};
	} else {
		if (claims.token_use !== 'access')
			return {
				ok: false,
				refusal: UNAUTHORIZED,
				reason: 'the method has OAuth scopes, so only an access token is accepted',
			};
		const granted = String(claims.scope ?? '').split(' ');
		if (!scopes.some((scope) => granted.includes(scope)))
			return {
				ok: false,
				refusal: UNAUTHORIZED,
				reason: `the access token carries none of the method's scopes (${scopes.join(', ')})`,
			};
	}
	if (authorizer.identityValidationExpression !== undefined) {
		let matches = false;
		try {
			matches = new RegExp(authorizer.identityValidationExpression).test(String(claims.aud));
		} catch {
			matches = false;
		}
		if (!matches)
			return {
				ok: false,
				refusal: UNAUTHORIZED,
				reason: 'the token aud does not match the identity validation expression',
			};
	}
	return { ok: true, output: { kind: 'cognito', claims } };
}

/**
 * AWS_IAM: a SigV4 signature made with credentials the sandbox issued (identity-pool credentials), checked
 * against the issued secret; then `execute-api:Invoke` on the method ARN, evaluated against the role.
 */
export async function iamAuthorize(
	deps: { context: SandboxContext; sts: StsService },
	request: Request,
	body: Uint8Array,
	methodArn: string,
	refusals: { denied: (message: string) => GatewayRefusal }
): Promise<Decision> {
	const signature = await checkSigV4(request, body, {
		sts: deps.sts,
		now: deps.context.clock.now(),
	});
	if (!signature.ok) {
		const errorType = {
			missing: 'MissingAuthenticationTokenException',
			incomplete: 'IncompleteSignatureException',
			'unknown-key': 'UnrecognizedClientException',
			expired: 'ExpiredTokenException',
			signature: 'InvalidSignatureException',
			clock: 'InvalidSignatureException',
		}[signature.problem];
		return {
			ok: false,
			refusal:
				signature.problem === 'missing'
					? MISSING_AUTHENTICATION_TOKEN
					: { status: 403, message: signature.message, errorType },
			reason: signature.message,
		};
	}
	const decision = await deps.sts.simulateRequest({
		accessKeyId: signature.session.accessKeyId,
		action: 'execute-api:Invoke',
		resource: methodArn,
	});
	if (decision.decision !== 'Allow') {
		const message = `User: ${decision.principalArn} is not authorized to perform: execute-api:Invoke on resource: ${maskedArn(methodArn)}${decision.reason === 'explicit-deny' ? ' with an explicit deny' : ''}`;
		return { ok: false, refusal: refusals.denied(message), reason: message };
	}
	return {
		ok: true,
		output: {
			kind: 'iam',
			session: signature.session,
			accountId: /^arn:[^:]+:sts::(\d{12}):/.exec(signature.session.assumedRoleArn)?.[1] ?? '',
		},
	};
}
