/**
 * The risk score on its own: each factor, its points and reason, and the level the total maps to. Fixed
 * clock; histories are built by hand, so every number here can be worked out from the table in score.ts.
 */
import { describe, expect, test } from 'vitest';
import { readClientContext } from '../../../../../src/lib/cognito/risk/context-data';
import { levelOf, POINTS, scoreSignIn } from '../../../../../src/lib/cognito/risk/score';
import { eventContextOf } from '../../../../../src/lib/cognito/user-pools/auth-events';
import type { AuthEventRecord } from '../../../../../src/lib/cognito/user-pools/state';

const NOW = Date.parse('2026-01-01T12:00:00Z');
const HOUR = 3_600_000;
const propagating = { EnablePropagateAdditionalUserContextData: true };

/** A client context from an IP address and a device id (undefined: no EncodedData). */
const contextOf = (ip: string, deviceId?: string) =>
	readClientContext(
		{
			UserContextData: {
				IpAddress: ip,
				...(deviceId ? { EncodedData: JSON.stringify({ DeviceId: deviceId }) } : {}),
			},
		},
		propagating
	);

let counter = 0;
/** An event of the user's history. */
function event(
	ip: string,
	deviceId: string | undefined,
	at: number,
	response: AuthEventRecord['response'] = 'Pass',
	extra: Partial<AuthEventRecord> = {}
): AuthEventRecord {
	return {
		id: `event-${++counter}`,
		type: 'SignIn',
		response,
		at,
		challenges: [
			{ ChallengeName: 'Password', ChallengeResponse: response === 'Fail' ? 'Failure' : 'Success' },
		],
		context: eventContextOf(contextOf(ip, deviceId)),
		...extra,
	};
}

const factorNames = (score: ReturnType<typeof scoreSignIn>) => score.factors.map((f) => f.factor);

describe('levels', () => {
	test('scores map to NoRisk, Low, Medium and High at 20, 45 and 70', () => {
		expect([0, 19, 20, 44, 45, 69, 70, 200].map(levelOf)).toEqual([
			'NoRisk',
			'NoRisk',
			'Low',
			'Low',
			'Medium',
			'Medium',
			'High',
			'High',
		]);
	});
});

