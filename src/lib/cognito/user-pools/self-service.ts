/**
 * Token-authorised self-service operations (GetUser, UpdateUserAttributes, VerifyUserAttribute,
 * GetUserAttributeVerificationCode, ChangePassword, GlobalSignOut, DeleteUser) and RevokeToken.
 */
import { ServiceError } from '../core/errors';
import { assessNewPassword, protectionMode, readClientContext } from '../risk';
import { recordAuthEvent } from './auth-events';
import { deliveryFor, sendCodeMessage } from './messages';
import { checkHistory, checkPassword } from './password-policy';
import type { Handler, UserRecord } from './state';
import { authenticateAccessToken, decodeJwt } from './tokens';
import {
	consumeCode,
	countCall,
	issueCode,
	mfaFields,
	revokeUserSessions,
	setPassword,
} from './user-records';
import { applyAttributeUpdate } from './users';
import {
	attributeListToMap,
	attributeMapToList,
	checkWritable,
	clientAndPool,
	invalidParameter,
	newCode,
	notAuthorized,
	userKey,
} from './util';

const getUser: Handler = async (input, env) => {
	const { user } = await authenticateAccessToken(env, input.AccessToken);
	return {
		Username: user.username,
		UserAttributes: attributeMapToList(user.attributes),
		...mfaFields(user),
	};
};

const updateUserAttributes: Handler = async (input, env) => {
	const { pool, user, claims } = await authenticateAccessToken(env, input.AccessToken);
	const client = pool.clients.get(String(claims.client_id));
	const changes = attributeListToMap(input.UserAttributes);
	checkWritable(client, Object.keys(changes));
	const deliveries = await applyAttributeUpdate(
		env,
		pool,
		user,
		changes,
		String(claims.client_id),
		input.ClientMetadata
	);
	return { CodeDeliveryDetailsList: deliveries };
};

const getUserAttributeVerificationCode: Handler = async (input, env) => {
	const { pool, user, claims } = await authenticateAccessToken(env, input.AccessToken);
	const name = input.AttributeName;
	if (name !== 'email' && name !== 'phone_number')
		throw invalidParameter(`Invalid attribute name ${name} for verification.`);
	countCall(env, user, 'GetUserAttributeVerificationCode');
	const value = user.pendingAttributes?.[name] ?? user.attributes[name];
	if (!value)
		throw invalidParameter(
			`User does not have a ${name === 'email' ? 'email' : 'phone_number'} attribute.`
		);
	const delivery = user.pendingAttributes?.[name]
		? {
				channel: name === 'email' ? ('EMAIL' as const) : ('SMS' as const),
				destination: value,
				attribute: name,
			}
		: deliveryFor(user, name)!;
	const code = newCode(env);
	issueCode(env, user, name === 'email' ? 'VERIFY_email' : 'VERIFY_phone_number', code, name);
	const details = await sendCodeMessage(env, pool, {
		user,
		kind: 'VerifyUserAttribute',
		delivery,
		code,
		clientId: String(claims.client_id),
		clientMetadata: input.ClientMetadata,
		reason: 'GetUserAttributeVerificationCode',
	});
	return { CodeDeliveryDetails: details };
};

const verifyUserAttribute: Handler = async (input, env) => {
	const { user } = await authenticateAccessToken(env, input.AccessToken);
	const name = input.AttributeName;
	if (name !== 'email' && name !== 'phone_number')
		throw invalidParameter(`Invalid attribute name ${name} for verification.`);
	countCall(env, user, 'VerifyUserAttribute');
	consumeCode(env, user, name === 'email' ? 'VERIFY_email' : 'VERIFY_phone_number', input.Code);
	const pending = user.pendingAttributes?.[name];
	if (pending !== undefined) {
		user.attributes[name] = pending;
		delete user.pendingAttributes![name];
	}
	user.attributes[`${name}_verified`] = 'true';
	user.modifiedAt = env.now();
	return {};
};

const changePassword: Handler = async (input, env) => {
	const { pool, user, claims } = await authenticateAccessToken(env, input.AccessToken);
	countCall(env, user, 'ChangePassword');
	if (user.password !== undefined && input.PreviousPassword !== user.password)
		throw notAuthorized('Incorrect username or password.');
	checkPassword(pool, input.ProposedPassword);
	checkHistory(pool, user.passwordHistory, input.ProposedPassword);
	// ChangePassword takes no UserContextData: threat protection sees the caller's own address.
	const context = protectionMode(pool) === 'OFF' ? undefined : readClientContext({}, {});
	const risk = await assessNewPassword(env, pool, {
		clientId: typeof claims.client_id === 'string' ? claims.client_id : undefined,
		user,
		username: user.username,
		password: input.ProposedPassword,
		event: 'PASSWORD_CHANGE',
		context,
	});
	setPassword(user, input.ProposedPassword, env.now());
	recordAuthEvent(env, pool, user, 'PasswordChange', 'Pass', [], { context, risk });
	return {};
};

