/**
 * Derives every card's state from the append-only review log. The log is the only source of truth:
 * undo appends an `undo` row, a changed rating appends a `rate` row, and replaying the rows in time
 * order gives the same states every time (ts-fsrs fuzz is seeded by the review time).
 */
import { dayIndex } from './day';
import { newCard, retrievability, schedule } from './scheduler';
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
			card.answers.push(answerRecord(before, entry, rating, cfg));
			card.fsrs = schedule(before, rating, entry.at, cfg);
			card.leech = card.fsrs.lapses >= cfg.leechThreshold;
			markFirstAnswer(card, entry, ctx);
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
	const answer = answerRecord(before, entry, rating, config);
	const fsrsCard = schedule(before, rating, entry.at, config);
	return {
		...card,
		fsrs: fsrsCard,
		leech: fsrsCard.lapses >= config.leechThreshold,
		answers: [...card.answers, answer],
		firstAnsweredDay: card.firstAnsweredDay >= 0 ? card.firstAnsweredDay : dayIndex(entry.at, ctx),
	};
}

function markFirstAnswer(card: CardState, entry: ReviewEntry, ctx: DayContext): void {
	if (card.firstAnsweredDay < 0) card.firstAnsweredDay = dayIndex(entry.at, ctx);
}

function answerRecord(
	before: CardState['fsrs'],
	entry: ReviewEntry,
	rating: Rating,
	config: SchedulerConfig
): AnswerRecord {
	const last = before.last_review ? before.last_review.getTime() : undefined;
	return {
		id: entry.id,
		at: entry.at,
		rating,
		correct: entry.correct,
		picked: entry.picked,
		...(entry.pairs ? { pairs: entry.pairs } : {}),
		source: entry.source,
		stateBefore: before.state as CardStateCode,
		elapsedDays: last === undefined ? 0 : Math.max(0, (entry.at - last) / 86_400_000),
		recallBefore: last === undefined ? null : retrievability(before, entry.at, config),
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

/** The result of a derivation, kept by the caller so the next one can be incremental. */
export interface DerivedCards {
	/** Ids of the log rows the states were derived from, in the order given. */
	ids: string[];
	cards: Map<string, CardState>;
	/** Fingerprint of the settings and day context used. */
	key: string;
}

function derivationKey(config: SchedulerConfig, ctx: DayContext): string {
	return JSON.stringify([
		config.learningSteps,
		config.relearningSteps,
		config.leechThreshold,
		config.enableFuzz,
		config.weights ?? null,
		ctx,
	]);
}

/**
 * Card states for `log`, reusing `previous` when the log only grew at the end: new answers are
 * applied to the cards they concern, and a card touched by an undo, a changed rating or an
 * out-of-order row is rebuilt from its own rows. Otherwise everything is rebuilt. The result always
 * equals `rebuildCards(log, config, ctx)`. Pure (`previous` is not changed).
 */
export function deriveCards(
	log: readonly LogEntry[],
	config: SchedulerConfig,
	ctx: DayContext,
	previous?: DerivedCards | null
): DerivedCards {
	const key = derivationKey(config, ctx);
	const ids = log.map((entry) => entry.id);
	const full = (): DerivedCards => ({ ids, cards: rebuildCards(log, config, ctx), key });
	if (!previous || previous.key !== key || previous.ids.length > ids.length) return full();
	for (let i = 0; i < previous.ids.length; i++) if (previous.ids[i] !== ids[i]) return full();
	const added = log.slice(previous.ids.length);
	if (added.length === 0) return { ids, cards: previous.cards, key };

	const cards = new Map(previous.cards);
	const dirty = new Set<string>();
	const reviewCard = new Map<string, string>();
	const targeted = new Set<string>();
	for (const entry of log) {
		if (entry.kind === 'review') reviewCard.set(entry.id, entry.cardId);
		else if (entry.kind === 'undo' || entry.kind === 'rate') targeted.add(entry.target);
	}
	const touched = new Set<string>();
	for (const entry of added) {
		if (entry.kind === 'undo' || entry.kind === 'rate') {
			const cardId = reviewCard.get(entry.target);
			if (cardId) dirty.add(cardId);
			continue;
		}
		const card = cards.get(entry.cardId);
		const lastAt = card
			? Math.max(
					card.answers.at(-1)?.at ?? -Infinity,
					card.fsrs.last_review?.getTime() ?? -Infinity
				)
			: -Infinity;
		if (
			dirty.has(entry.cardId) ||
			entry.at < lastAt ||
			entry.kind !== 'review' ||
			targeted.has(entry.id)
		) {
			dirty.add(entry.cardId);
			continue;
		}
		// Copy the state once before changing it: `previous` must stay as it was.
		const base = card ?? emptyCardState(entry.cardId, entry.at);
		const own = touched.has(entry.cardId) ? base : { ...base, answers: [...base.answers] };
		touched.add(entry.cardId);
		const cfg =
			entry.retention === config.desiredRetention
				? config
				: { ...config, desiredRetention: entry.retention };
		const before = own.fsrs;
		own.answers.push(answerRecord(before, entry, entry.rating, cfg));
		own.fsrs = schedule(before, entry.rating, entry.at, cfg);
		own.leech = own.fsrs.lapses >= cfg.leechThreshold;
		markFirstAnswer(own, entry, ctx);
		cards.set(entry.cardId, own);
	}
	if (dirty.size > 0) {
		const reviewIds = new Set<string>();
		for (const [id, cardId] of reviewCard) if (dirty.has(cardId)) reviewIds.add(id);
		const rows = log.filter((entry) =>
			entry.kind === 'undo' || entry.kind === 'rate'
				? reviewIds.has(entry.target)
				: dirty.has(entry.cardId)
		);
		const rebuilt = rebuildCards(rows, config, ctx);
		for (const cardId of dirty) {
			const card = rebuilt.get(cardId);
			if (card) cards.set(cardId, card);
			else cards.delete(cardId);
		}
	}
	return { ids, cards, key };
}
