/** Statistics for the Progress page, all derived from card states. Pure functions. */
import { dayIndex } from './day';
import type { CardState, DayContext } from './types';

/** Answers per study day for the `days` days ending today (oldest first). Pure. */
export function reviewHeatmap(
	cards: ReadonlyMap<string, CardState>,
	now: number,
	ctx: DayContext,
	days = 365
): Array<{ day: number; count: number }> {
	const today = dayIndex(now, ctx);
	const first = today - days + 1;
	const counts = new Array<number>(days).fill(0);
	for (const card of cards.values()) {
		for (const answer of card.answers) {
			const day = dayIndex(answer.at, ctx);
			if (day >= first && day <= today) counts[day - first]!++;
		}
	}
	return counts.map((count, i) => ({ day: first + i, count }));
}

/** Cards due per study day for the next `days` days; today includes the overdue ones. Pure. */
export function dueForecast(
	cards: ReadonlyMap<string, CardState>,
	now: number,
	ctx: DayContext,
	days = 30
): Array<{ day: number; count: number }> {
	const today = dayIndex(now, ctx);
	const counts = new Array<number>(days).fill(0);
	for (const card of cards.values()) {
		if (card.suspended || card.fsrs.state === 0) continue;
		const offset = Math.max(0, dayIndex(card.fsrs.due.getTime(), ctx) - today);
		if (offset < days) counts[offset]!++;
	}
	return counts.map((count, i) => ({ day: today + i, count }));
}

/** Counts by card state over the bank. */
export interface StateCounts {
	new: number;
	learning: number;
	review: number;
	relearning: number;
	suspended: number;
	leech: number;
	total: number;
}

/** Counts cards by FSRS state (suspended counted separately too; leeches flagged). Pure. */
export function stateCounts(
	cards: ReadonlyMap<string, CardState>,
	order: readonly string[]
): StateCounts {
	const counts: StateCounts = {
		new: 0,
		learning: 0,
		review: 0,
		relearning: 0,
		suspended: 0,
		leech: 0,
		total: order.length,
	};
	for (const id of order) {
		const card = cards.get(id);
		const state = card?.fsrs.state ?? 0;
		if (state === 0) counts.new++;
		else if (state === 1) counts.learning++;
		else if (state === 2) counts.review++;
		else counts.relearning++;
		if (card?.suspended) counts.suspended++;
		if (card?.leech) counts.leech++;
	}
	return counts;
}

/** Passed and total first-of-the-day answers to cards in the Review state. */
export interface RetentionCount {
	passed: number;
	total: number;
}

/** True retention of one group: young (interval < 21 days) and mature (≥ 21 days), as in Anki. */
export interface TrueRetention {
	key: string;
	young: RetentionCount;
	mature: RetentionCount;
	all: RetentionCount;
}

/**
 * True retention per group, Anki's way: only answers to cards in the Review state, only the first
 * answer per card per day; Again is a fail, Hard/Good/Easy a pass. Pure.
 */
export function trueRetention(
	groups: ReadonlyArray<readonly [string, readonly string[]]>,
	cards: ReadonlyMap<string, CardState>,
	ctx: DayContext
): TrueRetention[] {
	return groups.map(([key, ids]) => {
		const result: TrueRetention = {
			key,
			young: { passed: 0, total: 0 },
			mature: { passed: 0, total: 0 },
			all: { passed: 0, total: 0 },
		};
		for (const id of ids) {
			const card = cards.get(id);
			if (!card) continue;
			let lastDay = Number.NaN;
			for (const answer of card.answers) {
				const day = dayIndex(answer.at, ctx);
				if (day === lastDay) continue;
				lastDay = day;
				if (answer.stateBefore !== 2) continue;
				const bucket = answer.scheduledDaysBefore >= 21 ? result.mature : result.young;
				const pass = answer.rating > 1 ? 1 : 0;
				bucket.total++;
				bucket.passed += pass;
				result.all.total++;
				result.all.passed += pass;
			}
		}
		return result;
	});
}

/** Number of answers counted in the log (undone answers excluded). Pure. */
export function totalAnswers(cards: ReadonlyMap<string, CardState>): number {
	let total = 0;
	for (const card of cards.values()) total += card.answers.length;
	return total;
}
