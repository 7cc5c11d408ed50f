import { describe, expect, test } from 'vitest';
import { createSimulatorHost } from '../../../src/client/simulator-host';
import type {
	WorkerEvent,
	WorkerReply,
	WorkerRequestBody,
} from '../../../src/client/simulator-protocol';
import { createSeededRandom } from '../../../src/lib/simulator';

const NOW = Date.parse('2026-01-01T00:00:00Z');

function host() {
	const events: WorkerEvent[] = [];
	const simulator = createSimulatorHost(
		(event) => events.push(event),
		() => NOW
	);
	let id = 0;
	const send = (body: WorkerRequestBody) => simulator.handle({ ...body, id: ++id } as never);
	return { events, send };
}

async function ok(reply: Promise<WorkerReply>) {
	const value = await reply;
	if (!value.ok) throw new Error(value.message);
	return value;
}

describe('createSeededRandom', () => {
	test('continues the same sequence after skipping the saved number of draws', () => {
		const first = createSeededRandom(7);
		const drawn = [first(), first(), first()];
		const resumed = createSeededRandom(7, 2);
		expect(resumed.draws).toBe(2);
		expect(resumed()).toBe(drawn[2]);
		expect(first.draws).toBe(3);
	});
});

describe('simulator host', () => {
	test('answers calls, pushes trace and outbox events, and moves the clock', async () => {
		const { events, send } = host();
		await ok(send({ kind: 'init', seed: 11, offsetMs: 0 }));
		const pool = await ok(
			send({
				kind: 'call',
				operation: 'CreateUserPool',
				request: { PoolName: 'p', AutoVerifiedAttributes: ['email'] },
			})
		);
		const poolId = (pool.outcome as { ok: true; response: { UserPool: { Id: string } } }).response
			.UserPool.Id;
		const client = await ok(
			send({
				kind: 'call',
				operation: 'CreateUserPoolClient',
				request: { UserPoolId: poolId, ClientName: 'c' },
			})
		);
		const clientId = (
			client.outcome as { ok: true; response: { UserPoolClient: { ClientId: string } } }
		).response.UserPoolClient.ClientId;
		const signUp = await ok(
			send({
				kind: 'call',
				operation: 'SignUp',
				request: {
					ClientId: clientId,
					Username: 'ann',
					Password: 'Passw0rd!',
					UserAttributes: [{ Name: 'email', Value: 'ann@example.com' }],
				},
			})
		);
		expect(signUp.status.outbox).toHaveLength(1);
		expect(events.filter((event) => event.type === 'outbox')).toHaveLength(1);
		expect(
			events.some(
				(event) =>
					event.type === 'trace' &&
					event.event.type === 'ApiCall' &&
					event.event.operation === 'SignUp'
			)
		).toBe(true);
		const bad = await ok(
			send({
				kind: 'call',
				operation: 'SignUp',
				request: { ClientId: clientId, Username: 'ann', Password: 'Passw0rd!' },
			})
		);
		expect(bad.outcome).toEqual({
			ok: false,
			error: { type: 'UsernameExistsException', message: 'User already exists' },
		});
		const later = await ok(send({ kind: 'setOffset', offsetMs: 3_600_000 }));
		expect(later.status.now).toBe(NOW + 3_600_000);
	});

	test('a saved sandbox restores with its users and continues its random sequence', async () => {
		const first = host();
		await ok(first.send({ kind: 'init', seed: 5, offsetMs: 0 }));
		const created = await ok(
			first.send({ kind: 'call', operation: 'CreateUserPool', request: { PoolName: 'kept' } })
		);
		const saved = created.persist!;
		expect(saved.draws).toBeGreaterThan(0);

		const second = host();
		const restored = await ok(second.send({ kind: 'init', seed: 999, offsetMs: 0, saved }));
		expect(restored.notice).toBeUndefined();
		const listed = await ok(
			second.send({ kind: 'call', operation: 'ListUserPools', request: { MaxResults: 10 } })
		);
		expect(
			(
				listed.outcome as { ok: true; response: { UserPools: Array<{ Name: string }> } }
			).response.UserPools.map((pool) => pool.Name)
		).toEqual(['kept']);
		await ok(
			second.send({ kind: 'call', operation: 'CreateUserPool', request: { PoolName: 'new' } })
		);
		const both = await ok(
			second.send({ kind: 'call', operation: 'ListUserPools', request: { MaxResults: 10 } })
		);
		const pools = (both.outcome as { ok: true; response: { UserPools: Array<{ Id: string }> } })
			.response.UserPools;
		// Continuing the random sequence (not restarting it) gives the new pool a new id.
		expect(new Set(pools.map((pool) => pool.Id)).size).toBe(2);
	});

	test('an unreadable snapshot starts a fresh sandbox and says so', async () => {
		const { send } = host();
		const reply = await ok(
			send({
				kind: 'init',
				seed: 3,
				offsetMs: 0,
				saved: { seed: 3, draws: 0, offsetMs: 0, snapshot: { v: 99 } },
			})
		);
		expect(reply.notice).toMatch(
			/could not be restored \(v: format 99 was written by a newer version of this sandbox; this one reads formats 1 and 2\), so a fresh one was started/
		);
		expect(reply.status.outbox).toEqual([]);
	});

	test('requests before init fail with a message instead of throwing', async () => {
		const { send } = host();
		expect(await send({ kind: 'call', operation: 'ListUserPools', request: {} })).toMatchObject({
			ok: false,
			message: 'The sandbox is not initialised yet',
		});
	});
});
