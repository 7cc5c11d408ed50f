/**
 * Shapes shared by the question-bank converters (file text, GIFT, CSV, Anki).
 * N.B. Pure types: no runtime code, so the browser and Node both import them freely.
 */
import type { QuestionData } from '../../schemas/question';

/** A question as one object: the frontmatter fields plus the two parts of the Markdown body. */
export interface BankQuestion extends QuestionData {
	/** The stem (Markdown), shown before the options. */
	stem: string;
	/** The overall explanation (Markdown), the `## Explanation` section of the file. */
	explanation: string;
}

/**
 * A question read from an import source before validation: field values are as found
 * (a CSV cell may hold "two" where a number belongs), so the schema can report them.
 */
export interface QuestionCandidate {
	/** 1-based line in the source where the row or question starts. */
	line: number;
	/** Frontmatter fields, in any order; unknown values are kept for the schema to report. */
	fields: Record<string, unknown>;
	/** The stem (Markdown). */
	stem: string;
	/** The overall explanation (Markdown). */
	explanation: string;
	/** Problems found while reading the row (before the schema runs), as "<field>: must be …, found …". */
	problems: string[];
}

/** A file to write: repository-relative path and its full text. */
export interface GeneratedFile {
	path: string;
	text: string;
}

/** Result of an import: every file when all rows are valid, otherwise every problem and no files. */
export type ImportResult =
	| { ok: true; files: GeneratedFile[]; questions: BankQuestion[] }
	| { ok: false; problems: string[]; files: [] };

/** Criteria for choosing part of the bank (all optional; an empty filter keeps everything). */
export interface BankFilter {
	lesson?: string;
	topic?: string;
	type?: string;
	difficulty?: number;
	exam?: string;
}
