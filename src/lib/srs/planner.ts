/**
 * Exam-date planner: paces new cards so that every card is introduced at least 14 days before the
 * exam (the Anki FAQ's advice to keep the last 2–4 weeks for consolidation), and predicts recall on
 * exam day from the FSRS memory states.
 */
import { dayIndex } from './day';
import type { CardState, DayContext, SchedulerConfig } from './types';

/** Days before the exam by which every card has been introduced. */
export const CONSOLIDATION_DAYS = 14;

/** The pacing for today. */
export interface NewCardPlan {
	/** Study day of the exam. */
	examDay: number;
	/** Last study day on which new cards are introduced (`examDay - 14`). */
	lastIntroductionDay: number;
	/** Study days left for introducing new cards, today included (0 when past the last day). */
	daysLeft: number;
	/** New cards still to introduce as of the start of today (the pace is computed from this). */
	remaining: number;
	/** New cards never answered yet, as of now: what "new questions left" shows. */
	unseen: number;
	/** New cards a day needed to finish in time (all remaining when no days are left). */
	pace: number;
	/** New-card limit for today: the larger of the setting and the pace. */
	newLimitToday: number;
	/** True when the last introduction day has passed (the plan cannot keep the 14 days). */
	late: boolean;
	/** Study day on which the last new card will be introduced at today's limit, or null if none remain. */
	finishDay: number | null;
}

/**
 * Paces new cards for an exam on study day `examDay`. Pure.
 * @param remaining new cards not yet introduced before today (cards first answered today count as remaining).
 * @example planNewCards({ today: 100, examDay: 144, remaining: 216, newPerDay: 20 }).pace // 8
 */
export function planNewCards(input: {
	today: number;
	examDay: number;
	remaining: number;
	/** New cards never answered as of now (defaults to `remaining`). */
	unseen?: number;
	newPerDay: number;
}): NewCardPlan {
	const { today, examDay, remaining, newPerDay } = input;
	const lastIntroductionDay = examDay - CONSOLIDATION_DAYS;
	const daysLeft = Math.max(0, lastIntroductionDay - today + 1);
	const late = daysLeft === 0;
	const pace = remaining === 0 ? 0 : late ? remaining : Math.ceil(remaining / daysLeft);
	const newLimitToday = Math.max(newPerDay, pace);
	const finishDay =
		remaining === 0 ? null : today + Math.ceil(remaining / Math.max(1, newLimitToday)) - 1;
	return {
		examDay,
		lastIntroductionDay,
		daysLeft,
		remaining,
		unseen: input.unseen ?? remaining,
		pace,
		newLimitToday,
		late,
		finishDay,
	};
}

/** New cards still to introduce as of the start of today (unanswered, or first answered today). Pure. */
export function remainingNewCards(
	cards: ReadonlyMap<string, CardState>,
	order: readonly string[],
	now: number,
	ctx: DayContext
): number {
	return newCardCounts(cards, order, now, ctx).atDayStart;
}

/**
 * New (not suspended) cards as of the start of today, for the pace, and as of now, for the count
 * the learner sees: a card answered today is no longer "left", even though today's pace counted it. Pure.
 */
export function newCardCounts(
	cards: ReadonlyMap<string, CardState>,
	order: readonly string[],
	now: number,
	ctx: DayContext
): { atDayStart: number; unseen: number } {
	const today = dayIndex(now, ctx);
	let atDayStart = 0;
	let unseen = 0;
	for (const id of order) {
		const card = cards.get(id);
		if (card?.suspended) continue;
		const answered = card ? card.firstAnsweredDay >= 0 : false;
		if (!answered) unseen++;
		if (!answered || card!.firstAnsweredDay === today) atDayStart++;
	}
	return { atDayStart, unseen };
}
