/**
 * Checks each entry of a `Logins` map against the pool's configured providers and verifies its token:
 * user-pool ID tokens (through the user-pool service), mock social/OIDC/SAML tokens, and Cognito Identity's own
 * OpenID tokens (`cognito-identity.amazonaws.com`, the developer-authenticated flow).
 */
import type { SandboxContext } from '../core/context';
import { ServiceError } from '../core/errors';
import type { UserPoolService } from '../user-pools';
import type { KeyRing } from './key-ring';
import type { LoginKeys } from './providers';
import { COGNITO_IDENTITY_PROVIDER, verifyOpenIdToken } from './openid-token';
import type { IdentityPoolConfig } from './pools';
import { SOCIAL_PROVIDERS, verifyProviderToken } from './providers';

/** A verified login. */
export interface VerifiedLogin {
	/** The Logins key, also the key the identity stores the link under. */
	providerKey: string;
	/** The user's id at the provider (for `cognito-identity.amazonaws.com`: the identity id). */
	subject: string;
	/** `RoleMappings` key. */
	mappingKey: string;
	claims: Record<string, unknown>;
	/** What the login adds to the identity token's `amr` after `authenticated`. */
	amr: string[];
	/** Set for a Cognito Identity token: the identity it was issued for. */
	tokenIdentityId?: string;
	/** Principal tags carried by a developer-authenticated token. */
	principalTags?: Record<string, string>;
}

const notAuthorized = (message: string) => new ServiceError('NotAuthorizedException', message);
const UNSUPPORTED = 'Token is not from a supported provider of this identity pool.';

/** Whether the pool accepts any login at all. */
export function hasProviders(pool: IdentityPoolConfig): boolean {
	return (
		Object.keys(pool.SupportedLoginProviders).length > 0 ||
		pool.CognitoIdentityProviders.length > 0 ||
		pool.OpenIdConnectProviderARNs.length > 0 ||
		pool.SamlProviderARNs.length > 0 ||
		!!pool.DeveloperProviderName
	);
}

/** Verifies every login in the map, in order; throws `NotAuthorizedException` with the service's wording. */
export async function verifyLogins(
	context: SandboxContext,
	keys: KeyRing & LoginKeys,
	userPools: UserPoolService,
	pool: IdentityPoolConfig,
	logins: Record<string, string>
): Promise<VerifiedLogin[]> {
	const entries = Object.entries(logins);
	if (entries.length > 0 && !hasProviders(pool))
		throw notAuthorized(
			`Identity pool - ${pool.IdentityPoolId} does not have identity providers configured.`
		);
	const verified: VerifiedLogin[] = [];
	for (const [providerKey, token] of entries)
		verified.push(await verifyLogin(context, keys, userPools, pool, providerKey, token));
	return verified;
}

async function verifyLogin(
	context: SandboxContext,
	keys: KeyRing & LoginKeys,
	userPools: UserPoolService,
	pool: IdentityPoolConfig,
	providerKey: string,
	token: string
): Promise<VerifiedLogin> {
	if (providerKey === COGNITO_IDENTITY_PROVIDER) {
		const result = await verifyOpenIdToken(context, keys, token);
		if (!result.ok)
			throw notAuthorized(
				result.expired
					? 'Invalid login token. Token expired.'
					: 'Invalid login token. Not a valid OpenId Connect identity token.'
			);
		if (result.claims.aud !== pool.IdentityPoolId)
			throw notAuthorized('Invalid login token. Incorrect token audience.');
		const amr = Array.isArray(result.claims.amr)
			? result.claims.amr.map(String).filter((entry) => entry !== 'authenticated')
			: [];
		const tags = (
			result.claims['https://aws.amazon.com/tags'] as
				{ principal_tags?: Record<string, string[]> } | undefined
		)?.principal_tags;
		return {
			providerKey,
			subject: String(result.claims.sub),
			mappingKey: providerKey,
			claims: result.claims,
			amr,
			tokenIdentityId: String(result.claims.sub),
			principalTags: tags
				? Object.fromEntries(
						Object.entries(tags).map(([key, value]) => [
							key,
							String(Array.isArray(value) ? value[0] : value),
						])
					)
				: undefined,
		};
	}

	if (providerKey.startsWith('cognito-idp.')) {
		const configs = pool.CognitoIdentityProviders.filter(
			(provider) => provider.ProviderName === providerKey
		);
		if (configs.length === 0) throw notAuthorized(UNSUPPORTED);
		const serverSideTokenCheck = configs.some((provider) => provider.ServerSideTokenCheck);
		const { userPoolId, clientId, claims } = await userPools.verifyIdToken(token, {
			serverSideTokenCheck,
		});
		if (
			`cognito-idp.${context.region}.amazonaws.com/${userPoolId}` !== providerKey &&
			!providerKey.endsWith(`/${userPoolId}`)
		) {
			throw notAuthorized("Invalid login token. Issuer doesn't match providerName");
		}
		if (!configs.some((provider) => provider.ClientId === clientId))
			throw notAuthorized('Invalid login token. Incorrect token audience.');
		const sub = String(claims.sub);
		return {
			providerKey,
			subject: sub,
			mappingKey: `${providerKey}:${clientId}`,
			claims,
			amr: [providerKey, `${providerKey}:CognitoSignIn:${sub}`],
		};
	}

	const social = (SOCIAL_PROVIDERS as readonly string[]).includes(providerKey);
	const oidc = pool.OpenIdConnectProviderARNs.some((arn) =>
		arn.endsWith(`:oidc-provider/${providerKey}`)
	);
	const saml = pool.SamlProviderARNs.includes(providerKey);
	if (social && !pool.SupportedLoginProviders[providerKey]) throw notAuthorized(UNSUPPORTED);
	if (!social && !oidc && !saml) throw notAuthorized(UNSUPPORTED);
	const audiences = social
		? pool.SupportedLoginProviders[providerKey]!.split(',').map((id) => id.trim())
		: undefined;
	const check = await verifyProviderToken(context, keys, providerKey, token, audiences);
	if (!check.ok) throw notAuthorized(check.message);
	const sub = String(check.claims.sub);
	return {
		providerKey,
		subject: sub,
		mappingKey: providerKey,
		claims: check.claims,
		amr: [providerKey, `${providerKey}:${sub}`],
	};
}
