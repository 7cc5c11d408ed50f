import { describe, expect, test } from 'vitest';
import { createSchedulerConfig } from '../../../../src/lib/srs/defaults';
import { dayIndex } from '../../../../src/lib/srs/day';
import { rebuildCards } from '../../../../src/lib/srs/rebuild';
import {
	dueForecast,
	reviewHeatmap,
	stateCounts,
	totalAnswers,
	trueRetention,
} from '../../../../src/lib/srs/stats';
import { CTX, DAY, entry, MINUTE, NOW, review } from '../../../fixtures/practice';

const config = createSchedulerConfig({ enableFuzz: false });

describe('statistics', () => {
	const log = [
		review('tokens/a', NOW - 100 * DAY, 4),
		review('tokens/a', NOW - 40 * DAY, 3),
		review('tokens/a', NOW - 2 * DAY, 1),
		review('tokens/a', NOW - 2 * DAY + 10 * MINUTE, 3),
		review('tokens/b', NOW - 1 * DAY, 3),
		review('user-pools/c', NOW - 400 * DAY, 4),
		entry({ kind: 'suspend', cardId: 'user-pools/c', at: NOW - 300 * DAY }),
	];
	const cards = rebuildCards(log, config, CTX);
	const order = ['tokens/a', 'tokens/b', 'user-pools/c', 'user-pools/d'];

	test('the heatmap counts answers per day over the last 365 days', () => {
		const heat = reviewHeatmap(cards, NOW, CTX);
		expect(heat).toHaveLength(365);
		expect(heat.at(-1)!.day).toBe(dayIndex(NOW, CTX));
		expect(heat.reduce((sum, d) => sum + d.count, 0)).toBe(5);
		expect(heat.find((d) => d.day === dayIndex(NOW - 2 * DAY, CTX))!.count).toBe(2);
		expect(totalAnswers(cards)).toBe(6);
	});

	test('the forecast puts overdue cards on today and leaves out suspended ones', () => {
		const forecast = dueForecast(cards, NOW, CTX, 30);
		expect(forecast).toHaveLength(30);
		expect(forecast.reduce((sum, d) => sum + d.count, 0)).toBeLessThanOrEqual(2);
		expect(forecast[0]!.count).toBe(1);
	});

	test('counts cards by state', () => {
		expect(stateCounts(cards, order)).toEqual({
			new: 1,
			learning: 1,
			review: 2,
			relearning: 0,
			suspended: 1,
			leech: 0,
			total: 4,
		});
	});

	test('true retention counts first answers of the day to review cards only', () => {
		const [tokens] = trueRetention([['tokens', ['tokens/a', 'tokens/b']]], cards, CTX);
		expect(tokens!.all).toEqual({ passed: 1, total: 2 });
		expect(tokens!.young.total + tokens!.mature.total).toBe(2);
	});
});
