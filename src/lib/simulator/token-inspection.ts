/**
 * The token inspector's engine: which tokens the trace has seen, what each header field and claim means, whether
 * the signature verifies against the issuer's JWKS (with jose, as a resource server would) and how long the token
 * has left on the sandbox clock. Pure apart from the signature check (WebCrypto); no DOM.
 */
import { compactVerify, createLocalJWKSet, errors, type JSONWebKeySet } from 'jose';
import type { TraceEvent } from '../cognito';
import { findJwts, type DecodedJwt } from './jwt';

/** A JWT the app received, where it came from and what it is. */
export interface SeenToken {
	token: string;
	decoded: DecodedJwt;
	/** `id` or `access` (from `token_use`), or `other` for tokens that are not the pool's. */
	use: 'id' | 'access' | 'other';
	/** Where it was found, e.g. `InitiateAuth → AuthenticationResult.IdToken`. */
	source: string;
	/** Who it belongs to (`cognito:username`, `username`, or the client for M2M tokens). */
	subject: string;
}

/**
 * Every distinct JWT in the responses the app received (its own API calls, not the sandbox's back-channel
 * calls), newest first.
 */
export function tokensInTrace(events: readonly TraceEvent[]): SeenToken[] {
	const seen = new Set<string>();
	const tokens: SeenToken[] = [];
	for (let index = events.length - 1; index >= 0; index--) {
		const event = events[index]!;
		if (event.type !== 'ApiCall' || event.caller || !event.response) continue;
		for (const { path, token, decoded } of findJwts(event.response)) {
			if (seen.has(token)) continue;
			seen.add(token);
			const claims = decoded.claims;
			const use =
				claims.token_use === 'id' || claims.token_use === 'access' ? claims.token_use : 'other';
			tokens.push({
				token,
				decoded,
				use,
				source: `${event.operation} → ${path}`,
				subject: String(
					claims['cognito:username'] ?? claims.username ?? claims.client_id ?? claims.sub ?? '?'
				),
			});
		}
	}
	return tokens;
}

/** What each JOSE header field of a Cognito token means. */
export const HEADER_NOTES: ReadonlyMap<string, string> = new Map([
	[
		'alg',
		'Signing algorithm. RS256 is an RSA signature over a SHA-256 hash: only the pool holds the private key.',
	],
	[
		'kid',
		"Key ID: which of the pool's public keys (in its JWKS) verifies the signature. Keys rotate, so look it up by kid.",
	],
	['typ', 'Media type of the token.'],
]);

/** What each claim of a user pool ID or access token means, in a sentence. */
export const CLAIM_NOTES: ReadonlyMap<string, string> = new Map([
	[
		'sub',
		"The user's unique, unchanging ID in the pool (a UUID). Use it, not the username, as your key for the user.",
	],
	[
		'iss',
		"Issuer: the user pool's URL. Check that it is your pool; its /.well-known/jwks.json has the signing keys.",
	],
	[
		'aud',
		'Audience (ID tokens): the app client ID the token was issued to. Check that it is your client.',
	],
	[
		'client_id',
		'The app client the token was issued to (access tokens carry this instead of aud).',
	],
	[
		'token_use',
		'id or access. Check it, so an ID token is never accepted where an access token is expected.',
	],
	[
		'auth_time',
		'When the user signed in (seconds since 1970). Tokens from a refresh keep the original time.',
	],
	['iat', 'Issued at (seconds since 1970).'],
	[
		'exp',
		'Expires at (seconds since 1970). ID and access tokens last 1 hour unless the app client says otherwise (5 minutes to 1 day).',
	],
	['jti', 'Unique ID of this token.'],
	[
		'origin_jti',
		'ID of the sign-in this token descends from; tokens refreshed from the same refresh token share it, and revoking that refresh token revokes them.',
	],
	['event_id', 'ID of the authentication event that produced the token.'],
	[
		'scope',
		'OAuth scopes granted (access tokens). aws.cognito.signin.user.admin lets the user call the self-service user pool APIs (GetUser, UpdateUserAttributes…).',
	],
	['username', "The user's username (access tokens)."],
	['cognito:username', "The user's username (ID tokens)."],
	['cognito:groups', 'The groups the user belongs to: an API can authorize by group.'],
	['cognito:roles', "IAM role ARNs of the user's groups; an identity pool can choose among them."],
	[
		'cognito:preferred_role',
		'The role of the group with the best (lowest) precedence; an identity pool using token-based roles picks it.',
	],
	['email', "The user's email address attribute."],
	['email_verified', 'Whether the email address was verified (by a code or by an administrator).'],
	['phone_number', "The user's phone number attribute (E.164)."],
	['phone_number_verified', 'Whether the phone number was verified.'],
	['identities', 'The federated identities (Google, SAML…) linked to this user.'],
	[
		'at_hash',
		'Hash of the access token issued with this ID token (OpenID Connect), so a client can tell the two belong together.',
	],
	[
		'nonce',
		'The value the app sent in the authorization request, returned so it can detect a replayed token.',
	],
	['version', 'Format version of the access token.'],
]);

