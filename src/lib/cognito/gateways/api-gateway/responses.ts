/**
 * API Gateway's own responses (gateway responses): the status, the `{"message": …}` body and the
 * `x-amzn-ErrorType` header it sends when it refuses a request before the integration runs.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html
 */

/** A refusal: HTTP status, the `message` (null for authorizer configuration errors), and the error type header. */
export interface GatewayRefusal {
	status: number;
	message: string | null;
	errorType: string;
	/** Extra headers (the HTTP API's `www-authenticate`). */
	headers?: Record<string, string>;
}

/** UNAUTHORIZED (401): no token, or one the authorizer refused. */
export const UNAUTHORIZED: GatewayRefusal = {
	status: 401,
	message: 'Unauthorized',
	errorType: 'UnauthorizedException',
};

/**
 * 401 for an expired user-pool token. Not in the gateway-response table; this is the message developers report
 * from REST APIs with a COGNITO_USER_POOLS authorizer.
 */
export const TOKEN_EXPIRED: GatewayRefusal = {
	status: 401,
	message: 'The incoming token has expired',
	errorType: 'UnauthorizedException',
};

/** ACCESS_DENIED (403) from a Lambda authorizer's policy: implicit deny (nothing allowed the method). */
export const ACCESS_DENIED: GatewayRefusal = {
	status: 403,
	message: 'User is not authorized to access this resource',
	errorType: 'AccessDeniedException',
};

/** ACCESS_DENIED (403) from a Lambda authorizer's policy with a Deny statement for the method. */
export const EXPLICIT_DENY: GatewayRefusal = {
	status: 403,
	message: 'User is not authorized to access this resource with an explicit deny',
	errorType: 'AccessDeniedException',
};

/** MISSING_AUTHENTICATION_TOKEN (403): no such resource or method (famously), or an IAM method without a signature. */
export const MISSING_AUTHENTICATION_TOKEN: GatewayRefusal = {
	status: 403,
	message: 'Missing Authentication Token',
	errorType: 'MissingAuthenticationTokenException',
};

/** 403 for a stage the API does not have. */
export const FORBIDDEN: GatewayRefusal = {
	status: 403,
	message: 'Forbidden',
	errorType: 'ForbiddenException',
};

/** AUTHORIZER_CONFIGURATION_ERROR (500): the Lambda authorizer failed or returned something unusable. */
export const AUTHORIZER_CONFIGURATION_ERROR: GatewayRefusal = {
	status: 500,
	message: null,
	errorType: 'AuthorizerConfigurationException',
};

/** HTTP APIs: a route that does not exist. */
export const NOT_FOUND: GatewayRefusal = {
	status: 404,
	message: 'Not Found',
	errorType: 'NotFoundException',
};

/** The response API Gateway sends for a refusal. */
export function refusalResponse(refusal: GatewayRefusal, requestId: string): Response {
	return new Response(JSON.stringify({ message: refusal.message }), {
		status: refusal.status,
		headers: {
			'content-type': 'application/json',
			'x-amzn-requestid': requestId,
			'x-amzn-errortype': refusal.errorType,
			...refusal.headers,
		},
	});
}

/** `arn:aws:execute-api:us-east-1:123456789012:api/stage/GET/path` with the account shown as API Gateway prints it in messages (`********9012`). */
export function maskedArn(arn: string): string {
	return arn.replace(/^(arn:[^:]+:execute-api:[^:]*:)\d{8}(\d{4}:)/, '$1********$2');
}
