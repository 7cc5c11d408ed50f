import { beforeAll, describe, expect, test } from 'vitest';
import {
	PASSWORD,
	poolWithClient,
	userPoolSandbox,
	type UserPoolSandbox,
} from '../../../fixtures/user-pool-sandbox';

describe('CreateUserPool / DescribeUserPool', () => {
	let t: UserPoolSandbox;
	beforeAll(() => {
		t = userPoolSandbox(11);
	});

	test('applies the service defaults', async () => {
		const { UserPool } = await t.call('CreateUserPool', { PoolName: 'defaults' });
		expect(UserPool.Id).toMatch(/^us-east-1_[0-9A-Za-z]{9}$/);
		expect(UserPool.Arn).toBe(`arn:aws:cognito-idp:us-east-1:123456789012:userpool/${UserPool.Id}`);
		expect(UserPool.Policies.PasswordPolicy).toEqual({
			MinimumLength: 8,
			RequireUppercase: true,
			RequireLowercase: true,
			RequireNumbers: true,
			RequireSymbols: true,
			TemporaryPasswordValidityDays: 7,
		});
		expect(UserPool.UserPoolTier).toBe('ESSENTIALS');
		expect(UserPool.MfaConfiguration).toBe('OFF');
		expect(UserPool.DeletionProtection).toBe('INACTIVE');
		expect(UserPool.AdminCreateUserConfig.AllowAdminCreateUserOnly).toBe(false);
		expect(UserPool.SchemaAttributes.map((a: { Name: string }) => a.Name)).toContain(
			'email_verified'
		);
		const described = await t.call('DescribeUserPool', { UserPoolId: UserPool.Id });
		expect(described.UserPool.Id).toBe(UserPool.Id);
		expect(described.UserPool.EstimatedNumberOfUsers).toBe(0);
	});

	test('keeps the configured settings: aliases, schema, Lambda config, SES email, recovery', async () => {
		const { UserPool } = await t.call('CreateUserPool', {
			PoolName: 'configured',
			Policies: { PasswordPolicy: { MinimumLength: 12, RequireNumbers: true } },
			AliasAttributes: ['email', 'preferred_username'],
			AutoVerifiedAttributes: ['email'],
			UsernameConfiguration: { CaseSensitive: false },
			Schema: [
				{ Name: 'tenant', AttributeDataType: 'String', Mutable: true },
				{ Name: 'email', Required: true },
			],
			LambdaConfig: {
				PreTokenGenerationConfig: {
					LambdaVersion: 'V2_0',
					LambdaArn: 'arn:aws:lambda:us-east-1:123456789012:function:pre-token',
				},
			},
			EmailConfiguration: {
				EmailSendingAccount: 'DEVELOPER',
				SourceArn: 'arn:aws:ses:us-east-1:123456789012:identity/example.com',
			},
			AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
			UserPoolTier: 'PLUS',
		});
		expect(UserPool.Policies.PasswordPolicy).toMatchObject({
			MinimumLength: 12,
			RequireNumbers: true,
			RequireUppercase: false,
			TemporaryPasswordValidityDays: 7,
		});
		expect(UserPool.LambdaConfig.PreTokenGeneration).toBe(
			'arn:aws:lambda:us-east-1:123456789012:function:pre-token'
		);
		expect(
			UserPool.SchemaAttributes.find((a: { Name: string }) => a.Name === 'custom:tenant')
		).toMatchObject({ AttributeDataType: 'String', Mutable: true, Required: false });
		expect(
			UserPool.SchemaAttributes.find((a: { Name: string }) => a.Name === 'email').Required
		).toBe(true);
		expect(UserPool.UsernameConfiguration).toEqual({ CaseSensitive: false });
		expect(UserPool.EmailConfiguration.EmailSendingAccount).toBe('DEVELOPER');
		expect(UserPool.UserPoolTier).toBe('PLUS');
	});

	test('rejects contradictory or unsupported settings', async () => {
		expect(
			await t.failure('CreateUserPool', {
				PoolName: 'x',
				UsernameAttributes: ['email'],
				AliasAttributes: ['email'],
			})
		).toBe(
			'InvalidParameterException: Only one of the aliasAttributes or usernameAttributes can be set in a User Pool.'
		);
		expect(
			await t.failure('CreateUserPool', {
				PoolName: 'x',
				Schema: [{ Name: 'tenant', AttributeDataType: 'String', Required: true }],
			})
		).toBe('InvalidParameterException: Required custom attributes are not supported currently.');
		expect(await t.failure('CreateUserPool', { PoolName: 'x', MfaConfiguration: 'ON' })).toBe(
			'InvalidParameterException: SMS configuration and Auto verification for phone_number are required when MFA is required/optional'
		);
		expect(
			await t.failure('CreateUserPool', {
				PoolName: 'x',
				UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
			})
		).toBe(
			'FeatureUnavailableInTierException: The following features need to be disabled for the ESSENTIALS pricing tier configured: Threat Protection'
		);
		expect(
			await t.failure('CreateUserPool', {
				PoolName: 'x',
				UserPoolTier: 'LITE',
				Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'] } },
			})
		).toMatch(/^FeatureUnavailableInTierException/);
		expect(
			await t.failure('CreateUserPool', {
				PoolName: 'x',
				UserPoolTier: 'LITE',
				LambdaConfig: {
					PreTokenGenerationConfig: {
						LambdaVersion: 'V2_0',
						LambdaArn: 'arn:aws:lambda:us-east-1:123456789012:function:f',
					},
				},
			})
		).toMatch(/^FeatureUnavailableInTierException/);
	});

	test('validates members like the service model', async () => {
		expect(await t.failure('CreateUserPool', {})).toBe(
			"InvalidParameterException: 1 validation error detected: Value null at 'poolName' failed to satisfy constraint: Member must not be null"
		);
		expect(
			await t.failure('CreateUserPool', {
				PoolName: 'x',
				MfaConfiguration: 'MAYBE',
				Policies: { PasswordPolicy: { MinimumLength: 5 } },
			})
		).toBe(
			"InvalidParameterException: 2 validation errors detected: Value 5 at 'policies.passwordPolicy.minimumLength' failed to satisfy constraint: Member must have value greater than or equal to 6; Value 'MAYBE' at 'mfaConfiguration' failed to satisfy constraint: Member must satisfy enum value set: [OFF, ON, OPTIONAL]"
		);
		expect(await t.failure('DescribeUserPool', { UserPoolId: 'not a pool id' })).toBe(
			"InvalidParameterException: 1 validation error detected: Value 'not a pool id' at 'userPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+_[0-9a-zA-Z]+"
		);
		expect(await t.failure('SignUp', { ClientId: 'abc', Username: 'a b', Password: 'x' })).toBe(
			"InvalidParameterException: 1 validation error detected: Value at 'username' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+"
		);
		expect(await t.failure('CreateUserPool', { PoolName: 42 })).toMatch(/^SerializationException/);
		expect(await t.failure('DescribeUserPool', { UserPoolId: 'us-east-1_nothere00' })).toBe(
			'ResourceNotFoundException: User pool us-east-1_nothere00 does not exist.'
		);
	});

	test('DeleteUserPool honours deletion protection', async () => {
		const { UserPool } = await t.call('CreateUserPool', {
			PoolName: 'protected',
			DeletionProtection: 'ACTIVE',
		});
		expect(await t.failure('DeleteUserPool', { UserPoolId: UserPool.Id })).toMatch(
			/^InvalidParameterException: .*deletion protection/
		);
		await t.call('UpdateUserPool', { UserPoolId: UserPool.Id, DeletionProtection: 'INACTIVE' });
		await t.call('DeleteUserPool', { UserPoolId: UserPool.Id });
		expect(await t.failure('DescribeUserPool', { UserPoolId: UserPool.Id })).toMatch(
			/^ResourceNotFoundException/
		);
	});

	test('downgrading to LITE is refused while Essentials features are in use', async () => {
		const { UserPool } = await t.call('CreateUserPool', { PoolName: 'tiers' });
		await t.call('CreateUserPoolClient', {
			UserPoolId: UserPool.Id,
			ClientName: 'choice',
			ExplicitAuthFlows: ['ALLOW_USER_AUTH'],
		});
		expect(
			await t.failure('UpdateUserPool', { UserPoolId: UserPool.Id, UserPoolTier: 'LITE' })
		).toMatch(/^TierChangeNotAllowedException: .*ALLOW_USER_AUTH/);
		await t.call('UpdateUserPool', { UserPoolId: UserPool.Id, UserPoolTier: 'PLUS' });
		expect(
			(await t.call('DescribeUserPool', { UserPoolId: UserPool.Id })).UserPool.UserPoolTier
		).toBe('PLUS');
	});

	test('UpdateUserPool resets omitted settings to their defaults', async () => {
		const sms = { SnsCallerArn: 'arn:aws:iam::123456789012:role/sns', ExternalId: 'x' };
		const { UserPool } = await t.call('CreateUserPool', {
			PoolName: 'update',
			MfaConfiguration: 'OPTIONAL',
			SmsConfiguration: sms,
			Policies: { PasswordPolicy: { MinimumLength: 10 } },
		});
		await t.call('UpdateUserPool', { UserPoolId: UserPool.Id, AutoVerifiedAttributes: ['email'] });
		const { UserPool: after } = await t.call('DescribeUserPool', { UserPoolId: UserPool.Id });
		expect(after.MfaConfiguration).toBe('OFF');
		expect(after.Policies.PasswordPolicy.MinimumLength).toBe(8);
		expect(after.AutoVerifiedAttributes).toEqual(['email']);
	});

	test('unknown operations are UnknownOperationException', async () => {
		expect(await t.failure('FlyToTheMoon', {})).toBe(
			'UnknownOperationException: Unknown operation AWSCognitoIdentityProviderService.FlyToTheMoon'
		);
	});
});

