/**
 * Threat protection at sign-in, through the wire protocol: every level and action in full-function (ENFORCED)
 * and audit-only (AUDIT) mode, the MFA it asks for, the block messages, the IP lists, the notification email,
 * feedback, and the RiskEvaluated trace. Fixed clock, seeded randomness.
 */
import { AuthenticationDetails, CognitoUser, CognitoUserPool } from 'amazon-cognito-identity-js';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import {
	claimsOf,
	PASSWORD,
	signUpConfirmed,
	userPoolSandbox,
	type Json,
	type UserPoolSandbox,
} from '../../../../fixtures/user-pool-sandbox';
import { actions, protectedPool, SMS } from './fixtures';

const HOUR = 3_600_000;
const SEATTLE = '192.0.2.10';
const FRANKFURT = '198.51.100.7';
const TOKYO = '203.0.113.5';

/** Signs a user up (with a phone number when given) and makes their first, baseline sign-in from Seattle. */
async function userWithBaseline(
	t: UserPoolSandbox,
	p: Awaited<ReturnType<typeof protectedPool>>,
	username: string,
	phone?: string
) {
	await t.call('SignUp', {
		ClientId: p.clientId,
		Username: username,
		Password: PASSWORD,
		UserAttributes: [
			{ Name: 'email', Value: `${username}@example.com` },
			...(phone ? [{ Name: 'phone_number', Value: phone }] : []),
		],
	});
	await t.call('ConfirmSignUp', {
		ClientId: p.clientId,
		Username: username,
		ConfirmationCode: t.lastCode(`${username}@example.com`),
	});
	const first = await p.signIn(username, SEATTLE, 'laptop');
	expect(first.AuthenticationResult).toBeDefined();
	t.clock.advance(48 * HOUR);
}

