/**
 * The versioned progress file: what "Export progress" writes and "Import progress" reads, and the
 * shape the browser store is checked against when it opens.
 *
 * Lifecycle: the browser keeps the log rows, settings and exam date in IndexedDB; export wraps them in
 * a `ProgressFile`; import parses and validates the whole file first (`parseProgressFile`) and only
 * then replaces the store, so a bad file changes nothing.
 *
 * Migration: `migrate(raw)` upgrades any older version to `PROGRESS_VERSION`, one step at a time;
 * add a step to `MIGRATIONS` whenever the shape changes, and never edit a released step. A file from a
 * newer version of the site is refused (`ProgressFormatError`), never guessed at.
 */
import { createSchedulerConfig } from './defaults';
import { ProgressFormatError, SrsValidationError } from './errors';
import type { LogEntry, SchedulerConfig } from './types';

/** `format` field value that marks a progress file. */
export const PROGRESS_FORMAT = 'cognito-study-progress';
/** Current version of the progress file. */
export const PROGRESS_VERSION = 1;

/**
 * The highest log-row format this build reads (rows carry `v` when they need a newer reader; see
 * `ReviewEntry.v`). Bump it, and set `v` on the new rows, when older builds would misread them.
 */
export const LOG_FORMAT = 1;

/** A row (or setting) that could not be read, kept aside with the reason rather than deleted. */
export interface QuarantinedRow {
	/** Where it came from, such as "log" or "settings". */
	store: string;
	/** What was wrong, in plain words. */
	problem: string;
	/** The value exactly as it was found. */
	value: unknown;
}

/** Everything the learner's progress consists of (version 1). */
export interface ProgressFile {
	format: typeof PROGRESS_FORMAT;
	version: typeof PROGRESS_VERSION;
	/** When the file was written (ISO 8601). */
	exportedAt: string;
	settings: SchedulerConfig;
	/** Exam date `YYYY-MM-DD` for the planner, or null. */
	examDate: string | null;
	/** The append-only review log, oldest first. */
	log: LogEntry[];
	/** The exam the learner is preparing for (DVA-C02, SAA-C03, SCS-C02), or null; optional. */
	exam?: string | null;
	/** Rows that could not be read, kept for a later version or for inspection; optional. */
	quarantine?: QuarantinedRow[];
}

/** Steps from version n to n + 1 (index n - 1). Version 1 is the first released shape. */
const MIGRATIONS: Array<(raw: Record<string, unknown>) => Record<string, unknown>> = [];

/**
 * Upgrades a parsed progress object of any known version to the current one. Pure.
 * @throws ProgressFormatError when it is not a progress file or comes from a newer version.
 */
export function migrate(raw: unknown): Record<string, unknown> {
	if (!isObject(raw))
		throw new ProgressFormatError('This is not a progress file (expected a JSON object)');
	if (raw.format !== PROGRESS_FORMAT) {
		throw new ProgressFormatError(
			`This is not a Cognito Study progress file (expected "format": "${PROGRESS_FORMAT}", found ${JSON.stringify(raw.format) ?? 'nothing'})`
		);
	}
	const version = raw.version;
	if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
		throw new ProgressFormatError(
			`Invalid progress file version ${JSON.stringify(version)}, expected a whole number from 1`
		);
	}
	if (version > PROGRESS_VERSION) {
		throw new ProgressFormatError(
			`This progress file is version ${version}, but this site reads up to version ${PROGRESS_VERSION}; reload the site to update it`
		);
	}
	let current: Record<string, unknown> = raw;
	for (let v = version; v < PROGRESS_VERSION; v++)
		current = { ...MIGRATIONS[v - 1]!(current), version: v + 1 };
	return current;
}

/**
 * Parses and fully validates a progress file (text or parsed JSON). Pure.
 * @throws ProgressFormatError listing every problem; the caller changes nothing in that case.
 * @example parseProgressFile(await file.text())
 */
