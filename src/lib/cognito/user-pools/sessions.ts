/** Challenge sessions: opaque strings bound to a user, client and challenge; single use; expiring. */
import type { ClientRecord, Env, PoolRecord, SessionRecord } from './state';
import { MINUTE_MS, notAuthorized, randomBase64Url } from './util';

/** Creates a session that answers `challenge`, valid for the client's `AuthSessionValidity`. */
export function createSession(
	env: Env,
	pool: PoolRecord,
	client: ClientRecord,
	fields: Pick<SessionRecord, 'username' | 'userExists' | 'challenge' | 'flow'> & {
		data?: Record<string, any>;
	}
): string {
	const now = env.now();
	// Expired sessions are swept here so the state does not grow without bound.
	for (const [key, old] of pool.sessions) if (old.expiresAt <= now) pool.sessions.delete(key);
	const id = `AYABe${randomBase64Url(env, 251)}`;
	pool.sessions.set(id, {
		id,
		clientId: client.ClientId,
		username: fields.username,
		userExists: fields.userExists,
		challenge: fields.challenge,
		flow: fields.flow,
		expiresAt: now + (client.AuthSessionValidity ?? 3) * MINUTE_MS,
		used: false,
		data: fields.data ?? {},
	});
	return id;
}

/**
 * The live session for a response: `NotAuthorizedException` when unknown, expired, already used, or
 * issued for another client.
 */
export function openSession(
	env: Env,
	pool: PoolRecord,
	client: ClientRecord,
	sessionId: string | undefined
): SessionRecord {
	const session = sessionId ? pool.sessions.get(sessionId) : undefined;
	if (!session || session.clientId !== client.ClientId)
		throw notAuthorized('Invalid session for the user.');
	if (session.used)
		throw notAuthorized('Invalid session for the user, session can only be used once.');
	if (session.expiresAt <= env.now())
		throw notAuthorized('Invalid session for the user, session is expired.');
	return session;
}

/** Marks a session consumed. */
export function consumeSession(session: SessionRecord): void {
	session.used = true;
}
