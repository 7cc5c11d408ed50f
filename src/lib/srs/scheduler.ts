/**
 * The ts-fsrs facade: the only module that talks to ts-fsrs. It keeps one FSRS instance per
 * distinct setting set, so scheduling a card costs one `next()` call.
 */
import { createEmptyCard, fsrs, type Card, type FSRS, type Grade } from 'ts-fsrs';
import { SrsValidationError } from './errors';
import type { Rating, SchedulerConfig } from './types';

const instances = new Map<string, FSRS>();
const byConfig = new WeakMap<SchedulerConfig, FSRS>();

function schedulerFor(config: SchedulerConfig): FSRS {
	const cached = byConfig.get(config);
	if (cached) return cached;
	const key = `${config.desiredRetention}|${config.learningSteps.join(',')}|${config.relearningSteps.join(',')}|${config.enableFuzz}|${config.weights?.join(',') ?? ''}`;
	let instance = instances.get(key);
	if (!instance) {
		instance = fsrs({
			request_retention: config.desiredRetention,
			maximum_interval: 36500,
			enable_fuzz: config.enableFuzz,
			enable_short_term: true,
			learning_steps: config.learningSteps as `${number}${'m' | 'h' | 'd'}`[],
			relearning_steps: config.relearningSteps as `${number}${'m' | 'h' | 'd'}`[],
			...(config.weights ? { w: config.weights } : {}),
		});
		if (instances.size > 32) instances.clear();
		instances.set(key, instance);
	}
	// Settings objects are treated as immutable: a changed setting is a new object.
	byConfig.set(config, instance);
	return instance;
}

/** A card that has never been answered, created at `now` (epoch ms). Pure. */
export function newCard(now: number): Card {
	return createEmptyCard(new Date(now));
}

/**
 * Applies one rating to a card at `now` and returns the new card (pure: the input is not changed).
 * @throws SrsValidationError on a rating other than 1–4.
 * @example const next = schedule(newCard(t0), 3, t0, DEFAULT_SCHEDULER_CONFIG);
 */
export function schedule(card: Card, rating: Rating, now: number, config: SchedulerConfig): Card {
	if (rating !== 1 && rating !== 2 && rating !== 3 && rating !== 4) {
		throw new SrsValidationError(`Invalid rating "${String(rating)}", expected 1–4`);
	}
	return schedulerFor(config).next(card, new Date(now), rating as Grade).card;
}

/**
 * Predicted probability of recall of `card` at `at` (0 for a card never answered). Pure.
 */
export function retrievability(card: Card, at: number, config: SchedulerConfig): number {
	if (card.state === 0 || !card.last_review) return 0;
	const r = schedulerFor(config).get_retrievability(card, new Date(at), false);
	return Number.isFinite(r) ? Math.min(1, Math.max(0, r)) : 0;
}

/**
 * Rating from a graded answer: wrong → Again (1), right → Good (3). The learner may change a right
 * answer to Hard or Easy after the reveal; a partly right multiple-response answer is wrong.
 */
export function ratingFromGrade(correct: boolean): Rating {
	return correct ? 3 : 1;
}
