/**
 * The `identities` attribute of federated and linked users: a JSON list of the external identities a profile
 * signs in with, which the ID token carries as the `identities` claim. The service writes every value as a
 * string (`"primary": "true"`, `"dateCreated": "1767225600000"`) and `issuer` as null for social providers.
 */
import type { UserRecord } from '../user-pools/state';
import type { IdentityProviderRecord } from './state';

/** One entry of `identities`, in the service's key order. */
export interface IdentityEntry {
	userId: string;
	providerName: string;
	providerType: string;
	issuer: string | null;
	primary: 'true' | 'false';
	dateCreated: string;
}

/** A user's identities (an unreadable attribute counts as none). */
export function identitiesOf(user: UserRecord): IdentityEntry[] {
	const raw = user.attributes.identities;
	if (!raw) return [];
	try {
		const list = JSON.parse(raw);
		return Array.isArray(list) ? list.filter((entry) => entry && typeof entry === 'object') : [];
	} catch {
		return [];
	}
}

/** Replaces a user's identities (removing the attribute when none is left). */
export function setIdentities(user: UserRecord, entries: IdentityEntry[]): void {
	if (entries.length) user.attributes.identities = JSON.stringify(entries);
	else delete user.attributes.identities;
}

/** A new identities entry for `userId` at `provider`. */
export function identityEntry(
	provider: IdentityProviderRecord,
	userId: string,
	primary: boolean,
	at: number,
	issuer: string | null
): IdentityEntry {
	return {
		userId,
		providerName: provider.ProviderName,
		providerType: provider.ProviderType,
		issuer,
		primary: primary ? 'true' : 'false',
		dateCreated: String(at),
	};
}
