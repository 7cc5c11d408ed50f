/** Small timing helpers for the benchmark scripts. */
import { performance } from 'node:perf_hooks';

export interface Timing {
	label: string;
	runs: number;
	medianMs: number;
	p95Ms: number;
	minMs: number;
}

/** Runs `fn` `runs` times after `warmup` untimed runs and reports median, p95 and min in ms. */
export async function time(
	label: string,
	fn: () => unknown,
	runs = 20,
	warmup = 3
): Promise<Timing> {
	for (let i = 0; i < warmup; i++) await fn();
	const samples: number[] = [];
	for (let i = 0; i < runs; i++) {
		const start = performance.now();
		await fn();
		samples.push(performance.now() - start);
	}
	samples.sort((a, b) => a - b);
	const pick = (q: number) =>
		samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
	return { label, runs, medianMs: pick(0.5), p95Ms: pick(0.95), minMs: samples[0]! };
}

export function printTimings(timings: Timing[]): void {
	console.table(
		timings.map((t) => ({
			measure: t.label,
			runs: t.runs,
			'median ms': t.medianMs.toFixed(2),
			'p95 ms': t.p95Ms.toFixed(2),
			'min ms': t.minMs.toFixed(2),
		}))
	);
}
