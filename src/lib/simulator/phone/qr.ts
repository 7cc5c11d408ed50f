/**
 * A QR code as one SVG path (one square per dark module), drawn locally with `uqr` so the secret never leaves
 * the page. Pure: the island renders the path inside an <svg>.
 */
import { encode } from 'uqr';

/** The path and the side length in modules (including the quiet zone). */
export function qrPath(text: string): { size: number; path: string } {
	const { data, size } = encode(text, { ecc: 'M', border: 2 });
	const squares: string[] = [];
	data.forEach((row, y) =>
		row.forEach((dark, x) => {
			if (dark) squares.push(`M${x} ${y}h1v1h-1z`);
		})
	);
	return { size, path: squares.join('') };
}
