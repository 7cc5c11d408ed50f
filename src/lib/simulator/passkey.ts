/**
 * The simulator's virtual passkey authenticator: `Sandbox.CreatePasskey` answers the CredentialCreationOptions of
 * StartWebAuthnRegistration and `Sandbox.UsePasskey` the CREDENTIAL_REQUEST_OPTIONS of a WEB_AUTHN challenge, with
 * the JSON a browser's `PublicKeyCredential.toJSON()` gives. One fixed ES256 key (a sandbox-only test key, so a
 * scenario replays the same) and `none` attestation; `Origin` (default `https://<rp id>`) lets a learner play a
 * phishing site and watch the relying party refuse the credential. Signature counter 0 ("not supported").
 */
import type { CallOutcome, JsonObject } from './types';

/** A P-256 key made for the sandbox; it protects nothing. */
const KEY = {
	kty: 'EC',
	crv: 'P-256',
	x: 'QWJ0vGYWobb0jYY362Xr4Od8bFEPHeXw_jHc28-I5lg',
	y: 'CKQaZgCyItlGhSllYej6KSZsPvsfD_fnWIX3AQCj1NE',
	d: 'pb-Qub6_PPnF8ngRt75HdKKYTnSDK10x_5fZQpphhb4',
} as const;

export const PASSKEY_OPERATIONS = ['CreatePasskey', 'UsePasskey'];

const b64url = (bytes: Uint8Array) =>
	btoa(String.fromCharCode(...bytes))
		.replace(/\+/g, '-')
		.replace(/\//g, '_')
		.replace(/=+$/, '');
const fromB64url = (text: string) =>
	Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
const sha256 = async (bytes: Uint8Array) =>
	new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
const utf8 = (text: string) => new TextEncoder().encode(text);

/** CBOR (RFC 8949) for the few shapes an attestation needs: integers, byte and text strings, maps. */
function cbor(value: unknown): number[] {
	const head = (major: number, length: number) =>
		length < 24
			? [(major << 5) | length]
			: length < 256
				? [(major << 5) | 24, length]
				: [(major << 5) | 25, length >> 8, length & 0xff];
	if (typeof value === 'number') return value >= 0 ? head(0, value) : head(1, -1 - value);
	if (value instanceof Uint8Array) return [...head(2, value.length), ...value];
	if (typeof value === 'string') return [...head(3, utf8(value).length), ...utf8(value)];
	if (value instanceof Map)
		return [...head(5, value.size), ...[...value].flatMap(([k, v]) => [...cbor(k), ...cbor(v)])];
	throw new TypeError('cbor: unsupported value');
}

/** Raw r‖s (Web Crypto's ECDSA output) as the ASN.1 DER authenticators send. */
function rawToDer(raw: Uint8Array): number[] {
	const integer = (bytes: Uint8Array) => {
		let start = 0;
		while (start < bytes.length - 1 && bytes[start] === 0) start++;
		const trimmed = [...bytes.slice(start)];
		if (trimmed[0]! & 0x80) trimmed.unshift(0);
		return [0x02, trimmed.length, ...trimmed];
	};
	const body = [...integer(raw.slice(0, 32)), ...integer(raw.slice(32))];
	return [0x30, body.length, ...body];
}

function readOptions(value: unknown): Record<string, any> | undefined {
	if (typeof value === 'string') {
		try {
			return readOptions(JSON.parse(value));
		} catch {
			return undefined;
		}
	}
	return value && typeof value === 'object' ? (value as Record<string, any>) : undefined;
}

/** Runs `Sandbox.CreatePasskey` or `Sandbox.UsePasskey` (`Options`, optional `Origin`). */
export async function passkeyOperation(
	operation: string,
	request: JsonObject
): Promise<CallOutcome> {
	const options = readOptions(request.Options);
	const create = operation === 'CreatePasskey';
	const rpId: unknown = create ? options?.rp?.id : options?.rpId;
	if (!options || typeof options.challenge !== 'string' || typeof rpId !== 'string')
		return {
			ok: false,
			error: {
				type: 'InvalidParameterException',
				message: `${operation} needs Options: the ${create ? 'CredentialCreationOptions of StartWebAuthnRegistration' : 'CREDENTIAL_REQUEST_OPTIONS of the WEB_AUTHN challenge'}`,
			},
		};
	const origin = typeof request.Origin === 'string' ? request.Origin : `https://${rpId}`;
	const credentialId = (await sha256(utf8(KEY.x))).slice(0, 16);
	const clientData = utf8(
		JSON.stringify({
			type: create ? 'webauthn.create' : 'webauthn.get',
			challenge: options.challenge,
			origin,
			crossOrigin: false,
		})
	);
	const rpIdHash = await sha256(utf8(rpId));
	// Flags: user present (0x01) and verified (0x04); 0x40 = attested credential data follows.
	let credential: JsonObject;
	if (create) {
		const coseKey = new Map<number, unknown>([
			[1, 2],
			[3, -7],
			[-1, 1],
			[-2, fromB64url(KEY.x)],
			[-3, fromB64url(KEY.y)],
		]);
		const authData = new Uint8Array([
			...rpIdHash,
			0x45,
			0,
			0,
			0,
			0,
			...new Uint8Array(16),
			0,
			credentialId.length,
			...credentialId,
			...cbor(coseKey),
		]);
		const attestation = new Map<string, unknown>([
			['fmt', 'none'],
			['attStmt', new Map()],
			['authData', authData],
		]);
		credential = {
			id: b64url(credentialId),
			rawId: b64url(credentialId),
			type: 'public-key',
			authenticatorAttachment: 'platform',
			response: {
				clientDataJSON: b64url(clientData),
				attestationObject: b64url(new Uint8Array(cbor(attestation))),
				transports: ['internal'],
			},
			clientExtensionResults: {},
		};
	} else {
		const authData = new Uint8Array([...rpIdHash, 0x05, 0, 0, 0, 0]);
		const key = await crypto.subtle.importKey(
			'jwk',
			{ ...KEY, ext: true },
			{ name: 'ECDSA', namedCurve: 'P-256' },
			false,
			['sign']
		);
		const signed = new Uint8Array([...authData, ...(await sha256(clientData))]);
		const raw = new Uint8Array(
			await crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, key, signed)
		);
		credential = {
			id: b64url(credentialId),
			rawId: b64url(credentialId),
			type: 'public-key',
			authenticatorAttachment: 'platform',
			response: {
				clientDataJSON: b64url(clientData),
				authenticatorData: b64url(authData),
				signature: b64url(new Uint8Array(rawToDer(raw))),
				userHandle: null,
			},
			clientExtensionResults: {},
		};
	}
	return {
		ok: true,
		response: { Credential: credential, CredentialJson: JSON.stringify(credential) },
	};
}
