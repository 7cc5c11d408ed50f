/**
 * `npm run questions:check`: validates all content, prints every problem (file: field: fix) and a
 * per-lesson summary of the question bank. Exits 1 when there are errors.
 */
import {
	checkContent,
	findBankGaps,
	MIN_SCENARIO_LINK_PERCENT,
	summariseBank,
	summariseDomains,
} from '../schemas/check-content';
import { readContentFiles } from './read-content';

const report = checkContent(readContentFiles(process.cwd()));

const rows = summariseBank(report.questions);
const header = [
	'lesson',
	'single',
	'multi',
	'ordering',
	'matching',
	'easy',
	'medium',
	'hard',
	'total',
];
const table = [
	header,
	...rows.map((row) => header.map((key) => String(row[key as keyof typeof row]))),
];
const totals = header
	.slice(1)
	.map((key) => rows.reduce((sum, row) => sum + Number(row[key as keyof typeof row]), 0));
table.push(['all lessons', ...totals.map(String)]);
const widths = header.map((_, column) => Math.max(...table.map((row) => row[column]!.length)));
const line = (row: string[]) =>
	row
		.map((cell, column) =>
			column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)
		)
		.join('  ');
console.log(line(table[0]!));
console.log(widths.map((width) => '-'.repeat(width)).join('  '));
table.slice(1).forEach((row) => console.log(line(row)));
const multiShare = totals.at(-1) ? Math.round((100 * totals[1]!) / totals.at(-1)!) : 0;
console.log(
	`\n${report.questions.length} questions (${multiShare}% multiple response), ${report.lessons.length} lessons, ${report.glossary.length} glossary terms, ${report.scenarios.length} scenarios.`
);
const gaps = findBankGaps(report.questions);
if (gaps.thinLessons.length)
	console.log(`Lessons with fewer than 12 questions: ${gaps.thinLessons.join(', ')}`);
if (report.questions.length && gaps.multiPercent < 25)
	console.log(`Multiple-response share is ${gaps.multiPercent}%; the bank aims for at least 25%.`);
if (report.questions.length && gaps.missingNotesQuestions.length)
	console.log(
		`Questions from the notes not yet in the bank (fromNotes.number): ${gaps.missingNotesQuestions.join(', ')}`
	);
if (report.questions.length) {
	const { linked, percent } = gaps.scenarioLinks;
	console.log(
		`Questions that link to a scenario ("See it happen"): ${linked} of ${report.questions.length} (${percent}%; at least ${MIN_SCENARIO_LINK_PERCENT}% required).`
	);
	if (percent < MIN_SCENARIO_LINK_PERCENT)
		report.errors.push(
			`content/questions: scenario: only ${percent}% of the questions link to a scenario; add "scenario" (and "scenarioStep") to questions a scenario truly shows until at least ${MIN_SCENARIO_LINK_PERCENT}% do`
		);
	console.log(
		`Right answers of single-answer questions by letter: ${Object.entries(gaps.singleAnswerLetters)
			.map(([letter, count]) => `${letter} ${count}`)
			.join(', ')}`
	);
}

if (report.questions.length) {
	console.log('\nExam domains (questions naming each domain; the exam guide weight in brackets):');
	let exam = '';
	for (const row of summariseDomains(report.questions)) {
		if (row.exam !== exam) {
			exam = row.exam;
			const total = report.questions.filter((question) =>
				(question.data.exams as readonly string[]).includes(exam)
			).length;
			console.log(`  ${exam} (${total} questions)`);
		}
		console.log(
			`    ${row.domain.padEnd(10)} ${`${row.questions}`.padStart(4)}  ${`${row.percent}%`.padStart(4)}  [${row.weight}%]  ${row.name}`
		);
	}
}

for (const warning of report.warnings) console.warn(`warning: ${warning}`);
if (report.errors.length) {
	console.error(`\n${report.errors.length} problem${report.errors.length === 1 ? '' : 's'}:`);
	for (const error of report.errors) console.error(error);
	process.exit(1);
}
console.log('Content check passed.');
