/**
 * The simulator client's watchdog: a sandbox worker that stops answering is replaced by a new one restored from
 * the last save, waiting calls fail with a clear message, and the page can go on without a reload.
 * Runs in Node with a fake Worker and fake timers.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { createSimulatorClient, RESTARTED_MESSAGE } from '@/client/simulator-client';
import type { WorkerMessage, WorkerRequest } from '@/client/simulator-protocol';

/** A Worker stand-in: records requests; `answer` replies like the real worker; `hang` stops it answering. */
class FakeWorker {
	static all: FakeWorker[] = [];
	requests: WorkerRequest[] = [];
	terminated = false;
	hung = false;
	private listener?: (event: { data: WorkerMessage }) => void;
	constructor() {
		FakeWorker.all.push(this);
	}
	addEventListener(_type: 'message', listener: (event: { data: WorkerMessage }) => void) {
		this.listener = listener;
	}
	postMessage(request: WorkerRequest) {
		this.requests.push(request);
		if (this.hung) return;
		queueMicrotask(() => {
			if (request.kind === 'ping') this.listener?.({ data: { type: 'pong', id: request.id } });
			else if (request.kind !== 'call') this.reply(request.id);
		});
	}
	reply(id: number) {
		this.listener?.({
			data: {
				type: 'reply',
				id,
				ok: true,
				status: { seed: 1, offsetMs: 0, now: 0, outbox: [], functions: [] },
				persist: { seed: 1, draws: 7, offsetMs: 0, snapshot: { v: 2 } },
			},
		});
	}
	terminate() {
		this.terminated = true;
	}
}

const store = new Map<string, string>();

beforeEach(() => {
	vi.useFakeTimers();
	FakeWorker.all = [];
	store.clear();
	vi.stubGlobal('Worker', FakeWorker);
	vi.stubGlobal('localStorage', {
		getItem: (key: string) => store.get(key) ?? null,
		setItem: (key: string, value: string) => void store.set(key, value),
		removeItem: (key: string) => void store.delete(key),
	});
});

afterEach(() => {
	vi.useRealTimers();
	vi.unstubAllGlobals();
});

describe('simulator client watchdog', () => {
	test('a worker that answers its pings is left alone, however long a call takes', async () => {
		const client = createSimulatorClient(1, { intervalMs: 100, toleranceMs: 500 });
		await client.ready;
		const call = client.call('ListUserPools', { MaxResults: 1 });
		await vi.advanceTimersByTimeAsync(5000);
		expect(FakeWorker.all).toHaveLength(1);
		const [worker] = FakeWorker.all;
		const pending = worker!.requests.find((request) => request.kind === 'call')!;
		worker!.reply(pending.id);
		await expect(call).resolves.toBeDefined();
		client.terminate();
	});

	test('a stuck worker is replaced, restored from the last save, and waiting calls fail clearly', async () => {
		const client = createSimulatorClient(1, { intervalMs: 100, toleranceMs: 500 });
		const events: string[] = [];
		client.subscribe((event) => events.push(event.type));
		await client.ready;
		const [stuck] = FakeWorker.all;
		stuck!.hung = true;
		const call = client.call('SignUp', {});
		const failed = expect(call).rejects.toThrow(RESTARTED_MESSAGE);
		await vi.advanceTimersByTimeAsync(1000);
		await failed;
		expect(stuck!.terminated).toBe(true);
		expect(FakeWorker.all).toHaveLength(2);
		const replacement = FakeWorker.all[1]!;
		const init = replacement.requests.find((request) => request.kind === 'init');
		expect(init).toMatchObject({ kind: 'init', saved: { seed: 1, draws: 7, snapshot: { v: 2 } } });
		expect(events).toContain('restarted');
		// The page goes on: the next call reaches the new worker.
		const next = client.call('ListUserPools', { MaxResults: 1 });
		await vi.advanceTimersByTimeAsync(0);
		const request = replacement.requests.find((r) => r.kind === 'call')!;
		replacement.reply(request.id);
		await expect(next).resolves.toBeDefined();
		client.terminate();
	});
});

describe('saved sandboxes this version cannot read', () => {
	test('an unparseable save is moved aside, not deleted', async () => {
		store.set('cognito-study:simulator:sandbox:v1', '{not json');
		const client = createSimulatorClient(1, { intervalMs: 100, toleranceMs: 500 });
		const { notice } = await client.ready;
		expect(notice).toMatch(/kept in this browser as a backup/);
		expect(store.get('cognito-study:simulator:sandbox:unreadable')).toBe('{not json');
		client.terminate();
	});
});
