/**
 * The public sign-up and password-recovery calls (SignUp, ConfirmSignUp, ResendConfirmationCode,
 * ForgotPassword, ConfirmForgotPassword), the user-migration trigger, and attribute updates.
 */
import { dict } from '../core/dict';
import { ServiceError } from '../core/errors';
import { assessNewPassword, protectionMode, readClientContext } from '../risk';
import { recordAuthEvent } from './auth-events';
import { deliveryFor, sendCodeMessage, type CodeDeliveryDetails } from './messages';
import { checkHistory, checkPassword } from './password-policy';
import { createSession } from './sessions';
import type { ClientRecord, Env, Handler, PoolRecord, UserRecord } from './state';
import { expectTypes, runTrigger } from './triggers';
import {
	checkSignInAttributesUnique,
	claimAlias,
	consumeCode,
	countCall,
	createUserRecord,
	issueCode,
	resolveNewUsername,
	setPassword,
	usernameAttributesOf,
	validateAttributes,
} from './user-records';
import {
	attributeListToMap,
	checkSecretHash,
	checkWritable,
	clientAndPool,
	findUser,
	hidesUsers,
	invalidParameter,
	maskEmail,
	maskPhone,
	newCode,
	notAuthorized,
	userKey,
} from './util';

const usernameNotFound = () =>
	new ServiceError('UserNotFoundException', 'Username/client id combination not found.');

/** Whether the pool lets users sign up without a password (a passwordless first factor is allowed). */
export const allowsPasswordless = (pool: PoolRecord) =>
	(pool.settings.Policies.SignInPolicy?.AllowedFirstAuthFactors ?? ['PASSWORD']).some(
		(f: string) => f !== 'PASSWORD'
	);

/** The channel a sign-up code goes to: AutoVerifiedAttributes, phone first when both are set. */
function signUpDelivery(pool: PoolRecord, user: UserRecord) {
	const auto: string[] = pool.settings.AutoVerifiedAttributes ?? [];
	if (auto.includes('phone_number') && user.attributes.phone_number)
		return deliveryFor(user, 'phone_number');
	if (auto.includes('email') && user.attributes.email) return deliveryFor(user, 'email');
	return undefined;
}

/** A made-up delivery for unknown users when the client hides user existence. */
function simulatedDelivery(username: string): CodeDeliveryDetails {
	return username.includes('@')
		? { Destination: maskEmail(username), DeliveryMedium: 'EMAIL', AttributeName: 'email' }
		: /^\+\d+$/.test(username)
			? { Destination: maskPhone(username), DeliveryMedium: 'SMS', AttributeName: 'phone_number' }
			: {
					Destination: `${username.charAt(0)}***@e***`,
					DeliveryMedium: 'EMAIL',
					AttributeName: 'email',
				};
}

/** Runs PostConfirmation; the confirmation stands even if the trigger fails (the caller still gets the error). */
export async function postConfirmation(
	env: Env,
	pool: PoolRecord,
	user: UserRecord,
	source: string,
	clientId: string,
	clientMetadata?: Record<string, string>
) {
	await runTrigger(env, pool, 'PostConfirmation', {
		triggerSource: source,
		userName: user.username,
		clientId,
		request: {
			userAttributes: { ...user.attributes, 'cognito:user_status': user.status },
			...(clientMetadata ? { clientMetadata } : {}),
		},
	});
}

/** The caller's context for threat protection (read only while it is on: a bad IP address is an error then). */
const threatContext = (pool: PoolRecord, client: ClientRecord, input: Record<string, any>) =>
	protectionMode(pool) === 'OFF' ? undefined : readClientContext(input, client);

