/** A fresh 32-bit seed from the browser's cryptographic random source (for option shuffles). */
export function randomSeed(): number {
	return crypto.getRandomValues(new Uint32Array(1))[0]!;
}
