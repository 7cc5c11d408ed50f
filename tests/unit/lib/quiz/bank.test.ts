import { describe, expect, test } from 'vitest';
import {
	htmlToText,
	packQuestionBank,
	QUESTION_BANK_FILE_VERSION,
	slugToTitle,
	splitQuestionHtml,
	unpackQuestionBank,
} from '../../../../src/lib/quiz/bank';
import { QUESTION_BANK_VERSION, type QuestionBank } from '../../../../src/lib/quiz/types';
import { makeQuestion } from '../../../fixtures/practice';

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

describe('packQuestionBank / unpackQuestionBank', () => {
	const bank: QuestionBank = {
		version: QUESTION_BANK_VERSION,
		lessons: [{ slug: 'tokens', title: 'Tokens', order: 1, url: '/learn/tokens/' }],
		questions: [
			makeQuestion('tokens/a', { type: 'multi', answer: ['b', 'd'] }),
			makeQuestion('tokens/b', {
				options: [
					{
						id: 'a',
						html: 'The pool&#39;s <code>aud</code> &amp; more',
						text: "The pool's aud & more",
						explanationHtml: 'Right: it&#39;s so.',
						correct: true,
					},
				],
				answer: ['a'],
			}),
		],
	};

	test('ships options without derived fields and gets them back', () => {
		const file = packQuestionBank(bank);
		expect(file.version).toBe(QUESTION_BANK_FILE_VERSION);
		expect(Object.keys(file.questions[0]!.options[0]!).sort()).toEqual([
			'explanationHtml',
			'html',
			'id',
		]);
		expect(file.questions[1]!.options[0]!.html).toBe("The pool's <code>aud</code> &amp; more");
		const back = unpackQuestionBank(JSON.parse(JSON.stringify(file)));
		expect(back.questions[0]).toEqual(bank.questions[0]);
		expect(back.questions[1]!.options[0]).toMatchObject({
			text: "The pool's aud & more",
			correct: true,
		});
		expect(JSON.stringify(file).length).toBeLessThan(JSON.stringify(bank).length);
	});

	test('refuses a file of another version with a reason', () => {
		expect(() =>
			unpackQuestionBank({ ...packQuestionBank(bank), version: 1 } as never)
		).toThrowError(/version 1, this page reads version 2; reload the page/);
	});
});
