/**
 * Threat protection's configuration and the password events: feature plans, Set/DescribeRiskConfiguration
 * (pool and client level), compromised credentials on sign-up, sign-in and password change, the AWS SDK v3
 * client sending UserContextData, and a snapshot round trip of everything threat protection stores.
 */
import {
	AdminListUserAuthEventsCommand,
	CognitoIdentityProviderClient,
	InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, test } from 'vitest';
import { createSandbox } from '../../../../../src/lib/cognito';
import { sdkConfig } from '../../../../fixtures/sdk';
import { mulberry32 } from '../../../../fixtures/random';
import {
	mapEntries,
	NOW,
	PASSWORD,
	poolSnapshot,
	poolWithClient,
	signUpConfirmed,
	userPoolSandbox,
} from '../../../../fixtures/user-pool-sandbox';
import { actions, protectedPool, userContext } from './fixtures';

/** In the bundled breached-password list (as "p@ssw0rd") and valid under the default password policy. */
const BREACHED = 'P@ssw0rd';

describe('feature plan and UserPoolAddOns', () => {
	test('threat protection needs the Plus plan; risk configuration needs threat protection on', async () => {
		const t = userPoolSandbox(601);
		const plan =
			'FeatureUnavailableInTierException: The following features need to be disabled for the';
		expect(
			await t.failure('CreateUserPool', {
				PoolName: 'p',
				UserPoolAddOns: { AdvancedSecurityMode: 'AUDIT' },
			})
		).toBe(`${plan} ESSENTIALS pricing tier configured: Threat Protection`);
		expect(
			await t.failure('CreateUserPool', {
				PoolName: 'p',
				UserPoolTier: 'LITE',
				UserPoolAddOns: {
					AdvancedSecurityMode: 'OFF',
					AdvancedSecurityAdditionalFlows: { CustomAuthMode: 'AUDIT' },
				},
			})
		).toBe(`${plan} LITE pricing tier configured: Threat Protection`);
		const off = await poolWithClient(t, { UserPoolTier: 'PLUS' });
		expect(await t.failure('SetRiskConfiguration', { UserPoolId: off.poolId })).toMatch(
			/^UserPoolAddOnNotEnabledException/
		);
		expect(await t.failure('DescribeRiskConfiguration', { UserPoolId: off.poolId })).toMatch(
			/^UserPoolAddOnNotEnabledException/
		);
		expect(
			await t.failure('AdminUpdateAuthEventFeedback', {
				UserPoolId: off.poolId,
				Username: 'x',
				EventId: 'e',
				FeedbackValue: 'Valid',
			})
		).toMatch(/^UserPoolAddOnNotEnabledException/);
		const p = await protectedPool(t, 'ENFORCED');
		expect(
			await t.failure('UpdateUserPool', { UserPoolId: p.poolId, UserPoolTier: 'ESSENTIALS' })
		).toMatch(/^TierChangeNotAllowedException/);
	});
});

