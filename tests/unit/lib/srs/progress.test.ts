import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { createSchedulerConfig } from '../../../../src/lib/srs/defaults';
import { ProgressFormatError } from '../../../../src/lib/srs/errors';
import {
	createProgressFile,
	migrate,
	parseProgressFile,
	PROGRESS_FORMAT,
	serializeProgressFile,
} from '../../../../src/lib/srs/progress';
import type { LogEntry } from '../../../../src/lib/srs/types';
import { NOW } from '../../../fixtures/practice';

const settings = createSchedulerConfig();

const cardIdArb = fc.constantFrom('tokens/a', 'user-pools/b-c', 'identity-pools/x1');
const logArb = fc
	.array(
		fc.oneof(
			fc.record({
				kind: fc.constant('review' as const),
				cardId: cardIdArb,
				at: fc.integer({ min: NOW, max: NOW + 1e10 }),
				rating: fc.constantFrom(1, 2, 3, 4),
				correct: fc.boolean(),
				picked: fc.subarray(['a', 'b', 'c', 'd', 'e']),
				source: fc.constantFrom('daily', 'drill', 'custom', 'mock'),
				retention: fc.constantFrom(0.8, 0.9, 0.97),
			}),
			fc.record({
				kind: fc.constantFrom('undo' as const),
				target: fc.string({ minLength: 1, maxLength: 8 }),
				at: fc.integer({ min: NOW, max: NOW + 1e10 }),
			}),
			fc.record({
				kind: fc.constant('rate' as const),
				target: fc.string({ minLength: 1, maxLength: 8 }),
				at: fc.integer({ min: NOW, max: NOW + 1e10 }),
				rating: fc.constantFrom(1, 2, 3, 4),
			}),
			fc.record({
				kind: fc.constantFrom(
					'suspend' as const,
					'unsuspend' as const,
					'bury' as const,
					'forget' as const,
					'flag' as const,
					'unflag' as const
				),
				cardId: cardIdArb,
				at: fc.integer({ min: NOW, max: NOW + 1e10 }),
			})
		),
		{ maxLength: 30 }
	)
	.map((rows) => rows.map((row, i) => ({ id: `row-${i}`, ...row }) as LogEntry));

describe('progress file', () => {
	test('export → import is the identity (property)', () => {
		fc.assert(
			fc.property(
				logArb,
				fc.option(fc.constantFrom('2026-03-01', '2027-12-31'), { nil: null }),
				fc.constantFrom(0.8, 0.9, 0.97),
				(log, examDate, retention) => {
					const file = createProgressFile(
						log,
						{ ...settings, desiredRetention: retention },
						examDate,
						'2025-01-01T12:00:00.000Z'
					);
					const back = parseProgressFile(serializeProgressFile(file));
					expect(back).toEqual(file);
					expect(
						createProgressFile(back.log, back.settings, back.examDate, back.exportedAt)
					).toEqual(file);
				}
			),
			{ numRuns: 200, seed: 7 }
		);
	});

	test('a file that is not JSON gives a typed error', () => {
		expect(() => parseProgressFile('{ not json')).toThrow(ProgressFormatError);
		expect(() => parseProgressFile('{ not json')).toThrow(/not valid JSON/);
	});

	test('another kind of JSON file is refused', () => {
		expect(() => parseProgressFile('{"hello": 1}')).toThrowErrorMatchingInlineSnapshot(
			`[ProgressFormatError: This is not a Cognito Study progress file (expected "format": "cognito-study-progress", found nothing)]`
		);
		expect(() => parseProgressFile('[1,2]')).toThrow(/expected a JSON object/);
	});

	test('a newer version is refused rather than guessed at', () => {
		expect(() => migrate({ format: PROGRESS_FORMAT, version: 2 })).toThrow(
			/version 2.*up to version 1/
		);
	});

	test('lists every bad row and bad setting', () => {
		const file = createProgressFile([], settings, null, 'x') as unknown as Record<string, unknown>;
		const bad = {
			...file,
			settings: { ...settings, desiredRetention: 2 },
			log: [
				{
					id: 'a',
					kind: 'review',
					cardId: 'tokens/a',
					at: 1,
					rating: 9,
					correct: true,
					picked: [],
					source: 'daily',
					retention: 0.9,
				},
				{ id: 'b', kind: 'zap', at: 1 },
				'oops',
			],
		};
		try {
			parseProgressFile(JSON.stringify(bad));
			expect.unreachable();
		} catch (error) {
			expect(error).toBeInstanceOf(ProgressFormatError);
			expect((error as ProgressFormatError).issues).toEqual([
				'settings: Invalid desired retention 2, expected 0.8–0.97',
				'log[0]: rating: expected 1–4, found 9',
				'log[1]: kind: unknown "zap"',
				'log[2]: expected an object',
			]);
		}
	});

	test('duplicate row ids are refused', () => {
		const row = { id: 'same', kind: 'undo', target: 'x', at: 5 };
		const file = { ...createProgressFile([], settings, null, 'x'), log: [row, row] };
		expect(() => parseProgressFile(file)).toThrow(/appears twice/);
	});
});
