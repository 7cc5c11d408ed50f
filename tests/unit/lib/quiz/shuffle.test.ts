/** Seeded option shuffles (properties), grading of every question type, and response updates. */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { gradeAnswer } from '../../../../src/lib/quiz/grade';
import { isComplete, updateResponse } from '../../../../src/lib/quiz/response';
import { presentation } from '../../../../src/lib/quiz/shuffle';
import type { BankQuestion } from '../../../../src/lib/quiz/types';
import { makeQuestion } from '../../../fixtures/practice';

const question = (count: number, pinned: number[] = [], type: BankQuestion['type'] = 'multi') =>
	makeQuestion('tokens/q', {
		type,
		options: 'abcdef'
			.slice(0, count)
			.split('')
			.map((id, index) => ({
				id,
				html: id,
				text: id,
				explanationHtml: '',
				correct: index % 2 === 0,
				...(pinned.includes(index) ? { pinned: true } : {}),
			})),
		answer: type === 'ordering' ? 'abcdef'.slice(0, count).split('') : ['a', 'c'],
	});

describe('presentation (properties)', () => {
	const seed = fc.integer({ min: 0, max: 0xffffffff });

	test('is a permutation of the option ids and the same for the same seed', () => {
		fc.assert(
			fc.property(fc.integer({ min: 4, max: 6 }), seed, (count, s) => {
				const q = question(count);
				const view = presentation(q, s);
				expect([...view.options].sort()).toEqual(q.options.map((o) => o.id));
				expect(presentation(q, s)).toEqual(view);
			})
		);
	});

	test('pinned options keep their authored place', () => {
		fc.assert(
			fc.property(seed, (s) => {
				const view = presentation(question(5, [4]), s);
				expect(view.options[4]).toBe('e');
			})
		);
	});

	test('grading by id does not depend on the order shown', () => {
		fc.assert(
			fc.property(seed, fc.subarray(['a', 'b', 'c', 'd', 'e']), (s, picked) => {
				const q = question(5);
				// The learner picks by position on screen; the response records the ids at those positions.
				const view = presentation(q, s);
				const byPosition = view.options.filter((id) => picked.includes(id));
				expect(gradeAnswer(q, byPosition)).toEqual(gradeAnswer(q, picked));
				expect(gradeAnswer(q, byPosition).correct).toBe([...picked].sort().join() === 'a,c');
			})
		);
	});

	test('an ordering question is never shown already in order', () => {
		fc.assert(
			fc.property(fc.integer({ min: 3, max: 6 }), seed, (count, s) => {
				const q = question(count, [], 'ordering');
				expect(presentation(q, s).options).not.toEqual(q.answer);
			})
		);
	});

	test('different seeds give different orders (most of the time)', () => {
		const q = question(6);
		const orders = new Set(Array.from({ length: 50 }, (_, s) => presentation(q, s).options.join()));
		expect(orders.size).toBeGreaterThan(40);
	});
});

describe('ordering and matching', () => {
	const ordering = question(4, [], 'ordering');
	const matching = makeQuestion('tokens/m', {
		type: 'matching',
		targets: [
			{ id: 't1', html: '1', text: '1' },
			{ id: 't2', html: '2', text: '2' },
			{ id: 't3', html: '3', text: '3' },
		],
		answer: ['a=t1', 'b=t2', 'c=t1', 'd=t3'],
	});

	test('ordering is right only with every step in place', () => {
		expect(gradeAnswer(ordering, ['a', 'b', 'c', 'd']).correct).toBe(true);
		expect(gradeAnswer(ordering, ['a', 'c', 'b', 'd'])).toMatchObject({
			correct: false,
			rightPicks: ['a', 'd'],
			wrongPicks: ['b', 'c'],
		});
		expect(gradeAnswer(ordering, ['a', 'b', 'c']).correct).toBe(false);
	});

	test('matching is right only with every item matched right', () => {
		expect(gradeAnswer(matching, ['d=t3', 'c=t1', 'b=t2', 'a=t1']).correct).toBe(true);
		expect(gradeAnswer(matching, ['a=t1', 'b=t3', 'c=t1'])).toMatchObject({
			correct: false,
			picked: ['a=t1', 'b=t3', 'c=t1'],
			rightPicks: ['a', 'c'],
			wrongPicks: ['b'],
			missed: ['d'],
		});
	});

	test('responses: steps are placed in turn and taken out; items are matched and unmatched', () => {
		let steps = updateResponse('ordering', [], { kind: 'pick', optionId: 'c' });
		steps = updateResponse('ordering', steps, { kind: 'pick', optionId: 'a' });
		steps = updateResponse('ordering', steps, { kind: 'pick', optionId: 'b' });
		expect(steps).toEqual(['c', 'a', 'b']);
		expect(updateResponse('ordering', steps, { kind: 'pick', optionId: 'a' })).toEqual(['c', 'b']);
		expect(isComplete(ordering, steps)).toBe(false);
		let pairs = updateResponse('matching', [], { kind: 'match', optionId: 'b', targetId: 't2' });
		pairs = updateResponse('matching', pairs, { kind: 'match', optionId: 'a', targetId: 't3' });
		pairs = updateResponse('matching', pairs, { kind: 'match', optionId: 'a', targetId: 't1' });
		expect(pairs).toEqual(['a=t1', 'b=t2']);
		expect(
			updateResponse('matching', pairs, { kind: 'match', optionId: 'a', targetId: null })
		).toEqual(['b=t2']);
		expect(isComplete(matching, pairs)).toBe(false);
		expect(updateResponse('single', ['a'], { kind: 'pick', optionId: 'b' })).toEqual(['b']);
		expect(updateResponse('multi', ['d'], { kind: 'pick', optionId: 'b' })).toEqual(['b', 'd']);
	});
});
