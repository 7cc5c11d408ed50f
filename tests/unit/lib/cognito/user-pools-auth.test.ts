import { Secret, TOTP } from 'otpauth';
import { beforeAll, describe, expect, test } from 'vitest';
import {
	claimsOf,
	PASSWORD,
	poolWithClient,
	signUpConfirmed,
	userPoolSandbox,
	type UserPoolSandbox,
} from '../../../fixtures/user-pool-sandbox';

const totp = (secret: string, now: number) =>
	TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: now });

function helpers(t: UserPoolSandbox, clientId: string) {
	return {
		signIn: (username: string, password = PASSWORD) =>
			t.call('InitiateAuth', {
				AuthFlow: 'USER_PASSWORD_AUTH',
				ClientId: clientId,
				AuthParameters: { USERNAME: username, PASSWORD: password },
			}),
		signInError: (username: string, password = PASSWORD) =>
			t.failure('InitiateAuth', {
				AuthFlow: 'USER_PASSWORD_AUTH',
				ClientId: clientId,
				AuthParameters: { USERNAME: username, PASSWORD: password },
			}),
		respond: (challenge: string, session: string, responses: Record<string, string>) =>
			t.call('RespondToAuthChallenge', {
				ClientId: clientId,
				ChallengeName: challenge,
				Session: session,
				ChallengeResponses: responses,
			}),
	};
}

