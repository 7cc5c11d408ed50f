/** Pool set-up operations: Create/Update/Describe/Delete/ListUserPools, MFA config, groups. */
import { ServiceError } from '../core/errors';
import { normalizePasswordPolicy } from './password-policy';
import type { Env, GroupRecord, Handler, PoolRecord } from './state';
import { generateSigningKey } from './tokens';
import { getPool, invalidParameter, newPoolId, requireUser, toEpochSeconds } from './util';

type Attribute = {
	Name: string;
	AttributeDataType: string;
	DeveloperOnlyAttribute: boolean;
	Mutable: boolean;
	Required: boolean;
	StringAttributeConstraints?: object;
	NumberAttributeConstraints?: object;
};

const string = (Name: string, extra: Partial<Attribute> = {}): Attribute => ({
	Name,
	AttributeDataType: 'String',
	DeveloperOnlyAttribute: false,
	Mutable: true,
	Required: false,
	StringAttributeConstraints: { MinLength: '0', MaxLength: '2048' },
	...extra,
});

/** The standard attributes every pool has, as DescribeUserPool lists them. */
export const STANDARD_ATTRIBUTES: readonly Attribute[] = Object.freeze([
	string('sub', {
		Mutable: false,
		Required: true,
		StringAttributeConstraints: { MinLength: '1', MaxLength: '2048' },
	}),
	...[
		'name',
		'given_name',
		'family_name',
		'middle_name',
		'nickname',
		'preferred_username',
		'profile',
		'picture',
		'website',
		'email',
	].map((name) => string(name)),
	{
		Name: 'email_verified',
		AttributeDataType: 'Boolean',
		DeveloperOnlyAttribute: false,
		Mutable: true,
		Required: false,
	},
	string('gender'),
	string('birthdate', { StringAttributeConstraints: { MinLength: '10', MaxLength: '10' } }),
	string('zoneinfo'),
	string('locale'),
	string('phone_number'),
	{
		Name: 'phone_number_verified',
		AttributeDataType: 'Boolean',
		DeveloperOnlyAttribute: false,
		Mutable: true,
		Required: false,
	},
	string('address'),
	{
		Name: 'updated_at',
		AttributeDataType: 'Number',
		DeveloperOnlyAttribute: false,
		Mutable: true,
		Required: false,
		NumberAttributeConstraints: { MinValue: '0' },
	},
	string('identities', { Mutable: true }),
]);

const STANDARD_NAMES = new Set(STANDARD_ATTRIBUTES.map((a) => a.Name));

function featureUnavailable(feature: string, tier = 'LITE'): ServiceError {
	return new ServiceError(
		'FeatureUnavailableInTierException',
		`${feature} is not available in the current feature plan (${tier}).`
	);
}

/** Builds the schema: standard attributes with `Required` overrides, then `custom:` attributes. */
function buildSchema(schema: Array<Record<string, any>> | undefined): Attribute[] {
	const attributes = STANDARD_ATTRIBUTES.map((a) => ({ ...a }));
	const seen = new Set<string>();
	for (const entry of schema ?? []) {
		const name: string = entry.Name;
		if (!name) throw invalidParameter('Attribute name is required.');
		if (seen.has(name)) throw invalidParameter(`Duplicate attribute name ${name} in the schema.`);
		seen.add(name);
		if (STANDARD_NAMES.has(name)) {
			const standard = attributes.find((a) => a.Name === name)!;
			if (entry.Required !== undefined) standard.Required = entry.Required;
			if (entry.Mutable !== undefined) standard.Mutable = entry.Mutable;
			continue;
		}
		if (entry.Required)
			throw invalidParameter('Required custom attributes are not supported currently.');
		const dataType = entry.AttributeDataType ?? 'String';
		const custom: Attribute = {
			Name: `custom:${name}`,
			AttributeDataType: dataType,
			DeveloperOnlyAttribute: entry.DeveloperOnlyAttribute ?? false,
			Mutable: entry.Mutable ?? true,
			Required: false,
		};
		if (dataType === 'String')
			custom.StringAttributeConstraints = {
				MinLength: '0',
				MaxLength: '2048',
				...entry.StringAttributeConstraints,
			};
		if (dataType === 'Number' && entry.NumberAttributeConstraints)
			custom.NumberAttributeConstraints = entry.NumberAttributeConstraints;
		attributes.push(custom);
	}
	return attributes;
}