const signUp: Handler = async (input, env) => {
	const { pool, client } = clientAndPool(env, input.ClientId);
	await checkSecretHash(client, input.SecretHash, [input.Username]);
	if (pool.settings.AdminCreateUserConfig?.AllowAdminCreateUserOnly)
		throw notAuthorized('SignUp is not permitted for this user pool.');
	const password: string | undefined = input.Password || undefined;
	if (password === undefined && !allowsPasswordless(pool)) {
		throw invalidParameter(
			"1 validation error detected: Value null at 'password' failed to satisfy constraint: Member must not be null"
		);
	}
	const attributes = attributeListToMap(input.UserAttributes);
	checkWritable(client, Object.keys(attributes));
	const sub = env.context.uuid();
	const username = resolveNewUsername(pool, input.Username, sub, attributes);
	if (password !== undefined) checkPassword(pool, password);
	if (pool.users.get(userKey(pool, username)))
		throw new ServiceError('UsernameExistsException', 'User already exists');
	const context = threatContext(pool, client, input);
	const risk =
		password === undefined
			? undefined
			: await assessNewPassword(env, pool, {
					clientId: client.ClientId,
					username,
					password,
					event: 'SIGN_UP',
					context,
				});
	validateAttributes(pool, attributes, { requireAll: true });
	checkSignInAttributesUnique(pool, attributes);
	const validationData = input.ValidationData ? attributeListToMap(input.ValidationData) : null;
	const pre = await runTrigger(env, pool, 'PreSignUp', {
		triggerSource: 'PreSignUp_SignUp',
		userName: username,
		clientId: client.ClientId,
		request: {
			userAttributes: attributes,
			validationData,
			...(input.ClientMetadata ? { clientMetadata: input.ClientMetadata } : {}),
		},
		response: { autoConfirmUser: false, autoVerifyPhone: false, autoVerifyEmail: false },
	});
	if (pre)
		expectTypes(pre.response, {
			autoConfirmUser: 'boolean',
			autoVerifyEmail: 'boolean',
			autoVerifyPhone: 'boolean',
		});
	const confirmed = pre?.response.autoConfirmUser === true;
	if (pre?.response.autoVerifyEmail && attributes.email) attributes.email_verified = 'true';
	if (pre?.response.autoVerifyPhone && attributes.phone_number)
		attributes.phone_number_verified = 'true';
	const user = createUserRecord(
		env,
		pool,
		username,
		sub,
		attributes,
		confirmed ? 'CONFIRMED' : 'UNCONFIRMED',
		password
	);
	let details: CodeDeliveryDetails | undefined;
	if (!confirmed) {
		const delivery = signUpDelivery(pool, user);
		if (delivery) {
			const code = newCode(env);
			issueCode(env, user, 'SIGN_UP', code, delivery.attribute);
			details = await sendCodeMessage(env, pool, {
				user,
				kind: 'SignUp',
				delivery,
				code,
				clientId: client.ClientId,
				clientMetadata: input.ClientMetadata,
				reason: 'SignUp',
			});
		}
	} else {
		if (attributes.email_verified === 'true') claimAlias(pool, user, 'email', true);
		if (attributes.phone_number_verified === 'true') claimAlias(pool, user, 'phone_number', true);
		await postConfirmation(
			env,
			pool,
			user,
			'PostConfirmation_ConfirmSignUp',
			client.ClientId,
			input.ClientMetadata
		);
	}
	recordAuthEvent(env, pool, user, 'SignUp', 'Pass', [], { context, risk });
	const session = createSession(env, pool, client, {
		username: user.username,
		userExists: true,
		challenge: confirmed ? 'SIGNED_UP_CONFIRMED' : 'SIGNED_UP',
		flow: 'SignUp',
	});
	return {
		UserConfirmed: confirmed,
		...(details ? { CodeDeliveryDetails: details } : {}),
		UserSub: sub,
		Session: session,
	};
};

