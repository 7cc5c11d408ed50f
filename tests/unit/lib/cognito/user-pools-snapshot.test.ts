import { describe, expect, test } from 'vitest';
import { createSandbox } from '../../../../src/lib/cognito';
import { mulberry32 } from '../../../fixtures/random';
import {
	claimsOf,
	headerOf,
	type Json,
	mapEntries,
	NOW,
	PASSWORD,
	poolWithClient,
	signUpConfirmed,
	userPoolSandbox,
} from '../../../fixtures/user-pool-sandbox';

describe('snapshot / restore', () => {
	test('a restored sandbox keeps pools, users, keys and live tokens', async () => {
		const t = userPoolSandbox(81);
		const { poolId, clientId } = await poolWithClient(t);
		await signUpConfirmed(t, clientId, 'alice');
		const before = (
			await t.call('InitiateAuth', {
				AuthFlow: 'USER_PASSWORD_AUTH',
				ClientId: clientId,
				AuthParameters: { USERNAME: 'alice', PASSWORD },
			})
		).AuthenticationResult;
		const snapshot = JSON.parse(JSON.stringify(t.sandbox.snapshot()));

		const restored = createSandbox({ clock: { now: () => NOW }, random: mulberry32(99) });
		restored.restore(snapshot);
		const call = async (operation: string, input: object) => {
			const response = await restored.fetch(
				new Request('http://localhost/', {
					method: 'POST',
					headers: { 'X-Amz-Target': `AWSCognitoIdentityProviderService.${operation}` },
					body: JSON.stringify(input),
				})
			);
			return { status: response.status, body: await response.json() };
		};
		expect((await call('GetUser', { AccessToken: before.AccessToken })).body.Username).toBe(
			'alice'
		);
		const after = (
			await call('InitiateAuth', {
				AuthFlow: 'USER_PASSWORD_AUTH',
				ClientId: clientId,
				AuthParameters: { USERNAME: 'alice', PASSWORD },
			})
		).body.AuthenticationResult;
		expect(headerOf(after.IdToken).kid).toBe(headerOf(before.IdToken).kid);
		expect(claimsOf(after.IdToken).iss).toBe(
			`https://cognito-idp.us-east-1.amazonaws.com/${poolId}`
		);
		const refreshed = await call('InitiateAuth', {
			AuthFlow: 'REFRESH_TOKEN_AUTH',
			ClientId: clientId,
			AuthParameters: { REFRESH_TOKEN: before.RefreshToken },
		});
		expect(refreshed.status).toBe(200);
		const jwks = await (
			await restored.fetch(new Request(`http://localhost/${poolId}/.well-known/jwks.json`))
		).json();
		expect(jwks.keys).toHaveLength(2);
		expect(JSON.stringify(snapshot.userPools)).not.toMatch(/CryptoKey/);
	});

	test('the state is plain JSON and an unknown pool has no well-known documents', async () => {
		const t = userPoolSandbox(82);
		await poolWithClient(t);
		const state = t.sandbox.snapshot().userPools as Record<string, unknown>;
		expect(JSON.parse(JSON.stringify(state))).toEqual(state);
		const response = await t.sandbox.fetch(
			new Request('http://localhost/us-east-1_missing00/.well-known/jwks.json')
		);
		expect(response.status).toBe(404);
	});
});

