/**
 * The identities of all pools and the index from a login (pool, provider, user id) to its identity.
 * Linking and merging live here.
 */
import type { Dict } from '../core/dict';

/** One identity of an identity pool. */
export interface IdentityRecord {
	IdentityId: string;
	IdentityPoolId: string;
	/** Linked logins: provider key → the user's id at that provider. */
	logins: Dict<string>;
	/** Epoch ms. */
	createdAt: number;
	/** Epoch ms. */
	modifiedAt: number;
}

/** The identity store's state. */
export interface IdentityStoreState {
	identities: Map<string, IdentityRecord>;
	/** `<pool>\n<provider>\n<subject>` → identity id. */
	loginIndex: Map<string, string>;
}

const indexKey = (poolId: string, providerKey: string, subject: string) =>
	`${poolId}\n${providerKey}\n${subject}`;

/** Creates an empty store state. */
export function emptyIdentityStore(): IdentityStoreState {
	return { identities: new Map(), loginIndex: new Map() };
}

/** The identity a login is linked to in a pool, if any. */
export function ownerOf(
	state: IdentityStoreState,
	poolId: string,
	providerKey: string,
	subject: string
): string | undefined {
	return state.loginIndex.get(indexKey(poolId, providerKey, subject));
}

/** Adds a new identity. */
export function addIdentity(state: IdentityStoreState, record: IdentityRecord): IdentityRecord {
	state.identities.set(record.IdentityId, record);
	return record;
}

/** Links a login to an identity; false when the identity already has another user of that provider. */
export function link(
	state: IdentityStoreState,
	identity: IdentityRecord,
	providerKey: string,
	subject: string,
	now: number
): boolean {
	const existing = Object.hasOwn(identity.logins, providerKey)
		? identity.logins[providerKey]
		: undefined;
	if (existing !== undefined && existing !== subject) return false;
	if (existing === subject) return true;
	identity.logins[providerKey] = subject;
	identity.modifiedAt = now;
	state.loginIndex.set(
		indexKey(identity.IdentityPoolId, providerKey, subject),
		identity.IdentityId
	);
	return true;
}

/** Merges `from` into `into` (the logins of one person were spread over two identities); `from` disappears. */
export function merge(
	state: IdentityStoreState,
	into: IdentityRecord,
	from: IdentityRecord,
	now: number
): void {
	for (const [providerKey, subject] of Object.entries(from.logins)) {
		if (!Object.hasOwn(into.logins, providerKey)) into.logins[providerKey] = subject;
	}
	// Every login that led to `from` now leads to `into` (including extra developer user identifiers).
	for (const [key, owner] of state.loginIndex)
		if (owner === from.IdentityId) state.loginIndex.set(key, into.IdentityId);
	into.modifiedAt = now;
	state.identities.delete(from.IdentityId);
}

/** Removes every identity of a pool (DeleteIdentityPool). */
export function removePoolIdentities(state: IdentityStoreState, poolId: string): void {
	for (const [id, record] of state.identities)
		if (record.IdentityPoolId === poolId) state.identities.delete(id);
	for (const [key, id] of state.loginIndex)
		if (key.startsWith(`${poolId}\n`)) state.loginIndex.delete(key);
}

/** Every user identifier of a provider linked to an identity (several after MergeDeveloperIdentities). */
export function developerIdentifiersOf(
	state: IdentityStoreState,
	poolId: string,
	providerKey: string,
	identityId: string
): string[] {
	const prefix = `${poolId}\n${providerKey}\n`;
	return [...state.loginIndex]
		.filter(([key, owner]) => owner === identityId && key.startsWith(prefix))
		.map(([key]) => key.slice(prefix.length));
}

/** Removes one user of a provider from an identity; the identity keeps any other user of that provider. */
export function unlinkSubject(
	state: IdentityStoreState,
	identity: IdentityRecord,
	providerKey: string,
	subject: string,
	now: number
): void {
	state.loginIndex.delete(indexKey(identity.IdentityPoolId, providerKey, subject));
	if (Object.hasOwn(identity.logins, providerKey) && identity.logins[providerKey] === subject) {
		const remaining = developerIdentifiersOf(
			state,
			identity.IdentityPoolId,
			providerKey,
			identity.IdentityId
		);
		if (remaining.length > 0) identity.logins[providerKey] = remaining[0]!;
		else delete identity.logins[providerKey];
	}
	identity.modifiedAt = now;
}