describe('factors', () => {
	const seattleLaptop = event('192.0.2.10', 'laptop', NOW - 48 * HOUR);

	test('the first sign-in has nothing to compare with and is the baseline', () => {
		const score = scoreSignIn(NOW, contextOf('203.0.113.5', 'phone'), []);
		expect(score).toMatchObject({ score: 0, level: 'NoRisk' });
		expect(factorNames(score)).toEqual(['FirstSignIn']);
	});

	test('the same device from the same country is no risk', () => {
		const score = scoreSignIn(NOW, contextOf('192.0.2.99', 'laptop'), [seattleLaptop]);
		expect(score).toMatchObject({ score: 0, level: 'NoRisk' });
		expect(factorNames(score)).toEqual(['KnownDevice', 'KnownLocation']);
	});

	test('a new device alone is Low', () => {
		const score = scoreSignIn(NOW, contextOf('192.0.2.10', 'tablet'), [seattleLaptop]);
		expect(score).toMatchObject({ score: POINTS.NewDevice, level: 'Low' });
		expect(score.factors.find((f) => f.factor === 'NewDevice')?.reason).toBe(
			'Device "tablet" was never used in a trusted sign-in.'
		);
	});

	test('a new country, reached slowly enough, is Low; with a new device it is Medium', () => {
		const known = scoreSignIn(NOW, contextOf('198.51.100.7', 'laptop'), [seattleLaptop]);
		expect(known).toMatchObject({ score: POINTS.NewLocation, level: 'Low' });
		expect(known.factors.find((f) => f.factor === 'NewLocation')?.reason).toBe(
			'First sign-in from Germany (Frankfurt); trusted sign-ins came from United States.'
		);
		const both = scoreSignIn(NOW, contextOf('198.51.100.7', 'tablet'), [seattleLaptop]);
		expect(both).toMatchObject({ score: POINTS.NewDevice + POINTS.NewLocation, level: 'Medium' });
	});

	test('impossible travel: Seattle to Frankfurt in two hours is High; in two days it is not travel at all', () => {
		const recent = event('192.0.2.10', 'laptop', NOW - 2 * HOUR);
		const score = scoreSignIn(NOW, contextOf('198.51.100.7', 'laptop'), [recent]);
		expect(factorNames(score)).toEqual(['KnownDevice', 'NewLocation', 'ImpossibleTravel']);
		expect(score).toMatchObject({
			score: POINTS.NewLocation + POINTS.ImpossibleTravel,
			level: 'High',
		});
		expect(score.factors[2]!.reason).toMatch(
			/^Frankfurt is 8,\d{3} km from Seattle, where the last trusted sign-in was 2\.0 h ago: 4,\d{3} km\/h, faster than 1,000 km\/h\.$/
		);
		expect(
			factorNames(scoreSignIn(NOW, contextOf('198.51.100.7', 'laptop'), [seattleLaptop]))
		).not.toContain('ImpossibleTravel');
	});

	test('travel is measured from the last trusted place, and the same city is never travel', () => {
		const history = [
			event('198.51.100.1', 'laptop', NOW - 50 * HOUR),
			event('192.0.2.10', 'laptop', NOW - HOUR),
		];
		const score = scoreSignIn(NOW, contextOf('192.0.2.200', 'laptop'), history);
		expect(factorNames(score)).toEqual(['KnownDevice', 'KnownLocation']);
	});

	test('repeated failures: 3–4 wrong passwords in 15 minutes add 20, five add 40; older ones do not count', () => {
		const fail = (minutesAgo: number) =>
			event('192.0.2.10', 'laptop', NOW - minutesAgo * 60_000, 'Fail');
		const three = [seattleLaptop, fail(1), fail(2), fail(3), fail(16)];
		expect(scoreSignIn(NOW, contextOf('192.0.2.10', 'laptop'), three)).toMatchObject({
			score: POINTS.RepeatedFailures,
			level: 'Low',
		});
		const five = [...three, fail(4), fail(5)];
		const score = scoreSignIn(NOW, contextOf('192.0.2.10', 'laptop'), five);
		expect(score).toMatchObject({ score: POINTS.ManyFailures, level: 'Low' });
		expect(score.factors.at(-1)?.reason).toBe('5 wrong passwords in the last 15 minutes.');
		const two = [seattleLaptop, fail(1), fail(2)];
		expect(scoreSignIn(NOW, contextOf('192.0.2.10', 'laptop'), two).score).toBe(0);
	});

	test('feedback: Invalid makes the device and address a risk; Valid makes a blocked event trusted', () => {
		const reported = event('203.0.113.9', 'burner', NOW - 5 * HOUR, 'Fail', {
			feedback: { value: 'Invalid', provider: 'Admin', at: NOW - 4 * HOUR },
		});
		const score = scoreSignIn(NOW, contextOf('203.0.113.9', 'laptop'), [seattleLaptop, reported]);
		expect(factorNames(score)).toContain('ReportedInvalid');
		expect(score.level).toBe('High'); // new country (35) + reported (45)
		const vouched = event('203.0.113.9', 'phone', NOW - 30 * HOUR, 'Fail', {
			feedback: { value: 'Valid', provider: 'User', at: NOW - 29 * HOUR },
		});
		const trusted = scoreSignIn(NOW, contextOf('203.0.113.9', 'phone'), [seattleLaptop, vouched]);
		expect(factorNames(trusted)).toEqual(['KnownDevice', 'KnownLocation']);
	});

	test('what cannot be judged scores nothing and says why', () => {
		const unknownDevice = scoreSignIn(NOW, contextOf('8.8.8.8'), [seattleLaptop]);
		expect(unknownDevice).toMatchObject({ score: 0, level: 'NoRisk' });
		expect(unknownDevice.factors.map((f) => f.reason)).toEqual([
			'No device data in EncodedData: the device is not judged.',
			"8.8.8.8 is outside the sandbox's location table: the place is not judged.",
		]);
		expect(factorNames(scoreSignIn(NOW, contextOf('10.1.2.3', 'laptop'), [seattleLaptop]))).toEqual(
			['KnownDevice', 'PrivateNetwork']
		);
	});
});
