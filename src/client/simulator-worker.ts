/**
 * Web Worker that owns the Cognito sandbox, so learner trigger code (up to the 5-second Lambda limit) never
 * freezes the page. N.B. shipped to the client as its own bundle; speaks src/client/simulator-protocol.ts and
 * delegates to src/client/simulator-host.ts.
 */
import { createSimulatorHost } from './simulator-host';
import type { WorkerMessage, WorkerRequest } from './simulator-protocol';

const scope = self as unknown as {
	postMessage(message: WorkerMessage): void;
	addEventListener(type: 'message', listener: (event: { data: WorkerRequest }) => void): void;
};

const host = createSimulatorHost(
	(event) => scope.postMessage(event),
	() => Date.now()
);
// Requests run one at a time, in order, so a long trigger delays later calls instead of interleaving with them.
let queue: Promise<void> = Promise.resolve();

scope.addEventListener('message', (event) => {
	const request = event.data;
	queue = queue.then(async () => scope.postMessage(await host.handle(request)));
});