export function parseProgressFile(input: string | unknown): ProgressFile {
	let raw: unknown = input;
	if (typeof input === 'string') {
		try {
			raw = JSON.parse(input);
		} catch (error) {
			throw new ProgressFormatError(`This file is not valid JSON (${(error as Error).message})`);
		}
	}
	const data = migrate(raw);
	const issues: string[] = [];
	let settings: SchedulerConfig | undefined;
	try {
		settings = createSchedulerConfig(
			isObject(data.settings) ? (data.settings as Partial<SchedulerConfig>) : {}
		);
		if (!isObject(data.settings)) issues.push('settings: expected an object');
	} catch (error) {
		issues.push(`settings: ${error instanceof SrsValidationError ? error.message : String(error)}`);
	}
	const examDate = data.examDate ?? null;
	if (
		examDate !== null &&
		!(typeof examDate === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(examDate))
	) {
		issues.push(`examDate: expected null or a date YYYY-MM-DD, found ${JSON.stringify(examDate)}`);
	}
	if (typeof data.exportedAt !== 'string') issues.push('exportedAt: expected an ISO date string');
	const exam = data.exam ?? null;
	if (exam !== null && !(typeof exam === 'string' && /^[A-Z]{3}-C\d\d$/.test(exam)))
		issues.push(
			`exam: expected null or an exam code such as "SAA-C03", found ${JSON.stringify(exam)}`
		);
	const quarantine = data.quarantine ?? [];
	if (!Array.isArray(quarantine) || !quarantine.every(isQuarantinedRow))
		issues.push('quarantine: expected a list of { store, problem, value } rows');
	if (!Array.isArray(data.log)) issues.push('log: expected an array of log rows');
	else {
		const ids = new Set<string>();
		data.log.forEach((row, index) => {
			if (rowFormat(row) > LOG_FORMAT) {
				issues.push(
					`log[${index}]: was written by a newer version of the site (row format ${rowFormat(row)}); reload the site to update it`
				);
				return;
			}
			const problem = logEntryProblem(row);
			if (problem) issues.push(`log[${index}]: ${problem}`);
			else {
				const id = (row as LogEntry).id;
				if (ids.has(id)) issues.push(`log[${index}].id: "${id}" appears twice`);
				ids.add(id);
			}
		});
	}
	if (issues.length || !settings)
		throw new ProgressFormatError('This progress file cannot be imported', issues);
	return {
		format: PROGRESS_FORMAT,
		version: PROGRESS_VERSION,
		exportedAt: data.exportedAt as string,
		settings,
		examDate: examDate as string | null,
		log: (data.log as LogEntry[]).map(copyEntry),
		...(exam ? { exam: exam as string } : {}),
		...((quarantine as QuarantinedRow[]).length
			? { quarantine: quarantine as QuarantinedRow[] }
			: {}),
	};
}

function isQuarantinedRow(value: unknown): value is QuarantinedRow {
	return isObject(value) && typeof value.store === 'string' && typeof value.problem === 'string';
}

/** The log-row format a row says it needs (`v`), 1 when it says nothing. Pure. */
export function rowFormat(row: unknown): number {
	const v = isObject(row) ? row.v : undefined;
	return typeof v === 'number' && Number.isInteger(v) && v > 1 ? v : 1;
}

/** The log rows of a store sorted into those this build can use and those it cannot. */
export interface LogTriage {
	/** Valid rows, as stored. */
	valid: LogEntry[];
	/** Rows that are damaged or of an unknown kind (and not marked as newer): kept aside. */
	quarantined: QuarantinedRow[];
	/** Rows marked as written by a newer version of the site (`v` above `LOG_FORMAT`). */
	newer: number;
}

/**
 * Sorts stored log rows: every valid row is kept; a row marked as newer than this build counts as
 * newer (the caller then opens the store read-only); any other unreadable row is quarantined. Pure.
 */
export function triageLog(rows: readonly unknown[]): LogTriage {
	const triage: LogTriage = { valid: [], quarantined: [], newer: 0 };
	for (const row of rows) {
		if (rowFormat(row) > LOG_FORMAT) {
			triage.newer++;
			continue;
		}
		const problem = logEntryProblem(row);
		if (problem) triage.quarantined.push({ store: 'log', problem, value: row });
		else triage.valid.push(row as LogEntry);
	}
	return triage;
}

/** Builds a progress file from the store's contents. Pure. */
export function createProgressFile(
	log: readonly LogEntry[],
	settings: SchedulerConfig,
	examDate: string | null,
	exportedAt: string,
	extra: { exam?: string | null; quarantine?: readonly QuarantinedRow[] } = {}
): ProgressFile {
	return {
		...(extra.exam ? { exam: extra.exam } : {}),
		...(extra.quarantine?.length ? { quarantine: [...extra.quarantine] } : {}),
		format: PROGRESS_FORMAT,
		version: PROGRESS_VERSION,
		exportedAt,
		settings: {
			...settings,
			learningSteps: [...settings.learningSteps],
			relearningSteps: [...settings.relearningSteps],
		},
		examDate,
		log: [...log].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1)).map(copyEntry),
	};
}

