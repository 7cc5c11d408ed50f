import { describe, expect, test } from 'vitest';
import {
	checkDraft,
	fieldLabel,
	fieldOf,
	problemsInFormOrder,
} from '../../../../src/lib/bank/draft-check';
import { EMPTY_DRAFT, withType, type QuestionDraft } from '../../../../src/lib/bank/question-draft';

const VALID: QuestionDraft = {
	...EMPTY_DRAFT,
	lesson: 'tokens',
	shortId: 'aud-claim',
	topics: ['tokens'],
	exams: ['DVA-C02'],
	domains: ['DVA-C02/2'],
	options: ['aud', 'client_id', 'scope', 'sub'].map((text, index) => ({
		text,
		explanation: `because ${text} is ${index === 0 ? 'the' : 'not the'} claim.`,
	})),
	answer: ['a'],
	sources:
		'https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-id-token.html',
	stem: 'Which claim of a Cognito ID token holds the app client ID?',
	explanation: 'ID tokens carry aud.',
};

const none = new Set<string>();

describe('checkDraft', () => {
	test('a complete draft passes the build’s check', () => {
		const { errors, text } = checkDraft(VALID, none);
		expect([...errors]).toEqual([]);
		expect(text).toContain('answer: [a]');
	});

	test('an empty form gets one plain message per field, in form order', () => {
		const problems = problemsInFormOrder(checkDraft(EMPTY_DRAFT, none).errors);
		expect(problems.slice(0, 6)).toEqual([
			['lesson', ['must be chosen, found nothing']],
			['shortId', ['must be filled in, found nothing']],
			['exams', ['must include at least one exam']],
			['domains', ['must include at least one domain of each exam']],
			['topics', ['must include at least one topic']],
			['stem', ['must be filled in']],
		]);
		const keys = problems.map(([key]) => key);
		expect(keys.slice(6, 9)).toEqual(['answer', 'option-0-text', 'option-0-explanation']);
		expect(keys.slice(-2)).toEqual(['explanation', 'sources']);
		expect(new Map(problems).get('answer')).toEqual([
			'must mark the right option ("Option … is a right answer")',
		]);
	});

	test('the empty answer message follows the type', () => {
		const message = (draft: QuestionDraft) =>
			checkDraft({ ...draft, answer: [] }, none).errors.get('answer');
		expect(message(withType(VALID, 'multi'))).toEqual([
			'must mark the right options ("Option … is a right answer")',
		]);
		expect(message(withType(VALID, 'ordering'))).toEqual(['must give every step its position']);
		expect(message(withType(VALID, 'matching'))).toEqual(['must match every item to a target']);
	});

	test('short ids must be kebab-case and new', () => {
		expect(checkDraft({ ...VALID, shortId: 'Aud_Claim' }, none).errors.get('shortId')).toEqual([
			'must be kebab-case (lowercase letters, digits and single dashes), found "Aud_Claim"',
		]);
		expect(checkDraft(VALID, new Set(['tokens/aud-claim'])).errors.get('shortId')).toEqual([
			'must be new, found "tokens/aud-claim", which the bank already uses (ids are never reused)',
		]);
	});

	test('a short stem is reported once, by the form, not again by the build', () => {
		expect(checkDraft({ ...VALID, stem: 'Which claim?' }, none).errors.get('stem')).toEqual([
			'must be a full question of at least 20 characters, found 12',
		]);
	});

	test('build messages about options name the option by its letter', () => {
		const draft = {
			...VALID,
			options: VALID.options.map((option, index) =>
				index === 2 ? { ...option, text: 'aud' } : option
			),
		};
		expect(checkDraft(draft, none).errors.get('option-2-text')).toEqual([
			'must differ from every other option, found the same text as option A',
		]);
	});
});

describe('fieldOf', () => {
	test('maps the build’s field paths to form fields', () => {
		expect(fieldOf('options[2].explanation', 'x')).toBe('option-2-explanation');
		expect(fieldOf('options[0].text', 'x')).toBe('option-0-text');
		expect(fieldOf('targets[1].text', 'x')).toBe('target-1-text');
		expect(fieldOf('targets', 'x')).toBe('targets');
		expect(fieldOf('options', 'x')).toBe('answer');
		expect(fieldOf('answer[0]', 'x')).toBe('answer');
		expect(fieldOf('(body)', 'must have an "## Explanation" section')).toBe('explanation');
		expect(fieldOf('(body)', 'must start with the question stem')).toBe('stem');
		expect(fieldOf('id', 'x')).toBe('shortId');
		expect(fieldOf('domains[0]', 'x')).toBe('domains');
		expect(fieldOf('(frontmatter)', 'x')).toBe('form');
	});
});

describe('fieldLabel', () => {
	test('names fields as the form labels them', () => {
		expect(fieldLabel('option-1-explanation')).toBe('Option B explanation');
		expect(fieldLabel('option-0-text')).toBe('Option A text');
		expect(fieldLabel('target-2-text')).toBe('Target 3');
		expect(fieldLabel('shortId')).toBe('Short id');
		expect(fieldLabel('form')).toBe('File');
	});
});
