/**
 * Spreadsheet (CSV) import and export of questions.
 *
 * Columns (header row, any order, case-insensitive; see CSV_COLUMNS):
 * `id, lesson, type, difficulty, topics, exams, domains, stem, explanation, option_a … option_f,
 * explanation_a … explanation_f, pinned, target_t1 … target_t8, answer, sources, scenario, scenarioStep`.
 * Lists (`topics`, `exams`, `domains`, `pinned`, `answer`, `sources`) are separated by `;` (commas
 * and spaces also work). `answer` holds the right letters (`b`, `a;c`), the steps in order for an
 * ordering question (`b;d;a;c`), or the pairs of a matching question (`a=t1;b=t3`).
 * `id` may be the short id (`my-question`) or the full id (`tokens/my-question`); an empty `type`
 * is inferred: matching when the answer has pairs, otherwise from the number of answers. Cells follow RFC 4180: wrap a cell in double quotes when
 * it contains a comma, quote or line break, and double any quote inside. Pure.
 */
import { OPTION_IDS, TARGET_IDS } from '../../schemas/vocabulary';
import type { BankQuestion, QuestionCandidate } from './types';

/** Every column the importer understands, in the order the template and the export use. */
export const CSV_COLUMNS = [
	'id',
	'lesson',
	'type',
	'difficulty',
	'topics',
	'exams',
	'domains',
	'stem',
	'explanation',
	...OPTION_IDS.map((id) => `option_${id}`),
	...OPTION_IDS.map((id) => `explanation_${id}`),
	'pinned',
	...TARGET_IDS.map((id) => `target_${id}`),
	'answer',
	'sources',
	'scenario',
	'scenarioStep',
] as const;

/** Columns a sheet must have (the others may be left out). */
export const REQUIRED_CSV_COLUMNS = [
	'id',
	'lesson',
	'stem',
	'explanation',
	'answer',
	'sources',
	'topics',
	'exams',
	'domains',
	'difficulty',
] as const;

/** One CSV record with the 1-based line it starts on. */
export interface CsvRecord {
	line: number;
	cells: string[];
}

/**
 * Splits CSV text into records (RFC 4180: quoted cells may hold commas, quotes and line breaks).
 * The delimiter is `,` unless the header row has none and uses `;` or a tab. Blank rows are skipped. Pure.
 */
export function parseCsv(text: string): CsvRecord[] {
	const source = text.replace(/^\uFEFF/, '');
	const firstLine = source.split(/\r?\n/, 1)[0] ?? '';
	const delimiter = firstLine.includes(',')
		? ','
		: firstLine.includes(';')
			? ';'
			: firstLine.includes('\t')
				? '\t'
				: ',';
	const records: CsvRecord[] = [];
	let cells: string[] = [];
	let cell = '';
	let quoted = false;
	let line = 1;
	let recordLine = 1;
	const endRecord = () => {
		cells.push(cell);
		if (cells.some((value) => value.trim() !== '')) records.push({ line: recordLine, cells });
		cells = [];
		cell = '';
	};
	for (let index = 0; index < source.length; index++) {
		const char = source[index]!;
		if (quoted) {
			if (char === '"') {
				if (source[index + 1] === '"') {
					cell += '"';
					index++;
				} else quoted = false;
			} else {
				if (char === '\n') line++;
				if (char !== '\r') cell += char;
			}
		} else if (char === '"' && cell.trim() === '') {
			quoted = true;
			cell = '';
		} else if (char === delimiter) {
			cells.push(cell);
			cell = '';
		} else if (char === '\n' || char === '\r') {
			if (char === '\r' && source[index + 1] === '\n') index++;
			endRecord();
			line++;
			recordLine = line;
		} else {
			cell += char;
		}
	}
	if (cell !== '' || cells.length > 0) endRecord();
	return records;
}

function list(value: string): string[] {
	return value
		.split(/[;,|\s]+/)
		.map((item) => item.trim())
		.filter(Boolean);
}

function answerList(value: string): string[] {
	const trimmed = value.trim().toLowerCase();
	// "ac" is read as a and c; "a; c", "a,c" and "a c" also work.
	if (/^[a-f]{2,6}$/.test(trimmed)) return [...trimmed];
	return list(trimmed);
}

/**
 * Reads CSV text into import candidates, or header problems (unknown or missing columns) that stop
 * the import before any row is read. Validate candidates with `validateCandidates`. Pure.
 */
