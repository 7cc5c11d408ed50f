/**
 * The optimiser's data and measure, and a real fit with fsrs-browser (the site's optimiser) on a
 * simulated student's log: the fitted parameters predict that student's reviews better than the
 * defaults, and are offered only then.
 */
import { describe, expect, test } from 'vitest';
import {
	createSchedulerConfig,
	fitsBetter,
	holdOutFrom,
	measureFit,
	rebuildCards,
	trainingData,
} from '../../../../src/lib/srs';
import { fitInNode } from '../../../fixtures/fsrs-optimiser';
import { CTX, DAY, MINUTE, NOW, review } from '../../../fixtures/practice';
import { simulateStudent } from '../../../fixtures/simulated-students';

const config = createSchedulerConfig({ enableFuzz: false });

describe('trainingData', () => {
	test('one item per later review that ends a day or more after the one before', () => {
		const log = [
			review('tokens/a', NOW, 1),
			review('tokens/a', NOW + 10 * MINUTE, 3),
			review('tokens/a', NOW + 3 * DAY, 3),
			review('tokens/a', NOW + 10 * DAY, 1),
			review('tokens/b', NOW, 3),
		];
		const data = trainingData(rebuildCards(log, config, CTX).values());
		// Items r1..r3 and r1..r4 (r1..r2 ends on a same-day review; b has one review).
		expect(data.lengths).toEqual([3, 4]);
		expect(data.ratings).toEqual([1, 3, 3, 1, 3, 3, 1]);
		// Whole 24-hour periods, as ts-fsrs counts them: 3 days minus 10 minutes is 2.
		expect(data.deltas).toEqual([0, 0, 2, 0, 0, 2, 7]);
		expect(data.reviews).toBe(2);
	});
});

describe('measureFit', () => {
	test('measures long-term reviews only, and only from a given time for held-out data', () => {
		const log = [
			review('tokens/a', NOW, 3),
			review('tokens/a', NOW + 5 * MINUTE, 3),
			review('tokens/a', NOW + 4 * DAY, 3),
			review('tokens/a', NOW + 20 * DAY, 1),
		];
		const all = measureFit(log, config, CTX);
		expect(all.reviews).toBe(2);
		expect(all.logLoss).toBeGreaterThan(0);
		expect(measureFit(log, config, CTX, NOW + 10 * DAY).reviews).toBe(1);
	});

	test('holdOutFrom marks where the latest fifth of long-term reviews starts', () => {
		const log = Array.from({ length: 10 }, (_, i) => [
			review(`tokens/h${i}`, NOW + i * MINUTE, 3),
			review(`tokens/h${i}`, NOW + (2 + i) * DAY, 3),
		]).flat();
		const cards = rebuildCards(log, config, CTX);
		expect(holdOutFrom(cards.values())).toBe(NOW + 10 * DAY);
		expect(measureFit(log, config, CTX, holdOutFrom(cards.values())).reviews).toBe(2);
	});

	test('fitsBetter needs a lower log loss and no worse RMSE', () => {
		const a = { logLoss: 0.3, rmse: 0.05, reviews: 500 };
		expect(fitsBetter(a, { logLoss: 0.29, rmse: 0.05, reviews: 500 })).toBe(true);
		expect(fitsBetter(a, { logLoss: 0.29, rmse: 0.06, reviews: 500 })).toBe(false);
		expect(fitsBetter(a, { logLoss: 0.3, rmse: 0.04, reviews: 500 })).toBe(false);
	});
});

test('fsrs-browser fits a simulated student better than the defaults', { timeout: 120_000 }, () => {
	const student = simulateStudent({
		seed: 11,
		lessons: 6,
		perLesson: 30,
		days: 90,
		examGap: 5,
		skip: 0.1,
		newPerDay: 10,
		// A fast forgetter with a steep forgetting curve: far from the population's defaults.
		truth: { scale: 0.35, decay: 0.5 },
	});
	const data = trainingData(student.cards.values());
	expect(data.reviews).toBeGreaterThan(400);
	const weights = fitInNode(data);
	expect(weights).toHaveLength(21);
	expect(weights.every(Number.isFinite)).toBe(true);
	const before = measureFit(student.log, config, CTX);
	const after = measureFit(student.log, createSchedulerConfig({ ...config, weights }), CTX);
	expect(after.reviews).toBe(before.reviews);
	expect(after.logLoss).toBeLessThan(before.logLoss);
	expect(fitsBetter(before, after)).toBe(after.rmse <= before.rmse);
});
