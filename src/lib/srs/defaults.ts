/** Default scheduler settings (Anki's defaults, FSRS desired retention 0.90) and their validation. */
import { SrsValidationError } from './errors';
import type { SchedulerConfig } from './types';

/** Lowest and highest desired retention the settings accept (the Anki manual warns above 0.97). */
export const RETENTION_RANGE = Object.freeze({ min: 0.8, max: 0.97 });

/** Defaults: 0.90 retention, 20 new and 200 reviews a day, steps 1m 10m / 10m, leech at 8 lapses. */
export const DEFAULT_SCHEDULER_CONFIG: Readonly<SchedulerConfig> = Object.freeze({
	desiredRetention: 0.9,
	newPerDay: 20,
	reviewsPerDay: 200,
	learningSteps: Object.freeze(['1m', '10m']) as unknown as string[],
	relearningSteps: Object.freeze(['10m']) as unknown as string[],
	leechThreshold: 8,
	dayStartHour: 4,
	enableFuzz: true,
});

const STEP = /^(\d+(?:\.\d+)?)([mhd])$/;

/**
 * Parses learning steps written as "1m 10m" (spaces or commas; units m, h, d) into `['1m', '10m']`.
 * @throws SrsValidationError naming the step that is malformed or not under a day.
 * @example parseSteps('1m, 10m') // ['1m', '10m']
 */
export function parseSteps(text: string): string[] {
	const steps = text
		.split(/[\s,]+/)
		.map((step) => step.trim())
		.filter(Boolean);
	for (const step of steps) {
		const match = STEP.exec(step);
		if (!match) {
			throw new SrsValidationError(
				`Invalid step "${step}", expected a number and a unit m, h or d, such as "10m"`
			);
		}
		if (stepMinutes(step) <= 0 || stepMinutes(step) >= 24 * 60) {
			throw new SrsValidationError(
				`Invalid step "${step}", expected more than 0 and less than 1 day`
			);
		}
	}
	return steps;
}

/** Minutes in a step such as "10m", "1h" or "1d". */
export function stepMinutes(step: string): number {
	const match = STEP.exec(step);
	if (!match) return Number.NaN;
	const value = Number(match[1]);
	return match[2] === 'm' ? value : match[2] === 'h' ? value * 60 : value * 1440;
}

/**
 * Returns a complete, validated config from a partial one (missing fields take the defaults).
 * @throws SrsValidationError on a value out of range, quoting it.
 * @example createSchedulerConfig({ desiredRetention: 0.95 })
 */
export function createSchedulerConfig(partial: Partial<SchedulerConfig> = {}): SchedulerConfig {
	const config: SchedulerConfig = {
		...DEFAULT_SCHEDULER_CONFIG,
		learningSteps: [...DEFAULT_SCHEDULER_CONFIG.learningSteps],
		relearningSteps: [...DEFAULT_SCHEDULER_CONFIG.relearningSteps],
		...partial,
	};
	const r = config.desiredRetention;
	if (!(
		typeof r === 'number' &&
		r >= RETENTION_RANGE.min - 1e-9 &&
		r <= RETENTION_RANGE.max + 1e-9
	)) {
		throw new SrsValidationError(
			`Invalid desired retention ${String(r)}, expected ${RETENTION_RANGE.min}–${RETENTION_RANGE.max}`
		);
	}
	checkInteger('newPerDay', config.newPerDay, 0, 9999);
	checkInteger('reviewsPerDay', config.reviewsPerDay, 0, 99999);
	checkInteger('leechThreshold', config.leechThreshold, 1, 99);
	checkInteger('dayStartHour', config.dayStartHour, 0, 23);
	config.learningSteps = parseSteps(config.learningSteps.join(' '));
	config.relearningSteps = parseSteps(config.relearningSteps.join(' '));
	config.enableFuzz = Boolean(config.enableFuzz);
	if (config.weights === undefined || config.weights === null) delete config.weights;
	else if (
		!Array.isArray(config.weights) ||
		config.weights.length !== FSRS_WEIGHT_COUNT ||
		!config.weights.every((w) => typeof w === 'number' && Number.isFinite(w))
	) {
		throw new SrsValidationError(
			`Invalid FSRS weights, expected ${FSRS_WEIGHT_COUNT} finite numbers, found ${JSON.stringify(config.weights).slice(0, 60)}`
		);
	} else config.weights = [...config.weights];
	return config;
}

/** Number of FSRS-6 model parameters (ts-fsrs 5). */
export const FSRS_WEIGHT_COUNT = 21;

function checkInteger(name: string, value: unknown, min: number, max: number): void {
	if (!(typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max)) {
		throw new SrsValidationError(
			`Invalid ${name} ${String(value)}, expected a whole number ${min}–${max}`
		);
	}
}