function normalizeLambdaConfig(
	pool: { settings: Record<string, any> },
	config: Record<string, any> | undefined
): Record<string, any> {
	const lambda = { ...(config ?? {}) };
	if ((lambda.CustomEmailSender || lambda.CustomSMSSender) && !lambda.KMSKeyID)
		throw invalidParameter('KMSKeyID is required when a custom email or SMS sender is configured.');
	if (lambda.PreTokenGenerationConfig) {
		lambda.PreTokenGeneration = lambda.PreTokenGenerationConfig.LambdaArn;
		const version = lambda.PreTokenGenerationConfig.LambdaVersion;
		if (version !== 'V1_0' && pool.settings.UserPoolTier === 'LITE')
			throw featureUnavailable('Access token customization');
	} else if (lambda.PreTokenGeneration) {
		lambda.PreTokenGenerationConfig = {
			LambdaVersion: 'V1_0',
			LambdaArn: lambda.PreTokenGeneration,
		};
	}
	return lambda;
}

/** Mutable settings shared by CreateUserPool and UpdateUserPool (omitted → default). */
function applyMutableSettings(settings: Record<string, any>, input: Record<string, any>) {
	const tier = settings.UserPoolTier;
	const signIn = input.Policies?.SignInPolicy;
	if (signIn?.AllowedFirstAuthFactors) {
		if (!signIn.AllowedFirstAuthFactors.includes('PASSWORD'))
			throw invalidParameter('AllowedFirstAuthFactors must include PASSWORD.');
		if (tier === 'LITE' && signIn.AllowedFirstAuthFactors.some((f: string) => f !== 'PASSWORD'))
			throw featureUnavailable('Passwordless sign-in');
	}
	if (tier === 'LITE' && input.Policies?.PasswordPolicy?.PasswordHistorySize)
		throw featureUnavailable('Password history');
	settings.Policies = {
		PasswordPolicy: normalizePasswordPolicy(input.Policies?.PasswordPolicy),
		SignInPolicy: { AllowedFirstAuthFactors: signIn?.AllowedFirstAuthFactors ?? ['PASSWORD'] },
	};
	settings.DeletionProtection = input.DeletionProtection ?? 'INACTIVE';
	settings.LambdaConfig = normalizeLambdaConfig({ settings }, input.LambdaConfig);
	settings.AutoVerifiedAttributes = input.AutoVerifiedAttributes;
	settings.MfaConfiguration = input.MfaConfiguration ?? 'OFF';
	for (const key of [
		'SmsVerificationMessage',
		'EmailVerificationMessage',
		'EmailVerificationSubject',
		'SmsAuthenticationMessage',
		'UserAttributeUpdateSettings',
		'DeviceConfiguration',
		'SmsConfiguration',
		'UserPoolTags',
		'UserPoolAddOns',
		'AccountRecoverySetting',
	]) {
		settings[key] = input[key];
	}
	if (
		settings.MfaConfiguration !== 'OFF' &&
		!settings.SmsConfiguration &&
		!settings.SoftwareTokenMfaConfiguration?.Enabled &&
		!settings.EmailMfaConfiguration
	) {
		throw invalidParameter(
			'SMS configuration and Auto verification for phone_number are required when MFA is required/optional'
		);
	}
	const addOns = settings.UserPoolAddOns;
	if (
		tier !== 'PLUS' &&
		(['AUDIT', 'ENFORCED'].includes(addOns?.AdvancedSecurityMode) ||
			addOns?.AdvancedSecurityAdditionalFlows?.CustomAuthMode)
	)
		// Observed wording (Terraform provider test logs, 2024).
		throw new ServiceError(
			'FeatureUnavailableInTierException',
			`The following features need to be disabled for the ${tier} pricing tier configured: Threat Protection`
		);
	settings.EmailConfiguration = input.EmailConfiguration ?? {
		EmailSendingAccount: 'COGNITO_DEFAULT',
	};
	if (
		settings.EmailConfiguration.EmailSendingAccount === 'DEVELOPER' &&
		!settings.EmailConfiguration.SourceArn
	) {
		throw invalidParameter('SourceArn is required when EmailSendingAccount is DEVELOPER.');
	}
	settings.AdminCreateUserConfig = {
		AllowAdminCreateUserOnly: input.AdminCreateUserConfig?.AllowAdminCreateUserOnly ?? false,
		...(input.AdminCreateUserConfig?.UnusedAccountValidityDays !== undefined
			? { UnusedAccountValidityDays: input.AdminCreateUserConfig.UnusedAccountValidityDays }
			: {}),
		...(input.AdminCreateUserConfig?.InviteMessageTemplate
			? { InviteMessageTemplate: input.AdminCreateUserConfig.InviteMessageTemplate }
			: {}),
	};
	settings.VerificationMessageTemplate = {
		DefaultEmailOption:
			input.VerificationMessageTemplate?.DefaultEmailOption ?? 'CONFIRM_WITH_CODE',
		...(input.VerificationMessageTemplate ?? {}),
	};
	if (settings.AutoVerifiedAttributes === undefined) delete settings.AutoVerifiedAttributes;
	for (const key of Object.keys(settings)) if (settings[key] === undefined) delete settings[key];
}