describe('app clients', () => {
	let t: UserPoolSandbox;
	let poolId: string;
	beforeAll(async () => {
		t = userPoolSandbox(12);
		poolId = (await t.call('CreateUserPool', { PoolName: 'clients' })).UserPool.Id;
	});

	test('CreateUserPoolClient applies the API defaults', async () => {
		const { UserPoolClient } = await t.call('CreateUserPoolClient', {
			UserPoolId: poolId,
			ClientName: 'app',
		});
		expect(UserPoolClient.ClientId).toMatch(/^[a-z0-9]{26}$/);
		expect(UserPoolClient.ClientSecret).toBeUndefined();
		expect(UserPoolClient.ExplicitAuthFlows).toEqual([
			'ALLOW_REFRESH_TOKEN_AUTH',
			'ALLOW_USER_SRP_AUTH',
			'ALLOW_CUSTOM_AUTH',
		]);
		expect(UserPoolClient.PreventUserExistenceErrors).toBe('LEGACY');
		expect(UserPoolClient.EnableTokenRevocation).toBe(true);
		expect(UserPoolClient.AuthSessionValidity).toBe(3);
		expect(UserPoolClient.RefreshTokenValidity).toBe(30);
	});

	test('GenerateSecret, validities with units, rotation', async () => {
		const { UserPoolClient } = await t.call('CreateUserPoolClient', {
			UserPoolId: poolId,
			ClientName: 'server',
			GenerateSecret: true,
			AccessTokenValidity: 15,
			IdTokenValidity: 15,
			RefreshTokenValidity: 2,
			TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'hours' },
			RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 10 },
			PreventUserExistenceErrors: 'ENABLED',
		});
		expect(UserPoolClient.ClientSecret).toMatch(/^[a-z0-9]{51}$/);
		expect(UserPoolClient.RefreshTokenRotation).toEqual({
			Feature: 'ENABLED',
			RetryGracePeriodSeconds: 10,
		});
		const described = await t.call('DescribeUserPoolClient', {
			UserPoolId: poolId,
			ClientId: UserPoolClient.ClientId,
		});
		expect(described.UserPoolClient.TokenValidityUnits).toEqual({
			AccessToken: 'minutes',
			IdToken: 'minutes',
			RefreshToken: 'hours',
		});
		expect(described.UserPoolClient.ClientSecret).toBe(UserPoolClient.ClientSecret);
	});

	test('rejects validities out of range and mixed legacy flows', async () => {
		expect(
			await t.failure('CreateUserPoolClient', {
				UserPoolId: poolId,
				ClientName: 'x',
				AccessTokenValidity: 2,
				TokenValidityUnits: { AccessToken: 'minutes' },
			})
		).toMatch(/^InvalidParameterException: Access token validity/);
		expect(
			await t.failure('CreateUserPoolClient', {
				UserPoolId: poolId,
				ClientName: 'x',
				ExplicitAuthFlows: ['USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH'],
			})
		).toMatch(/^InvalidParameterException/);
		expect(
			await t.failure('CreateUserPoolClient', {
				UserPoolId: poolId,
				ClientName: 'x',
				AllowedOAuthFlows: ['client_credentials'],
			})
		).toBe(
			'InvalidOAuthFlowException: client_credentials flow can not be selected if client does not have a client secret.'
		);
	});

	test('UpdateUserPoolClient keeps the id and secret, resets omitted settings', async () => {
		const { UserPoolClient } = await t.call('CreateUserPoolClient', {
			UserPoolId: poolId,
			ClientName: 'upd',
			GenerateSecret: true,
			PreventUserExistenceErrors: 'ENABLED',
		});
		const { UserPoolClient: updated } = await t.call('UpdateUserPoolClient', {
			UserPoolId: poolId,
			ClientId: UserPoolClient.ClientId,
			ClientName: 'renamed',
		});
		expect(updated.ClientSecret).toBe(UserPoolClient.ClientSecret);
		expect(updated.ClientName).toBe('renamed');
		expect(updated.PreventUserExistenceErrors).toBe('LEGACY');
		expect(
			await t.failure('DescribeUserPoolClient', {
				UserPoolId: poolId,
				ClientId: 'abcdefghijklmnopqrstuvwxyz',
			})
		).toBe(
			'ResourceNotFoundException: User pool client abcdefghijklmnopqrstuvwxyz does not exist.'
		);
	});
});

