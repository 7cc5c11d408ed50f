/** One entry point for imports: picks the reader by format, then validates every question. Pure. */
import { parseCsvQuestions } from './csv';
import { parseGiftQuestions } from './gift';
import type { ImportResult } from './types';
import { validateCandidates } from './validate';

/** Formats the importer reads. */
export type ImportFormat = 'csv' | 'gift';

/** The format implied by a file name (`.csv`, `.gift`/`.txt`), or undefined. */
export function formatFromFileName(name: string): ImportFormat | undefined {
	if (/\.csv$/i.test(name)) return 'csv';
	if (/\.(gift|txt)$/i.test(name)) return 'gift';
	return undefined;
}

/**
 * Imports CSV or GIFT text: every file when every question is valid, otherwise every problem
 * (source, line, field, fix) and no files. Pure.
 * @example importQuestions(text, { format: 'csv', source: 'bank.csv', existingIds })
 */
export function importQuestions(
	text: string,
	options: { format: ImportFormat; source: string; existingIds?: Iterable<string> }
): ImportResult {
	if (options.format === 'csv') {
		const { candidates, problems } = parseCsvQuestions(text);
		if (problems.length > 0)
			return {
				ok: false,
				problems: problems.map((problem) => `${options.source} ${problem}`),
				files: [],
			};
		return validateCandidates(candidates, options);
	}
	return validateCandidates(parseGiftQuestions(text).candidates, options);
}
