/**
 * Markdown fields that do not go through Astro's pipeline (option texts, scenario introductions, the
 * instructors' live preview) are rendered with marked, the way the build renders them; and authored
 * root-relative links (`/learn/tokens/`) get the site's base path (README, "Deploy"). Pure.
 */
import { Marked } from 'marked';

export interface MarkdownRenderer {
	/** Block Markdown (paragraphs, lists, code) to HTML. */
	block(markdown: string): string;
	/** One line of inline Markdown to HTML, without a wrapping `<p>`. */
	inline(markdown: string): string;
}

export function createMarkdownRenderer(): MarkdownRenderer {
	const marked = new Marked();
	return {
		block: (markdown) => marked.parse(markdown, { async: false }) as string,
		inline: (markdown) => (marked.parseInline(markdown, { async: false }) as string).trim(),
	};
}

/**
 * Puts `base` (ending in "/") in front of every root-relative `href`/`src` in serialised HTML that does
 * not have it yet; protocol-relative (`//host`) and other URLs are left alone.
 * @example withBaseLinks('<a href="/learn/">', '/cognito-study/') // '<a href="/cognito-study/learn/">'
 */
export function withBaseLinks(html: string, base: string): string {
	if (base === '/') return html;
	return html.replace(/(\s(?:href|src)=["'])\/(?!\/)/g, (match, start: string, offset: number) =>
		html.startsWith(base, offset + start.length) ? match : `${start}${base}`
	);
}
