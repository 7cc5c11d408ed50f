/** Study days: like Anki, a day starts at a set hour (default 4 am) in the learner's local time. */
import type { DayContext } from './types';

const DAY_MS = 86_400_000;

/**
 * Index of the study day containing `ms` (days since 1970-01-01 in local time, shifted by the day
 * start hour). Pure.
 * @example dayIndex(Date.UTC(2025, 0, 1, 12), { tzOffsetMinutes: 0, dayStartHour: 4 }) // 20089
 */
export function dayIndex(ms: number, ctx: DayContext): number {
	return Math.floor((ms + ctx.tzOffsetMinutes * 60_000 - ctx.dayStartHour * 3_600_000) / DAY_MS);
}

/** Epoch ms at which study day `day` starts. Pure. */
export function dayStart(day: number, ctx: DayContext): number {
	return day * DAY_MS + ctx.dayStartHour * 3_600_000 - ctx.tzOffsetMinutes * 60_000;
}

/** Calendar date (YYYY-MM-DD, local) of study day `day`. Pure. */
export function dayToIsoDate(day: number, ctx: DayContext): string {
	const local = dayStart(day, ctx) + ctx.tzOffsetMinutes * 60_000;
	return new Date(local).toISOString().slice(0, 10);
}

/**
 * Study day that starts on the calendar date `YYYY-MM-DD` (local). Study days are numbered by local
 * calendar day, so the context is not needed; it is taken for symmetry with `dayToIsoDate`. Pure.
 */
export function isoDateToDay(date: string, _ctx?: DayContext): number {
	return Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}
