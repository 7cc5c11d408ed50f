import { beforeEach, describe, expect, test } from 'vitest';
import {
	claimsOf,
	PASSWORD,
	poolWithClient,
	userPoolSandbox,
	type UserPoolSandbox,
} from '../../../fixtures/user-pool-sandbox';

const arn = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;
type Event = Record<string, any>;

/** Registers host-function triggers and returns the events each one saw. */
function defineTriggers(t: UserPoolSandbox, handlers: Record<string, (event: Event) => unknown>) {
	const seen: Record<string, Event[]> = {};
	for (const [name, handler] of Object.entries(handlers)) {
		seen[name] = [];
		t.sandbox.defineFunction(arn(name), (event) => {
			seen[name]!.push(structuredClone(event as Event));
			return handler(event as Event);
		});
	}
	return seen;
}

const lambdaConfig = (names: string[]) =>
	Object.fromEntries(names.map((name) => [name, arn(name)]));
const invocations = (t: UserPoolSandbox) =>
	t.sandbox.trace.filter((e) => e.type === 'TriggerInvoked') as Array<Event>;

describe('sign-up triggers', () => {
	let t: UserPoolSandbox;
	beforeEach(() => {
		t = userPoolSandbox(51);
	});

	test('PreSignUp gets the exact event; autoConfirmUser/autoVerifyEmail skip the code; PostConfirmation follows', async () => {
		const seen = defineTriggers(t, {
			PreSignUp: (event) => ({
				...event,
				response: { autoConfirmUser: true, autoVerifyEmail: true, autoVerifyPhone: false },
			}),
			PostConfirmation: (event) => event,
		});
		const { poolId, clientId } = await poolWithClient(t, {
			LambdaConfig: lambdaConfig(['PreSignUp', 'PostConfirmation']),
		});
		const result = await t.call('SignUp', {
			ClientId: clientId,
			Username: 'alice',
			Password: PASSWORD,
			UserAttributes: [{ Name: 'email', Value: 'alice@example.com' }],
			ValidationData: [{ Name: 'invite', Value: 'abc' }],
			ClientMetadata: { source: 'test' },
		});
		expect(result.UserConfirmed).toBe(true);
		expect(result.CodeDeliveryDetails).toBeUndefined();
		expect(t.sandbox.outbox).toHaveLength(0);
		expect(seen.PreSignUp![0]).toEqual({
			version: '1',
			triggerSource: 'PreSignUp_SignUp',
			region: 'us-east-1',
			userPoolId: poolId,
			userName: 'alice',
			callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId },
			request: {
				userAttributes: { email: 'alice@example.com' },
				validationData: { invite: 'abc' },
				clientMetadata: { source: 'test' },
			},
			response: { autoConfirmUser: false, autoVerifyPhone: false, autoVerifyEmail: false },
		});
		expect(seen.PostConfirmation![0]!.triggerSource).toBe('PostConfirmation_ConfirmSignUp');
		expect(seen.PostConfirmation![0]!.request.userAttributes).toMatchObject({
			email: 'alice@example.com',
			email_verified: 'true',
			'cognito:user_status': 'CONFIRMED',
		});
		const traced = invocations(t);
		expect(traced.map((e) => e.triggerSource)).toEqual([
			'PreSignUp_SignUp',
			'PostConfirmation_ConfirmSignUp',
		]);
		expect(traced[0]!.response.response.autoConfirmUser).toBe(true);
		expect(traced[0]!.attempts).toBe(1);
	});

	test('a thrown error becomes UserLambdaValidationException "<Trigger> failed with error <message>."', async () => {
		defineTriggers(t, {
			PreSignUp: () => {
				throw new Error('Registration from this domain is not allowed.');
			},
		});
		const { clientId } = await poolWithClient(t, { LambdaConfig: lambdaConfig(['PreSignUp']) });
		expect(
			await t.failure('SignUp', { ClientId: clientId, Username: 'bob', Password: PASSWORD })
		).toBe(
			'UserLambdaValidationException: PreSignUp failed with error Registration from this domain is not allowed..'
		);
		expect(invocations(t)[0]!.error).toEqual({
			kind: 'error',
			message: 'Registration from this domain is not allowed.',
		});
	});

	test('a failing PostConfirmation reports the error but the user stays confirmed', async () => {
		defineTriggers(t, {
			PostConfirmation: () => {
				throw new Error('CRM is down');
			},
		});
		const { clientId, poolId } = await poolWithClient(t, {
			LambdaConfig: lambdaConfig(['PostConfirmation']),
		});
		await t.call('SignUp', {
			ClientId: clientId,
			Username: 'pia',
			Password: PASSWORD,
			UserAttributes: [{ Name: 'email', Value: 'pia@example.com' }],
		});
		expect(
			await t.failure('ConfirmSignUp', {
				ClientId: clientId,
				Username: 'pia',
				ConfirmationCode: t.lastCode('pia@example.com'),
			})
		).toBe('UserLambdaValidationException: PostConfirmation failed with error CRM is down.');
		expect((await t.call('AdminGetUser', { UserPoolId: poolId, Username: 'pia' })).UserStatus).toBe(
			'CONFIRMED'
		);
	});

	test('an unusable result is InvalidLambdaResponseException', async () => {
		defineTriggers(t, { PreSignUp: () => 'yes' });
		const { clientId } = await poolWithClient(t, { LambdaConfig: lambdaConfig(['PreSignUp']) });
		expect(
			await t.failure('SignUp', { ClientId: clientId, Username: 'carl', Password: PASSWORD })
		).toBe('InvalidLambdaResponseException: Unrecognizable lambda output');
	});

	test('a trigger running past 5 seconds fails as UnexpectedLambdaException after one real attempt (3 reported)', async () => {
		defineTriggers(t, { PreSignUp: () => new Promise(() => {}) });
		const { clientId } = await poolWithClient(t, { LambdaConfig: lambdaConfig(['PreSignUp']) });
		expect(
			await t.failure('SignUp', { ClientId: clientId, Username: 'dora', Password: PASSWORD })
		).toBe(
			'UnexpectedLambdaException: PreSignUp invocation failed due to error Socket timeout while invoking Lambda function.'
		);
		const [traced] = invocations(t);
		expect(traced).toMatchObject({ trigger: 'PreSignUp', attempts: 3, error: { kind: 'timeout' } });
	}, 10_000);

	test('CustomMessage rewrites the sign-up SMS; email changes need DEVELOPER email sending', async () => {
		defineTriggers(t, {
			CustomMessage: (event) => ({
				...event,
				response: {
					...event.response,
					smsMessage: `Welcome ${event.userName}, code ${event.request.codeParameter}`,
					emailMessage: `Hello! Code: ${event.request.codeParameter}`,
					emailSubject: 'Welcome',
				},
			}),
		});
		const sms = await poolWithClient(t, {
			LambdaConfig: lambdaConfig(['CustomMessage']),
			AutoVerifiedAttributes: ['phone_number'],
		});
		await t.call('SignUp', {
			ClientId: sms.clientId,
			Username: 'eve',
			Password: PASSWORD,
			UserAttributes: [{ Name: 'phone_number', Value: '+15555550100' }],
		});
		const message = t.sandbox.outbox.at(-1)!;
		expect(message.body).toBe(`Welcome eve, code ${message.code}`);
		expect(invocations(t).at(-1)!.event.request).toMatchObject({
			codeParameter: '{####}',
			usernameParameter: null,
		});
		const plain = await poolWithClient(t, { LambdaConfig: lambdaConfig(['CustomMessage']) });
		expect(
			await t.failure('SignUp', {
				ClientId: plain.clientId,
				Username: 'fay',
				Password: PASSWORD,
				UserAttributes: [{ Name: 'email', Value: 'fay@example.com' }],
			})
		).toBe('InvalidLambdaResponseException: Unrecognizable lambda output');
		const developer = await poolWithClient(t, {
			LambdaConfig: lambdaConfig(['CustomMessage']),
			EmailConfiguration: {
				EmailSendingAccount: 'DEVELOPER',
				SourceArn: 'arn:aws:ses:us-east-1:123456789012:identity/example.com',
			},
		});
		await t.call('SignUp', {
			ClientId: developer.clientId,
			Username: 'gil',
			Password: PASSWORD,
			UserAttributes: [{ Name: 'email', Value: 'gil@example.com' }],
		});
		expect(t.sandbox.outbox.at(-1)).toMatchObject({
			subject: 'Welcome',
			body: `Hello! Code: ${t.sandbox.outbox.at(-1)!.code}`,
		});
	});

	test('a custom email sender gets the encrypted code and Cognito sends nothing itself', async () => {
		const seen = defineTriggers(t, { CustomEmailSender: () => undefined });
		const config = {
			CustomEmailSender: { LambdaVersion: 'V1_0', LambdaArn: arn('CustomEmailSender') },
		};
		expect(await t.failure('CreateUserPool', { PoolName: 'x', LambdaConfig: config })).toMatch(
			/^InvalidParameterException: KMSKeyID is required/
		);
		const { clientId } = await poolWithClient(t, {
			LambdaConfig: { ...config, KMSKeyID: 'arn:aws:kms:us-east-1:123456789012:key/sandbox' },
		});
		const signedUp = await t.call('SignUp', {
			ClientId: clientId,
			Username: 'kit',
			Password: PASSWORD,
			UserAttributes: [{ Name: 'email', Value: 'kit@example.com' }],
		});
		expect(signedUp.CodeDeliveryDetails).toEqual({
			Destination: 'k***@e***',
			DeliveryMedium: 'EMAIL',
			AttributeName: 'email',
		});
		expect(t.sandbox.outbox).toHaveLength(0);
		const event = seen.CustomEmailSender![0]!;
		expect(event).toMatchObject({
			triggerSource: 'CustomEmailSender_SignUp',
			request: { type: 'customEmailSenderRequestV1', userAttributes: { email: 'kit@example.com' } },
		});
		const { plaintextCode } = JSON.parse(atob(event.request.code));
		await t.call('ConfirmSignUp', {
			ClientId: clientId,
			Username: 'kit',
			ConfirmationCode: plaintextCode,
		});
	});

	test('string-code triggers run in the isolated runtime, with their logs in the trace', async () => {
		t.sandbox.defineFunction(
			arn('learner'),
			'exports.handler = async (event) => { console.log("signing up", event.userName); event.response.autoConfirmUser = true; return event; };'
		);
		const { clientId } = await poolWithClient(t, { LambdaConfig: { PreSignUp: arn('learner') } });
		expect(
			(await t.call('SignUp', { ClientId: clientId, Username: 'hal', Password: PASSWORD }))
				.UserConfirmed
		).toBe(true);
		const [traced] = invocations(t);
		expect(traced!.response.response.autoConfirmUser).toBe(true);
		expect(traced!.logs.join('\n')).toContain('signing up hal');
	});

	test('a learner handler that throws or loops fails like a real trigger', async () => {
		t.sandbox.defineFunction(
			arn('thrower'),
			'export const handler = async () => { throw new Error("No sign-ups on Sundays"); };'
		);
		t.sandbox.defineFunction(
			arn('looper'),
			'export const handler = async () => { while (true) {} };'
		);
		const throwing = await poolWithClient(t, { LambdaConfig: { PreSignUp: arn('thrower') } });
		expect(
			await t.failure('SignUp', {
				ClientId: throwing.clientId,
				Username: 'ian',
				Password: PASSWORD,
			})
		).toBe('UserLambdaValidationException: PreSignUp failed with error No sign-ups on Sundays.');
		const looping = await poolWithClient(t, { LambdaConfig: { PreSignUp: arn('looper') } });
		expect(
			await t.failure('SignUp', { ClientId: looping.clientId, Username: 'jo', Password: PASSWORD })
		).toBe(
			'UnexpectedLambdaException: PreSignUp invocation failed due to error Socket timeout while invoking Lambda function.'
		);
		expect(invocations(t).at(-1)).toMatchObject({ attempts: 3, error: { kind: 'timeout' } });
	}, 20_000);
});