describe('groups and admin user management', () => {
	let t: UserPoolSandbox;
	let poolId: string;
	beforeAll(async () => {
		t = userPoolSandbox(13);
		({ poolId } = await poolWithClient(t));
	});

	test('CreateGroup with precedence and role; duplicates fail', async () => {
		const { Group } = await t.call('CreateGroup', {
			UserPoolId: poolId,
			GroupName: 'admins',
			Precedence: 1,
			RoleArn: 'arn:aws:iam::123456789012:role/Admins',
			Description: 'Admins',
		});
		expect(Group).toMatchObject({
			GroupName: 'admins',
			UserPoolId: poolId,
			Precedence: 1,
			RoleArn: 'arn:aws:iam::123456789012:role/Admins',
		});
		expect(await t.failure('CreateGroup', { UserPoolId: poolId, GroupName: 'admins' })).toMatch(
			/^GroupExistsException/
		);
		expect(await t.failure('GetGroup', { UserPoolId: poolId, GroupName: 'nobody' })).toBe(
			'ResourceNotFoundException: Group not found.'
		);
	});

	test('AdminCreateUser sends an invitation with a temporary password; the user must change it', async () => {
		const { User } = await t.call('AdminCreateUser', {
			UserPoolId: poolId,
			Username: 'erin',
			UserAttributes: [
				{ Name: 'email', Value: 'erin@example.com' },
				{ Name: 'email_verified', Value: 'true' },
			],
			DesiredDeliveryMediums: ['EMAIL'],
		});
		expect(User.UserStatus).toBe('FORCE_CHANGE_PASSWORD');
		expect(User.Enabled).toBe(true);
		const invitation = t.sandbox.outbox.at(-1)!;
		expect(invitation).toMatchObject({
			channel: 'EMAIL',
			destination: 'erin@example.com',
			reason: 'AdminCreateUser',
			subject: 'Your temporary password',
		});
		expect(invitation.body).toBe(
			`Your username is erin and temporary password is ${invitation.code}. `
		);
		expect(await t.failure('AdminCreateUser', { UserPoolId: poolId, Username: 'erin' })).toBe(
			'UsernameExistsException: User account already exists'
		);
		const user = await t.call('AdminGetUser', { UserPoolId: poolId, Username: 'erin' });
		expect(user.UserAttributes.map((a: { Name: string }) => a.Name)).toEqual([
			'sub',
			'email',
			'email_verified',
		]);
		expect(user.UserAttributes[0].Value).toMatch(
			/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
		);
	});

	test('AdminCreateUser checks the delivery attributes; passwordless pools create users without a password', async () => {
		expect(
			await t.failure('AdminCreateUser', {
				UserPoolId: poolId,
				Username: 'vera',
				DesiredDeliveryMediums: ['EMAIL'],
			})
		).toMatch(/^InvalidParameterException: An email address is required/);
		expect(
			await t.failure('AdminCreateUser', {
				UserPoolId: poolId,
				Username: 'vera',
				UserAttributes: [{ Name: 'email_verified', Value: 'true' }],
			})
		).toMatch(/^InvalidParameterException: Email is required/);
		const { poolId: passwordless } = await poolWithClient(t, {
			Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'] } },
		});
		const { User } = await t.call('AdminCreateUser', {
			UserPoolId: passwordless,
			Username: 'walt',
			UserAttributes: [
				{ Name: 'email', Value: 'walt@example.com' },
				{ Name: 'email_verified', Value: 'true' },
			],
		});
		expect(User.UserStatus).toBe('CONFIRMED');
		expect(
			await t.failure('AdminCreateUser', { UserPoolId: passwordless, Username: 'xavi' })
		).toMatch(/^InvalidParameterException: An email address or phone number is required/);
	});

	test('AdminSetUserPassword, disable/enable, groups, delete', async () => {
		await t.call('AdminCreateUser', {
			UserPoolId: poolId,
			Username: 'frank',
			MessageAction: 'SUPPRESS',
			TemporaryPassword: PASSWORD,
		});
		await t.call('AdminSetUserPassword', {
			UserPoolId: poolId,
			Username: 'frank',
			Password: 'N3w-Passw0rd',
			Permanent: true,
		});
		expect(
			(await t.call('AdminGetUser', { UserPoolId: poolId, Username: 'frank' })).UserStatus
		).toBe('CONFIRMED');
		expect(
			await t.failure('AdminSetUserPassword', {
				UserPoolId: poolId,
				Username: 'frank',
				Password: 'short',
				Permanent: true,
			})
		).toBe(
			'InvalidPasswordException: Password did not conform with policy: Password not long enough'
		);
		await t.call('AdminDisableUser', { UserPoolId: poolId, Username: 'frank' });
		expect((await t.call('AdminGetUser', { UserPoolId: poolId, Username: 'frank' })).Enabled).toBe(
			false
		);
		await t.call('AdminEnableUser', { UserPoolId: poolId, Username: 'frank' });
		await t.call('CreateGroup', { UserPoolId: poolId, GroupName: 'readers', Precedence: 5 });
		await t.call('AdminAddUserToGroup', {
			UserPoolId: poolId,
			Username: 'frank',
			GroupName: 'readers',
		});
		expect(
			(
				await t.call('AdminListGroupsForUser', { UserPoolId: poolId, Username: 'frank' })
			).Groups.map((g: { GroupName: string }) => g.GroupName)
		).toEqual(['readers']);
		await t.call('AdminDeleteUser', { UserPoolId: poolId, Username: 'frank' });
		expect(await t.failure('AdminGetUser', { UserPoolId: poolId, Username: 'frank' })).toBe(
			'UserNotFoundException: User does not exist.'
		);
	});

	test('AdminConfirmSignUp confirms only UNCONFIRMED users', async () => {
		const { clientId, poolId: poolOfClient } = await poolWithClient(t);
		await t.call('SignUp', {
			ClientId: clientId,
			Username: 'gina',
			Password: PASSWORD,
			UserAttributes: [{ Name: 'email', Value: 'gina@example.com' }],
		});
		await t.call('AdminConfirmSignUp', { UserPoolId: poolOfClient, Username: 'gina' });
		expect(
			await t.failure('AdminConfirmSignUp', { UserPoolId: poolOfClient, Username: 'gina' })
		).toBe('NotAuthorizedException: User cannot be confirmed. Current status is CONFIRMED');
	});

	test('ListUsers filters by attribute and status and pages', async () => {
		for (const name of ['hank', 'hana', 'ivan'])
			await t.call('AdminCreateUser', {
				UserPoolId: poolId,
				Username: name,
				MessageAction: 'SUPPRESS',
				UserAttributes: [{ Name: 'email', Value: `${name}@example.com` }],
			});
		const prefix = await t.call('ListUsers', { UserPoolId: poolId, Filter: 'email ^= "ha"' });
		expect(prefix.Users.map((u: { Username: string }) => u.Username).sort()).toEqual([
			'hana',
			'hank',
		]);
		const exact = await t.call('ListUsers', {
			UserPoolId: poolId,
			Filter: 'username = "ivan"',
			AttributesToGet: ['email'],
		});
		expect(exact.Users).toHaveLength(1);
		expect(exact.Users[0].Attributes).toEqual([{ Name: 'email', Value: 'ivan@example.com' }]);
		const page = await t.call('ListUsers', { UserPoolId: poolId, Limit: 2 });
		expect(page.Users).toHaveLength(2);
		expect(page.PaginationToken).toBeDefined();
		expect(await t.failure('ListUsers', { UserPoolId: poolId, Filter: 'shoe_size = "9"' })).toBe(
			'InvalidParameterException: Error while parsing filter.'
		);
	});

	test('SetUserPoolMfaConfig needs a factor to turn MFA on', async () => {
		expect(
			await t.failure('SetUserPoolMfaConfig', { UserPoolId: poolId, MfaConfiguration: 'ON' })
		).toBe(
			"InvalidParameterException: Invalid MFA configuration given, can't turn on MFA and have no enabled MFA"
		);
		const config = await t.call('SetUserPoolMfaConfig', {
			UserPoolId: poolId,
			MfaConfiguration: 'ON',
			SoftwareTokenMfaConfiguration: { Enabled: true },
		});
		expect(config).toMatchObject({
			MfaConfiguration: 'ON',
			SoftwareTokenMfaConfiguration: { Enabled: true },
		});
		expect(
			(await t.call('DescribeUserPool', { UserPoolId: poolId })).UserPool.MfaConfiguration
		).toBe('ON');
	});
});

