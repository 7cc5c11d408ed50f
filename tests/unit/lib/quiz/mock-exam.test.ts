import { describe, expect, test } from 'vitest';
import {
	drawExamQuestions,
	drawMockQuestions,
	filterMockItems,
	minutesFor,
	quotas,
	reduceMockExam,
	remainingMs,
	scaledScore,
	scoreMockExam,
	startMockExam,
} from '../../../../src/lib/quiz/mock-exam';
import { seededRandom } from '../../../../src/lib/quiz/random';
import { makeQuestion, MINUTE, NOW } from '../../../fixtures/practice';

const bank = [
	...Array.from({ length: 10 }, (_, i) => makeQuestion(`user-pools/q${i}`)),
	...Array.from({ length: 6 }, (_, i) => makeQuestion(`tokens/q${i}`, { type: 'multi' })),
	...Array.from({ length: 4 }, (_, i) => makeQuestion(`identity-pools/q${i}`)),
];
const byId = new Map(bank.map((q) => [q.id, q]));

describe('scaledScore', () => {
	test('maps 0 → 100, 72 % → 720 (the pass line) and 100 % → 1000', () => {
		expect(scaledScore(0)).toBe(100);
		expect(scaledScore(0.72)).toBe(720);
		expect(scaledScore(1)).toBe(1000);
		expect(scaledScore(0.5)).toBe(531);
		expect(scaledScore(0.86)).toBe(860);
	});
	test('is monotonic and stays in 100–1000', () => {
		let previous = 0;
		for (let i = 0; i <= 100; i++) {
			const s = scaledScore(i / 100);
			expect(s).toBeGreaterThanOrEqual(previous);
			expect(s).toBeGreaterThanOrEqual(100);
			expect(s).toBeLessThanOrEqual(1000);
			previous = s;
		}
	});
});

describe('drawMockQuestions', () => {
	test('draws in proportion to each lesson, without repeats, the same for the same seed', () => {
		const drawn = drawMockQuestions(bank, 10, seededRandom(7));
		expect(new Set(drawn).size).toBe(10);
		const count = (lesson: string) => drawn.filter((id) => id.startsWith(lesson)).length;
		expect(count('user-pools/')).toBe(5);
		expect(count('tokens/')).toBe(3);
		expect(count('identity-pools/')).toBe(2);
		expect(drawMockQuestions(bank, 10, seededRandom(7))).toEqual(drawn);
		expect(drawMockQuestions(bank, 10, seededRandom(8))).not.toEqual(drawn);
	});
	test('caps at the bank size', () => {
		expect(drawMockQuestions(bank, 99, seededRandom(1))).toHaveLength(20);
	});
});

describe('reduceMockExam', () => {
	test('derives the time left from the start and now', () => {
		const exam = startMockExam(['user-pools/q0'], NOW, 40);
		expect(remainingMs(exam, NOW)).toBe(40 * MINUTE);
		expect(remainingMs(exam, NOW + 39 * MINUTE)).toBe(MINUTE);
		expect(remainingMs(exam, NOW + 41 * MINUTE)).toBe(0);
	});

	test('responds, flags, navigates, and freezes after submission', () => {
		let exam = startMockExam(['user-pools/q0', 'tokens/q0'], NOW, 40);
		exam = reduceMockExam(exam, {
			type: 'respond',
			questionId: 'user-pools/q0',
			questionType: 'single',
			change: { kind: 'pick', optionId: 'a' },
		});
		exam = reduceMockExam(exam, {
			type: 'respond',
			questionId: 'user-pools/q0',
			questionType: 'single',
			change: { kind: 'pick', optionId: 'b' },
		});
		exam = reduceMockExam(exam, {
			type: 'respond',
			questionId: 'tokens/q0',
			questionType: 'multi',
			change: { kind: 'pick', optionId: 'd' },
		});
		exam = reduceMockExam(exam, {
			type: 'respond',
			questionId: 'tokens/q0',
			questionType: 'multi',
			change: { kind: 'pick', optionId: 'b' },
		});
		exam = reduceMockExam(exam, { type: 'flag', questionId: 'tokens/q0' });
		exam = reduceMockExam(exam, { type: 'goto', index: 5 });
		expect(exam.answers).toEqual({ 'user-pools/q0': ['b'], 'tokens/q0': ['b', 'd'] });
		expect(exam.flagged).toEqual(['tokens/q0']);
		expect(exam.index).toBe(1);
		exam = reduceMockExam(exam, { type: 'submit', now: NOW + 5 * MINUTE });
		const after = reduceMockExam(exam, {
			type: 'respond',
			questionId: 'tokens/q0',
			questionType: 'multi',
			change: { kind: 'pick', optionId: 'a' },
		});
		expect(after).toBe(exam);
		expect(remainingMs(exam, NOW)).toBe(0);
	});
});

describe('scoreMockExam', () => {
	test('scores all-or-nothing, counts unanswered as wrong and breaks down by lesson', () => {
		let exam = startMockExam(
			['user-pools/q0', 'user-pools/q1', 'tokens/q0', 'identity-pools/q0'],
			NOW,
			40
		);
		const pick = (questionId: string, optionId: string, multi = false) => {
			exam = reduceMockExam(exam, {
				type: 'respond',
				questionId,
				questionType: multi ? 'multi' : 'single',
				change: { kind: 'pick', optionId },
			});
		};
		pick('user-pools/q0', 'b');
		pick('user-pools/q1', 'c');
		pick('tokens/q0', 'b', true);
		exam = reduceMockExam(exam, { type: 'submit', now: NOW + 10 * MINUTE });
		const result = scoreMockExam(exam, byId, ['user-pools', 'tokens', 'identity-pools']);
		expect(result.correct).toBe(1);
		expect(result.answered).toBe(3);
		expect(result.scaled).toBe(scaledScore(0.25));
		expect(result.passed).toBe(false);
		expect(result.byLesson).toEqual([
			{ key: 'user-pools', correct: 1, total: 2 },
			{ key: 'tokens', correct: 0, total: 1 },
			{ key: 'identity-pools', correct: 0, total: 1 },
		]);
		expect(result.items[2]!.grade.missed).toEqual(['d']);
		expect(result.durationMs).toBe(10 * MINUTE);
	});
});