describe('SetRiskConfiguration / DescribeRiskConfiguration', () => {
	test('pool level, client level (which replaces the pool level whole), and resets', async () => {
		const t = userPoolSandbox(602);
		const p = await protectedPool(t, 'ENFORCED');
		const poolConfig = {
			...actions('NO_ACTION', 'MFA_IF_CONFIGURED', 'BLOCK', true),
			CompromisedCredentialsRiskConfiguration: {
				EventFilter: ['SIGN_IN', 'SIGN_UP'],
				Actions: { EventAction: 'BLOCK' },
			},
			RiskExceptionConfiguration: { SkippedIPRangeList: ['10.0.0.0/8'] },
		};
		const set = await p.setRisk(poolConfig);
		expect(set.RiskConfiguration).toEqual({
			UserPoolId: p.poolId,
			...poolConfig,
			LastModifiedDate: NOW / 1000,
		});
		expect(await t.call('DescribeRiskConfiguration', { UserPoolId: p.poolId })).toEqual(set);
		// A client with no configuration of its own: nothing stored at that level.
		expect(
			await t.call('DescribeRiskConfiguration', { UserPoolId: p.poolId, ClientId: p.clientId })
		).toEqual({ RiskConfiguration: { UserPoolId: p.poolId, ClientId: p.clientId } });
		t.clock.advance(1000);
		await p.setRisk({ ClientId: p.clientId, ...actions('BLOCK', 'BLOCK', 'BLOCK') });
		const client = await t.call('DescribeRiskConfiguration', {
			UserPoolId: p.poolId,
			ClientId: p.clientId,
		});
		expect(client.RiskConfiguration).toEqual({
			UserPoolId: p.poolId,
			ClientId: p.clientId,
			...actions('BLOCK', 'BLOCK', 'BLOCK'),
			LastModifiedDate: (NOW + 1000) / 1000,
		});
		// The client's configuration applies whole: a new device (Low) is blocked although the pool allows it,
		// and the pool's compromised-credentials setting no longer applies to this client.
		await signUpConfirmed(t, p.clientId, 'ann', 'ann@example.com', BREACHED);
		await p.signIn('ann', '192.0.2.1', 'laptop', BREACHED);
		t.clock.advance(3_600_000);
		expect(await p.signInError('ann', '192.0.2.1', 'tablet', BREACHED)).toBe(
			'NotAuthorizedException: Unable to login because of security reasons.'
		);
		// Only the ids: the client inherits again; only the pool id: the pool is back to defaults.
		await p.setRisk({ ClientId: p.clientId });
		expect(
			(await t.call('DescribeRiskConfiguration', { UserPoolId: p.poolId, ClientId: p.clientId }))
				.RiskConfiguration
		).toEqual({ UserPoolId: p.poolId, ClientId: p.clientId });
		await p.setRisk({});
		expect(await t.call('DescribeRiskConfiguration', { UserPoolId: p.poolId })).toEqual({
			RiskConfiguration: { UserPoolId: p.poolId },
		});
	});

	test('errors: unknown pool or client, a range that is not CIDR, an enum value out of the model', async () => {
		const t = userPoolSandbox(603);
		const p = await protectedPool(t, 'AUDIT');
		expect(await t.failure('SetRiskConfiguration', { UserPoolId: 'us-east-1_nothere1' })).toBe(
			'ResourceNotFoundException: User pool us-east-1_nothere1 does not exist.'
		);
		expect(await p.setRisk({ ClientId: 'nosuchclient' }).catch((e) => e.message)).toBe(
			'ResourceNotFoundException: User pool client nosuchclient does not exist.'
		);
		for (const range of ['192.0.2.0/33', '192.0.2.0/', 'not-an-ip', '2001:db8::/129', '__proto__'])
			expect(
				await p
					.setRisk({ RiskExceptionConfiguration: { BlockedIPRangeList: [range] } })
					.catch((e) => e.message)
			).toBe(
				`InvalidParameterException: BlockedIPRangeList entry "${range}" is not an IPv4 or IPv6 CIDR range.`
			);
		expect(
			await p
				.setRisk({ CompromisedCredentialsRiskConfiguration: { Actions: { EventAction: 'MFA' } } })
				.catch((e) => e.message)
		).toMatch(/^InvalidParameterException/);
		// Deleting a client deletes its configuration.
		await p.setRisk({ ClientId: p.clientId, ...actions('BLOCK', 'BLOCK', 'BLOCK') });
		const stored = () =>
			mapEntries(poolSnapshot(t.sandbox, p.poolId).riskConfigurations).map(([key]) => key);
		expect(stored()).toEqual([p.clientId]);
		await t.call('DeleteUserPoolClient', { UserPoolId: p.poolId, ClientId: p.clientId });
		expect(stored()).toEqual([]);
	});
});