/** The `UserPoolType` a describe returns. */
export function describePool(_env: Env, pool: PoolRecord): Record<string, unknown> {
	const s = pool.settings;
	return {
		Id: pool.id,
		Name: pool.name,
		Policies: s.Policies,
		DeletionProtection: s.DeletionProtection,
		LambdaConfig: s.LambdaConfig,
		LastModifiedDate: toEpochSeconds(pool.modifiedAt),
		CreationDate: toEpochSeconds(pool.createdAt),
		SchemaAttributes: s.SchemaAttributes,
		...(s.AutoVerifiedAttributes ? { AutoVerifiedAttributes: s.AutoVerifiedAttributes } : {}),
		...(s.AliasAttributes ? { AliasAttributes: s.AliasAttributes } : {}),
		...(s.UsernameAttributes ? { UsernameAttributes: s.UsernameAttributes } : {}),
		...(s.SmsVerificationMessage ? { SmsVerificationMessage: s.SmsVerificationMessage } : {}),
		...(s.EmailVerificationMessage ? { EmailVerificationMessage: s.EmailVerificationMessage } : {}),
		...(s.EmailVerificationSubject ? { EmailVerificationSubject: s.EmailVerificationSubject } : {}),
		VerificationMessageTemplate: s.VerificationMessageTemplate,
		...(s.SmsAuthenticationMessage ? { SmsAuthenticationMessage: s.SmsAuthenticationMessage } : {}),
		...(s.UserAttributeUpdateSettings
			? { UserAttributeUpdateSettings: s.UserAttributeUpdateSettings }
			: {}),
		MfaConfiguration: s.MfaConfiguration,
		...(s.DeviceConfiguration ? { DeviceConfiguration: s.DeviceConfiguration } : {}),
		EstimatedNumberOfUsers: pool.users.size,
		EmailConfiguration: s.EmailConfiguration,
		...(s.SmsConfiguration ? { SmsConfiguration: s.SmsConfiguration } : {}),
		UserPoolTags: s.UserPoolTags ?? {},
		AdminCreateUserConfig: s.AdminCreateUserConfig,
		...(s.UserPoolAddOns ? { UserPoolAddOns: s.UserPoolAddOns } : {}),
		...(pool.domain && !pool.domain.CustomDomainConfig ? { Domain: pool.domain.Domain } : {}),
		...(pool.domain?.CustomDomainConfig ? { CustomDomain: pool.domain.Domain } : {}),
		...(s.UsernameConfiguration ? { UsernameConfiguration: s.UsernameConfiguration } : {}),
		Arn: pool.arn,
		...(s.AccountRecoverySetting ? { AccountRecoverySetting: s.AccountRecoverySetting } : {}),
		UserPoolTier: s.UserPoolTier,
	};
}

