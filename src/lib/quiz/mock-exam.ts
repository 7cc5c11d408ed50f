/**
 * The timed mock exam, per AWS exam: questions drawn by that exam's domain weights (or, while the bank
 * does not mark domains, across lessons), answers changeable until submission, flags, a navigator,
 * and a score on AWS's 100–1000 scale against that exam's pass line. The timer is derived from the
 * start time and the `now` passed in, so a reload or a paused tab cannot stretch it.
 *
 * Scaling. AWS does not publish how raw results map to the scaled score (it equates forms). This
 * site uses a documented stand-in: a piecewise-linear map through three points, 0 % → 100,
 * pass/1000 → the pass line (72 % → 720; 75 % → 750 for SCS-C02) and 100 % → 1000. So exactly the
 * pass fraction right is a pass, and the figure moves evenly on each side of the line. Treat it as an
 * estimate, not a prediction of the real score.
 */
import { EXAM_DOMAINS, type Exam } from '../../schemas/vocabulary';
import type { Random } from './random';
import { shuffle } from './random';
import { gradeAnswer } from './grade';
import { updateResponse, type ResponseChange } from './response';
import type { BankQuestion, GradeResult, QuestionType } from './types';

/**
 * Each exam's real format, from its exam guide: 65 questions (50 scored, 15 unscored), the time, and
 * the scaled pass line. SCS-C02: 170 minutes and 750 (the Security – Specialty exam guide).
 */
export const EXAM_FORMATS = {
	'DVA-C02': { title: 'Developer – Associate', questions: 65, minutes: 130, pass: 720 },
	'SAA-C03': { title: 'Solutions Architect – Associate', questions: 65, minutes: 130, pass: 720 },
	'SCS-C02': { title: 'Security – Specialty', questions: 65, minutes: 170, pass: 750 },
} as const satisfies Record<
	Exam,
	{ title: string; questions: number; minutes: number; pass: number }
>;

/** The short form: 20 questions, with the exam's time per question (40, 40 and 52 minutes). */
export const SHORT_FORM_QUESTIONS = 20;

/** Minutes for `questions` questions at the exam's own pace, rounded to the minute (at least 1). */
export function minutesFor(exam: Exam, questions: number): number {
	const format = EXAM_FORMATS[exam];
	return Math.max(1, Math.round((format.minutes * questions) / format.questions));
}

/** Default length of an untargeted mock exam: 20 questions in 40 minutes (2 minutes a question). */
export const MOCK_DEFAULTS = Object.freeze({ questions: SHORT_FORM_QUESTIONS, minutes: 40 });
/** Lowest and highest scaled score, and the associate exams' pass line. */
export const SCALED = Object.freeze({ min: 100, max: 1000, pass: 720, passFraction: 0.72 });

/** The pass line of an exam (720 when no exam is chosen). */
export function passLine(exam: Exam | null | undefined): number {
	return exam ? EXAM_FORMATS[exam].pass : SCALED.pass;
}

