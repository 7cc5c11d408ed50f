/**
 * The page's handle on the simulator worker: typed request/reply over postMessage, pushed trace and outbox
 * events, and saving after every change. A watchdog pings the worker; if it stops answering, the worker is
 * replaced by a new one restored from the last saved state, waiting calls fail with a clear message, and the
 * page keeps working without a reload. N.B. browser-only (Worker, localStorage).
 */
import type { CallOutcome, JsonObject, RunContext, InboxMessage } from '../lib/simulator';
import type {
	WorkerEvent,
	WorkerMessage,
	WorkerReply,
	WorkerRequestBody,
	WorkerStatus,
} from './simulator-protocol';
import { keepUnreadable, loadSandbox, rawSavedSandbox, saveSandbox } from './simulator-store';
import { STALE_BUILD_EVENT, STALE_BUILD_MESSAGE } from '../lib/stale-build';

/** Something the client reports to the page. */
export type ClientEvent =
	| WorkerEvent
	| { type: 'status'; status: WorkerStatus }
	/** The browser refused to save the sandbox (private mode, storage full). Reported once. */
	| { type: 'save-failed' }
	/** The worker stopped answering and was replaced; `message` says so for the learner. */
	| { type: 'restarted'; message: string };

/** The connected simulator. */
export interface SimulatorClient {
	/** Resolves when the sandbox exists; `notice` says when a saved one could not be restored. */
	ready: Promise<{ notice?: string; restored: boolean }>;
	call(operation: string, request: JsonObject): Promise<CallOutcome>;
	defineFunction(arn: string, code: string): Promise<void>;
	defineRole(arn: string, role: { trustPolicy?: object; policies: object[] }): Promise<void>;
	setOffset(offsetMs: number): Promise<void>;
	/** Re-creates an empty sandbox with this seed. */
	reset(seed: number): Promise<void>;
	/** The latest status (seed, clock offset, outbox, functions). */
	status(): WorkerStatus;
	subscribe(listener: (event: ClientEvent) => void): () => void;
	/** A runner context over this client (the page resolves `{{…}}` references itself). */
	runContext(): RunContext;
	terminate(): void;
}

/** A fresh random seed for a new sandbox (shown to the learner). */
export function newSeed(): number {
	return Math.floor(Math.random() * 900_000) + 100_000;
}

/** How often the watchdog pings the worker, and how long an unanswered ping may wait. */
export interface WatchdogOptions {
	intervalMs: number;
	toleranceMs: number;
}

const DEFAULT_WATCHDOG: WatchdogOptions = { intervalMs: 2000, toleranceMs: 10_000 };

/** The message waiting calls fail with when the worker had to be replaced. */
export const RESTARTED_MESSAGE =
	'The sandbox stopped responding, so it was restarted from its last saved state. Run the step again.';

