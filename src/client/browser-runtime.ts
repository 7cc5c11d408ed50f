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
import { STALE_BUILD_MESSAGE } from '../lib/stale-build';

/**
 * Why a worker that never said anything failed: when this build's scripts are no longer on the server (a
 * tab left open across a deploy), the page should offer the new version rather than report a Lambda
 * failure. This module's own file belongs to the same build as the worker's.
 */
async function startFailure(message: string): Promise<string> {
	const script = await fetch(import.meta.url, { method: 'HEAD', cache: 'no-store' }).catch(
		() => undefined
	);
	return script && !script.ok ? STALE_BUILD_MESSAGE : message;
}

function spawnBrowserRuntimeWorker(): RuntimeWorker {
	// Written inline so Vite bundles the worker (it only recognises `new Worker(new URL(…))`).
	const worker = new Worker(new URL('./runtime-worker.ts', import.meta.url), {
		type: 'module',
		name: 'lambda-runtime',
	});
	let started = false;
	return {
		post: (job) => worker.postMessage(job),
		listen(onMessage, onFailure) {
			worker.addEventListener('message', (event: MessageEvent<RuntimeWorkerMessage>) => {
				started = true;
				onMessage(event.data);
			});
			worker.addEventListener('error', (event) => {
				event.preventDefault();
				const message = event.message || 'the runtime worker failed';
				if (started) onFailure(message);
				else void startFailure(message).then(onFailure);
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
