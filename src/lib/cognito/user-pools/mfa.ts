/**
 * MFA: TOTP association and verification (the real RFC 6238 algorithm via `otpauth`, so any
 * authenticator app works), user MFA preferences, and which factor a sign-in must answer.
 */
import { Secret, TOTP } from 'otpauth';
import { ServiceError } from '../core/errors';
import { createSession, openSession } from './sessions';
import type { Env, Handler, PoolRecord, UserRecord } from './state';
import { authenticateAccessToken } from './tokens';
import { mfaSettingsOf } from './user-records';
import { getPool, invalidParameter, requireUser } from './util';

/** Whether TOTP codes are accepted one period either side, as authenticator clocks drift. */
const TOTP_WINDOW = 1;

/** A new base32 TOTP secret (32 bytes) from the injected randomness. */
export function newTotpSecret(env: Env): string {
	const bytes = new Uint8Array(32);
	for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(env.context.random() * 256);
	return new Secret({ buffer: bytes.buffer }).base32;
}

/**
 * The 30-second time step `code` belongs to if it is the TOTP of `secret` at `now` (ms) within one
 * step either side, else undefined.
 */
export function totpStep(secret: string, code: string, now: number): number | undefined {
	if (!/^\d{6}$/.test(code)) return undefined;
	const delta = TOTP.validate({
		token: code,
		secret: Secret.fromBase32(secret),
		algorithm: 'SHA1',
		digits: 6,
		period: 30,
		timestamp: now,
		window: TOTP_WINDOW,
	});
	return delta === null ? undefined : Math.floor(now / 30_000) + delta;
}

/**
 * Accepts a TOTP code once: a valid code of a step not newer than the last one used is refused,
 * as Cognito does not take the same code twice. Records the step on success.
 */
export function useTotp(user: UserRecord, secret: string, code: string, now: number): boolean {
	const step = totpStep(secret, code, now);
	if (step === undefined || (user.lastTotpStep !== undefined && step <= user.lastTotpStep))
		return false;
	user.lastTotpStep = step;
	return true;
}

/** The current TOTP code for a secret (for tests and the simulator's "authenticator app"). */
export const totpCode = (secret: string, now: number) =>
	TOTP.generate({
		secret: Secret.fromBase32(secret),
		algorithm: 'SHA1',
		digits: 6,
		period: 30,
		timestamp: now,
	});

/** Factors the pool offers: SMS when MFA is on at all, TOTP and email when configured. */
export function poolFactors(pool: PoolRecord): { sms: boolean; totp: boolean; email: boolean } {
	const s = pool.settings;
	return {
		sms: s.MfaConfiguration !== 'OFF' && !!s.SmsConfiguration,
		totp: !!s.SoftwareTokenMfaConfiguration?.Enabled,
		email: !!s.EmailMfaConfiguration,
	};
}

/** What MFA step a sign-in needs after its first factor. */
export type MfaStep =
	| { kind: 'none' }
	| { kind: 'challenge'; challenge: 'SMS_MFA' | 'SOFTWARE_TOKEN_MFA' | 'EMAIL_OTP' }
	| { kind: 'select'; options: string[] }
	| { kind: 'setup'; options: string[] };

/** Decides the MFA step from the pool's MfaConfiguration and the user's enabled/preferred factors. */
export function mfaStepFor(pool: PoolRecord, user: UserRecord): MfaStep {
	const mode = pool.settings.MfaConfiguration ?? 'OFF';
	if (mode === 'OFF') return { kind: 'none' };
	const factors = poolFactors(pool);
	const usable: Array<'SMS_MFA' | 'SOFTWARE_TOKEN_MFA' | 'EMAIL_OTP'> = [];
	if (factors.sms && user.mfa.sms.enabled && user.attributes.phone_number) usable.push('SMS_MFA');
	if (factors.totp && user.mfa.totp.enabled && user.totp?.verified)
		usable.push('SOFTWARE_TOKEN_MFA');
	if (factors.email && user.mfa.email.enabled && user.attributes.email) usable.push('EMAIL_OTP');
	const preferred = mfaSettingsOf(user).preferred as (typeof usable)[number] | undefined;
	if (preferred && usable.includes(preferred)) return { kind: 'challenge', challenge: preferred };
	if (usable.length === 1) return { kind: 'challenge', challenge: usable[0]! };
	if (usable.length > 1) return { kind: 'select', options: usable };
	if (mode === 'OPTIONAL') return { kind: 'none' };
	// MFA required and nothing enabled: a verified phone gets SMS; otherwise the user must set a factor up.
	if (
		factors.sms &&
		user.attributes.phone_number &&
		user.attributes.phone_number_verified === 'true'
	)
		return { kind: 'challenge', challenge: 'SMS_MFA' };
	const options = [
		...(factors.sms ? ['SMS_MFA'] : []),
		...(factors.totp ? ['SOFTWARE_TOKEN_MFA'] : []),
		...(factors.email ? ['EMAIL_OTP'] : []),
	];
	return { kind: 'setup', options: options.length ? options : ['SOFTWARE_TOKEN_MFA'] };
}

function requireTotpEnabled(pool: PoolRecord) {
	if (!pool.settings.SoftwareTokenMfaConfiguration?.Enabled)
		throw new ServiceError(
			'SoftwareTokenMFANotFoundException',
			'Software Token MFA is not enabled for the user pool.'
		);
}