describe('per-exam mock exams', () => {
	// 60 SAA-C03 questions, 15 per domain, plus 10 DVA-C02-only ones.
	const examBank = [
		...Array.from({ length: 60 }, (_, i) =>
			makeQuestion(`user-pools/s${i}`, {
				exams: ['SAA-C03'],
				domains: [`SAA-C03/${(i % 4) + 1}`],
			})
		),
		...Array.from({ length: 10 }, (_, i) =>
			makeQuestion(`tokens/d${i}`, { exams: ['DVA-C02'], domains: [] })
		),
	];

	test('the draw matches the exam guide’s domain weights within rounding (30/26/24/20)', () => {
		for (const seed of [1, 2, 3]) {
			const draw = drawExamQuestions(examBank, 'SAA-C03', 50, seededRandom(seed));
			expect(draw.method).toBe('domains');
			expect(new Set(draw.questionIds).size).toBe(50);
			const count = (domain: string) =>
				draw.questionIds.filter((id) => draw.domainOf[id] === domain).length;
			// 50 × 30 % = 15, 26 % = 13, 24 % = 12, 20 % = 10.
			expect([1, 2, 3, 4].map((d) => count(`SAA-C03/${d}`))).toEqual([15, 13, 12, 10]);
			expect(draw.questionIds.every((id) => id.startsWith('user-pools/s'))).toBe(true);
		}
		const small = drawExamQuestions(examBank, 'SAA-C03', 20, seededRandom(4));
		const counts = [1, 2, 3, 4].map(
			(d) => small.questionIds.filter((id) => small.domainOf[id] === `SAA-C03/${d}`).length
		);
		// 20 × weights = 6, 5.2, 4.8, 4: each within one of its exact share.
		[6, 5.2, 4.8, 4].forEach((exact, i) => expect(Math.abs(counts[i]! - exact)).toBeLessThan(1));
	});

	test('a domain short of questions is filled from the others and said so', () => {
		const draw = drawExamQuestions(examBank, 'SAA-C03', 60, seededRandom(1));
		expect(draw.questionIds).toHaveLength(60);
		const thin = examBank.filter((q) => q.domains?.[0] !== 'SAA-C03/1');
		const short = drawExamQuestions(thin, 'SAA-C03', 40, seededRandom(1));
		expect(short.questionIds).toHaveLength(40);
		expect(short.notes).toContain(
			'Domain SAA-C03/1 (Design Secure Architectures) has 0 questions for about 12 places; the other domains fill in.'
		);
	});

	test('without domains the draw falls back to lessons, from the exam’s questions, and says so', () => {
		const draw = drawExamQuestions(examBank, 'DVA-C02', 65, seededRandom(1));
		expect(draw.method).toBe('lessons');
		expect(draw.questionIds).toHaveLength(10);
		expect(draw.notes).toEqual([
			'The bank has 10 questions tagged DVA-C02, so this mock exam has 10 instead of 65.',
			'The questions do not name their DVA-C02 exam-guide domains yet, so they are drawn across lessons instead of by domain weight.',
		]);
	});

	test('quotas never give a group more than it has', () => {
		const q = quotas(
			[
				{ key: 'a', weight: 90, available: 2 },
				{ key: 'b', weight: 10, available: 50 },
			],
			10,
			seededRandom(1)
		);
		expect(Object.fromEntries(q)).toEqual({ a: 2, b: 8 });
	});

	test('real lengths, short-form times and pass lines', () => {
		expect(minutesFor('SAA-C03', 65)).toBe(130);
		expect(minutesFor('SCS-C02', 65)).toBe(170);
		expect([minutesFor('DVA-C02', 20), minutesFor('SCS-C02', 20)]).toEqual([40, 52]);
		expect(scaledScore(0.75, 750)).toBe(750);
		expect(scaledScore(0.74, 750)).toBeLessThan(750);
		let exam = startMockExam(['user-pools/s0', 'user-pools/s1'], NOW, 10, {
			exam: 'SCS-C02',
			domainOf: { 'user-pools/s0': 'SAA-C03/1' },
		});
		exam = reduceMockExam(exam, {
			type: 'respond',
			questionId: 'user-pools/s0',
			questionType: 'single',
			change: { kind: 'pick', optionId: 'b' },
		});
		exam = reduceMockExam(exam, { type: 'flag', questionId: 'user-pools/s1' });
		exam = reduceMockExam(exam, { type: 'submit', now: NOW + MINUTE });
		const result = scoreMockExam(exam, new Map(examBank.map((q) => [q.id, q])), ['user-pools']);
		expect(result).toMatchObject({ pass: 750, scaled: scaledScore(0.5, 750), passed: false });
		expect(filterMockItems(result.items, { wrongOnly: true }).map((x) => x.index)).toEqual([1]);
		expect(filterMockItems(result.items, { flaggedOnly: true }).map((x) => x.index)).toEqual([1]);
		expect(filterMockItems(result.items, { lesson: 'tokens' })).toEqual([]);
	});
});
