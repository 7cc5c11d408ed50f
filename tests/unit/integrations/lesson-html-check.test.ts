import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { describe, expect, test } from 'vitest';
import { checkLessonHtml } from '../../../src/integrations/lesson-html-check';

const callout = (kind: string, title: string, body: string) =>
	`<aside class="callout callout-${kind}" aria-label="${title}"><p class="callout-title">${title}</p><div class="callout-body">${body}</div></aside>`;
const lesson = (body: string) =>
	`<html><body><div class="lesson-body prose">${body}</div></body></html>`;
const traps = callout('traps', 'Exam traps', '<ul><li>One trap.</li><li>Another trap.</li></ul>');

describe('checkLessonHtml', () => {
	test('accepts callouts whose lists render as lists', () => {
		const changed = callout(
			'changed',
			'What changed',
			'<ul><li><strong>A</strong> new.</li><li>B.</li></ul>'
		);
		expect(checkLessonHtml(lesson(`<p>Intro.</p>${changed}${traps}`))).toEqual([]);
	});

	test('reports a list that Prettier flattened into one paragraph (the bug this guards against)', () => {
		const flattened = callout(
			'changed',
			'What changed since your notes',
			'<p>- <strong>Managed login</strong> (November 2024) joined. - Customisation is no longer just CSS. - <strong>IdP-initiated SAML</strong> is supported.</p>'
		);
		const problems = checkLessonHtml(lesson(flattened + traps));
		expect(problems).toHaveLength(1);
		expect(problems[0]).toMatch(
			/^callout "What changed since your notes": a Markdown list rendered as running text/
		);
		expect(problems[0]).toContain('blank line after <Callout');
	});

	test('reports an exam-traps list that became a single item, and says how many items it found', () => {
		const oneItem = callout(
			'traps',
			'Exam traps',
			'<ul><li><strong>Access tokens have no <code>aud</code>.</strong> Validate client_id. - <strong>Refresh tokens are opaque.</strong></li></ul>'
		);
		const problems = checkLessonHtml(lesson(oneItem));
		expect(problems).toEqual([
			expect.stringMatching(
				/^callout "Exam traps": a Markdown list rendered as running text \("….*opaque/
			),
			expect.stringMatching(
				/^callout "Exam traps": must render as a list of at least 2 traps, found 1 list items/
			),
		]);
	});

	test('finds flattened lists outside callouts too, and names the place', () => {
		expect(checkLessonHtml(lesson(`<p>Steps: - sign in - call the API</p>${traps}`))).toEqual([
			expect.stringMatching(/^lesson text: /),
		]);
	});

	test('ignores dashes inside code, plus signs and hyphenated words', () => {
		const body =
			'<p>Run <code>aws cognito-idp - list</code> or <kbd>a - b</kbd>.</p><p>CUP + CIP = users + access; client-side, e-mail.</p><table><tr><td><code>- x</code></td></tr></table>';
		expect(checkLessonHtml(lesson(body + traps))).toEqual([]);
	});

	test('says so when the page has no lesson body, rather than passing silently', () => {
		expect(checkLessonHtml('<main></main>')).toEqual([expect.stringMatching(/no \.lesson-body/)]);
	});
});

describe('Prettier configuration for lessons', () => {
	test('leaves a list inside a callout alone even without blank lines around it', async () => {
		const filepath = fileURLToPath(
			new URL('../../../content/lessons/example.mdx', import.meta.url)
		);
		const options = await prettier.resolveConfig(filepath);
		const source = [
			'# Example',
			'',
			'<Callout kind="traps" title="Exam traps">',
			'- **First trap** with enough words to pass the eighty-character print width of lessons.',
			'- **Second trap**.',
			'</Callout>',
			'',
		].join('\n');
		const formatted = await prettier.format(source, { ...options, filepath });
		expect(formatted).toContain('\n- **First trap** with enough words');
		expect(formatted).toContain('\n- **Second trap**.');
	});
});