describe('full-function mode (ENFORCED)', () => {
	let t: UserPoolSandbox;
	let p: Awaited<ReturnType<typeof protectedPool>>;
	beforeEach(async () => {
		t = userPoolSandbox(501);
		p = await protectedPool(t, 'ENFORCED');
	});

	test('the first sign-in is the baseline: NoRisk, with its context in the event and its id in the tokens', async () => {
		await signUpConfirmed(t, p.clientId, 'ana');
		const { AuthenticationResult } = await p.signIn('ana', SEATTLE, 'laptop');
		const [signIn] = await p.events('ana');
		expect(signIn).toMatchObject({
			EventType: 'SignIn',
			EventResponse: 'Pass',
			EventRisk: { RiskDecision: 'NoRisk', CompromisedCredentialsDetected: false },
			ChallengeResponses: [{ ChallengeName: 'Password', ChallengeResponse: 'Success' }],
			EventContextData: {
				IpAddress: SEATTLE,
				DeviceName: 'laptop (Firefox)',
				City: 'Seattle',
				Country: 'United States',
			},
		});
		expect(signIn.EventRisk.RiskLevel).toBeUndefined();
		expect(claimsOf(AuthenticationResult.AccessToken).event_id).toBe(signIn.EventId);
		expect(claimsOf(AuthenticationResult.IdToken).event_id).toBe(signIn.EventId);
	});

	test('Low risk (new device) with MFA_REQUIRED: an SMS code although the user enabled no MFA', async () => {
		await p.setRisk(actions('MFA_REQUIRED', 'MFA_REQUIRED', 'BLOCK'));
		await userWithBaseline(t, p, 'bea', '+15555550101');
		const challenge = await p.signIn('bea', SEATTLE, 'tablet');
		expect(challenge.ChallengeName).toBe('SMS_MFA');
		const [inProgress] = await p.events('bea');
		expect(inProgress).toMatchObject({
			EventResponse: 'InProgress',
			EventRisk: { RiskDecision: 'AccountTakeover', RiskLevel: 'Low' },
		});
		const done = await t.call('RespondToAuthChallenge', {
			ClientId: p.clientId,
			ChallengeName: 'SMS_MFA',
			Session: challenge.Session,
			ChallengeResponses: { USERNAME: 'bea', SMS_MFA_CODE: t.lastCode('+15555550101') },
		});
		const [passed] = await p.events('bea');
		expect(passed.EventId).toBe(inProgress.EventId);
		expect(passed.EventResponse).toBe('Pass');
		expect(passed.ChallengeResponses).toEqual([
			{ ChallengeName: 'Password', ChallengeResponse: 'Success' },
			{ ChallengeName: 'Mfa', ChallengeResponse: 'Success' },
		]);
		expect(claimsOf(done.AuthenticationResult.AccessToken).event_id).toBe(passed.EventId);
		// The tablet passed MFA: it is trusted now.
		t.clock.advance(HOUR);
		expect((await p.signIn('bea', SEATTLE, 'tablet')).AuthenticationResult).toBeDefined();
	});

	test('MFA_REQUIRED blocks a user with no factor the pool offers; MFA_IF_CONFIGURED lets them in', async () => {
		await p.setRisk(actions('MFA_REQUIRED', 'MFA_REQUIRED', 'MFA_REQUIRED'));
		await userWithBaseline(t, p, 'cal');
		expect(await p.signInError('cal', SEATTLE, 'tablet')).toBe(
			'NotAuthorizedException: Unable to login because of security reasons.'
		);
		const [blocked] = await p.events('cal');
		expect(blocked).toMatchObject({
			EventResponse: 'Fail',
			EventRisk: { RiskDecision: 'Block', RiskLevel: 'Low' },
		});
		await p.setRisk(actions('MFA_IF_CONFIGURED', 'MFA_IF_CONFIGURED', 'MFA_IF_CONFIGURED'));
		expect((await p.signIn('cal', SEATTLE, 'tablet')).AuthenticationResult).toBeDefined();
		expect(p.evaluations().at(-1)).toMatchObject({
			level: 'Low',
			action: { name: 'MFA_IF_CONFIGURED' },
			outcome: 'Allowed',
		});
	});

	test("MFA actions use the user's own MFA when they have one (Medium risk here)", async () => {
		await p.setRisk(actions('NO_ACTION', 'MFA_IF_CONFIGURED', 'BLOCK'));
		await userWithBaseline(t, p, 'dan', '+15555550102');
		await t.call('AdminSetUserMFAPreference', {
			UserPoolId: p.poolId,
			Username: 'dan',
			SMSMfaSettings: { Enabled: true, PreferredMfa: true },
		});
		// New device from a new country, two days later: Medium.
		const challenge = await p.signIn('dan', FRANKFURT, 'tablet');
		expect(challenge.ChallengeName).toBe('SMS_MFA');
		expect(p.evaluations().at(-1)).toMatchObject({ level: 'Medium', outcome: 'MfaChallenge' });
	});

	test('High risk (impossible travel) with BLOCK: the real message, a Block event and the BlockEmail', async () => {
		await p.setRisk({
			...actions('NO_ACTION', 'NO_ACTION', 'BLOCK', true),
			AccountTakeoverRiskConfiguration: {
				...actions('NO_ACTION', 'NO_ACTION', 'BLOCK', true).AccountTakeoverRiskConfiguration,
				NotifyConfiguration: {
					SourceArn: 'arn:aws:ses:us-east-1:123456789012:identity/security@example.com',
					From: 'security@example.com',
					BlockEmail: {
						Subject: 'Blocked sign-in for {username}',
						TextBody:
							'Time: {login-time} Device: {device-name} Place: {city}, {country} IP: {ip-address} Event: {event-id} Token: {feedback-token} Links: [{one-click-link-valid}]',
					},
				},
			},
		});
		await userWithBaseline(t, p, 'eve');
		t.clock.advance(-47 * HOUR); // one hour after the Seattle sign-in
		expect(await p.signInError('eve', TOKYO, 'laptop')).toBe(
			'NotAuthorizedException: Unable to login because of security reasons.'
		);
		const [blocked] = await p.events('eve');
		expect(blocked.EventRisk).toEqual({
			RiskDecision: 'Block',
			RiskLevel: 'High',
			CompromisedCredentialsDetected: false,
		});
		const email = t.sandbox.outbox.at(-1)!;
		expect(email.destination).toBe('eve@example.com');
		expect(email.subject).toBe('Blocked sign-in for eve');
		const token = /Token: (\S+)/.exec(email.body)![1]!;
		expect(email.body).toBe(
			`Time: ${new Date(t.clock.now()).toISOString()} Device: laptop (Firefox) Place: Tokyo, Japan IP: ${TOKYO} Event: ${blocked.EventId} Token: ${token} Links: []`
		);
		const evaluation = p.evaluations().at(-1)!;
		expect(evaluation).toMatchObject({
			eventId: blocked.EventId,
			mode: 'ENFORCED',
			level: 'High',
			action: { name: 'BLOCK', source: 'AccountTakeoverRiskConfiguration.Actions.HighAction' },
			outcome: 'Blocked',
			notified: 'BlockEmail',
			context: { ipAddress: TOKYO, ipSource: 'UserContextData', country: 'Japan', city: 'Tokyo' },
		});
		expect(evaluation.factors.map((f: Json) => f.factor)).toEqual([
			'KnownDevice',
			'NewLocation',
			'ImpossibleTravel',
		]);

		// The user says it was them: with the emailed token, the event becomes trusted.
		expect(
			await t.failure('UpdateAuthEventFeedback', {
				UserPoolId: p.poolId,
				Username: 'eve',
				EventId: blocked.EventId,
				FeedbackToken: 'not-the-token',
				FeedbackValue: 'Valid',
			})
		).toMatch(/^NotAuthorizedException/);
		await t.call('UpdateAuthEventFeedback', {
			UserPoolId: p.poolId,
			Username: 'eve',
			EventId: blocked.EventId,
			FeedbackToken: token,
			FeedbackValue: 'Valid',
		});
		const [withFeedback] = await p.events('eve');
		expect(withFeedback.EventFeedback).toEqual({
			FeedbackValue: 'Valid',
			Provider: 'User',
			FeedbackDate: t.clock.now() / 1000,
		});
		expect((await p.signIn('eve', TOKYO, 'laptop')).AuthenticationResult).toBeDefined();
	});

	test('one-click links point at the pool domain when it has one', async () => {
		await t.call('CreateUserPoolDomain', { UserPoolId: p.poolId, Domain: 'risk-demo' });
		await p.setRisk(actions('NO_ACTION', 'NO_ACTION', 'NO_ACTION', true));
		await userWithBaseline(t, p, 'fay');
		expect((await p.signIn('fay', SEATTLE, 'phone')).AuthenticationResult).toBeDefined();
		const email = t.sandbox.outbox.at(-1)!;
		expect(email.reason).toBe('AccountTakeoverNotification:NoActionEmail');
		expect(email.body).toMatch(
			/Yes: https:\/\/risk-demo\.auth\.us-east-1\.amazoncognito\.com\/risk-feedback\?user_pool_id=.+&feedback_value=Valid No: https:\/\/.+feedback_value=Invalid/
		);
	});

	test('an administrator marks an event Invalid: its device becomes a risk factor', async () => {
		await p.setRisk(actions('NO_ACTION', 'BLOCK', 'BLOCK'));
		await userWithBaseline(t, p, 'gus');
		await p.signIn('gus', SEATTLE, 'stranger-pc');
		const [event] = await p.events('gus');
		await t.call('AdminUpdateAuthEventFeedback', {
			UserPoolId: p.poolId,
			Username: 'gus',
			EventId: event.EventId,
			FeedbackValue: 'Invalid',
		});
		expect((await p.events('gus'))[0].EventFeedback).toMatchObject({
			FeedbackValue: 'Invalid',
			Provider: 'Admin',
		});
		// New device (25) + reported (45) = 70: High → BLOCK.
		expect(await p.signInError('gus', SEATTLE, 'stranger-pc')).toBe(
			'NotAuthorizedException: Unable to login because of security reasons.'
		);
		expect(p.evaluations().at(-1)).toMatchObject({ score: 70, level: 'High' });
		expect(
			await t.failure('AdminUpdateAuthEventFeedback', {
				UserPoolId: p.poolId,
				Username: 'gus',
				EventId: 'no-such-event',
				FeedbackValue: 'Valid',
			})
		).toMatch(/^ResourceNotFoundException/);
	});

	test('repeated wrong passwords raise the risk of the next sign-in', async () => {
		await p.setRisk(actions('BLOCK', 'BLOCK', 'BLOCK'));
		await userWithBaseline(t, p, 'hal');
		for (let i = 0; i < 3; i++) await p.signInError('hal', SEATTLE, 'laptop', 'Wrong-Passw0rd');
		expect(await p.signInError('hal', SEATTLE, 'laptop')).toBe(
			'NotAuthorizedException: Unable to login because of security reasons.'
		);
		expect(p.evaluations().at(-1)!.factors.at(-1)).toEqual({
			factor: 'RepeatedFailures',
			points: 20,
			reason: '3 wrong passwords in the last 15 minutes.',
		});
		t.clock.advance(16 * 60_000);
		expect((await p.signIn('hal', SEATTLE, 'laptop')).AuthenticationResult).toBeDefined();
	});

	test('SRP sign-ins (amazon-cognito-identity-js) are evaluated after the verifier, never for compromised credentials', async () => {
		// The library sends UserContextData.EncodedData from a global AmazonCognitoAdvancedSecurityData when one
		// exists; this stand-in returns the sandbox's JSON form on the InitiateAuth call only (the library asks
		// twice per request: once to test, once to send).
		let device: string | undefined;
		let asks = 0;
		vi.stubGlobal('AmazonCognitoAdvancedSecurityData', {
			getData: () => (asks++ < 2 && device ? JSON.stringify({ DeviceId: device }) : undefined),
		});
		vi.stubGlobal('fetch', (url: string, init: RequestInit) =>
			t.sandbox.fetch(new Request(url, init))
		);
		try {
			await p.setRisk(actions('BLOCK', 'BLOCK', 'BLOCK'));
			await signUpConfirmed(t, p.clientId, 'ida');
			const pool = new CognitoUserPool({
				UserPoolId: p.poolId,
				ClientId: p.clientId,
				endpoint: 'http://localhost/',
			});
			const srpSignIn = (password: string, from?: string) => {
				device = from;
				asks = 0;
				return new Promise<string>((resolve) =>
					new CognitoUser({ Username: 'ida', Pool: pool }).authenticateUser(
						new AuthenticationDetails({ Username: 'ida', Password: password }),
						{
							onSuccess: () => resolve('success'),
							onFailure: (error) => resolve(`${error.code}: ${error.message}`),
						}
					)
				);
			};
			const blocked = 'NotAuthorizedException: Unable to login because of security reasons.';
			expect(await srpSignIn(PASSWORD, 'lib-laptop')).toBe('success');
			// A new device, named on InitiateAuth only: the verifier step is judged with that context.
			expect(await srpSignIn(PASSWORD, 'lib-tablet')).toBe(blocked);
			expect(p.evaluations().at(-1)).toMatchObject({
				level: 'Low',
				context: { ipAddress: '127.0.0.1', ipSource: 'caller', deviceId: 'lib-tablet' },
			});
			expect(await srpSignIn(PASSWORD, 'lib-laptop')).toBe('success');
			for (let i = 0; i < 3; i++)
				expect(await srpSignIn('Wrong-Passw0rd', 'lib-laptop')).toBe(
					'NotAuthorizedException: Incorrect username or password.'
				);
			expect(await srpSignIn(PASSWORD, 'lib-laptop')).toBe(blocked);
			const last = p.evaluations().at(-1)!;
			expect(last).toMatchObject({ level: 'Low', outcome: 'Blocked' });
			expect(last.factors.at(-1).factor).toBe('RepeatedFailures');
			expect(last.compromisedCredentials).toBeUndefined();
		} finally {
			vi.unstubAllGlobals();
		}
	}, 60_000);
});

