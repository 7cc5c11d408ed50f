import { createHmac } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import {
	PASSWORD,
	poolWithClient,
	signUpConfirmed,
	userPoolSandbox,
	type UserPoolSandbox,
} from '../../../fixtures/user-pool-sandbox';

const HOUR = 3_600_000;
const signIn = (t: UserPoolSandbox, clientId: string, username: string, password = PASSWORD) =>
	t.call('InitiateAuth', {
		AuthFlow: 'USER_PASSWORD_AUTH',
		ClientId: clientId,
		AuthParameters: { USERNAME: username, PASSWORD: password },
	});
const signInError = (t: UserPoolSandbox, clientId: string, username: string, password = PASSWORD) =>
	t.failure('InitiateAuth', {
		AuthFlow: 'USER_PASSWORD_AUTH',
		ClientId: clientId,
		AuthParameters: { USERNAME: username, PASSWORD: password },
	});

describe('SignUp and confirmation', () => {
	let t: UserPoolSandbox;
	let clientId: string;
	let poolId: string;
	beforeAll(async () => {
		t = userPoolSandbox(21);
		({ clientId, poolId } = await poolWithClient(t));
	});

	test('SignUp creates an UNCONFIRMED user and emails a code', async () => {
		const result = await t.call('SignUp', {
			ClientId: clientId,
			Username: 'alice',
			Password: PASSWORD,
			UserAttributes: [{ Name: 'email', Value: 'alice@example.com' }],
		});
		expect(result.UserConfirmed).toBe(false);
		expect(result.UserSub).toMatch(/^[0-9a-f-]{36}$/);
		expect(result.CodeDeliveryDetails).toEqual({
			Destination: 'a***@e***',
			DeliveryMedium: 'EMAIL',
			AttributeName: 'email',
		});
		expect(result.Session.length).toBeGreaterThanOrEqual(20);
		const message = t.sandbox.outbox.at(-1)!;
		expect(message).toMatchObject({
			channel: 'EMAIL',
			destination: 'alice@example.com',
			reason: 'SignUp',
			subject: 'Your verification code',
		});
		expect(message.code).toMatch(/^\d{6}$/);
		expect(
			(await t.call('AdminGetUser', { UserPoolId: poolId, Username: 'alice' })).UserStatus
		).toBe('UNCONFIRMED');
	});

	test('an unconfirmed user cannot sign in, even with a wrong password', async () => {
		expect(await signInError(t, clientId, 'alice', 'Wrong-Passw0rd')).toBe(
			'UserNotConfirmedException: User is not confirmed.'
		);
	});

	test('ConfirmSignUp checks the code, verifies the email and returns a Session', async () => {
		expect(
			await t.failure('ConfirmSignUp', {
				ClientId: clientId,
				Username: 'alice',
				ConfirmationCode: '000000',
			})
		).toBe('CodeMismatchException: Invalid verification code provided, please try again.');
		const confirmed = await t.call('ConfirmSignUp', {
			ClientId: clientId,
			Username: 'alice',
			ConfirmationCode: t.lastCode('alice@example.com'),
		});
		expect(confirmed.Session).toEqual(expect.any(String));
		const user = await t.call('AdminGetUser', { UserPoolId: poolId, Username: 'alice' });
		expect(user.UserStatus).toBe('CONFIRMED');
		expect(user.UserAttributes).toContainEqual({ Name: 'email_verified', Value: 'true' });
		expect(
			await t.failure('ConfirmSignUp', {
				ClientId: clientId,
				Username: 'alice',
				ConfirmationCode: '123456',
			})
		).toBe('NotAuthorizedException: User cannot be confirmed. Current status is CONFIRMED');
		expect((await signIn(t, clientId, 'alice')).AuthenticationResult.TokenType).toBe('Bearer');
	});

	test('codes expire after 24 hours; a resend replaces the old code', async () => {
		await t.call('SignUp', {
			ClientId: clientId,
			Username: 'bob',
			Password: PASSWORD,
			UserAttributes: [{ Name: 'email', Value: 'bob@example.com' }],
		});
		const first = t.lastCode('bob@example.com');
		t.clock.advance(24 * HOUR + 1);
		expect(
			await t.failure('ConfirmSignUp', {
				ClientId: clientId,
				Username: 'bob',
				ConfirmationCode: first,
			})
		).toBe('ExpiredCodeException: Invalid code provided, please request a code again.');
		const resent = await t.call('ResendConfirmationCode', { ClientId: clientId, Username: 'bob' });
		expect(resent.CodeDeliveryDetails.DeliveryMedium).toBe('EMAIL');
		const second = t.lastCode('bob@example.com');
		expect(second).not.toBe(first);
		expect(
			await t.failure('ConfirmSignUp', {
				ClientId: clientId,
				Username: 'bob',
				ConfirmationCode: first,
			})
		).toBe('ExpiredCodeException: Invalid code provided, please request a code again.');
		await t.call('ConfirmSignUp', {
			ClientId: clientId,
			Username: 'bob',
			ConfirmationCode: second,
		});
		expect(await t.failure('ResendConfirmationCode', { ClientId: clientId, Username: 'bob' })).toBe(
			'InvalidParameterException: User is already confirmed.'
		);
	});

	test('ResendConfirmationCode is capped at 5 per user per hour', async () => {
		await t.call('SignUp', {
			ClientId: clientId,
			Username: 'rita',
			Password: PASSWORD,
			UserAttributes: [{ Name: 'email', Value: 'rita@example.com' }],
		});
		for (let i = 0; i < 5; i++)
			await t.call('ResendConfirmationCode', { ClientId: clientId, Username: 'rita' });
		expect(
			await t.failure('ResendConfirmationCode', { ClientId: clientId, Username: 'rita' })
		).toBe('LimitExceededException: Attempt limit exceeded, please try after some time.');
		t.clock.advance(HOUR);
		expect(
			(await t.call('ResendConfirmationCode', { ClientId: clientId, Username: 'rita' }))
				.CodeDeliveryDetails
		).toBeDefined();
	});

	test('the password policy and duplicate usernames are enforced', async () => {
		const attempt = (password: string) =>
			t.failure('SignUp', {
				ClientId: clientId,
				Username: 'carl',
				Password: password,
				UserAttributes: [{ Name: 'email', Value: 'carl@example.com' }],
			});
		expect(await attempt('Sh0rt!')).toBe(
			'InvalidPasswordException: Password did not conform with policy: Password not long enough'
		);
		expect(await attempt('lowercase1!')).toBe(
			'InvalidPasswordException: Password did not conform with policy: Password must have uppercase characters'
		);
		expect(await attempt('UPPERCASE1!')).toBe(
			'InvalidPasswordException: Password did not conform with policy: Password must have lowercase characters'
		);
		expect(await attempt('NoNumbers!')).toBe(
			'InvalidPasswordException: Password did not conform with policy: Password must have numeric characters'
		);
		expect(await attempt('NoSymbols12')).toBe(
			'InvalidPasswordException: Password did not conform with policy: Password must have symbol characters'
		);
		expect(
			await t.failure('SignUp', { ClientId: clientId, Username: 'alice', Password: PASSWORD })
		).toBe('UsernameExistsException: User already exists');
		expect(
			await t.failure('SignUp', {
				ClientId: clientId,
				Username: 'dora',
				Password: PASSWORD,
				UserAttributes: [{ Name: 'custom:nope', Value: 'x' }],
			})
		).toBe(
			'InvalidParameterException: Attributes did not conform to the schema: Type for attribute {custom:nope} could not be determined'
		);
		expect(
			await t.failure('SignUp', {
				ClientId: clientId,
				Username: 'dora',
				Password: PASSWORD,
				UserAttributes: [{ Name: 'email_verified', Value: 'true' }],
			})
		).toBe('NotAuthorizedException: A client attempted to write unauthorized attribute');
		expect(await t.failure('SignUp', { ClientId: clientId, Username: 'dora' })).toBe(
			"InvalidParameterException: 1 validation error detected: Value null at 'password' failed to satisfy constraint: Member must not be null"
		);
		expect(
			await t.failure('SignUp', {
				ClientId: 'abcdefghijklmnopqrstuvwxyz',
				Username: 'dora',
				Password: PASSWORD,
			})
		).toBe(
			'ResourceNotFoundException: User pool client abcdefghijklmnopqrstuvwxyz does not exist.'
		);
	});
});

