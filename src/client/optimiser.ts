/** Runs the FSRS optimiser in its own worker (src/client/optimiser-worker.ts) and returns the fitted parameters. */
import type { TrainingData } from '../lib/srs/optimise';
import type { OptimiserReply } from './optimiser-worker';

/** Fits FSRS parameters to `data`; rejects with the optimiser's message when it cannot. */
export function fitParameters(data: TrainingData): Promise<number[]> {
	return new Promise((resolve, reject) => {
		const worker = new Worker(new URL('./optimiser-worker.ts', import.meta.url), {
			type: 'module',
		});
		worker.addEventListener('message', (event: MessageEvent<OptimiserReply>) => {
			worker.terminate();
			if (event.data.ok) resolve(event.data.weights);
			else reject(new Error(event.data.error));
		});
		worker.addEventListener('error', (event) => {
			worker.terminate();
			reject(new Error(event.message || 'the optimiser could not start'));
		});
		worker.postMessage(data);
	});
}