describe('audit-only mode (AUDIT)', () => {
	test('every level is evaluated and recorded, nothing is enforced and nobody is notified', async () => {
		const t = userPoolSandbox(502);
		const p = await protectedPool(t, 'AUDIT');
		await p.setRisk(actions('BLOCK', 'BLOCK', 'BLOCK', true));
		await userWithBaseline(t, p, 'ola', '+15555550103');
		const outboxBefore = t.sandbox.outbox.length;
		t.clock.advance(-47 * HOUR);
		expect((await p.signIn('ola', TOKYO, 'tablet')).AuthenticationResult).toBeDefined();
		const [event] = await p.events('ola');
		expect(event).toMatchObject({
			EventResponse: 'Pass',
			EventRisk: { RiskDecision: 'AccountTakeover', RiskLevel: 'High' },
		});
		expect(p.evaluations().at(-1)).toMatchObject({
			mode: 'AUDIT',
			level: 'High',
			action: { name: 'BLOCK' },
			outcome: 'AuditOnly',
		});
		expect(t.sandbox.outbox.length).toBe(outboxBefore);
	});
});

describe('IP address exceptions', () => {
	test('BlockedIPRangeList refuses before the password is checked; SkippedIPRangeList skips detection', async () => {
		const t = userPoolSandbox(503);
		const p = await protectedPool(t, 'ENFORCED');
		await userWithBaseline(t, p, 'pia');
		await p.setRisk({
			...actions('BLOCK', 'BLOCK', 'BLOCK'),
			RiskExceptionConfiguration: {
				BlockedIPRangeList: ['198.51.100.0/24'],
				SkippedIPRangeList: ['203.0.113.0/24', '2001:db8::/32'],
			},
		});
		const blocked = 'NotAuthorizedException: Request not allowed due to security reasons.';
		expect(await p.signInError('pia', FRANKFURT, 'laptop', 'Wrong-Passw0rd')).toBe(blocked);
		expect(await p.signInError('ghost', FRANKFURT, 'laptop')).toBe(blocked);
		const [event] = await p.events('pia');
		expect(event.EventRisk.RiskDecision).toBe('Block');
		// Tokyo is a new country on a new device, but the range is skipped.
		expect((await p.signIn('pia', TOKYO, 'burner')).AuthenticationResult).toBeDefined();
		expect(p.evaluations().at(-1)).toMatchObject({
			level: 'NoRisk',
			action: { name: 'NO_ACTION', source: 'SkippedIPRangeList 203.0.113.0/24' },
		});
		expect((await p.signIn('pia', '2001:db8::1', 'burner')).AuthenticationResult).toBeDefined();
	});
});

