/**
 * Threat protection: the cost of a risk-evaluated sign-in (USER_PASSWORD_AUTH with UserContextData, in
 * full-function mode with compromised-credential detection on) next to the same sign-in without threat
 * protection, the first breached-password check (which loads the list), and the score alone. Prints figures only.
 */
import { performance } from 'node:perf_hooks';
import { createSandbox } from '../../src/lib/cognito';
import { readClientContext } from '../../src/lib/cognito/risk/context-data';
import { isBreachedPassword } from '../../src/lib/cognito/risk/breached-passwords';
import { scoreSignIn } from '../../src/lib/cognito/risk/score';
import { eventContextOf } from '../../src/lib/cognito/user-pools/auth-events';
import type { AuthEventRecord } from '../../src/lib/cognito/user-pools/state';
import { mulberry32 } from '../fixtures/random';
import { printTimings, time } from './timing';
import { userPoolCaller } from './user-pool-call';

const PASSWORD = 'Passw0rd!';
let now = Date.parse('2026-01-01T00:00:00Z');
const sandbox = createSandbox({ clock: { now: () => now }, random: mulberry32(3) });

const call = userPoolCaller(sandbox);

// The first check loads the breached-password list (dynamic import + a Set of 49,233 entries).
const loadStart = performance.now();
await isBreachedPassword('warm-up');
const loadMs = performance.now() - loadStart;

async function poolWithUser(name: string, addOns: Record<string, unknown> | undefined) {
	const { UserPool } = await call('CreateUserPool', {
		PoolName: name,
		UserPoolTier: 'PLUS',
		...(addOns ? { UserPoolAddOns: addOns } : {}),
	});
	const { UserPoolClient } = await call('CreateUserPoolClient', {
		UserPoolId: UserPool.Id,
		ClientName: 'bench',
		ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
		EnablePropagateAdditionalUserContextData: true,
	});
	await call('AdminCreateUser', {
		UserPoolId: UserPool.Id,
		Username: 'rita',
		MessageAction: 'SUPPRESS',
		TemporaryPassword: PASSWORD,
	});
	await call('AdminSetUserPassword', {
		UserPoolId: UserPool.Id,
		Username: 'rita',
		Password: PASSWORD,
		Permanent: true,
	});
	return { poolId: UserPool.Id as string, clientId: UserPoolClient.ClientId as string };
}

const plain = await poolWithUser('bench-plain', undefined);
const risky = await poolWithUser('bench-risk', { AdvancedSecurityMode: 'ENFORCED' });
await call('SetRiskConfiguration', {
	UserPoolId: risky.poolId,
	CompromisedCredentialsRiskConfiguration: { Actions: { EventAction: 'BLOCK' } },
	AccountTakeoverRiskConfiguration: {
		Actions: {
			LowAction: { EventAction: 'NO_ACTION', Notify: false },
			MediumAction: { EventAction: 'MFA_IF_CONFIGURED', Notify: false },
			HighAction: { EventAction: 'BLOCK', Notify: false },
		},
	},
});

const places = ['192.0.2.10', '198.51.100.7', '203.0.113.5', '10.0.0.8'];
let round = 0;
const signIn = (clientId: string) => () => {
	round++;
	now += 12 * 3_600_000; // far enough apart that travel is possible
	return call('InitiateAuth', {
		AuthFlow: 'USER_PASSWORD_AUTH',
		ClientId: clientId,
		AuthParameters: { USERNAME: 'rita', PASSWORD },
		UserContextData: {
			IpAddress: places[round % places.length],
			EncodedData: JSON.stringify({ DeviceId: `device-${round % 3}`, DeviceName: 'Firefox 140' }),
		},
	}).then(() => {
		sandbox.trace.length = 0;
	});
};

// A 50-event history, as a long-lived user has (the sandbox keeps the newest 50).
const history: AuthEventRecord[] = Array.from({ length: 50 }, (_, i) => ({
	id: `e${i}`,
	type: 'SignIn',
	response: i % 5 === 0 ? 'Fail' : 'Pass',
	at: now - (50 - i) * 3_600_000,
	challenges: [
		{ ChallengeName: 'Password', ChallengeResponse: i % 5 === 0 ? 'Failure' : 'Success' },
	],
	context: eventContextOf(
		readClientContext(
			{
				UserContextData: {
					IpAddress: places[i % places.length]!,
					EncodedData: JSON.stringify({ DeviceId: `device-${i % 4}` }),
				},
			},
			{ EnablePropagateAdditionalUserContextData: true }
		)
	),
}));
const here = readClientContext(
	{ UserContextData: { IpAddress: '203.0.113.9', EncodedData: '{"DeviceId":"new"}' } },
	{ EnablePropagateAdditionalUserContextData: true }
);

/** Both sign-ins in alternation, so a busy machine slows them alike and the ratio stays fair. */
async function interleaved(runs: number) {
	const samples: Record<'plain' | 'risky', number[]> = { plain: [], risky: [] };
	for (let i = 0; i < runs + 20; i++)
		for (const [name, ids] of [
			['plain', plain],
			['risky', risky],
		] as const) {
			const start = performance.now();
			await signIn(ids.clientId)();
			if (i >= 20) samples[name].push(performance.now() - start);
		}
	const summary = (label: string, list: number[]) => {
		list.sort((a, b) => a - b);
		const at = (q: number) => list[Math.min(list.length - 1, Math.floor(q * list.length))]!;
		return { label, runs: list.length, medianMs: at(0.5), p95Ms: at(0.95), minMs: list[0]! };
	};
	return [
		summary('sign-in without threat protection (USER_PASSWORD_AUTH)', samples.plain),
		summary(
			'risk-evaluated sign-in (ENFORCED, compromised check, 4 places, 3 devices)',
			samples.risky
		),
	];
}

const signIns = await interleaved(300);
printTimings([
	...signIns,
	await time('score alone (50-event history)', () => scoreSignIn(now, here, history), 2000, 100),
	await time(
		'breached-password look-up (list loaded)',
		() => isBreachedPassword('P@ssw0rd'),
		2000,
		100
	),
]);
console.log(
	`threat protection adds ${(signIns[1]!.medianMs - signIns[0]!.medianMs).toFixed(2)} ms to a sign-in (median)`
);
console.log(`first breached-password check (loads the 49,233-entry list): ${loadMs.toFixed(0)} ms`);