describe('pool-specific sign-up rules', () => {
	let t: UserPoolSandbox;
	beforeAll(() => {
		t = userPoolSandbox(22);
	});

	test('email-as-username pools: the username must be an email and is replaced by the sub', async () => {
		const { clientId, poolId } = await poolWithClient(t, { UsernameAttributes: ['email'] });
		expect(
			await t.failure('SignUp', { ClientId: clientId, Username: 'notanemail', Password: PASSWORD })
		).toBe('InvalidParameterException: Username should be an email.');
		const { UserSub } = await t.call('SignUp', {
			ClientId: clientId,
			Username: 'eve@example.com',
			Password: PASSWORD,
		});
		expect(
			await t.failure('SignUp', {
				ClientId: clientId,
				Username: 'eve@example.com',
				Password: PASSWORD,
			})
		).toBe('UsernameExistsException: An account with the given email already exists.');
		const user = await t.call('AdminGetUser', { UserPoolId: poolId, Username: 'eve@example.com' });
		expect(user.Username).toBe(UserSub);
	});

	test('CONFIRM_WITH_LINK emails a link that carries the code', async () => {
		const { clientId } = await poolWithClient(t, {
			VerificationMessageTemplate: { DefaultEmailOption: 'CONFIRM_WITH_LINK' },
		});
		await t.call('SignUp', {
			ClientId: clientId,
			Username: 'lou',
			Password: PASSWORD,
			UserAttributes: [{ Name: 'email', Value: 'lou@example.com' }],
		});
		const message = t.sandbox.outbox.at(-1)!;
		expect(message.subject).toBe('Your verification link');
		expect(message.body).toContain(`user_name=lou&confirmation_code=${message.code}`);
		expect(message.body).toMatch(
			/^Please click the link below to verify your email address\. Verify Email \(https:\/\//
		);
	});

	test('self sign-up can be turned off', async () => {
		const { clientId } = await poolWithClient(t, {
			AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
		});
		expect(
			await t.failure('SignUp', { ClientId: clientId, Username: 'x', Password: PASSWORD })
		).toBe('NotAuthorizedException: SignUp is not permitted for this user pool.');
	});

	test('required attributes must be given', async () => {
		const { clientId } = await poolWithClient(t, { Schema: [{ Name: 'email', Required: true }] });
		expect(
			await t.failure('SignUp', { ClientId: clientId, Username: 'x', Password: PASSWORD })
		).toBe(
			'InvalidParameterException: Attributes did not conform to the schema: email: The attribute is required'
		);
	});

	test('alias pools reject a verified email owned by someone else at confirmation (unless forced)', async () => {
		const { clientId, poolId } = await poolWithClient(t, { AliasAttributes: ['email'] });
		await signUpConfirmed(t, clientId, 'first', 'shared@example.com');
		await t.call('SignUp', {
			ClientId: clientId,
			Username: 'second',
			Password: PASSWORD,
			UserAttributes: [{ Name: 'email', Value: 'shared@example.com' }],
		});
		const code = t.lastCode('shared@example.com');
		expect(
			await t.failure('ConfirmSignUp', {
				ClientId: clientId,
				Username: 'second',
				ConfirmationCode: code,
			})
		).toBe('AliasExistsException: An account with the email already exists.');
		await t.call('ConfirmSignUp', {
			ClientId: clientId,
			Username: 'second',
			ConfirmationCode: code,
			ForceAliasCreation: true,
		});
		const first = await t.call('AdminGetUser', { UserPoolId: poolId, Username: 'first' });
		expect(first.UserAttributes).toContainEqual({ Name: 'email_verified', Value: 'false' });
		expect(
			(await signIn(t, clientId, 'shared@example.com')).AuthenticationResult.AccessToken
		).toBeDefined();
	});

	test('passwordless sign-up, confirmation Session and USER_AUTH sign-in', async () => {
		const { clientId } = await poolWithClient(
			t,
			{ Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'] } } },
			{ ExplicitAuthFlows: ['ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }
		);
		const signedUp = await t.call('SignUp', {
			ClientId: clientId,
			Username: 'pat',
			UserAttributes: [{ Name: 'email', Value: 'pat@example.com' }],
		});
		expect(signedUp.UserConfirmed).toBe(false);
		const { Session } = await t.call('ConfirmSignUp', {
			ClientId: clientId,
			Username: 'pat',
			ConfirmationCode: t.lastCode('pat@example.com'),
			Session: signedUp.Session,
		});
		const result = await t.call('InitiateAuth', {
			AuthFlow: 'USER_AUTH',
			ClientId: clientId,
			AuthParameters: { USERNAME: 'pat' },
			Session,
		});
		expect(result.AuthenticationResult.IdToken).toBeDefined();
		expect(
			await t.failure('InitiateAuth', {
				AuthFlow: 'USER_AUTH',
				ClientId: clientId,
				AuthParameters: { USERNAME: 'pat' },
				Session,
			})
		).toBe('NotAuthorizedException: Invalid session for the user, session can only be used once.');
		const choice = await t.call('InitiateAuth', {
			AuthFlow: 'USER_AUTH',
			ClientId: clientId,
			AuthParameters: { USERNAME: 'pat' },
		});
		expect(choice.ChallengeName).toBe('SELECT_CHALLENGE');
		expect(choice.AvailableChallenges).toEqual(['EMAIL_OTP']);
		const otp = await t.call('RespondToAuthChallenge', {
			ClientId: clientId,
			ChallengeName: 'SELECT_CHALLENGE',
			Session: choice.Session,
			ChallengeResponses: { USERNAME: 'pat', ANSWER: 'EMAIL_OTP' },
		});
		expect(otp.ChallengeName).toBe('EMAIL_OTP');
		expect(otp.ChallengeParameters).toMatchObject({
			CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL',
			CODE_DELIVERY_DESTINATION: 'p***@e***',
		});
		expect(
			await t.failure('RespondToAuthChallenge', {
				ClientId: clientId,
				ChallengeName: 'EMAIL_OTP',
				Session: otp.Session,
				ChallengeResponses: { USERNAME: 'pat', EMAIL_OTP_CODE: '00000000' },
			})
		).toBe('CodeMismatchException: Invalid code received for user');
		const tokens = await t.call('RespondToAuthChallenge', {
			ClientId: clientId,
			ChallengeName: 'EMAIL_OTP',
			Session: otp.Session,
			ChallengeResponses: { USERNAME: 'pat', EMAIL_OTP_CODE: t.lastCode('pat@example.com') },
		});
		expect(tokens.AuthenticationResult.AccessToken).toBeDefined();
	});

	test('a USER_AUTH Session expires after AuthSessionValidity minutes', async () => {
		const { clientId } = await poolWithClient(
			t,
			{ Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'] } } },
			{ ExplicitAuthFlows: ['ALLOW_USER_AUTH'], AuthSessionValidity: 5 }
		);
		await signUpConfirmed(t, clientId, 'quinn');
		const choice = await t.call('InitiateAuth', {
			AuthFlow: 'USER_AUTH',
			ClientId: clientId,
			AuthParameters: { USERNAME: 'quinn', PREFERRED_CHALLENGE: 'EMAIL_OTP' },
		});
		expect(choice.ChallengeName).toBe('EMAIL_OTP');
		t.clock.advance(5 * 60_000 + 1);
		expect(
			await t.failure('RespondToAuthChallenge', {
				ClientId: clientId,
				ChallengeName: 'EMAIL_OTP',
				Session: choice.Session,
				ChallengeResponses: { USERNAME: 'quinn', EMAIL_OTP_CODE: t.lastCode() },
			})
		).toBe('NotAuthorizedException: Invalid session for the user, session is expired.');
		const password = await t.call('InitiateAuth', {
			AuthFlow: 'USER_AUTH',
			ClientId: clientId,
			AuthParameters: { USERNAME: 'quinn', PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD },
		});
		expect(password.AuthenticationResult).toBeDefined();
	});
});

describe('PreventUserExistenceErrors, secrets and password recovery', () => {
	let t: UserPoolSandbox;
	let poolId: string;
	let legacy: string;
	let hidden: string;
	beforeAll(async () => {
		t = userPoolSandbox(23);
		({ poolId, clientId: legacy } = await poolWithClient(t));
		hidden = (
			await t.call('CreateUserPoolClient', {
				UserPoolId: poolId,
				ClientName: 'hidden',
				PreventUserExistenceErrors: 'ENABLED',
				ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH'],
			})
		).UserPoolClient.ClientId;
		await signUpConfirmed(t, legacy, 'ruth');
	});

	test('unknown users: LEGACY reveals, ENABLED answers like a wrong password', async () => {
		expect(await signInError(t, legacy, 'ghost')).toBe(
			'UserNotFoundException: User does not exist.'
		);
		expect(await signInError(t, hidden, 'ghost')).toBe(
			'NotAuthorizedException: Incorrect username or password.'
		);
		expect(await signInError(t, hidden, 'ruth', 'Wrong-Passw0rd')).toBe(
			'NotAuthorizedException: Incorrect username or password.'
		);
		expect(await t.failure('ForgotPassword', { ClientId: legacy, Username: 'ghost' })).toBe(
			'UserNotFoundException: Username/client id combination not found.'
		);
		const simulated = await t.call('ForgotPassword', {
			ClientId: hidden,
			Username: 'ghost@example.com',
		});
		expect(simulated.CodeDeliveryDetails).toEqual({
			Destination: 'g***@e***',
			DeliveryMedium: 'EMAIL',
			AttributeName: 'email',
		});
		expect(
			await t.failure('ConfirmForgotPassword', {
				ClientId: hidden,
				Username: 'ghost',
				ConfirmationCode: '123456',
				Password: PASSWORD,
			})
		).toMatch(/^CodeMismatchException/);
		const srp = await t.call('InitiateAuth', {
			AuthFlow: 'USER_SRP_AUTH',
			ClientId: hidden,
			AuthParameters: { USERNAME: 'ghost', SRP_A: 'abc123' },
		});
		expect(srp.ChallengeName).toBe('PASSWORD_VERIFIER');
		expect(srp.ChallengeParameters.USER_ID_FOR_SRP).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4/);
	});

	test('ForgotPassword sends a one-hour code; ConfirmForgotPassword sets the new password', async () => {
		const { CodeDeliveryDetails } = await t.call('ForgotPassword', {
			ClientId: legacy,
			Username: 'ruth',
		});
		expect(CodeDeliveryDetails).toEqual({
			Destination: 'r***@e***',
			DeliveryMedium: 'EMAIL',
			AttributeName: 'email',
		});
		const code = t.lastCode('ruth@example.com')!;
		expect(
			await t.failure('ConfirmForgotPassword', {
				ClientId: legacy,
				Username: 'ruth',
				ConfirmationCode: code,
				Password: 'weak',
			})
		).toMatch(/^InvalidPasswordException/);
		t.clock.advance(HOUR + 1);
		expect(
			await t.failure('ConfirmForgotPassword', {
				ClientId: legacy,
				Username: 'ruth',
				ConfirmationCode: code,
				Password: 'N3w-Passw0rd',
			})
		).toMatch(/^ExpiredCodeException/);
		await t.call('ForgotPassword', { ClientId: legacy, Username: 'ruth' });
		await t.call('ConfirmForgotPassword', {
			ClientId: legacy,
			Username: 'ruth',
			ConfirmationCode: t.lastCode('ruth@example.com'),
			Password: 'N3w-Passw0rd',
		});
		expect(await signInError(t, legacy, 'ruth')).toBe(
			'NotAuthorizedException: Incorrect username or password.'
		);
		expect((await signIn(t, legacy, 'ruth', 'N3w-Passw0rd')).AuthenticationResult).toBeDefined();
	});

	test('ForgotPassword needs a verified channel', async () => {
		await t.call('AdminCreateUser', {
			UserPoolId: poolId,
			Username: 'sam',
			MessageAction: 'SUPPRESS',
			TemporaryPassword: PASSWORD,
		});
		expect(await t.failure('ForgotPassword', { ClientId: legacy, Username: 'sam' })).toBe(
			'InvalidParameterException: Cannot reset password for the user as there is no registered/verified email or phone_number'
		);
	});

	test('AdminResetUserPassword forces a reset before the next sign-in', async () => {
		await signUpConfirmed(t, legacy, 'tara');
		const tokens = (await signIn(t, legacy, 'tara')).AuthenticationResult;
		await t.call('AdminResetUserPassword', { UserPoolId: poolId, Username: 'tara' });
		expect(
			(await t.call('AdminGetUser', { UserPoolId: poolId, Username: 'tara' })).UserStatus
		).toBe('RESET_REQUIRED');
		expect(await t.failure('GetUser', { AccessToken: tokens.AccessToken })).toBe(
			'PasswordResetRequiredException: Password reset required for the user'
		);
		expect(await signInError(t, legacy, 'tara')).toBe(
			'PasswordResetRequiredException: Password reset required for the user'
		);
		await t.call('ConfirmForgotPassword', {
			ClientId: legacy,
			Username: 'tara',
			ConfirmationCode: t.lastCode('tara@example.com'),
			Password: 'An0ther-Passw0rd',
		});
		expect(
			(await t.call('AdminGetUser', { UserPoolId: poolId, Username: 'tara' })).UserStatus
		).toBe('CONFIRMED');
	});

	test('clients with a secret need SECRET_HASH = Base64(HMAC-SHA256(secret, username + clientId))', async () => {
		const { UserPoolClient } = await t.call('CreateUserPoolClient', {
			UserPoolId: poolId,
			ClientName: 'secret',
			GenerateSecret: true,
			ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'],
		});
		const hash = (username: string) =>
			createHmac('sha256', UserPoolClient.ClientSecret)
				.update(username + UserPoolClient.ClientId)
				.digest('base64');
		expect(await signInError(t, UserPoolClient.ClientId, 'ruth', 'N3w-Passw0rd')).toBe(
			`NotAuthorizedException: Unable to verify secret hash for client ${UserPoolClient.ClientId}`
		);
		const ok = await t.call('InitiateAuth', {
			AuthFlow: 'USER_PASSWORD_AUTH',
			ClientId: UserPoolClient.ClientId,
			AuthParameters: { USERNAME: 'ruth', PASSWORD: 'N3w-Passw0rd', SECRET_HASH: hash('ruth') },
		});
		expect(ok.AuthenticationResult).toBeDefined();
		expect(
			await t.failure('SignUp', {
				ClientId: UserPoolClient.ClientId,
				Username: 'uma',
				Password: PASSWORD,
				SecretHash: hash('someone-else'),
			})
		).toMatch(/^NotAuthorizedException: Unable to verify secret hash/);
	});
});
