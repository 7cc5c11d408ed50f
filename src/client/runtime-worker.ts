/**
 * Web Worker entry for learner Lambda code in the browser: answers the jobs of
 * src/lib/cognito/runtime/supervised.ts, which terminates this worker when an invocation outlasts its limit.
 * N.B. shipped to the client as its own bundle, started by the simulator's sandbox worker.
 */
import type { RuntimeJob, RuntimeWorkerMessage } from '../lib/cognito/runtime/supervised';
import { runRuntimeJob } from '../lib/cognito/runtime/worker-job';

const scope = self as unknown as {
	postMessage(message: RuntimeWorkerMessage): void;
	addEventListener(type: 'message', listener: (event: { data: RuntimeJob }) => void): void;
};

scope.addEventListener('message', (event) => {
	void runRuntimeJob(event.data, (message) => scope.postMessage(message));
});
