/**
 * Cognito Identity's own OpenID Connect tokens (`GetOpenIdToken`, `GetOpenIdTokenForDeveloperIdentity`, and the
 * token the enhanced flow hands to STS): `iss` https://cognito-identity.amazonaws.com, `aud` the identity pool id,
 * `sub` the identity id, `amr` the authentication methods; RS256.
 */
import { errors, jwtVerify, SignJWT } from 'jose';
import type { SandboxContext } from '../core/context';
import type { WebIdentityVerification } from '../sts';
import type { KeyRing } from './key-ring';

/** `iss` of Cognito Identity's OpenID tokens. */
export const COGNITO_IDENTITY_ISSUER = 'https://cognito-identity.amazonaws.com';
/** The federated principal and Logins key of those tokens. */
export const COGNITO_IDENTITY_PROVIDER = 'cognito-identity.amazonaws.com';
/** `GetOpenIdToken` tokens last 10 minutes. */
export const OPENID_TOKEN_SECONDS = 600;
/** `GetOpenIdTokenForDeveloperIdentity` default lifetime: 15 minutes (max 24 hours). */
export const DEVELOPER_TOKEN_SECONDS = 900;

const KEY_NAME = 'cognito-identity';

/** Signs an identity token. `principalTags` become the `https://aws.amazon.com/tags` claim STS reads. */
export async function issueOpenIdToken(
	context: SandboxContext,
	keys: KeyRing,
	input: {
		identityPoolId: string;
		identityId: string;
		amr: string[];
		lifetimeSeconds: number;
		principalTags?: Record<string, string>;
	}
): Promise<string> {
	const key = await keys.get(KEY_NAME);
	const iat = Math.floor(context.clock.now() / 1000);
	const payload: Record<string, unknown> = {
		sub: input.identityId,
		aud: input.identityPoolId,
		amr: input.amr,
		iss: COGNITO_IDENTITY_ISSUER,
		iat,
		exp: iat + input.lifetimeSeconds,
	};
	if (input.principalTags && Object.keys(input.principalTags).length > 0) {
		payload['https://aws.amazon.com/tags'] = {
			principal_tags: Object.fromEntries(
				Object.entries(input.principalTags).map(([k, v]) => [k, [v]])
			),
		};
	}
	return new SignJWT(payload)
		.setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWS' })
		.sign(key.privateKey);
}

/** Verifies an identity token (signature, issuer, expiry) for STS and for `Logins["cognito-identity.amazonaws.com"]`. */
export async function verifyOpenIdToken(
	context: SandboxContext,
	keys: KeyRing,
	token: string
): Promise<WebIdentityVerification> {
	const key = await keys.get(KEY_NAME);
	try {
		const { payload } = await jwtVerify(token, key.publicKey, {
			algorithms: ['RS256'],
			issuer: COGNITO_IDENTITY_ISSUER,
			currentDate: new Date(context.clock.now()),
			clockTolerance: 0,
		});
		return { ok: true, claims: payload as Record<string, unknown> };
	} catch (error) {
		if (error instanceof errors.JWTExpired)
			return { ok: false, expired: true, message: 'Token expired' };
		return {
			ok: false,
			message:
				"Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements",
		};
	}
}

/** The public key set of identity tokens (served like https://cognito-identity.amazonaws.com/.well-known/jwks_uri). */
export async function openIdJwks(keys: KeyRing): Promise<{ keys: object[] }> {
	return { keys: [(await keys.get(KEY_NAME)).publicJwk] };
}
