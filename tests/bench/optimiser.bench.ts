/**
 * The FSRS optimiser (fsrs-browser, single-threaded, as the site runs it in a worker) on simulated
 * students with their own memory: how long a fit takes, and from how many reviews fitted parameters
 * predict a student's later, unseen reviews better than the defaults. That is the threshold the site
 * uses before it offers "Optimise my scheduler" (OPTIMISE_MIN_REVIEWS). Printed, not asserted.
 * Run with `npm run bench optimiser`.
 */
import { performance } from 'node:perf_hooks';
import {
	createSchedulerConfig,
	measureFit,
	OPTIMISE_MIN_REVIEWS,
	rebuildCards,
	trainingData,
	type LogEntry,
} from '../../src/lib/srs';
import { fitInNode } from '../fixtures/fsrs-optimiser';
import { simulateStudent } from '../fixtures/simulated-students';

const CTX = { tzOffsetMinutes: 0, dayStartHour: 4 };
const base = createSchedulerConfig({ enableFuzz: false });
const SIZES = [200, 400, 800, 1200, 1600, 2400];
const STUDENTS = 8;

/** The first rows of the log that hold `n` long-term reviews (binary search on the count). */
function prefixWith(log: LogEntry[], n: number): number | null {
	let lo = 1;
	let hi = log.length;
	if (measureFit(log, base, CTX).reviews < n) return null;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (measureFit(log.slice(0, mid), base, CTX).reviews >= n) hi = mid;
		else lo = mid + 1;
	}
	return lo;
}

const rows = SIZES.map((n) => ({ n, students: 0, better: 0, gain: 0, fitMs: [] as number[] }));
for (let s = 0; s < STUDENTS; s++) {
	const student = simulateStudent({
		seed: 500 + s,
		lessons: 10,
		perLesson: 40,
		days: 360,
		examGap: 5,
		skip: 0.1,
		newPerDay: 15,
	});
	const log = [...student.log].sort((a, b) => a.at - b.at);
	for (const row of rows) {
		const cut = prefixWith(log, row.n);
		// Keep at least 150 held-out reviews to measure on.
		if (cut === null || measureFit(log, base, CTX, log[cut]?.at ?? Infinity).reviews < 150)
			continue;
		const cards = rebuildCards(log.slice(0, cut), base, CTX);
		const start = performance.now();
		const weights = fitInNode(trainingData(cards.values()));
		row.fitMs.push(performance.now() - start);
		const from = log[cut]!.at;
		const before = measureFit(log, base, CTX, from);
		const after = measureFit(log, createSchedulerConfig({ ...base, weights }), CTX, from);
		row.students++;
		if (after.logLoss < before.logLoss) row.better++;
		row.gain += before.logLoss - after.logLoss;
	}
}
console.log(
	`${STUDENTS} simulated students (360 days each); fitted on their first N long-term reviews, measured on the reviews after`
);
console.table(
	rows.map((row) => ({
		'reviews N': row.n,
		students: row.students,
		'fitted better (held-out log loss)': `${row.better} of ${row.students}`,
		'mean log-loss gain': row.students ? (row.gain / row.students).toFixed(4) : '–',
		'median fit ms': row.fitMs.length
			? row.fitMs.sort((a, b) => a - b)[row.fitMs.length >> 1]!.toFixed(0)
			: '–',
	}))
);
console.log(`Threshold in use: ${OPTIMISE_MIN_REVIEWS} long-term reviews.`);
