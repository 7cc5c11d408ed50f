/**
 * The shared steps of every sign-in: the checks in the service's order (disabled / unconfirmed before
 * the password, lockout, reset-required, temporary password expiry), PreAuthentication, the password
 * first factor, and what follows a proven first factor (NEW_PASSWORD_REQUIRED, MFA, tokens).
 */
import { ServiceError } from '../core/errors';
import { assessSignIn, type ClientContext, type SignInRisk } from '../risk';
import { findAuthEvent, recordAuthEvent } from './auth-events';
import { confirmedDevice, newDevice, tracksDevices } from './devices';
import { deliveryFor, sendCodeMessage } from './messages';
import { mfaStepFor } from './mfa';
import { createSession } from './sessions';
import type { ClientRecord, Env, PoolRecord, UserRecord } from './state';
import type { IssueContext } from './tokens';
import { issueTokens } from './token-issue';
import { runTrigger } from './triggers';
import { migrateUser } from './users';
import {
	DAY_MS,
	findUser,
	hidesUsers,
	invalidParameter,
	maskEmail,
	maskPhone,
	MINUTE_MS,
	newCode,
	notAuthorized,
	userNotFound,
} from './util';

/** Everything one authentication call carries along. */
export interface Call {
	env: Env;
	pool: PoolRecord;
	client: ClientRecord;
	/** ClientMetadata of this API call (routed only to the triggers the service routes it to). */
	metadata?: Record<string, string>;
	flow: string;
	/** Choice-based sign-in hides unknown users whatever the client's PreventUserExistenceErrors says. */
	alwaysHideUnknownUsers?: boolean;
	/** The DEVICE_KEY the client sent, for device tracking. */
	deviceKey?: string;
	/**
	 * Set when the sign-in runs on the managed login pages (../oauth): tokens carry the requested OAuth
	 * scopes (and `nonce`), pre token generation sees `TokenGeneration_HostedAuth`, and no device is tracked.
	 */
	hosted?: { scopes: string[]; nonce?: string };
	/** What threat protection sees of the caller (read only while threat protection is on). */
	clientContext?: ClientContext;
	/** The UserContextData / ContextData it was read from, kept in challenge sessions for later steps. */
	contextInput?: Record<string, unknown>;
	/** Threat protection's event for this sign-in and the MFA it asked for (kept in challenge sessions). */
	risk?: SignInRisk;
	/** Set when this call answered an MFA challenge (recorded in the authentication event). */
	mfaAnswered?: boolean;
}

/** Whether this sign-in must not reveal that a user does not exist. */
export const hidesUnknown = (call: Call) =>
	!!call.alwaysHideUnknownUsers || hidesUsers(call.client);

export type AuthResponse = Record<string, unknown>;

export const INCORRECT = 'Incorrect username or password.';
export const missing = (name: string) => invalidParameter(`Missing required parameter ${name}`);
const LOCK_RESET_MS = 15 * MINUTE_MS;
const MAX_LOCK_MS = 15 * MINUTE_MS;

// ---------------------------------------------------------------------------------------------
// Users, lockout and passwords

/** Rejects a sign-in while the user is locked out after repeated failures. */
export function checkLockout(call: Call, user: UserRecord): void {
	if (user.failures.lockedUntil > call.env.now()) throw notAuthorized('Password attempts exceeded');
}

/** Counts a failed password: from the fifth on, the user is locked for 2^(n-5) s (max 15 min). */
export function recordFailure(call: Call, user: UserRecord): void {
	const now = call.env.now();
	if (now - user.failures.lastAt > LOCK_RESET_MS) user.failures.count = 0;
	user.failures.count++;
	user.failures.lastAt = now;
	if (user.failures.count >= 5)
		user.failures.lockedUntil = now + Math.min(2 ** (user.failures.count - 5) * 1000, MAX_LOCK_MS);
}

/** Disabled and unconfirmed users are refused before their password is checked. */
export function checkUsable(user: UserRecord): void {
	if (!user.enabled) throw notAuthorized('User is disabled.');
	if (user.status === 'UNCONFIRMED')
		throw new ServiceError('UserNotConfirmedException', 'User is not confirmed.');
}

/** After a correct first factor: reset-required and expired temporary passwords. */
export function checkAfterPassword(call: Call, user: UserRecord): void {
	if (user.status === 'RESET_REQUIRED') {
		if (hidesUsers(call.client)) throw notAuthorized(INCORRECT);
		throw new ServiceError(
			'PasswordResetRequiredException',
			'Password reset required for the user'
		);
	}
	if (user.status === 'FORCE_CHANGE_PASSWORD' && user.temporaryPasswordSetAt !== undefined) {
		const days = call.pool.settings.Policies.PasswordPolicy.TemporaryPasswordValidityDays || 7;
		if (call.env.now() > user.temporaryPasswordSetAt + days * DAY_MS)
			throw notAuthorized('Temporary password has expired and must be reset by an administrator.');
	}
}