/** Serialises a progress file as pretty JSON. Pure. */
export function serializeProgressFile(file: ProgressFile): string {
	return `${JSON.stringify(file, null, '\t')}\n`;
}

/** Why a value is not a valid log row, or null when it is. Pure. */
export function logEntryProblem(row: unknown): string | null {
	if (!isObject(row)) return 'expected an object';
	if (typeof row.id !== 'string' || row.id.length === 0 || row.id.length > 100)
		return 'id: expected a non-empty string';
	if (typeof row.at !== 'number' || !Number.isFinite(row.at) || row.at < 0)
		return `at: expected a time in ms, found ${JSON.stringify(row.at)}`;
	switch (row.kind) {
		case 'review':
			if (!isCardId(row.cardId))
				return `cardId: expected "<lesson>/<id>", found ${JSON.stringify(row.cardId)}`;
			if (!isRating(row.rating)) return `rating: expected 1–4, found ${JSON.stringify(row.rating)}`;
			if (typeof row.correct !== 'boolean') return 'correct: expected true or false';
			if (
				!Array.isArray(row.picked) ||
				!row.picked.every((p) => typeof p === 'string' && /^[a-z]$/.test(p))
			)
				return 'picked: expected option letters';
			if (
				row.pairs !== undefined &&
				!(
					Array.isArray(row.pairs) &&
					row.pairs.every((p) => typeof p === 'string' && /^[a-z]=t\d+$/.test(p))
				)
			)
				return 'pairs: expected matching pairs such as "a=t1"';
			if (
				row.seed !== undefined &&
				!(typeof row.seed === 'number' && Number.isInteger(row.seed) && row.seed >= 0)
			)
				return `seed: expected a whole number, found ${JSON.stringify(row.seed)}`;
			if (!['daily', 'drill', 'custom', 'mock'].includes(row.source as string))
				return `source: unknown ${JSON.stringify(row.source)}`;
			if (typeof row.retention !== 'number' || row.retention < 0.7 || row.retention > 0.99)
				return `retention: expected 0.70–0.99, found ${JSON.stringify(row.retention)}`;
			return null;
		case 'rate':
			if (typeof row.target !== 'string') return 'target: expected a review id';
			if (!isRating(row.rating)) return `rating: expected 1–4, found ${JSON.stringify(row.rating)}`;
			return null;
		case 'undo':
			return typeof row.target === 'string' ? null : 'target: expected a review id';
		case 'suspend':
		case 'unsuspend':
		case 'bury':
		case 'forget':
		case 'flag':
		case 'unflag':
			return isCardId(row.cardId)
				? null
				: `cardId: expected "<lesson>/<id>", found ${JSON.stringify(row.cardId)}`;
		default:
			return `kind: unknown ${JSON.stringify(row.kind)}`;
	}
}

/** Copies only the known fields of a valid row (drops anything extra). Pure. */
export function copyEntry(row: LogEntry): LogEntry {
	switch (row.kind) {
		case 'review':
			return {
				id: row.id,
				kind: 'review',
				cardId: row.cardId,
				at: row.at,
				rating: row.rating,
				correct: row.correct,
				picked: [...row.picked],
				...(row.pairs ? { pairs: [...row.pairs] } : {}),
				...(row.seed !== undefined ? { seed: row.seed } : {}),
				source: row.source,
				retention: row.retention,
			};
		case 'rate':
			return { id: row.id, kind: 'rate', target: row.target, at: row.at, rating: row.rating };
		case 'undo':
			return { id: row.id, kind: 'undo', target: row.target, at: row.at };
		default:
			return { id: row.id, kind: row.kind, cardId: row.cardId, at: row.at };
	}
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function isCardId(value: unknown): value is string {
	return typeof value === 'string' && /^[a-z0-9-]+\/[a-z0-9-]+$/.test(value);
}
function isRating(value: unknown): boolean {
	return value === 1 || value === 2 || value === 3 || value === 4;
}
