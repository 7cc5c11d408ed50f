/**
 * Today's queue in the order Anki uses: learning cards that are due, then due reviews (oldest due
 * first), then new cards in course order, within the daily limits. Learning cards due later today
 * may be shown up to 20 minutes early when nothing else is left ("learn ahead").
 */
import { dayIndex } from './day';
import type { CardState, DayContext, SchedulerConfig } from './types';

/** How far ahead a learning card may be shown when nothing else is due (Anki: 20 minutes). */
export const LEARN_AHEAD_MS = 20 * 60_000;

/** What the learner has already done today (counts against the limits). */
export interface DoneToday {
	/** Cards answered for the first time today outside a mock exam (mock answers use no allowance). */
	newIntroduced: number;
	/** Answers today to cards that were in the Review state. */
	reviews: number;
	/** All answers today. */
	answers: number;
}

/** Today's queue. Card ids only; the caller looks the questions up. */
export interface DailyQueue {
	/** Learning and relearning cards due now, earliest first. */
	learning: string[];
	/** Review cards due today, within the review limit. */
	review: string[];
	/** New cards within the new-card limit, in course order. */
	new: string[];
	/** Learning cards due later today (shown early only when nothing else is left), earliest first. */
	learningLater: string[];
	/** The card to show now, or null when the session is over. */
	next: string | null;
	/** When the next learning card is due (epoch ms), if any is left for today. */
	nextLearningDue: number | null;
	doneToday: DoneToday;
}

/** Options of `buildDailyQueue`. */
export interface QueueOptions {
	/** All card states (from `rebuildCards`). */
	cards: ReadonlyMap<string, CardState>;
	/** Ids of the questions in the bank, in course order (new cards come in this order). */
	order: readonly string[];
	now: number;
	config: SchedulerConfig;
	ctx: DayContext;
	/** Overrides the new-card limit for today (the exam-date planner's pace). */
	newLimit?: number;
}

/** Counts what was done today by walking each card's answers from the newest. Pure. */
export function countDoneToday(
	cards: ReadonlyMap<string, CardState>,
	now: number,
	ctx: DayContext
): DoneToday {
	const today = dayIndex(now, ctx);
	const done: DoneToday = { newIntroduced: 0, reviews: 0, answers: 0 };
	for (const card of cards.values()) {
		// A card first met in a mock exam used no new-question allowance (its answers still schedule it).
		if (card.firstAnsweredDay === today && card.answers[0]?.source !== 'mock') done.newIntroduced++;
		for (let i = card.answers.length - 1; i >= 0; i--) {
			const answer = card.answers[i]!;
			if (dayIndex(answer.at, ctx) !== today) break;
			done.answers++;
			if (answer.stateBefore === 2) done.reviews++;
		}
	}
	return done;
}

/**
 * Builds today's queue. Pure.
 * @example buildDailyQueue({ cards, order: bank.map((q) => q.id), now, config, ctx }).next
 */
export function buildDailyQueue(options: QueueOptions): DailyQueue {
	const { cards, order, now, config, ctx } = options;
	const today = dayIndex(now, ctx);
	const doneToday = countDoneToday(cards, now, ctx);
	const learning: Array<[number, string]> = [];
	const later: Array<[number, string]> = [];
	const reviews: Array<[number, number, string]> = [];
	const fresh: string[] = [];
	order.forEach((id, position) => {
		const card = cards.get(id);
		if (!card || card.fsrs.state === 0) {
			if (!card || (!card.suspended && card.buriedDay < today)) fresh.push(id);
			return;
		}
		if (card.suspended || card.buriedDay >= today) return;
		const due = card.fsrs.due.getTime();
		if (card.fsrs.state === 2) {
			if (dayIndex(due, ctx) <= today) reviews.push([due, position, id]);
		} else if (due <= now) {
			learning.push([due, id]);
		} else if (dayIndex(due, ctx) <= today) {
			later.push([due, id]);
		}
	});
	learning.sort((a, b) => a[0] - b[0]);
	later.sort((a, b) => a[0] - b[0]);
	reviews.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
	const reviewsLeft = Math.max(0, config.reviewsPerDay - doneToday.reviews);
	const review = reviews.slice(0, reviewsLeft).map(([, , id]) => id);
	const newLimit = options.newLimit ?? config.newPerDay;
	// As in Anki's v3 scheduler, the review limit also caps new cards.
	const newLeft = Math.max(
		0,
		Math.min(newLimit - doneToday.newIntroduced, reviewsLeft - review.length)
	);
	const newCards = fresh.slice(0, newLeft);
	const laterIds = later.map(([, id]) => id);
	const nextLater = later[0];
	let next: string | null = learning[0]?.[1] ?? review[0] ?? newCards[0] ?? null;
	if (next === null && nextLater && nextLater[0] - now <= LEARN_AHEAD_MS) next = nextLater[1];
	return {
		learning: learning.map(([, id]) => id),
		review,
		new: newCards,
		learningLater: laterIds,
		next,
		nextLearningDue: nextLater ? nextLater[0] : null,
		doneToday,
	};
}
