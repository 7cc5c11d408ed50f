/**
 * Web Worker that fits FSRS parameters to the learner's reviews with fsrs-browser (fsrs-rs in
 * WebAssembly), single-threaded: its thread pool needs cross-origin isolation, which a static site
 * does not have, and one thread fits a few thousand reviews in seconds (see the README). Loaded only
 * when the learner asks; nothing leaves the browser.
 */
import init, { Fsrs } from 'fsrs-browser';
import wasmUrl from 'fsrs-browser/fsrs_browser_bg.wasm?url';
import type { TrainingData } from '../lib/srs/optimise';

/** What the page receives: the fitted parameters, or why fitting failed. */
export type OptimiserReply = { ok: true; weights: number[] } | { ok: false; error: string };

const scope = self as unknown as {
	postMessage(message: OptimiserReply): void;
	addEventListener(type: 'message', listener: (event: { data: TrainingData }) => void): void;
};

scope.addEventListener('message', async ({ data }) => {
	try {
		await init({ module_or_path: wasmUrl });
		const weights = new Fsrs().computeParameters(
			new Uint32Array(data.ratings),
			new Uint32Array(data.deltas),
			new Uint32Array(data.lengths),
			null,
			true
		);
		scope.postMessage({ ok: true, weights: Array.from(weights, (w) => Math.round(w * 1e4) / 1e4) });
	} catch (error) {
		scope.postMessage({ ok: false, error: String((error as Error)?.message ?? error) });
	}
});