describe('client context', () => {
	test('IpAddress counts only with EnablePropagateAdditionalUserContextData; admin calls use ContextData', async () => {
		const t = userPoolSandbox(504);
		const p = await protectedPool(
			t,
			'AUDIT',
			{},
			{ EnablePropagateAdditionalUserContextData: false }
		);
		await signUpConfirmed(t, p.clientId, 'quin');
		await p.signIn('quin', TOKYO, 'phone');
		expect((await p.events('quin'))[0].EventContextData).toEqual({
			IpAddress: '127.0.0.1',
			DeviceName: 'phone (Firefox)',
		});
		expect(p.evaluations().at(-1)!.context.notes[0]).toMatch(
			/^UserContextData\.IpAddress was ignored: the app client does not have EnablePropagateAdditionalUserContextData/
		);
		await t.call('AdminInitiateAuth', {
			UserPoolId: p.poolId,
			ClientId: p.clientId,
			AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
			AuthParameters: { USERNAME: 'quin', PASSWORD },
			ContextData: {
				IpAddress: FRANKFURT,
				ServerName: 'app.example.com',
				ServerPath: '/login',
				HttpHeaders: [{ headerName: 'user-agent', headerValue: 'Mozilla/5.0 (X11; Linux)' }],
				EncodedData: 'opaque-fingerprint-from-the-real-library',
			},
		});
		const [admin] = await p.events('quin');
		expect(admin.EventContextData).toEqual({
			IpAddress: FRANKFURT,
			DeviceName: 'Mozilla/5.0 (X11; Linux)',
			City: 'Frankfurt',
			Country: 'Germany',
		});
		expect(p.evaluations().at(-1)!.context).toMatchObject({
			ipSource: 'ContextData',
			notes: [expect.stringMatching(/^EncodedData is not the sandbox's JSON form/)],
		});
	});

	test('an IpAddress that is not an address is InvalidParameterException', async () => {
		const t = userPoolSandbox(505);
		const p = await protectedPool(t, 'AUDIT');
		await signUpConfirmed(t, p.clientId, 'rex');
		for (const ip of ['999.1.1.1', '0x7f.0.0.1', '1.2.3', 'fe80::1%eth0', '<script>'])
			expect(await p.signInError('rex', ip)).toBe(
				'InvalidParameterException: UserContextData.IpAddress must be a valid IPv4 or IPv6 address.'
			);
	});
});

describe('custom authentication', () => {
	test('evaluated only with AdvancedSecurityAdditionalFlows.CustomAuthMode', async () => {
		const t = userPoolSandbox(506);
		t.sandbox.defineFunction(
			'arn:aws:lambda:us-east-1:123456789012:function:define',
			(event: any) => ({
				...event,
				response: { issueTokens: true, failAuthentication: false, challengeName: null },
			})
		);
		const lambda = { DefineAuthChallenge: 'arn:aws:lambda:us-east-1:123456789012:function:define' };
		const run = async (addOns: Json) => {
			const p = await protectedPool(t, 'ENFORCED', {
				UserPoolAddOns: addOns,
				LambdaConfig: lambda,
			});
			await userWithBaseline(t, p, 'sam');
			await p.setRisk(actions('BLOCK', 'BLOCK', 'BLOCK'));
			return {
				p,
				custom: () =>
					t.call('InitiateAuth', {
						AuthFlow: 'CUSTOM_AUTH',
						ClientId: p.clientId,
						AuthParameters: { USERNAME: 'sam' },
						UserContextData: { IpAddress: SEATTLE, EncodedData: '{"DeviceId":"kiosk"}' },
					}),
			};
		};
		const off = await run({ AdvancedSecurityMode: 'ENFORCED' });
		expect((await off.custom()).AuthenticationResult).toBeDefined();
		const on = await run({
			AdvancedSecurityMode: 'ENFORCED',
			AdvancedSecurityAdditionalFlows: { CustomAuthMode: 'ENFORCED' },
		});
		await expect(on.custom()).rejects.toThrow(
			'NotAuthorizedException: Unable to login because of security reasons.'
		);
		expect(on.p.evaluations().at(-1)).toMatchObject({ flow: 'custom', level: 'Low' });
	});
});