describe('password sign-in, lockout and flows', () => {
	let t: UserPoolSandbox;
	let poolId: string;
	let clientId: string;
	beforeAll(async () => {
		t = userPoolSandbox(31);
		({ poolId, clientId } = await poolWithClient(t));
		await signUpConfirmed(t, clientId, 'alice');
	});

	test('returns AuthenticationResult with ExpiresIn 3600 and Bearer', async () => {
		const { AuthenticationResult, ChallengeParameters } = await helpers(t, clientId).signIn(
			'alice'
		);
		expect(ChallengeParameters).toEqual({});
		expect(AuthenticationResult.ExpiresIn).toBe(3600);
		expect(AuthenticationResult.TokenType).toBe('Bearer');
		expect(AuthenticationResult.RefreshToken.split('.')).toHaveLength(5);
	});

	test('five failures lock the user for 1 s, then 2 s; attempts during the lock do not extend it', async () => {
		const { signIn, signInError } = helpers(t, clientId);
		for (let i = 0; i < 5; i++)
			expect(await signInError('alice', 'Wrong-Passw0rd')).toBe(
				'NotAuthorizedException: Incorrect username or password.'
			);
		expect(await signInError('alice')).toBe('NotAuthorizedException: Password attempts exceeded');
		t.clock.advance(1001);
		expect(await signInError('alice', 'Wrong-Passw0rd')).toBe(
			'NotAuthorizedException: Incorrect username or password.'
		);
		t.clock.advance(1001);
		expect(await signInError('alice')).toBe('NotAuthorizedException: Password attempts exceeded');
		t.clock.advance(1000);
		expect((await signIn('alice')).AuthenticationResult).toBeDefined();
	});

	test('flows must be enabled on the client; admin flows only through AdminInitiateAuth', async () => {
		const { UserPoolClient } = await t.call('CreateUserPoolClient', {
			UserPoolId: poolId,
			ClientName: 'srp-only',
		});
		expect(await helpers(t, UserPoolClient.ClientId).signInError('alice')).toBe(
			'InvalidParameterException: USER_PASSWORD_AUTH flow not enabled for this client'
		);
		expect(
			await t.failure('InitiateAuth', {
				AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
				ClientId: clientId,
				AuthParameters: { USERNAME: 'alice', PASSWORD },
			})
		).toBe('InvalidParameterException: Initiate Auth method not supported.');
		const admin = await t.call('AdminInitiateAuth', {
			UserPoolId: poolId,
			ClientId: clientId,
			AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
			AuthParameters: { USERNAME: 'alice', PASSWORD },
		});
		expect(admin.AuthenticationResult.AccessToken).toBeDefined();
		expect(
			await t.failure('InitiateAuth', {
				AuthFlow: 'USER_PASSWORD_AUTH',
				ClientId: clientId,
				AuthParameters: { USERNAME: 'alice' },
			})
		).toBe('InvalidParameterException: Missing required parameter PASSWORD');
	});

	test('disabled users cannot sign in and lose their tokens', async () => {
		await signUpConfirmed(t, clientId, 'dan');
		const { AuthenticationResult } = await helpers(t, clientId).signIn('dan');
		await t.call('AdminDisableUser', { UserPoolId: poolId, Username: 'dan' });
		expect(await helpers(t, clientId).signInError('dan')).toBe(
			'NotAuthorizedException: User is disabled.'
		);
		expect(await t.failure('GetUser', { AccessToken: AuthenticationResult.AccessToken })).toBe(
			'NotAuthorizedException: Access Token has been revoked'
		);
		expect(
			await t.failure('InitiateAuth', {
				AuthFlow: 'REFRESH_TOKEN_AUTH',
				ClientId: clientId,
				AuthParameters: { REFRESH_TOKEN: AuthenticationResult.RefreshToken },
			})
		).toBe('NotAuthorizedException: Refresh Token has been revoked');
	});

	test('NEW_PASSWORD_REQUIRED for admin-created users, with required attributes listed', async () => {
		const {
			pool,
			clientId: c2,
			poolId: p2,
		} = await poolWithClient(t, { Schema: [{ Name: 'email', Required: true }] });
		void pool;
		await t.call('AdminCreateUser', {
			UserPoolId: p2,
			Username: 'nina',
			TemporaryPassword: 'Temp-Passw0rd',
			MessageAction: 'SUPPRESS',
			UserAttributes: [{ Name: 'email', Value: 'nina@example.com' }],
		});
		const { signIn, respond } = helpers(t, c2);
		const first = await signIn('nina', 'Temp-Passw0rd');
		expect(first.ChallengeName).toBe('NEW_PASSWORD_REQUIRED');
		expect(JSON.parse(first.ChallengeParameters.userAttributes)).toEqual({
			email: 'nina@example.com',
		});
		expect(JSON.parse(first.ChallengeParameters.requiredAttributes)).toEqual([]);
		expect(
			await t.failure('RespondToAuthChallenge', {
				ClientId: c2,
				ChallengeName: 'NEW_PASSWORD_REQUIRED',
				Session: first.Session,
				ChallengeResponses: { USERNAME: 'nina', NEW_PASSWORD: 'weak' },
			})
		).toMatch(/^InvalidPasswordException/);
		expect(
			await t.failure('RespondToAuthChallenge', {
				ClientId: c2,
				ChallengeName: 'NEW_PASSWORD_REQUIRED',
				Session: first.Session,
				ChallengeResponses: {
					USERNAME: 'nina',
					NEW_PASSWORD: 'Final-Passw0rd',
					'userAttributes.email': 'other@example.com',
				},
			})
		).toBe('InvalidParameterException: Cannot modify an already provided email');
		const done = await respond('NEW_PASSWORD_REQUIRED', first.Session, {
			USERNAME: 'nina',
			NEW_PASSWORD: 'Final-Passw0rd',
		});
		expect(done.AuthenticationResult.IdToken).toBeDefined();
		expect((await t.call('AdminGetUser', { UserPoolId: p2, Username: 'nina' })).UserStatus).toBe(
			'CONFIRMED'
		);
		expect(
			await t.failure('RespondToAuthChallenge', {
				ClientId: c2,
				ChallengeName: 'NEW_PASSWORD_REQUIRED',
				Session: first.Session,
				ChallengeResponses: { USERNAME: 'nina', NEW_PASSWORD: 'Final-Passw0rd' },
			})
		).toBe('NotAuthorizedException: Invalid session for the user, session can only be used once.');
	});

	test('a temporary password expires after TemporaryPasswordValidityDays', async () => {
		await t.call('AdminCreateUser', {
			UserPoolId: poolId,
			Username: 'olga',
			TemporaryPassword: 'Temp-Passw0rd',
			MessageAction: 'SUPPRESS',
		});
		t.clock.advance(7 * 86_400_000 + 1);
		expect(await helpers(t, clientId).signInError('olga', 'Temp-Passw0rd')).toBe(
			'NotAuthorizedException: Temporary password has expired and must be reset by an administrator.'
		);
	});
});

