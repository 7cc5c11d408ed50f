/**
 * Identity-pool logins from the sandbox's mock identity providers (../federation/idps), so learners and tests
 * can sign in "with Google" offline: one set of mock IdPs serves user-pool federation and identity pools.
 *
 * `sandbox.mintProviderToken(provider, { sub, aud })` returns a JWT signed with that provider's key (for
 * Google, Apple and OIDC issuers the same key their JWKS endpoint serves).
 * `provider` is a Logins key: `accounts.google.com`, `graph.facebook.com`, `www.amazon.com`,
 * `appleid.apple.com`, an OpenID Connect provider name (`login.example.com`, the host/path of the issuer) or a
 * SAML provider ARN. `GetId` and friends verify the signature, the expiry and, for the four social providers,
 * that `aud` is the app id configured in `SupportedLoginProviders`.
 * Facebook and Amazon really issue opaque access tokens and SAML IdPs base64 assertions; the sandbox uses JWTs
 * for all of them so one mint call fits every provider.
 */
import { decodeProtectedHeader, errors, jwtVerify, SignJWT } from 'jose';
import type { SandboxContext } from '../core/context';
import type { SigningKey } from './key-ring';

/** The signing key and issuer of a `Logins` provider, from the mock IdPs. */
export interface LoginKeys {
	loginKey(provider: string): Promise<{ key: SigningKey; issuer: string }>;
}

/** The social providers identity pools know by name (`SupportedLoginProviders` keys). */
export const SOCIAL_PROVIDERS = [
	'graph.facebook.com',
	'accounts.google.com',
	'www.amazon.com',
	'appleid.apple.com',
] as const;

/** Claims a learner sets on a mock provider token; any other claim is copied as is. */
export interface ProviderTokenClaims {
	/** The user's id at the provider. */
	sub: string;
	/** The app id / client id the token was issued to (must equal the pool's configured app id). */
	aud?: string;
	/** Expiry in epoch seconds (default: one hour after `iat`). */
	exp?: number;
	/** Issued-at in epoch seconds (default: the sandbox clock). */
	iat?: number;
	[claim: string]: unknown;
}

/** Issuer URL of a provider's tokens: `https://` + the Logins key (a SAML ARN is its own issuer). */
export function issuerOf(provider: string): string {
	return provider.startsWith('arn:') ? provider : `https://${provider}`;
}

/** Signs a mock provider token with the provider's sandbox key. */
export async function mintProviderToken(
	context: SandboxContext,
	keys: LoginKeys,
	provider: string,
	claims: ProviderTokenClaims
): Promise<string> {
	if (!provider || typeof provider !== 'string')
		throw new TypeError(
			'mintProviderToken: provider must be a Logins key such as accounts.google.com'
		);
	if (!claims || typeof claims.sub !== 'string' || !claims.sub)
		throw new TypeError('mintProviderToken: claims.sub (the user id at the provider) is required');
	const { key, issuer } = await keys.loginKey(provider);
	const iat = claims.iat ?? Math.floor(context.clock.now() / 1000);
	const payload = { ...claims, iss: issuer, iat, exp: claims.exp ?? iat + 3600 };
	return new SignJWT(payload)
		.setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
		.sign(key.privateKey);
}

/** Why a provider token was refused, worded as Cognito Identity words it. */
export type ProviderTokenCheck =
	{ ok: true; claims: Record<string, unknown> } | { ok: false; message: string };

/** Verifies a mock provider token: signature by the provider's key, issuer, expiry and (when given) audience. */
export async function verifyProviderToken(
	context: SandboxContext,
	keys: LoginKeys,
	provider: string,
	token: string,
	audiences?: string[]
): Promise<ProviderTokenCheck> {
	let kid: string | undefined;
	try {
		kid = decodeProtectedHeader(token).kid;
	} catch {
		return {
			ok: false,
			message: 'Invalid login token. Not a valid OpenId Connect identity token.',
		};
	}
	const { key, issuer } = await keys.loginKey(provider);
	if (kid !== key.kid)
		return {
			ok: false,
			message: 'Invalid login token. Not a valid OpenId Connect identity token.',
		};
	const now = Math.floor(context.clock.now() / 1000);
	try {
		const { payload } = await jwtVerify(token, key.publicKey, {
			algorithms: ['RS256'],
			currentDate: new Date(context.clock.now()),
			clockTolerance: 0,
		});
		if (payload.iss !== issuer)
			return { ok: false, message: "Invalid login token. Issuer doesn't match providerName" };
		if (audiences) {
			const tokenAudiences = Array.isArray(payload.aud)
				? payload.aud
				: payload.aud
					? [payload.aud]
					: [];
			if (!tokenAudiences.some((aud) => audiences.includes(aud)))
				return { ok: false, message: 'Invalid login token. Incorrect token audience.' };
		}
		return { ok: true, claims: payload as Record<string, unknown> };
	} catch (error) {
		if (error instanceof errors.JWTExpired)
			return {
				ok: false,
				message: `Invalid login token. Token expired: ${now} >= ${String((error.payload as { exp?: number }).exp)}`,
			};
		return {
			ok: false,
			message: 'Invalid login token. Not a valid OpenId Connect identity token.',
		};
	}
}
