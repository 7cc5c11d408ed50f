import { describe, expect, test } from 'vitest';
import { checkContent } from '../../../src/schemas/check-content';
import { isUnsafeUrl, markdownProblems } from '../../../src/schemas/markdown-safety';
import { lessonFile, questionFile } from '../../fixtures/content';

const STEM = 'Which claim of a Cognito ID token holds the app client ID?';

describe('markdownProblems', () => {
	test.each([
		['<img src=x onerror="alert(1)">', 'raw HTML'],
		['Text <script>alert(1)</script> here', 'raw HTML'],
		['A <region> placeholder', 'raw HTML'],
		['[click](javascript:alert(1))', 'javascript: URL'],
		['[click](JaVaScRiPt:alert(1))', 'javascript: URL'],
		['[click](java&#115;cript:alert(1))', 'javascript: URL'],
		['<javascript:alert(1)>', 'javascript: URL'],
		['![x](data:image/svg+xml;base64,PHN2Zz4=)', 'data: URL'],
		['[x][ref]\n\n[ref]: vbscript:msgbox', 'vbscript: URL'],
	])('reports %s', (markdown, what) => {
		const problems = markdownProblems(markdown);
		expect(problems.length).toBeGreaterThan(0);
		for (const problem of problems) expect(problem).toContain(what);
	});

	test.each([
		'Plain text with **bold**, `code <region>` and a [link](/learn/tokens/).',
		'```\n<div onclick="x">in a fence</div>\n```',
		'See <https://docs.aws.amazon.com/cognito/> and [docs](https://aws.amazon.com/).',
		'a < b and c > d',
	])('accepts %s', (markdown) => {
		expect(markdownProblems(markdown)).toEqual([]);
	});

	test('parses option texts as inline Markdown', () => {
		expect(markdownProblems('Bearer <ID token>', true)[0]).toMatch(
			/found "<ID token>"; use Markdown, and put placeholders in backticks \(`<ID token>`\)/
		);
	});

	test('sees through entities and control characters in URLs', () => {
		expect(isUnsafeUrl(' java\tscript:alert(1)')).toBe(true);
		expect(isUnsafeUrl('&#x6A;avascript:alert(1)')).toBe(true);
		expect(isUnsafeUrl('https://example.com/javascript:')).toBe(false);
		expect(isUnsafeUrl('/learn/tokens/')).toBe(false);
	});
});

describe('checkContent rejects script in question, glossary and scenario files', () => {
	test('one line per problem with file, field, what was found and the fix', () => {
		const question = questionFile(
			undefined,
			{
				options: `
  - id: a
    text: "aud <img src=x onerror=alert(1)>"
    explanation: "Right: see [this](javascript:alert(1))."
  - id: b
    text: "client_id"
    explanation: "Wrong: client_id is the access token's claim."
  - id: c
    text: "scope"
    explanation: "Wrong: scope appears in access tokens only."
  - id: d
    text: "token_type"
    explanation: "Wrong: there is no such claim in Cognito tokens."`,
			},
			`${STEM} <b>Bold</b>\n\n## Explanation\n\n![pixel](data:image/png;base64,AAAA)\n`
		);
		const glossary = {
			path: 'content/glossary/aud.md',
			text: '---\nterm: aud claim\nlesson: tokens\n---\nThe <a href="javascript:alert(1)">audience</a>.\n',
		};
		expect(
			checkContent([lessonFile(), question, glossary]).errors.map((line) =>
				line.replace(/; .*/, '')
			)
		).toEqual([
			'content/questions/tokens/id-token-claims.md: stem: must not contain raw HTML, found "<b>"',
			'content/questions/tokens/id-token-claims.md: stem: must not contain raw HTML, found "</b>"',
			'content/questions/tokens/id-token-claims.md: explanation: must not link to a data: URL, found "data:image/png;base64,AAAA"',
			'content/questions/tokens/id-token-claims.md: options[0].text: must not contain raw HTML, found "<img src=x onerror=alert(1)>"',
			'content/questions/tokens/id-token-claims.md: options[0].explanation: must not link to a javascript: URL, found "javascript:alert(1)"',
			'content/glossary/aud.md: (body): must not contain raw HTML, found "<a href=\\"javascript:alert(1)\\">"',
			'content/glossary/aud.md: (body): must not contain raw HTML, found "</a>"',
		]);
	});
});
