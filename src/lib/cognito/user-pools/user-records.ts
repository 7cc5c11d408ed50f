/**
 * User records: creation, attribute validation against the pool schema, the shapes the API returns,
 * one-time codes, and revocation of a user's sessions.
 */
import { dict } from '../core/dict';
import { ServiceError } from '../core/errors';
import type { CodePurpose, Env, PoolRecord, UserRecord, UserStatus } from './state';
import {
	attributeMapToList,
	DAY_MS,
	HOUR_MS,
	invalidParameter,
	isCaseSensitive,
	toEpochSeconds,
	userKey,
} from './util';

const EMAIL = /^[^@\s]+@[^@\s]+$/u;
const PHONE = /^\+[0-9]{4,15}$/;

/** How long each kind of code is valid. */
export const CODE_LIFETIME_MS: Record<CodePurpose, number> = {
	SIGN_UP: DAY_MS,
	FORGOT_PASSWORD: HOUR_MS,
	VERIFY_email: DAY_MS,
	VERIFY_phone_number: DAY_MS,
};

const schemaError = (detail: string) =>
	invalidParameter(`Attributes did not conform to the schema: ${detail}`);

/** Whether email/phone are the sign-in names (`UsernameAttributes`). */
export const usernameAttributesOf = (pool: PoolRecord): string[] =>
	pool.settings.UsernameAttributes ?? [];

/**
 * Checks attributes against the schema: known names, formats, lengths and (with `requireAll`) the
 * required attributes.
 */
export function validateAttributes(
	pool: PoolRecord,
	attributes: Record<string, string>,
	options: { requireAll?: boolean; existing?: Record<string, string> } = {}
): void {
	const schema: Array<Record<string, any>> = pool.settings.SchemaAttributes;
	for (const [name, value] of Object.entries(attributes)) {
		const definition = schema.find((a) => a.Name === name);
		if (!definition) throw schemaError(`Type for attribute {${name}} could not be determined`);
		if (name === 'sub')
			throw schemaError('sub: Attribute cannot be updated. (changing an immutable attribute)');
		if (
			options.existing &&
			definition.Mutable === false &&
			options.existing[name] !== undefined &&
			options.existing[name] !== value
		) {
			throw invalidParameter(`Attribute ${name} is immutable and cannot be changed.`);
		}
		if (name === 'email' && value !== '' && !EMAIL.test(value))
			throw invalidParameter('Invalid email address format.');
		if (name === 'phone_number' && value !== '' && !PHONE.test(value))
			throw invalidParameter('Invalid phone number format.');
		if (
			(definition.AttributeDataType === 'Boolean' || name.endsWith('_verified')) &&
			value !== 'true' &&
			value !== 'false'
		) {
			throw schemaError(`${name}: Attribute value must be 'true' or 'false'.`);
		}
		if (definition.AttributeDataType === 'Number' && value !== '' && !/^-?\d+(\.\d+)?$/.test(value))
			throw schemaError(`${name}: Number must be a valid number`);
		const max = Number(definition.StringAttributeConstraints?.MaxLength ?? 2048);
		const min = Number(definition.StringAttributeConstraints?.MinLength ?? 0);
		if (definition.AttributeDataType === 'String' && [...value].length > max)
			throw schemaError(`${name}: String must be no longer than ${max} characters`);
		if (definition.AttributeDataType === 'String' && name !== 'sub' && [...value].length < min)
			throw schemaError(`${name}: String must be no shorter than ${min} characters`);
	}
	if (options.requireAll) {
		const merged = { ...(options.existing ?? {}), ...attributes };
		for (const definition of schema) {
			if (definition.Required && definition.Name !== 'sub' && !merged[definition.Name])
				throw schemaError(`${definition.Name}: The attribute is required`);
		}
	}
}

/** Throws `UsernameExistsException` when an email/phone used as a sign-in name is taken by someone else. */
export function checkSignInAttributesUnique(
	pool: PoolRecord,
	attributes: Record<string, string>,
	self?: UserRecord
): void {
	for (const attribute of usernameAttributesOf(pool)) {
		const value = attributes[attribute];
		if (!value) continue;
		const fold = (v: string) =>
			attribute === 'email' && !isCaseSensitive(pool) ? v.toLowerCase() : v;
		const taken = [...pool.users.values()].some(
			(u) =>
				u !== self &&
				u.attributes[attribute] !== undefined &&
				fold(u.attributes[attribute]!) === fold(value)
		);
		if (taken)
			throw new ServiceError(
				self ? 'AliasExistsException' : 'UsernameExistsException',
				`An account with the given ${attribute === 'email' ? 'email' : 'phone_number'} already exists.`
			);
	}
}

