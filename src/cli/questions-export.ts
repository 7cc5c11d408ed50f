/**
 * `npm run questions:export -- --format gift|anki|csv [--lesson x] [--topic t] [--type single|multi]
 * [--difficulty n] [--exam DVA-C02] [--out file]`: exports the bank (or the part matching the
 * filter) to Moodle GIFT, an Anki-importable TSV, or CSV. Writes to stdout unless --out is given.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { filterQuestions, questionsToAnki, questionsToCsv, questionsToGift } from '../lib/bank';
import { loadBank } from './bank-files';

function main(): number {
	const { values } = parseArgs({
		options: {
			format: { type: 'string', default: 'gift' },
			lesson: { type: 'string' },
			topic: { type: 'string' },
			type: { type: 'string' },
			difficulty: { type: 'string' },
			exam: { type: 'string' },
			out: { type: 'string' },
			root: { type: 'string' },
			help: { type: 'boolean' },
		},
	});
	if (values.help) {
		console.log(
			'Usage: npm run questions:export -- --format gift|anki|csv [--lesson x] [--topic t] [--type single|multi] [--difficulty 1-3] [--exam DVA-C02] [--out file]'
		);
		return 0;
	}
	const exporters = { gift: questionsToGift, anki: questionsToAnki, csv: questionsToCsv };
	const exporter = exporters[values.format as keyof typeof exporters];
	if (!exporter) {
		console.error(`--format: must be one of gift, anki, csv, found "${values.format}"`);
		return 2;
	}
	const { questions, errors } = loadBank(values.root ?? process.cwd());
	if (errors.length > 0)
		console.error(
			`warning: ${errors.length} question file problem(s); those files are left out (run npm run questions:check)`
		);
	const chosen = filterQuestions(questions, {
		lesson: values.lesson,
		topic: values.topic,
		type: values.type,
		difficulty: values.difficulty ? Number(values.difficulty) : undefined,
		exam: values.exam,
	});
	if (chosen.length === 0) {
		console.error('No question matches the filter; nothing was exported.');
		return 1;
	}
	const text = exporter(chosen);
	if (values.out) {
		writeFileSync(values.out, text);
		console.error(`Exported ${chosen.length} questions to ${values.out} (${values.format}).`);
	} else {
		process.stdout.write(text);
	}
	return 0;
}

process.exitCode = main();
