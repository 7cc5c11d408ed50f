/**
 * Spaced-repetition engine figures (printed, not asserted): 5,000 cards and 50,000 review-log rows.
 * Targets from issue 5: queue build < 20 ms, rebuild from the log < 500 ms, facade ≤ 1.5× ts-fsrs.
 * Run with `npm run bench srs`.
 */
import { fsrs, type Grade } from 'ts-fsrs';
import { seededRandom } from '../../src/lib/quiz/random';
import {
	buildDailyQueue,
	createSchedulerConfig,
	deriveCards,
	newCard,
	rebuildCards,
	schedule,
	type LogEntry,
	type Rating,
} from '../../src/lib/srs';
import { performance } from 'node:perf_hooks';
import { printTimings, time } from './timing';

const CARDS = 5_000;
const ROWS = 50_000;
const START = Date.UTC(2025, 0, 1, 9);
const DAY = 86_400_000;
const ctx = { tzOffsetMinutes: 0, dayStartHour: 4 };
const config = createSchedulerConfig();
const noFuzz = createSchedulerConfig({ enableFuzz: false });
const random = seededRandom(5);

// 10 answers per card spread over a year, ratings mostly Good (as Anki's manual recommends).
const ids = Array.from({ length: CARDS }, (_, i) => `lesson-${i % 12}/q${i}`);
const log: LogEntry[] = [];
for (let r = 0; r < ROWS; r++) {
	const card = ids[r % CARDS]!;
	const round = Math.floor(r / CARDS);
	const at = START + round * 36 * DAY + Math.floor(random() * 30 * DAY);
	const x = random();
	const rating: Rating = x < 0.1 ? 1 : x < 0.15 ? 2 : x < 0.95 ? 3 : 4;
	log.push({
		id: `r${String(r).padStart(6, '0')}`,
		kind: 'review',
		cardId: card,
		at,
		rating,
		correct: rating > 1,
		picked: ['a'],
		source: 'daily',
		retention: 0.9,
	});
}
const now = Math.max(...log.map((row) => row.at)) + DAY;
const cards = rebuildCards(log, config, ctx);

// The same reviews, per card in time order, for the facade-vs-direct comparison.
const perCard = new Map<string, Array<[number, Rating]>>();
for (const row of [...log].sort((a, b) => a.at - b.at)) {
	if (row.kind !== 'review') continue;
	const list = perCard.get(row.cardId) ?? [];
	list.push([row.at, row.rating]);
	perCard.set(row.cardId, list);
}
const direct = fsrs({
	request_retention: 0.9,
	enable_fuzz: true,
	learning_steps: ['1m', '10m'],
	relearning_steps: ['10m'],
});

function viaFacade(): number {
	let n = 0;
	for (const [, reviews] of perCard) {
		let card = newCard(reviews[0]![0]);
		for (const [at, rating] of reviews) {
			card = schedule(card, rating, at, config);
			n++;
		}
	}
	return n;
}
function viaTsFsrs(): number {
	let n = 0;
	for (const [, reviews] of perCard) {
		let card = newCard(reviews[0]![0]);
		for (const [at, rating] of reviews) {
			card = direct.next(card, new Date(at), rating as Grade).card;
			n++;
		}
	}
	return n;
}

// The app keeps the last derivation and applies only what was appended since.
const base = deriveCards(log, config, ctx);
const grown: LogEntry[] = [
	...log,
	{
		id: 'zz-new',
		kind: 'review',
		cardId: ids[0]!,
		at: now,
		rating: 3,
		correct: true,
		picked: ['a'],
		source: 'daily',
		retention: 0.9,
	},
];

const timings = [
	await time(
		`build today's queue (${CARDS} cards)`,
		() => buildDailyQueue({ cards, order: ids, now, config, ctx }),
		50,
		5
	),
	await time(
		`rebuild all card states from ${ROWS} log rows`,
		() => rebuildCards(log, config, ctx),
		10,
		2
	),
	await time(
		'same rebuild with fuzz off (ts-fsrs seeds a PRNG per interval when fuzz is on)',
		() => rebuildCards(log, noFuzz, ctx),
		10,
		2
	),
	await time(
		`apply 1 new answer to the ${ROWS}-row state (deriveCards)`,
		() => deriveCards(grown, config, ctx, base),
		20,
		3
	),
	await time(`schedule ${ROWS} reviews through the facade`, viaFacade, 10, 2),
	await time(`schedule ${ROWS} reviews with ts-fsrs directly`, viaTsFsrs, 10, 2),
];
const queue = buildDailyQueue({ cards, order: ids, now, config, ctx });
console.log(
	`queue now: ${queue.learning.length} learning, ${queue.review.length} review, ${queue.new.length} new`
);
printTimings(timings);

// Overhead: facade and direct runs interleaved, so background load hits both alike; median of the ratios.
const ratios: number[] = [];
for (let i = 0; i < 12; i++) {
	const a = performance.now();
	viaFacade();
	const b = performance.now();
	viaTsFsrs();
	const c = performance.now();
	ratios.push((b - a) / (c - b));
}
ratios.sort((x, y) => x - y);
const median = (ratios[5]! + ratios[6]!) / 2;
console.log(
	`facade overhead: ${median.toFixed(2)}× ts-fsrs direct (median of 12 interleaved pairs; target ≤ 1.5×)`
);