describe('refresh tokens, rotation, revocation and sign-out', () => {
	let t: UserPoolSandbox;
	let poolId: string;
	let clientId: string;
	beforeAll(async () => {
		t = userPoolSandbox(32);
		({ poolId, clientId } = await poolWithClient(t));
		await signUpConfirmed(t, clientId, 'alice');
	});

	test('REFRESH_TOKEN_AUTH returns new ID and access tokens with the original auth_time and origin_jti', async () => {
		const { AuthenticationResult: first } = await helpers(t, clientId).signIn('alice');
		t.clock.advance(600_000);
		const { AuthenticationResult: refreshed } = await t.call('InitiateAuth', {
			AuthFlow: 'REFRESH_TOKEN_AUTH',
			ClientId: clientId,
			AuthParameters: { REFRESH_TOKEN: first.RefreshToken },
		});
		expect(refreshed.RefreshToken).toBeUndefined();
		const before = claimsOf(first.AccessToken);
		const after = claimsOf(refreshed.AccessToken);
		expect(after.auth_time).toBe(before.auth_time);
		expect(after.origin_jti).toBe(before.origin_jti);
		expect(after.jti).not.toBe(before.jti);
		expect(after.iat).toBe(before.iat + 600);
		expect(
			await t.failure('InitiateAuth', {
				AuthFlow: 'REFRESH_TOKEN_AUTH',
				ClientId: clientId,
				AuthParameters: { REFRESH_TOKEN: 'nonsense' },
			})
		).toBe('NotAuthorizedException: Invalid Refresh Token');
	});

	test('GlobalSignOut revokes access and refresh tokens', async () => {
		const { AuthenticationResult } = await helpers(t, clientId).signIn('alice');
		await t.call('GlobalSignOut', { AccessToken: AuthenticationResult.AccessToken });
		expect(await t.failure('GetUser', { AccessToken: AuthenticationResult.AccessToken })).toBe(
			'NotAuthorizedException: Access Token has been revoked'
		);
		expect(
			await t.failure('InitiateAuth', {
				AuthFlow: 'REFRESH_TOKEN_AUTH',
				ClientId: clientId,
				AuthParameters: { REFRESH_TOKEN: AuthenticationResult.RefreshToken },
			})
		).toBe('NotAuthorizedException: Refresh Token has been revoked');
		const again = await helpers(t, clientId).signIn('alice');
		expect(
			(await t.call('GetUser', { AccessToken: again.AuthenticationResult.AccessToken })).Username
		).toBe('alice');
	});

	test('RevokeToken revokes one refresh token and the access tokens issued from it', async () => {
		const a = (await helpers(t, clientId).signIn('alice')).AuthenticationResult;
		const b = (await helpers(t, clientId).signIn('alice')).AuthenticationResult;
		await t.call('RevokeToken', { ClientId: clientId, Token: a.RefreshToken });
		expect(await t.failure('GetUser', { AccessToken: a.AccessToken })).toBe(
			'NotAuthorizedException: Access Token has been revoked'
		);
		expect((await t.call('GetUser', { AccessToken: b.AccessToken })).Username).toBe('alice');
		expect(await t.failure('RevokeToken', { ClientId: clientId, Token: b.AccessToken })).toMatch(
			/^UnsupportedTokenTypeException/
		);
	});

	test('access tokens expire after the client validity', async () => {
		const { AuthenticationResult } = await helpers(t, clientId).signIn('alice');
		t.clock.advance(3600_000);
		expect(await t.failure('GetUser', { AccessToken: AuthenticationResult.AccessToken })).toBe(
			'NotAuthorizedException: Access Token has expired'
		);
		expect(await t.failure('GetUser', { AccessToken: 'not.a.jwt' })).toBe(
			'NotAuthorizedException: Invalid Access Token'
		);
	});

	test('rotation: GetTokensFromRefreshToken returns a new refresh token; reuse after the grace period fails', async () => {
		const { UserPoolClient } = await t.call('CreateUserPoolClient', {
			UserPoolId: poolId,
			ClientName: 'rotating',
			ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
			RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 10 },
		});
		const rotating = UserPoolClient.ClientId;
		const { AuthenticationResult } = await helpers(t, rotating).signIn('alice');
		expect(
			await t.failure('InitiateAuth', {
				AuthFlow: 'REFRESH_TOKEN_AUTH',
				ClientId: rotating,
				AuthParameters: { REFRESH_TOKEN: AuthenticationResult.RefreshToken },
			})
		).toMatch(/^InvalidParameterException/);
		const next = await t.call('GetTokensFromRefreshToken', {
			ClientId: rotating,
			RefreshToken: AuthenticationResult.RefreshToken,
		});
		expect(next.AuthenticationResult.RefreshToken).toBeDefined();
		expect(next.AuthenticationResult.RefreshToken).not.toBe(AuthenticationResult.RefreshToken);
		t.clock.advance(5000);
		expect(
			(
				await t.call('GetTokensFromRefreshToken', {
					ClientId: rotating,
					RefreshToken: AuthenticationResult.RefreshToken,
				})
			).AuthenticationResult
		).toBeDefined();
		t.clock.advance(6000);
		expect(
			await t.failure('GetTokensFromRefreshToken', {
				ClientId: rotating,
				RefreshToken: AuthenticationResult.RefreshToken,
			})
		).toMatch(/^RefreshTokenReuseException/);
		expect(
			(
				await t.call('GetTokensFromRefreshToken', {
					ClientId: rotating,
					RefreshToken: next.AuthenticationResult.RefreshToken,
				})
			).AuthenticationResult.AccessToken
		).toBeDefined();
	});

	test('refresh tokens expire after RefreshTokenValidity', async () => {
		const { UserPoolClient } = await t.call('CreateUserPoolClient', {
			UserPoolId: poolId,
			ClientName: 'short',
			ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
			RefreshTokenValidity: 60,
			AccessTokenValidity: 5,
			IdTokenValidity: 5,
			TokenValidityUnits: { RefreshToken: 'minutes', AccessToken: 'minutes', IdToken: 'minutes' },
		});
		const { AuthenticationResult } = await helpers(t, UserPoolClient.ClientId).signIn('alice');
		expect(AuthenticationResult.ExpiresIn).toBe(300);
		t.clock.advance(3600_000 + 1);
		expect(
			await t.failure('InitiateAuth', {
				AuthFlow: 'REFRESH_TOKEN_AUTH',
				ClientId: UserPoolClient.ClientId,
				AuthParameters: { REFRESH_TOKEN: AuthenticationResult.RefreshToken },
			})
		).toBe('NotAuthorizedException: Refresh Token has expired');
	});
});

