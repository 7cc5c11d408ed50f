/**
 * RS256 signing keys the identity-pool side of the sandbox owns: Cognito Identity's OpenID token key and one
 * key per mock identity provider. Generated lazily (generation is the slow part), exported as JWKs so
 * `snapshot()` stays JSON.
 */
import { exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import type { SandboxContext } from '../core/context';

type KeyLike = CryptoKey | Uint8Array;

/** A usable key pair with its key id. */
export interface SigningKey {
	kid: string;
	privateKey: KeyLike;
	publicKey: KeyLike;
	publicJwk: JWK;
}

interface StoredKey {
	kid: string;
	privateJwk: JWK;
	publicJwk: JWK;
}

/** A named set of lazily generated RS256 keys. */
export interface KeyRing {
	get(name: string): Promise<SigningKey>;
	snapshot(): Map<string, StoredKey>;
	load(keys: Map<string, StoredKey>): void;
}

/** Creates a key ring; key ids come from the sandbox's injected randomness. */
export function createKeyRing(context: SandboxContext): KeyRing {
	// By key name (provider names among them): a Map, so any name is data.
	let stored = new Map<string, StoredKey>();
	const loaded = new Map<string, Promise<SigningKey>>();

	async function generate(name: string): Promise<SigningKey> {
		const pair = await generateKeyPair('RS256', { extractable: true });
		const kid = context.randomString(32, 'abcdefghijklmnopqrstuvwxyz0123456789');
		const [privateJwk, publicJwk] = await Promise.all([
			exportJWK(pair.privateKey),
			exportJWK(pair.publicKey),
		]);
		const publicWithMeta = { ...publicJwk, kid, alg: 'RS256', use: 'sig' };
		stored.set(name, {
			kid,
			privateJwk: { ...privateJwk, kid, alg: 'RS256' },
			publicJwk: publicWithMeta,
		});
		return {
			kid,
			privateKey: pair.privateKey,
			publicKey: pair.publicKey,
			publicJwk: publicWithMeta,
		};
	}

	async function load(entry: StoredKey): Promise<SigningKey> {
		const [privateKey, publicKey] = await Promise.all([
			importJWK(entry.privateJwk, 'RS256'),
			importJWK(entry.publicJwk, 'RS256'),
		]);
		return { kid: entry.kid, privateKey, publicKey, publicJwk: entry.publicJwk };
	}

	return {
		get(name) {
			let key = loaded.get(name);
			if (!key) {
				const entry = stored.get(name);
				key = entry ? load(entry) : generate(name);
				loaded.set(name, key);
			}
			return key;
		},
		snapshot: () => stored,
		load(keys) {
			stored = keys;
			loaded.clear();
		},
	};
}
