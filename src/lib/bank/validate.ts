/**
 * Validates import candidates with exactly the rules of the build: each candidate is serialised to
 * its file text and run through `checkContent` (schema, cross-field rules, body rules), then ids are
 * checked across the import and against the existing bank. Pure.
 */
import { checkContent } from '../../schemas/check-content';
import { questionPath, questionToFile } from './question-file';
import type { BankQuestion, GeneratedFile, ImportResult, QuestionCandidate } from './types';

/** Options for {@link validateCandidates}. */
export interface ValidateOptions {
	/** Name of the import source used in messages, e.g. `questions.csv`. */
	source: string;
	/** Ids already in the bank (an id is never reused). */
	existingIds?: Iterable<string>;
}

/**
 * Checks every candidate and returns all files, or every problem (one line each, with the source
 * line number) and no files. Pure.
 * @example validateCandidates(parseCsvQuestions(text).candidates, { source: 'bank.csv' })
 */
export function validateCandidates(
	candidates: readonly QuestionCandidate[],
	options: ValidateOptions
): ImportResult {
	const problems: string[] = [];
	const files: GeneratedFile[] = [];
	const questions: BankQuestion[] = [];
	const existing = new Set(options.existingIds ?? []);
	const firstLineById = new Map<string, number>();

	if (candidates.length === 0) {
		return {
			ok: false,
			problems: [`${options.source}: (file): must contain at least one question, found none`],
			files: [],
		};
	}

	for (const candidate of candidates) {
		const id = typeof candidate.fields.id === 'string' ? candidate.fields.id : '';
		const label = `${options.source} line ${candidate.line}${id ? ` (${id.replace(/\s+/g, ' ')})` : ''}`;
		const rowProblems = candidate.problems.map((problem) => `${label}: ${problem}`);

		const path = questionPath(id || `line-${candidate.line}`);
		const text = questionToFile({
			...candidate.fields,
			stem: candidate.stem,
			explanation: candidate.explanation,
		});
		const report = checkContent([{ path, text }]);
		for (const error of report.errors) {
			rowProblems.push(
				`${label}: ${error.startsWith(`${path}: `) ? error.slice(path.length + 2) : error}`
			);
		}

		if (id) {
			const earlier = firstLineById.get(id);
			if (earlier !== undefined) {
				rowProblems.push(
					`${label}: id: must be unique in the import, found "${id}" (also on line ${earlier})`
				);
			} else {
				firstLineById.set(id, candidate.line);
			}
			if (existing.has(id)) {
				rowProblems.push(
					`${label}: id: must be new, found "${id}", which ${questionPath(id)} already uses; ids are never reused, so choose another short id`
				);
			}
		}

		problems.push(...rowProblems);
		if (rowProblems.length === 0 && report.questions[0]) {
			const parsed = report.questions[0];
			files.push({ path, text });
			questions.push({ ...parsed.data, stem: parsed.stem, explanation: parsed.explanation });
		}
	}

	return problems.length > 0 ? { ok: false, problems, files: [] } : { ok: true, files, questions };
}
