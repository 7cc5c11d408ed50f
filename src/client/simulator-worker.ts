/**
 * Web Worker that owns the Cognito sandbox, so learner trigger code (up to the 5-second Lambda limit) never
 * freezes the page; the code itself runs in a further worker that is terminated at its deadline
 * (./browser-runtime.ts), so this one always stays responsive. N.B. shipped to the client as its own bundle;
 * speaks src/client/simulator-protocol.ts and delegates to src/client/simulator-host.ts.
 */
import { createBrowserRuntime } from './browser-runtime';
import { createSimulatorHost } from './simulator-host';
import type { WorkerMessage, WorkerRequest } from './simulator-protocol';

const scope = self as unknown as {
	postMessage(message: WorkerMessage): void;
	addEventListener(type: 'message', listener: (event: { data: WorkerRequest }) => void): void;
};

const host = createSimulatorHost(
	(event) => scope.postMessage(event),
	() => Date.now(),
	createBrowserRuntime
);
// Requests run one at a time, in order, so a long trigger delays later calls instead of interleaving with them.
let queue: Promise<void> = Promise.resolve();

scope.addEventListener('message', (event) => {
	const request = event.data;
	// The page's watchdog asks whether this worker is alive: answered at once, never queued.
	if (request.kind === 'ping') {
		scope.postMessage({ type: 'pong', id: request.id });
		return;
	}
	queue = queue.then(async () => scope.postMessage(await host.handle(request)));
});