/** Looks up the user named in a sign-in; unknown → generic error (ENABLED) or UserNotFoundException. */
export function requireSignInUser(call: Call, user: UserRecord | undefined): UserRecord {
	if (user) return user;
	if (hidesUnknown(call)) throw notAuthorized(INCORRECT);
	throw userNotFound();
}

export async function preAuthentication(
	call: Call,
	user: UserRecord,
	initiateMetadata?: Record<string, string>
) {
	await runTrigger(call.env, call.pool, 'PreAuthentication', {
		triggerSource: 'PreAuthentication_Authentication',
		userName: user.username,
		clientId: call.client.ClientId,
		request: {
			userAttributes: { ...user.attributes, 'cognito:user_status': user.status },
			validationData: initiateMetadata ?? null,
			...(hidesUsers(call.client) ? { userNotFound: false } : {}),
		},
	});
}

/** USER_PASSWORD_AUTH / ADMIN_USER_PASSWORD_AUTH / USER_AUTH with PASSWORD. */
export async function passwordFirstFactor(
	call: Call,
	typed: string,
	password: string,
	initiateMetadata: Record<string, string> | undefined,
	allowMigration: boolean
): Promise<AuthResponse> {
	let user = findUser(call.pool, typed);
	if (!user && allowMigration)
		user = await migrateUser(
			call.env,
			call.pool,
			call.client,
			typed,
			'UserMigration_Authentication',
			password,
			initiateMetadata
		);
	user = requireSignInUser(call, user);
	checkUsable(user);
	checkLockout(call, user);
	if (user.password === undefined || user.password !== password) {
		recordPasswordFailure(call, user);
		throw notAuthorized(INCORRECT);
	}
	user.failures = { count: 0, lastAt: 0, lockedUntil: 0 };
	checkAfterPassword(call, user);
	await preAuthentication(call, user, initiateMetadata);
	await assessSignIn(call, user, { flow: 'standard', password });
	return afterFirstFactor(call, user);
}

/** A wrong password: counts towards the lockout and is recorded (threat protection scores repeated failures). */
export function recordPasswordFailure(call: Call, user: UserRecord): void {
	recordFailure(call, user);
	recordAuthEvent(
		call.env,
		call.pool,
		user,
		'SignIn',
		'Fail',
		[{ ChallengeName: 'Password', ChallengeResponse: 'Failure' }],
		{ context: call.clientContext }
	);
}

// ---------------------------------------------------------------------------------------------
// Challenges

export function challenge(
	call: Call,
	user: { username: string },
	name: string,
	parameters: Record<string, string>,
	data: Record<string, any> = {},
	userExists = true
): AuthResponse {
	const session = createSession(call.env, call.pool, call.client, {
		username: user.username,
		userExists,
		challenge: name,
		flow: call.flow,
		data: {
			...(call.deviceKey ? { deviceKey: call.deviceKey } : {}),
			...(call.risk ? { risk: call.risk } : {}),
			...(call.contextInput ? { contextInput: call.contextInput } : {}),
			...data,
		},
	});
	return { ChallengeName: name, Session: session, ChallengeParameters: parameters };
}

/** What follows a proven first factor: a new password, MFA, or tokens. */
export async function afterFirstFactor(
	call: Call,
	user: UserRecord,
	options: { skipMfa?: boolean } = {}
): Promise<AuthResponse> {
	if (user.status === 'FORCE_CHANGE_PASSWORD') {
		const schema: Array<Record<string, any>> = call.pool.settings.SchemaAttributes;
		const required = schema
			.filter((a) => a.Required && a.Name !== 'sub' && !user.attributes[a.Name])
			.map((a) => `userAttributes.${a.Name}`);
		const visible = Object.fromEntries(
			Object.entries(user.attributes).filter(([name]) => name !== 'sub')
		);
		return challenge(call, user, 'NEW_PASSWORD_REQUIRED', {
			USER_ID_FOR_SRP: user.username,
			requiredAttributes: JSON.stringify(required),
			userAttributes: JSON.stringify(visible),
		});
	}
	// A remembered device proves itself with device SRP instead of MFA, unless threat protection asked for MFA.
	const device = confirmedDevice(user, call.deviceKey);
	if (device?.remembered && tracksDevices(call.pool) && !call.risk?.mfaRequired)
		return challenge(
			call,
			user,
			'DEVICE_SRP_AUTH',
			{ USERNAME: user.username },
			{ deviceKey: device.key }
		);
	if (!options.skipMfa) {
		const step = mfaStepFor(call.pool, user);
		// A risky sign-in of a user whose own settings ask for no MFA gets the factor threat protection chose.
		if (step.kind === 'none' && call.risk?.mfa) return mfaChallenge(call, user, call.risk.mfa);
		if (step.kind === 'challenge') return mfaChallenge(call, user, step.challenge);
		if (step.kind === 'select')
			return challenge(call, user, 'SELECT_MFA_TYPE', {
				USER_ID_FOR_SRP: user.username,
				MFAS_CAN_CHOOSE: JSON.stringify(step.options),
			});
		if (step.kind === 'setup')
			return challenge(call, user, 'MFA_SETUP', {
				USER_ID_FOR_SRP: user.username,
				MFAS_CAN_SETUP: JSON.stringify(step.options),
			});
	}
	return finish(call, user, 'TokenGeneration_Authentication');
}