describe('SRP inside other flows', () => {
	test('USER_AUTH with PREFERRED_CHALLENGE PASSWORD_SRP and CUSTOM_AUTH with CHALLENGE_NAME=SRP_A start with PASSWORD_VERIFIER', async () => {
		const t = userPoolSandbox(83);
		const { clientId } = await poolWithClient(
			t,
			{},
			{ ExplicitAuthFlows: ['ALLOW_USER_AUTH', 'ALLOW_CUSTOM_AUTH'] }
		);
		await signUpConfirmed(t, clientId, 'bob');
		const viaUserAuth = await t.call('InitiateAuth', {
			AuthFlow: 'USER_AUTH',
			ClientId: clientId,
			AuthParameters: { USERNAME: 'bob', PREFERRED_CHALLENGE: 'PASSWORD_SRP', SRP_A: 'abcdef' },
		});
		expect(viaUserAuth.ChallengeName).toBe('PASSWORD_VERIFIER');
		const select = await t.call('InitiateAuth', {
			AuthFlow: 'USER_AUTH',
			ClientId: clientId,
			AuthParameters: { USERNAME: 'bob' },
		});
		expect(select.AvailableChallenges).toEqual(['PASSWORD', 'PASSWORD_SRP']);
		const chosen = await t.call('RespondToAuthChallenge', {
			ClientId: clientId,
			ChallengeName: 'SELECT_CHALLENGE',
			Session: select.Session,
			ChallengeResponses: { USERNAME: 'bob', ANSWER: 'PASSWORD', PASSWORD },
		});
		expect(chosen.AuthenticationResult).toBeDefined();
		expect(
			await t.failure('InitiateAuth', {
				AuthFlow: 'CUSTOM_AUTH',
				ClientId: clientId,
				AuthParameters: { USERNAME: 'bob' },
			})
		).toBe(
			'InvalidParameterException: Custom auth lambda trigger is not configured for the user pool.'
		);
		const defineSessions: unknown[] = [];
		t.sandbox.defineFunction(
			'arn:aws:lambda:us-east-1:123456789012:function:define',
			(event: any) => {
				defineSessions.push(event.request.session);
				return {
					...event,
					response: {
						challengeName: 'PASSWORD_VERIFIER',
						issueTokens: false,
						failAuthentication: false,
					},
				};
			}
		);
		const id = mapEntries((t.sandbox.snapshot().userPools as Json).pools)[0]![0];
		await t.call('UpdateUserPool', {
			UserPoolId: id,
			AutoVerifiedAttributes: ['email'],
			LambdaConfig: {
				DefineAuthChallenge: 'arn:aws:lambda:us-east-1:123456789012:function:define',
			},
		});
		const custom = await t.call('InitiateAuth', {
			AuthFlow: 'CUSTOM_AUTH',
			ClientId: clientId,
			AuthParameters: { USERNAME: 'bob', CHALLENGE_NAME: 'SRP_A', SRP_A: 'abcdef' },
		});
		expect(custom.ChallengeName).toBe('PASSWORD_VERIFIER');
		expect(
			await t.failure('RespondToAuthChallenge', {
				ClientId: clientId,
				ChallengeName: 'PASSWORD_VERIFIER',
				Session: custom.Session,
				ChallengeResponses: {
					USERNAME: 'bob',
					PASSWORD_CLAIM_SIGNATURE: 'x',
					PASSWORD_CLAIM_SECRET_BLOCK: 'y',
					TIMESTAMP: 'yesterday',
				},
			})
		).toBe(
			'InvalidParameterException: TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.'
		);
		expect(defineSessions).toEqual([
			[{ challengeName: 'SRP_A', challengeResult: true, challengeMetadata: null }],
		]);
	});
});

describe('USER_AUTH never reveals unknown users', () => {
	test('even a LEGACY client gets a normal-looking challenge or the generic error', async () => {
		const t = userPoolSandbox(84);
		const { clientId } = await poolWithClient(
			t,
			{ Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'] } } },
			{ ExplicitAuthFlows: ['ALLOW_USER_AUTH'] }
		);
		const select = await t.call('InitiateAuth', {
			AuthFlow: 'USER_AUTH',
			ClientId: clientId,
			AuthParameters: { USERNAME: 'ghost@example.com' },
		});
		expect(select.ChallengeName).toBe('SELECT_CHALLENGE');
		const otp = await t.call('RespondToAuthChallenge', {
			ClientId: clientId,
			ChallengeName: 'SELECT_CHALLENGE',
			Session: select.Session,
			ChallengeResponses: { USERNAME: 'ghost@example.com', ANSWER: 'EMAIL_OTP' },
		});
		expect(otp).toMatchObject({
			ChallengeName: 'EMAIL_OTP',
			ChallengeParameters: {
				CODE_DELIVERY_DELIVERY_MEDIUM: 'EMAIL',
				CODE_DELIVERY_DESTINATION: 'g***@e***',
			},
		});
		expect(t.sandbox.outbox).toHaveLength(0);
		expect(
			await t.failure('RespondToAuthChallenge', {
				ClientId: clientId,
				ChallengeName: 'EMAIL_OTP',
				Session: otp.Session,
				ChallengeResponses: { USERNAME: 'ghost@example.com', EMAIL_OTP_CODE: '12345678' },
			})
		).toBe('CodeMismatchException: Invalid code received for user');
		expect(
			await t.failure('InitiateAuth', {
				AuthFlow: 'USER_AUTH',
				ClientId: clientId,
				AuthParameters: { USERNAME: 'ghost', PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD },
			})
		).toBe('NotAuthorizedException: Incorrect username or password.');
		const srp = await t.call('InitiateAuth', {
			AuthFlow: 'USER_AUTH',
			ClientId: clientId,
			AuthParameters: { USERNAME: 'ghost', PREFERRED_CHALLENGE: 'PASSWORD_SRP', SRP_A: 'abcdef' },
		});
		expect(srp.ChallengeName).toBe('PASSWORD_VERIFIER');
	});
});
