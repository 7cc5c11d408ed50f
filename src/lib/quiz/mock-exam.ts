/**
 * The timed mock exam: questions drawn across lessons, answers changeable until submission, flags,
 * a navigator, and a score on AWS's 100–1000 scale. The timer is derived from the start time and the
 * `now` passed in, so a reload or a paused tab cannot stretch it.
 *
 * Scaling. AWS does not publish how raw results map to the scaled score (it equates forms). This
 * site uses a documented stand-in: a piecewise-linear map through three points, 0 % → 100,
 * 72 % → 720 (the pass line) and 100 % → 1000. So 72 % right is exactly a pass, and the figure moves
 * evenly on each side of the line. Treat it as an estimate, not a prediction of the real score.
 */
import type { Random } from './random';
import { shuffle } from './random';
import { gradeAnswer } from './grade';
import type { BankQuestion, GradeResult } from './types';

/** Default length of a mock exam: 20 questions in 40 minutes (2 minutes a question, as on the AWS exams). */
export const MOCK_DEFAULTS = Object.freeze({ questions: 20, minutes: 40 });
/** Lowest and highest scaled score, and the pass line. */
export const SCALED = Object.freeze({ min: 100, max: 1000, pass: 720, passFraction: 0.72 });

/** State of a mock exam. */
export interface MockExamState {
	questionIds: string[];
	/** Picked option ids per question id. */
	answers: Record<string, string[]>;
	/** Flagged question ids ("review later"). */
	flagged: string[];
	/** Index of the question on screen. */
	index: number;
	startedAt: number;
	durationMs: number;
	status: 'running' | 'submitted';
	submittedAt: number | null;
	/** True when the time ran out rather than the learner submitting. */
	timedOut: boolean;
}

/** Actions of `reduceMockExam`. */
export type MockExamAction =
	| { type: 'toggle'; questionId: string; optionId: string; multi: boolean }
	| { type: 'goto'; index: number }
	| { type: 'flag'; questionId: string }
	| { type: 'submit'; now: number; timedOut?: boolean };

/** Starts a mock exam at `now`. Pure. */
export function startMockExam(
	questionIds: readonly string[],
	now: number,
	minutes: number
): MockExamState {
	return {
		questionIds: [...questionIds],
		answers: {},
		flagged: [],
		index: 0,
		startedAt: now,
		durationMs: Math.round(minutes * 60_000),
		status: 'running',
		submittedAt: null,
		timedOut: false,
	};
}

/** Milliseconds left at `now` (0 when time is up or the exam is submitted). Pure. */
export function remainingMs(state: MockExamState, now: number): number {
	if (state.status === 'submitted') return 0;
	return Math.max(0, state.startedAt + state.durationMs - now);
}

/** Returns the next mock-exam state; nothing changes after submission. Pure. */
export function reduceMockExam(state: MockExamState, action: MockExamAction): MockExamState {
	if (state.status === 'submitted') return state;
	switch (action.type) {
		case 'toggle': {
			const current = state.answers[action.questionId] ?? [];
			const has = current.includes(action.optionId);
			const next = action.multi
				? has
					? current.filter((id) => id !== action.optionId)
					: [...current, action.optionId].sort()
				: [action.optionId];
			return { ...state, answers: { ...state.answers, [action.questionId]: next } };
		}
		case 'goto':
			return { ...state, index: Math.max(0, Math.min(state.questionIds.length - 1, action.index)) };
		case 'flag': {
			const flagged = state.flagged.includes(action.questionId)
				? state.flagged.filter((id) => id !== action.questionId)
				: [...state.flagged, action.questionId];
			return { ...state, flagged };
		}
		case 'submit':
			return {
				...state,
				status: 'submitted',
				submittedAt: action.now,
				timedOut: action.timedOut ?? false,
			};
	}
}

/**
 * Draws `count` questions across lessons, in proportion to each lesson's share of the bank (largest
 * remainder), then shuffles them. Pure given `random`.
 */
