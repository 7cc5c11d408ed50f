/**
 * SRP-6a as Cognito does it (the server half of amazon-cognito-identity-js's AuthenticationHelper):
 * the 3072-bit group, g = 2, k = H(N | g), x = H(salt | H(poolName + userId + ":" + password)),
 * u = H(A | B), and the session key derived with HKDF-SHA256 ("Caldera Derived Key", 16 bytes).
 * Numbers travel as hex; `padHex` is the library's padding (even length, leading 00 when the top bit is set).
 */
import { bytesToBase64, hmacSha256 } from './util';

/** The RFC 5054 / RFC 3526 3072-bit prime. */
export const N = BigInt(
	'0xFFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7EDEE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3BE39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA051015728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200CBBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF'
);
export const g = 2n;

const encoder = new TextEncoder();

/** The library's hex form of a non-negative integer. */
export function padHex(value: bigint): string {
	let hex = value.toString(16);
	if (hex.length % 2) hex = `0${hex}`;
	return /^[89a-f]/i.test(hex) ? `00${hex}` : hex;
}

/** Hex string → bytes. */
export function hexToBytes(hex: string): Uint8Array {
	const clean = hex.length % 2 ? `0${hex}` : hex;
	const bytes = new Uint8Array(clean.length / 2);
	for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(clean.slice(i * 2, i * 2 + 2), 16);
	return bytes;
}

const toHex = (bytes: Uint8Array) =>
	Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** SHA-256 as a 64-digit hex string. */
export async function sha256Hex(data: Uint8Array | string): Promise<string> {
	const bytes = typeof data === 'string' ? encoder.encode(data) : new Uint8Array(data);
	return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)));
}

/** Hash of the bytes a hex string stands for. */
const hexHash = (hex: string) => sha256Hex(hexToBytes(hex));

/** base^exponent mod modulus by square-and-multiply. */
export function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
	let result = 1n;
	let b = ((base % modulus) + modulus) % modulus;
	let e = exponent;
	while (e > 0n) {
		if (e & 1n) result = (result * b) % modulus;
		b = (b * b) % modulus;
		e >>= 1n;
	}
	return result;
}

/** g^(2^i) mod N for i < 256: g^e for exponents below 2^256 then needs only multiplications. */
let gPowers: bigint[] | undefined;

/** g^e mod N, using the fixed-base table when e fits in it (the server secret b always does). */
export function gPow(exponent: bigint): bigint {
	if (exponent >> 256n) return modPow(g, exponent, N);
	if (!gPowers) {
		gPowers = [g];
		for (let i = 1; i < 256; i++) gPowers.push((gPowers[i - 1]! * gPowers[i - 1]!) % N);
	}
	let result = 1n;
	for (let i = 0, e = exponent; e > 0n; i++, e >>= 1n)
		if (e & 1n) result = (result * gPowers[i]!) % N;
	return result;
}

let kValue: Promise<bigint> | undefined;
/** k = H(padHex(N) | padHex(g)). */
export const k = () =>
	(kValue ??= hexHash(padHex(N) + padHex(g)).then((hex) => BigInt(`0x${hex}`)));

/** x = H(padHex(salt) | H(poolName + userId + ":" + password)). */
export async function computeX(
	poolName: string,
	userId: string,
	password: string,
	saltHex: string
): Promise<bigint> {
	const inner = await sha256Hex(`${poolName}${userId}:${password}`);
	return BigInt(`0x${await hexHash(padHex(BigInt(`0x${saltHex}`)) + inner)}`);
}

/** The verifier v = g^x mod N for a password. */
export async function computeVerifier(
	poolName: string,
	userId: string,
	password: string,
	saltHex: string
): Promise<string> {
	return gPow(await computeX(poolName, userId, password, saltHex)).toString(16);
}

/** B = (k·v + g^b) mod N, from the server's secret `b`. */
export async function computeB(verifierHex: string, b: bigint): Promise<bigint> {
	return ((await k()) * BigInt(`0x${verifierHex}`) + gPow(b)) % N;
}

/**
 * The 16-byte session key the client derives: S = (A·v^u)^b mod N, then HKDF with salt padHex(u).
 */
export async function serverSessionKey(
	A: bigint,
	B: bigint,
	b: bigint,
	verifierHex: string
): Promise<Uint8Array> {
	const u = BigInt(`0x${await hexHash(padHex(A) + padHex(B))}`);
	const v = BigInt(`0x${verifierHex}`);
	const S = modPow(A * modPow(v, u, N), b, N);
	const prk = await hmacSha256(hexToBytes(padHex(u)), hexToBytes(padHex(S)));
	const info = new Uint8Array([...encoder.encode('Caldera Derived Key'), 1]);
	return (await hmacSha256(prk, info)).slice(0, 16);
}

/** Base64(HMAC(key, poolName + userId + SECRET_BLOCK bytes + timestamp)): the PASSWORD_CLAIM_SIGNATURE. */
export async function claimSignature(
	key: Uint8Array,
	poolName: string,
	userId: string,
	secretBlockBase64: string,
	timestamp: string
): Promise<string> {
	const secretBlock = Uint8Array.from(atob(secretBlockBase64), (c) => c.charCodeAt(0));
	const message = new Uint8Array([
		...encoder.encode(poolName + userId),
		...secretBlock,
		...encoder.encode(timestamp),
	]);
	return bytesToBase64(await hmacSha256(key, message));
}

/** `Tue Jan 2 15:04:05 UTC 2006`, the TIMESTAMP format. */
export const TIMESTAMP_PATTERN =
	/^(Sun|Mon|Tue|Wed|Thu|Fri|Sat) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{1,2} \d{2}:\d{2}:\d{2} UTC \d{4}$/;

/** The pool name SRP uses: the part of the pool id after the underscore. */
export const srpPoolName = (poolId: string) => poolId.split('_')[1] ?? poolId;
