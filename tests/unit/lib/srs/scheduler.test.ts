import { describe, expect, test } from 'vitest';
import { fsrs } from 'ts-fsrs';
import {
	createSchedulerConfig,
	DEFAULT_SCHEDULER_CONFIG,
	parseSteps,
} from '../../../../src/lib/srs/defaults';
import { SrsValidationError } from '../../../../src/lib/srs/errors';
import {
	newCard,
	ratingFromGrade,
	retrievability,
	schedule,
} from '../../../../src/lib/srs/scheduler';
import { DAY, MINUTE, NOW } from '../../../fixtures/practice';

const config = createSchedulerConfig({ enableFuzz: false });

describe('ratingFromGrade', () => {
	test('wrong is Again and right is Good', () => {
		expect(ratingFromGrade(false)).toBe(1);
		expect(ratingFromGrade(true)).toBe(3);
	});
});

describe('schedule', () => {
	test('follows the learning steps 1m then 10m, then graduates to days', () => {
		let card = schedule(newCard(NOW), 3, NOW, config);
		expect(card.state).toBe(1);
		expect(card.due.getTime() - NOW).toBe(10 * MINUTE);
		const again = schedule(newCard(NOW), 1, NOW, config);
		expect(again.due.getTime() - NOW).toBe(1 * MINUTE);
		card = schedule(card, 3, NOW + 10 * MINUTE, config);
		expect(card.state).toBe(2);
		expect(card.scheduled_days).toBeGreaterThanOrEqual(1);
	});

	test('a lapse moves a review card to relearning with the 10m step', () => {
		let card = schedule(newCard(NOW), 4, NOW, config);
		expect(card.state).toBe(2);
		card = schedule(card, 1, card.due.getTime(), config);
		expect(card.state).toBe(3);
		expect(card.lapses).toBe(1);
	});

	test('matches ts-fsrs called directly', () => {
		const direct = fsrs({
			request_retention: 0.9,
			enable_fuzz: false,
			learning_steps: ['1m', '10m'],
			relearning_steps: ['10m'],
		});
		let a = newCard(NOW);
		let b = newCard(NOW);
		const ratings = [3, 3, 1, 3, 4, 2] as const;
		let t = NOW;
		for (const rating of ratings) {
			a = schedule(a, rating, t, config);
			b = direct.next(b, new Date(t), rating).card;
			t = a.due.getTime();
		}
		expect(a).toEqual(b);
	});

	test('a higher desired retention gives shorter intervals', () => {
		const low = schedule(
			newCard(NOW),
			4,
			NOW,
			createSchedulerConfig({ desiredRetention: 0.8, enableFuzz: false })
		);
		const high = schedule(
			newCard(NOW),
			4,
			NOW,
			createSchedulerConfig({ desiredRetention: 0.97, enableFuzz: false })
		);
		expect(high.scheduled_days).toBeLessThan(low.scheduled_days);
	});

	test('rejects a rating outside 1–4', () => {
		expect(() =>
			schedule(newCard(NOW), 5 as never, NOW, config)
		).toThrowErrorMatchingInlineSnapshot(`[SrsValidationError: Invalid rating "5", expected 1–4]`);
	});
});

describe('retrievability', () => {
	test('is 0 for a new card and falls with time', () => {
		expect(retrievability(newCard(NOW), NOW, config)).toBe(0);
		const card = schedule(newCard(NOW), 4, NOW, config);
		const soon = retrievability(card, NOW + DAY, config);
		const later = retrievability(card, NOW + 30 * DAY, config);
		expect(soon).toBeGreaterThan(later);
		expect(soon).toBeLessThanOrEqual(1);
	});
});

describe('createSchedulerConfig', () => {
	test('defaults to Anki’s numbers and 0.90 retention', () => {
		expect(createSchedulerConfig()).toMatchObject({
			desiredRetention: 0.9,
			newPerDay: 20,
			reviewsPerDay: 200,
			learningSteps: ['1m', '10m'],
			relearningSteps: ['10m'],
			leechThreshold: 8,
		});
		expect(DEFAULT_SCHEDULER_CONFIG.desiredRetention).toBe(0.9);
	});
	test('refuses retention outside 0.80–0.97 and bad steps', () => {
		expect(() =>
			createSchedulerConfig({ desiredRetention: 0.99 })
		).toThrowErrorMatchingInlineSnapshot(
			`[SrsValidationError: Invalid desired retention 0.99, expected 0.8–0.97]`
		);
		expect(() => createSchedulerConfig({ newPerDay: -1 })).toThrow(SrsValidationError);
		expect(() => parseSteps('1m 2x')).toThrowErrorMatchingInlineSnapshot(
			`[SrsValidationError: Invalid step "2x", expected a number and a unit m, h or d, such as "10m"]`
		);
		expect(() => parseSteps('2d')).toThrow(/less than 1 day/);
		expect(parseSteps('1m, 10m 1h')).toEqual(['1m', '10m', '1h']);
	});
});
