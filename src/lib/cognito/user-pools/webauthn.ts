/**
 * Passkeys (WebAuthn): registration (StartWebAuthnRegistration → the browser's
 * `navigator.credentials.create` → CompleteWebAuthnRegistration), credential management, and the
 * WEB_AUTHN first factor of choice-based sign-in. Checks what a relying party checks: the challenge,
 * the origin, the RP ID hash, the user-presence/verification flags and (for sign-in) the signature.
 * Attestation statements are not verified (Cognito accepts `none` attestation too).
 */
import { ServiceError } from '../core/errors';
import { domainHost } from './domains';
import type { Env, Handler, PasskeyRecord, PoolRecord, UserRecord } from './state';
import { authenticateAccessToken } from './tokens';
import { invalidParameter, MINUTE_MS, notAuthorized } from './util';

const CHALLENGE_LIFETIME_MS = 5 * MINUTE_MS;
const TIMEOUT_MS = 180_000;
const MAX_PASSKEYS = 20;

// ---------------------------------------------------------------------------------------------
// Encoding helpers

/** base64url (no padding) → bytes. */
export function fromBase64Url(value: string): Uint8Array {
	const base64 = value.replace(/-/g, '+').replace(/_/g, '/');
	return Uint8Array.from(atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4)), (c) =>
		c.charCodeAt(0)
	);
}

