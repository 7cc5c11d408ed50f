/**
 * Derives every card's state from the append-only review log. The log is the only source of truth:
 * undo appends an `undo` row, a changed rating appends a `rate` row, and replaying the rows in time
 * order gives the same states every time (ts-fsrs fuzz is seeded by the review time).
 */
import { dayIndex } from './day';
import { newCard, schedule } from './scheduler';
import type {
	AnswerRecord,
	CardState,
	CardStateCode,
	DayContext,
	LogEntry,
	Rating,
	ReviewEntry,
	SchedulerConfig,
} from './types';

/** Orders log rows by time, then id (ids are unique), so every replay sees the same order. Pure. */
export function compareEntries(a: LogEntry, b: LogEntry): number {
	return a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** A card with no history. */
export function emptyCardState(id: string, now: number): CardState {
	return {
		id,
		fsrs: newCard(now),
		suspended: false,
		buriedDay: -1,
		leech: false,
		flagged: false,
		answers: [],
		firstAnsweredDay: -1,
	};
}

/**
 * Rebuilds all card states from the log (rows in any order). Pure.
 * @param config scheduler settings; each answer is replayed with the desired retention it was given under.
 * @example const cards = rebuildCards(log, DEFAULT_SCHEDULER_CONFIG, { tzOffsetMinutes: 0, dayStartHour: 4 });
 */
export function rebuildCards(
	log: readonly LogEntry[],
	config: SchedulerConfig,
	ctx: DayContext
): Map<string, CardState> {
	const undone = new Set<string>();
	const rated = new Map<string, { at: number; id: string; rating: Rating }>();
	for (const entry of log) {
		if (entry.kind === 'undo') undone.add(entry.target);
		else if (entry.kind === 'rate') {
			const previous = rated.get(entry.target);
			if (!previous || compareEntries(previous as LogEntry, entry) < 0)
				rated.set(entry.target, entry);
		}
	}
	const rows = log.filter((entry) => entry.kind !== 'undo' && entry.kind !== 'rate');
	rows.sort(compareEntries);
	const cards = new Map<string, CardState>();
	const configs = new Map<number, SchedulerConfig>();
	// The states are built in place (they are new objects, private to this call) for speed.
	const stateOf = (cardId: string, at: number) => {
		let card = cards.get(cardId);
		if (!card) {
			card = emptyCardState(cardId, at);
			cards.set(cardId, card);
		}
		return card;
	};
	for (const entry of rows) {
		if (entry.kind === 'review') {
			if (undone.has(entry.id)) continue;
			const rating = rated.get(entry.id)?.rating ?? entry.rating;
			let cfg = configs.get(entry.retention);
			if (!cfg) {
				cfg = { ...config, desiredRetention: entry.retention };
				configs.set(entry.retention, cfg);
			}
			const card = stateOf(entry.cardId, entry.at);
			const before = card.fsrs;
			card.answers.push(answerRecord(before, entry, rating));
			card.fsrs = schedule(before, rating, entry.at, cfg);
			card.leech = card.fsrs.lapses >= cfg.leechThreshold;
			if (card.firstAnsweredDay < 0) card.firstAnsweredDay = dayIndex(entry.at, ctx);
		} else {
			const card = stateOf(entry.cardId, entry.at);
			if (entry.kind === 'suspend') card.suspended = true;
			else if (entry.kind === 'flag') card.flagged = true;
			else if (entry.kind === 'unflag') card.flagged = false;
			else if (entry.kind === 'unsuspend') card.suspended = false;
			else if (entry.kind === 'bury') card.buriedDay = dayIndex(entry.at, ctx);
			else {
				card.fsrs = newCard(entry.at);
				card.leech = false;
			}
		}
	}
	return cards;
}

/**
 * Applies one answer to a card state and returns the new state (the input is not changed). Pure.
 * @param rating the effective rating (after any change made at the reveal).
 */
export function applyReview(
	card: CardState,
	entry: ReviewEntry,
	rating: Rating,
	config: SchedulerConfig,
	ctx: DayContext
): CardState {
	const before = card.fsrs;
	const answer = answerRecord(before, entry, rating);
	const fsrsCard = schedule(before, rating, entry.at, config);
	return {
		...card,
		fsrs: fsrsCard,
		leech: fsrsCard.lapses >= config.leechThreshold,
		answers: [...card.answers, answer],
		firstAnsweredDay: card.firstAnsweredDay >= 0 ? card.firstAnsweredDay : dayIndex(entry.at, ctx),
	};
}

function answerRecord(before: CardState['fsrs'], entry: ReviewEntry, rating: Rating): AnswerRecord {
	const last = before.last_review ? before.last_review.getTime() : undefined;
	return {
		id: entry.id,
		at: entry.at,
		rating,
		correct: entry.correct,
		picked: entry.picked,
		source: entry.source,
		stateBefore: before.state as CardStateCode,
		elapsedDays: last === undefined ? 0 : Math.max(0, (entry.at - last) / 86_400_000),
		scheduledDaysBefore: before.scheduled_days,
	};
}

/**
 * True when a lapse just brought the card to the leech threshold or a half-threshold after it
 * (8, 12, 16… with the default), which is when the learner is warned, as in Anki. Pure.
 */
export function isLeechWarning(
	lapsesBefore: number,
	lapsesAfter: number,
	threshold: number
): boolean {
	if (lapsesAfter <= lapsesBefore || lapsesAfter < threshold) return false;
	const half = Math.max(1, Math.ceil(threshold / 2));
	return (lapsesAfter - threshold) % half === 0;
}
