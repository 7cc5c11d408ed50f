/** The threat protection panel's calls against a real sandbox: a baseline sign-in, then new devices and places. */
import { expect, test, vi } from 'vitest';
import {
	createThreatDemo,
	DEVICES,
	PLACES,
	riskEvaluations,
	signInFrom,
} from '../../../../src/lib/simulator/threat-demo';
import { headlessContext } from '../../../fixtures/scenarios';

vi.setConfig({ testTimeout: 30_000 });

test('a protected pool: same device and place no risk, a new device low, a new device far away blocked', async () => {
	const { sandbox, context, advance } = headlessContext(11);
	const demo = await createThreatDemo(context.call);
	const [seattle, , tokyo] = PLACES;
	const [laptop, phone] = DEVICES;

	const first = await signInFrom(context.call, demo, seattle!, laptop!);
	expect(first.ok).toBe(true);
	advance(60 * 60_000);
	expect((await signInFrom(context.call, demo, seattle!, laptop!)).ok).toBe(true);
	expect(riskEvaluations(sandbox.trace)[0]).toMatchObject({
		level: 'NoRisk',
		outcome: 'Allowed',
		context: { ipAddress: '192.0.2.10', country: 'United States', deviceId: 'laptop-1' },
	});

	advance(60 * 60_000);
	expect((await signInFrom(context.call, demo, seattle!, phone!)).ok).toBe(true);
	const low = riskEvaluations(sandbox.trace)[0]!;
	expect(low).toMatchObject({
		level: 'Low',
		score: 25,
		outcome: 'Allowed',
		notified: 'NoActionEmail',
	});
	expect(low.factors.filter((factor) => factor.points > 0).map((factor) => factor.points)).toEqual([
		25,
	]);

	advance(60_000);
	const blocked = await signInFrom(context.call, demo, tokyo!, DEVICES[2]!);
	expect(blocked).toEqual({
		ok: false,
		error: {
			type: 'NotAuthorizedException',
			message: 'Unable to login because of security reasons.',
		},
	});
	const high = riskEvaluations(sandbox.trace)[0]!;
	expect(high).toMatchObject({
		level: 'High',
		action: { name: 'BLOCK' },
		outcome: 'Blocked',
		context: { country: 'Japan', city: 'Tokyo' },
	});
	expect(riskEvaluations(sandbox.trace)).toHaveLength(4);
});
