/**
 * The supervised runtime: the time limit holds even when learner code blocks inside a built-in, because each
 * invocation runs in a worker that is terminated at the deadline. Logic tests use a fake worker and fake timers;
 * the last group runs real worker threads (src/cli/node-runtime.ts) with the hostile code from the hardening issue.
 */
import { afterAll, describe, expect, test } from 'vitest';
import type { InvocationResult } from '@/lib/cognito/core/context';
import {
	createSupervisedRuntime,
	type RuntimeJob,
	type RuntimeWorker,
	type RuntimeWorkerMessage,
} from '@/lib/cognito/runtime/supervised';
import { createNodeRuntime } from '@/cli/node-runtime';
import { createSandbox } from '@/lib/cognito';
import { mulberry32 } from '../../../fixtures/random';
import { PASSWORD } from '../../../fixtures/user-pool-sandbox';

const LIMITS = { timeoutMs: 5000, memoryBytes: 32 * 1024 * 1024 };

/** A fake worker the test drives: it records jobs and lets the test answer or stay silent. */
function fakeHost() {
	const workers: Array<{
		jobs: RuntimeJob[];
		terminated: boolean;
		send(message: RuntimeWorkerMessage): void;
		die(reason: string): void;
	}> = [];
	const timers: Array<{ at: number; callback: () => void; cancelled: boolean }> = [];
	let now = 0;
	const runtime = createSupervisedRuntime({
		guestClock: { now: () => 1_767_225_600_000 },
		random: mulberry32(1),
		graceMs: 1000,
		spawn(): RuntimeWorker {
			let onMessage: (message: RuntimeWorkerMessage) => void = () => {};
			let onFailure: (reason: string) => void = () => {};
			const worker = {
				jobs: [] as RuntimeJob[],
				terminated: false,
				send: (message: RuntimeWorkerMessage) => onMessage(message),
				die: (reason: string) => onFailure(reason),
			};
			workers.push(worker);
			return {
				post: (job) => worker.jobs.push(job),
				listen(message, failure) {
					onMessage = message;
					onFailure = failure;
				},
				terminate: () => void (worker.terminated = true),
			};
		},
		setTimer(callback, ms) {
			const timer = { at: now + ms, callback, cancelled: false };
			timers.push(timer);
			return () => void (timer.cancelled = true);
		},
	});
	return {
		runtime,
		workers,
		/** Moves the host clock, firing due timers. */
		advance(ms: number) {
			now += ms;
			for (const timer of timers.filter((t) => !t.cancelled && t.at <= now)) {
				timer.cancelled = true;
				timer.callback();
			}
		},
	};
}

const success = (id: number, value: unknown): RuntimeWorkerMessage => ({
	type: 'result',
	id,
	result: { ok: true, value, logs: [], durationMs: 3 },
});
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createSupervisedRuntime (fake worker and timers)', () => {
	test('a worker silent past the limit plus grace is terminated and the invocation is a timeout', async () => {
		const host = fakeHost();
		const result = host.runtime.invoke('code', { a: 1 }, LIMITS);
		await settle();
		const [worker] = host.workers;
		expect(worker!.jobs[0]).toMatchObject({ code: 'code', event: { a: 1 }, limits: LIMITS });
		worker!.send({ type: 'started', id: 1 });
		host.advance(5999);
		expect(worker!.terminated).toBe(false);
		host.advance(1);
		expect(worker!.terminated).toBe(true);
		expect(await result).toEqual({
			ok: false,
			kind: 'timeout',
			message: 'Task timed out after 5.00 seconds',
			logs: [],
			durationMs: 5000,
		});
	});

	test('the next invocation gets a fresh worker; a healthy worker is reused', async () => {
		const host = fakeHost();
		const first = host.runtime.invoke('loop', {}, LIMITS);
		await settle();
		host.workers[0]!.send({ type: 'started', id: 1 });
		host.advance(6000);
		await first;
		const second = host.runtime.invoke('ok', {}, LIMITS);
		await settle();
		expect(host.workers).toHaveLength(2);
		host.workers[1]!.send({ type: 'started', id: 2 });
		host.workers[1]!.send(success(2, 'fine'));
		expect(await second).toMatchObject({ ok: true, value: 'fine' });
		const third = host.runtime.invoke('ok again', {}, LIMITS);
		await settle();
		host.workers[1]!.send(success(3, 'again'));
		expect(await third).toMatchObject({ ok: true, value: 'again' });
		expect(host.workers).toHaveLength(2);
	});

	test('the engine load does not count against the limit; a worker that never starts fails cleanly', async () => {
		const host = fakeHost();
		const result = host.runtime.invoke('code', {}, LIMITS);
		await settle();
		host.advance(30_000);
		expect(host.workers[0]!.terminated).toBe(false);
		host.advance(30_000);
		expect(await result).toMatchObject({ ok: false, kind: 'crash', message: /did not start/ });
		expect(host.workers[0]!.terminated).toBe(true);
	});

	test('a worker that dies mid-invocation is reported as a crash', async () => {
		const host = fakeHost();
		const result = host.runtime.invoke('code', {}, LIMITS);
		await settle();
		host.workers[0]!.send({ type: 'started', id: 1 });
		host.workers[0]!.die('out of memory');
		expect(await result).toMatchObject({
			ok: false,
			kind: 'crash',
			message: "The function's runtime stopped unexpectedly: out of memory",
		});
	});

	test('invocations run one at a time, in order, with stale messages ignored', async () => {
		const host = fakeHost();
		const a = host.runtime.invoke('a', {}, LIMITS);
		const b = host.runtime.invoke('b', {}, LIMITS);
		await settle();
		const worker = host.workers[0]!;
		expect(worker.jobs.map((job) => job.code)).toEqual(['a']);
		worker.send(success(99, 'stale'));
		worker.send(success(1, 'A'));
		expect(await a).toMatchObject({ value: 'A' });
		await settle();
		expect(worker.jobs.map((job) => job.code)).toEqual(['a', 'b']);
		worker.send(success(2, 'B'));
		expect(await b).toMatchObject({ value: 'B' });
	});

	test('each job carries an identity drawn from the sandbox clock and randomness', async () => {
		const host = fakeHost();
		void host.runtime.invoke('a', {}, LIMITS);
		await settle();
		const { identity } = host.workers[0]!.jobs[0]!;
		expect(identity.guestNowMs).toBe(1_767_225_600_000);
		expect(identity.requestId).toMatch(
			/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
		);
		expect(Number.isInteger(identity.seed)).toBe(true);
	});
});

