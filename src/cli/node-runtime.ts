/**
 * The supervised learner-code runtime for Node hosts: each invocation runs in a `worker_threads` Worker that is
 * terminated when it outlasts its limit (src/lib/cognito/runtime/supervised.ts), so code stuck inside a
 * built-in never freezes the emulator for its other clients.
 */
import { Worker } from 'node:worker_threads';
import type { FunctionRuntime } from '../lib/cognito';
import {
	createSupervisedRuntime,
	type RuntimeWorker,
	type RuntimeWorkerMessage,
} from '../lib/cognito/runtime/supervised';

const ENTRY = new URL('./runtime-worker.ts', import.meta.url);

/** Starts a worker thread running ./runtime-worker.ts (TypeScript through tsx's loader). */
export function spawnNodeRuntimeWorker(): RuntimeWorker {
	const worker = new Worker(ENTRY, {
		execArgv: ['--import', 'tsx'],
		// A guest cannot use more than its WebAssembly memory; this caps the thread's own JavaScript heap.
		resourceLimits: { maxOldGenerationSizeMb: 512 },
	});
	// An idle worker never keeps the process alive.
	worker.unref();
	return {
		post: (job) => worker.postMessage(job),
		listen(onMessage, onFailure) {
			worker.on('message', (message: RuntimeWorkerMessage) => onMessage(message));
			worker.on('error', (error: Error) => onFailure(error.message));
			worker.on('exit', (code) => onFailure(`the worker exited with code ${code}`));
		},
		terminate: () => void worker.terminate(),
	};
}

/** A runtime for a Node host: learner code in terminable worker threads. */
export function createNodeRuntime(options: {
	guestClock: { now(): number };
	random: () => number;
	graceMs?: number;
}): FunctionRuntime & { close(): void } {
	return createSupervisedRuntime({
		...options,
		spawn: spawnNodeRuntimeWorker,
		setTimer(callback, ms) {
			const handle = setTimeout(callback, ms);
			handle.unref();
			return () => clearTimeout(handle);
		},
	});
}
