/**
 * What a learner (or a scenario, as JSON) declares in front of Cognito: REST and HTTP APIs of API Gateway and
 * AppSync GraphQL APIs. A small typed configuration instead of the real control planes, checked by the same
 * decoders that read snapshots, so a wrong field is named (`methods[0].authorization: must be one of …`).
 */
import {
	array,
	type Decoder,
	number,
	oneOf,
	optional,
	record,
	SnapshotError,
	string,
} from '../core/state-codec';

/** A REST API authorizer: a user pool one, or a Lambda authorizer of type TOKEN or REQUEST. */
export type RestAuthorizer =
	| {
			name: string;
			type: 'COGNITO_USER_POOLS';
			/** User pool ARNs, `arn:aws:cognito-idp:<region>:<account>:userpool/<poolId>`. */
			providerArns: string[];
			/** Where the token is read (default `method.request.header.Authorization`). */
			identitySource?: string;
			/** A regular expression the token's `aud` must match. */
			identityValidationExpression?: string;
	  }
	| {
			name: string;
			type: 'TOKEN' | 'REQUEST';
			/** The authorizer Lambda function (`defineFunction`). */
			functionArn: string;
			/** TOKEN: one header (default `method.request.header.Authorization`); REQUEST: a comma-separated list. */
			identitySource?: string;
			/** TOKEN only: a regular expression the token must match before the function is called. */
			identityValidationExpression?: string;
			/** How long a policy is cached by identity source (default 300; 0 turns caching off; at most 3600). */
			resultTtlInSeconds?: number;
	  };

/** A method of a REST API: a resource path (with `{param}` and `{proxy+}`) and an HTTP method or `ANY`. */
export interface RestMethod {
	path: string;
	httpMethod: string;
	authorization: 'NONE' | 'AWS_IAM' | 'COGNITO_USER_POOLS' | 'CUSTOM';
	/** Name of the authorizer (COGNITO_USER_POOLS and CUSTOM). */
	authorizer?: string;
	/** OAuth scopes (COGNITO_USER_POOLS): with any, only an access token carrying one of them is accepted. */
	authorizationScopes?: string[];
}

export interface RestApiDefinition {
	/** Ten lowercase letters or digits; drawn at random when left out. */
	id?: string;
	name: string;
	/** Stage names (default `prod`); the stage is the first path segment. */
	stages?: string[];
	authorizers?: RestAuthorizer[];
	methods: RestMethod[];
}

/** An HTTP API JWT authorizer: tokens from `issuer` whose `aud` (or `client_id`) is in `audience`. */
export interface JwtAuthorizer {
	name: string;
	type: 'JWT';
	issuer: string;
	audience: string[];
	/** Default `$request.header.Authorization`. */
	identitySource?: string;
}

export interface HttpRoute {
	/** `GET /pets/{id}`, `ANY /{proxy+}` or `$default`. */
	routeKey: string;
	authorizationType: 'NONE' | 'JWT' | 'AWS_IAM';
	authorizer?: string;
	authorizationScopes?: string[];
}

export interface HttpApiDefinition {
	id?: string;
	name: string;
	/** Stage names (default `$default`, served without a stage segment). */
	stages?: string[];
	authorizers?: JwtAuthorizer[];
	routes: HttpRoute[];
}

/** One AppSync authorization mode. */
export type AppSyncAuthMode =
	| {
			type: 'API_KEY';
			/** Keys sent in `x-api-key`; `expires` in epoch seconds (default: 7 days after the API is defined, as AppSync's default). */
			apiKeys: Array<{ id: string; expires?: number }>;
	  }
	| { type: 'AWS_IAM' }
	| {
			type: 'AMAZON_COGNITO_USER_POOLS';
			userPoolId: string;
			/** A regular expression the token's `aud`/`client_id` must match. */
			appIdClientRegex?: string;
			/** Only for the default mode: what fields without a directive allow (default ALLOW). */
			defaultAction?: 'ALLOW' | 'DENY';
	  }
	| { type: 'OPENID_CONNECT'; issuer: string; clientId?: string }
	| { type: 'AWS_LAMBDA'; functionArn: string; resultTtlInSeconds?: number };

