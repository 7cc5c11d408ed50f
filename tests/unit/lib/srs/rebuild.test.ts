import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { createSchedulerConfig } from '../../../../src/lib/srs/defaults';
import {
	applyReview,
	deriveCards,
	emptyCardState,
	isLeechWarning,
	rebuildCards,
} from '../../../../src/lib/srs/rebuild';
import type { CardState, LogEntry, Rating, ReviewEntry } from '../../../../src/lib/srs/types';
import { CTX, DAY, entry, MINUTE, NOW, review } from '../../../fixtures/practice';

const config = createSchedulerConfig();

describe('rebuildCards', () => {
	test('an undone answer no longer counts', () => {
		const first = review('tokens/a', NOW, 3);
		const second = review('tokens/a', NOW + 10 * MINUTE, 1);
		const withUndo: LogEntry[] = [
			first,
			second,
			entry({ kind: 'undo', target: second.id, at: NOW + 11 * MINUTE }),
		];
		expect(rebuildCards(withUndo, config, CTX).get('tokens/a')).toEqual(
			rebuildCards([first], config, CTX).get('tokens/a')
		);
	});

	test('a rating changed at the reveal replaces the original one', () => {
		const answer = review('tokens/a', NOW, 3);
		const changed = rebuildCards(
			[answer, entry({ kind: 'rate', target: answer.id, at: NOW + 1, rating: 4 })],
			config,
			CTX
		);
		const direct = rebuildCards([{ ...answer, rating: 4 }], config, CTX);
		expect(changed.get('tokens/a')!.fsrs).toEqual(direct.get('tokens/a')!.fsrs);
		expect(changed.get('tokens/a')!.answers[0]!.rating).toBe(4);
	});

	test('the order of rows in storage does not matter', () => {
		const log = [
			review('tokens/a', NOW, 3),
			review('tokens/a', NOW + 10 * MINUTE, 3),
			review('tokens/a', NOW + 3 * DAY, 1),
		];
		expect(rebuildCards([...log].reverse(), config, CTX)).toEqual(rebuildCards(log, config, CTX));
	});

	test('tags a leech at 8 lapses and warns at 8, 12, 16', () => {
		const log: ReviewEntry[] = [];
		let t = NOW;
		log.push(review('tokens/a', t, 4));
		for (let lapse = 0; lapse < 8; lapse++) {
			t += 30 * DAY;
			log.push(review('tokens/a', t, 1));
			t += 10 * MINUTE;
			log.push(review('tokens/a', t, 3));
		}
		const card = rebuildCards(log, config, CTX).get('tokens/a')!;
		expect(card.fsrs.lapses).toBe(8);
		expect(card.leech).toBe(true);
		const seven = rebuildCards(log.slice(0, -2), config, CTX).get('tokens/a')!;
		expect(seven.leech).toBe(false);
		expect([7, 8, 9, 12, 16].map((n) => isLeechWarning(n - 1, n, 8))).toEqual([
			false,
			true,
			false,
			true,
			true,
		]);
		expect(isLeechWarning(8, 8, 8)).toBe(false);
	});

	test('keeps the picks and the state before each answer', () => {
		const card = rebuildCards([review('tokens/a', NOW, 1, { picked: ['c'] })], config, CTX).get(
			'tokens/a'
		)!;
		expect(card.answers[0]).toMatchObject({ picked: ['c'], stateBefore: 0, correct: false });
		expect(card.firstAnsweredDay).toBeGreaterThan(0);
	});
});

