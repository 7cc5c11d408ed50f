import {
	AdminCreateUserCommand,
	AdminGetUserCommand,
	AdminInitiateAuthCommand,
	AdminRespondToAuthChallengeCommand,
	AssociateSoftwareTokenCommand,
	ConfirmSignUpCommand,
	CreateGroupCommand,
	CreateUserPoolClientCommand,
	CreateUserPoolCommand,
	DescribeUserPoolCommand,
	GetUserCommand,
	InitiateAuthCommand,
	InvalidPasswordException,
	NotAuthorizedException,
	RespondToAuthChallengeCommand,
	SetUserMFAPreferenceCommand,
	SetUserPoolMfaConfigCommand,
	SignUpCommand,
	UserNotFoundException,
	UsernameExistsException,
	VerifySoftwareTokenCommand,
	AdminAddUserToGroupCommand,
	InvalidParameterException,
	GetTokensFromRefreshTokenCommand,
	RefreshTokenReuseException,
	RevokeTokenCommand,
	GetUserAuthFactorsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { Secret, TOTP } from 'otpauth';
import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import {
	NOW,
	PASSWORD,
	userPoolSandbox,
	type UserPoolSandbox,
} from '../../../fixtures/user-pool-sandbox';

describe('the real @aws-sdk/client-cognito-identity-provider against the sandbox', () => {
	let t: UserPoolSandbox;
	let poolId: string;
	let clientId: string;
	beforeAll(async () => {
		t = userPoolSandbox(61);
		const { UserPool } = await t.idp.send(
			new CreateUserPoolCommand({
				PoolName: 'sdk',
				AutoVerifiedAttributes: ['email'],
				UsernameAttributes: ['email'],
			})
		);
		poolId = UserPool!.Id!;
		const { UserPoolClient } = await t.idp.send(
			new CreateUserPoolClientCommand({
				UserPoolId: poolId,
				ClientName: 'sdk',
				ExplicitAuthFlows: [
					'ALLOW_USER_PASSWORD_AUTH',
					'ALLOW_ADMIN_USER_PASSWORD_AUTH',
					'ALLOW_REFRESH_TOKEN_AUTH',
				],
			})
		);
		clientId = UserPoolClient!.ClientId!;
	});
	afterEach(() => vi.useRealTimers());

	test('DescribeUserPool parses dates and nested settings', async () => {
		const { UserPool } = await t.idp.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
		expect(UserPool!.CreationDate).toBeInstanceOf(Date);
		expect(UserPool!.CreationDate!.getTime()).toBe(NOW);
		expect(UserPool!.Policies!.PasswordPolicy!.MinimumLength).toBe(8);
		expect(UserPool!.UsernameAttributes).toEqual(['email']);
	});

	test('sign up, confirm, sign in, GetUser and verify the tokens', async () => {
		const signUp = await t.idp.send(
			new SignUpCommand({ ClientId: clientId, Username: 'ana@example.com', Password: PASSWORD })
		);
		expect(signUp.UserConfirmed).toBe(false);
		expect(signUp.CodeDeliveryDetails).toEqual({
			Destination: 'a***@e***',
			DeliveryMedium: 'EMAIL',
			AttributeName: 'email',
		});
		await t.idp.send(
			new ConfirmSignUpCommand({
				ClientId: clientId,
				Username: 'ana@example.com',
				ConfirmationCode: t.lastCode('ana@example.com'),
			})
		);
		await t.idp.send(
			new CreateGroupCommand({
				UserPoolId: poolId,
				GroupName: 'staff',
				Precedence: 3,
				RoleArn: 'arn:aws:iam::123456789012:role/Staff',
			})
		);
		await t.idp.send(
			new AdminAddUserToGroupCommand({
				UserPoolId: poolId,
				Username: 'ana@example.com',
				GroupName: 'staff',
			})
		);
		const { AuthenticationResult } = await t.idp.send(
			new InitiateAuthCommand({
				AuthFlow: 'USER_PASSWORD_AUTH',
				ClientId: clientId,
				AuthParameters: { USERNAME: 'ana@example.com', PASSWORD },
			})
		);
		const user = await t.idp.send(
			new GetUserCommand({ AccessToken: AuthenticationResult!.AccessToken })
		);
		expect(user.Username).toBe(signUp.UserSub);
		expect(user.UserAttributes).toContainEqual({ Name: 'email_verified', Value: 'true' });
		vi.useFakeTimers({ toFake: ['Date'], now: NOW });
		const jwks = await (
			await t.sandbox.fetch(new Request(`http://localhost/${poolId}/.well-known/jwks.json`))
		).json();
		const verifier = CognitoJwtVerifier.create({
			userPoolId: poolId,
			tokenUse: 'id',
			clientId,
			groups: 'staff',
		});
		verifier.cacheJwks(jwks);
		const claims = await verifier.verify(AuthenticationResult!.IdToken!);
		expect(claims.email).toBe('ana@example.com');
		expect(claims['cognito:preferred_role']).toBe('arn:aws:iam::123456789012:role/Staff');
		const refreshed = await t.idp.send(
			new InitiateAuthCommand({
				AuthFlow: 'REFRESH_TOKEN_AUTH',
				ClientId: clientId,
				AuthParameters: { REFRESH_TOKEN: AuthenticationResult!.RefreshToken! },
			})
		);
		expect(refreshed.AuthenticationResult!.RefreshToken).toBeUndefined();
	});

	test('service errors arrive as the SDK exception classes', async () => {
		await expect(
			t.idp.send(
				new SignUpCommand({ ClientId: clientId, Username: 'ana@example.com', Password: PASSWORD })
			)
		).rejects.toBeInstanceOf(UsernameExistsException);
		await expect(
			t.idp.send(
				new SignUpCommand({ ClientId: clientId, Username: 'ben@example.com', Password: 'short' })
			)
		).rejects.toBeInstanceOf(InvalidPasswordException);
		await expect(
			t.idp.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'nobody@example.com' }))
		).rejects.toBeInstanceOf(UserNotFoundException);
		await expect(
			t.idp.send(
				new SignUpCommand({ ClientId: clientId, Username: 'not-an-email', Password: PASSWORD })
			)
		).rejects.toBeInstanceOf(InvalidParameterException);
		const failure = await t.idp
			.send(
				new InitiateAuthCommand({
					AuthFlow: 'USER_PASSWORD_AUTH',
					ClientId: clientId,
					AuthParameters: { USERNAME: 'ana@example.com', PASSWORD: 'Wrong-Passw0rd' },
				})
			)
			.catch((e) => e);
		expect(failure).toBeInstanceOf(NotAuthorizedException);
		expect(failure.message).toBe('Incorrect username or password.');
		expect(failure.$metadata.httpStatusCode).toBe(400);
	});

	test('admin-created user: NEW_PASSWORD_REQUIRED, then TOTP MFA set up and used', async () => {
		await t.idp.send(
			new SetUserPoolMfaConfigCommand({
				UserPoolId: poolId,
				MfaConfiguration: 'OPTIONAL',
				SoftwareTokenMfaConfiguration: { Enabled: true },
			})
		);
		await t.idp.send(
			new AdminCreateUserCommand({
				UserPoolId: poolId,
				Username: 'cy@example.com',
				TemporaryPassword: 'Temp-Passw0rd',
				MessageAction: 'SUPPRESS',
			})
		);
		const first = await t.idp.send(
			new AdminInitiateAuthCommand({
				UserPoolId: poolId,
				ClientId: clientId,
				AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
				AuthParameters: { USERNAME: 'cy@example.com', PASSWORD: 'Temp-Passw0rd' },
			})
		);
		expect(first.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
		const username = first.ChallengeParameters!.USER_ID_FOR_SRP!;
		const done = await t.idp.send(
			new AdminRespondToAuthChallengeCommand({
				UserPoolId: poolId,
				ClientId: clientId,
				ChallengeName: 'NEW_PASSWORD_REQUIRED',
				Session: first.Session,
				ChallengeResponses: { USERNAME: username, NEW_PASSWORD: PASSWORD },
			})
		);
		const accessToken = done.AuthenticationResult!.AccessToken!;
		const { SecretCode } = await t.idp.send(
			new AssociateSoftwareTokenCommand({ AccessToken: accessToken })
		);
		const code = () =>
			TOTP.generate({ secret: Secret.fromBase32(SecretCode!), timestamp: t.clock.now() });
		expect(
			(
				await t.idp.send(
					new VerifySoftwareTokenCommand({ AccessToken: accessToken, UserCode: code() })
				)
			).Status
		).toBe('SUCCESS');
		await t.idp.send(
			new SetUserMFAPreferenceCommand({
				AccessToken: accessToken,
				SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
			})
		);
		const mfa = await t.idp.send(
			new InitiateAuthCommand({
				AuthFlow: 'USER_PASSWORD_AUTH',
				ClientId: clientId,
				AuthParameters: { USERNAME: 'cy@example.com', PASSWORD },
			})
		);
		expect(mfa.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
		t.clock.advance(30_000);
		const tokens = await t.idp.send(
			new RespondToAuthChallengeCommand({
				ClientId: clientId,
				ChallengeName: 'SOFTWARE_TOKEN_MFA',
				Session: mfa.Session,
				ChallengeResponses: { USERNAME: username, SOFTWARE_TOKEN_MFA_CODE: code() },
			})
		);
		expect(tokens.AuthenticationResult!.IdToken).toBeDefined();
	});

	test('refresh-token rotation, reuse and revocation through the SDK', async () => {
		const { UserPoolClient } = await t.idp.send(
			new CreateUserPoolClientCommand({
				UserPoolId: poolId,
				ClientName: 'rotating',
				ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'],
				RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 0 },
			})
		);
		const rotating = UserPoolClient!.ClientId!;
		const { AuthenticationResult } = await t.idp.send(
			new InitiateAuthCommand({
				AuthFlow: 'USER_PASSWORD_AUTH',
				ClientId: rotating,
				AuthParameters: { USERNAME: 'ana@example.com', PASSWORD },
			})
		);
		const next = await t.idp.send(
			new GetTokensFromRefreshTokenCommand({
				ClientId: rotating,
				RefreshToken: AuthenticationResult!.RefreshToken,
			})
		);
		expect(next.AuthenticationResult!.RefreshToken).toBeDefined();
		t.clock.advance(1000);
		await expect(
			t.idp.send(
				new GetTokensFromRefreshTokenCommand({
					ClientId: rotating,
					RefreshToken: AuthenticationResult!.RefreshToken,
				})
			)
		).rejects.toBeInstanceOf(RefreshTokenReuseException);
		await t.idp.send(
			new RevokeTokenCommand({ ClientId: rotating, Token: next.AuthenticationResult!.RefreshToken })
		);
		await expect(
			t.idp.send(
				new GetUserAuthFactorsCommand({ AccessToken: next.AuthenticationResult!.AccessToken })
			)
		).rejects.toBeInstanceOf(NotAuthorizedException);
	});
});
