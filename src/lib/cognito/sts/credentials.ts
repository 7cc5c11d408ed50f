/** Temporary credential material in the real formats, drawn from the sandbox's injected randomness. */
import type { SandboxContext } from '../core/context';

const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** `ASIA` + 16 characters: the prefix AWS uses for temporary (STS) access key ids. */
export function newAccessKeyId(context: SandboxContext): string {
	return 'ASIA' + context.randomString(16, UPPER_ALNUM);
}

/** 40 base64-alphabet characters, like a real secret access key. */
export function newSecretAccessKey(context: SandboxContext): string {
	return context.randomString(40, SECRET_ALPHABET);
}

/** An opaque session token (real ones are long base64 blobs starting `IQoJb3JpZ2luX2Vj`). */
export function newSessionToken(context: SandboxContext): string {
	return 'IQoJb3JpZ2luX2Vj' + context.randomString(220, SECRET_ALPHABET);
}

/** A stable unique id for a role (`AROA…`), derived from its ARN so every session of a role shares it. */
export function roleIdOf(roleArn: string): string {
	let hash = 2166136261;
	let out = 'AROA';
	for (let round = 0; out.length < 21; round++) {
		for (const char of roleArn + round) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
		out += UPPER_ALNUM[hash % UPPER_ALNUM.length];
	}
	return out;
}

/** `arn:aws:iam::123456789012:role/path/Name` → `{ account: '123456789012', name: 'Name' }`, or undefined. */
export function parseRoleArn(
	roleArn: string
): { partition: string; account: string; name: string } | undefined {
	const match =
		/^arn:(aws[\w-]*):iam::(\d{12}):role\/(?:[\u0021-\u007E]*\/)?([\w+=,.@-]{1,64})$/.exec(roleArn);
	return match ? { partition: match[1]!, account: match[2]!, name: match[3]! } : undefined;
}