describe('replay (property)', () => {
	const ratingArb = fc.constantFrom<Rating>(1, 2, 3, 4);
	const stepArb = fc.record({
		card: fc.constantFrom('tokens/a', 'tokens/b', 'user-pools/c'),
		gapMinutes: fc.integer({ min: 1, max: 60 * 24 * 40 }),
		rating: ratingArb,
		undo: fc.boolean(),
	});

	test('replaying the log reproduces the states stored answer by answer', () => {
		fc.assert(
			fc.property(
				fc.array(stepArb, { maxLength: 40 }),
				fc.constantFrom(0.8, 0.9, 0.95),
				(steps, retention) => {
					const stored = new Map<string, CardState>();
					const history = new Map<string, CardState[]>();
					const log: LogEntry[] = [];
					let t = NOW;
					for (const step of steps) {
						t += step.gapMinutes * MINUTE;
						const row = review(step.card, t, step.rating, { retention });
						log.push(row);
						const before = stored.get(step.card) ?? emptyCardState(step.card, t);
						const after = applyReview(
							before,
							row,
							step.rating,
							{ ...config, desiredRetention: retention },
							CTX
						);
						history.set(step.card, [...(history.get(step.card) ?? []), before]);
						stored.set(step.card, after);
						if (step.undo) {
							// Undo the answer just given: the stored state goes back to what it was.
							log.push(entry({ kind: 'undo', target: row.id, at: t + 1 }));
							const previous = history.get(step.card)!.pop()!;
							if (previous.answers.length === 0) stored.delete(step.card);
							else stored.set(step.card, previous);
							t += 2;
						}
					}
					const rebuilt = rebuildCards(log, config, CTX);
					for (const [id, state] of stored) expect(rebuilt.get(id)?.fsrs).toEqual(state.fsrs);
					for (const [id, state] of rebuilt)
						if (state.answers.length) expect(stored.has(id)).toBe(true);
				}
			),
			{ numRuns: 150, seed: 20250101 }
		);
	});
});

describe('deriveCards (property)', () => {
	const opArb = fc.oneof(
		fc.record({
			kind: fc.constant('review' as const),
			card: fc.constantFrom('tokens/a', 'tokens/b', 'user-pools/c'),
			gapMinutes: fc.integer({ min: -60 * 24 * 3, max: 60 * 24 * 30 }),
			rating: fc.constantFrom<Rating>(1, 2, 3, 4),
			retention: fc.constantFrom(0.85, 0.9),
		}),
		fc.record({
			kind: fc.constantFrom('undo' as const, 'rate' as const),
			back: fc.nat(5),
			rating: fc.constantFrom<Rating>(1, 2, 3, 4),
		}),
		fc.record({
			kind: fc.constantFrom(
				'suspend' as const,
				'unsuspend' as const,
				'bury' as const,
				'flag' as const,
				'forget' as const
			),
			card: fc.constantFrom('tokens/a', 'tokens/b', 'user-pools/c'),
		})
	);

	test('growing the log step by step gives the same states as a full rebuild', () => {
		fc.assert(
			fc.property(
				fc.array(fc.array(opArb, { minLength: 1, maxLength: 4 }), { maxLength: 12 }),
				(batches) => {
					const log: LogEntry[] = [];
					let t = NOW;
					let derived = deriveCards([], config, CTX, null);
					for (const batch of batches) {
						for (const op of batch) {
							if (op.kind === 'review') {
								t += op.gapMinutes * MINUTE;
								log.push(review(op.card, t, op.rating, { retention: op.retention }));
							} else if ('back' in op) {
								const reviews = log.filter((row) => row.kind === 'review');
								const target = reviews[Math.max(0, reviews.length - 1 - op.back)];
								if (!target) continue;
								t += MINUTE;
								log.push(
									op.kind === 'undo'
										? entry({ kind: 'undo', target: target.id, at: t })
										: entry({ kind: 'rate', target: target.id, at: t, rating: op.rating })
								);
							} else {
								t += MINUTE;
								log.push(entry({ kind: op.kind, cardId: op.card, at: t }));
							}
						}
						const before = new Map(derived.cards);
						const beforeStates = [...derived.cards.values()].map((c) => ({
							...c,
							answers: [...c.answers],
						}));
						const next = deriveCards([...log], config, CTX, derived);
						expect(next.cards).toEqual(rebuildCards(log, config, CTX));
						// The previous result is left as it was.
						expect([...derived.cards.values()]).toEqual(beforeStates);
						expect(derived.cards).toEqual(before);
						derived = next;
					}
				}
			),
			{ numRuns: 150, seed: 99 }
		);
	});

	test('a changed setting or a rewritten log falls back to a full rebuild', () => {
		const log = [review('tokens/a', NOW, 3), review('tokens/a', NOW + 10 * MINUTE, 3)];
		const first = deriveCards(log, config, CTX);
		const other = createSchedulerConfig({ learningSteps: ['5m'] });
		expect(deriveCards(log, other, CTX, first).cards).toEqual(rebuildCards(log, other, CTX));
		expect(deriveCards(log.slice(1), config, CTX, first).cards).toEqual(
			rebuildCards(log.slice(1), config, CTX)
		);
		expect(deriveCards(log, config, CTX, first).cards).toBe(first.cards);
	});
});
