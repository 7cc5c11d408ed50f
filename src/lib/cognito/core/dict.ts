/**
 * String-keyed maps that are part of an API shape (user attributes, tags, logins, principal tags) and
 * go out in responses as they are: null-prototype objects, so a key such as `__proto__`,
 * `constructor` or `toString` is data like any other, never the inherited property or the prototype
 * setter. Collections of records use `Map` instead.
 *
 * N.B. The brand makes the compiler refuse a plain `{}` where a `Dict` is expected; build one with
 * {@link dict}. Spreading a `Dict` (`{ ...d }`) gives a plain object again: copy with `dict(d)`.
 */
declare const nullPrototype: unique symbol;

/** A null-prototype object with string keys. */
export type Dict<T> = { [key: string]: T } & { readonly [nullPrototype]: true };

/** A new null-prototype object holding `entries` (own enumerable keys of an object, or pairs). */
export function dict<T>(
	entries?: Iterable<readonly [string, T]> | Readonly<Record<string, T>>
): Dict<T> {
	const out = Object.create(null) as Record<string, T>;
	if (!entries) return out as Dict<T>;
	const pairs = Symbol.iterator in entries ? entries : Object.entries(entries);
	// Plain assignment is safe here: a null-prototype object has no `__proto__` setter to reach.
	for (const [key, value] of pairs as Iterable<readonly [string, T]>) out[key] = value;
	return out as Dict<T>;
}

/** `object[key]` only when it is the object's own property (never an inherited one). */
export function own<T>(
	object: Readonly<Record<string, T>> | undefined,
	key: string
): T | undefined {
	return object !== undefined && Object.hasOwn(object, key) ? object[key] : undefined;
}