/** Sends an MFA or OTP code (SMS/email) or asks for a TOTP code. */
export async function mfaChallenge(
	call: Call,
	user: UserRecord,
	name: 'SMS_MFA' | 'SOFTWARE_TOKEN_MFA' | 'EMAIL_OTP' | 'SMS_OTP',
	stage: 'mfa' | 'first' = 'mfa'
): Promise<AuthResponse> {
	if (name === 'SOFTWARE_TOKEN_MFA') {
		return challenge(
			call,
			user,
			name,
			{
				USER_ID_FOR_SRP: user.username,
				...(user.totp?.friendlyName ? { FRIENDLY_DEVICE_NAME: user.totp.friendlyName } : {}),
			},
			{ stage }
		);
	}
	const delivery = deliveryFor(user, name === 'EMAIL_OTP' ? 'email' : 'phone_number');
	if (!delivery)
		throw new ServiceError(
			'InvalidUserPoolConfigurationException',
			`The user has no ${name === 'EMAIL_OTP' ? 'email' : 'phone number'} to send a code to.`
		);
	const code = newCode(call.env, name === 'EMAIL_OTP' && stage === 'first' ? 8 : 6);
	await sendCodeMessage(call.env, call.pool, {
		user,
		kind: 'Authentication',
		delivery,
		code,
		clientId: call.client.ClientId,
		clientMetadata: call.metadata,
		reason: name,
	});
	return challenge(
		call,
		user,
		name,
		{
			CODE_DELIVERY_DELIVERY_MEDIUM: delivery.channel,
			CODE_DELIVERY_DESTINATION:
				delivery.channel === 'EMAIL'
					? maskEmail(delivery.destination)
					: maskPhone(delivery.destination),
			USER_ID_FOR_SRP: user.username,
		},
		{ code, stage }
	);
}

// ---------------------------------------------------------------------------------------------
// Tokens

/** PostAuthentication, pre-token generation and signing: the end of every successful sign-in. */
export async function finish(
	call: Call,
	user: UserRecord,
	tokenSource: string
): Promise<AuthResponse> {
	await runTrigger(call.env, call.pool, 'PostAuthentication', {
		triggerSource: 'PostAuthentication_Authentication',
		userName: user.username,
		clientId: call.client.ClientId,
		request: {
			userAttributes: { ...user.attributes, 'cognito:user_status': user.status },
			newDeviceUsed: tracksDevices(call.pool) && !confirmedDevice(user, call.deviceKey),
			...(call.metadata ? { clientMetadata: call.metadata } : {}),
		},
	});
	const event = completeSignInEvent(call, user);
	const known = confirmedDevice(user, call.deviceKey);
	// A new device is recorded before the tokens are signed, so their access token already carries its
	// `device_key` (the app needs that token to call ConfirmDevice for this key).
	const fresh =
		tracksDevices(call.pool) && !known && !call.hosted ? newDevice(call.env, user) : undefined;
	const deviceKey = known?.key ?? fresh?.DeviceKey;
	const issue: IssueContext = {
		// Tokens carry the authentication event's id, as AdminListUserAuthEvents shows it.
		eventId: event?.id ?? call.env.context.uuid(),
		originJti: call.env.context.uuid(),
		authTime: Math.floor(call.env.now() / 1000),
		...(deviceKey ? { deviceKey } : {}),
		...(call.hosted ? { oauth: call.hosted } : {}),
	};
	const source = call.hosted ? 'TokenGeneration_HostedAuth' : tokenSource;
	const result = await issueTokens(call, user, source, issue, true);
	if (fresh) result.NewDeviceMetadata = fresh;
	return { ChallengeParameters: {}, AuthenticationResult: result };
}

/** Marks the sign-in's authentication event as passed (recording one when threat protection made none). */
function completeSignInEvent(call: Call, user: UserRecord) {
	const mfa = call.mfaAnswered
		? [{ ChallengeName: 'Mfa', ChallengeResponse: 'Success' as const }]
		: [];
	const event = call.risk && findAuthEvent(user, call.risk.eventId);
	if (event) {
		event.response = 'Pass';
		event.challenges = [...event.challenges, ...mfa];
		return event;
	}
	return recordAuthEvent(
		call.env,
		call.pool,
		user,
		'SignIn',
		'Pass',
		[{ ChallengeName: 'Password', ChallengeResponse: 'Success' }, ...mfa],
		{ context: call.clientContext }
	);
}