describe('compromised credentials', () => {
	const blockAll = {
		CompromisedCredentialsRiskConfiguration: { Actions: { EventAction: 'BLOCK' } },
	};

	test('sign-up with a breached password: refused when enforced with BLOCK, recorded in audit mode', async () => {
		const t = userPoolSandbox(604);
		const enforced = await protectedPool(t, 'ENFORCED');
		await enforced.setRisk(blockAll);
		const signUp = (clientId: string, username: string, password: string) =>
			t.call('SignUp', {
				ClientId: clientId,
				Username: username,
				Password: password,
				UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }],
				...userContext('192.0.2.5', 'signup-pc'),
			});
		await expect(signUp(enforced.clientId, 'bo', BREACHED)).rejects.toThrow(
			'InvalidPasswordException: Provided password cannot be used for security reasons.'
		);
		await expect(signUp(enforced.clientId, 'bo', 'pA$$w0rd')).rejects.toThrow(
			/^InvalidPasswordException: Provided password/
		);
		await signUp(enforced.clientId, 'bo', PASSWORD);
		expect((await enforced.events('bo'))[0]).toMatchObject({
			EventType: 'SignUp',
			EventRisk: { RiskDecision: 'NoRisk', CompromisedCredentialsDetected: false },
			EventContextData: { IpAddress: '192.0.2.5', DeviceName: 'signup-pc (Firefox)' },
		});
		const audit = await protectedPool(t, 'AUDIT');
		await audit.setRisk(blockAll);
		await signUp(audit.clientId, 'cy', BREACHED);
		expect((await audit.events('cy'))[0].EventRisk).toEqual({
			RiskDecision: 'NoRisk',
			CompromisedCredentialsDetected: true,
		});
		expect(audit.evaluations().at(-1)).toMatchObject({
			eventType: 'SignUp',
			compromisedCredentials: true,
			action: { name: 'BLOCK' },
			outcome: 'AuditOnly',
		});
		// An EventFilter without SIGN_UP does not check sign-ups.
		await enforced.setRisk({
			CompromisedCredentialsRiskConfiguration: {
				EventFilter: ['SIGN_IN'],
				Actions: { EventAction: 'BLOCK' },
			},
		});
		await signUp(enforced.clientId, 'di', BREACHED);
	});

	test('sign-in with a breached password (USER_PASSWORD_AUTH) is blocked and the user must reset', async () => {
		const t = userPoolSandbox(605);
		const p = await protectedPool(t, 'ENFORCED');
		await signUpConfirmed(t, p.clientId, 'eli');
		// Administrators are not checked: this is how a breached password gets in.
		await t.call('AdminSetUserPassword', {
			UserPoolId: p.poolId,
			Username: 'eli',
			Password: BREACHED,
			Permanent: true,
		});
		await p.setRisk(blockAll);
		expect(await p.signInError('eli', '192.0.2.1', 'laptop', BREACHED)).toBe(
			'NotAuthorizedException: Unable to login because of security reasons.'
		);
		const [event] = await p.events('eli');
		expect(event.EventRisk).toEqual({
			RiskDecision: 'Block',
			CompromisedCredentialsDetected: true,
		});
		expect(
			(await t.call('AdminGetUser', { UserPoolId: p.poolId, Username: 'eli' })).UserStatus
		).toBe('RESET_REQUIRED');
		expect(await p.signInError('eli', '192.0.2.1', 'laptop', BREACHED)).toBe(
			'PasswordResetRequiredException: Password reset required for the user'
		);
	});

	test('password changes: ChangePassword and ConfirmForgotPassword refuse a breached password', async () => {
		const t = userPoolSandbox(606);
		const p = await protectedPool(t, 'ENFORCED');
		await p.setRisk(blockAll);
		await signUpConfirmed(t, p.clientId, 'fox');
		const { AuthenticationResult } = await p.signIn('fox', '192.0.2.1', 'laptop');
		expect(
			await t.failure('ChangePassword', {
				AccessToken: AuthenticationResult.AccessToken,
				PreviousPassword: PASSWORD,
				ProposedPassword: BREACHED,
			})
		).toBe('InvalidPasswordException: Provided password cannot be used for security reasons.');
		const [refused] = await p.events('fox');
		expect(refused).toMatchObject({
			EventType: 'PasswordChange',
			EventResponse: 'Fail',
			EventRisk: { RiskDecision: 'Block', CompromisedCredentialsDetected: true },
		});
		await t.call('ForgotPassword', { ClientId: p.clientId, Username: 'fox' });
		expect(
			await t.failure('ConfirmForgotPassword', {
				ClientId: p.clientId,
				Username: 'fox',
				ConfirmationCode: t.lastCode('fox@example.com'),
				Password: BREACHED,
			})
		).toBe('InvalidPasswordException: Provided password cannot be used for security reasons.');
		// The code was not used up: a good password still works with it.
		await t.call('ConfirmForgotPassword', {
			ClientId: p.clientId,
			Username: 'fox',
			ConfirmationCode: t.lastCode('fox@example.com'),
			Password: 'An0ther-Passw0rd',
		});
		expect((await p.events('fox')).map((e) => `${e.EventType}:${e.EventResponse}`)).toEqual([
			'ForgotPassword:Pass',
			'PasswordChange:Fail',
			'ForgotPassword:InProgress',
			'PasswordChange:Fail',
			'SignIn:Pass',
			'SignUp:Pass',
		]);
	});
});