export interface GraphqlApiDefinition {
	id?: string;
	name: string;
	/** SDL with AppSync's directives (`@aws_api_key`, `@aws_iam`, `@aws_cognito_user_pools(cognito_groups: [...])`, `@aws_oidc`, `@aws_lambda`). Default: a key-value `Item` schema. */
	schema?: string;
	/** The default mode, then the additional ones. */
	authenticationType: AppSyncAuthMode;
	additionalAuthenticationProviders?: AppSyncAuthMode[];
}

/** A string matching `pattern`; the message names the field and says what it must be. */
export const identifierDecoder =
	(pattern: RegExp, hint: string): Decoder<string> =>
	(value, path) => {
		const text = string(value, path);
		if (!pattern.test(text)) throw new SnapshotError(path, `must be ${hint}, found "${text}"`);
		return text;
	};

export const apiId = identifierDecoder(/^[a-z0-9]{10}$/, 'ten lowercase letters or digits');
const regex = identifierDecoder(/^[\s\S]{0,1024}$/, 'a regular expression');
const functionArn = identifierDecoder(
	/^arn:aws[\w-]*:lambda:[\w-]+:\d{12}:function:[\w-]{1,64}(:[\w$-]+)?$/,
	'a Lambda function ARN'
);
const strings = array(string);
const ttl: Decoder<number> = (value, path) => {
	const seconds = number(value, path);
	if (!Number.isInteger(seconds) || seconds < 0 || seconds > 3600)
		throw new SnapshotError(
			path,
			`must be a whole number of seconds from 0 to 3600, found ${seconds}`
		);
	return seconds;
};

const restAuthorizer: Decoder<RestAuthorizer> = (value, path) => {
	const type = (value as { type?: unknown } | null)?.type;
	if (type === 'COGNITO_USER_POOLS')
		return record<Extract<RestAuthorizer, { type: 'COGNITO_USER_POOLS' }>>({
			name: string,
			type: oneOf('COGNITO_USER_POOLS'),
			providerArns: array(
				identifierDecoder(
					/^arn:aws[\w-]*:cognito-idp:[\w-]+:\d{12}:userpool\/[\w-]+_[0-9a-zA-Z]+$/,
					'a user pool ARN'
				)
			),
			identitySource: optional(string),
			identityValidationExpression: optional(regex),
		})(value, path);
	return record<Extract<RestAuthorizer, { type: 'TOKEN' | 'REQUEST' }>>({
		name: string,
		type: oneOf('TOKEN', 'REQUEST'),
		functionArn,
		identitySource: optional(string),
		identityValidationExpression: optional(regex),
		resultTtlInSeconds: optional(ttl),
	})(value, path);
};

