import { describe, expect, test } from 'vitest';
import {
	fileToQuestion,
	normaliseQuestion,
	questionFileName,
	questionPath,
	questionToFile,
	yamlScalar,
} from '../../../../src/lib/bank';
import { checkContent } from '../../../../src/schemas/check-content';
import { realBank, realLessonFiles, TRICKY } from '../../../fixtures/bank';

describe('questionToFile', () => {
	test('writes the frontmatter in the documented key order and format', () => {
		expect(
			questionToFile({
				...TRICKY,
				options: TRICKY.options.slice(0, 1),
				fromNotes: { number: 2, originalAnswer: 'Cognito Sync', corrected: true },
			})
		).toMatchInlineSnapshot(`
			"---
			id: tokens/special-characters
			lesson: tokens
			topics: [tokens, jwt-verification]
			type: multi
			difficulty: 3
			exams: [DVA-C02, SCS-C02]
			domains: [DVA-C02/2, SCS-C02/4]
			options:
			  - id: a
			    text: "Check \`aud\` = the app client ID: {clientId}"
			    explanation: "Right: the ID token's \\"aud\\" claim must equal the app client ID; see #claims."
			answer: [a, b]
			sources:
			  - "https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-tokens-verifying-a-jwt.html"
			fromNotes: { number: 2, originalAnswer: "Cognito Sync", corrected: true }
			---
			An API receives a JWT: {"kid": "abc"}. Which two checks must it make? Note: 50% = half.

			\`\`\`json
			{ "aud": "x" }
			\`\`\`

			Select carefully. (Choose two.)

			## Explanation

			Verify signature, **issuer**, \`aud\`/\`client_id\` and \`token_use\` — see [Tokens](/learn/tokens/).
			"
		`);
	});

	test('quotes scalars YAML would otherwise read as something else', () => {
		expect(['a', 'yes', 'null', '12', 'tokens/x', 'a: b', '#x', ''].map(yamlScalar)).toEqual([
			'a',
			'"yes"',
			'"null"',
			'"12"',
			'tokens/x',
			'"a: b"',
			'"#x"',
			'""',
		]);
	});

	test('produces a file the content check accepts', () => {
		const file = { path: questionPath(TRICKY.id), text: questionToFile(TRICKY) };
		const report = checkContent([...realLessonFiles(), file]);
		expect(report.errors.filter((error) => error.startsWith('content/questions'))).toEqual([]);
		expect(report.questions).toHaveLength(1);
	});

	test('names the file after the short id', () => {
		expect(questionFileName('tokens/special-characters')).toBe('special-characters.md');
		expect(questionPath('tokens/special-characters')).toBe(
			'content/questions/tokens/special-characters.md'
		);
	});
});

describe('serialise → parse', () => {
	test(
		'gives back an identical question, for a tricky one and for every question in the bank',
		{ timeout: 30_000 },
		() => {
			const bank = [TRICKY, ...realBank()];
			expect(bank.length).toBeGreaterThan(1);
			for (const question of bank) {
				const text = questionToFile(question);
				const parsed = fileToQuestion(questionPath(question.id), text);
				if ('error' in parsed) throw new Error(parsed.error);
				expect(parsed.question).toEqual(normaliseQuestion(question));
				// Serialising again is stable byte for byte.
				expect(questionToFile(parsed.question)).toBe(text);
			}
		}
	);

	test('reports broken YAML instead of guessing', () => {
		expect(fileToQuestion('x.md', '---\nid: [\n---\nStem')).toMatchObject({
			error: expect.stringContaining('x.md: (frontmatter) line'),
		});
	});
});
