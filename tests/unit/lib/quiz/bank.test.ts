import { describe, expect, test } from 'vitest';
import { htmlToText, slugToTitle, splitQuestionHtml } from '../../../../src/lib/quiz/bank';

describe('splitQuestionHtml', () => {
	test('splits the stem from the Explanation section and drops the heading', () => {
		expect(
			splitQuestionHtml(
				'<p>Which pool?</p>\n<h2 id="explanation">Explanation</h2>\n<p>A user pool.</p>'
			)
		).toEqual({
			stemHtml: '<p>Which pool?</p>',
			explanationHtml: '<p>A user pool.</p>',
		});
	});
	test('keeps everything as the stem when there is no Explanation heading', () => {
		expect(splitQuestionHtml('<p>Q</p><h2>Other</h2>')).toEqual({
			stemHtml: '<p>Q</p><h2>Other</h2>',
			explanationHtml: '',
		});
	});
});

describe('htmlToText', () => {
	test('removes tags and decodes entities', () => {
		expect(
			htmlToText('Use <code>AdminInitiateAuth</code> &amp; the app&#39;s &quot;secret&quot;')
		).toBe('Use AdminInitiateAuth & the app\'s "secret"');
	});
	test('titles a slug', () => {
		expect(slugToTitle('identity-pools-iam')).toBe('Identity Pools Iam');
	});
});
