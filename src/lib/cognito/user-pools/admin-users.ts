/** Admin* user management (IAM-authorised; not affected by PreventUserExistenceErrors) and ListUsers. */
import { ServiceError } from '../core/errors';
import { deliveryFor, sendCodeMessage } from './messages';
import { checkHistory, checkPassword, generateTemporaryPassword } from './password-policy';
import type { Env, Handler, PoolRecord, UserRecord } from './state';
import { NO_CLIENT, runTrigger } from './triggers';
import {
	checkSignInAttributesUnique,
	claimAlias,
	createUserRecord,
	describeUser,
	issueCode,
	mfaFields,
	resolveNewUsername,
	revokeUserSessions,
	setPassword,
	usernameAttributesOf,
	validateAttributes,
} from './user-records';
import { applyLegacyMfaOptions } from './self-service';
import {
	allowsPasswordless,
	applyAttributeUpdate,
	postConfirmation,
	recoveryDelivery,
} from './users';
import {
	attributeListToMap,
	attributeMapToList,
	findUser,
	getPool,
	invalidParameter,
	newCode,
	notAuthorized,
	requireUser,
	toEpochSeconds,
	userKey,
} from './util';

const adminCreateUser: Handler = async (input, env) => {
	const pool = getPool(env, input.UserPoolId);
	const attributes = attributeListToMap(input.UserAttributes);
	if (input.MessageAction === 'RESEND') {
		const user = requireUser(pool, input.Username);
		if (user.status !== 'FORCE_CHANGE_PASSWORD')
			throw new ServiceError(
				'UnsupportedUserStateException',
				`Resend not possible. ${user.username} status is not FORCE_CHANGE_PASSWORD.`
			);
		const temporary =
			input.TemporaryPassword ??
			generateTemporaryPassword(pool.settings.Policies.PasswordPolicy, env.context.randomString);
		setPassword(user, temporary, env.now());
		user.temporaryPasswordSetAt = env.now();
		await sendInvitation(env, pool, user, temporary, input);
		return { User: describeUser(user) };
	}
	const sub = env.context.uuid();
	const username = resolveNewUsername(pool, input.Username, sub, attributes);
	if (
		findUser(pool, username) ||
		(usernameAttributesOf(pool).length && findUser(pool, input.Username))
	)
		throw new ServiceError('UsernameExistsException', 'User account already exists');
	if (input.TemporaryPassword !== undefined) checkPassword(pool, input.TemporaryPassword);
	if (attributes.email_verified === 'true' && !attributes.email)
		throw invalidParameter('Email is required to set email_verified to true.');
	if (attributes.phone_number_verified === 'true' && !attributes.phone_number)
		throw invalidParameter('Phone number is required to set phone_number_verified to true.');
	const mediums: string[] = input.DesiredDeliveryMediums ?? [];
	if (input.MessageAction !== 'SUPPRESS' && mediums.includes('EMAIL') && !attributes.email)
		throw invalidParameter(
			'An email address is required when DesiredDeliveryMediums includes EMAIL.'
		);
	if (input.MessageAction !== 'SUPPRESS' && mediums.includes('SMS') && !attributes.phone_number)
		throw invalidParameter('A phone number is required when DesiredDeliveryMediums includes SMS.');
	validateAttributes(pool, attributes, { requireAll: true });
	checkSignInAttributesUnique(pool, attributes);
	await runTrigger(env, pool, 'PreSignUp', {
		triggerSource: 'PreSignUp_AdminCreateUser',
		userName: username,
		clientId: NO_CLIENT,
		request: {
			userAttributes: attributes,
			validationData: input.ValidationData ? attributeListToMap(input.ValidationData) : null,
			...(input.ClientMetadata ? { clientMetadata: input.ClientMetadata } : {}),
		},
		response: { autoConfirmUser: false, autoVerifyPhone: false, autoVerifyEmail: false },
	});
	// In passwordless pools a user created without a temporary password has no password at all.
	if (input.TemporaryPassword === undefined && allowsPasswordless(pool)) {
		if (!attributes.email && !attributes.phone_number)
			throw invalidParameter(
				'An email address or phone number is required for a user without a password.'
			);
		const user = createUserRecord(env, pool, username, sub, attributes, 'CONFIRMED', undefined);
		if (attributes.email_verified === 'true')
			claimAlias(pool, user, 'email', !!input.ForceAliasCreation);
		if (attributes.phone_number_verified === 'true')
			claimAlias(pool, user, 'phone_number', !!input.ForceAliasCreation);
		return { User: describeUser(user) };
	}
	const temporary =
		input.TemporaryPassword ??
		generateTemporaryPassword(pool.settings.Policies.PasswordPolicy, env.context.randomString);
	const user = createUserRecord(
		env,
		pool,
		username,
		sub,
		attributes,
		'FORCE_CHANGE_PASSWORD',
		temporary
	);
	user.temporaryPasswordSetAt = env.now();
	if (attributes.email_verified === 'true')
		claimAlias(pool, user, 'email', !!input.ForceAliasCreation);
	if (attributes.phone_number_verified === 'true')
		claimAlias(pool, user, 'phone_number', !!input.ForceAliasCreation);
	if (input.MessageAction !== 'SUPPRESS') await sendInvitation(env, pool, user, temporary, input);
	return { User: describeUser(user) };
};

