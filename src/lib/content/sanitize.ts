/**
 * The one HTML policy for content that reaches `innerHTML` (question stems, options and explanations,
 * scenario introductions, the instructors' preview): DOMPurify with only what rendered Markdown needs.
 * No scripts, event handlers, forms, frames, SVG or MathML; links only to http(s), mailto, site paths and
 * anchors. The DOMPurify instance is passed in (the browser's own, or one over jsdom at build time), so
 * this module stays DOM-free.
 */
import type { Config, DOMPurify } from 'dompurify';

/** Tags that Markdown (and Shiki's code blocks) produce. */
const ALLOWED_TAGS = [
	'a',
	'b',
	'blockquote',
	'br',
	'code',
	'del',
	'em',
	'h2',
	'h3',
	'h4',
	'hr',
	'i',
	'kbd',
	'li',
	'ol',
	'p',
	'pre',
	's',
	'span',
	'strong',
	'sub',
	'sup',
	'table',
	'tbody',
	'td',
	'th',
	'thead',
	'tr',
	'ul',
];

/** `style` is Shiki's colours on code; CSS cannot run script, and the CSP allows no external loads. */
const ALLOWED_ATTR = ['href', 'title', 'id', 'class', 'start', 'align', 'style', 'tabindex'];

/** http(s), mailto, an anchor, or a relative or root-relative path (no other scheme). */
const ALLOWED_URI_REGEXP = /^(?:(?:https?|mailto):|[^a-z]|[a-z+.-]+(?:[^a-z+.:-]|$))/i;

export const CONTENT_SANITIZE_CONFIG: Config = {
	ALLOWED_TAGS,
	ALLOWED_ATTR,
	ALLOWED_URI_REGEXP,
	ALLOW_DATA_ATTR: false,
	ALLOW_ARIA_ATTR: false,
};

/** Sanitises rendered Markdown with the content policy. */
export function sanitizeContentHtml(purify: DOMPurify, html: string): string {
	return purify.sanitize(html, {
		...CONTENT_SANITIZE_CONFIG,
		RETURN_TRUSTED_TYPE: false,
	}) as string;
}
