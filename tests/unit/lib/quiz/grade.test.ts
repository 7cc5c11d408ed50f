import { describe, expect, test } from 'vitest';
import { answerLetters, gradeAnswer, optionsToExplain } from '../../../../src/lib/quiz/grade';
import { makeQuestion } from '../../../fixtures/practice';

describe('gradeAnswer', () => {
	const single = makeQuestion('tokens/one');
	const multi = makeQuestion('tokens/two', { type: 'multi' });

	test('a single-answer question is right only with the right option', () => {
		expect(gradeAnswer(single, ['b']).correct).toBe(true);
		expect(gradeAnswer(single, ['a'])).toEqual({
			correct: false,
			picked: ['a'],
			rightPicks: [],
			wrongPicks: ['a'],
			missed: ['b'],
		});
		expect(gradeAnswer(single, []).correct).toBe(false);
	});

	test('multiple response is all-or-nothing and records the picks in option order', () => {
		expect(gradeAnswer(multi, ['d', 'b']).correct).toBe(true);
		expect(gradeAnswer(multi, ['d', 'b']).picked).toEqual(['b', 'd']);
		const partial = gradeAnswer(multi, ['b']);
		expect(partial.correct).toBe(false);
		expect(partial.missed).toEqual(['d']);
		const extra = gradeAnswer(multi, ['b', 'd', 'e']);
		expect(extra.correct).toBe(false);
		expect(extra.wrongPicks).toEqual(['e']);
	});

	test('explains every wrong pick and every right option', () => {
		expect(optionsToExplain(multi, gradeAnswer(multi, ['a', 'b']))).toEqual(['a', 'b', 'd']);
		expect(optionsToExplain(single, gradeAnswer(single, ['b']))).toEqual(['b']);
	});

	test('spells the right letters for the announcement', () => {
		expect(answerLetters(['b'])).toBe('B');
		expect(answerLetters(['b', 'd'])).toBe('B and D');
		expect(answerLetters(['a', 'c', 'e'])).toBe('A, C and E');
	});
});