const createUserPool: Handler = async (input, env) => {
	if (input.UsernameAttributes?.length && input.AliasAttributes?.length)
		throw invalidParameter(
			'Only one of the aliasAttributes or usernameAttributes can be set in a User Pool.'
		);
	const now = env.now();
	const id = newPoolId(env);
	const settings: Record<string, any> = {
		UserPoolTier: input.UserPoolTier ?? 'ESSENTIALS',
		SchemaAttributes: buildSchema(input.Schema),
		...(input.UsernameAttributes ? { UsernameAttributes: input.UsernameAttributes } : {}),
		...(input.AliasAttributes ? { AliasAttributes: input.AliasAttributes } : {}),
		...(input.UsernameConfiguration
			? {
					UsernameConfiguration: {
						CaseSensitive: input.UsernameConfiguration.CaseSensitive ?? true,
					},
				}
			: {}),
	};
	applyMutableSettings(settings, input);
	const pool: PoolRecord = {
		id,
		name: input.PoolName,
		arn: `arn:aws:cognito-idp:${env.context.region}:${env.context.accountId}:userpool/${id}`,
		createdAt: now,
		modifiedAt: now,
		settings,
		keys: { id: await generateSigningKey(env), access: await generateSigningKey(env) },
		clients: new Map(),
		groups: new Map(),
		users: new Map(),
		sessions: new Map(),
		refreshTokens: new Map(),
		revokedEvents: new Map(),
		resourceServers: new Map(),
	};
	env.state.pools.set(id, pool);
	return { UserPool: describePool(env, pool) };
};

const updateUserPool: Handler = async (input, env) => {
	const pool = getPool(env, input.UserPoolId);
	const settings = {
		...pool.settings,
		UserPoolTier: input.UserPoolTier ?? pool.settings.UserPoolTier,
	};
	if (
		pool.settings.UserPoolTier === 'PLUS' &&
		settings.UserPoolTier !== 'PLUS' &&
		['AUDIT', 'ENFORCED'].includes(pool.settings.UserPoolAddOns?.AdvancedSecurityMode)
	) {
		throw new ServiceError(
			'TierChangeNotAllowedException',
			'Downgrading from PLUS is not allowed while threat protection is active.'
		);
	}
	if (settings.UserPoolTier === 'LITE' && pool.settings.UserPoolTier !== 'LITE') {
		const inUse = [
			...([...pool.clients.values()].some((c) =>
				(c.ExplicitAuthFlows ?? []).includes('ALLOW_USER_AUTH')
			)
				? ['app clients with ALLOW_USER_AUTH']
				: []),
			...(pool.settings.EmailMfaConfiguration ? ['email MFA'] : []),
			...(pool.settings.WebAuthnConfiguration ? ['passkeys'] : []),
		];
		if (inUse.length)
			throw new ServiceError(
				'TierChangeNotAllowedException',
				`Cannot change the feature plan to LITE while these Essentials features are in use: ${inUse.join(', ')}.`
			);
	}
	applyMutableSettings(settings, input);
	pool.settings = settings;
	pool.modifiedAt = env.now();
	return {};
};

const describeUserPool: Handler = async (input, env) => ({
	UserPool: describePool(env, getPool(env, input.UserPoolId)),
});

const deleteUserPool: Handler = async (input, env) => {
	const pool = getPool(env, input.UserPoolId);
	if (pool.settings.DeletionProtection === 'ACTIVE')
		throw invalidParameter(
			'The user pool cannot be deleted because deletion protection is activated. Deletion protection must be inactivated first.'
		);
	for (const clientId of [...pool.clients.keys()]) env.state.clientPools.delete(clientId);
	env.state.pools.delete(pool.id);
	return {};
};

