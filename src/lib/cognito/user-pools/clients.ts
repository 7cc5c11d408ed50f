/** App client operations and the client settings that drive sign-in (flows, validities, secrets). */
import { ServiceError } from '../core/errors';
import { customScopesOf } from './resources';
import type { ClientRecord, Env, Handler, PoolRecord } from './state';
import {
	getClient,
	getPool,
	invalidParameter,
	newClientId,
	newClientSecret,
	toEpochSeconds,
} from './util';

/** `ExplicitAuthFlows` when omitted. */
export const DEFAULT_AUTH_FLOWS = Object.freeze([
	'ALLOW_REFRESH_TOKEN_AUTH',
	'ALLOW_USER_SRP_AUTH',
	'ALLOW_CUSTOM_AUTH',
]);
const LEGACY_FLOWS = new Set(['ADMIN_NO_SRP_AUTH', 'CUSTOM_AUTH_FLOW_ONLY', 'USER_PASSWORD_AUTH']);
const UNIT_SECONDS: Record<string, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };

/** Whether an `AuthFlow` is allowed by the client's `ExplicitAuthFlows` (legacy values included). */
export function flowEnabled(client: ClientRecord, flow: string): boolean {
	const flows: string[] = client.ExplicitAuthFlows ?? DEFAULT_AUTH_FLOWS;
	const legacy = flows.some((f) => LEGACY_FLOWS.has(f));
	switch (flow) {
		case 'USER_SRP_AUTH':
			return (
				flows.includes('ALLOW_USER_SRP_AUTH') ||
				(legacy && !flows.includes('CUSTOM_AUTH_FLOW_ONLY'))
			);
		case 'USER_PASSWORD_AUTH':
			return flows.includes('ALLOW_USER_PASSWORD_AUTH') || flows.includes('USER_PASSWORD_AUTH');
		case 'ADMIN_USER_PASSWORD_AUTH':
		case 'ADMIN_NO_SRP_AUTH':
			return (
				flows.includes('ALLOW_ADMIN_USER_PASSWORD_AUTH') || flows.includes('ADMIN_NO_SRP_AUTH')
			);
		case 'CUSTOM_AUTH':
			return flows.includes('ALLOW_CUSTOM_AUTH') || legacy;
		case 'REFRESH_TOKEN_AUTH':
		case 'REFRESH_TOKEN':
			return flows.includes('ALLOW_REFRESH_TOKEN_AUTH') || legacy;
		case 'USER_AUTH':
			return flows.includes('ALLOW_USER_AUTH');
		default:
			return false;
	}
}

function checkValidity(
	input: Record<string, any>,
	token: 'AccessToken' | 'IdToken' | 'RefreshToken',
	min: number,
	max: number,
	range: string
) {
	const value = input[`${token}Validity`];
	if (value === undefined || value === null || (token === 'RefreshToken' && value === 0)) return;
	const unit = input.TokenValidityUnits?.[token] ?? (token === 'RefreshToken' ? 'days' : 'hours');
	const seconds = value * (UNIT_SECONDS[unit] ?? 3600);
	if (seconds < min || seconds > max)
		throw invalidParameter(
			`${token.replace('Token', ' token')} validity must be between ${range}.`
		);
}

const invalidFlow = (message: string) => new ServiceError('InvalidOAuthFlowException', message);

/** A callback or sign-out URL: absolute, no fragment, HTTPS except http://localhost (app schemes allowed). */
function checkRedirectUrl(url: string, kind: string) {
	let parsed: URL | undefined;
	try {
		parsed = new URL(url);
	} catch {
		parsed = undefined;
	}
	// Wording ours for the three refusals below.
	if (!parsed || url.includes('#'))
		throw invalidParameter(`${kind} ${url} must be an absolute URL without a fragment.`);
	if (parsed.protocol === 'http:' && parsed.hostname !== 'localhost')
		throw invalidParameter(`${kind} ${url} must use HTTPS (http is allowed only for localhost).`);
	if (/^(javascript|data|vbscript|file):$/i.test(parsed.protocol))
		throw invalidParameter(`${kind} ${url} is not an allowed URL scheme.`);
}

