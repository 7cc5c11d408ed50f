import { describe, expect, test } from 'vitest';
import {
	drawMockQuestions,
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