/** The sentence for a claim (custom attributes and unknown claims get a generic one). */
export function explainClaim(claim: string): string {
	const note = CLAIM_NOTES.get(claim);
	if (note) return note;
	if (claim.startsWith('custom:')) return 'A custom attribute of the user.';
	return 'A claim added by the pool or by a pre token generation trigger.';
}

/** How long a token has left on the sandbox clock. */
export type Expiry =
	| { state: 'valid'; secondsLeft: number }
	| { state: 'expired'; secondsAgo: number }
	| { state: 'no-exp' };

/** Expiry of `claims` at `nowMs` (the sandbox clock). */
export function expiryAt(claims: Record<string, unknown>, nowMs: number): Expiry {
	if (typeof claims.exp !== 'number') return { state: 'no-exp' };
	// A token is refused from its exp second on (RFC 7519 4.1.4).
	const left = Math.ceil(claims.exp - nowMs / 1000);
	return left > 0
		? { state: 'valid', secondsLeft: left }
		: { state: 'expired', secondsAgo: Math.max(0, -left) };
}

/** "59 min 58 s", "1 h 0 min 5 s". */
export function formatDuration(seconds: number): string {
	const hours = Math.floor(seconds / 3600);
	const minutes = Math.floor((seconds % 3600) / 60);
	const rest = seconds % 60;
	return [hours ? `${hours} h` : '', hours || minutes ? `${minutes} min` : '', `${rest} s`]
		.filter(Boolean)
		.join(' ');
}

/** The outcome of checking a signature. */
export type SignatureCheck = { valid: true; kid: string } | { valid: false; reason: string };

/**
 * Verifies the token's signature (only the signature: expiry is judged on the sandbox clock) against a JWKS,
 * picking the key by `kid` as a resource server does.
 */
export async function verifySignature(token: string, jwks: unknown): Promise<SignatureCheck> {
	if (!jwks || typeof jwks !== 'object' || !Array.isArray((jwks as JSONWebKeySet).keys))
		return { valid: false, reason: 'The issuer returned no JSON Web Key Set.' };
	try {
		const { protectedHeader } = await compactVerify(
			token,
			createLocalJWKSet(jwks as JSONWebKeySet)
		);
		return { valid: true, kid: String(protectedHeader.kid ?? '') };
	} catch (error) {
		if (error instanceof errors.JWKSNoMatchingKey)
			return { valid: false, reason: "No key in the pool's JWKS has this token's kid." };
		if (error instanceof errors.JWSSignatureVerificationFailed)
			return {
				valid: false,
				reason: 'The signature does not match: the token was changed after the pool signed it.',
			};
		return { valid: false, reason: error instanceof Error ? error.message : String(error) };
	}
}

/** The issuer's JWKS address (`<iss>/.well-known/jwks.json`), or undefined for a token without `iss`. */
export function jwksUrl(claims: Record<string, unknown>): string | undefined {
	return typeof claims.iss === 'string' && /^https?:\/\//.test(claims.iss)
		? `${claims.iss.replace(/\/$/, '')}/.well-known/jwks.json`
		: undefined;
}

/** A console call that uses a token the way an app would next. */
export interface ConsoleDraft {
	operation: string;
	request: Record<string, unknown>;
}

/**
 * The next call an app makes with `token`: an access token calls GetUser (the user's own profile); an ID token
 * is exchanged at the identity pool the trace used last (GetId with the pool's provider name in Logins).
 */
export function nextCallWith(
	token: SeenToken,
	events: readonly TraceEvent[]
): ConsoleDraft | undefined {
	if (token.use === 'access')
		return { operation: 'GetUser', request: { AccessToken: token.token } };
	if (token.use !== 'id' || typeof token.decoded.claims.iss !== 'string') return undefined;
	let identityPoolId = '';
	for (let index = events.length - 1; index >= 0 && !identityPoolId; index--) {
		const event = events[index]!;
		if (event.type !== 'ApiCall') continue;
		for (const part of [event.request, event.response]) {
			const id = (part as { IdentityPoolId?: unknown } | undefined)?.IdentityPoolId;
			if (typeof id === 'string' && id) identityPoolId = id;
		}
	}
	const provider = token.decoded.claims.iss.replace(/^https?:\/\//, '');
	return {
		operation: 'GetId',
		request: {
			IdentityPoolId: identityPoolId || 'us-east-1:<create an identity pool first>',
			Logins: { [provider]: token.token },
		},
	};
}