describe('domains', () => {
	test('a prefix domain is unique, shows in DescribeUserPool and the OpenID configuration', async () => {
		const t = userPoolSandbox(14);
		const { poolId } = await poolWithClient(t);
		const other = (await t.call('CreateUserPool', { PoolName: 'other', UserPoolTier: 'LITE' }))
			.UserPool.Id;
		expect(
			await t.call('CreateUserPoolDomain', {
				UserPoolId: poolId,
				Domain: 'my-study-app',
				ManagedLoginVersion: 2,
			})
		).toEqual({ ManagedLoginVersion: 2 });
		expect(
			await t.failure('CreateUserPoolDomain', { UserPoolId: other, Domain: 'my-study-app' })
		).toBe('InvalidParameterException: Domain already associated with another user pool.');
		expect(
			await t.failure('CreateUserPoolDomain', {
				UserPoolId: other,
				Domain: 'lite-app',
				ManagedLoginVersion: 2,
			})
		).toMatch(/^FeatureUnavailableInTierException/);
		expect(
			await t.failure('CreateUserPoolDomain', { UserPoolId: other, Domain: 'Not_Valid' })
		).toMatch(
			/^InvalidParameterException: 1 validation error detected: Value 'Not_Valid' at 'domain'/
		);
		const { DomainDescription } = await t.call('DescribeUserPoolDomain', {
			Domain: 'my-study-app',
		});
		expect(DomainDescription).toMatchObject({
			UserPoolId: poolId,
			Domain: 'my-study-app',
			Status: 'ACTIVE',
			ManagedLoginVersion: 2,
		});
		expect((await t.call('DescribeUserPool', { UserPoolId: poolId })).UserPool.Domain).toBe(
			'my-study-app'
		);
		const config = await (
			await t.sandbox.fetch(
				new Request(`http://localhost/${poolId}/.well-known/openid-configuration`)
			)
		).json();
		expect(config.token_endpoint).toBe(
			'https://my-study-app.auth.us-east-1.amazoncognito.com/oauth2/token'
		);
		await t.call('DeleteUserPoolDomain', { UserPoolId: poolId, Domain: 'my-study-app' });
		expect(await t.call('DescribeUserPoolDomain', { Domain: 'my-study-app' })).toEqual({
			DomainDescription: {},
		});
	});
});

