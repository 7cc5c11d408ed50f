/** Shared helpers of the user-pool engine: look-ups with the real errors, ids, masking, hashing. */
import { ServiceError } from '../core/errors';
import { type Dict, dict } from '../core/dict';
import type { ClientRecord, Env, PoolRecord, UserRecord } from './state';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** `NotAuthorizedException` with the given message. */
export const notAuthorized = (message: string) =>
	new ServiceError('NotAuthorizedException', message);
/** `InvalidParameterException` with the given message. */
export const invalidParameter = (message: string) =>
	new ServiceError('InvalidParameterException', message);
/** `UserNotFoundException: User does not exist.` */
export const userNotFound = () => new ServiceError('UserNotFoundException', 'User does not exist.');

/** Pool id `{region}_{9 alphanumerics}`. */
export const newPoolId = (env: Env) =>
	`${env.context.region}_${env.context.randomString(9, ALNUM)}`;
/** App client id: 26 lowercase alphanumerics. */
export const newClientId = (env: Env) => env.context.randomString(26, LOWER_ALNUM);
/** Client secret: 51 characters like the real ones. */
export const newClientSecret = (env: Env) => env.context.randomString(51, LOWER_ALNUM);
/** An opaque base64url string of `length` characters. */
export const randomBase64Url = (env: Env, length: number) =>
	env.context.randomString(length, B64URL);
/** A base64 string of `length` characters (padding not included). */
export const randomBase64 = (env: Env, length: number) => env.context.randomString(length, B64);
/** A numeric one-time code. */
export const newCode = (env: Env, digits = 6) => env.context.randomString(digits, '0123456789');

/** Epoch seconds with fractions, as JSON 1.1 serialises timestamps. */
export const toEpochSeconds = (ms: number) => ms / 1000;

/** The pool, or `ResourceNotFoundException`. */
export function getPool(env: Env, userPoolId: string): PoolRecord {
	const pool = env.state.pools.get(userPoolId);
	if (!pool)
		throw new ServiceError('ResourceNotFoundException', `User pool ${userPoolId} does not exist.`);
	return pool;
}

/** The app client of a pool, or `ResourceNotFoundException`. */
export function getClient(pool: PoolRecord, clientId: string): ClientRecord {
	const client = pool.clients.get(clientId);
	if (!client)
		throw new ServiceError(
			'ResourceNotFoundException',
			`User pool client ${clientId} does not exist.`
		);
	return client;
}

/** For public operations, which name only the client: the client and its pool. */
export function clientAndPool(
	env: Env,
	clientId: string
): { pool: PoolRecord; client: ClientRecord } {
	const poolId = env.state.clientPools.get(clientId);
	const pool = poolId ? env.state.pools.get(poolId) : undefined;
	const client = pool?.clients.get(clientId);
	if (!pool || !client)
		throw new ServiceError(
			'ResourceNotFoundException',
			`User pool client ${clientId} does not exist.`
		);
	return { pool, client };
}

/** Whether usernames (and email/preferred_username aliases) are case-sensitive. */
export const isCaseSensitive = (pool: PoolRecord) =>
	pool.settings.UsernameConfiguration?.CaseSensitive !== false;

/** The key a username is stored under. */
export const userKey = (pool: PoolRecord, username: string) =>
	isCaseSensitive(pool) ? username : username.toLowerCase();

/**
 * Finds a user by username, `sub`, or a sign-in alias: the email/phone of `UsernameAttributes` pools,
 * or a verified email/phone or preferred_username of `AliasAttributes` pools.
 */
export function findUser(pool: PoolRecord, name: string): UserRecord | undefined {
	const direct = pool.users.get(userKey(pool, name));
	if (direct) return direct;
	const fold = (value: string) => (isCaseSensitive(pool) ? value : value.toLowerCase());
	const wanted = fold(name);
	const usernameAttributes: string[] = pool.settings.UsernameAttributes ?? [];
	const aliasAttributes: string[] = pool.settings.AliasAttributes ?? [];
	for (const user of pool.users.values()) {
		if (user.attributes.sub === name) return user;
		for (const attribute of usernameAttributes) {
			const value = user.attributes[attribute];
			if (
				value !== undefined &&
				(attribute === 'email' ? fold(value) : value) === (attribute === 'email' ? wanted : name)
			)
				return user;
		}
		for (const attribute of aliasAttributes) {
			const value = user.attributes[attribute];
			if (value === undefined) continue;
			if (attribute === 'preferred_username' && fold(value) === wanted) return user;
			if (
				attribute === 'email' &&
				user.attributes.email_verified === 'true' &&
				fold(value) === wanted
			)
				return user;
			if (
				attribute === 'phone_number' &&
				user.attributes.phone_number_verified === 'true' &&
				value === name
			)
				return user;
		}
	}
	return undefined;
}