const confirmSignUp: Handler = async (input, env) => {
	const { pool, client } = clientAndPool(env, input.ClientId);
	await checkSecretHash(client, input.SecretHash, [input.Username]);
	const user = findUser(pool, input.Username);
	if (!user) {
		if (hidesUsers(client))
			throw new ServiceError(
				'CodeMismatchException',
				'Invalid verification code provided, please try again.'
			);
		throw usernameNotFound();
	}
	if (user.status !== 'UNCONFIRMED')
		throw notAuthorized(`User cannot be confirmed. Current status is ${user.status}`);
	countCall(env, user, 'ConfirmSignUp');
	const record = user.codes.get('SIGN_UP');
	if (
		record &&
		record.code === input.ConfirmationCode &&
		record.expiresAt > env.now() &&
		record.attribute &&
		!input.ForceAliasCreation
	) {
		// Check the alias before consuming the code, so a conflict can be retried with ForceAliasCreation.
		const probe = { ...user, attributes: { ...user.attributes } };
		claimAlias(pool, probe, record.attribute as 'email' | 'phone_number', false);
	}
	const { attribute } = consumeCode(env, user, 'SIGN_UP', input.ConfirmationCode);
	if (attribute) {
		claimAlias(pool, user, attribute as 'email' | 'phone_number', !!input.ForceAliasCreation);
		user.attributes[`${attribute}_verified`] = 'true';
	}
	user.status = 'CONFIRMED';
	user.modifiedAt = env.now();
	await postConfirmation(
		env,
		pool,
		user,
		'PostConfirmation_ConfirmSignUp',
		client.ClientId,
		input.ClientMetadata
	);
	const session = createSession(env, pool, client, {
		username: user.username,
		userExists: true,
		challenge: 'SIGNED_UP_CONFIRMED',
		flow: 'ConfirmSignUp',
	});
	return { Session: session };
};

const resendConfirmationCode: Handler = async (input, env) => {
	const { pool, client } = clientAndPool(env, input.ClientId);
	await checkSecretHash(client, input.SecretHash, [input.Username]);
	const user = findUser(pool, input.Username);
	if (!user || !user.enabled) {
		if (hidesUsers(client)) return { CodeDeliveryDetails: simulatedDelivery(input.Username) };
		if (!user) throw usernameNotFound();
		throw notAuthorized('User is disabled.');
	}
	if (user.status !== 'UNCONFIRMED') throw invalidParameter('User is already confirmed.');
	countCall(env, user, 'ResendConfirmationCode');
	const delivery = signUpDelivery(pool, user);
	if (!delivery) throw invalidParameter('Cannot resend codes. Auto verification not turned on.');
	const code = newCode(env);
	issueCode(env, user, 'SIGN_UP', code, delivery.attribute);
	recordAuthEvent(env, pool, user, 'ResendCode', 'Pass', [], {
		context: threatContext(pool, client, input),
	});
	return {
		CodeDeliveryDetails: await sendCodeMessage(env, pool, {
			user,
			kind: 'ResendCode',
			delivery,
			code,
			clientId: client.ClientId,
			clientMetadata: input.ClientMetadata,
			reason: 'ResendConfirmationCode',
		}),
	};
};

/** Where a password-reset code goes, by AccountRecoverySetting (or the legacy SMS-first rule). */
export function recoveryDelivery(
	pool: PoolRecord,
	user: UserRecord
): ReturnType<typeof deliveryFor> | 'admin_only' {
	const mechanisms: Array<{ Name: string; Priority: number }> | undefined =
		pool.settings.AccountRecoverySetting?.RecoveryMechanisms;
	const order = mechanisms
		? [...mechanisms].sort((a, b) => a.Priority - b.Priority).map((m) => m.Name)
		: ['verified_phone_number', 'verified_email'];
	if (order.length === 1 && order[0] === 'admin_only') return 'admin_only';
	for (const name of order) {
		if (
			name === 'verified_phone_number' &&
			user.attributes.phone_number_verified === 'true' &&
			!user.mfa.sms.enabled
		)
			return deliveryFor(user, 'phone_number');
		if (
			name === 'verified_email' &&
			user.attributes.email_verified === 'true' &&
			!user.mfa.email.enabled
		)
			return deliveryFor(user, 'email');
	}
	return undefined;
}

