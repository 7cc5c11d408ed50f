/**
 * Reading time of a lesson from its Markdown source. Pure.
 * Prose is counted at 220 words a minute; code, tables and diagrams at half speed because students study them.
 */
const PROSE_WORDS_PER_MINUTE = 220;

export function readingMinutes(markdown: string): number {
	const fenced = [...markdown.matchAll(/^```[\s\S]*?^```/gm)].map((match) => match[0]);
	const prose = fenced.reduce((text, block) => text.replace(block, ' '), markdown);
	const count = (text: string) =>
		text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
	const minutes = (count(prose) + 2 * count(fenced.join(' '))) / PROSE_WORDS_PER_MINUTE;
	return Math.max(1, Math.round(minutes));
}
