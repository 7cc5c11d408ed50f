/**
 * Types of the spaced-repetition engine. Times are epoch milliseconds in stored shapes (the review log,
 * exports) and `Date` only inside ts-fsrs cards.
 */
import type { Card as FsrsCard } from 'ts-fsrs';

/** Again = 1, Hard = 2, Good = 3, Easy = 4 (Anki's answer buttons and keys). */
export type Rating = 1 | 2 | 3 | 4;

/** FSRS card state: New = 0, Learning = 1, Review = 2, Relearning = 3 (ts-fsrs `State`). */
export type CardStateCode = 0 | 1 | 2 | 3;

/** Where an answer was given; statistics and the mock-exam review group by it. */
export type ReviewSource = 'daily' | 'drill' | 'custom' | 'mock';

/** Scheduler settings the learner can change (Practice → Settings). */
export interface SchedulerConfig {
	/** Desired retention, 0.80–0.97 (FSRS `request_retention`). */
	desiredRetention: number;
	/** New cards introduced per day. */
	newPerDay: number;
	/** Maximum reviews per day (review and interday-learning cards). */
	reviewsPerDay: number;
	/** Learning steps such as `['1m', '10m']` (units m, h, d; each under a day). */
	learningSteps: string[];
	/** Relearning steps after a lapse, such as `['10m']`. */
	relearningSteps: string[];
	/** Lapses at which a card is tagged a leech (Anki: 8). */
	leechThreshold: number;
	/** Hour (local time) at which a new study day starts (Anki: 4). */
	dayStartHour: number;
	/** Random-looking spread of long intervals; deterministic in ts-fsrs (seeded by review time). */
	enableFuzz: boolean;
	/**
	 * FSRS model parameters fitted to this learner's log by "Optimise my scheduler" (21 numbers,
	 * FSRS-6), or absent for ts-fsrs's defaults. Card states are always re-derived from the log, so
	 * changing or removing them changes the schedule without touching any answer.
	 */
	weights?: number[];
}

/** One answer to a question, appended to the review log. */
export interface ReviewEntry {
	/** Unique id of the log row (never reused); also the IndexedDB key. */
	id: string;
	kind: 'review';
	/** Question (card) id, `<lesson>/<short-id>`. */
	cardId: string;
	/** When the answer was given (epoch ms). */
	at: number;
	/** Rating given to the scheduler; a later `rate` row may change it. */
	rating: Rating;
	/** Whether the answer was graded correct (all-or-nothing for multiple response). */
	correct: boolean;
	/**
	 * Option ids the learner picked (single, multi), or the steps in the learner's order (ordering);
	 * empty for matching, whose response is in `pairs`. Always ids, never the letters on screen.
	 */
	picked: string[];
	/** Matching only: the learner's `<option>=<target>` pairs. */
	pairs?: string[];
	/** Seed of the option order the question was shown in (`presentation` in src/lib/quiz/shuffle.ts). */
	seed?: number;
	/** Study mode the answer came from. */
	source: ReviewSource;
	/** Desired retention in force when the answer was given, so a replay schedules it the same way. */
	retention: number;
	/**
	 * The log-row format a reader needs to understand this row; absent means 1. A build that finds a
	 * row newer than it reads treats the store as written by a newer version (read-only, nothing
	 * deleted). Set only when a row would be misread by older builds.
	 */
	v?: number;
}

/** The learner changed the rating of an answer after the reveal (keys 1–4). */
export interface RateEntry {
	id: string;
	kind: 'rate';
	/** Id of the `review` row whose rating changes. */
	target: string;
	at: number;
	rating: Rating;
}

/** Undo of an answer: the target `review` row no longer counts. */
export interface UndoEntry {
	id: string;
	kind: 'undo';
	target: string;
	at: number;
}

/**
 * Suspend (until unsuspended), unsuspend, bury (until the next study day), reset a card to new, or
 * flag / unflag it for later study (key F).
 */
export interface CardActionEntry {
	id: string;
	kind: 'suspend' | 'unsuspend' | 'bury' | 'forget' | 'flag' | 'unflag';
	cardId: string;
	at: number;
}

/** One row of the append-only log. Card states are always derived from these rows. */
export type LogEntry = ReviewEntry | RateEntry | UndoEntry | CardActionEntry;

/** Everything the engine knows about one card, derived from the log. */
export interface CardState {
	id: string;
	/** The ts-fsrs card (memory state, due date, step, reps, lapses). */
	fsrs: FsrsCard;
	suspended: boolean;
	/** Study-day index until which (inclusive) the card is buried, or -1. */
	buriedDay: number;
	/** True once lapses reach the leech threshold. */
	leech: boolean;
	/** Flagged by the learner for later study. */
	flagged: boolean;
	/** Effective (not undone) answers, oldest first: time, rating, correctness and response. */
	answers: AnswerRecord[];
	/** State before the first answer ever (always New) is implied; the study day of the first answer, or -1. */
	firstAnsweredDay: number;
}

/** A counted answer, as the statistics see it. */
export interface AnswerRecord {
	/** Review row id. */
	id: string;
	at: number;
	rating: Rating;
	correct: boolean;
	picked: string[];
	/** Matching only: the learner's pairs. */
	pairs?: string[];
	source: ReviewSource;
	/** FSRS state of the card just before this answer. */
	stateBefore: CardStateCode;
	/** Days since the previous answer (0 for the first). */
	elapsedDays: number;
	/** Recall the scheduler predicted just before this answer, or null for a card never answered. */
	recallBefore: number | null;
	/** Interval scheduled before this answer, in days (0 if none). */
	scheduledDaysBefore: number;
}

/** How the day boundary is computed: local offset (minutes east of UTC) and the day start hour. */
export interface DayContext {
	/** Minutes east of UTC (`-new Date().getTimezoneOffset()` in the browser). */
	tzOffsetMinutes: number;
	/** Hour at which a new study day starts. */
	dayStartHour: number;
}