/** The pool, user and (for the Session form) session an MFA-setup call acts on. */
async function setupTarget(env: Env, input: Record<string, any>) {
	if (!!input.AccessToken === !!input.Session)
		throw invalidParameter('Exactly one of AccessToken or Session must be provided.');
	if (input.AccessToken) {
		const { pool, user } = await authenticateAccessToken(env, input.AccessToken);
		return { pool, user, session: undefined, client: undefined };
	}
	// A setup Session is not tied to a client id in the request, so search the pools for it.
	const pool = [...env.state.pools.values()].find((p) => p.sessions.get(input.Session));
	const record = pool?.sessions.get(input.Session);
	const client = record ? pool?.clients.get(record.clientId) : undefined;
	if (!pool || !record || !client)
		throw new ServiceError('NotAuthorizedException', 'Invalid session for the user.');
	const session = openSession(env, pool, client, input.Session);
	if (session.challenge !== 'MFA_SETUP')
		throw new ServiceError('NotAuthorizedException', 'Invalid session for the user.');
	const user = requireUser(pool, session.username);
	return { pool, user, session, client };
}

const associateSoftwareToken: Handler = async (input, env) => {
	const { pool, user, session, client } = await setupTarget(env, input);
	requireTotpEnabled(pool);
	const secret = newTotpSecret(env);
	if (!session || !client) {
		user.pendingTotpSecret = secret;
		return { SecretCode: secret };
	}
	session.used = true;
	const next = createSession(env, pool, client, {
		username: session.username,
		userExists: true,
		challenge: 'MFA_SETUP',
		flow: session.flow,
		data: { ...session.data, secret },
	});
	return { SecretCode: secret, Session: next };
};

const verifySoftwareToken: Handler = async (input, env) => {
	const { pool, user, session, client } = await setupTarget(env, input);
	requireTotpEnabled(pool);
	const secret: string | undefined = session ? session.data.secret : user.pendingTotpSecret;
	if (!secret)
		throw new ServiceError(
			'SoftwareTokenMFANotFoundException',
			'Software Token MFA has not been associated with the user.'
		);
	if (!useTotp(user, secret, input.UserCode, env.now()))
		throw new ServiceError(
			'EnableSoftwareTokenMFAException',
			'Code mismatch and fail enable Software Token MFA'
		);
	user.totp = {
		secret,
		verified: true,
		...(input.FriendlyDeviceName ? { friendlyName: input.FriendlyDeviceName } : {}),
	};
	delete user.pendingTotpSecret;
	user.modifiedAt = env.now();
	if (!session || !client) return { Status: 'SUCCESS' };
	// Set up during sign-in: the factor is now the user's MFA.
	user.mfa.totp = { enabled: true, preferred: true };
	user.mfa.sms.preferred = false;
	user.mfa.email.preferred = false;
	session.used = true;
	const next = createSession(env, pool, client, {
		username: session.username,
		userExists: true,
		challenge: 'MFA_SETUP',
		flow: session.flow,
		data: { ...session.data, verified: true },
	});
	return { Status: 'SUCCESS', Session: next };
};

/** Applies SMSMfaSettings / SoftwareTokenMfaSettings / EmailMfaSettings to a user. */
function applyPreferences(pool: PoolRecord, user: UserRecord, input: Record<string, any>) {
	const entries: Array<[keyof UserRecord['mfa'], Record<string, boolean> | undefined]> = [
		['sms', input.SMSMfaSettings],
		['totp', input.SoftwareTokenMfaSettings],
		['email', input.EmailMfaSettings],
	];
	const preferredCount = entries.filter(([, s]) => s?.PreferredMfa).length;
	if (preferredCount > 1) throw invalidParameter('Only one MFA method can be set as preferred.');
	for (const [factor, settings] of entries) {
		if (!settings?.Enabled) continue;
		if (factor === 'totp' && !user.totp?.verified)
			throw invalidParameter('User has not verified software token mfa');
		if (factor === 'sms' && !user.attributes.phone_number)
			throw invalidParameter('User does not have delivery config set to turn on SMS_MFA');
		if (factor === 'email') {
			if (!pool.settings.EmailMfaConfiguration)
				throw invalidParameter('Email MFA is not enabled for the user pool.');
			if (!user.attributes.email)
				throw invalidParameter('User does not have delivery config set to turn on EMAIL_OTP');
		}
	}
	for (const [factor, settings] of entries) {
		if (!settings) continue;
		const enabled = settings.Enabled ?? user.mfa[factor].enabled;
		const preferred = enabled && (settings.PreferredMfa ?? user.mfa[factor].preferred);
		if (preferred)
			for (const other of ['sms', 'totp', 'email'] as const) user.mfa[other].preferred = false;
		user.mfa[factor] = { enabled, preferred };
	}
}

const setUserMfaPreference: Handler = async (input, env) => {
	const { pool, user } = await authenticateAccessToken(env, input.AccessToken);
	applyPreferences(pool, user, input);
	user.modifiedAt = env.now();
	return {};
};

const adminSetUserMfaPreference: Handler = async (input, env) => {
	const pool = getPool(env, input.UserPoolId);
	const user = requireUser(pool, input.Username);
	applyPreferences(pool, user, input);
	user.modifiedAt = env.now();
	return {};
};

/** MFA operations by name. */
export const MFA_HANDLERS: Record<string, Handler> = {
	AssociateSoftwareToken: associateSoftwareToken,
	VerifySoftwareToken: verifySoftwareToken,
	SetUserMFAPreference: setUserMfaPreference,
	AdminSetUserMFAPreference: adminSetUserMfaPreference,
};