/**
 * Resolves the stored username and sign-in attributes for a new user. In `UsernameAttributes` pools
 * the typed name must be an email/phone and becomes that attribute; the username is the `sub`.
 */
export function resolveNewUsername(
	pool: PoolRecord,
	typed: string,
	sub: string,
	attributes: Record<string, string>
): string {
	const usernameAttributes = usernameAttributesOf(pool);
	if (!usernameAttributes.length) return typed;
	const isEmail = EMAIL.test(typed);
	const isPhone = PHONE.test(typed);
	if (isEmail && usernameAttributes.includes('email')) attributes.email = typed;
	else if (isPhone && usernameAttributes.includes('phone_number')) attributes.phone_number = typed;
	else if (usernameAttributes.length === 2)
		throw invalidParameter('Username should be either an email or a phone number.');
	else
		throw invalidParameter(
			usernameAttributes[0] === 'email'
				? 'Username should be an email.'
				: 'Username should be a phone number.'
		);
	return sub;
}

/** Creates (and stores) a user record. */
export function createUserRecord(
	env: Env,
	pool: PoolRecord,
	username: string,
	sub: string,
	attributes: Readonly<Record<string, string>>,
	status: UserStatus,
	password: string | undefined
): UserRecord {
	const now = env.now();
	const user: UserRecord = {
		username,
		attributes: dict({ sub, ...attributes }),
		status,
		enabled: true,
		...(password !== undefined ? { password } : {}),
		passwordHistory: password !== undefined ? [password] : [],
		createdAt: now,
		modifiedAt: now,
		groups: [],
		mfa: {
			sms: { enabled: false, preferred: false },
			totp: { enabled: false, preferred: false },
			email: { enabled: false, preferred: false },
		},
		codes: new Map(),
		failures: { count: 0, lastAt: 0, lockedUntil: 0 },
	};
	pool.users.set(userKey(pool, username), user);
	return user;
}

/** Sets a new password (and remembers it for the history policy). */
export function setPassword(user: UserRecord, password: string, now: number): void {
	user.password = password;
	user.passwordHistory = [...user.passwordHistory, password].slice(-24);
	user.srp = undefined;
	user.modifiedAt = now;
}

/** `UserMFASettingList` and `PreferredMfaSetting` of a user. */
export function mfaSettingsOf(user: UserRecord) {
	const list: string[] = [];
	if (user.mfa.sms.enabled) list.push('SMS_MFA');
	if (user.mfa.totp.enabled) list.push('SOFTWARE_TOKEN_MFA');
	if (user.mfa.email.enabled) list.push('EMAIL_OTP');
	const preferred = user.mfa.sms.preferred
		? 'SMS_MFA'
		: user.mfa.totp.preferred
			? 'SOFTWARE_TOKEN_MFA'
			: user.mfa.email.preferred
				? 'EMAIL_OTP'
				: undefined;
	return { list, preferred };
}

/** The `UserType` shape (ListUsers, AdminCreateUser). */
export function describeUser(user: UserRecord, attributesToGet?: string[]) {
	const attributes = attributeMapToList(user.attributes).filter(
		(a) => !attributesToGet || attributesToGet.includes(a.Name)
	);
	const mfa = mfaSettingsOf(user);
	return {
		Username: user.username,
		Attributes: attributes,
		UserCreateDate: toEpochSeconds(user.createdAt),
		UserLastModifiedDate: toEpochSeconds(user.modifiedAt),
		Enabled: user.enabled,
		UserStatus: user.status,
		...(mfa.list.includes('SMS_MFA')
			? { MFAOptions: [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }] }
			: {}),
	};
}