/** OAuth settings of an app client, checked as CreateUserPoolClient/UpdateUserPoolClient check them. */
function checkOAuthSettings(input: Record<string, any>) {
	const flows: string[] = input.AllowedOAuthFlows ?? [];
	if (flows.includes('client_credentials')) {
		if (flows.length > 1)
			throw invalidFlow(
				'client_credentials flow can not be selected along with code flow or implicit flow.'
			);
		if (!input.GenerateSecret && !input.__hasSecret)
			throw invalidFlow(
				'client_credentials flow can not be selected if client does not have a client secret.'
			);
	}
	const scopes: string[] = input.AllowedOAuthScopes ?? [];
	if (['email', 'phone', 'profile'].some((s) => scopes.includes(s)) && !scopes.includes('openid'))
		// Wording ours: the guide says these scopes can only be requested with openid.
		throw invalidParameter('The email, phone and profile scopes require the openid scope.');
	for (const url of input.CallbackURLs ?? []) checkRedirectUrl(url, 'Callback URL');
	for (const url of input.LogoutURLs ?? []) checkRedirectUrl(url, 'Sign-out URL');
	if (input.DefaultRedirectURI !== undefined && input.DefaultRedirectURI !== null) {
		checkRedirectUrl(input.DefaultRedirectURI, 'DefaultRedirectURI');
		if (!(input.CallbackURLs ?? []).includes(input.DefaultRedirectURI))
			throw invalidParameter('DefaultRedirectURI must be one of the callback URLs.'); // wording ours
	}
	if (
		input.AllowedOAuthFlowsUserPoolClient &&
		(flows.includes('code') || flows.includes('implicit')) &&
		!(input.CallbackURLs ?? []).length
	)
		// Wording ours.
		throw invalidParameter('A callback URL is required when the code or implicit flow is allowed.');
}

/** Builds the stored client from a Create/UpdateUserPoolClient request (omitted settings → defaults). */
function clientSettings(pool: PoolRecord, input: Record<string, any>): Record<string, any> {
	const flows: string[] | undefined = input.ExplicitAuthFlows;
	if (
		flows &&
		flows.some((f) => LEGACY_FLOWS.has(f)) &&
		flows.some((f) => f.startsWith('ALLOW_'))
	) {
		throw invalidParameter(
			'ExplicitAuthFlows cannot contain both legacy values and ALLOW_ values.'
		);
	}
	if (flows?.includes('ALLOW_USER_AUTH') && pool.settings.UserPoolTier === 'LITE') {
		throw new ServiceError(
			'FeatureUnavailableInTierException',
			'Choice-based authentication (ALLOW_USER_AUTH) is not available in the current feature plan (LITE).'
		);
	}
	checkValidity(input, 'AccessToken', 300, 86400, '5 minutes and 1 day');
	checkValidity(input, 'IdToken', 300, 86400, '5 minutes and 1 day');
	checkValidity(input, 'RefreshToken', 3600, 315360000, '60 minutes and 10 years');
	for (const attribute of [...(input.ReadAttributes ?? []), ...(input.WriteAttributes ?? [])]) {
		if (!pool.settings.SchemaAttributes.some((a: { Name: string }) => a.Name === attribute))
			throw invalidParameter(`Invalid write attributes specified while creating a client`);
	}
	const standardScopes = ['openid', 'email', 'phone', 'profile', 'aws.cognito.signin.user.admin'];
	for (const scope of (input.AllowedOAuthScopes ?? []) as string[]) {
		if (!standardScopes.includes(scope) && !customScopesOf(pool).includes(scope))
			throw new ServiceError('ScopeDoesNotExistException', `Invalid scope requested: ${scope}`);
	}
	checkOAuthSettings(input);
	const settings: Record<string, any> = {
		RefreshTokenValidity: input.RefreshTokenValidity || 30,
		...(input.AccessTokenValidity ? { AccessTokenValidity: input.AccessTokenValidity } : {}),
		...(input.IdTokenValidity ? { IdTokenValidity: input.IdTokenValidity } : {}),
		...(input.TokenValidityUnits ? { TokenValidityUnits: input.TokenValidityUnits } : {}),
		...(input.ReadAttributes ? { ReadAttributes: input.ReadAttributes } : {}),
		...(input.WriteAttributes ? { WriteAttributes: input.WriteAttributes } : {}),
		ExplicitAuthFlows: flows ?? [...DEFAULT_AUTH_FLOWS],
		...(input.SupportedIdentityProviders
			? { SupportedIdentityProviders: input.SupportedIdentityProviders }
			: {}),
		...(input.CallbackURLs ? { CallbackURLs: input.CallbackURLs } : {}),
		...(input.LogoutURLs ? { LogoutURLs: input.LogoutURLs } : {}),
		...(input.DefaultRedirectURI ? { DefaultRedirectURI: input.DefaultRedirectURI } : {}),
		...(input.AllowedOAuthFlows ? { AllowedOAuthFlows: input.AllowedOAuthFlows } : {}),
		...(input.AllowedOAuthScopes ? { AllowedOAuthScopes: input.AllowedOAuthScopes } : {}),
		AllowedOAuthFlowsUserPoolClient: input.AllowedOAuthFlowsUserPoolClient ?? false,
		...(input.AnalyticsConfiguration
			? { AnalyticsConfiguration: input.AnalyticsConfiguration }
			: {}),
		PreventUserExistenceErrors: input.PreventUserExistenceErrors ?? 'LEGACY',
		EnableTokenRevocation: input.EnableTokenRevocation ?? true,
		EnablePropagateAdditionalUserContextData:
			input.EnablePropagateAdditionalUserContextData ?? false,
		AuthSessionValidity: input.AuthSessionValidity ?? 3,
		...(input.RefreshTokenRotation
			? {
					RefreshTokenRotation: {
						Feature: input.RefreshTokenRotation.Feature,
						RetryGracePeriodSeconds: input.RefreshTokenRotation.RetryGracePeriodSeconds ?? 0,
					},
				}
			: {}),
	};
	return settings;
}

