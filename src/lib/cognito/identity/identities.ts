/**
 * The identities of all pools and the index from a login (pool, provider, user id) to its identity.
 * Linking and merging live here. Plain JSON state.
 */

/** One identity of an identity pool. */
export interface IdentityRecord {
	IdentityId: string;
	IdentityPoolId: string;
	/** Linked logins: provider key → the user's id at that provider. */
	logins: Record<string, string>;
	/** Epoch ms. */
	createdAt: number;
	/** Epoch ms. */
	modifiedAt: number;
}

/** The identity store's JSON state. */
export interface IdentityStoreState {
	identities: Record<string, IdentityRecord>;
	/** `<pool>\n<provider>\n<subject>` → identity id. */
	loginIndex: Record<string, string>;
}

const indexKey = (poolId: string, providerKey: string, subject: string) =>
	`${poolId}\n${providerKey}\n${subject}`;

/** Creates an empty store state. */
export function emptyIdentityStore(): IdentityStoreState {
	return { identities: {}, loginIndex: {} };
}

/** The identity a login is linked to in a pool, if any. */
export function ownerOf(
	state: IdentityStoreState,
	poolId: string,
	providerKey: string,
	subject: string
): string | undefined {
	return state.loginIndex[indexKey(poolId, providerKey, subject)];
}

/** Adds a new identity. */
export function addIdentity(state: IdentityStoreState, record: IdentityRecord): IdentityRecord {
	state.identities[record.IdentityId] = record;
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
	// defineProperty: a provider name such as `__proto__` must stay a plain key of the JSON state.
	Object.defineProperty(identity.logins, providerKey, {
		value: subject,
		enumerable: true,
		writable: true,
		configurable: true,
	});
	identity.modifiedAt = now;
	state.loginIndex[indexKey(identity.IdentityPoolId, providerKey, subject)] = identity.IdentityId;
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
		if (!Object.hasOwn(into.logins, providerKey)) {
			Object.defineProperty(into.logins, providerKey, {
				value: subject,
				enumerable: true,
				writable: true,
				configurable: true,
			});
		}
	}
	// Every login that led to `from` now leads to `into` (including extra developer user identifiers).
	for (const [key, owner] of Object.entries(state.loginIndex))
		if (owner === from.IdentityId) state.loginIndex[key] = into.IdentityId;
	into.modifiedAt = now;
	delete state.identities[from.IdentityId];
}

/** Removes every identity of a pool (DeleteIdentityPool). */
export function removePoolIdentities(state: IdentityStoreState, poolId: string): void {
	for (const [id, record] of Object.entries(state.identities))
		if (record.IdentityPoolId === poolId) delete state.identities[id];
	for (const [key, id] of Object.entries(state.loginIndex))
		if (key.startsWith(`${poolId}\n`)) delete state.loginIndex[key];
}

/** Every user identifier of a provider linked to an identity (several after MergeDeveloperIdentities). */
export function developerIdentifiersOf(
	state: IdentityStoreState,
	poolId: string,
	providerKey: string,
	identityId: string
): string[] {
	const prefix = `${poolId}\n${providerKey}\n`;
	return Object.entries(state.loginIndex)
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
	delete state.loginIndex[indexKey(identity.IdentityPoolId, providerKey, subject)];
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