/** State of a mock exam. */
export interface MockExamState {
	/** The exam this mock imitates, or null for a mix of all questions. */
	exam?: Exam | null;
	questionIds: string[];
	/** The response per question id (see `Response`). */
	answers: Record<string, string[]>;
	/** Seed of each question's option order. */
	seeds?: Record<string, number>;
	/** The exam-guide domain each question was drawn for, when drawn by domain. */
	domainOf?: Record<string, string>;
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
	| { type: 'respond'; questionId: string; questionType: QuestionType; change: ResponseChange }
	| { type: 'goto'; index: number }
	| { type: 'flag'; questionId: string }
	| { type: 'submit'; now: number; timedOut?: boolean };

/** Starts a mock exam at `now`. Pure. */
export function startMockExam(
	questionIds: readonly string[],
	now: number,
	minutes: number,
	extra: Pick<MockExamState, 'exam' | 'seeds' | 'domainOf'> = {}
): MockExamState {
	return {
		exam: extra.exam ?? null,
		questionIds: [...questionIds],
		answers: {},
		seeds: extra.seeds ?? {},
		domainOf: extra.domainOf ?? {},
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
		case 'respond': {
			const current = state.answers[action.questionId] ?? [];
			const next = updateResponse(action.questionType, current, action.change);
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
 * Splits `count` over groups in proportion to their weights by largest remainder, never giving a
 * group more than it has (the surplus goes to the next-largest remainders). Ties are broken by
 * `random`. Pure.
 * @example quotas([{ key: 'a', weight: 30, available: 99 }, { key: 'b', weight: 70, available: 99 }], 10, r) // a 3, b 7
 */
export function quotas(
	groups: ReadonlyArray<{ key: string; weight: number; available: number }>,
	count: number,
	random: Random
): Map<string, number> {
	const result = new Map<string, number>(groups.map((group) => [group.key, 0]));
	let left = Math.min(
		count,
		groups.reduce((sum, group) => sum + group.available, 0)
	);
	// Repeat over the groups that still have questions: a capped group's share goes to the others.
	while (left > 0) {
		const open = groups.filter((group) => result.get(group.key)! < group.available);
		const weight = open.reduce((sum, group) => sum + group.weight, 0);
		if (open.length === 0 || weight <= 0) break;
		const shares = open.map((group) => {
			const exact = (group.weight / weight) * left;
			const room = group.available - result.get(group.key)!;
			return {
				group,
				take: Math.min(room, Math.floor(exact)),
				remainder: exact - Math.floor(exact),
			};
		});
		let given = 0;
		for (const share of shares) {
			result.set(share.group.key, result.get(share.group.key)! + share.take);
			given += share.take;
		}
		let rest = left - given;
		for (const share of shuffle(shares, random).sort((a, b) => b.remainder - a.remainder)) {
			if (rest <= 0) break;
			if (result.get(share.group.key)! < share.group.available) {
				result.set(share.group.key, result.get(share.group.key)! + 1);
				rest--;
			}
		}
		const before = left;
		left = rest;
		if (left === before) break;
	}
	return result;
}

/** How a mock exam's questions were drawn, for the setup screen and the result. */
export interface MockDraw {
	questionIds: string[];
	/** The domain each question was drawn for (empty when drawn across lessons). */
	domainOf: Record<string, string>;
	/** `domains`: by the exam's domain weights; `lessons`: the bank marks no domains for it yet. */
	method: 'domains' | 'lessons';
	/** Questions available for the exam (tagged with it). */
	available: number;
	/** Plain-words notes: fallbacks, domains short of questions. */
	notes: string[];
}

/**
 * Draws `count` questions across lessons, in proportion to each lesson's share of `questions`
 * (largest remainder), then shuffles them. Pure given `random`.
 */
export function drawMockQuestions(
	questions: readonly BankQuestion[],
	count: number,
	random: Random
): string[] {
	const byLesson = groupBy(questions, (question) => [question.lesson]);
	const share = quotas(
		[...byLesson].map(([key, ids]) => ({ key, weight: ids.length, available: ids.length })),
		count,
		random
	);
	const picked = [...byLesson].flatMap(([key, ids]) =>
		shuffle(ids, random).slice(0, share.get(key) ?? 0)
	);
	return shuffle(picked, random);
}

/**
 * Draws a mock exam for `exam` from the questions tagged with it: by the exam guide's domain
 * weights when questions name their domains, otherwise (the bank does not mark domains yet) across
 * lessons, and says which. A question tagged with several domains of the exam is drawn for one of
 * them. Pure given `random`.
 */
export function drawExamQuestions(
	questions: readonly BankQuestion[],
	exam: Exam,
	count: number,
	random: Random
): MockDraw {
	const tagged = questions.filter((question) => question.exams.includes(exam));
	const notes: string[] = [];
	if (tagged.length < count) {
		notes.push(
			`The bank has ${tagged.length} questions tagged ${exam}, so this mock exam has ${tagged.length} instead of ${count}.`
		);
	}
	const prefix = `${exam}/`;
	const withDomains = tagged.filter((question) =>
		question.domains?.some((domain) => domain.startsWith(prefix))
	);
	if (withDomains.length === 0) {
		notes.push(
			`The questions do not name their ${exam} exam-guide domains yet, so they are drawn across lessons instead of by domain weight.`
		);
		return {
			questionIds: drawMockQuestions(tagged, count, random),
			domainOf: {},
			method: 'lessons',
			available: tagged.length,
			notes,
		};
	}
	const pool = shuffle(withDomains, random);
	const byDomain = groupBy(pool, (question) =>
		(question.domains ?? []).filter((domain) => domain.startsWith(prefix))
	);
	const domains = EXAM_DOMAINS[exam].map((domain) => ({
		key: `${exam}/${domain.number}`,
		weight: domain.weight,
		name: domain.name,
	}));
	// Each question is drawn at most once: domains take turns, smallest pool first, until their quota is met.
	const target = quotas(
		domains.map((domain) => ({
			key: domain.key,
			weight: domain.weight,
			available: byDomain.get(domain.key)?.length ?? 0,
		})),
		count,
		random
	);
	const totalWeight = domains.reduce((sum, domain) => sum + domain.weight, 0);
	const drawn = Math.min(count, withDomains.length);
	for (const domain of domains) {
		const exact = (domain.weight / totalWeight) * drawn;
		if ((target.get(domain.key) ?? 0) < Math.floor(exact)) {
			notes.push(
				`Domain ${domain.key} (${domain.name}) has ${byDomain.get(domain.key)?.length ?? 0} questions for about ${Math.round(exact)} places; the other domains fill in.`
			);
		}
	}
	const taken = new Set<string>();
	const domainOf: Record<string, string> = {};
	const order = [...domains].sort(
		(a, b) => (byDomain.get(a.key)?.length ?? 0) - (byDomain.get(b.key)?.length ?? 0)
	);
	for (const domain of order) {
		let need = target.get(domain.key) ?? 0;
		for (const id of byDomain.get(domain.key) ?? []) {
			if (need <= 0) break;
			if (taken.has(id)) continue;
			taken.add(id);
			domainOf[id] = domain.key;
			need--;
		}
		if (need > 0)
			notes.push(
				`Domain ${domain.key} (${domain.name}) is ${need} short: the bank has too few questions for it.`
			);
	}
	if (withDomains.length < tagged.length) {
		notes.push(
			`${tagged.length - withDomains.length} of the ${tagged.length} ${exam} questions name no domain yet and are left out.`
		);
	}
	return {
		questionIds: shuffle([...taken], random),
		domainOf,
		method: 'domains',
		available: tagged.length,
		notes,
	};
}

function groupBy(
	questions: readonly BankQuestion[],
	keys: (question: BankQuestion) => readonly string[]
): Map<string, string[]> {
	const groups = new Map<string, string[]>();
	for (const question of questions) {
		for (const key of keys(question)) {
			const list = groups.get(key) ?? [];
			list.push(question.id);
			groups.set(key, list);
		}
	}
	return groups;
}

/**
 * Scaled score 100–1000 from the fraction right, through 0 → 100, pass/1000 → pass, 1 → 1000 (see
 * the module comment). Pure.
 * @example scaledScore(0.72) // 720
 * @example scaledScore(0.75, 750) // 750
 */
export function scaledScore(fraction: number, pass: number = SCALED.pass): number {
	const f = Math.min(1, Math.max(0, fraction));
	const { min, max } = SCALED;
	const passFraction = pass / max;
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
	/** The domain the question was drawn for, if drawn by domain. */
	domain: string | null;
	answered: boolean;
	flagged: boolean;
	grade: GradeResult;
}

/** Right answers out of the total, for one lesson or domain. */
export interface MockGroupResult {
	key: string;
	correct: number;
	total: number;
}

/** The result of a submitted mock exam. */
export interface MockResult {
	exam: Exam | null;
	total: number;
	correct: number;
	answered: number;
	/** 100–1000. */
	scaled: number;
	/** The pass line used (720, or 750 for SCS-C02). */
	pass: number;
	passed: boolean;
	/** Right answers per lesson, in `lessonOrder`. */
	byLesson: MockGroupResult[];
	/** Right answers per exam-guide domain, in the guide's order (empty when drawn across lessons). */
	byDomain: MockGroupResult[];
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
			domain: state.domainOf?.[id] ?? null,
			answered: picked.length > 0,
			flagged: state.flagged.includes(id),
			grade: gradeAnswer(question, picked),
		});
	}
	const correct = items.filter((item) => item.grade.correct).length;
	const total = items.length;
	const exam = state.exam ?? null;
	const pass = passLine(exam);
	const scaled = scaledScore(total ? correct / total : 0, pass);
	const domainOrder = exam ? EXAM_DOMAINS[exam].map((domain) => `${exam}/${domain.number}`) : [];
	return {
		exam,
		total,
		correct,
		answered: items.filter((item) => item.answered).length,
		scaled,
		pass,
		passed: scaled >= pass,
		byLesson: tally(items, lessonOrder, (item) => item.lesson),
		byDomain: tally(items, domainOrder, (item) => item.domain),
		items,
		durationMs: (state.submittedAt ?? state.startedAt) - state.startedAt,
	};
}

function tally(
	items: readonly MockItem[],
	order: readonly string[],
	keyOf: (item: MockItem) => string | null
): MockGroupResult[] {
	const rows = new Map<string, MockGroupResult>(
		order.map((key) => [key, { key, correct: 0, total: 0 }])
	);
	for (const item of items) {
		const key = keyOf(item);
		if (key === null) continue;
		const row = rows.get(key) ?? { key, correct: 0, total: 0 };
		row.total++;
		if (item.grade.correct) row.correct++;
		rows.set(key, row);
	}
	return [...rows.values()].filter((row) => row.total > 0);
}

/** Review filters of a submitted mock exam. */
export interface MockReviewFilter {
	wrongOnly?: boolean;
	flaggedOnly?: boolean;
	/** Only this lesson's questions. */
	lesson?: string | null;
}

/** The result items a review filter keeps, with their position in the exam. Pure. */
export function filterMockItems(
	items: readonly MockItem[],
	filter: MockReviewFilter
): Array<{ item: MockItem; index: number }> {
	return items
		.map((item, index) => ({ item, index }))
		.filter(
			({ item }) =>
				(!filter.wrongOnly || !item.grade.correct) &&
				(!filter.flaggedOnly || item.flagged) &&
				(!filter.lesson || item.lesson === filter.lesson)
		);
}
