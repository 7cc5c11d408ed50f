/**
 * `npm run questions:import -- <file.csv|file.gift> [--dry-run]`: turns a spreadsheet (CSV with the
 * documented columns, see src/lib/bank/csv.ts) or a Moodle GIFT file into question files. Every
 * question is validated with the build's rules first; if any is bad, every problem is printed with
 * its line number and nothing is written.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { formatFromFileName, importQuestions, type ImportFormat } from '../lib/bank';
import { takenIds, writeNewFiles } from './bank-files';

function main(): number {
	const { values, positionals } = parseArgs({
		allowPositionals: true,
		options: {
			'dry-run': { type: 'boolean' },
			format: { type: 'string' },
			root: { type: 'string' },
			help: { type: 'boolean' },
		},
	});
	const [input] = positionals;
	if (values.help || !input) {
		console.log(
			'Usage: npm run questions:import -- <file.csv|file.gift> [--dry-run] [--format csv|gift]'
		);
		return values.help ? 0 : 2;
	}
	const format = (values.format ?? formatFromFileName(input)) as ImportFormat | undefined;
	if (format !== 'csv' && format !== 'gift') {
		console.error(
			`${input}: must end in .csv or .gift (or pass --format csv|gift), found "${basename(input)}"`
		);
		return 2;
	}
	const root = values.root ?? process.cwd();
	const result = importQuestions(readFileSync(input, 'utf8'), {
		format,
		source: basename(input),
		existingIds: takenIds(root),
	});
	if (!result.ok) {
		console.error(
			`${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}; nothing was written:`
		);
		for (const problem of result.problems) console.error(problem);
		return 1;
	}
	if (values['dry-run']) {
		console.log(`Dry run: all ${result.files.length} questions are valid; would write:`);
		for (const file of result.files) console.log(`  ${file.path}`);
		return 0;
	}
	writeNewFiles(root, result.files);
	console.log(`Wrote ${result.files.length} question files:`);
	for (const file of result.files) console.log(`  ${file.path}`);
	console.log('Next: npm run questions:check, then review the diff and commit.');
	return 0;
}

process.exitCode = main();
