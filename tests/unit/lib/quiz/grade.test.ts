import { describe, expect, test } from 'vitest';
import { gradeAnswer, optionsToExplain } from '../../../../src/lib/quiz/grade';
import { lettersFor, presentation } from '../../../../src/lib/quiz/shuffle';
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

	test('spells the right answer in the letters the learner saw', () => {
		const view = { seed: 0, options: ['c', 'a', 'e', 'b', 'd'], targets: [] };
		expect(lettersFor(['b'], view)).toBe('D');
		expect(lettersFor(['b', 'd'], view)).toBe('D and E');
		expect(lettersFor(['a', 'c', 'e'], view)).toBe('A, B and C');
		expect(lettersFor(['b'], presentation(single, 3))).toMatch(/^[A-D]$/);
	});
});
