/** Web identity tokens as STS sees them: who vouches for an issuer, and which context keys a token brings. */
import type { RequestContext } from '../iam';

/** Outcome of verifying a web identity token. */
export type WebIdentityVerification =
	{ ok: true; claims: Record<string, unknown> } | { ok: false; expired?: boolean; message: string };

/** An issuer STS trusts, e.g. `https://cognito-identity.amazonaws.com` (provider `cognito-identity.amazonaws.com`). */
export interface WebIdentityVerifier {
	/** The token's `iss`. */
	issuer: string;
	/** The federated principal name and context-key prefix, e.g. `cognito-identity.amazonaws.com`. */
	provider: string;
	verify(token: string): Promise<WebIdentityVerification>;
}

/** The payload of a compact JWT without checking it (only to pick the verifier), or undefined. */
export function decodeUnverified(token: string): Record<string, unknown> | undefined {
	const parts = token.split('.');
	if (parts.length !== 3) return undefined;
	try {
		const json = atob(parts[1]!.replace(/-/g, '+').replace(/_/g, '/'));
		const payload = JSON.parse(json);
		return payload && typeof payload === 'object' && !Array.isArray(payload) ? payload : undefined;
	} catch {
		return undefined;
	}
}

/**
 * `<provider>:aud`, `:sub`, `:amr` (multivalued) and `aws:PrincipalTag/<key>` from the token's
 * `https://aws.amazon.com/tags` claim, as IAM sees them in trust and permission policies.
 */
export function contextKeysOf(provider: string, claims: Record<string, unknown>): RequestContext {
	const keys: RequestContext = {};
	for (const claim of ['aud', 'sub']) {
		const value = claims[claim];
		if (typeof value === 'string') keys[`${provider}:${claim}`] = value;
		else if (Array.isArray(value)) keys[`${provider}:${claim}`] = value.map(String);
	}
	if (Array.isArray(claims.amr)) keys[`${provider}:amr`] = claims.amr.map(String);
	const tags = (
		claims['https://aws.amazon.com/tags'] as
			{ principal_tags?: Record<string, unknown> } | undefined
	)?.principal_tags;
	if (tags && typeof tags === 'object') {
		for (const [key, value] of Object.entries(tags)) {
			const first = Array.isArray(value) ? value[0] : value;
			if (first !== undefined) keys[`aws:PrincipalTag/${key}`] = String(first);
		}
	}
	return keys;
}