describe('authentication triggers', () => {
	let t: UserPoolSandbox;
	beforeEach(() => {
		t = userPoolSandbox(52);
	});

	const signIn = (clientId: string, username: string, password = PASSWORD, extra: Event = {}) =>
		t.call('InitiateAuth', {
			AuthFlow: 'USER_PASSWORD_AUTH',
			ClientId: clientId,
			AuthParameters: { USERNAME: username, PASSWORD: password },
			...extra,
		});

	async function confirmedUser(clientId: string, poolId: string, username: string) {
		await t.call('AdminCreateUser', {
			UserPoolId: poolId,
			Username: username,
			MessageAction: 'SUPPRESS',
			UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }],
		});
		await t.call('AdminSetUserPassword', {
			UserPoolId: poolId,
			Username: username,
			Password: PASSWORD,
			Permanent: true,
		});
		void clientId;
	}

	test('PreAuthentication can deny; PostAuthentication sees newDeviceUsed', async () => {
		const seen = defineTriggers(t, {
			PreAuthentication: (event) => {
				if (event.userName === 'blocked') throw new Error('Not today');
				return event;
			},
			PostAuthentication: (event) => event,
		});
		const { clientId, poolId } = await poolWithClient(t, {
			LambdaConfig: lambdaConfig(['PreAuthentication', 'PostAuthentication']),
		});
		await confirmedUser(clientId, poolId, 'blocked');
		await confirmedUser(clientId, poolId, 'ok');
		expect(
			await t.failure('InitiateAuth', {
				AuthFlow: 'USER_PASSWORD_AUTH',
				ClientId: clientId,
				AuthParameters: { USERNAME: 'blocked', PASSWORD },
			})
		).toBe('UserLambdaValidationException: PreAuthentication failed with error Not today.');
		await signIn(clientId, 'ok', PASSWORD, { ClientMetadata: { app: 'web' } });
		expect(seen.PreAuthentication!.at(-1)!.request.validationData).toEqual({ app: 'web' });
		expect(seen.PostAuthentication![0]).toMatchObject({
			triggerSource: 'PostAuthentication_Authentication',
			request: { newDeviceUsed: false },
		});
		expect(seen.PostAuthentication![0]!.request.clientMetadata).toBeUndefined();
	});

	test('PreTokenGeneration V1 customises the ID token and groups', async () => {
		const seen = defineTriggers(t, {
			PreTokenGeneration: (event) => ({
				...event,
				response: {
					claimsOverrideDetails: {
						claimsToAddOrOverride: { tier: 'gold', email: 'hidden@example.com', iss: 'evil' },
						claimsToSuppress: ['email_verified'],
						groupOverrideDetails: {
							groupsToOverride: ['vip'],
							iamRolesToOverride: [],
							preferredRole: null,
						},
					},
				},
			}),
		});
		const { clientId, poolId } = await poolWithClient(t, {
			LambdaConfig: lambdaConfig(['PreTokenGeneration']),
		});
		await confirmedUser(clientId, poolId, 'ivy');
		const { IdToken, AccessToken, RefreshToken } = (await signIn(clientId, 'ivy'))
			.AuthenticationResult;
		const id = claimsOf(IdToken);
		expect(id).toMatchObject({
			tier: 'gold',
			email: 'hidden@example.com',
			'cognito:groups': ['vip'],
		});
		expect(id.iss).toMatch(/^https:\/\/cognito-idp/);
		expect(id.email_verified).toBeUndefined();
		const access = claimsOf(AccessToken);
		expect(access.tier).toBeUndefined();
		expect(access['cognito:groups']).toEqual(['vip']);
		expect(seen.PreTokenGeneration![0]).toMatchObject({
			version: '1',
			triggerSource: 'TokenGeneration_Authentication',
			request: {
				groupConfiguration: { groupsToOverride: [], iamRolesToOverride: [], preferredRole: null },
			},
		});
		await t.call('InitiateAuth', {
			AuthFlow: 'REFRESH_TOKEN_AUTH',
			ClientId: clientId,
			AuthParameters: { REFRESH_TOKEN: RefreshToken },
		});
		expect(seen.PreTokenGeneration![1]!.triggerSource).toBe('TokenGeneration_RefreshTokens');
	});

	test('PreTokenGeneration V2 customises the access token and scopes', async () => {
		const seen = defineTriggers(t, {
			PreTokenGeneration: (event) => ({
				...event,
				response: {
					claimsAndScopeOverrideDetails: {
						idTokenGeneration: { claimsToAddOrOverride: { roles: ['a', 'b'] } },
						accessTokenGeneration: {
							claimsToAddOrOverride: { tenant: { id: 7 } },
							scopesToAdd: ['orders/read'],
							scopesToSuppress: [],
						},
					},
				},
			}),
		});
		const { clientId, poolId } = await poolWithClient(t, {
			LambdaConfig: {
				PreTokenGenerationConfig: { LambdaVersion: 'V2_0', LambdaArn: arn('PreTokenGeneration') },
			},
		});
		await confirmedUser(clientId, poolId, 'jay');
		const { IdToken, AccessToken } = (await signIn(clientId, 'jay')).AuthenticationResult;
		expect(claimsOf(IdToken).roles).toEqual(['a', 'b']);
		expect(claimsOf(AccessToken)).toMatchObject({
			tenant: { id: 7 },
			scope: 'aws.cognito.signin.user.admin orders/read',
		});
		expect(seen.PreTokenGeneration![0]).toMatchObject({
			version: '2',
			request: { scopes: ['aws.cognito.signin.user.admin'] },
		});
	});

	test('UserMigration imports an unknown user at sign-in and at ForgotPassword', async () => {
		const seen = defineTriggers(t, {
			UserMigration: (event) => {
				if (
					event.triggerSource === 'UserMigration_Authentication' &&
					event.request.password !== 'Legacy-Passw0rd'
				)
					throw new Error('Bad password');
				return {
					...event,
					response: {
						userAttributes: {
							email: `${event.userName}@legacy.example.com`,
							email_verified: 'true',
						},
						finalUserStatus: 'CONFIRMED',
						messageAction: 'SUPPRESS',
					},
				};
			},
		});
		const { clientId, poolId } = await poolWithClient(t, {
			LambdaConfig: lambdaConfig(['UserMigration']),
		});
		expect(
			await t.failure('InitiateAuth', {
				AuthFlow: 'USER_PASSWORD_AUTH',
				ClientId: clientId,
				AuthParameters: { USERNAME: 'kim', PASSWORD: 'nope' },
			})
		).toBe('UserLambdaValidationException: UserMigration failed with error Bad password.');
		// The migrated password is accepted as is (the pool policy does not apply to it).
		expect((await signIn(clientId, 'kim', 'Legacy-Passw0rd')).AuthenticationResult).toBeDefined();
		expect((await t.call('AdminGetUser', { UserPoolId: poolId, Username: 'kim' })).UserStatus).toBe(
			'CONFIRMED'
		);
		expect((await signIn(clientId, 'kim', 'Legacy-Passw0rd')).AuthenticationResult).toBeDefined();
		expect(seen.UserMigration).toHaveLength(2);
		const forgot = await t.call('ForgotPassword', { ClientId: clientId, Username: 'lee' });
		expect(forgot.CodeDeliveryDetails.DeliveryMedium).toBe('EMAIL');
		expect(seen.UserMigration!.at(-1)!.triggerSource).toBe('UserMigration_ForgotPassword');
		expect((await t.call('AdminGetUser', { UserPoolId: poolId, Username: 'lee' })).UserStatus).toBe(
			'RESET_REQUIRED'
		);
	});

	test('UserMigration at sign-in confirms the user unless finalUserStatus is RESET_REQUIRED', async () => {
		defineTriggers(t, {
			UserMigration: (event) => ({
				...event,
				response: {
					userAttributes: { email: `${event.userName}@legacy.example.com`, email_verified: 'true' },
					...(event.userName === 'weak' ? { finalUserStatus: 'RESET_REQUIRED' } : {}),
				},
			}),
		});
		const { clientId, poolId } = await poolWithClient(t, {
			LambdaConfig: lambdaConfig(['UserMigration']),
		});
		// finalUserStatus omitted: the user is confirmed and keeps the old password.
		expect(
			(await signIn(clientId, 'omitted', 'Legacy-Passw0rd')).AuthenticationResult
		).toBeDefined();
		expect(
			(await t.call('AdminGetUser', { UserPoolId: poolId, Username: 'omitted' })).UserStatus
		).toBe('CONFIRMED');
		// RESET_REQUIRED: the sign-in asks for a password reset.
		expect(
			await t.failure('InitiateAuth', {
				AuthFlow: 'USER_PASSWORD_AUTH',
				ClientId: clientId,
				AuthParameters: { USERNAME: 'weak', PASSWORD: 'Legacy-Passw0rd' },
			})
		).toMatch(/^PasswordResetRequiredException/);
		expect(
			(await t.call('AdminGetUser', { UserPoolId: poolId, Username: 'weak' })).UserStatus
		).toBe('RESET_REQUIRED');
	});

	test('custom auth: Define → Create → Verify until Define issues tokens', async () => {
		const seen = defineTriggers(t, {
			DefineAuthChallenge: (event) => {
				const session = event.request.session as Array<{ challengeResult: boolean }>;
				const last = session.at(-1);
				const response = last?.challengeResult
					? { issueTokens: true, failAuthentication: false }
					: session.length >= 3
						? { issueTokens: false, failAuthentication: true }
						: { challengeName: 'CUSTOM_CHALLENGE', issueTokens: false, failAuthentication: false };
				return { ...event, response };
			},
			CreateAuthChallenge: (event) => ({
				...event,
				response: {
					publicChallengeParameters: { question: '2 + 2' },
					privateChallengeParameters: { answer: '4' },
					challengeMetadata: 'MATH',
				},
			}),
			VerifyAuthChallengeResponse: (event) => ({
				...event,
				response: {
					answerCorrect:
						event.request.challengeAnswer === event.request.privateChallengeParameters.answer,
				},
			}),
		});
		const { clientId, poolId } = await poolWithClient(t, {
			LambdaConfig: lambdaConfig([
				'DefineAuthChallenge',
				'CreateAuthChallenge',
				'VerifyAuthChallengeResponse',
			]),
		});
		await confirmedUser(clientId, poolId, 'max');
		const first = await t.call('InitiateAuth', {
			AuthFlow: 'CUSTOM_AUTH',
			ClientId: clientId,
			AuthParameters: { USERNAME: 'max' },
		});
		expect(first).toMatchObject({
			ChallengeName: 'CUSTOM_CHALLENGE',
			ChallengeParameters: { question: '2 + 2', USERNAME: 'max' },
		});
		const second = await t.call('RespondToAuthChallenge', {
			ClientId: clientId,
			ChallengeName: 'CUSTOM_CHALLENGE',
			Session: first.Session,
			ChallengeResponses: { USERNAME: 'max', ANSWER: '5' },
		});
		expect(second.ChallengeName).toBe('CUSTOM_CHALLENGE');
		const done = await t.call('RespondToAuthChallenge', {
			ClientId: clientId,
			ChallengeName: 'CUSTOM_CHALLENGE',
			Session: second.Session,
			ChallengeResponses: { USERNAME: 'max', ANSWER: '4' },
		});
		expect(done.AuthenticationResult.IdToken).toBeDefined();
		expect(seen.DefineAuthChallenge!.at(-1)!.request.session).toEqual([
			{ challengeName: 'CUSTOM_CHALLENGE', challengeResult: false, challengeMetadata: 'MATH' },
			{ challengeName: 'CUSTOM_CHALLENGE', challengeResult: true, challengeMetadata: 'MATH' },
		]);
		expect(seen.VerifyAuthChallengeResponse![0]!.triggerSource).toBe(
			'VerifyAuthChallengeResponse_Authentication'
		);
		// Three wrong answers: Define fails the authentication.
		let step = await t.call('InitiateAuth', {
			AuthFlow: 'CUSTOM_AUTH',
			ClientId: clientId,
			AuthParameters: { USERNAME: 'max' },
		});
		for (let i = 0; i < 2; i++)
			step = await t.call('RespondToAuthChallenge', {
				ClientId: clientId,
				ChallengeName: 'CUSTOM_CHALLENGE',
				Session: step.Session,
				ChallengeResponses: { USERNAME: 'max', ANSWER: 'x' },
			});
		expect(
			await t.failure('RespondToAuthChallenge', {
				ClientId: clientId,
				ChallengeName: 'CUSTOM_CHALLENGE',
				Session: step.Session,
				ChallengeResponses: { USERNAME: 'max', ANSWER: 'x' },
			})
		).toBe('NotAuthorizedException: Incorrect username or password.');
	});
});
