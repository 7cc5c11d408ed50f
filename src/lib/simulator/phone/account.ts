/**
 * The sample app's account screens as calls: sign-up and its confirmation, forgotten password, sign-out, MFA
 * enrolment (email, TOTP) and calls to the app's API with a chosen token. Each function is one or two real
 * operations; failures come back as the service's error type and message for the screen to show. No DOM.
 */
import type { CallOutcome, InboxMessage } from '../types';
import type { Call, SampleAppConfig } from './sample-app';

/** A call's result as the screens use it: ok, or the error to show. */
export type Result<T = unknown> =
	{ ok: true; value: T } | { ok: false; type: string; message: string };

function result<T>(outcome: CallOutcome): Result<T> {
	return outcome.ok
		? { ok: true, value: outcome.response as T }
		: { ok: false, type: outcome.error.type, message: outcome.error.message };
}

export async function signUp(
	call: Call,
	config: SampleAppConfig,
	email: string,
	password: string
): Promise<Result<{ UserConfirmed: boolean; CodeDeliveryDetails?: { Destination: string } }>> {
	return result(
		await call('SignUp', {
			ClientId: config.clientId,
			Username: email,
			Password: password,
			UserAttributes: [{ Name: 'email', Value: email }],
		})
	);
}

export async function confirmSignUp(
	call: Call,
	config: SampleAppConfig,
	email: string,
	code: string
): Promise<Result> {
	return result(
		await call('ConfirmSignUp', {
			ClientId: config.clientId,
			Username: email,
			ConfirmationCode: code,
		})
	);
}

export async function resendCode(call: Call, config: SampleAppConfig, email: string) {
	return result(
		await call('ResendConfirmationCode', { ClientId: config.clientId, Username: email })
	);
}

export async function forgotPassword(
	call: Call,
	config: SampleAppConfig,
	email: string
): Promise<Result<{ CodeDeliveryDetails?: { Destination: string } }>> {
	return result(await call('ForgotPassword', { ClientId: config.clientId, Username: email }));
}

export async function confirmForgotPassword(
	call: Call,
	config: SampleAppConfig,
	email: string,
	code: string,
	password: string
): Promise<Result> {
	return result(
		await call('ConfirmForgotPassword', {
			ClientId: config.clientId,
			Username: email,
			ConfirmationCode: code,
			Password: password,
		})
	);
}

/** Signs out everywhere: the refresh tokens are revoked and the access token stops working. */
export async function globalSignOut(call: Call, accessToken: string): Promise<Result> {
	return result(await call('GlobalSignOut', { AccessToken: accessToken }));
}

/** The signed-in user's attributes and MFA settings. */
export interface Profile {
	username: string;
	attributes: Record<string, string>;
	/** `UserMFASettingList`. */
	mfa: string[];
	preferredMfa?: string;
}

export async function getProfile(call: Call, accessToken: string): Promise<Result<Profile>> {
	const outcome = await call('GetUser', { AccessToken: accessToken });
	if (!outcome.ok) return result(outcome);
	const response = outcome.response as {
		Username: string;
		UserAttributes?: Array<{ Name: string; Value: string }>;
		UserMFASettingList?: string[];
		PreferredMfaSetting?: string;
	};
	const attributes: Record<string, string> = Object.create(null);
	for (const { Name, Value } of response.UserAttributes ?? []) attributes[Name] = Value;
	return {
		ok: true,
		value: {
			username: response.Username,
			attributes,
			mfa: response.UserMFASettingList ?? [],
			...(response.PreferredMfaSetting ? { preferredMfa: response.PreferredMfaSetting } : {}),
		},
	};
}

/** Turns email MFA on (and preferred) or off for the signed-in user. */
export async function setEmailMfa(call: Call, accessToken: string, enabled: boolean) {
	return result(
		await call('SetUserMFAPreference', {
			AccessToken: accessToken,
			EmailMfaSettings: { Enabled: enabled, PreferredMfa: enabled },
		})
	);
}