const globalSignOut: Handler = async (input, env) => {
	const { pool, user } = await authenticateAccessToken(env, input.AccessToken);
	revokeUserSessions(env, pool, user);
	return {};
};

const deleteUser: Handler = async (input, env) => {
	const { pool, user } = await authenticateAccessToken(env, input.AccessToken);
	revokeUserSessions(env, pool, user);
	pool.users.delete(userKey(pool, user.username));
	return {};
};

const revokeToken: Handler = async (input, env) => {
	const { pool, client } = clientAndPool(env, input.ClientId);
	if (client.ClientSecret && input.ClientSecret !== client.ClientSecret)
		throw new ServiceError('UnauthorizedException', 'Unauthorized client.');
	if (client.EnableTokenRevocation === false)
		throw new ServiceError(
			'UnsupportedOperationException',
			'Token revocation is not enabled for this client.'
		);
	if (decodeJwt(input.Token))
		throw new ServiceError(
			'UnsupportedTokenTypeException',
			'Unsupported token type. Only refresh tokens can be revoked.'
		);
	const record = pool.refreshTokens.get(input.Token);
	// Unknown tokens are ignored, as RFC 7009 asks; a token of another client is refused.
	if (!record) return {};
	if (record.clientId !== client.ClientId)
		throw new ServiceError('UnauthorizedException', 'Unauthorized client.');
	const now = env.now();
	for (const other of pool.refreshTokens.values())
		if (other.eventId === record.eventId) other.revoked = true;
	pool.revokedEvents.set(record.eventId, now);
	return {};
};

const deleteUserAttributes: Handler = async (input, env) => {
	const { pool, user } = await authenticateAccessToken(env, input.AccessToken);
	const schema: Array<Record<string, any>> = pool.settings.SchemaAttributes;
	for (const name of input.UserAttributeNames as string[]) {
		const definition = schema.find((a) => a.Name === name);
		if (!definition)
			throw invalidParameter(
				`Attributes did not conform to the schema: Type for attribute {${name}} could not be determined`
			);
		if (definition.Required || name === 'sub')
			throw invalidParameter(
				`Attributes did not conform to the schema: ${name}: The attribute is required`
			);
	}
	for (const name of input.UserAttributeNames as string[]) {
		delete user.attributes[name];
		if (name === 'email' || name === 'phone_number') delete user.attributes[`${name}_verified`];
	}
	user.modifiedAt = env.now();
	return {};
};

const getUserAuthFactors: Handler = async (input, env) => {
	const { pool, user } = await authenticateAccessToken(env, input.AccessToken);
	const allowed: string[] = pool.settings.Policies.SignInPolicy?.AllowedFirstAuthFactors ?? [
		'PASSWORD',
	];
	const configured: string[] = [];
	if (user.password !== undefined) configured.push('PASSWORD');
	if (allowed.includes('EMAIL_OTP') && user.attributes.email_verified === 'true')
		configured.push('EMAIL_OTP');
	if (allowed.includes('SMS_OTP') && user.attributes.phone_number_verified === 'true')
		configured.push('SMS_OTP');
	if (user.passkeys?.length) configured.push('WEB_AUTHN');
	return { Username: user.username, ...mfaFields(user), ConfiguredUserAuthFactors: configured };
};

/** Legacy SMS MFA switch: `MFAOptions` with an SMS entry turns SMS MFA on, an empty list turns it off. */
export function applyLegacyMfaOptions(
	user: UserRecord,
	options: Array<{ DeliveryMedium?: string; AttributeName?: string }>
): void {
	const sms = options.some((o) => o.DeliveryMedium === 'SMS');
	if (sms && !user.attributes.phone_number)
		throw invalidParameter('User does not have delivery config set to turn on SMS_MFA');
	user.mfa.sms = { enabled: sms, preferred: sms && user.mfa.sms.preferred };
}

const setUserSettings: Handler = async (input, env) => {
	const { user } = await authenticateAccessToken(env, input.AccessToken);
	applyLegacyMfaOptions(user, input.MFAOptions);
	user.modifiedAt = env.now();
	return {};
};

/** Token-authorised operations by name. */
export const SELF_SERVICE_HANDLERS: Record<string, Handler> = {
	GetUser: getUser,
	UpdateUserAttributes: updateUserAttributes,
	GetUserAttributeVerificationCode: getUserAttributeVerificationCode,
	VerifyUserAttribute: verifyUserAttribute,
	ChangePassword: changePassword,
	GlobalSignOut: globalSignOut,
	DeleteUser: deleteUser,
	RevokeToken: revokeToken,
	DeleteUserAttributes: deleteUserAttributes,
	GetUserAuthFactors: getUserAuthFactors,
	SetUserSettings: setUserSettings,
};
