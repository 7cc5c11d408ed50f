/** Decoding (not verifying) JWTs so the simulator can show their header and claims. Pure. */

/** A decoded JWT. */
export interface DecodedJwt {
	header: Record<string, unknown>;
	claims: Record<string, unknown>;
}

const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/** Whether a string looks like a compact JWS (three base64url parts). */
export function looksLikeJwt(value: unknown): value is string {
	return (
		typeof value === 'string' && value.length > 20 && JWT.test(value) && value.startsWith('eyJ')
	);
}

/** Header and claims of a JWT, or undefined when it does not decode. */
export function decodeJwt(token: string): DecodedJwt | undefined {
	const [header, payload] = token.split('.');
	try {
		return {
			header: JSON.parse(base64UrlToText(header!)),
			claims: JSON.parse(base64UrlToText(payload!)),
		};
	} catch {
		return undefined;
	}
}

/** Every JWT found in a JSON value, with its path (e.g. `AuthenticationResult.IdToken`). */
export function findJwts(
	value: unknown,
	path = ''
): Array<{ path: string; token: string; decoded: DecodedJwt }> {
	if (looksLikeJwt(value)) {
		const decoded = decodeJwt(value);
		return decoded ? [{ path, token: value, decoded }] : [];
	}
	if (Array.isArray(value))
		return value.flatMap((item, index) => findJwts(item, `${path}[${index}]`));
	if (value && typeof value === 'object')
		return Object.entries(value).flatMap(([key, inner]) =>
			findJwts(inner, path ? `${path}.${key}` : key)
		);
	return [];
}

function base64UrlToText(part: string): string {
	const base64 = part
		.replace(/-/g, '+')
		.replace(/_/g, '/')
		.padEnd(Math.ceil(part.length / 4) * 4, '=');
	const binary = atob(base64);
	const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
	return new TextDecoder().decode(bytes);
}
