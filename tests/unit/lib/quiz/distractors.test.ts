import { describe, expect, test } from 'vitest';
import { distractorSentence, distractorStats } from '../../../../src/lib/quiz/distractors';
import { filterQuestions, orderForStudy } from '../../../../src/lib/quiz/filters';
import { createSchedulerConfig } from '../../../../src/lib/srs/defaults';
import { rebuildCards } from '../../../../src/lib/srs/rebuild';
import { CTX, DAY, entry, makeQuestion, NOW, review } from '../../../fixtures/practice';

const config = createSchedulerConfig({ enableFuzz: false });
const q1 = makeQuestion('identity-pools/which-pool', {
	options: [
		{
			id: 'a',
			html: 'An identity pool',
			text: 'An identity pool',
			explanationHtml: 'Wrong',
			correct: false,
		},
		{ id: 'b', html: 'A user pool', text: 'A user pool', explanationHtml: 'Right', correct: true },
		{ id: 'c', html: 'IAM users', text: 'IAM users', explanationHtml: 'Wrong', correct: false },
		{ id: 'd', html: 'STS', text: 'STS', explanationHtml: 'Wrong', correct: false },
	],
});
const q2 = makeQuestion('tokens/two', {
	type: 'multi',
	difficulty: 3,
	topics: ['jwt-verification'],
	exams: ['SAA-C03'],
});

describe('distractorStats', () => {
	test('matching counts wrong pairs by their words; ordering is left out', () => {
		const matching = makeQuestion('tokens/match', {
			type: 'matching',
			options: [
				{ id: 'a', html: 'ID token', text: 'ID token', explanationHtml: '', correct: true },
				{ id: 'b', html: 'Access token', text: 'Access token', explanationHtml: '', correct: true },
				{
					id: 'c',
					html: 'Refresh token',
					text: 'Refresh token',
					explanationHtml: '',
					correct: true,
				},
			],
			targets: [
				{ id: 't1', html: 'Logins map', text: 'Logins map' },
				{ id: 't2', html: 'GetUser', text: 'GetUser' },
				{ id: 't3', html: 'SECRET_HASH', text: 'SECRET_HASH' },
			],
			answer: ['a=t1', 'b=t2', 'c=t1'],
		});
		const ordering = makeQuestion('tokens/order', {
			type: 'ordering',
			answer: ['b', 'a', 'c', 'd'],
		});
		const log = [
			review(matching.id, NOW - 2 * DAY, 1, {
				picked: [],
				pairs: ['a=t3', 'b=t2', 'c=t1'],
				correct: false,
			}),
			review(matching.id, NOW - DAY, 1, {
				picked: [],
				pairs: ['a=t3', 'b=t1', 'c=t1'],
				correct: false,
			}),
			review(ordering.id, NOW - DAY, 1, { picked: ['a', 'b', 'c', 'd'], correct: false }),
		];
		const stats = distractorStats([matching, ordering], rebuildCards(log, config, CTX));
		expect(stats.map((s) => [s.optionId, s.count])).toEqual([
			['a=t3', 2],
			['b=t1', 1],
		]);
		expect(distractorSentence(stats[0]!)).toBe(
			'You keep choosing “ID token → SECRET_HASH” (twice) where “ID token → Logins map” is needed.'
		);
	});

	test('counts wrong picks, most chosen first, and ignores undone answers', () => {
		const undone = review(q1.id, NOW - DAY + 5, 1, { picked: ['c'], correct: false });
		const log = [
			review(q1.id, NOW - 3 * DAY, 1, { picked: ['a'], correct: false }),
			review(q1.id, NOW - 2 * DAY, 1, { picked: ['a'], correct: false }),
			review(q1.id, NOW - DAY, 1, { picked: ['a'], correct: false }),
			undone,
			entry({ kind: 'undo', target: undone.id, at: NOW - DAY + 6 }),
			review(q2.id, NOW - DAY, 1, { picked: ['b', 'e'], correct: false }),
		];
		const stats = distractorStats([q1, q2], rebuildCards(log, config, CTX));
		expect(stats.map((s) => [s.questionId, s.optionId, s.count])).toEqual([
			[q1.id, 'a', 3],
			[q2.id, 'e', 1],
		]);
		expect(distractorSentence(stats[0]!)).toBe(
			'You keep choosing “An identity pool” (3 times) where “A user pool” is needed.'
		);
	});
});

describe('filterQuestions', () => {
	const cards = rebuildCards([review(q2.id, NOW - 2 * DAY, 1, { correct: false })], config, CTX);
	test('filters by lesson, topic, type, difficulty and exam', () => {
		expect(filterQuestions([q1, q2], { lessons: ['tokens'] }, cards, NOW)).toEqual([q2]);
		expect(filterQuestions([q1, q2], { types: ['single'] }, cards, NOW)).toEqual([q1]);
		expect(
			filterQuestions(
				[q1, q2],
				{ difficulties: [3], exams: ['SAA-C03'], topics: ['jwt-verification'] },
				cards,
				NOW
			)
		).toEqual([q2]);
		expect(filterQuestions([q1, q2], { exams: ['SCS-C02'] }, cards, NOW)).toEqual([]);
		expect(filterQuestions([q1, q2], {}, cards, NOW)).toEqual([q1, q2]);
	});
	test('"flagged only" keeps the questions flagged and not unflagged since', () => {
		const log = [
			entry({ kind: 'flag', cardId: q1.id, at: NOW - 3 }),
			entry({ kind: 'flag', cardId: q2.id, at: NOW - 2 }),
			entry({ kind: 'unflag', cardId: q2.id, at: NOW - 1 }),
		];
		expect(
			filterQuestions([q1, q2], { flaggedOnly: true }, rebuildCards(log, config, CTX), NOW)
		).toEqual([q1]);
		expect(filterQuestions([q1, q2], { flaggedOnly: true }, cards, NOW)).toEqual([]);
	});
	test('"answered wrong recently" looks back the given number of days', () => {
		expect(filterQuestions([q1, q2], { wrongWithinDays: 7 }, cards, NOW)).toEqual([q2]);
		expect(filterQuestions([q1, q2], { wrongWithinDays: 1 }, cards, NOW)).toEqual([]);
	});
});

describe('orderForStudy', () => {
	test('puts due cards first, then new ones, and leaves out suspended cards', () => {
		const log = [
			review('tokens/due', NOW - 30 * DAY, 4),
			review('tokens/later', NOW - 60_000, 4),
			entry({ kind: 'suspend', cardId: 'tokens/off', at: NOW - 5 }),
		];
		const cards = rebuildCards(log, config, CTX);
		expect(
			orderForStudy(['tokens/later', 'tokens/new', 'tokens/off', 'tokens/due'], cards, NOW, config)
		).toEqual(['tokens/due', 'tokens/new', 'tokens/later']);
	});
});
