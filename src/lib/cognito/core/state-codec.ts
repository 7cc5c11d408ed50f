/**
 * Sandbox state ⇄ JSON. State keeps caller-chosen names in `Map`s (and null-prototype `Dict`s), which
 * JSON cannot hold, so a snapshot writes each Map as `{"$map": [[key, value], …]}`; restoring reads it
 * back with decoders that check every field and say which one is wrong, so a damaged or hand-edited
 * snapshot (the emulator's `--state` file, a simulator save) is refused whole instead of half-loaded.
 *
 * Rules: typed records refuse unknown fields and the keys `__proto__`, `constructor` and `prototype`
 * (no record of ours has them); maps and dicts take any key as data; opaque JSON (API-shaped settings)
 * is rebuilt from null-prototype objects, so an inherited name can never be looked up in it.
 */
import { type Dict, dict } from './dict';

/** Encodes state for `JSON.stringify`: Maps become `{"$map": entries}`; everything else as is. */
export function encodeState(state: unknown): unknown {
	return JSON.parse(
		JSON.stringify(state, (_key, value: unknown) =>
			value instanceof Map ? { $map: [...value.entries()] } : value
		)
	);
}

/** A snapshot that cannot be restored: `path` names the field, the message what was expected. */
export class SnapshotError extends Error {
	constructor(
		readonly path: string,
		readonly problem: string
	) {
		super(`${path || 'snapshot'}: ${problem}`);
		this.name = 'SnapshotError';
	}
}

/** Reads one value at `path` (for messages), or throws {@link SnapshotError}. */
export type Decoder<T> = (value: unknown, path: string) => T;

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function describe(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'an array';
	if (typeof value === 'object') return 'an object';
	if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
	return String(value);
}

const fail = (path: string, expected: string, found: unknown): never => {
	throw new SnapshotError(path, `must be ${expected}, found ${describe(found)}`);
};

const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

const keyPath = (path: string, key: string) =>
	/^[A-Za-z_$][\w$]*$/.test(key)
		? path
			? `${path}.${key}`
			: key
		: `${path}[${JSON.stringify(key)}]`;

export const string: Decoder<string> = (value, path) =>
	typeof value === 'string' ? value : fail(path, 'a string', value);

export const number: Decoder<number> = (value, path) =>
	typeof value === 'number' && Number.isFinite(value) ? value : fail(path, 'a number', value);

export const boolean: Decoder<boolean> = (value, path) =>
	typeof value === 'boolean' ? value : fail(path, 'true or false', value);

/** One of the listed strings. */
export const oneOf =
	<T extends string>(...values: T[]): Decoder<T> =>
	(value, path) =>
		values.includes(value as T) ? (value as T) : fail(path, `one of ${values.join(', ')}`, value);

/** Exactly `expected`. */
export const literal =
	<T extends string | number>(expected: T): Decoder<T> =>
	(value, path) =>
		value === expected ? expected : fail(path, JSON.stringify(expected), value);

/** `undefined` stays `undefined`; anything else must pass `decoder`. */
export const optional =
	<T>(decoder: Decoder<T>): Decoder<T | undefined> =>
	(value, path) =>
		value === undefined ? undefined : decoder(value, path);

export const array =
	<T>(decoder: Decoder<T>): Decoder<T[]> =>
	(value, path) =>
		Array.isArray(value)
			? value.map((item, index) => decoder(item, `${path}[${index}]`))
			: fail(path, 'an array', value);

/** A fixed-length array (a tuple), each position with its decoder. */
export const tuple =
	<T extends unknown[]>(...decoders: { [K in keyof T]: Decoder<T[K]> }): Decoder<T> =>
	(value, path) => {
		if (!Array.isArray(value) || value.length !== decoders.length)
			return fail(path, `an array of ${decoders.length}`, value);
		return decoders.map((decoder, index) => decoder(value[index], `${path}[${index}]`)) as T;
	};

/**
 * A record with exactly these fields (optional ones may be absent). Unknown fields and
 * prototype-named keys are refused, each with its path.
 */
export function record<T extends object>(fields: { [K in keyof T]-?: Decoder<T[K]> }): Decoder<T> {
	return (value, path) => {
		if (!isObject(value)) return fail(path, 'an object', value);
		for (const key of Object.keys(value)) {
			if (FORBIDDEN_KEYS.has(key))
				throw new SnapshotError(
					keyPath(path, key),
					'is not a field of this record (prototype key)'
				);
			if (!Object.hasOwn(fields, key))
				throw new SnapshotError(keyPath(path, key), 'is not a field of this record');
		}
		const out: Record<string, unknown> = {};
		for (const [key, decoder] of Object.entries(fields) as Array<[string, Decoder<unknown>]>) {
			const decoded = decoder(value[key], keyPath(path, key));
			if (decoded !== undefined) out[key] = decoded;
		}
		return out as T;
	};
}

/**
 * A `Map` with string keys: `{"$map": [[key, value], …]}` as {@link encodeState} writes it, or a plain
 * object (snapshots of format 1, which kept these maps as objects).
 */
export const mapOf =
	<T>(decoder: Decoder<T>): Decoder<Map<string, T>> =>
	(value, path) => {
		if (!isObject(value)) return fail(path, 'a map', value);
		// No format-1 map had a single entry named "$map" holding an array, so this test is exact.
		const encoded = Object.keys(value).length === 1 && Array.isArray(value.$map);
		const entries: Array<[unknown, unknown]> = encoded
			? (value.$map as unknown[]).map((entry, index) =>
					Array.isArray(entry) && entry.length === 2
						? (entry as [unknown, unknown])
						: fail(`${path}.$map[${index}]`, 'a [key, value] pair', entry)
				)
			: Object.entries(value);
		const out = new Map<string, T>();
		for (const [key, item] of entries) {
			const name = string(key, `${path} key`);
			out.set(name, decoder(item, keyPath(path, name)));
		}
		return out;
	};

/** A null-prototype `Dict` (any key is data). */
export const dictOf =
	<T>(decoder: Decoder<T>): Decoder<Dict<T>> =>
	(value, path) =>
		isObject(value)
			? dict(Object.entries(value).map(([key, item]) => [key, decoder(item, keyPath(path, key))]))
			: fail(path, 'an object', value);

/** Any JSON value, rebuilt with null-prototype objects (API-shaped data the engine keeps opaque). */
export const json: Decoder<any> = (value, path) => {
	if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
	if (typeof value === 'number') return number(value, path);
	if (Array.isArray(value)) return value.map((item, index) => json(item, `${path}[${index}]`));
	if (isObject(value))
		return dict(
			Object.entries(value).map(([key, item]) => [key, json(item, keyPath(path, key))] as const)
		);
	return fail(path, 'JSON data', value);
};

/** An opaque JSON object (not an array or a scalar). */
export const jsonObject: Decoder<Record<string, any>> = (value, path) =>
	isObject(value) ? json(value, path) : fail(path, 'an object', value);
