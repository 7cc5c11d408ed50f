import { describe, expect, test } from 'vitest';
import { createSchedulerConfig } from '../../../../src/lib/srs/defaults';
import { buildDailyQueue, countDoneToday } from '../../../../src/lib/srs/queue';
import { rebuildCards } from '../../../../src/lib/srs/rebuild';
import type { LogEntry } from '../../../../src/lib/srs/types';
import { CTX, DAY, entry, MINUTE, NOW, review } from '../../../fixtures/practice';

const config = createSchedulerConfig({ enableFuzz: false });
const ids = Array.from({ length: 40 }, (_, i) => `user-pools/q${String(i).padStart(2, '0')}`);

function queueAt(log: LogEntry[], now: number, overrides = {}) {
	const cards = rebuildCards(log, config, CTX);
	return buildDailyQueue({ cards, order: ids, now, config: { ...config, ...overrides }, ctx: CTX });
}

describe('buildDailyQueue', () => {
	test('a fresh learner gets 20 new cards in course order', () => {
		const queue = queueAt([], NOW);
		expect(queue.new).toEqual(ids.slice(0, 20));
		expect(queue.next).toBe(ids[0]);
		expect(queue.review).toEqual([]);
	});

	test('learning cards due now come first, then due reviews by due date, then new cards', () => {
		const yesterday = NOW - DAY;
		const log = [
			review(ids[0]!, yesterday - 60 * DAY, 4),
			review(ids[1]!, yesterday - 90 * DAY, 4),
			review(ids[2]!, NOW - 20 * MINUTE, 3),
		];
		const queue = queueAt(log, NOW);
		expect(queue.learning).toEqual([ids[2]]);
		expect(queue.review).toEqual([ids[1], ids[0]]);
		expect(queue.new[0]).toBe(ids[3]);
		expect(queue.next).toBe(ids[2]);
	});

	test('new cards introduced today count against the limit', () => {
		const log = ids.slice(0, 15).map((id, i) => review(id, NOW - 60 * MINUTE + i, 4));
		const queue = queueAt(log, NOW);
		expect(queue.doneToday.newIntroduced).toBe(15);
		expect(queue.new).toEqual(ids.slice(15, 20));
	});

	test('a mock exam does not use up the new-card allowance, but its answers still schedule', () => {
		const order = Array.from({ length: 30 }, (_, i) => `tokens/q${i}`);
		const log = order
			.slice(0, 10)
			.map((id, i) => review(id, NOW + i * 60_000, 3, { source: 'mock' as const }));
		const cards = rebuildCards(log, config, CTX);
		const queue = buildDailyQueue({ cards, order, now: NOW + DAY / 4, config, ctx: CTX });
		expect(queue.doneToday.newIntroduced).toBe(0);
		expect(queue.new).toHaveLength(20);
		expect(queue.new).not.toContain('tokens/q0');
		expect(cards.get('tokens/q0')!.fsrs.state).not.toBe(0);
		const drill = rebuildCards(
			[...log, review('tokens/q10', NOW + DAY / 8, 3, { source: 'drill' as const })],
			config,
			CTX
		);
		expect(countDoneToday(drill, NOW + DAY / 4, CTX).newIntroduced).toBe(1);
	});

	test('the review limit caps reviews, and new cards too', () => {
		const log = ids.slice(0, 30).map((id, i) => review(id, NOW - 40 * DAY + i, 4));
		const later = NOW + 200 * DAY;
		const queue = queueAt(log, later, { reviewsPerDay: 25 });
		expect(queue.review).toHaveLength(25);
		expect(queue.new).toEqual([]);
	});

	test('learning cards due later today are shown early only within 20 minutes and when nothing else is left', () => {
		const log = [review(ids[0]!, NOW, 3)];
		const order = [ids[0]!];
		const cards = rebuildCards(log, config, CTX);
		const in5 = buildDailyQueue({ cards, order, now: NOW + 5 * MINUTE, config, ctx: CTX });
		expect(in5.learningLater).toEqual([ids[0]]);
		expect(in5.next).toBe(ids[0]);
		expect(in5.nextLearningDue).toBe(NOW + 10 * MINUTE);
		const withNew = buildDailyQueue({
			cards,
			order: ids.slice(0, 2),
			now: NOW + 5 * MINUTE,
			config,
			ctx: CTX,
		});
		expect(withNew.next).toBe(ids[1]);
	});

	test('suspended and buried cards are left out; buried ones return the next day', () => {
		const log: LogEntry[] = [
			entry({ kind: 'suspend', cardId: ids[0]!, at: NOW - 1000 }),
			entry({ kind: 'bury', cardId: ids[1]!, at: NOW - 1000 }),
		];
		expect(queueAt(log, NOW).new.slice(0, 2)).toEqual([ids[2], ids[3]]);
		expect(queueAt(log, NOW + DAY).new.slice(0, 2)).toEqual([ids[1], ids[2]]);
		const unsuspended = [...log, entry({ kind: 'unsuspend', cardId: ids[0]!, at: NOW - 500 })];
		expect(queueAt(unsuspended, NOW).new[0]).toBe(ids[0]);
	});

	test('the planner can raise the new-card limit for today', () => {
		const cards = rebuildCards([], config, CTX);
		expect(
			buildDailyQueue({ cards, order: ids, now: NOW, config, ctx: CTX, newLimit: 30 }).new
		).toHaveLength(30);
	});
});
