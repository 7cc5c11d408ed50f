import { describe, expect, test } from 'vitest';
import { fileToQuestion, questionToFile } from '../../../../src/lib/bank';
import {
	draftToQuestion,
	EMPTY_DRAFT,
	matchOf,
	questionToDraft,
	stepPosition,
	toggled,
	withMatch,
	withOptionCount,
	withRightOption,
	withStepPosition,
	withTargetCount,
	withType,
	type QuestionDraft,
} from '../../../../src/lib/bank/question-draft';

const SINGLE: QuestionDraft = {
	...EMPTY_DRAFT,
	lesson: 'tokens',
	shortId: 'aud-claim',
	topics: ['tokens'],
	exams: ['DVA-C02'],
	domains: ['DVA-C02/2'],
	options: [
		{ text: 'aud', explanation: 'the ID token names the client in aud.' },
		{ text: 'client_id', explanation: 'Wrong: that is the access token.' },
		{ text: 'scope', explanation: 'scopes are in the access token.' },
		{ text: 'None of these', explanation: 'aud is there.' },
	],
	answer: ['a'],
	pinned: ['d'],
	sources: 'https://docs.aws.amazon.com/a\n  https://docs.aws.amazon.com/b ',
	stem: 'Which claim of a Cognito ID token holds the app client ID?',
	explanation: ' ID tokens carry aud. ',
};

const ORDERING: QuestionDraft = {
	...withType(SINGLE, 'ordering'),
	options: SINGLE.options.slice(0, 3),
	answer: ['b', 'c', 'a'],
};

describe('draftToQuestion', () => {
	test('adds the verdict to choice explanations (replacing one typed by hand) and keeps pins', () => {
		const question = draftToQuestion(SINGLE);
		expect(question.id).toBe('tokens/aud-claim');
		expect(question.options.map((option) => option.explanation)).toEqual([
			'Right: the ID token names the client in aud.',
			'Wrong: that is the access token.',
			'Wrong: scopes are in the access token.',
			'Wrong: aud is there.',
		]);
		expect(question.options.map((option) => option.pinned ?? false)).toEqual([
			false,
			false,
			false,
			true,
		]);
		expect(question.sources).toEqual([
			'https://docs.aws.amazon.com/a',
			'https://docs.aws.amazon.com/b',
		]);
		expect(question.explanation).toBe('ID tokens carry aud.');
		expect(question.difficulty).toBe(2);
	});

	test('ordering keeps the authored order as the answer and writes no verdict or pin', () => {
		const question = draftToQuestion({ ...ORDERING, pinned: ['a'] });
		expect(question.answer).toEqual(['b', 'c', 'a']);
		expect(question.options[1]).toEqual({
			id: 'b',
			text: 'client_id',
			explanation: 'that is the access token.',
		});
	});

	test('sorts choice answers by option id and adds "(Choose n.)" to a multi stem', () => {
		const multi = { ...withType(SINGLE, 'multi'), answer: ['c', 'a'] };
		const question = draftToQuestion(multi);
		expect(question.answer).toEqual(['a', 'c']);
		expect(question.stem).toMatch(/\(Choose two\.\)$/);
	});

	test('drops the domains of an exam that was unticked again', () => {
		const question = draftToQuestion({ ...SINGLE, domains: ['DVA-C02/2', 'SAA-C03/1'] });
		expect(question.domains).toEqual(['DVA-C02/2']);
	});

	test('matching writes targets t1… with trimmed text', () => {
		const matching = { ...withType(SINGLE, 'matching'), targets: [' Logins map ', 'GetUser', ''] };
		expect(draftToQuestion(matching).targets).toEqual([
			{ id: 't1', text: 'Logins map' },
			{ id: 't2', text: 'GetUser' },
			{ id: 't3', text: '' },
		]);
	});
});

describe('questionToDraft', () => {
	test('reads back the draft a file was written from', () => {
		for (const draft of [
			{ ...SINGLE, sources: 'https://docs.aws.amazon.com/a\nhttps://docs.aws.amazon.com/b' },
			{ ...ORDERING, sources: 'https://docs.aws.amazon.com/a' },
		]) {
			const parsed = fileToQuestion('x.md', questionToFile(draftToQuestion(draft)));
			if ('error' in parsed) throw new Error(parsed.error);
			const back = questionToDraft(parsed.question);
			expect(back).toEqual({
				...draft,
				explanation: draft.explanation.trim(),
				options: draft.options.map((option) => ({
					...option,
					explanation: option.explanation.replace(/^Wrong: /, ''),
				})),
			});
		}
	});

	test('turns missing or malformed fields into empty ones for the check to report', () => {
		expect(questionToDraft({ options: 'nope', type: 'essay', answer: [1] })).toEqual({
			...EMPTY_DRAFT,
			options: [],
			answer: ['1'],
		});
	});
});

