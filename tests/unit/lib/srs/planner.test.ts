import { describe, expect, test } from 'vitest';
import { createSchedulerConfig } from '../../../../src/lib/srs/defaults';
import { dayIndex, dayStart, dayToIsoDate, isoDateToDay } from '../../../../src/lib/srs/day';
import { newCardCounts, planNewCards, remainingNewCards } from '../../../../src/lib/srs/planner';
import { rebuildCards } from '../../../../src/lib/srs/rebuild';
import { CTX, DAY, NOW, review } from '../../../fixtures/practice';

const config = createSchedulerConfig({ enableFuzz: false });

describe('planNewCards', () => {
	test('spreads the remaining cards over the days up to 14 days before the exam', () => {
		const plan = planNewCards({ today: 100, examDay: 144, remaining: 216, newPerDay: 5 });
		expect(plan.lastIntroductionDay).toBe(130);
		expect(plan.daysLeft).toBe(31);
		expect(plan.pace).toBe(7);
		expect(plan.newLimitToday).toBe(7);
		expect(plan.finishDay).toBeLessThanOrEqual(130);
		expect(plan.late).toBe(false);
	});

	test('keeps the setting when it is already fast enough', () => {
		const plan = planNewCards({ today: 100, examDay: 144, remaining: 216, newPerDay: 20 });
		expect(plan.newLimitToday).toBe(20);
		expect(plan.finishDay).toBe(110);
	});

	test('introduces everything at once when the 14-day mark has passed', () => {
		const plan = planNewCards({ today: 100, examDay: 110, remaining: 50, newPerDay: 20 });
		expect(plan.late).toBe(true);
		expect(plan.pace).toBe(50);
		expect(plan.newLimitToday).toBe(50);
	});

	test('the last day before the mark is still on time', () => {
		const plan = planNewCards({ today: 130, examDay: 144, remaining: 9, newPerDay: 5 });
		expect(plan).toMatchObject({ daysLeft: 1, pace: 9, late: false });
		expect(planNewCards({ today: 100, examDay: 144, remaining: 0, newPerDay: 5 })).toMatchObject({
			pace: 0,
			finishDay: null,
		});
	});
});

describe('remainingNewCards', () => {
	test('counts cards not introduced before today', () => {
		const log = [review('tokens/a', NOW - 3 * DAY, 4), review('tokens/b', NOW - 60_000, 4)];
		const cards = rebuildCards(log, config, CTX);
		expect(remainingNewCards(cards, ['tokens/a', 'tokens/b', 'tokens/c'], NOW, CTX)).toBe(2);
	});

	test('"new questions left" no longer counts the questions answered today (it said 212 after 33)', () => {
		const order = Array.from({ length: 212 }, (_, i) => `tokens/q${i}`);
		const log = order.slice(0, 33).map((id, i) => review(id, NOW + i * 60_000, i % 4 ? 3 : 1));
		const cards = rebuildCards(log, config, CTX);
		const later = NOW + 40 * 60_000;
		expect(newCardCounts(cards, order, later, CTX)).toEqual({ atDayStart: 212, unseen: 179 });
		const plan = planNewCards({
			today: dayIndex(later, CTX),
			examDay: dayIndex(later, CTX) + 60,
			remaining: 212,
			unseen: 179,
			newPerDay: 20,
		});
		expect(plan.unseen).toBe(179);
		// Today's pace still comes from the start of the day, so it does not change as you study.
		expect(plan.pace).toBe(5);
	});
});

describe('dayIndex', () => {
	test('a study day starts at 4 am local time', () => {
		const noon = Date.UTC(2025, 0, 1, 12);
		expect(dayIndex(Date.UTC(2025, 0, 2, 3, 59), CTX)).toBe(dayIndex(noon, CTX));
		expect(dayIndex(Date.UTC(2025, 0, 2, 4, 0), CTX)).toBe(dayIndex(noon, CTX) + 1);
		expect(dayIndex(Date.UTC(2025, 0, 1, 23), { tzOffsetMinutes: 120, dayStartHour: 4 })).toBe(
			dayIndex(noon, CTX)
		);
		expect(dayIndex(Date.UTC(2025, 0, 2, 2), { tzOffsetMinutes: 120, dayStartHour: 4 })).toBe(
			dayIndex(noon, CTX) + 1
		);
	});
});

describe('calendar dates', () => {
	test('a date and its study day convert both ways, whatever the offset', () => {
		for (const ctx of [
			CTX,
			{ tzOffsetMinutes: -300, dayStartHour: 4 },
			{ tzOffsetMinutes: 540, dayStartHour: 0 },
		]) {
			const day = isoDateToDay('2026-04-15', ctx);
			expect(dayToIsoDate(day, ctx)).toBe('2026-04-15');
			expect(dayIndex(dayStart(day, ctx), ctx)).toBe(day);
			expect(dayIndex(dayStart(day, ctx) - 1, ctx)).toBe(day - 1);
		}
	});
});