describe('MFA', () => {
	let t: UserPoolSandbox;
	beforeAll(() => {
		t = userPoolSandbox(33);
	});

	test('TOTP: associate, verify with a real authenticator code, prefer, then SOFTWARE_TOKEN_MFA at sign-in', async () => {
		const { poolId, clientId } = await poolWithClient(t);
		await t.call('SetUserPoolMfaConfig', {
			UserPoolId: poolId,
			MfaConfiguration: 'OPTIONAL',
			SoftwareTokenMfaConfiguration: { Enabled: true },
		});
		await signUpConfirmed(t, clientId, 'tom');
		const { signIn, respond } = helpers(t, clientId);
		const { AccessToken } = (await signIn('tom')).AuthenticationResult;
		const { SecretCode } = await t.call('AssociateSoftwareToken', { AccessToken });
		expect(SecretCode).toMatch(/^[A-Z2-7]{52}$/);
		expect(await t.failure('VerifySoftwareToken', { AccessToken, UserCode: '000000' })).toBe(
			'EnableSoftwareTokenMFAException: Code mismatch and fail enable Software Token MFA'
		);
		expect(
			(
				await t.call('VerifySoftwareToken', {
					AccessToken,
					UserCode: totp(SecretCode, t.clock.now()),
					FriendlyDeviceName: 'phone',
				})
			).Status
		).toBe('SUCCESS');
		expect((await signIn('tom')).AuthenticationResult).toBeDefined();
		await t.call('SetUserMFAPreference', {
			AccessToken,
			SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
		});
		const user = await t.call('AdminGetUser', { UserPoolId: poolId, Username: 'tom' });
		expect(user.UserMFASettingList).toEqual(['SOFTWARE_TOKEN_MFA']);
		expect(user.PreferredMfaSetting).toBe('SOFTWARE_TOKEN_MFA');
		const challenge = await signIn('tom');
		expect(challenge.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
		expect(challenge.ChallengeParameters.FRIENDLY_DEVICE_NAME).toBe('phone');
		expect(
			await t.failure('RespondToAuthChallenge', {
				ClientId: clientId,
				ChallengeName: 'SOFTWARE_TOKEN_MFA',
				Session: challenge.Session,
				ChallengeResponses: { USERNAME: 'tom', SOFTWARE_TOKEN_MFA_CODE: '000000' },
			})
		).toBe('CodeMismatchException: Invalid code received for user');
		// The code that verified the app cannot be used again: wait for the next one.
		expect(
			await t.failure('RespondToAuthChallenge', {
				ClientId: clientId,
				ChallengeName: 'SOFTWARE_TOKEN_MFA',
				Session: challenge.Session,
				ChallengeResponses: {
					USERNAME: 'tom',
					SOFTWARE_TOKEN_MFA_CODE: totp(SecretCode, t.clock.now()),
				},
			})
		).toBe('CodeMismatchException: Invalid code received for user');
		t.clock.advance(30_000);
		const code = totp(SecretCode, t.clock.now());
		const done = await respond('SOFTWARE_TOKEN_MFA', challenge.Session, {
			USERNAME: 'tom',
			SOFTWARE_TOKEN_MFA_CODE: code,
		});
		expect(done.AuthenticationResult.AccessToken).toBeDefined();
		const again = await signIn('tom');
		expect(
			await t.failure('RespondToAuthChallenge', {
				ClientId: clientId,
				ChallengeName: 'SOFTWARE_TOKEN_MFA',
				Session: again.Session,
				ChallengeResponses: { USERNAME: 'tom', SOFTWARE_TOKEN_MFA_CODE: code },
			})
		).toBe('CodeMismatchException: Invalid code received for user');
	});

	test('MFA ON without a factor: MFA_SETUP via AssociateSoftwareToken/VerifySoftwareToken with the Session', async () => {
		const { poolId, clientId } = await poolWithClient(t);
		await t.call('SetUserPoolMfaConfig', {
			UserPoolId: poolId,
			MfaConfiguration: 'ON',
			SoftwareTokenMfaConfiguration: { Enabled: true },
		});
		await signUpConfirmed(t, clientId, 'uma');
		const setup = await helpers(t, clientId).signIn('uma');
		expect(setup.ChallengeName).toBe('MFA_SETUP');
		expect(JSON.parse(setup.ChallengeParameters.MFAS_CAN_SETUP)).toEqual(['SOFTWARE_TOKEN_MFA']);
		const associated = await t.call('AssociateSoftwareToken', { Session: setup.Session });
		const verified = await t.call('VerifySoftwareToken', {
			Session: associated.Session,
			UserCode: totp(associated.SecretCode, t.clock.now()),
		});
		const done = await helpers(t, clientId).respond('MFA_SETUP', verified.Session, {
			USERNAME: 'uma',
		});
		expect(done.AuthenticationResult.IdToken).toBeDefined();
		expect((await helpers(t, clientId).signIn('uma')).ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
	});

	test('SMS MFA sends a code to the phone; several factors give SELECT_MFA_TYPE', async () => {
		const { poolId, clientId } = await poolWithClient(t, {
			SmsConfiguration: { SnsCallerArn: 'arn:aws:iam::123456789012:role/sns', ExternalId: 'x' },
		});
		await t.call('SetUserPoolMfaConfig', {
			UserPoolId: poolId,
			MfaConfiguration: 'OPTIONAL',
			SoftwareTokenMfaConfiguration: { Enabled: true },
			SmsMfaConfiguration: { SmsAuthenticationMessage: 'Code: {####}' },
		});
		await t.call('SignUp', {
			ClientId: clientId,
			Username: 'vic',
			Password: PASSWORD,
			UserAttributes: [
				{ Name: 'email', Value: 'vic@example.com' },
				{ Name: 'phone_number', Value: '+15555550123' },
			],
		});
		await t.call('ConfirmSignUp', {
			ClientId: clientId,
			Username: 'vic',
			ConfirmationCode: t.lastCode('vic@example.com'),
		});
		await t.call('AdminSetUserMFAPreference', {
			UserPoolId: poolId,
			Username: 'vic',
			SMSMfaSettings: { Enabled: true },
		});
		const { signIn, respond } = helpers(t, clientId);
		const sms = await signIn('vic');
		expect(sms.ChallengeName).toBe('SMS_MFA');
		expect(sms.ChallengeParameters).toMatchObject({
			CODE_DELIVERY_DELIVERY_MEDIUM: 'SMS',
			CODE_DELIVERY_DESTINATION: '+*******0123',
		});
		const message = t.sandbox.outbox.at(-1)!;
		expect(message.body).toBe(`Code: ${message.code}`);
		expect(
			(await respond('SMS_MFA', sms.Session, { USERNAME: 'vic', SMS_MFA_CODE: message.code! }))
				.AuthenticationResult
		).toBeDefined();
		// Add TOTP as a second enabled factor without a preference.
		const { AccessToken } = (
			await respond('SMS_MFA', (await signIn('vic')).Session, {
				USERNAME: 'vic',
				SMS_MFA_CODE: t.lastCode('+15555550123')!,
			})
		).AuthenticationResult;
		const { SecretCode } = await t.call('AssociateSoftwareToken', { AccessToken });
		await t.call('VerifySoftwareToken', { AccessToken, UserCode: totp(SecretCode, t.clock.now()) });
		await t.call('SetUserMFAPreference', {
			AccessToken,
			SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: false },
			SMSMfaSettings: { Enabled: true, PreferredMfa: false },
		});
		const select = await signIn('vic');
		expect(select.ChallengeName).toBe('SELECT_MFA_TYPE');
		expect(JSON.parse(select.ChallengeParameters.MFAS_CAN_CHOOSE)).toEqual([
			'SMS_MFA',
			'SOFTWARE_TOKEN_MFA',
		]);
		const chosen = await respond('SELECT_MFA_TYPE', select.Session, {
			USERNAME: 'vic',
			ANSWER: 'SOFTWARE_TOKEN_MFA',
		});
		expect(chosen.ChallengeName).toBe('SOFTWARE_TOKEN_MFA');
	});

	test('MFA ON: a user with a verified phone and no preference is sent an SMS code', async () => {
		const { clientId } = await poolWithClient(t, {
			MfaConfiguration: 'ON',
			SmsConfiguration: { SnsCallerArn: 'arn:aws:iam::123456789012:role/sns', ExternalId: 'x' },
			AutoVerifiedAttributes: ['phone_number'],
		});
		await t.call('SignUp', {
			ClientId: clientId,
			Username: 'yan',
			Password: PASSWORD,
			UserAttributes: [{ Name: 'phone_number', Value: '+15555550142' }],
		});
		await t.call('ConfirmSignUp', {
			ClientId: clientId,
			Username: 'yan',
			ConfirmationCode: t.lastCode('+15555550142'),
		});
		const sms = await helpers(t, clientId).signIn('yan');
		expect(sms.ChallengeName).toBe('SMS_MFA');
		expect(t.sandbox.outbox.at(-1)).toMatchObject({
			channel: 'SMS',
			destination: '+15555550142',
			reason: 'SMS_MFA',
			body: `Your authentication code is ${t.lastCode('+15555550142')}. `,
		});
		t.clock.advance(3 * 60_000 + 1);
		expect(
			await t.failure('RespondToAuthChallenge', {
				ClientId: clientId,
				ChallengeName: 'SMS_MFA',
				Session: sms.Session,
				ChallengeResponses: { USERNAME: 'yan', SMS_MFA_CODE: t.lastCode('+15555550142')! },
			})
		).toBe('NotAuthorizedException: Invalid session for the user, session is expired.');
	});

	test('SetUserMFAPreference refuses factors the user cannot use', async () => {
		const { clientId } = await poolWithClient(t);
		await signUpConfirmed(t, clientId, 'wes');
		const { AccessToken } = (await helpers(t, clientId).signIn('wes')).AuthenticationResult;
		expect(
			await t.failure('SetUserMFAPreference', {
				AccessToken,
				SoftwareTokenMfaSettings: { Enabled: true },
			})
		).toBe('InvalidParameterException: User has not verified software token mfa');
		expect(
			await t.failure('SetUserMFAPreference', { AccessToken, SMSMfaSettings: { Enabled: true } })
		).toBe('InvalidParameterException: User does not have delivery config set to turn on SMS_MFA');
	});
});

describe('self-service with an access token', () => {
	let t: UserPoolSandbox;
	let clientId: string;
	let accessToken: string;
	beforeAll(async () => {
		t = userPoolSandbox(34);
		({ clientId } = await poolWithClient(t));
		await signUpConfirmed(t, clientId, 'xena');
		accessToken = (await helpers(t, clientId).signIn('xena')).AuthenticationResult.AccessToken;
	});

	test('UpdateUserAttributes unverifies a changed email and VerifyUserAttribute verifies it', async () => {
		const { CodeDeliveryDetailsList } = await t.call('UpdateUserAttributes', {
			AccessToken: accessToken,
			UserAttributes: [
				{ Name: 'email', Value: 'new@example.com' },
				{ Name: 'name', Value: 'Xena' },
			],
		});
		expect(CodeDeliveryDetailsList).toEqual([
			{ Destination: 'n***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' },
		]);
		let user = await t.call('GetUser', { AccessToken: accessToken });
		expect(user.UserAttributes).toContainEqual({ Name: 'email_verified', Value: 'false' });
		expect(
			await t.failure('VerifyUserAttribute', {
				AccessToken: accessToken,
				AttributeName: 'email',
				Code: '000000',
			})
		).toMatch(/^CodeMismatchException/);
		await t.call('VerifyUserAttribute', {
			AccessToken: accessToken,
			AttributeName: 'email',
			Code: t.lastCode('new@example.com'),
		});
		user = await t.call('GetUser', { AccessToken: accessToken });
		expect(user.UserAttributes).toContainEqual({ Name: 'email_verified', Value: 'true' });
		expect(user.UserAttributes).toContainEqual({ Name: 'name', Value: 'Xena' });
	});

	test('ChangePassword checks the previous password and the policy', async () => {
		expect(
			await t.failure('ChangePassword', {
				AccessToken: accessToken,
				PreviousPassword: 'Wrong-Passw0rd',
				ProposedPassword: 'N3w-Passw0rd',
			})
		).toBe('NotAuthorizedException: Incorrect username or password.');
		expect(
			await t.failure('ChangePassword', {
				AccessToken: accessToken,
				PreviousPassword: PASSWORD,
				ProposedPassword: 'weakweak',
			})
		).toMatch(/^InvalidPasswordException/);
		await t.call('ChangePassword', {
			AccessToken: accessToken,
			PreviousPassword: PASSWORD,
			ProposedPassword: 'N3w-Passw0rd',
		});
		expect(
			(await helpers(t, clientId).signIn('xena', 'N3w-Passw0rd')).AuthenticationResult
		).toBeDefined();
	});

	test('GetUserAuthFactors, DeleteUserAttributes and the legacy SetUserSettings', async () => {
		const factors = await t.call('GetUserAuthFactors', { AccessToken: accessToken });
		expect(factors).toEqual({ Username: 'xena', ConfiguredUserAuthFactors: ['PASSWORD'] });
		await t.call('DeleteUserAttributes', {
			AccessToken: accessToken,
			UserAttributeNames: ['name'],
		});
		expect(
			(await t.call('GetUser', { AccessToken: accessToken })).UserAttributes.map(
				(a: { Name: string }) => a.Name
			)
		).not.toContain('name');
		expect(
			await t.failure('SetUserSettings', {
				AccessToken: accessToken,
				MFAOptions: [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }],
			})
		).toBe('InvalidParameterException: User does not have delivery config set to turn on SMS_MFA');
		await t.call('UpdateUserAttributes', {
			AccessToken: accessToken,
			UserAttributes: [{ Name: 'phone_number', Value: '+15555550199' }],
		});
		await t.call('SetUserSettings', {
			AccessToken: accessToken,
			MFAOptions: [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }],
		});
		const user = await t.call('GetUser', { AccessToken: accessToken });
		expect(user.MFAOptions).toEqual([{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }]);
		expect(user.UserMFASettingList).toEqual(['SMS_MFA']);
	});

	test('DeleteUser removes the user', async () => {
		await t.call('DeleteUser', { AccessToken: accessToken });
		expect(await helpers(t, clientId).signInError('xena', 'N3w-Passw0rd')).toBe(
			'UserNotFoundException: User does not exist.'
		);
	});
});