describe('edits that depend on the type', () => {
	test('changing the type resizes the options and keeps a choice answer within the family', () => {
		const multi = withType({ ...SINGLE, answer: ['d'] }, 'multi');
		expect(multi.options).toHaveLength(5);
		expect(multi.options[4]).toEqual({ text: '', explanation: '' });
		expect(multi.answer).toEqual(['d']);
		const back = withType({ ...multi, answer: ['b', 'e'] }, 'single');
		expect(back.options).toHaveLength(4);
		expect(back.answer).toEqual(['b']);
		expect(back.pinned).toEqual(['d']);
	});

	test('changing family starts the answer again; matching gets three empty targets', () => {
		const matching = withType(SINGLE, 'matching');
		expect(matching).toMatchObject({ answer: [], pinned: [], targets: ['', '', ''] });
		expect(matching.options).toHaveLength(4);
		const ordering = withType({ ...matching, answer: ['a=t1'] }, 'ordering');
		expect(ordering).toMatchObject({ answer: [], targets: [] });
		expect(withType({ ...ORDERING, answer: ['a'] }, 'single').answer).toEqual([]);
	});

	test('fewer options drop the answers that named the removed ones', () => {
		const multi = { ...withType(SINGLE, 'multi'), options: Array(6).fill(SINGLE.options[0]) };
		expect(withOptionCount({ ...multi, answer: ['a', 'f'] }, 5).answer).toEqual(['a']);
		const matching = { ...withType(SINGLE, 'matching'), answer: ['a=t1', 'd=t2'] };
		expect(withOptionCount(matching, 3).answer).toEqual(['a=t1']);
		expect(withOptionCount(matching, 3).options).toHaveLength(3);
	});

	test('fewer targets drop the pairs to the removed ones', () => {
		const matching = {
			...withType(SINGLE, 'matching'),
			targets: ['1', '2', '3', '4'],
			answer: ['a=t4', 'b=t3'],
		};
		const fewer = withTargetCount(matching, 3);
		expect(fewer.targets).toEqual(['1', '2', '3']);
		expect(fewer.answer).toEqual(['b=t3']);
		expect(withTargetCount(fewer, 5).targets).toEqual(['1', '2', '3', '', '']);
	});

	test('a step put at a position moves the others, keeping their order', () => {
		let draft = { ...ORDERING, answer: [] as string[] };
		draft = withStepPosition(draft, 'c', 1);
		draft = withStepPosition(draft, 'a', 1);
		expect(draft.answer).toEqual(['a', 'c']);
		draft = withStepPosition(draft, 'b', 3);
		draft = withStepPosition(draft, 'a', 3);
		expect(draft.answer).toEqual(['c', 'b', 'a']);
		expect(stepPosition(draft, 'b')).toBe(2);
		expect(stepPosition({ ...draft, answer: [] }, 'b')).toBe(0);
	});

	test('a match replaces the item’s earlier one, and an empty choice removes it', () => {
		let draft = withType(SINGLE, 'matching');
		draft = withMatch(draft, 'b', 't2');
		draft = withMatch(draft, 'a', 't3');
		draft = withMatch(draft, 'b', 't1');
		expect(draft.answer).toEqual(['a=t3', 'b=t1']);
		expect(matchOf(draft, 'b')).toBe('t1');
		draft = withMatch(draft, 'a', '');
		expect(draft.answer).toEqual(['b=t1']);
		expect(matchOf(draft, 'a')).toBe('');
	});

	test('single answer has one right option; multiple response toggles', () => {
		expect(withRightOption(SINGLE, 'c', true).answer).toEqual(['c']);
		const multi = withType(SINGLE, 'multi');
		const two = withRightOption(withRightOption(multi, 'c', true), 'e', true);
		expect(two.answer).toEqual(['a', 'c', 'e']);
		expect(withRightOption(two, 'a', false).answer).toEqual(['c', 'e']);
		expect(toggled(['x'], 'y', true)).toEqual(['x', 'y']);
		expect(toggled(['x', 'y'], 'x', false)).toEqual(['y']);
	});
});
