/**
 * How the gateways check a JWT, as a resource server does: the issuer's OpenID discovery document and JWKS are
 * read through the sandbox itself (a user pool's `/.well-known/…`, a mock identity provider's), never the
 * network; the signature, `exp`/`nbf` on the sandbox clock and `iss` are checked with jose.
 */
import {
	createLocalJWKSet,
	decodeJwt,
	errors,
	jwtVerify,
	type JSONWebKeySet,
	type JWTPayload,
} from 'jose';
import type { SandboxContext } from '../core/context';

/** The issuer of a user pool's tokens, `https://cognito-idp.<region>.amazonaws.com/<poolId>`, in the sandbox's URL style. */
export function userPoolIssuer(context: SandboxContext, poolId: string): string {
	return context.urls.url(`cognito-idp.${poolId.split('_')[0]}.amazonaws.com`, `/${poolId}`);
}

/** A configured issuer URL as this sandbox spells it (an `https://…` issuer also matches its local spelling). */
export function issuerInStyle(context: SandboxContext, issuer: string): string {
	const target = context.urls.target(new URL(issuer));
	return context.urls.url(target.host, target.path.replace(/\/+$/, ''));
}

/** Why a token was refused. */
export type JwtProblem = 'malformed' | 'expired' | 'signature' | 'issuer' | 'keys';

export type JwtCheck =
	{ ok: true; claims: JWTPayload } | { ok: false; problem: JwtProblem; message: string };

/** Reads keys through the sandbox: `fetch` is `createSandbox().fetch` (no network). */
export function createJwtVerifier(fetch: (request: Request) => Promise<Response>) {
	// Imported key sets by JWKS text: importing RSA keys is the slow part, and a restored snapshot may bring
	// new keys for the same issuer (so the text, not the issuer, is the key). Bounded like other caches here.
	const keySets = new Map<string, ReturnType<typeof createLocalJWKSet>>();

	async function getJson(url: string): Promise<Record<string, unknown> | undefined> {
		try {
			const response = await fetch(new Request(url));
			if (!response.ok) return undefined;
			const body: unknown = await response.json();
			return body && typeof body === 'object' && !Array.isArray(body)
				? (body as Record<string, unknown>)
				: undefined;
		} catch {
			return undefined;
		}
	}

	/** The issuer's key set, from `<issuer>/.well-known/openid-configuration` → `jwks_uri`. */
	async function keysOf(issuer: string) {
		const discovery = await getJson(
			`${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`
		);
		const jwksUri = typeof discovery?.jwks_uri === 'string' ? discovery.jwks_uri : undefined;
		const jwks = jwksUri ? await getJson(jwksUri) : undefined;
		if (!jwks || !Array.isArray(jwks.keys)) return undefined;
		const text = JSON.stringify(jwks);
		let keySet = keySets.get(text);
		if (!keySet) {
			if (keySets.size > 100) keySets.clear();
			keySet = createLocalJWKSet(jwks as unknown as JSONWebKeySet);
			keySets.set(text, keySet);
		}
		return keySet;
	}

	/**
	 * Verifies `token` as issued by one of `issuers` (its `iss` picks which), at `now` (epoch ms).
	 * Audience and token use are the caller's to check: each gateway has its own rule.
	 */
	async function verify(token: string, issuers: readonly string[], now: number): Promise<JwtCheck> {
		let unverified: JWTPayload;
		try {
			unverified = decodeJwt(token);
		} catch {
			return { ok: false, problem: 'malformed', message: 'the token is not a valid JWT' };
		}
		const issuer = issuers.find((candidate) => candidate === unverified.iss);
		if (!issuer)
			return { ok: false, problem: 'issuer', message: 'the token does not have a valid issuer' };
		const keys = await keysOf(issuer);
		if (!keys)
			return { ok: false, problem: 'keys', message: "the issuer's signing keys could not be read" };
		try {
			const { payload } = await jwtVerify(token, keys, {
				issuer,
				currentDate: new Date(now),
				algorithms: ['RS256', 'RS384', 'RS512', 'ES256'],
			});
			return { ok: true, claims: payload };
		} catch (error) {
			if (error instanceof errors.JWTExpired)
				return { ok: false, problem: 'expired', message: 'the token has expired' };
			if (error instanceof errors.JWTClaimValidationFailed)
				return {
					ok: false,
					problem: 'malformed',
					message: `the token is not valid: ${error.reason}`,
				};
			return { ok: false, problem: 'signature', message: 'the token signature is invalid' };
		}
	}

	return { verify };
}

export type JwtVerifier = ReturnType<typeof createJwtVerifier>;

/** A token from a header value: `Bearer <token>` or the bare token. */
export function bearerToken(value: string | null | undefined): string | undefined {
	if (!value) return undefined;
	const token = value.replace(/^Bearer\s+/i, '').trim();
	return token || undefined;
}