export function parseCsvQuestions(text: string): {
	candidates: QuestionCandidate[];
	problems: string[];
} {
	const [header, ...rows] = parseCsv(text);
	if (!header)
		return {
			candidates: [],
			problems: ['line 1: (header): must list the column names, found an empty file'],
		};
	// Header names are case-insensitive; each is read as its canonical spelling (scenariostep → scenarioStep).
	const canonical = new Map(CSV_COLUMNS.map((column) => [column.toLowerCase(), column as string]));
	const columns = header.cells.map((name) => {
		const lower = name.trim().toLowerCase();
		return canonical.get(lower) ?? lower;
	});
	const problems: string[] = [];
	columns.forEach((name, index) => {
		if (!(CSV_COLUMNS as readonly string[]).includes(name)) {
			problems.push(
				`line ${header.line}: (header) column ${index + 1}: must be one of ${CSV_COLUMNS.join(', ')}, found "${name}"`
			);
		}
	});
	for (const required of REQUIRED_CSV_COLUMNS) {
		if (!columns.includes(required))
			problems.push(`line ${header.line}: (header): must have a "${required}" column, found none`);
	}
	if (problems.length > 0) return { candidates: [], problems };

	const candidates = rows.map((row): QuestionCandidate => {
		const rowProblems: string[] = [];
		const cell = (name: string) => {
			const index = columns.indexOf(name);
			return index >= 0 ? (row.cells[index] ?? '').trim() : '';
		};
		if (
			row.cells.length > columns.length &&
			row.cells.slice(columns.length).some((value) => value.trim())
		) {
			rowProblems.push(
				`(row): must have at most ${columns.length} cells like the header, found ${row.cells.length}; quote cells that contain commas`
			);
		}
		const lesson = cell('lesson');
		const rawId = cell('id');
		const options = OPTION_IDS.flatMap((id) => {
			const optionText = cell(`option_${id}`);
			const explanation = cell(`explanation_${id}`);
			if (!optionText && explanation)
				rowProblems.push(
					`option_${id}: must have the option text when explanation_${id} is filled, found nothing`
				);
			return optionText ? [{ id, text: optionText, explanation }] : [];
		});
		const answer = answerList(cell('answer'));
		const difficulty = cell('difficulty');
		const targets = TARGET_IDS.flatMap((id) => {
			const text = cell(`target_${id}`);
			return text ? [{ id, text }] : [];
		});
		const pinned = new Set(list(cell('pinned').toLowerCase()));
		const type =
			cell('type') ||
			(answer.some((item) => item.includes('='))
				? 'matching'
				: answer.length > 1
					? 'multi'
					: 'single');
		const domains = list(cell('domains')).map((domain) => domain.toUpperCase());
		const fields: Record<string, unknown> = {
			id: rawId && !rawId.includes('/') && lesson ? `${lesson}/${rawId}` : rawId || undefined,
			lesson: lesson || undefined,
			topics: list(cell('topics')),
			type,
			difficulty:
				difficulty === '' ? undefined : /^\d+$/.test(difficulty) ? Number(difficulty) : difficulty,
			exams: list(cell('exams')).map((exam) => exam.toUpperCase()),
			domains: domains.length ? domains : undefined,
			options: options.map((option) =>
				pinned.has(option.id) ? { ...option, pinned: true } : option
			),
			targets: targets.length ? targets : undefined,
			answer,
			scenario: cell('scenario') || undefined,
			scenarioStep: cell('scenarioStep') || undefined,
			sources: list(cell('sources')),
		};
		return {
			line: row.line,
			fields,
			stem: cell('stem'),
			explanation: cell('explanation'),
			problems: rowProblems,
		};
	});
	return { candidates, problems: [] };
}

function csvCell(value: string): string {
	return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Exports questions to CSV with every column of {@link CSV_COLUMNS} (re-importable). Pure. */
export function questionsToCsv(questions: readonly BankQuestion[]): string {
	const rows = questions.map((question) => {
		const option = (id: string) => question.options.find((candidate) => candidate.id === id);
		const values: Record<string, string> = {
			id: question.id,
			lesson: question.lesson,
			type: question.type,
			difficulty: String(question.difficulty),
			topics: question.topics.join('; '),
			exams: question.exams.join('; '),
			domains: question.domains.join('; '),
			pinned: question.options
				.filter((candidate) => candidate.pinned)
				.map((candidate) => candidate.id)
				.join('; '),
			stem: question.stem,
			explanation: question.explanation,
			answer: question.answer.join('; '),
			sources: question.sources.join('; '),
			scenario: question.scenario ?? '',
			scenarioStep: question.scenarioStep ?? '',
		};
		for (const id of OPTION_IDS) {
			values[`option_${id}`] = option(id)?.text ?? '';
			values[`explanation_${id}`] = option(id)?.explanation ?? '';
		}
		for (const id of TARGET_IDS)
			values[`target_${id}`] = question.targets?.find((target) => target.id === id)?.text ?? '';
		return CSV_COLUMNS.map((column) => csvCell(values[column] ?? '')).join(',');
	});
	return `${[CSV_COLUMNS.join(','), ...rows].join('\r\n')}\r\n`;
}