describe('error precedence (secret hash → flow → user → unconfirmed → password → reset/temporary)', () => {
	test('each check wins over the ones after it', async () => {
		const t = userPoolSandbox(35);
		const { poolId } = await poolWithClient(t);
		const { UserPoolClient } = await t.call('CreateUserPoolClient', {
			UserPoolId: poolId,
			ClientName: 'secret-srp-only',
			GenerateSecret: true,
		});
		const secretClient = UserPoolClient.ClientId;
		const plain = (
			await t.call('CreateUserPoolClient', {
				UserPoolId: poolId,
				ClientName: 'pw',
				ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'],
			})
		).UserPoolClient.ClientId;
		const attempt = (clientId: string, username: string, password: string) =>
			t.failure('InitiateAuth', {
				AuthFlow: 'USER_PASSWORD_AUTH',
				ClientId: clientId,
				AuthParameters: { USERNAME: username, PASSWORD: password },
			});
		// Secret hash before the disabled flow.
		expect(await attempt(secretClient, 'ghost', 'x')).toBe(
			`NotAuthorizedException: Unable to verify secret hash for client ${secretClient}`
		);
		// Flow before the unknown user.
		const noPasswordFlow = (
			await t.call('CreateUserPoolClient', { UserPoolId: poolId, ClientName: 'srp' })
		).UserPoolClient.ClientId;
		expect(await attempt(noPasswordFlow, 'ghost', 'x')).toBe(
			'InvalidParameterException: USER_PASSWORD_AUTH flow not enabled for this client'
		);
		// Unconfirmed before the password.
		await t.call('SignUp', {
			ClientId: plain,
			Username: 'una',
			Password: PASSWORD,
			UserAttributes: [{ Name: 'email', Value: 'una@example.com' }],
		});
		expect(await attempt(plain, 'una', 'Wrong-Passw0rd')).toBe(
			'UserNotConfirmedException: User is not confirmed.'
		);
		// The password before reset-required.
		await t.call('AdminCreateUser', {
			UserPoolId: poolId,
			Username: 'rex',
			MessageAction: 'SUPPRESS',
			UserAttributes: [
				{ Name: 'email', Value: 'rex@example.com' },
				{ Name: 'email_verified', Value: 'true' },
			],
		});
		await t.call('AdminSetUserPassword', {
			UserPoolId: poolId,
			Username: 'rex',
			Password: PASSWORD,
			Permanent: true,
		});
		await t.call('AdminResetUserPassword', { UserPoolId: poolId, Username: 'rex' });
		expect(await attempt(plain, 'rex', 'Wrong-Passw0rd')).toBe(
			'NotAuthorizedException: Incorrect username or password.'
		);
		expect(await attempt(plain, 'rex', PASSWORD)).toBe(
			'PasswordResetRequiredException: Password reset required for the user'
		);
		// Disabled before everything about the password.
		await t.call('AdminDisableUser', { UserPoolId: poolId, Username: 'rex' });
		expect(await attempt(plain, 'rex', 'Wrong-Passw0rd')).toBe(
			'NotAuthorizedException: User is disabled.'
		);
	});
});