/** bytes → base64url (no padding). */
export function toBase64Url(bytes: Uint8Array): string {
	let binary = '';
	for (const byte of bytes) binary += String.fromCharCode(byte);
	return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Decodes one CBOR item (the subset WebAuthn uses: ints, byte/text strings, arrays, maps, simple values). */
export function decodeCbor(bytes: Uint8Array, offset = 0): { value: unknown; next: number } {
	const initial = bytes[offset];
	if (initial === undefined) throw new Error('truncated CBOR');
	const major = initial >> 5;
	const info = initial & 0x1f;
	let position = offset + 1;
	const readLength = (): number => {
		if (info < 24) return info;
		const size = info === 24 ? 1 : info === 25 ? 2 : info === 26 ? 4 : info === 27 ? 8 : 0;
		if (!size || position + size > bytes.length) throw new Error('unsupported CBOR length');
		let value = 0;
		for (let i = 0; i < size; i++) value = value * 256 + bytes[position + i]!;
		position += size;
		return value;
	};
	switch (major) {
		case 0:
			return { value: readLength(), next: position };
		case 1:
			return { value: -1 - readLength(), next: position };
		case 2:
		case 3: {
			const length = readLength();
			if (position + length > bytes.length) throw new Error('truncated CBOR');
			const slice = bytes.slice(position, position + length);
			return {
				value: major === 2 ? slice : new TextDecoder().decode(slice),
				next: position + length,
			};
		}
		case 4: {
			const length = readLength();
			const items: unknown[] = [];
			for (let i = 0; i < length; i++) {
				const item = decodeCbor(bytes, position);
				items.push(item.value);
				position = item.next;
			}
			return { value: items, next: position };
		}
		case 5: {
			const length = readLength();
			const map = new Map<unknown, unknown>();
			for (let i = 0; i < length; i++) {
				const key = decodeCbor(bytes, position);
				const value = decodeCbor(bytes, key.next);
				map.set(key.value, value.value);
				position = value.next;
			}
			return { value: map, next: position };
		}
		case 7:
			return { value: info === 20 ? false : info === 21 ? true : null, next: position };
		default:
			throw new Error('unsupported CBOR type');
	}
}

/** A COSE public key (EC2 P-256 or RSA) as a JWK and its algorithm. */
function coseToJwk(cose: Map<unknown, unknown>): { jwk: Record<string, string>; alg: number } {
	const kty = cose.get(1);
	const alg = cose.get(3);
	if (kty === 2 && alg === -7 && cose.get(-1) === 1) {
		return {
			jwk: {
				kty: 'EC',
				crv: 'P-256',
				x: toBase64Url(cose.get(-2) as Uint8Array),
				y: toBase64Url(cose.get(-3) as Uint8Array),
			},
			alg: -7,
		};
	}
	if (kty === 3 && alg === -257)
		return {
			jwk: {
				kty: 'RSA',
				n: toBase64Url(cose.get(-1) as Uint8Array),
				e: toBase64Url(cose.get(-2) as Uint8Array),
			},
			alg: -257,
		};
	throw new ServiceError(
		'WebAuthnCredentialNotSupportedException',
		'The credential algorithm is not supported. Use ES256 or RS256.'
	);
}

/** An ASN.1 DER ECDSA signature → the raw r‖s form Web Crypto verifies. */
function derToRaw(der: Uint8Array): Uint8Array {
	const raw = new Uint8Array(64);
	let position = 2;
	if (der[1]! & 0x80) position += der[1]! & 0x7f;
	for (let part = 0; part < 2; part++) {
		if (der[position] !== 0x02) throw new Error('bad DER');
		const length = der[position + 1]!;
		let value = der.slice(position + 2, position + 2 + length);
		while (value.length > 32 && value[0] === 0) value = value.slice(1);
		raw.set(value, part * 32 + (32 - value.length));
		position += 2 + length;
	}
	return raw;
}

/** A base64url field of the credential, or InvalidParameterException. */
function decodeField(value: unknown, name: string): Uint8Array {
	if (typeof value !== 'string') throw invalidParameter(`The credential is missing ${name}.`);
	try {
		return fromBase64Url(value);
	} catch {
		throw invalidParameter(`${name} is not base64url.`);
	}
}

const sha256 = async (data: Uint8Array) =>
	new Uint8Array(await crypto.subtle.digest('SHA-256', new Uint8Array(data)));
const equalBytes = (a: Uint8Array, b: Uint8Array) =>
	a.length === b.length && a.every((byte, i) => byte === b[i]);

// ---------------------------------------------------------------------------------------------
// Relying party checks

/** The relying party id: WebAuthnConfiguration.RelyingPartyId, else the pool's domain. */
export function relyingPartyId(env: Env, pool: PoolRecord): string {
	const rpId = pool.settings.WebAuthnConfiguration?.RelyingPartyId ?? domainHost(env, pool);
	if (!rpId)
		throw new ServiceError(
			'WebAuthnConfigurationMissingException',
			'The user pool has no relying party ID: set WebAuthnConfiguration.RelyingPartyId or add a domain.'
		);
	return rpId;
}

/** Whether the pool allows passkeys (as a first factor or as MFA). */
export function passkeysEnabled(pool: PoolRecord): boolean {
	const factors: string[] = pool.settings.Policies.SignInPolicy?.AllowedFirstAuthFactors ?? [];
	return (
		factors.includes('WEB_AUTHN') ||
		pool.settings.WebAuthnConfiguration?.FactorConfiguration ===
			'MULTI_FACTOR_WITH_USER_VERIFICATION'
	);
}

const userVerificationRequired = (pool: PoolRecord) =>
	(pool.settings.WebAuthnConfiguration?.UserVerification ?? 'preferred') === 'required';

function parseClientData(
	encoded: unknown,
	type: string,
	challenge: string,
	rpId: string
): Uint8Array {
	const bytes = decodeField(encoded, 'response.clientDataJSON');
	let clientData: Record<string, unknown>;
	try {
		clientData = JSON.parse(new TextDecoder().decode(bytes));
	} catch {
		throw invalidParameter('response.clientDataJSON is not valid JSON.');
	}
	if (clientData.type !== type)
		throw new ServiceError(
			'WebAuthnClientMismatchException',
			`Expected a ${type} ceremony, got ${String(clientData.type)}.`
		);
	if (clientData.challenge !== challenge)
		throw new ServiceError(
			'WebAuthnChallengeNotFoundException',
			'The credential answers a challenge that does not exist or has expired.'
		);
	let origin: URL;
	try {
		origin = new URL(String(clientData.origin));
	} catch {
		throw new ServiceError(
			'WebAuthnOriginNotAllowedException',
			'The credential comes from an origin that is not allowed.'
		);
	}
	const allowed =
		origin.hostname === rpId ||
		origin.hostname.endsWith(`.${rpId}`) ||
		origin.hostname === 'localhost';
	if (!allowed || (origin.protocol !== 'https:' && origin.hostname !== 'localhost')) {
		throw new ServiceError(
			'WebAuthnOriginNotAllowedException',
			`The origin ${origin.origin} is not allowed for the relying party ${rpId}.`
		);
	}
	return bytes;
}

/** Checks authenticator data: RP ID hash, user presence, user verification (when required). */
async function checkAuthenticatorData(
	pool: PoolRecord,
	authData: Uint8Array,
	rpId: string
): Promise<{ flags: number; signCount: number }> {
	if (authData.length < 37) throw invalidParameter('Authenticator data is too short.');
	if (!equalBytes(authData.slice(0, 32), await sha256(new TextEncoder().encode(rpId)))) {
		throw new ServiceError(
			'WebAuthnRelyingPartyMismatchException',
			`The credential was made for another relying party than ${rpId}.`
		);
	}
	const flags = authData[32]!;
	if (!(flags & 0x01)) throw notAuthorized('User presence is required.');
	if (userVerificationRequired(pool) && !(flags & 0x04))
		throw notAuthorized('User verification is required.');
	const signCount =
		((authData[33]! << 24) | (authData[34]! << 16) | (authData[35]! << 8) | authData[36]!) >>> 0;
	return { flags, signCount };
}

// ---------------------------------------------------------------------------------------------
// Registration and management

function requirePasskeys(pool: PoolRecord) {
	if (pool.settings.UserPoolTier === 'LITE')
		throw new ServiceError(
			'FeatureUnavailableInTierException',
			'Passkeys are not available in the current feature plan (LITE).'
		);
	if (!passkeysEnabled(pool))
		throw new ServiceError(
			'WebAuthnNotEnabledException',
			'Passkeys are not enabled for this user pool: add WEB_AUTHN to Policies.SignInPolicy.AllowedFirstAuthFactors.'
		);
}

const startWebAuthnRegistration: Handler = async (input, env) => {
	const { pool, user } = await authenticateAccessToken(env, input.AccessToken);
	requirePasskeys(pool);
	const rpId = relyingPartyId(env, pool);
	if ((user.passkeys ?? []).length >= MAX_PASSKEYS)
		throw new ServiceError(
			'LimitExceededException',
			`A user can register at most ${MAX_PASSKEYS} passkeys.`
		);
	const challenge = toBase64Url(
		Uint8Array.from({ length: 32 }, () => Math.floor(env.context.random() * 256))
	);
	user.passkeyChallenge = { challenge, expiresAt: env.now() + CHALLENGE_LIFETIME_MS };
	return {
		CredentialCreationOptions: {
			challenge,
			rp: { id: rpId, name: rpId },
			user: {
				id: toBase64Url(new TextEncoder().encode(user.attributes.sub!)),
				name: user.username,
				displayName: user.attributes.name ?? user.username,
			},
			pubKeyCredParams: [
				{ type: 'public-key', alg: -7 },
				{ type: 'public-key', alg: -257 },
			],
			timeout: TIMEOUT_MS,
			excludeCredentials: (user.passkeys ?? []).map((p) => ({ type: 'public-key', id: p.id })),
			authenticatorSelection: {
				requireResidentKey: true,
				residentKey: 'required',
				userVerification: pool.settings.WebAuthnConfiguration?.UserVerification ?? 'preferred',
			},
		},
	};
};

const completeWebAuthnRegistration: Handler = async (input, env) => {
	const { pool, user } = await authenticateAccessToken(env, input.AccessToken);
	requirePasskeys(pool);
	const rpId = relyingPartyId(env, pool);
	const pending = user.passkeyChallenge;
	if (!pending || pending.expiresAt <= env.now())
		throw new ServiceError(
			'WebAuthnChallengeNotFoundException',
			'No passkey registration is in progress, or it has expired. Call StartWebAuthnRegistration first.'
		);
	const credential = input.Credential as Record<string, any>;
	const response =
		credential.response && typeof credential.response === 'object' ? credential.response : {};
	parseClientData(response.clientDataJSON, 'webauthn.create', pending.challenge, rpId);
	const attestationBytes = decodeField(response.attestationObject, 'response.attestationObject');
	let attestation: Map<unknown, unknown>;
	try {
		attestation = decodeCbor(attestationBytes).value as Map<unknown, unknown>;
	} catch {
		throw invalidParameter('response.attestationObject is not valid CBOR.');
	}
	const authData = attestation instanceof Map ? attestation.get('authData') : undefined;
	if (!(authData instanceof Uint8Array))
		throw invalidParameter('The attestation object has no authData.');
	const { flags, signCount } = await checkAuthenticatorData(pool, authData, rpId);
	if (!(flags & 0x40) || authData.length < 55)
		throw invalidParameter('The authenticator data has no attested credential.');
	const idLength = (authData[53]! << 8) | authData[54]!;
	const credentialId = toBase64Url(authData.slice(55, 55 + idLength));
	let key: { jwk: Record<string, string>; alg: number };
	try {
		key = coseToJwk(decodeCbor(authData, 55 + idLength).value as Map<unknown, unknown>);
	} catch (error) {
		if (error instanceof ServiceError) throw error;
		throw invalidParameter('The credential public key is not valid COSE.');
	}
	if ((user.passkeys ?? []).some((p) => p.id === credentialId))
		throw invalidParameter('This passkey is already registered.');
	const record: PasskeyRecord = {
		id: credentialId,
		publicKey: key.jwk,
		alg: key.alg,
		signCount,
		relyingPartyId: rpId,
		createdAt: env.now(),
		...(typeof credential.authenticatorAttachment === 'string'
			? { attachment: credential.authenticatorAttachment }
			: {}),
		...(Array.isArray(response.transports)
			? { transports: response.transports.filter((t: unknown) => typeof t === 'string') }
			: {}),
	};
	user.passkeys = [...(user.passkeys ?? []), record];
	delete user.passkeyChallenge;
	return {};
};

const listWebAuthnCredentials: Handler = async (input, env) => {
	const { user } = await authenticateAccessToken(env, input.AccessToken);
	const all = user.passkeys ?? [];
	const start = input.NextToken ? Number(input.NextToken) : 0;
	const limit = input.MaxResults || 20;
	return {
		Credentials: all.slice(start, start + limit).map((p) => ({
			CredentialId: p.id,
			RelyingPartyId: p.relyingPartyId,
			...(p.attachment ? { AuthenticatorAttachment: p.attachment } : {}),
			...(p.transports ? { AuthenticatorTransports: p.transports } : {}),
			CreatedAt: p.createdAt / 1000,
		})),
		...(start + limit < all.length ? { NextToken: String(start + limit) } : {}),
	};
};

const deleteWebAuthnCredential: Handler = async (input, env) => {
	const { user } = await authenticateAccessToken(env, input.AccessToken);
	if (!(user.passkeys ?? []).some((p) => p.id === input.CredentialId))
		throw new ServiceError('ResourceNotFoundException', 'Passkey not found.');
	user.passkeys = user.passkeys!.filter((p) => p.id !== input.CredentialId);
	return {};
};

// ---------------------------------------------------------------------------------------------
// Sign-in

/** The WEB_AUTHN challenge parameters and the challenge to remember in the session. */
export function passkeyRequest(
	env: Env,
	pool: PoolRecord,
	user: UserRecord
): { parameters: Record<string, string>; challenge: string } {
	const rpId = relyingPartyId(env, pool);
	const challenge = toBase64Url(
		Uint8Array.from({ length: 32 }, () => Math.floor(env.context.random() * 256))
	);
	const options = {
		challenge,
		timeout: TIMEOUT_MS,
		rpId,
		allowCredentials: (user.passkeys ?? []).map((p) => ({
			type: 'public-key',
			id: p.id,
			...(p.transports ? { transports: p.transports } : {}),
		})),
		userVerification: pool.settings.WebAuthnConfiguration?.UserVerification ?? 'preferred',
	};
	return { parameters: { CREDENTIAL_REQUEST_OPTIONS: JSON.stringify(options) }, challenge };
}

/** Verifies a WEB_AUTHN answer (`CREDENTIAL`, an AuthenticationResponseJSON) against the user's passkeys. */
export async function verifyPasskeyAssertion(
	env: Env,
	pool: PoolRecord,
	user: UserRecord,
	credentialJson: string | undefined,
	challenge: string
): Promise<void> {
	if (!credentialJson) throw invalidParameter('Missing required parameter CREDENTIAL');
	let credential: Record<string, any>;
	try {
		credential = JSON.parse(credentialJson);
	} catch {
		throw invalidParameter('CREDENTIAL must be a JSON AuthenticationResponse.');
	}
	const passkey =
		credential && typeof credential === 'object'
			? (user.passkeys ?? []).find((p) => p.id === credential.id || p.id === credential.rawId)
			: undefined;
	if (!passkey) throw notAuthorized('Incorrect username or password.');
	const response =
		credential?.response && typeof credential.response === 'object' ? credential.response : {};
	const rpId = relyingPartyId(env, pool);
	const clientData = parseClientData(response.clientDataJSON, 'webauthn.get', challenge, rpId);
	const authData = decodeField(response.authenticatorData, 'response.authenticatorData');
	const signatureBytes = decodeField(response.signature, 'response.signature');
	const { signCount } = await checkAuthenticatorData(pool, authData, rpId);
	const signed = new Uint8Array([...authData, ...(await sha256(clientData))]);
	let valid = false;
	try {
		const es256 = passkey.alg === -7;
		const key = await crypto.subtle.importKey(
			'jwk',
			passkey.publicKey,
			es256
				? { name: 'ECDSA', namedCurve: 'P-256' }
				: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
			false,
			['verify']
		);
		valid = await crypto.subtle.verify(
			es256 ? { name: 'ECDSA', hash: 'SHA-256' } : 'RSASSA-PKCS1-v1_5',
			key,
			new Uint8Array(es256 ? derToRaw(signatureBytes) : signatureBytes),
			signed
		);
	} catch {
		valid = false;
	}
	if (!valid) throw notAuthorized('Incorrect username or password.');
	// A counter that does not move forward suggests a cloned authenticator (0 means "not supported").
	if (signCount !== 0 && signCount <= passkey.signCount)
		throw notAuthorized('Incorrect username or password.');
	passkey.signCount = signCount;
}

/** Passkey operations by name. */
export const WEBAUTHN_HANDLERS: Record<string, Handler> = {
	StartWebAuthnRegistration: startWebAuthnRegistration,
	CompleteWebAuthnRegistration: completeWebAuthnRegistration,
	ListWebAuthnCredentials: listWebAuthnCredentials,
	DeleteWebAuthnCredential: deleteWebAuthnCredential,
};