/** The `AdminGetUser`/`GetUser` fields about MFA. */
export function mfaFields(user: UserRecord) {
	const mfa = mfaSettingsOf(user);
	return {
		...(mfa.list.includes('SMS_MFA')
			? { MFAOptions: [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }] }
			: {}),
		...(mfa.preferred ? { PreferredMfaSetting: mfa.preferred } : {}),
		...(mfa.list.length ? { UserMFASettingList: mfa.list } : {}),
	};
}

/** Issues a one-time code (replacing any earlier one of the same purpose). */
export function issueCode(
	env: Env,
	user: UserRecord,
	purpose: CodePurpose,
	code: string,
	attribute?: string
): void {
	const now = env.now();
	const previous = user.codes.get(purpose);
	const superseded = previous ? [...(previous.superseded ?? []), previous.code].slice(-5) : [];
	user.codes.set(purpose, {
		code,
		...(attribute ? { attribute } : {}),
		issuedAt: now,
		expiresAt: now + CODE_LIFETIME_MS[purpose],
		failedAttempts: 0,
		...(superseded.length ? { superseded } : {}),
	});
}

/**
 * Checks a code: `ExpiredCodeException` when none was issued or it expired, `CodeMismatchException`
 * when wrong. Consumes it on success.
 */
export function consumeCode(
	env: Env,
	user: UserRecord,
	purpose: CodePurpose,
	given: string
): { attribute?: string } {
	const record = user.codes.get(purpose);
	if (!record || record.expiresAt <= env.now())
		throw new ServiceError(
			'ExpiredCodeException',
			'Invalid code provided, please request a code again.'
		);
	if (record.code !== given) {
		if (record.superseded?.includes(given))
			throw new ServiceError(
				'ExpiredCodeException',
				'Invalid code provided, please request a code again.'
			);
		record.failedAttempts++;
		throw new ServiceError(
			'CodeMismatchException',
			'Invalid verification code provided, please try again.'
		);
	}
	user.codes.delete(purpose);
	return { attribute: record.attribute };
}

/** The per-user hourly caps of the operations that have one (not adjustable in the real service). */
export const HOURLY_CAPS: Record<string, number> = {
	ResendConfirmationCode: 5,
	ConfirmSignUp: 15,
	ChangePassword: 5,
	GetUserAttributeVerificationCode: 5,
	VerifyUserAttribute: 15,
	ConfirmForgotPassword: 20,
};

/** Counts a call against the user's hourly cap; `LimitExceededException` once it is reached. */
export function countCall(env: Env, user: UserRecord, operation: keyof typeof HOURLY_CAPS): void {
	const now = env.now();
	const calls = (user.recentCalls ??= new Map());
	const recent = (calls.get(operation) ?? []).filter((at: number) => at > now - HOUR_MS);
	if (recent.length >= HOURLY_CAPS[operation]!) {
		calls.set(operation, recent);
		throw new ServiceError(
			'LimitExceededException',
			'Attempt limit exceeded, please try after some time.'
		);
	}
	recent.push(now);
	calls.set(operation, recent);
}

/** Revokes every refresh token and access token a user holds (global sign-out, disable, delete). */
export function revokeUserSessions(env: Env, pool: PoolRecord, user: UserRecord): void {
	const now = env.now();
	for (const record of pool.refreshTokens.values()) {
		if (record.sub !== user.attributes.sub) continue;
		record.revoked = true;
		pool.revokedEvents.set(record.eventId, now);
	}
}

/** Moves a verified alias (email/phone) away from other users, or throws `AliasExistsException`. */
export function claimAlias(
	pool: PoolRecord,
	user: UserRecord,
	attribute: 'email' | 'phone_number',
	force: boolean
): void {
	if (!(pool.settings.AliasAttributes ?? []).includes(attribute)) return;
	const value = user.attributes[attribute];
	if (!value) return;
	const fold = (v: string) =>
		attribute === 'email' && !isCaseSensitive(pool) ? v.toLowerCase() : v;
	for (const other of pool.users.values()) {
		if (
			other === user ||
			other.attributes[`${attribute}_verified`] !== 'true' ||
			fold(other.attributes[attribute] ?? '') !== fold(value)
		)
			continue;
		if (!force)
			throw new ServiceError(
				'AliasExistsException',
				`An account with the ${attribute === 'email' ? 'email' : 'phone number'} already exists.`
			);
		other.attributes[`${attribute}_verified`] = 'false';
	}
}