async function sendInvitation(
	env: Env,
	pool: PoolRecord,
	user: UserRecord,
	temporary: string,
	input: Record<string, any>
) {
	const mediums: string[] = input.DesiredDeliveryMediums ?? ['SMS'];
	const deliveries = mediums
		.map((m) => deliveryFor(user, m === 'EMAIL' ? 'email' : 'phone_number'))
		.filter((d) => !!d);
	if (!deliveries.length) {
		const fallback = deliveryFor(user, 'email') ?? deliveryFor(user, 'phone_number');
		if (fallback) deliveries.push(fallback);
	}
	for (const delivery of deliveries) {
		await sendCodeMessage(env, pool, {
			user,
			kind: 'AdminCreateUser',
			delivery: delivery!,
			code: temporary,
			clientId: NO_CLIENT,
			clientMetadata: input.ClientMetadata,
			reason: 'AdminCreateUser',
		});
	}
}

const adminGetUser: Handler = async (input, env) => {
	const pool = getPool(env, input.UserPoolId);
	const user = requireUser(pool, input.Username);
	return {
		Username: user.username,
		UserAttributes: attributeMapToList(user.attributes),
		UserCreateDate: toEpochSeconds(user.createdAt),
		UserLastModifiedDate: toEpochSeconds(user.modifiedAt),
		Enabled: user.enabled,
		UserStatus: user.status,
		...mfaFields(user),
	};
};

const adminConfirmSignUp: Handler = async (input, env) => {
	const pool = getPool(env, input.UserPoolId);
	const user = requireUser(pool, input.Username);
	if (user.status !== 'UNCONFIRMED')
		throw notAuthorized(`User cannot be confirmed. Current status is ${user.status}`);
	user.status = 'CONFIRMED';
	user.modifiedAt = env.now();
	user.codes.delete('SIGN_UP');
	await postConfirmation(
		env,
		pool,
		user,
		'PostConfirmation_ConfirmSignUp',
		NO_CLIENT,
		input.ClientMetadata
	);
	return {};
};

const adminSetUserPassword: Handler = async (input, env) => {
	const pool = getPool(env, input.UserPoolId);
	const user = requireUser(pool, input.Username);
	checkPassword(pool, input.Password);
	if (input.Permanent) checkHistory(pool, user.passwordHistory, input.Password);
	setPassword(user, input.Password, env.now());
	if (input.Permanent) {
		user.status = 'CONFIRMED';
		delete user.temporaryPasswordSetAt;
	} else {
		user.status = 'FORCE_CHANGE_PASSWORD';
		user.temporaryPasswordSetAt = env.now();
	}
	user.failures = { count: 0, lastAt: 0, lockedUntil: 0 };
	return {};
};

const adminDeleteUser: Handler = async (input, env) => {
	const pool = getPool(env, input.UserPoolId);
	const user = requireUser(pool, input.Username);
	revokeUserSessions(env, pool, user);
	pool.users.delete(userKey(pool, user.username));
	return {};
};

const adminDisableUser: Handler = async (input, env) => {
	const pool = getPool(env, input.UserPoolId);
	const user = requireUser(pool, input.Username);
	user.enabled = false;
	user.modifiedAt = env.now();
	revokeUserSessions(env, pool, user);
	return {};
};

const adminEnableUser: Handler = async (input, env) => {
	const pool = getPool(env, input.UserPoolId);
	const user = requireUser(pool, input.Username);
	user.enabled = true;
	user.modifiedAt = env.now();
	return {};
};

const adminResetUserPassword: Handler = async (input, env) => {
	const pool = getPool(env, input.UserPoolId);
	const user = requireUser(pool, input.Username);
	if (!user.enabled) throw notAuthorized('User is disabled.');
	const delivery = recoveryDelivery(pool, user);
	if (delivery === 'admin_only')
		throw notAuthorized('Cannot reset password for the user as admin only recovery is configured.');
	if (!delivery)
		throw invalidParameter(
			'Cannot reset password for the user as there is no registered/verified email or phone_number'
		);
	user.status = 'RESET_REQUIRED';
	user.modifiedAt = env.now();
	const code = newCode(env);
	issueCode(env, user, 'FORGOT_PASSWORD', code, delivery.attribute);
	await sendCodeMessage(env, pool, {
		user,
		kind: 'ForgotPassword',
		delivery,
		code,
		clientId: NO_CLIENT,
		clientMetadata: input.ClientMetadata,
		reason: 'AdminResetUserPassword',
	});
	return {};
};