const restApi = record<RestApiDefinition>({
	id: optional(apiId),
	name: string,
	stages: optional(array(identifierDecoder(/^[\w-]{1,128}$/, 'a stage name'))),
	authorizers: optional(array(restAuthorizer)),
	methods: array(
		record<RestMethod>({
			path: identifierDecoder(/^\/[^\s?#]*$/, 'a resource path starting with /'),
			httpMethod: oneOf('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ANY'),
			authorization: oneOf('NONE', 'AWS_IAM', 'COGNITO_USER_POOLS', 'CUSTOM'),
			authorizer: optional(string),
			authorizationScopes: optional(strings),
		})
	),
});

const httpApi = record<HttpApiDefinition>({
	id: optional(apiId),
	name: string,
	stages: optional(array(identifierDecoder(/^(\$default|[\w-]{1,128})$/, 'a stage name'))),
	authorizers: optional(
		array(
			record<JwtAuthorizer>({
				name: string,
				type: oneOf('JWT'),
				issuer: identifierDecoder(/^https?:\/\/\S+$/, 'an issuer URL'),
				audience: strings,
				identitySource: optional(string),
			})
		)
	),
	routes: array(
		record<HttpRoute>({
			routeKey: identifierDecoder(
				/^(\$default|(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|ANY) \/[^\s?#]*)$/,
				'`$default` or `<METHOD> /<path>`'
			),
			authorizationType: oneOf('NONE', 'JWT', 'AWS_IAM'),
			authorizer: optional(string),
			authorizationScopes: optional(strings),
		})
	),
});

const appSyncMode: Decoder<AppSyncAuthMode> = (value, path) => {
	switch ((value as { type?: unknown } | null)?.type) {
		case 'API_KEY':
			return record<Extract<AppSyncAuthMode, { type: 'API_KEY' }>>({
				type: oneOf('API_KEY'),
				apiKeys: array(
					record<{ id: string; expires?: number }>({ id: string, expires: optional(number) })
				),
			})(value, path);
		case 'AWS_IAM':
			return record<Extract<AppSyncAuthMode, { type: 'AWS_IAM' }>>({ type: oneOf('AWS_IAM') })(
				value,
				path
			);
		case 'AMAZON_COGNITO_USER_POOLS':
			return record<Extract<AppSyncAuthMode, { type: 'AMAZON_COGNITO_USER_POOLS' }>>({
				type: oneOf('AMAZON_COGNITO_USER_POOLS'),
				userPoolId: identifierDecoder(/^[\w-]+_[0-9a-zA-Z]+$/, 'a user pool id'),
				appIdClientRegex: optional(regex),
				defaultAction: optional(oneOf('ALLOW', 'DENY')),
			})(value, path);
		case 'OPENID_CONNECT':
			return record<Extract<AppSyncAuthMode, { type: 'OPENID_CONNECT' }>>({
				type: oneOf('OPENID_CONNECT'),
				issuer: identifierDecoder(/^https?:\/\/\S+$/, 'an issuer URL'),
				clientId: optional(string),
			})(value, path);
		default:
			return record<Extract<AppSyncAuthMode, { type: 'AWS_LAMBDA' }>>({
				type: oneOf('AWS_LAMBDA'),
				functionArn,
				resultTtlInSeconds: optional(ttl),
			})(value, path);
	}
};

const graphqlApi = record<GraphqlApiDefinition>({
	id: optional(identifierDecoder(/^[a-z0-9]{26}$/, 'twenty-six lowercase letters or digits')),
	name: string,
	schema: optional(string),
	authenticationType: appSyncMode,
	additionalAuthenticationProviders: optional(array(appSyncMode)),
});

/** Thrown by the define… functions for a definition that cannot work; the message names the field. */
export class DefinitionError extends Error {
	override name = 'DefinitionError';
}

/** Checks a definition (typed, or JSON from a scenario) and returns a clean copy. */
function checked<T>(decoder: Decoder<T>, what: string) {
	return (value: unknown): T => {
		try {
			return decoder(value, '');
		} catch (error) {
			if (error instanceof SnapshotError) throw new DefinitionError(`${what}: ${error.message}`);
			throw error;
		}
	};
}

export const checkRestApi = checked(restApi, 'REST API');
export const checkHttpApi = checked(httpApi, 'HTTP API');
export const checkGraphqlApi = checked(graphqlApi, 'GraphQL API');
export { restApi as restApiDecoder, httpApi as httpApiDecoder, graphqlApi as graphqlApiDecoder };

/** Cross-field rules the decoders cannot express: every method names an authorizer that exists. */
export function checkAuthorizerNames(
	what: string,
	authorizers: Array<{ name: string }>,
	uses: Array<{ where: string; type: string; authorizer?: string; needs: boolean }>
): void {
	const names = new Set(authorizers.map((authorizer) => authorizer.name));
	for (const use of uses) {
		if (use.needs && (!use.authorizer || !names.has(use.authorizer)))
			throw new DefinitionError(
				`${what}: ${use.where}.authorizer: ${use.type} needs the name of one of its authorizers (${[...names].join(', ') || 'none defined'}), found ${use.authorizer === undefined ? 'none' : `"${use.authorizer}"`}`
			);
	}
}
