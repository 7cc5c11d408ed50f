/**
 * Hostile inputs for threat protection: IP address strings, user agents, EncodedData (malformed JSON, huge
 * strings, `__proto__` as a device name or key), HTTP header lists, CIDR lists, event ids and feedback tokens.
 * Every call must end in a service error or success (never 500), Object.prototype must not change, and the
 * state must still snapshot and restore.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { createSandbox, ServiceError } from '../../../../../src/lib/cognito';
import {
	readClientContext,
	readEncodedData,
} from '../../../../../src/lib/cognito/risk/context-data';
import { parseAddress, parseRange } from '../../../../../src/lib/cognito/risk/network';
import { HOSTILE_NAMES, prototypeFingerprint } from '../../../../fixtures/hostile';
import { mulberry32 } from '../../../../fixtures/random';
import {
	ApiError,
	PASSWORD,
	signUpConfirmed,
	userPoolSandbox,
} from '../../../../fixtures/user-pool-sandbox';
import { actions, protectedPool } from './fixtures';

const hostileString = fc.oneof(
	fc.constantFrom(...HOSTILE_NAMES),
	fc.string({ maxLength: 60 }),
	fc.constantFrom(
		'',
		' ',
		'192.0.2.1 ',
		'192.0.2.1/24',
		'0x7f.0.0.1',
		'2130706433',
		'::ffff:192.0.2.1',
		'fe80::1%eth0',
		'1.2.3.4.5',
		'999.999.999.999',
		'<script>alert(1)</script>',
		'"; DROP TABLE users; --',
		'\u0000\u202e',
		'a'.repeat(5000)
	)
);

const encodedData = fc.oneof(
	hostileString,
	fc.constantFrom(
		'{"DeviceId":"__proto__"}',
		'{"__proto__":{"DeviceId":"polluted"}}',
		'{"constructor":{"prototype":{"x":1}},"DeviceId":"constructor"}',
		'{"DeviceId":5}',
		'{"DeviceId":"' + 'x'.repeat(200) + '"}',
		'[1,2,3]',
		'null',
		'{"DeviceId":"toString","DeviceName":"<img src=x onerror=alert(1)>","UserAgent":"Mozilla/5.0"}'
	),
	fc
		.record({
			DeviceId: fc.oneof(fc.constantFrom(...HOSTILE_NAMES), fc.string({ maxLength: 20 })),
			DeviceName: hostileString,
			UserAgent: hostileString,
			Timezone: hostileString,
		})
		.map((data) => JSON.stringify(data))
);

const address = fc.oneof(
	hostileString,
	fc.ipV4(),
	fc.ipV6(),
	fc.constantFrom('192.0.2.10', '198.51.100.7', '203.0.113.5', '2001:db8::1', '10.0.0.1')
);

describe('parsers', () => {
	test('addresses, ranges and EncodedData never throw and never return inherited data', () => {
		const pristine = prototypeFingerprint();
		fc.assert(
			fc.property(address, encodedData, hostileString, (ip, encoded, range) => {
				const parsed = parseAddress(ip);
				if (parsed) expect(['ipv4', 'ipv6']).toContain(parsed.kind());
				parseRange(range);
				const notes: string[] = [];
				const device = readEncodedData(encoded, notes);
				if (device) {
					expect(Object.getPrototypeOf(device)).toBe(Object.prototype);
					expect(typeof device.id).toBe('string');
					expect(device.id.length).toBeLessThanOrEqual(128);
				} else expect(notes).toHaveLength(1);
				try {
					const context = readClientContext(
						{ UserContextData: { IpAddress: ip, EncodedData: encoded } },
						{ EnablePropagateAdditionalUserContextData: true }
					);
					expect(context.ipSource === 'UserContextData' || ip === '').toBe(true);
				} catch (error) {
					expect(error).toBeInstanceOf(ServiceError);
					expect((error as ServiceError).type).toBe('InvalidParameterException');
				}
			}),
			{ numRuns: 2000, seed: 11 }
		);
		expect(prototypeFingerprint()).toBe(pristine);
		// The forms a typo could hide behind are not addresses.
		for (const text of ['0x7f.0.0.1', '2130706433', '127.1', 'fe80::1%eth0', '192.0.2.1 '])
			expect(parseAddress(text)).toBeUndefined();
		expect(parseAddress('::ffff:192.0.2.1')?.toString()).toBe('192.0.2.1');
	});
});

describe('threat protection operations under hostile input', () => {
	test('sign-in, sign-up, admin context, risk configuration and feedback: never 500, prototype intact', async () => {
		const t = userPoolSandbox(701);
		const p = await protectedPool(t, 'ENFORCED');
		await p.setRisk(actions('MFA_IF_CONFIGURED', 'MFA_REQUIRED', 'BLOCK', true));
		await signUpConfirmed(t, p.clientId, 'alice');
		await signUpConfirmed(t, p.clientId, '__proto__', 'proto@example.com');
		const pristine = prototypeFingerprint();
		const outcomes = new Map<string, number>();
		const operation = fc.oneof(
			fc.record({
				op: fc.constant('InitiateAuth'),
				input: fc.record({
					AuthFlow: fc.constant('USER_PASSWORD_AUTH'),
					ClientId: fc.constant(p.clientId),
					AuthParameters: fc.record({
						USERNAME: fc.constantFrom('alice', '__proto__', 'constructor', 'ghost'),
						PASSWORD: fc.constantFrom(PASSWORD, 'P@ssw0rd', 'wrong'),
					}),
					UserContextData: fc.record(
						{ IpAddress: address, EncodedData: encodedData },
						{ requiredKeys: [] }
					),
				}),
			}),
			fc.record({
				op: fc.constant('AdminInitiateAuth'),
				input: fc.record({
					UserPoolId: fc.constant(p.poolId),
					ClientId: fc.constant(p.clientId),
					AuthFlow: fc.constant('ADMIN_USER_PASSWORD_AUTH'),
					AuthParameters: fc.record({
						USERNAME: fc.constantFrom('alice', '__proto__'),
						PASSWORD: fc.constant(PASSWORD),
					}),
					ContextData: fc.record({
						IpAddress: address,
						ServerName: hostileString,
						ServerPath: hostileString,
						HttpHeaders: fc.array(
							fc.record({
								headerName: fc.oneof(
									fc.constantFrom('User-Agent', 'user-agent', ...HOSTILE_NAMES),
									hostileString
								),
								headerValue: hostileString,
							}),
							{ maxLength: 4 }
						),
						EncodedData: encodedData,
					}),
				}),
			}),
			fc.record({
				op: fc.constant('SignUp'),
				input: fc.record({
					ClientId: fc.constant(p.clientId),
					Username: fc.oneof(
						fc.constantFrom(...HOSTILE_NAMES),
						fc.string({ minLength: 1, maxLength: 12 })
					),
					Password: fc.constantFrom(PASSWORD, 'P@ssw0rd'),
					UserContextData: fc.record({ IpAddress: address, EncodedData: encodedData }),
				}),
			}),
			fc.record({
				op: fc.constant('SetRiskConfiguration'),
				input: fc.record(
					{
						UserPoolId: fc.constant(p.poolId),
						ClientId: fc.oneof(fc.constant(p.clientId), fc.constantFrom('ALL', ...HOSTILE_NAMES)),
						RiskExceptionConfiguration: fc.record(
							{
								BlockedIPRangeList: fc.array(fc.oneof(hostileString, fc.constant('192.0.2.0/28')), {
									maxLength: 3,
								}),
								SkippedIPRangeList: fc.array(hostileString, { maxLength: 3 }),
							},
							{ requiredKeys: [] }
						),
					},
					{ requiredKeys: ['UserPoolId'] }
				),
			}),
			fc.record({
				op: fc.constantFrom(
					'UpdateAuthEventFeedback',
					'AdminUpdateAuthEventFeedback',
					'AdminListUserAuthEvents'
				),
				input: fc.record({
					UserPoolId: fc.constant(p.poolId),
					Username: fc.constantFrom('alice', '__proto__', 'hasOwnProperty'),
					EventId: fc.oneof(fc.constantFrom(...HOSTILE_NAMES), fc.string({ maxLength: 50 })),
					FeedbackToken: hostileString,
					FeedbackValue: fc.constantFrom('Valid', 'Invalid', '__proto__'),
				}),
			})
		);
		await fc.assert(
			fc.asyncProperty(operation, async ({ op, input }) => {
				t.clock.advance(60_000);
				try {
					await t.call(op, input);
					outcomes.set('ok', (outcomes.get('ok') ?? 0) + 1);
				} catch (error) {
					expect(error).toBeInstanceOf(ApiError);
					const failure = error as ApiError;
					outcomes.set(failure.type, (outcomes.get(failure.type) ?? 0) + 1);
					expect(
						failure.status,
						`${op} ${JSON.stringify(input).slice(0, 300)} → ${failure.message}`
					).toBeLessThan(500);
				}
				expect(prototypeFingerprint()).toBe(pristine);
			}),
			{ numRuns: 400, seed: Number(process.env.FUZZ_SEED ?? 5) }
		);
		// The inputs reach the engine: some calls succeed, some are refused by threat protection itself.
		expect(outcomes.get('ok')).toBeGreaterThan(50);
		expect(outcomes.has('InvalidParameterException')).toBe(true);
		expect(t.sandbox.trace.some((e) => e.type === 'RiskEvaluated')).toBe(true);
		// Whatever was stored snapshots and restores.
		const restored = createSandbox({ clock: { now: () => t.clock.now() }, random: mulberry32(1) });
		restored.restore(JSON.parse(JSON.stringify(t.sandbox.snapshot())));
		expect(prototypeFingerprint()).toBe(pristine);
	}, 120_000);
});
