/**
 * "Optimise my scheduler": the data the FSRS optimiser is trained on, and the measure of how well a
 * set of parameters predicts this learner's own answers. The fitting itself runs in a Web Worker with
 * fsrs-browser (fsrs-rs compiled to WebAssembly); this module is the pure part around it.
 *
 * Measure: every answer given a day or more after the previous one (the long-term reviews FSRS
 * models) is a prediction (the recall the scheduler expected just before it) and an outcome (passed
 * unless rated Again). Log loss is the mean negative log-likelihood; RMSE (bins) groups predictions
 * into 20 bins and compares each bin's mean prediction with its pass rate, weighted by count, as
 * fsrs-rs and Anki report it. Lower is better for both.
 */
import { rebuildCards } from './rebuild';
import type { CardState, DayContext, LogEntry, SchedulerConfig } from './types';

/**
 * Long-term reviews below which the optimiser is not offered. Measured with `npm run bench optimiser`
 * (see the README): on simulated students, parameters fitted to fewer than about 1,600 reviews
 * rarely predicted the later reviews better than the defaults, so the site asks for 1,000 (enough
 * for a held-out check of 200) and applies a fit only when that check says it is better.
 */
export const OPTIMISE_MIN_REVIEWS = 1000;

/** Share of the latest long-term reviews held out to check a fit before it is offered. */
export const HOLD_OUT_SHARE = 0.2;

/**
 * The time from which the latest `share` of long-term reviews is held out (fit on the answers before,
 * measure on those from it on). Pure.
 */
export function holdOutFrom(cards: Iterable<CardState>, share = HOLD_OUT_SHARE): number {
	const times: number[] = [];
	for (const card of cards)
		for (const answer of card.answers)
			if (answer.recallBefore !== null && answer.elapsedDays >= 1) times.push(answer.at);
	times.sort((a, b) => a - b);
	return times[Math.floor(times.length * (1 - share))] ?? Infinity;
}

/** The optimiser's input, in fsrs-browser's `computeParameters` layout. */
export interface TrainingData {
	/** Ratings 1–4 of every item's reviews, items one after another. */
	ratings: number[];
	/** Days since the previous review (0 for an item's first review and for same-day reviews). */
	deltas: number[];
	/** Number of reviews in each item. */
	lengths: number[];
	/** Long-term reviews (a day or more after the previous one) the items end on. */
	reviews: number;
}

/**
 * Training items from the card states: for each card with answers r1…rn, the items r1…rk for
 * k = 2…n whose last review is on a later day than the one before (fsrs-rs learns to predict each
 * item's last review from the ones before it). Days are whole 24-hour periods, as ts-fsrs counts them. Pure.
 */
export function trainingData(cards: Iterable<CardState>): TrainingData {
	const data: TrainingData = { ratings: [], deltas: [], lengths: [], reviews: 0 };
	for (const card of cards) {
		// Whole days between answers, counted as ts-fsrs counts them when it schedules (floor of 24-hour
		// periods), so the parameters are fitted to the same intervals the scheduler then sees.
		const deltas = card.answers.map((answer, i) =>
			i === 0 ? 0 : Math.floor((answer.at - card.answers[i - 1]!.at) / 86_400_000)
		);
		for (let k = 2; k <= card.answers.length; k++) {
			// Each item ends on a review a day or more after the one before (the long-term reviews FSRS models).
			if (deltas[k - 1] === 0) continue;
			data.lengths.push(k);
			for (let i = 0; i < k; i++) {
				data.ratings.push(card.answers[i]!.rating);
				data.deltas.push(deltas[i]!);
			}
			data.reviews++;
		}
	}
	return data;
}

/** How well one parameter set predicts the learner's answers. */
export interface FitMeasure {
	/** Mean negative log-likelihood of the long-term reviews. */
	logLoss: number;
	/** RMSE between predicted recall and pass rate over 20 prediction bins, weighted by count. */
	rmse: number;
	/** Long-term reviews measured. */
	reviews: number;
}

/**
 * Log loss and RMSE (bins) of the scheduler with `config` (its `weights`, or the defaults) on the
 * learner's log, replayed from scratch. Pure.
 */
export function measureFit(
	log: readonly LogEntry[],
	config: SchedulerConfig,
	ctx: DayContext,
	/** Only answers at or after this time are measured (held-out data); all by default. */
	from = -Infinity
): FitMeasure {
	const cards = rebuildCards(log, config, ctx);
	let loss = 0;
	let reviews = 0;
	const bins = Array.from({ length: 20 }, () => ({ n: 0, predicted: 0, passed: 0 }));
	for (const card of cards.values()) {
		for (const answer of card.answers) {
			if (answer.recallBefore === null || answer.elapsedDays < 1 || answer.at < from) continue;
			const p = Math.min(1 - 1e-6, Math.max(1e-6, answer.recallBefore));
			const passed = answer.rating > 1 ? 1 : 0;
			loss -= passed ? Math.log(p) : Math.log(1 - p);
			reviews++;
			const bin = bins[Math.min(19, Math.floor(p * 20))]!;
			bin.n++;
			bin.predicted += p;
			bin.passed += passed;
		}
	}
	const squared = bins.reduce(
		(sum, bin) => (bin.n ? sum + bin.n * (bin.predicted / bin.n - bin.passed / bin.n) ** 2 : sum),
		0
	);
	return {
		logLoss: reviews ? loss / reviews : Number.NaN,
		rmse: reviews ? Math.sqrt(squared / reviews) : Number.NaN,
		reviews,
	};
}

/** True when `after` predicts better than `before`: lower log loss and no worse RMSE (bins). Pure. */
export function fitsBetter(before: FitMeasure, after: FitMeasure): boolean {
	return after.logLoss < before.logLoss && after.rmse <= before.rmse;
}
