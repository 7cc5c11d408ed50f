import { describe, expect, test } from 'vitest';
import {
	createSchedulerConfig,
	readinessByGroup,
	rebuildCards,
	recallCorrection,
	type LogEntry,
} from '../../../../src/lib/srs';
import { CTX, DAY, NOW, review } from '../../../fixtures/practice';

const config = createSchedulerConfig();
const ids = Array.from({ length: 18 }, (_, i) => `tokens/q${i}`);

describe('readinessByGroup', () => {
	test('missing 5 of 15 just now does not read as 83 % ready (the reported case)', () => {
		// 15 of 18 questions answered for the first time, 5 of them wrong, then readiness at once.
		const log: LogEntry[] = ids
			.slice(0, 15)
			.map((id, i) => review(id, NOW + i * 60_000, i % 3 === 0 ? 1 : 3));
		const cards = rebuildCards(log, config, CTX);
		const now = NOW + 20 * 60_000;
		const [week] = readinessByGroup([['tokens', ids]], cards, now + 7 * DAY, config, now);
		expect(week!.seen).toBe(15);
		// Ten right of fifteen: about two-thirds, never above three-quarters.
		expect(week!.expected).toBeGreaterThan(0.45);
		expect(week!.expected).toBeLessThan(0.75);
		expect(week!.low).toBeLessThan(week!.expected);
		expect(week!.high).toBeGreaterThan(week!.expected);
		expect(week!.thin).toBe(true);
		expect(week!.recent).toEqual({ correct: 10, total: 15 });
	});

	test('unseen questions count at the first-attempt accuracy, and recall fades towards a later exam', () => {
		const log = [review('tokens/q0', NOW, 3), review('tokens/q1', NOW, 1)];
		const cards = rebuildCards(log, config, CTX);
		const soon = readinessByGroup([['t', ['tokens/q0']]], cards, NOW + DAY, config, NOW)[0]!;
		const late = readinessByGroup([['t', ['tokens/q0']]], cards, NOW + 60 * DAY, config, NOW)[0]!;
		expect(late.expected).toBeLessThan(soon.expected);
		const unseen = readinessByGroup([['t', ['tokens/q9']]], cards, NOW + DAY, config, NOW)[0]!;
		// One right first answer of two, with a uniform prior: (1 + 1) / (2 + 2).
		expect(unseen.expected).toBeCloseTo(0.5, 5);
		expect(unseen.seen).toBe(0);
	});

	test('a learner who forgets more than the scheduler predicts is corrected downwards', () => {
		const log: LogEntry[] = [];
		for (let i = 0; i < 60; i++) {
			const id = `tokens/c${i}`;
			log.push(review(id, NOW - 40 * DAY + i * 60_000, 3));
			// Three days later, far more are wrong than FSRS expects.
			log.push(review(id, NOW - 37 * DAY + i * 60_000, i % 2 === 0 ? 1 : 3));
		}
		const cards = rebuildCards(log, config, CTX);
		const correction = recallCorrection(cards.values(), NOW - 30 * DAY, 30);
		expect(correction.reviews).toBe(60);
		expect(correction.shift).toBeLessThan(-0.5);
		expect(recallCorrection(cards.values(), NOW - 30 * DAY, 1).reviews).toBe(0);
	});
});