const listUserPools: Handler = async (input, env) => {
	const pools = [...env.state.pools.values()].sort(
		(a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id)
	);
	const start = input.NextToken ? pools.findIndex((p) => p.id === input.NextToken) : 0;
	if (start < 0) throw invalidParameter('Invalid pagination token.');
	const page = pools.slice(start, start + input.MaxResults);
	const next = pools[start + input.MaxResults];
	return {
		UserPools: page.map((p) => ({
			Id: p.id,
			Name: p.name,
			LambdaConfig: p.settings.LambdaConfig,
			LastModifiedDate: toEpochSeconds(p.modifiedAt),
			CreationDate: toEpochSeconds(p.createdAt),
		})),
		...(next ? { NextToken: next.id } : {}),
	};
};

/** The MFA configuration response/describe shape. */
function mfaConfigOf(pool: PoolRecord) {
	const s = pool.settings;
	return {
		...(s.SmsConfiguration || s.SmsAuthenticationMessage
			? {
					SmsMfaConfiguration: {
						...(s.SmsAuthenticationMessage
							? { SmsAuthenticationMessage: s.SmsAuthenticationMessage }
							: {}),
						...(s.SmsConfiguration ? { SmsConfiguration: s.SmsConfiguration } : {}),
					},
				}
			: {}),
		SoftwareTokenMfaConfiguration: { Enabled: !!s.SoftwareTokenMfaConfiguration?.Enabled },
		...(s.EmailMfaConfiguration ? { EmailMfaConfiguration: s.EmailMfaConfiguration } : {}),
		MfaConfiguration: s.MfaConfiguration,
		...(s.WebAuthnConfiguration ? { WebAuthnConfiguration: s.WebAuthnConfiguration } : {}),
	};
}

const setUserPoolMfaConfig: Handler = async (input, env) => {
	const pool = getPool(env, input.UserPoolId);
	const s = pool.settings;
	const next = { ...s };
	if (input.SmsMfaConfiguration) {
		next.SmsAuthenticationMessage =
			input.SmsMfaConfiguration.SmsAuthenticationMessage ?? s.SmsAuthenticationMessage;
		next.SmsConfiguration = input.SmsMfaConfiguration.SmsConfiguration ?? s.SmsConfiguration;
	}
	if (input.SoftwareTokenMfaConfiguration)
		next.SoftwareTokenMfaConfiguration = { Enabled: !!input.SoftwareTokenMfaConfiguration.Enabled };
	if (input.EmailMfaConfiguration) {
		if (s.UserPoolTier === 'LITE') throw featureUnavailable('Email MFA');
		if (s.EmailConfiguration?.EmailSendingAccount !== 'DEVELOPER')
			throw invalidParameter(
				'Email MFA requires EmailSendingAccount to be DEVELOPER in the user pool EmailConfiguration.'
			);
		next.EmailMfaConfiguration = input.EmailMfaConfiguration;
	}
	if (input.WebAuthnConfiguration)
		next.WebAuthnConfiguration = { UserVerification: 'preferred', ...input.WebAuthnConfiguration };
	if (input.MfaConfiguration) next.MfaConfiguration = input.MfaConfiguration;
	const anyFactor =
		!!next.SmsConfiguration ||
		!!next.SoftwareTokenMfaConfiguration?.Enabled ||
		!!next.EmailMfaConfiguration;
	if (next.MfaConfiguration !== 'OFF' && !anyFactor)
		throw invalidParameter(
			"Invalid MFA configuration given, can't turn on MFA and have no enabled MFA"
		);
	pool.settings = next;
	pool.modifiedAt = env.now();
	return mfaConfigOf(pool);
};

const getUserPoolMfaConfig: Handler = async (input, env) =>
	mfaConfigOf(getPool(env, input.UserPoolId));

/** The `GroupType` shape. */
export const describeGroup = (pool: PoolRecord, group: GroupRecord) => ({
	GroupName: group.GroupName,
	UserPoolId: pool.id,
	...(group.Description !== undefined ? { Description: group.Description } : {}),
	...(group.RoleArn !== undefined ? { RoleArn: group.RoleArn } : {}),
	...(group.Precedence !== undefined ? { Precedence: group.Precedence } : {}),
	LastModifiedDate: toEpochSeconds(group.LastModifiedDate),
	CreationDate: toEpochSeconds(group.CreationDate),
});