describe('threat protection event history (PLUS)', () => {
	test('AdminListUserAuthEvents lists sign-ins newest first; without threat protection it is refused', async () => {
		const t = userPoolSandbox(36);
		const { poolId, clientId } = await poolWithClient(t, {
			UserPoolTier: 'PLUS',
			UserPoolAddOns: { AdvancedSecurityMode: 'AUDIT' },
		});
		await signUpConfirmed(t, clientId, 'zed');
		const { signIn, signInError } = helpers(t, clientId);
		await signInError('zed', 'Wrong-Passw0rd');
		t.clock.advance(1000);
		await signIn('zed');
		const { AuthEvents } = await t.call('AdminListUserAuthEvents', {
			UserPoolId: poolId,
			Username: 'zed',
		});
		expect(
			AuthEvents.map(
				(e: { EventType: string; EventResponse: string }) => `${e.EventType}:${e.EventResponse}`
			)
		).toEqual(['SignIn:Pass', 'SignIn:Fail', 'SignUp:Pass']);
		// A NoRisk decision carries no RiskLevel (AWS docs, user activity log example).
		expect(AuthEvents[0].EventRisk).toEqual({
			RiskDecision: 'NoRisk',
			CompromisedCredentialsDetected: false,
		});
		const plain = await poolWithClient(t);
		await signUpConfirmed(t, plain.clientId, 'amy');
		expect(
			await t.failure('AdminListUserAuthEvents', { UserPoolId: plain.poolId, Username: 'amy' })
		).toMatch(/^UserPoolAddOnNotEnabledException/);
	});
});
