/**
 * The worker's side of ./supervised.ts: runs one {@link RuntimeJob} with QuickJS in the worker's own thread and
 * reports `started` (engine loaded, guest code begins) and then the `result`. The host's worker entry files
 * (src/client/runtime-worker.ts, src/cli/runtime-worker.ts) only wire this to their message ports.
 */
import { runIsolated } from './index';
import type { RuntimeJob, RuntimeWorkerMessage } from './supervised';

/** Runs a job, posting `started` and then `result` through `post`. */
export async function runRuntimeJob(
	job: RuntimeJob,
	post: (message: RuntimeWorkerMessage) => void
): Promise<void> {
	const result = await runIsolated(job.code, job.event, job.limits, job.identity, {
		onStart: () => post({ type: 'started', id: job.id }),
	});
	post({ type: 'result', id: job.id, result });
}