describe('real worker threads: code that blocks inside a built-in', () => {
	const runtime = createNodeRuntime({
		guestClock: { now: () => 1_767_225_600_000 },
		random: mulberry32(2),
		graceMs: 500,
	});
	afterAll(() => runtime.close());
	const SHORT = { timeoutMs: 300, memoryBytes: 32 * 1024 * 1024 };

	const expectTimeout = (result: InvocationResult) =>
		expect(result).toMatchObject({
			ok: false,
			kind: 'timeout',
			message: 'Task timed out after 0.30 seconds',
		});

	test.each([
		['indexOf on a huge array-like', 'Array.prototype.indexOf.call({ length: 2 ** 53 - 1 }, 1)'],
		['includes on a huge array-like', 'Array.prototype.includes.call({ length: 2 ** 53 - 1 }, 1)'],
		[
			'lastIndexOf on a huge array-like',
			'Array.prototype.lastIndexOf.call({ length: 2 ** 53 - 1 }, 1)',
		],
		['join of a 2^32 - 1 array', "new Array(2 ** 32 - 1).join('')"],
		[
			'a loop of costly string searches',
			"(() => { const s = 'a'.repeat(2 ** 24); for (;;) s.indexOf('b'); })()",
		],
	])(
		'%s is stopped and the next invocation still works',
		async (_name, expression) => {
			expectTimeout(
				await runtime.invoke(`export const handler = async () => ${expression};`, {}, SHORT)
			);
			// A fresh worker's first run is slow on a busy machine: a generous limit for the follow-up.
			expect(
				await runtime.invoke(
					'export const handler = async (event) => event.n * 2;',
					{ n: 21 },
					LIMITS
				)
			).toMatchObject({ ok: true, value: 42 });
		},
		60_000
	);

	test('a sandbox using the Node runtime turns a blocked trigger into UnexpectedLambdaException', async () => {
		const clock = { now: () => 1_767_225_600_000 };
		const random = mulberry32(3);
		const sandbox = createSandbox({ clock, random, runtime });
		const call = async (operation: string, body: object) => {
			const response = await sandbox.fetch(
				new Request('http://localhost/', {
					method: 'POST',
					headers: { 'X-Amz-Target': `AWSCognitoIdentityProviderService.${operation}` },
					body: JSON.stringify(body),
				})
			);
			return (await response.json()) as Record<string, any>;
		};
		const arn = 'arn:aws:lambda:us-east-1:123456789012:function:stuck';
		sandbox.defineFunction(
			arn,
			'export const handler = async (event) => { Array.prototype.indexOf.call({ length: 2 ** 53 - 1 }, 1); return event; };'
		);
		const pool = await call('CreateUserPool', { PoolName: 'p', LambdaConfig: { PreSignUp: arn } });
		const client = await call('CreateUserPoolClient', {
			UserPoolId: pool.UserPool.Id,
			ClientName: 'c',
		});
		const failed = await call('SignUp', {
			ClientId: client.UserPoolClient.ClientId,
			Username: 'sam',
			Password: PASSWORD,
		});
		expect(failed).toEqual({
			__type: 'UnexpectedLambdaException',
			message:
				'PreSignUp invocation failed due to error Socket timeout while invoking Lambda function.',
		});
	}, 60_000);
});