/** Saves the phone number and turns SMS MFA on (and preferred): codes then go to that number by SMS. */
export async function enableSmsMfa(call: Call, accessToken: string, phoneNumber: string) {
	const updated = result(
		await call('UpdateUserAttributes', {
			AccessToken: accessToken,
			UserAttributes: [{ Name: 'phone_number', Value: phoneNumber }],
		})
	);
	if (!updated.ok) return updated;
	return setSmsMfa(call, accessToken, true);
}

export async function setSmsMfa(call: Call, accessToken: string, enabled: boolean) {
	return result(
		await call('SetUserMFAPreference', {
			AccessToken: accessToken,
			SMSMfaSettings: { Enabled: enabled, PreferredMfa: enabled },
		})
	);
}

/** Step 1 of TOTP enrolment: the shared secret (base32) for the authenticator. */
export async function associateTotp(call: Call, accessToken: string): Promise<Result<string>> {
	const outcome = await call('AssociateSoftwareToken', { AccessToken: accessToken });
	if (!outcome.ok) return result(outcome);
	return { ok: true, value: (outcome.response as { SecretCode: string }).SecretCode };
}

/** Step 2: verify a code from the authenticator, then make TOTP the preferred factor. */
export async function verifyTotp(
	call: Call,
	accessToken: string,
	code: string,
	deviceName: string
): Promise<Result> {
	const verified = result<{ Status?: string }>(
		await call('VerifySoftwareToken', {
			AccessToken: accessToken,
			UserCode: code,
			FriendlyDeviceName: deviceName,
		})
	);
	if (!verified.ok) return verified;
	return result(
		await call('SetUserMFAPreference', {
			AccessToken: accessToken,
			SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
		})
	);
}

/** Turns TOTP off for the signed-in user (the enrolled secret stays until a new association). */
export async function disableTotp(call: Call, accessToken: string) {
	return result(
		await call('SetUserMFAPreference', {
			AccessToken: accessToken,
			SoftwareTokenMfaSettings: { Enabled: false, PreferredMfa: false },
		})
	);
}

/** What the API answered and what its authorizer decided. */
export interface ApiAnswer {
	status: 'allowed' | 'refused';
	/** Gateway error type (`UnauthorizedException`, …) when refused. */
	errorType?: string;
	message: string;
	/** The claims the authorizer passed to the backend (`requestContext.authorizer.claims`). */
	claims?: Record<string, unknown>;
}

/** GETs one of the API's paths with `token` in `Authorization` (or none). */
export async function callApi(
	call: Call,
	config: SampleAppConfig,
	path: string,
	token: string | undefined
): Promise<ApiAnswer> {
	const outcome = await call('Sandbox.HttpRequest', {
		Url: `${config.apiUrl}${path}`,
		Method: 'GET',
		Headers: token ? { Authorization: token } : {},
	});
	if (!outcome.ok)
		return { status: 'refused', errorType: outcome.error.type, message: outcome.error.message };
	const body = (outcome.response as { StatusCode: number; Body: unknown }).Body as {
		requestContext?: { authorizer?: { claims?: Record<string, unknown> } };
	};
	const claims = body?.requestContext?.authorizer?.claims;
	return {
		status: 'allowed',
		message: `HTTP ${(outcome.response as { StatusCode: number }).StatusCode}`,
		...(claims ? { claims } : {}),
	};
}

/**
 * The newest code sent to one of `destinations` (email addresses, phone numbers) at or after `since` (sandbox
 * time), or undefined. Destinations in the outbox are the real ones; the app knows the user's.
 */
export function latestCodeFor(
	outbox: readonly InboxMessage[],
	destinations: string | readonly string[],
	since = 0
): InboxMessage | undefined {
	const wanted = new Set(
		(typeof destinations === 'string' ? [destinations] : destinations).map((item) =>
			item.trim().toLowerCase()
		)
	);
	for (let index = outbox.length - 1; index >= 0; index--) {
		const message = outbox[index]!;
		if (message.at < since) break;
		if (message.code && wanted.has(message.destination.toLowerCase())) return message;
	}
	return undefined;
}