describe('tags and resource servers', () => {
	test('tags by pool ARN; custom scopes must exist before a client allows them', async () => {
		const t = userPoolSandbox(15);
		const { UserPool } = await t.call('CreateUserPool', {
			PoolName: 'tags',
			UserPoolTags: { team: 'a' },
		});
		await t.call('TagResource', { ResourceArn: UserPool.Arn, Tags: { env: 'dev' } });
		await t.call('UntagResource', { ResourceArn: UserPool.Arn, TagKeys: ['team'] });
		expect(await t.call('ListTagsForResource', { ResourceArn: UserPool.Arn })).toEqual({
			Tags: { env: 'dev' },
		});
		const client = (scopes: string[]) => ({
			UserPoolId: UserPool.Id,
			ClientName: 'api',
			GenerateSecret: true,
			AllowedOAuthFlows: ['client_credentials'],
			AllowedOAuthFlowsUserPoolClient: true,
			AllowedOAuthScopes: scopes,
		});
		expect(await t.failure('CreateUserPoolClient', client(['notes/read']))).toBe(
			'ScopeDoesNotExistException: Invalid scope requested: notes/read'
		);
		const { ResourceServer } = await t.call('CreateResourceServer', {
			UserPoolId: UserPool.Id,
			Identifier: 'notes',
			Name: 'Notes API',
			Scopes: [{ ScopeName: 'read', ScopeDescription: 'Read notes' }],
		});
		expect(ResourceServer).toEqual({
			UserPoolId: UserPool.Id,
			Identifier: 'notes',
			Name: 'Notes API',
			Scopes: [{ ScopeName: 'read', ScopeDescription: 'Read notes' }],
		});
		expect(
			(await t.call('CreateUserPoolClient', client(['notes/read']))).UserPoolClient
				.AllowedOAuthScopes
		).toEqual(['notes/read']);
		expect(
			(await t.call('ListResourceServers', { UserPoolId: UserPool.Id, MaxResults: 10 }))
				.ResourceServers
		).toHaveLength(1);
	});
});
