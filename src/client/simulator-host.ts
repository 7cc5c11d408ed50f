/**
 * What the simulator worker does, without the worker: owns one sandbox and answers protocol requests. Kept apart
 * from simulator-worker.ts so it can be tested in Node. Clock: real time (injected `realNow`) plus an offset.
 */
import { createSandbox, type FunctionRuntime, type Sandbox } from '../lib/cognito';
import {
	callSandbox,
	createSeededRandom,
	type InboxMessage,
	type SeededRandom,
} from '../lib/simulator';
import type {
	PersistedSandbox,
	WorkerEvent,
	WorkerReply,
	WorkerRequest,
	WorkerStatus,
} from './simulator-protocol';

interface State {
	sandbox: Sandbox;
	runtime?: FunctionRuntime & { close?(): void };
	seed: number;
	random: SeededRandom;
	clock: { offsetMs: number };
}

/** A host that pushes events through `post` and answers requests with {@link SimulatorHost.handle}. */
export interface SimulatorHost {
	handle(request: WorkerRequest): Promise<WorkerReply>;
}

/** How the host runs learner code: a factory given each new sandbox's clock and randomness. */
export type RuntimeFactory = (options: {
	guestClock: { now(): number };
	random: () => number;
}) => FunctionRuntime & { close?(): void };

/**
 * Creates the host; `realNow` is the wall clock (Date.now in the worker, a fake in tests). `createRuntime`
 * runs learner code (the worker passes the browser's supervised runtime; default: in this thread).
 */
export function createSimulatorHost(
	post: (event: WorkerEvent) => void,
	realNow: () => number,
	createRuntime?: RuntimeFactory
): SimulatorHost {
	let state: State | undefined;

	function create(seed: number, offsetMs: number, skip = 0): State {
		state?.runtime?.close?.();
		const clock = { offsetMs };
		const random = createSeededRandom(seed, skip);
		const sandboxClock = { now: () => realNow() + clock.offsetMs };
		const runtime = createRuntime?.({ guestClock: sandboxClock, random });
		const sandbox = createSandbox({ region: 'us-east-1', clock: sandboxClock, random, runtime });
		sandbox.trace.subscribe((event) => {
			post({ type: 'trace', event: plain(event) });
			if (event.type === 'MessageSent') {
				const message = sandbox.outbox[sandbox.outbox.length - 1];
				if (message) post({ type: 'outbox', message: plain(message) as InboxMessage });
			}
		});
		return { sandbox, runtime, seed, random, clock };
	}

	function status(current: State, snapshot = current.sandbox.snapshot()): WorkerStatus {
		const functions = (snapshot as { functions?: Array<[string, string]> }).functions ?? [];
		return {
			seed: current.seed,
			offsetMs: current.clock.offsetMs,
			now: realNow() + current.clock.offsetMs,
			outbox: plain(current.sandbox.outbox) as InboxMessage[],
			functions: functions.map(([arn, code]) => ({ arn, code })),
		};
	}

	/** Status plus what to save, for replies to requests that may have changed the sandbox. */
	function changed(current: State): Pick<WorkerReply, 'status' | 'persist'> {
		const snapshot = current.sandbox.snapshot();
		const persist: PersistedSandbox = {
			seed: current.seed,
			draws: current.random.draws,
			offsetMs: current.clock.offsetMs,
			snapshot,
		};
		return { status: status(current, snapshot), persist };
	}

	async function run(request: WorkerRequest): Promise<WorkerReply> {
		if (request.kind === 'init') {
			let notice: string | undefined;
			if (request.saved) {
				try {
					const saved = request.saved;
					const restored = create(saved.seed, saved.offsetMs, saved.draws);
					restored.sandbox.restore(saved.snapshot);
					state = restored;
				} catch (error) {
					notice = `The saved sandbox could not be restored (${error instanceof Error ? error.message : String(error)}), so a fresh one was started. The old save is kept in this browser as a backup.`;
					state = undefined;
				}
			}
			state ??= create(request.seed, request.offsetMs);
			return { type: 'reply', id: request.id, ok: true, notice, ...changed(state) };
		}
		if (request.kind === 'reset') {
			state = create(request.seed, 0);
			return { type: 'reply', id: request.id, ok: true, ...changed(state) };
		}
		const current = state;
		if (!current) throw new Error('The sandbox is not initialised yet');
		switch (request.kind) {
			case 'call': {
				const outcome = await callSandbox(current.sandbox, request.operation, request.request, {
					advanceClock: (ms) => (current.clock.offsetMs += ms),
					now: () => realNow() + current.clock.offsetMs,
				});
				return {
					type: 'reply',
					id: request.id,
					ok: true,
					outcome: plain(outcome),
					...changed(current),
				};
			}
			case 'defineFunction':
				current.sandbox.defineFunction(request.arn, request.code);
				break;
			case 'defineRole':
				current.sandbox.defineRole(request.arn, request.role);
				break;
			case 'setOffset':
				current.clock.offsetMs = request.offsetMs;
				break;
		}
		return { type: 'reply', id: request.id, ok: true, ...changed(current) };
	}

	return {
		async handle(request) {
			try {
				return await run(request);
			} catch (error) {
				const fallback: WorkerStatus = state
					? status(state)
					: { seed: 0, offsetMs: 0, now: realNow(), outbox: [], functions: [] };
				return {
					type: 'reply',
					id: request.id,
					ok: false,
					message: error instanceof Error ? error.message : String(error),
					status: fallback,
				};
			}
		},
	};
}

function plain<T>(value: T): T {
	return JSON.parse(JSON.stringify(value ?? null));
}
