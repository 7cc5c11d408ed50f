/** Snippets and match highlighting for search results. Pure. */

/** A piece of text, marked when it is (part of) a matched word. */
export interface TextPart {
	text: string;
	match: boolean;
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Matches any of `terms` at the start of a word, case-insensitively (longest first). */
function termPattern(terms: readonly string[]): RegExp | null {
	const words = [...new Set(terms.filter((term) => term.length > 0))].sort(
		(a, b) => b.length - a.length
	);
	if (words.length === 0) return null;
	return new RegExp(`(?<![\\p{L}\\p{N}])(?:${words.map(escapeRegExp).join('|')})`, 'giu');
}

/**
 * Splits `text` into plain and matched parts.
 * @example highlight('ID token claims', ['token']) // [{ text: 'ID ', match: false }, { text: 'token', match: true }, …]
 */
export function highlight(text: string, terms: readonly string[]): TextPart[] {
	const pattern = termPattern(terms);
	if (!pattern) return text ? [{ text, match: false }] : [];
	const parts: TextPart[] = [];
	let at = 0;
	for (const found of text.matchAll(pattern)) {
		if (found.index > at) parts.push({ text: text.slice(at, found.index), match: false });
		parts.push({ text: found[0], match: true });
		at = found.index + found[0].length;
	}
	if (at < text.length) parts.push({ text: text.slice(at), match: false });
	return parts;
}

/**
 * The part of `text` around the first match, about `width` characters, starting and ending at word
 * boundaries, with "…" where text was cut.
 */
export function snippet(text: string, terms: readonly string[], width = 160): string {
	if (text.length <= width) return text;
	const first = termPattern(terms)?.exec(text)?.index ?? 0;
	let start = Math.max(0, first - Math.floor(width / 4));
	if (start > 0) {
		// Start at the beginning of a word: after the next space, unless the match itself is that close.
		const space = text.indexOf(' ', start);
		start = space >= 0 && space < first ? space + 1 : Math.min(start, first);
		if (start > 0 && /[\p{L}\p{N}]/u.test(text[start - 1]!)) start = first;
	}
	let end = Math.min(text.length, start + width);
	if (end < text.length) {
		const space = text.lastIndexOf(' ', end);
		if (space > start + width / 2) end = space;
	}
	return `${start > 0 ? '…' : ''}${text.slice(start, end).trim()}${end < text.length ? '…' : ''}`;
}