const adminUpdateUserAttributes: Handler = async (input, env) => {
	const pool = getPool(env, input.UserPoolId);
	const user = requireUser(pool, input.Username);
	await applyAttributeUpdate(
		env,
		pool,
		user,
		attributeListToMap(input.UserAttributes),
		NO_CLIENT,
		input.ClientMetadata
	);
	return {};
};

const adminDeleteUserAttributes: Handler = async (input, env) => {
	const pool = getPool(env, input.UserPoolId);
	const user = requireUser(pool, input.Username);
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
		delete user.attributes[name];
		if (name === 'email' || name === 'phone_number') delete user.attributes[`${name}_verified`];
	}
	user.modifiedAt = env.now();
	return {};
};

const adminUserGlobalSignOut: Handler = async (input, env) => {
	const pool = getPool(env, input.UserPoolId);
	revokeUserSessions(env, pool, requireUser(pool, input.Username));
	return {};
};

/** ListUsers filter: `name = "value"` or `name ^= "prefix"` on the searchable attributes. */
function parseFilter(filter: string): ((user: UserRecord) => boolean) | undefined {
	if (!filter.trim()) return undefined;
	const match = /^\s*([\w:]+)\s*(=|\^=)\s*"((?:[^"\\]|\\.)*)"\s*$/.exec(filter);
	const searchable = [
		'username',
		'email',
		'phone_number',
		'name',
		'given_name',
		'family_name',
		'preferred_username',
		'cognito:user_status',
		'status',
		'sub',
	];
	if (!match || !searchable.includes(match[1]!))
		throw invalidParameter('Error while parsing filter.');
	const [, name, operator, raw] = match;
	const wanted = raw!.replace(/\\(.)/g, '$1');
	const valueOf = (user: UserRecord) =>
		name === 'username'
			? user.username
			: name === 'cognito:user_status'
				? user.status
				: name === 'status'
					? user.enabled
						? 'Enabled'
						: 'Disabled'
					: user.attributes[name!];
	return (user) => {
		const value = valueOf(user);
		if (value === undefined) return false;
		return operator === '=' ? value === wanted : value.startsWith(wanted);
	};
}

const listUsers: Handler = async (input, env) => {
	const pool = getPool(env, input.UserPoolId);
	const matches = parseFilter(input.Filter ?? '');
	const users = [...pool.users.values()]
		.filter((u) => !matches || matches(u))
		.sort((a, b) => a.createdAt - b.createdAt || a.username.localeCompare(b.username));
	const limit = input.Limit || 60;
	const start = input.PaginationToken ? Number(input.PaginationToken) : 0;
	if (!Number.isInteger(start) || start < 0) throw invalidParameter('Invalid pagination token.');
	return {
		Users: users.slice(start, start + limit).map((u) => describeUser(u, input.AttributesToGet)),
		...(start + limit < users.length ? { PaginationToken: String(start + limit) } : {}),
	};
};

const listUsersInGroup: Handler = async (input, env) => {
	const pool = getPool(env, input.UserPoolId);
	if (!pool.groups.get(input.GroupName))
		throw new ServiceError('ResourceNotFoundException', 'Group not found.');
	const users = [...pool.users.values()].filter((u) => u.groups.includes(input.GroupName));
	return { Users: users.map((u) => describeUser(u)) };
};

const adminSetUserSettings: Handler = async (input, env) => {
	const pool = getPool(env, input.UserPoolId);
	const user = requireUser(pool, input.Username);
	applyLegacyMfaOptions(user, input.MFAOptions);
	user.modifiedAt = env.now();
	return {};
};

/** Admin user operations by name. */
export const ADMIN_USER_HANDLERS: Record<string, Handler> = {
	AdminCreateUser: adminCreateUser,
	AdminGetUser: adminGetUser,
	AdminConfirmSignUp: adminConfirmSignUp,
	AdminSetUserPassword: adminSetUserPassword,
	AdminDeleteUser: adminDeleteUser,
	AdminDisableUser: adminDisableUser,
	AdminEnableUser: adminEnableUser,
	AdminResetUserPassword: adminResetUserPassword,
	AdminUpdateUserAttributes: adminUpdateUserAttributes,
	AdminDeleteUserAttributes: adminDeleteUserAttributes,
	AdminUserGlobalSignOut: adminUserGlobalSignOut,
	ListUsers: listUsers,
	ListUsersInGroup: listUsersInGroup,
	AdminSetUserSettings: adminSetUserSettings,
};