/** Starts the worker and restores the saved sandbox (or starts one with `seed`). */
export function createSimulatorClient(
	seed: number = newSeed(),
	watchdog: WatchdogOptions = DEFAULT_WATCHDOG
): SimulatorClient {
	const listeners = new Set<(event: ClientEvent) => void>();
	const pending = new Map<number, (reply: WorkerReply) => void>();
	let nextId = 1;
	let latest: WorkerStatus = { seed, offsetMs: 0, now: Date.now(), outbox: [], functions: [] };
	let statusAt = Date.now();
	let saveFailed = false;
	let worker = startWorker();
	/** The ping waiting for its pong, if any. */
	let unanswered: { id: number; sentAt: number } | undefined;

	function startWorker(): Worker {
		const started = new Worker(new URL('./simulator-worker.ts', import.meta.url), {
			type: 'module',
			name: 'cognito-sandbox',
		});
		started.addEventListener('message', (event: MessageEvent<WorkerMessage>) => {
			if (started === worker) receive(event.data);
		});
		return started;
	}

	// Judged only on a ping actually sent: a throttled background tab never looks like a stuck worker.
	const watch = setInterval(() => {
		if (!unanswered) {
			unanswered = { id: nextId++, sentAt: Date.now() };
			worker.postMessage({ kind: 'ping', id: unanswered.id });
		} else if (Date.now() - unanswered.sentAt > watchdog.toleranceMs) restart();
	}, watchdog.intervalMs);

	/** Replaces a stuck worker: waiting calls fail, the new worker restores the last saved sandbox. */
	function restart() {
		worker.terminate();
		unanswered = undefined;
		const waiting = [...pending.values()];
		pending.clear();
		for (const resolve of waiting)
			resolve({ type: 'reply', id: 0, ok: false, message: RESTARTED_MESSAGE, status: latest });
		worker = startWorker();
		void send({
			kind: 'init',
			seed: latest.seed,
			offsetMs: latest.offsetMs,
			saved: loadSandbox().saved,
		});
		emit({ type: 'restarted', message: RESTARTED_MESSAGE });
	}

	const emit = (event: ClientEvent) => listeners.forEach((listener) => listener(event));
	function receive(message: WorkerMessage) {
		if (message.type === 'pong') {
			if (unanswered?.id === message.id) unanswered = undefined;
		} else if (message.type === 'reply') {
			// A trigger runtime script deleted by a deploy: the page offers the new version (app-shell.ts).
			if (message.ok && JSON.stringify(message.outcome ?? null).includes(STALE_BUILD_MESSAGE)) {
				window.dispatchEvent(new Event(STALE_BUILD_EVENT));
			}
			// The worker could not restore the save (e.g. written by a newer release): keep it before overwriting.
			if (message.ok && message.notice && savedText !== undefined) {
				keepUnreadable(savedText);
				savedText = undefined;
			}
			latest = message.status;
			statusAt = Date.now();
			if (message.persist && !saveSandbox(message.persist) && !saveFailed) {
				saveFailed = true;
				emit({ type: 'save-failed' });
			}
			emit({ type: 'status', status: latest });
			pending.get(message.id)?.(message);
			pending.delete(message.id);
		} else emit(message);
	}

	function send(body: WorkerRequestBody): Promise<WorkerReply> {
		const id = nextId++;
		return new Promise((resolve) => {
			pending.set(id, resolve);
			worker.postMessage({ ...body, id });
		});
	}
	async function expectOk(body: WorkerRequestBody): Promise<WorkerReply & { ok: true }> {
		const reply = await send(body);
		if (!reply.ok) throw new Error(reply.message);
		return reply;
	}

	let savedText = rawSavedSandbox();
	const loaded = loadSandbox();
	const ready = expectOk({ kind: 'init', seed, offsetMs: 0, saved: loaded.saved }).then(
		(reply) => ({
			notice: loaded.notice ?? reply.notice,
			restored: Boolean(loaded.saved) && !reply.notice,
		})
	);

	const client: SimulatorClient = {
		ready,
		async call(operation, request) {
			const reply = await expectOk({ kind: 'call', operation, request });
			return reply.outcome ?? { ok: false, error: { type: 'ClientError', message: 'No outcome' } };
		},
		async defineFunction(arn, code) {
			await expectOk({ kind: 'defineFunction', arn, code });
		},
		async defineRole(arn, role) {
			await expectOk({ kind: 'defineRole', arn, role });
		},
		async setOffset(offsetMs) {
			await expectOk({ kind: 'setOffset', offsetMs });
		},
		async reset(newSeedValue) {
			await expectOk({ kind: 'reset', seed: newSeedValue });
		},
		status: () => latest,
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		runContext() {
			return {
				call: (operation, request) => client.call(operation, request),
				defineFunction: (arn, code) => client.defineFunction(arn, code),
				defineRole: (arn, role) => client.defineRole(arn, role),
				outbox: (): InboxMessage[] => latest.outbox,
				// Sandbox time moves with real time between replies.
				now: () => latest.now + (Date.now() - statusAt),
			};
		},
		terminate() {
			clearInterval(watch);
			worker.terminate();
		},
	};
	return client;
}
