/**
 * Finds what authored Markdown must not contain: raw HTML (it can carry script, and unknown tags such as
 * `<region>` silently vanish from the page) and links or images with a `javascript:`, `vbscript:` or
 * `data:` URL. Uses marked's lexer, the same parser that renders previews, so code spans and fenced
 * blocks (where `<region>` is just text) are never reported. Pure.
 */
import { Lexer, marked, type Token } from 'marked';

/** URL schemes that run script or smuggle content past the site's Content-Security-Policy. */
const UNSAFE_SCHEME = /^(?:javascript|vbscript|data):/i;

/** Entities and invisible characters browsers ignore in a URL, so `java&#115;cript:` is caught too. */
function normaliseUrl(url: string): string {
	return url
		.replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
		.replace(/&#(\d+);?/g, (_, decimal: string) => String.fromCodePoint(Number(decimal)))
		.replace(/&colon;/gi, ':')
		.replace(/&tab;|&newline;/gi, '')
		.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
}

/** True for a URL a content link must not have. */
export function isUnsafeUrl(url: string): boolean {
	return UNSAFE_SCHEME.test(normaliseUrl(url));
}

function excerpt(text: string): string {
	const flat = text.trim().replace(/\s+/g, ' ');
	return JSON.stringify(flat.length > 40 ? `${flat.slice(0, 40)}…` : flat);
}

/**
 * Problems in one Markdown field, each as "what was found; the fix". `inline` parses the field as one
 * line of inline Markdown (option texts), the way it is rendered.
 * @example markdownProblems('See <region>.') // ['found raw HTML "<region>"; …']
 */
export function markdownProblems(markdown: string, inline = false): string[] {
	const tokens: Token[] = inline ? Lexer.lexInline(markdown) : Lexer.lex(markdown);
	const problems: string[] = [];
	marked.walkTokens(tokens, (token) => {
		if (token.type === 'html') {
			const found = token.raw.trim();
			problems.push(
				`must not contain raw HTML, found ${excerpt(found)}; use Markdown, and put placeholders in backticks (\`${found.length > 40 ? '<placeholder>' : found}\`)`
			);
		} else if ((token.type === 'link' || token.type === 'image') && isUnsafeUrl(token.href)) {
			problems.push(
				`must not link to a ${/^\s*([a-z]+)/i.exec(normaliseUrl(token.href))?.[1]?.toLowerCase()}: URL, found ${excerpt(token.href)}; link to an https:// page or a page of this site`
			);
		}
	});
	return problems;
}
