/** Seeded randomness for the simulator's sandbox. Pure. */

/** A mulberry32 generator that counts its draws, so a restored sandbox can continue the same sequence. */
export interface SeededRandom {
	(): number;
	/** Numbers drawn so far (including skipped ones). */
	readonly draws: number;
}

/**
 * mulberry32 from `seed`, after skipping `skip` draws (the count a saved sandbox had used).
 *
 * @example
 * const random = createSeededRandom(42); random(); random.draws; // 1
 */
export function createSeededRandom(seed: number, skip = 0): SeededRandom {
	let state = seed >>> 0;
	let draws = 0;
	const next = () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		draws++;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	for (let i = 0; i < skip; i++) next();
	return Object.defineProperty(next, 'draws', { get: () => draws }) as SeededRandom;
}
