/** Seeded randomness for the engines (mulberry32); the caller chooses the seed. */

/** A source of numbers in [0, 1). */
export type Random = () => number;

/**
 * A deterministic generator from a 32-bit seed (mulberry32).
 * @example const random = seededRandom(42); random() // same sequence every time
 */
export function seededRandom(seed: number): Random {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** A shuffled copy of `items` (Fisher–Yates). Pure given `random`. */
export function shuffle<T>(items: readonly T[], random: Random): T[] {
	const copy = [...items];
	for (let i = copy.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		[copy[i], copy[j]] = [copy[j]!, copy[i]!];
	}
	return copy;
}