/** Runs UserMigration for an unknown user; returns the migrated user or undefined. */
export async function migrateUser(
	env: Env,
	pool: PoolRecord,
	client: ClientRecord,
	typed: string,
	source: 'UserMigration_Authentication' | 'UserMigration_ForgotPassword',
	password: string | undefined,
	clientMetadata?: Record<string, string>
): Promise<UserRecord | undefined> {
	const result = await runTrigger(env, pool, 'UserMigration', {
		triggerSource: source,
		userName: typed,
		clientId: client.ClientId,
		request: {
			...(password !== undefined ? { password } : {}),
			validationData: null,
			...(clientMetadata ? { clientMetadata } : {}),
		},
		response: {
			userAttributes: null,
			forceAliasCreation: null,
			enableSMSMFA: null,
			finalUserStatus: null,
			messageAction: null,
			desiredDeliveryMediums: null,
		},
	});
	const response = result?.response;
	if (!response?.userAttributes || typeof response.userAttributes !== 'object') return undefined;
	const attributes: Record<string, string> = {};
	for (const [name, value] of Object.entries(response.userAttributes as Record<string, unknown>)) {
		if (name === 'username' || name === 'sub') continue;
		attributes[name] = String(value);
	}
	const sub = env.context.uuid();
	const username = usernameAttributesOf(pool).length ? sub : typed;
	if (usernameAttributesOf(pool).includes('email') && !attributes.email && typed.includes('@'))
		attributes.email = typed;
	validateAttributes(pool, attributes);
	// At sign-in, CONFIRMED or no value keeps the old password usable; only RESET_REQUIRED forces a reset
	// (AWS docs, "Migrate user Lambda trigger"). A user migrated by ForgotPassword is about to reset anyway.
	const status =
		source === 'UserMigration_Authentication' && response.finalUserStatus !== 'RESET_REQUIRED'
			? 'CONFIRMED'
			: 'RESET_REQUIRED';
	// The migration trigger's password is accepted as is: Cognito does not apply the policy to it.
	const user = createUserRecord(
		env,
		pool,
		username,
		sub,
		attributes,
		status,
		source === 'UserMigration_Authentication' ? password : undefined
	);
	if (response.enableSMSMFA === true) user.mfa.sms.enabled = true;
	return user;
}

const forgotPassword: Handler = async (input, env) => {
	const { pool, client } = clientAndPool(env, input.ClientId);
	await checkSecretHash(client, input.SecretHash, [input.Username]);
	let user = findUser(pool, input.Username);
	if (!user)
		user = await migrateUser(
			env,
			pool,
			client,
			input.Username,
			'UserMigration_ForgotPassword',
			undefined,
			input.ClientMetadata
		);
	if (!user || !user.enabled) {
		if (hidesUsers(client)) return { CodeDeliveryDetails: simulatedDelivery(input.Username) };
		if (!user) throw usernameNotFound();
		throw notAuthorized('User is disabled.');
	}
	const delivery = recoveryDelivery(pool, user);
	if (delivery === 'admin_only')
		throw notAuthorized('Cannot reset password for the user as admin only recovery is configured.');
	if (!delivery) {
		if (hidesUsers(client)) return { CodeDeliveryDetails: simulatedDelivery(input.Username) };
		throw invalidParameter(
			'Cannot reset password for the user as there is no registered/verified email or phone_number'
		);
	}
	const code = newCode(env);
	issueCode(env, user, 'FORGOT_PASSWORD', code, delivery.attribute);
	recordAuthEvent(env, pool, user, 'ForgotPassword', 'InProgress', [], {
		context: threatContext(pool, client, input),
	});
	return {
		CodeDeliveryDetails: await sendCodeMessage(env, pool, {
			user,
			kind: 'ForgotPassword',
			delivery,
			code,
			clientId: client.ClientId,
			clientMetadata: input.ClientMetadata,
			reason: 'ForgotPassword',
		}),
	};
};

