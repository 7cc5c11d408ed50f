/**
 * Readiness: how many of a group's questions the learner is expected to answer right on the exam
 * date, from the FSRS memory states on that date, corrected by how the learner has actually done.
 *
 * Model (measured by tests/unit/lib/srs/readiness-calibration.test.ts and `npm run bench`):
 * - A question already met is answered right with probability `σ(logit(R) + δ)`, where R is the
 *   FSRS retrievability on the exam date if no more reviews happen, and δ is one logit shift that
 *   makes the scheduler's predictions match this learner's recent answers. δ is fitted to the
 *   reviews of the last `recentDays` days (answers given a day or more after the previous one, whose
 *   prediction R is known), with a normal prior N(0, 1) so that a few answers move it little.
 * - A question not met yet is answered right with the learner's first-attempt accuracy (right
 *   first answers / first answers, with a uniform Beta(1, 1) prior).
 * - The range is the same sum with δ and the first-attempt accuracy at the ends of their 95 %
 *   intervals; a group is "thin" when it rests on fewer than `THIN` answers.
 * Pure.
 */
import { retrievability } from './scheduler';
import type { CardState, SchedulerConfig } from './types';

/** Answers below which a readiness figure is marked as resting on little data. */
export const THIN = 20;

/** How far back answers count as "recent" for the correction, in days. */
export const RECENT_DAYS = 30;

/** The learner-level correction: the logit shift and the first-attempt accuracy, with their spread. */
export interface RecallCorrection {
	/** Logit shift applied to the scheduler's predictions. */
	shift: number;
	/** Standard error of the shift. */
	shiftSe: number;
	/** Reviews the shift was fitted on. */
	reviews: number;
	/** Share of first answers that were right (posterior mean). */
	firstAccuracy: number;
	/** Standard deviation of that share. */
	firstAccuracySd: number;
	/** First answers counted. */
	firstAnswers: number;
}

/** Readiness of one group of questions (a lesson, a domain, the whole exam). */
export interface GroupReadiness {
	key: string;
	/** Questions in the group. */
	total: number;
	/** Questions answered at least once. */
	seen: number;
	/** Expected share answered right on the date, 0–1. */
	expected: number;
	/** Low and high ends of the 95 % range. */
	low: number;
	high: number;
	/** Answers in the group (all time). */
	answers: number;
	/** Answers in the group in the last `RECENT_DAYS` days, and how many were right. */
	recent: { correct: number; total: number };
	/** True when the figure rests on little data (fewer than `THIN` answers in the group). */
	thin: boolean;
}

const logit = (p: number) => Math.log(p / (1 - p));
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const clampP = (p: number) => Math.min(1 - 1e-4, Math.max(1e-4, p));

/**
 * Fits the learner-level correction from the card states' answers. Pure.
 * @param now answers after `now - recentDays` count for the shift.
 */
export function recallCorrection(
	cards: Iterable<CardState>,
	now: number,
	recentDays = RECENT_DAYS
): RecallCorrection {
	const since = now - recentDays * 86_400_000;
	const points: Array<{ x: number; y: number }> = [];
	let firstRight = 0;
	let firstAll = 0;
	for (const card of cards) {
		card.answers.forEach((answer, index) => {
			if (index === 0) {
				firstAll++;
				if (answer.correct) firstRight++;
			} else if (
				answer.at >= since &&
				answer.at <= now &&
				answer.elapsedDays >= 1 &&
				answer.recallBefore !== null
			) {
				points.push({ x: logit(clampP(answer.recallBefore)), y: answer.correct ? 1 : 0 });
			}
		});
	}
	// Newton's method on the log posterior with a N(0, 1) prior on the shift.
	let shift = 0;
	let information = 1;
	for (let step = 0; step < 25; step++) {
		let gradient = -shift;
		information = 1;
		for (const { x, y } of points) {
			const p = sigmoid(x + shift);
			gradient += y - p;
			information += p * (1 - p);
		}
		const move = gradient / information;
		shift += move;
		if (Math.abs(move) < 1e-6) break;
	}
	const a = firstRight + 1;
	const b = firstAll - firstRight + 1;
	return {
		shift,
		shiftSe: 1 / Math.sqrt(information),
		reviews: points.length,
		firstAccuracy: a / (a + b),
		firstAccuracySd: Math.sqrt((a * b) / ((a + b) ** 2 * (a + b + 1))),
		firstAnswers: firstAll,
	};
}

/**
 * Probability of answering one question right at `at`: its corrected recall if met, else the
 * first-attempt accuracy. Pure.
 */
export function questionReadiness(
	card: CardState | undefined,
	at: number,
	config: SchedulerConfig,
	correction: Pick<RecallCorrection, 'shift' | 'firstAccuracy'>
): number {
	if (!card || card.answers.length === 0 || card.fsrs.state === 0) return correction.firstAccuracy;
	return sigmoid(logit(clampP(retrievability(card.fsrs, at, config))) + correction.shift);
}

/**
 * Readiness per group on the date `at` (the exam date, or a stand-in). Pure.
 * @param groups card ids per group key, in display order.
 */
export function readinessByGroup(
	groups: ReadonlyArray<readonly [string, readonly string[]]>,
	cards: ReadonlyMap<string, CardState>,
	at: number,
	config: SchedulerConfig,
	now: number,
	correction: RecallCorrection = recallCorrection(cards.values(), now)
): GroupReadiness[] {
	const z = 1.96;
	const ends = [-1, 1].map((side) => ({
		shift: correction.shift + side * z * correction.shiftSe,
		firstAccuracy: Math.min(
			1,
			Math.max(0, correction.firstAccuracy + side * z * correction.firstAccuracySd)
		),
	}));
	const since = now - RECENT_DAYS * 86_400_000;
	return groups.map(([key, ids]) => {
		let expected = 0;
		let low = 0;
		let high = 0;
		let seen = 0;
		let answers = 0;
		const recent = { correct: 0, total: 0 };
		for (const id of ids) {
			const card = cards.get(id);
			expected += questionReadiness(card, at, config, correction);
			low += questionReadiness(card, at, config, ends[0]!);
			high += questionReadiness(card, at, config, ends[1]!);
			if (!card || card.answers.length === 0) continue;
			seen++;
			answers += card.answers.length;
			for (const answer of card.answers) {
				if (answer.at < since) continue;
				recent.total++;
				if (answer.correct) recent.correct++;
			}
		}
		const n = ids.length || 1;
		return {
			key,
			total: ids.length,
			seen,
			expected: expected / n,
			low: low / n,
			high: high / n,
			answers,
			recent,
			thin: answers < THIN,
		};
	});
}