/** The user or `UserNotFoundException` (admin operations: not affected by PreventUserExistenceErrors). */
export function requireUser(pool: PoolRecord, name: string): UserRecord {
	const user = findUser(pool, name);
	if (!user) throw userNotFound();
	return user;
}

/** Whether the client hides user existence (`PreventUserExistenceErrors = ENABLED`). */
export const hidesUsers = (client: ClientRecord) => client.PreventUserExistenceErrors === 'ENABLED';

/** `j***@e***`: the masked email form of `CodeDeliveryDetails.Destination`. */
export function maskEmail(email: string): string {
	const [local = '', domain = ''] = email.split('@');
	return `${local.charAt(0)}***@${domain.charAt(0)}***`;
}

/** `+*******1234`: the masked phone form. */
export function maskPhone(phone: string): string {
	const digits = phone.replace(/^\+/, '');
	return `+${'*'.repeat(Math.max(0, digits.length - 4))}${digits.slice(-4)}`;
}

/** `[{Name, Value}]` → map; later duplicates win. */
export function attributeListToMap(
	list: Array<{ Name: string; Value?: string }> | undefined
): Dict<string> {
	return dict((list ?? []).map(({ Name, Value }) => [Name, Value ?? ''] as const));
}

/** Map → `[{Name, Value}]`, `sub` first as the service lists it. */
export function attributeMapToList(
	map: Record<string, string>
): Array<{ Name: string; Value: string }> {
	const names = Object.keys(map).sort((a, b) => (a === 'sub' ? -1 : b === 'sub' ? 1 : 0));
	return names.map((Name) => ({ Name, Value: map[Name]! }));
}

const encoder = new TextEncoder();

/** Base64 of bytes. */
export function bytesToBase64(bytes: Uint8Array): string {
	let binary = '';
	for (const byte of bytes) binary += String.fromCharCode(byte);
	return btoa(binary);
}

/** HMAC-SHA256(key, message), both UTF-8 strings or bytes. */
export async function hmacSha256(
	key: string | Uint8Array,
	message: string | Uint8Array
): Promise<Uint8Array> {
	const keyBytes = typeof key === 'string' ? encoder.encode(key) : new Uint8Array(key);
	const cryptoKey = await crypto.subtle.importKey(
		'raw',
		keyBytes,
		{ name: 'HMAC', hash: 'SHA-256' },
		false,
		['sign']
	);
	const data = typeof message === 'string' ? encoder.encode(message) : new Uint8Array(message);
	return new Uint8Array(await crypto.subtle.sign('HMAC', cryptoKey, data));
}

/** `SecretHash` = Base64(HMAC-SHA256(clientSecret, username + clientId)). */
export async function secretHash(
	clientSecret: string,
	username: string,
	clientId: string
): Promise<string> {
	return bytesToBase64(await hmacSha256(clientSecret, username + clientId));
}

/**
 * Checks the secret hash of a public call when the client has a secret: any of the names the caller
 * may have typed (username, alias, sub) is accepted, as the service accepts the name that was sent.
 */
export async function checkSecretHash(
	client: ClientRecord,
	given: string | undefined,
	names: Array<string | undefined>
): Promise<void> {
	if (!client.ClientSecret) return;
	const failure = notAuthorized(`Unable to verify secret hash for client ${client.ClientId}`);
	if (!given) throw failure;
	for (const name of new Set(names.filter((n): n is string => !!n))) {
		if ((await secretHash(client.ClientSecret, name, client.ClientId)) === given) return;
	}
	throw failure;
}

/**
 * Throws `NotAuthorizedException` when a public call writes an attribute the client may not write:
 * one outside its `WriteAttributes`, or (by default) the `*_verified` flags only Cognito sets.
 */
export function checkWritable(client: ClientRecord | undefined, names: string[]): void {
	const writable: string[] | undefined = client?.WriteAttributes;
	for (const name of names) {
		const allowed =
			writable && writable.length
				? writable.includes(name)
				: name !== 'email_verified' && name !== 'phone_number_verified';
		if (!allowed) throw notAuthorized('A client attempted to write unauthorized attribute');
	}
}

/** A deep copy of JSON data. */
export const clone = <T>(value: T): T =>
	value === undefined ? value : JSON.parse(JSON.stringify(value));

/** ms in a day / hour / minute. */
export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
export const MINUTE_MS = 60_000;