const confirmForgotPassword: Handler = async (input, env) => {
	const { pool, client } = clientAndPool(env, input.ClientId);
	await checkSecretHash(client, input.SecretHash, [input.Username]);
	const user = findUser(pool, input.Username);
	if (!user || !user.enabled) {
		if (hidesUsers(client))
			throw new ServiceError(
				'CodeMismatchException',
				'Invalid verification code provided, please try again.'
			);
		if (!user) throw usernameNotFound();
		throw notAuthorized('User is disabled.');
	}
	countCall(env, user, 'ConfirmForgotPassword');
	const record = user.codes.get('FORGOT_PASSWORD');
	if (!record || record.expiresAt <= env.now())
		throw new ServiceError(
			'ExpiredCodeException',
			'Invalid code provided, please request a code again.'
		);
	if (record.code !== input.ConfirmationCode)
		consumeCode(env, user, 'FORGOT_PASSWORD', input.ConfirmationCode);
	checkPassword(pool, input.Password);
	checkHistory(pool, user.passwordHistory, input.Password);
	// ConfirmForgotPassword counts as PASSWORD_CHANGE for compromised credentials [observed: the breached-
	// password InvalidPasswordException is reported from it].
	const context = threatContext(pool, client, input);
	const risk = await assessNewPassword(env, pool, {
		clientId: client.ClientId,
		user,
		username: user.username,
		password: input.Password,
		event: 'PASSWORD_CHANGE',
		context,
	});
	consumeCode(env, user, 'FORGOT_PASSWORD', input.ConfirmationCode);
	setPassword(user, input.Password, env.now());
	user.status = 'CONFIRMED';
	user.failures = { count: 0, lastAt: 0, lockedUntil: 0 };
	recordAuthEvent(env, pool, user, 'ForgotPassword', 'Pass', [], { context, risk });
	await postConfirmation(
		env,
		pool,
		user,
		'PostConfirmation_ConfirmForgotPassword',
		client.ClientId,
		input.ClientMetadata
	);
	return {};
};

/**
 * Applies attribute changes for UpdateUserAttributes/AdminUpdateUserAttributes: a changed email/phone
 * becomes unverified (or waits, with AttributesRequireVerificationBeforeUpdate) and gets a code when
 * the pool auto-verifies it. Returns the deliveries made.
 */
export async function applyAttributeUpdate(
	env: Env,
	pool: PoolRecord,
	user: UserRecord,
	changes: Record<string, string>,
	clientId: string,
	clientMetadata?: Record<string, string>
): Promise<CodeDeliveryDetails[]> {
	validateAttributes(pool, changes, { existing: user.attributes });
	checkSignInAttributesUnique(pool, { ...user.attributes, ...changes }, user);
	const auto: string[] = pool.settings.AutoVerifiedAttributes ?? [];
	const waitFor: string[] =
		pool.settings.UserAttributeUpdateSettings?.AttributesRequireVerificationBeforeUpdate ?? [];
	const deliveries: CodeDeliveryDetails[] = [];
	for (const [name, value] of Object.entries(changes)) {
		const verifiable = name === 'email' || name === 'phone_number';
		const changed = user.attributes[name] !== value;
		if (verifiable && changed && changes[`${name}_verified`] !== 'true') {
			if (waitFor.includes(name) && auto.includes(name)) {
				(user.pendingAttributes ??= dict())[name] = value;
			} else {
				user.attributes[name] = value;
				user.attributes[`${name}_verified`] = 'false';
			}
			if (auto.includes(name)) {
				const code = newCode(env);
				issueCode(env, user, name === 'email' ? 'VERIFY_email' : 'VERIFY_phone_number', code, name);
				const delivery = {
					channel: name === 'email' ? ('EMAIL' as const) : ('SMS' as const),
					destination: value,
					attribute: name,
				};
				deliveries.push(
					await sendCodeMessage(env, pool, {
						user,
						kind: 'UpdateUserAttribute',
						delivery,
						code,
						clientId,
						clientMetadata,
						reason: 'UpdateUserAttributes',
					})
				);
			}
		} else {
			user.attributes[name] = value;
		}
	}
	user.modifiedAt = env.now();
	return deliveries;
}

/** Sign-up and password-recovery operations by name. */
export const USER_HANDLERS: Record<string, Handler> = {
	SignUp: signUp,
	ConfirmSignUp: confirmSignUp,
	ResendConfirmationCode: resendConfirmationCode,
	ForgotPassword: forgotPassword,
	ConfirmForgotPassword: confirmForgotPassword,
};