export function drawMockQuestions(
	questions: readonly BankQuestion[],
	count: number,
	random: Random
): string[] {
	const byLesson = new Map<string, string[]>();
	for (const question of questions) {
		const list = byLesson.get(question.lesson) ?? [];
		list.push(question.id);
		byLesson.set(question.lesson, list);
	}
	const n = Math.min(count, questions.length);
	const lessons = [...byLesson.entries()];
	const quotas = lessons.map(([lesson, ids]) => {
		const exact = (ids.length / questions.length) * n;
		return { lesson, ids, take: Math.floor(exact), remainder: exact - Math.floor(exact) };
	});
	let left = n - quotas.reduce((sum, q) => sum + q.take, 0);
	const byRemainder = shuffle(quotas, random).sort((a, b) => b.remainder - a.remainder);
	for (const quota of byRemainder) {
		if (left <= 0) break;
		if (quota.take < quota.ids.length) {
			quota.take++;
			left--;
		}
	}
	const picked = quotas.flatMap((quota) => shuffle(quota.ids, random).slice(0, quota.take));
	return shuffle(picked, random);
}

/**
 * Scaled score 100–1000 from the fraction right, through 0 → 100, 0.72 → 720, 1 → 1000 (see the
 * module comment). Pure.
 * @example scaledScore(0.72) // 720
 */
export function scaledScore(fraction: number): number {
	const f = Math.min(1, Math.max(0, fraction));
	const { min, max, pass, passFraction } = SCALED;
	const value =
		f <= passFraction
			? min + (f / passFraction) * (pass - min)
			: pass + ((f - passFraction) / (1 - passFraction)) * (max - pass);
	return Math.round(value);
}

/** One question in the result. */
export interface MockItem {
	questionId: string;
	lesson: string;
	answered: boolean;
	flagged: boolean;
	grade: GradeResult;
}

/** The result of a submitted mock exam. */
export interface MockResult {
	total: number;
	correct: number;
	answered: number;
	/** 100–1000. */
	scaled: number;
	passed: boolean;
	/** Right answers per lesson, in the order the lessons first appear in `lessonOrder`. */
	byLesson: Array<{ lesson: string; correct: number; total: number }>;
	items: MockItem[];
	/** Time taken in ms. */
	durationMs: number;
}

/**
 * Scores a mock exam; unanswered questions count as wrong (no penalty for guessing). Pure.
 * @param lessonOrder lesson slugs in course order, for the breakdown.
 */
export function scoreMockExam(
	state: MockExamState,
	questions: ReadonlyMap<string, BankQuestion>,
	lessonOrder: readonly string[]
): MockResult {
	const items: MockItem[] = [];
	for (const id of state.questionIds) {
		const question = questions.get(id);
		if (!question) continue;
		const picked = state.answers[id] ?? [];
		items.push({
			questionId: id,
			lesson: question.lesson,
			answered: picked.length > 0,
			flagged: state.flagged.includes(id),
			grade: gradeAnswer(question, picked),
		});
	}
	const correct = items.filter((item) => item.grade.correct).length;
	const total = items.length;
	const scaled = scaledScore(total ? correct / total : 0);
	const lessons = new Map<string, { lesson: string; correct: number; total: number }>();
	for (const slug of lessonOrder) lessons.set(slug, { lesson: slug, correct: 0, total: 0 });
	for (const item of items) {
		const row = lessons.get(item.lesson) ?? { lesson: item.lesson, correct: 0, total: 0 };
		row.total++;
		if (item.grade.correct) row.correct++;
		lessons.set(item.lesson, row);
	}
	return {
		total,
		correct,
		answered: items.filter((item) => item.answered).length,
		scaled,
		passed: scaled >= SCALED.pass,
		byLesson: [...lessons.values()].filter((row) => row.total > 0),
		items,
		durationMs: (state.submittedAt ?? state.startedAt) - state.startedAt,
	};
}
