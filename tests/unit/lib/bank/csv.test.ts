import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import {
	importQuestions,
	normaliseQuestion,
	parseCsv,
	questionsToCsv,
} from '../../../../src/lib/bank';
import { checkContent } from '../../../../src/schemas/check-content';
import { realLessonFiles, TRICKY } from '../../../fixtures/bank';

const fixture = (name: string) =>
	readFileSync(new URL(`../../../fixtures/bank/${name}`, import.meta.url), 'utf8');

describe('parseCsv', () => {
	test('handles quoted commas, doubled quotes, line breaks and CRLF, with start lines', () => {
		expect(parseCsv('a,b\r\n"x, y","say ""hi"""\r\n"two\nlines",z\n\n,\nlast,1')).toEqual([
			{ line: 1, cells: ['a', 'b'] },
			{ line: 2, cells: ['x, y', 'say "hi"'] },
			{ line: 3, cells: ['two\nlines', 'z'] },
			{ line: 7, cells: ['last', '1'] },
		]);
	});

	test('reads semicolon-separated sheets from spreadsheet locales that use them', () => {
		expect(parseCsv('id;lesson\nx;tokens')).toEqual([
			{ line: 1, cells: ['id', 'lesson'] },
			{ line: 2, cells: ['x', 'tokens'] },
		]);
	});
});

describe('CSV import', () => {
	test('turns a clean sheet into files that pass the check with the real lessons', () => {
		const result = importQuestions(fixture('good.csv'), { format: 'csv', source: 'good.csv' });
		if (!result.ok) throw new Error(result.problems.join('\n'));
		expect(result.files.map((file) => file.path)).toEqual([
			'content/questions/tokens/aud-claim-from-sheet.md',
			'content/questions/identity-pools/guest-and-signed-in.md',
		]);
		expect(result.questions[1]).toMatchObject({
			type: 'multi',
			answer: ['a', 'b'],
			topics: ['identity-pools', 'guest-access'],
			exams: ['SAA-C03', 'DVA-C02'],
		});
		expect(result.questions[0]!.explanation).toBe(
			'The ID token\'s "aud" claim holds the app client ID.\n\nSee [Tokens](/learn/tokens/).'
		);
		const report = checkContent([...realLessonFiles(), ...result.files]);
		expect(report.errors.filter((error) => error.startsWith('content/questions'))).toEqual([]);
	});

	test('reports every bad row with its line number and produces nothing', () => {
		const result = importQuestions(fixture('mixed.csv'), { format: 'csv', source: 'mixed.csv' });
		expect(result.ok).toBe(false);
		expect(result.files).toEqual([]);
		expect(result.ok ? [] : result.problems).toMatchInlineSnapshot(`
			[
			  "mixed.csv line 3 (tokens/wrong-answer-letter): answer[0]: must be an option id (a–d), found "e"",
			  "mixed.csv line 3 (tokens/wrong-answer-letter): options[0].explanation: says "right" but option "a" is not in answer; make the explanation and the answer agree",
			  "mixed.csv line 4 (tokenz/multi line stem): id: must look like "<lesson-slug>/<short-id>" in kebab-case, found "tokenz/multi\\nline stem"",
			  "mixed.csv line 4 (tokenz/multi line stem): lesson: must be one of "cognito-overview", "user-pools", "tokens", "integrations", "mfa-and-security", "federation-and-managed-login", "lambda-triggers", "identity-pools", "identity-pools-iam", "user-vs-identity-pools", "cognito-in-architectures", "operating-securely", "cognito-sync-and-appsync", "exam-strategy", found "tokenz"; did you mean "tokens"?",
			  "mixed.csv line 4 (tokenz/multi line stem): difficulty: must be a number, found "hard"",
			  "mixed.csv line 4 (tokenz/multi line stem): exams[0]: must be one of "DVA-C02", "SAA-C03", "SCS-C02", found "DVA-C03"; did you mean "DVA-C02"?",
			  "mixed.csv line 4 (tokenz/multi line stem): domains[0]: must be one of "DVA-C02/1", "DVA-C02/2", "DVA-C02/3", "DVA-C02/4", "SAA-C03/1", "SAA-C03/2", "SAA-C03/3", "SAA-C03/4", "SCS-C02/1", "SCS-C02/2", "SCS-C02/3", "SCS-C02/4", "SCS-C02/5", "SCS-C02/6", found "DVA-C03/2"; did you mean "DVA-C02/2"?",
			  "mixed.csv line 4 (tokenz/multi line stem): sources[0]: must be an https URL on docs.aws.amazon.com, aws.amazon.com or repost.aws, found "http://example.com/doc"",
			  "mixed.csv line 7 (tokens/missing-choose): (body): a multi question's stem must say "(Choose two.)", found no such phrase",
			  "mixed.csv line 8 (tokens/aud-claim-from-sheet): id: must be unique in the import, found "tokens/aud-claim-from-sheet" (also on line 2)",
			]
		`);
	});

	test('stops at the header when columns are unknown or missing', () => {
		const result = importQuestions('id,lesson,stem,answr\nx,tokens,Stem,a\n', {
			format: 'csv',
			source: 'bad.csv',
		});
		expect(result.ok ? [] : result.problems).toMatchInlineSnapshot(`
			[
			  "bad.csv line 1: (header) column 4: must be one of id, lesson, type, difficulty, topics, exams, domains, stem, explanation, option_a, option_b, option_c, option_d, option_e, option_f, explanation_a, explanation_b, explanation_c, explanation_d, explanation_e, explanation_f, pinned, target_t1, target_t2, target_t3, target_t4, target_t5, target_t6, target_t7, target_t8, answer, sources, scenario, scenarioStep, found "answr"",
			  "bad.csv line 1: (header): must have a "explanation" column, found none",
			  "bad.csv line 1: (header): must have a "answer" column, found none",
			  "bad.csv line 1: (header): must have a "sources" column, found none",
			  "bad.csv line 1: (header): must have a "topics" column, found none",
			  "bad.csv line 1: (header): must have a "exams" column, found none",
			  "bad.csv line 1: (header): must have a "domains" column, found none",
			  "bad.csv line 1: (header): must have a "difficulty" column, found none",
			]
		`);
	});

	test('exports CSV that imports back to the same questions', () => {
		const csv = questionsToCsv([TRICKY]);
		const result = importQuestions(csv, { format: 'csv', source: 'export.csv' });
		if (!result.ok) throw new Error(result.problems.join('\n'));
		expect(result.questions).toEqual([normaliseQuestion(TRICKY)]);
	});
});
