/**
 * A runtime whose time limit holds whatever the learner's code does. QuickJS checks its interrupt only
 * between bytecodes, so one long call inside a built-in (`Array.prototype.indexOf.call({ length: 2 ** 53 - 1 })`,
 * `new Array(2 ** 32 - 1).join('')`) runs on past any limit in the thread that started it. Here every
 * invocation runs in a worker the host can terminate: the worker says when the guest starts, and if no result
 * arrives within the limit plus a grace period, the worker is terminated, the invocation is reported as a
 * timeout (Cognito's `UnexpectedLambdaException`, as before) and the next invocation gets a fresh worker.
 *
 * The host supplies the worker and the timers (a Web Worker in the browser, a `worker_threads` Worker in
 * Node; see src/client and src/cli), so this module stays free of both. Invocations run one at a time; a
 * worker is reused while it behaves, so only the first invocation pays for loading the engine.
 *
 * Results are the same as in-thread runs: the invocation's identity (guest start time, seed, request id) is
 * drawn here from the sandbox's clock and randomness and sent with the job.
 */
import type { FunctionRuntime, InvocationResult } from '../core/context';
import { DEFAULT_LIMITS, invocationIdentity, type InvocationIdentity } from './index';
import { timeoutMessage } from './messages';

/** One invocation sent to a worker. */
export interface RuntimeJob {
	id: number;
	code: string;
	event: object;
	limits: { timeoutMs: number; memoryBytes: number };
	identity: InvocationIdentity;
}

/** What a worker sends back: `started` once the engine is loaded and guest code begins, then `result`. */
export type RuntimeWorkerMessage =
	{ type: 'started'; id: number } | { type: 'result'; id: number; result: InvocationResult };

/** A worker as the supervisor sees it (a thin wrapper over the host's Worker). */
export interface RuntimeWorker {
	post(job: RuntimeJob): void;
	/** Registers the listeners: messages from the worker, and its death (an uncaught error, an exit). */
	listen(
		onMessage: (message: RuntimeWorkerMessage) => void,
		onFailure: (reason: string) => void
	): void;
	terminate(): void;
}

export interface SupervisedRuntimeOptions {
	/** Starts a worker that answers {@link RuntimeJob}s (see ./worker-job.ts for its side). */
	spawn(): RuntimeWorker;
	/** Host timers, in real time (the guest's clock stays the sandbox's). */
	setTimer(callback: () => void, ms: number): () => void;
	/** The sandbox's clock, where the guest's `Date` starts. */
	guestClock: { now(): number };
	/** The sandbox's randomness (seeds and request ids). */
	random: () => number;
	/** Time past the limit before the worker is terminated (default 1,000 ms). */
	graceMs?: number;
	/** How long a new worker may take to load the engine before the invocation fails (default 60 s). */
	startupMs?: number;
}

interface Pending {
	job: RuntimeJob;
	resolve(result: InvocationResult): void;
}

/** Creates a runtime that runs each invocation in a worker and terminates it at the deadline. */
export function createSupervisedRuntime(options: SupervisedRuntimeOptions): FunctionRuntime & {
	/** Terminates the worker (hosts call it when they shut down). */
	close(): void;
} {
	const graceMs = options.graceMs ?? 1000;
	const startupMs = options.startupMs ?? 60_000;
	let worker: RuntimeWorker | undefined;
	let current: Pending | undefined;
	let cancelTimer: (() => void) | undefined;
	let nextId = 1;
	let queue: Promise<unknown> = Promise.resolve();

	function finish(result: InvocationResult) {
		cancelTimer?.();
		cancelTimer = undefined;
		const pending = current;
		current = undefined;
		pending?.resolve(result);
	}

	/** Ends the worker and the invocation it was running; the next invocation starts a new worker. */
	function kill(result: InvocationResult) {
		const dead = worker;
		worker = undefined;
		dead?.terminate();
		finish(result);
	}

	function arm(ms: number, onExpiry: () => void) {
		cancelTimer?.();
		cancelTimer = options.setTimer(onExpiry, ms);
	}

	function workerFor(): RuntimeWorker {
		if (worker) return worker;
		const spawned = options.spawn();
		spawned.listen(
			(message) => {
				if (spawned !== worker || !current || message.id !== current.job.id) return;
				if (message.type === 'started') {
					const { timeoutMs } = current.job.limits;
					arm(timeoutMs + graceMs, () =>
						kill({
							ok: false,
							kind: 'timeout',
							message: timeoutMessage(timeoutMs),
							logs: [],
							durationMs: timeoutMs,
						})
					);
				} else finish(message.result);
			},
			(reason) => {
				if (spawned !== worker) return;
				kill({
					ok: false,
					kind: 'crash',
					message: `The function's runtime stopped unexpectedly: ${reason}`,
					logs: [],
					durationMs: 0,
				});
			}
		);
		worker = spawned;
		return spawned;
	}

	function run(job: RuntimeJob): Promise<InvocationResult> {
		return new Promise<InvocationResult>((resolve) => {
			current = { job, resolve };
			try {
				const target = workerFor();
				arm(startupMs, () =>
					kill({
						ok: false,
						kind: 'crash',
						message: `The function's runtime did not start within ${Math.round(startupMs / 1000)} seconds.`,
						logs: [],
						durationMs: 0,
					})
				);
				target.post(job);
			} catch (error) {
				kill({
					ok: false,
					kind: 'crash',
					message: `The function's runtime could not be started: ${String(error)}`,
					logs: [],
					durationMs: 0,
				});
			}
		});
	}

	return {
		invoke(code, event, limits) {
			const job: RuntimeJob = {
				id: nextId++,
				code,
				event,
				limits: {
					timeoutMs: Number.isFinite(limits.timeoutMs)
						? limits.timeoutMs
						: DEFAULT_LIMITS.timeoutMs,
					memoryBytes: limits.memoryBytes,
				},
				identity: invocationIdentity(options.guestClock, options.random),
			};
			const result = queue.then(() => run(job));
			queue = result.catch(() => undefined);
			return result;
		},
		close() {
			const dead = worker;
			worker = undefined;
			dead?.terminate();
		},
	};
}
