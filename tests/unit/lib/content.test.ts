import createDOMPurify from 'dompurify';
import { JSDOM } from 'jsdom';
import { describe, expect, test } from 'vitest';
import { createMarkdownRenderer, withBaseLinks } from '../../../src/lib/content/markdown';
import { sanitizeContentHtml } from '../../../src/lib/content/sanitize';

const purify = createDOMPurify(new JSDOM('').window as unknown as Window & typeof globalThis);
const markdown = createMarkdownRenderer();
/** What the preview and the build do with a piece of authored Markdown. */
const render = (text: string) => sanitizeContentHtml(purify, markdown.block(text));

describe('content sanitiser', () => {
	test.each([
		['<img src=x onerror="alert(1)">', /onerror|<img/],
		['<script>alert(1)</script>', /<script|alert/],
		['[click](javascript:alert(1))', /javascript:/],
		['[click](JAVASCRIPT:alert(1))', /javascript:/i],
		['<a href="javascript:alert(1)">x</a>', /javascript:/],
		['![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)', /data:|<img/],
		['<svg><script>alert(1)</script></svg>', /<svg|<script/],
		['<iframe src="https://evil.example"></iframe>', /<iframe/],
		['<form action="https://evil.example"><input name=a></form>', /<form|<input/],
		['<p style="x" onclick="alert(1)">hi</p>', /onclick/],
		['<math><mi xlink:href="javascript:alert(1)">x</mi></math>', /<math|javascript/],
	])('removes the script from %s', (input, forbidden) => {
		expect(render(input)).not.toMatch(forbidden);
	});

	test('keeps what content needs: emphasis, code, lists, tables, safe links', () => {
		const html = render(
			'**Bold** and `code <region>`\n\n- [lesson](/learn/tokens/#the-id-token)\n- [docs](https://docs.aws.amazon.com/cognito/)\n\n| a | b |\n| - | - |\n| 1 | 2 |'
		);
		expect(html).toContain('<strong>Bold</strong>');
		expect(html).toContain('<code>code &lt;region&gt;</code>');
		expect(html).toContain('<a href="/learn/tokens/#the-id-token">lesson</a>');
		expect(html).toContain('<a href="https://docs.aws.amazon.com/cognito/">docs</a>');
		expect(html).toContain('<td>1</td>');
	});
});

describe('withBaseLinks', () => {
	test('puts the base path in front of site links only, once', () => {
		expect(
			withBaseLinks(
				'<a href="/learn/">L</a><a href="/sub/learn/">done</a><a href="//cdn.example/x">cdn</a><a href="https://aws.amazon.com/">aws</a><a href="#x">x</a><img src="/icons/a.png">',
				'/sub/'
			)
		).toBe(
			'<a href="/sub/learn/">L</a><a href="/sub/learn/">done</a><a href="//cdn.example/x">cdn</a><a href="https://aws.amazon.com/">aws</a><a href="#x">x</a><img src="/sub/icons/a.png">'
		);
	});

	test('changes nothing at the domain root', () => {
		expect(withBaseLinks('<a href="/learn/">L</a>', '/')).toBe('<a href="/learn/">L</a>');
	});
});
