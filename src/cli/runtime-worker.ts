/**
 * Worker-thread entry for learner Lambda code in Node (the emulator, tests): answers the jobs of
 * src/lib/cognito/runtime/supervised.ts, which terminates this thread when an invocation outlasts its limit.
 */
import { parentPort } from 'node:worker_threads';
import type { RuntimeJob } from '../lib/cognito/runtime/supervised';
import { runRuntimeJob } from '../lib/cognito/runtime/worker-job';

const port = parentPort;
if (!port) throw new Error('runtime-worker.ts runs only as a worker thread');
port.on('message', (job: RuntimeJob) => {
	void runRuntimeJob(job, (message) => port.postMessage(message));
});