function getGroupRecord(pool: PoolRecord, name: string): GroupRecord {
	const group = pool.groups.get(name);
	if (!group) throw new ServiceError('ResourceNotFoundException', 'Group not found.');
	return group;
}

const createGroup: Handler = async (input, env) => {
	const pool = getPool(env, input.UserPoolId);
	if (pool.groups.get(input.GroupName))
		throw new ServiceError('GroupExistsException', 'A group with the name already exists.');
	const now = env.now();
	const group: GroupRecord = {
		GroupName: input.GroupName,
		Description: input.Description,
		RoleArn: input.RoleArn,
		Precedence: input.Precedence,
		CreationDate: now,
		LastModifiedDate: now,
	};
	pool.groups.set(input.GroupName, JSON.parse(JSON.stringify(group)));
	return { Group: describeGroup(pool, group) };
};

const updateGroup: Handler = async (input, env) => {
	const pool = getPool(env, input.UserPoolId);
	const group = getGroupRecord(pool, input.GroupName);
	for (const key of ['Description', 'RoleArn', 'Precedence'] as const)
		if (input[key] !== undefined) (group as any)[key] = input[key];
	group.LastModifiedDate = env.now();
	return { Group: describeGroup(pool, group) };
};

const getGroup: Handler = async (input, env) => {
	const pool = getPool(env, input.UserPoolId);
	return { Group: describeGroup(pool, getGroupRecord(pool, input.GroupName)) };
};

const deleteGroup: Handler = async (input, env) => {
	const pool = getPool(env, input.UserPoolId);
	getGroupRecord(pool, input.GroupName);
	pool.groups.delete(input.GroupName);
	for (const user of pool.users.values())
		user.groups = user.groups.filter((g) => g !== input.GroupName);
	return {};
};

const listGroups: Handler = async (input, env) => {
	const pool = getPool(env, input.UserPoolId);
	const groups = [...pool.groups.values()].sort((a, b) => a.GroupName.localeCompare(b.GroupName));
	const start = input.NextToken ? Number(input.NextToken) : 0;
	const limit = input.Limit || 60;
	const page = groups.slice(start, start + limit);
	return {
		Groups: page.map((g) => describeGroup(pool, g)),
		...(start + limit < groups.length ? { NextToken: String(start + limit) } : {}),
	};
};

const adminAddUserToGroup: Handler = async (input, env) => {
	const pool = getPool(env, input.UserPoolId);
	getGroupRecord(pool, input.GroupName);
	const user = requireUser(pool, input.Username);
	if (!user.groups.includes(input.GroupName)) user.groups.push(input.GroupName);
	return {};
};

const adminRemoveUserFromGroup: Handler = async (input, env) => {
	const pool = getPool(env, input.UserPoolId);
	getGroupRecord(pool, input.GroupName);
	const user = requireUser(pool, input.Username);
	user.groups = user.groups.filter((g) => g !== input.GroupName);
	return {};
};

const adminListGroupsForUser: Handler = async (input, env) => {
	const pool = getPool(env, input.UserPoolId);
	const user = requireUser(pool, input.Username);
	return {
		Groups: user.groups
			.map((name) => pool.groups.get(name))
			.filter((g): g is GroupRecord => !!g)
			.map((g) => describeGroup(pool, g)),
	};
};

/** Pool and group operations by name. */
export const POOL_HANDLERS: Record<string, Handler> = {
	CreateUserPool: createUserPool,
	UpdateUserPool: updateUserPool,
	DescribeUserPool: describeUserPool,
	DeleteUserPool: deleteUserPool,
	ListUserPools: listUserPools,
	SetUserPoolMfaConfig: setUserPoolMfaConfig,
	GetUserPoolMfaConfig: getUserPoolMfaConfig,
	CreateGroup: createGroup,
	UpdateGroup: updateGroup,
	GetGroup: getGroup,
	DeleteGroup: deleteGroup,
	ListGroups: listGroups,
	AdminAddUserToGroup: adminAddUserToGroup,
	AdminRemoveUserFromGroup: adminRemoveUserFromGroup,
	AdminListGroupsForUser: adminListGroupsForUser,
};