/** The `UserPoolClientType` a describe returns. */
export function describeClient(client: ClientRecord): Record<string, unknown> {
	return {
		...client,
		CreationDate: toEpochSeconds(client.CreationDate),
		LastModifiedDate: toEpochSeconds(client.LastModifiedDate),
	};
}

const createUserPoolClient: Handler = async (input, env) => {
	const pool = getPool(env, input.UserPoolId);
	const settings = clientSettings(pool, input);
	const now = env.now();
	const clientId = newClientId(env);
	const client: ClientRecord = {
		UserPoolId: pool.id,
		ClientName: input.ClientName,
		ClientId: clientId,
		...(input.GenerateSecret ? { ClientSecret: newClientSecret(env) } : {}),
		LastModifiedDate: now,
		CreationDate: now,
		...settings,
	};
	pool.clients.set(clientId, client);
	env.state.clientPools.set(clientId, pool.id);
	return { UserPoolClient: describeClient(client) };
};

const describeUserPoolClient: Handler = async (input, env) => {
	const pool = getPool(env, input.UserPoolId);
	return { UserPoolClient: describeClient(getClient(pool, input.ClientId)) };
};

const updateUserPoolClient: Handler = async (input, env) => {
	const pool = getPool(env, input.UserPoolId);
	const existing = getClient(pool, input.ClientId);
	const settings = clientSettings(pool, { ...input, __hasSecret: !!existing.ClientSecret });
	const client: ClientRecord = {
		UserPoolId: pool.id,
		ClientName: input.ClientName ?? existing.ClientName,
		ClientId: existing.ClientId,
		...(existing.ClientSecret ? { ClientSecret: existing.ClientSecret } : {}),
		LastModifiedDate: env.now(),
		CreationDate: existing.CreationDate,
		...settings,
	};
	pool.clients.set(client.ClientId, client);
	return { UserPoolClient: describeClient(client) };
};

const deleteUserPoolClient: Handler = async (input, env) => {
	const pool = getPool(env, input.UserPoolId);
	getClient(pool, input.ClientId);
	pool.clients.delete(input.ClientId);
	pool.riskConfigurations?.delete(input.ClientId);
	env.state.clientPools.delete(input.ClientId);
	return {};
};

const listUserPoolClients: Handler = async (input, env: Env) => {
	const pool = getPool(env, input.UserPoolId);
	const clients = [...pool.clients.values()].sort(
		(a, b) => a.CreationDate - b.CreationDate || a.ClientId.localeCompare(b.ClientId)
	);
	const start = input.NextToken ? Number(input.NextToken) : 0;
	const limit = input.MaxResults || 60;
	return {
		UserPoolClients: clients
			.slice(start, start + limit)
			.map((c) => ({ ClientId: c.ClientId, UserPoolId: c.UserPoolId, ClientName: c.ClientName })),
		...(start + limit < clients.length ? { NextToken: String(start + limit) } : {}),
	};
};

/** App client operations by name. */
export const CLIENT_HANDLERS: Record<string, Handler> = {
	CreateUserPoolClient: createUserPoolClient,
	DescribeUserPoolClient: describeUserPoolClient,
	UpdateUserPoolClient: updateUserPoolClient,
	DeleteUserPoolClient: deleteUserPoolClient,
	ListUserPoolClients: listUserPoolClients,
};
