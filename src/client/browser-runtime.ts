/**
 * The supervised learner-code runtime in the browser: each invocation runs in its own Web Worker
 * (./runtime-worker.ts), terminated when it outlasts its limit, so code stuck inside a built-in never
 * freezes the simulator. N.B. browser-only (Worker); used from the sandbox worker.
 */
import type { FunctionRuntime } from '../lib/cognito';
import {
	createSupervisedRuntime,
	type RuntimeWorker,
	type RuntimeWorkerMessage,
} from '../lib/cognito/runtime/supervised';

function spawnBrowserRuntimeWorker(): RuntimeWorker {
	const worker = new Worker(new URL('./runtime-worker.ts', import.meta.url), {
		type: 'module',
		name: 'lambda-runtime',
	});
	return {
		post: (job) => worker.postMessage(job),
		listen(onMessage, onFailure) {
			worker.addEventListener('message', (event: MessageEvent<RuntimeWorkerMessage>) =>
				onMessage(event.data)
			);
			worker.addEventListener('error', (event) => {
				event.preventDefault();
				onFailure(event.message || 'the runtime worker failed');
			});
		},
		terminate: () => worker.terminate(),
	};
}

/** A runtime for the simulator: learner code in terminable Web Workers. */
export function createBrowserRuntime(options: {
	guestClock: { now(): number };
	random: () => number;
}): FunctionRuntime & { close(): void } {
	return createSupervisedRuntime({
		...options,
		spawn: spawnBrowserRuntimeWorker,
		setTimer(callback, ms) {
			const handle = setTimeout(callback, ms);
			return () => clearTimeout(handle);
		},
	});
}
