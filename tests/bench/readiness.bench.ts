/**
 * Readiness calibration on simulated students (the same population as the calibration test):
 * predicted readiness per lesson against the students' true recall on the exam date, by decile.
 * Printed, not asserted. Run with `npm run bench readiness`.
 */
import { calibrationRows, summarise } from '../fixtures/calibration';

const summary = summarise(calibrationRows(80, 2));
const pct = (value: number) => `${(value * 100).toFixed(1)} %`;
console.log(
	`${summary.groups} lessons of 80 simulated students: mean absolute error ${pct(summary.meanAbsoluteError)} (the old figure, recall today with unseen questions as 0: ${pct(summary.naiveMeanAbsoluteError)}), bias ${pct(summary.bias)}, 95 % range covers the truth for ${pct(summary.coverage)}`
);
console.table(
	summary.bins.map((bin) => ({
		'predicted readiness': bin.range,
		lessons: bin.groups,
		'mean predicted': pct(bin.predicted),
		'mean true recall': pct(bin.truth),
	}))
);