describe('real clients', () => {
	test('the AWS SDK v3 client sends UserContextData, and AdminListUserAuthEvents reads back through it', async () => {
		const t = userPoolSandbox(607);
		const p = await protectedPool(t, 'AUDIT');
		await signUpConfirmed(t, p.clientId, 'gil');
		const sdk = new CognitoIdentityProviderClient(sdkConfig(t.sandbox));
		const signIn = await sdk.send(
			new InitiateAuthCommand({
				AuthFlow: 'USER_PASSWORD_AUTH',
				ClientId: p.clientId,
				AuthParameters: { USERNAME: 'gil', PASSWORD },
				UserContextData: {
					IpAddress: '2001:db8::42',
					EncodedData: JSON.stringify({
						DeviceId: 'pixel',
						DeviceName: 'Chrome 126, Android 15',
						Timezone: '+10:00',
					}),
				},
			})
		);
		expect(signIn.AuthenticationResult?.AccessToken).toBeDefined();
		const { AuthEvents } = await sdk.send(
			new AdminListUserAuthEventsCommand({ UserPoolId: p.poolId, Username: 'gil' })
		);
		expect(AuthEvents?.[0]).toMatchObject({
			EventType: 'SignIn',
			EventResponse: 'Pass',
			EventRisk: { RiskDecision: 'NoRisk', CompromisedCredentialsDetected: false },
			EventContextData: {
				IpAddress: '2001:db8::42',
				DeviceName: 'Chrome 126, Android 15',
				Timezone: '+10:00',
				City: 'Sydney',
				Country: 'Australia',
			},
		});
		expect(AuthEvents?.[0]?.CreationDate).toEqual(new Date(t.clock.now()));
	});
});

describe('snapshots', () => {
	test('risk configurations and events with risk, context and feedback survive snapshot and restore', async () => {
		const t = userPoolSandbox(608);
		const p = await protectedPool(t, 'ENFORCED');
		await p.setRisk({
			...actions('NO_ACTION', 'BLOCK', 'BLOCK', true),
			RiskExceptionConfiguration: { BlockedIPRangeList: ['203.0.113.0/24'] },
		});
		await p.setRisk({ ClientId: p.clientId, ...actions('MFA_IF_CONFIGURED', 'BLOCK', 'BLOCK') });
		await signUpConfirmed(t, p.clientId, '__proto__');
		await p.signIn('__proto__', '192.0.2.1', 'constructor');
		const [event] = await p.events('__proto__');
		await t.call('AdminUpdateAuthEventFeedback', {
			UserPoolId: p.poolId,
			Username: '__proto__',
			EventId: event.EventId,
			FeedbackValue: 'Invalid',
		});
		const before = {
			pool: await t.call('DescribeRiskConfiguration', { UserPoolId: p.poolId }),
			client: await t.call('DescribeRiskConfiguration', {
				UserPoolId: p.poolId,
				ClientId: p.clientId,
			}),
			events: await p.events('__proto__'),
		};
		const snapshot = JSON.parse(JSON.stringify(t.sandbox.snapshot()));
		const restored = createSandbox({ clock: { now: () => t.clock.now() }, random: mulberry32(9) });
		restored.restore(snapshot);
		const call = async (operation: string, input: object) => {
			const response = await restored.fetch(
				new Request('http://localhost/', {
					method: 'POST',
					headers: {
						'X-Amz-Target': `AWSCognitoIdentityProviderService.${operation}`,
						'Content-Type': 'application/x-amz-json-1.1',
					},
					body: JSON.stringify(input),
				})
			);
			return response.json();
		};
		expect(await call('DescribeRiskConfiguration', { UserPoolId: p.poolId })).toEqual(before.pool);
		expect(
			await call('DescribeRiskConfiguration', { UserPoolId: p.poolId, ClientId: p.clientId })
		).toEqual(before.client);
		expect(
			(await call('AdminListUserAuthEvents', { UserPoolId: p.poolId, Username: '__proto__' }))
				.AuthEvents
		).toEqual(before.events);
		expect(JSON.parse(JSON.stringify(restored.snapshot()))).toEqual(snapshot);
		// A damaged risk field is refused with its path.
		const damaged = structuredClone(snapshot);
		const pool = damaged.userPools.pools.$map[0][1];
		pool.riskConfigurations.$map[0][1].LastModifiedDate = 'yesterday';
		expect(() => restored.restore(damaged)).toThrow(
			/riskConfigurations.*LastModifiedDate: must be a number/
		);
		const user = pool.users.$map[0][1];
		damaged.userPools.pools.$map[0][1].riskConfigurations.$map[0][1].LastModifiedDate = 1;
		user.authEvents[0].risk.decision = 'Maybe';
		expect(() => restored.restore(damaged)).toThrow(
			/authEvents\[0\]\.risk\.decision: must be one of/
		);
	});
});
