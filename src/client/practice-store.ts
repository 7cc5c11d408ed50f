/**
 * The learner's practice data in IndexedDB (through `idb`): the append-only review log, the
 * settings, the exam date and exam, and an unfinished mock exam. Nothing leaves the browser.
 *
 * Nothing lost, ever:
 * - Every answer is its own `add` in its own transaction, keyed by a unique id, so two tabs writing
 *   at once both land; card states are re-derived from the whole log, and a BroadcastChannel tells the
 *   other tabs to re-read it.
 * - A row that does not validate (damaged, or of a kind this build does not know) is moved aside into
 *   `meta.quarantine` with the reason; every valid row stays. The quarantine travels in every export,
 *   so nothing is ever deleted, and the notice offers it as an importable progress file.
 * - A row marked as written by a newer version of the site (`v` above `LOG_FORMAT`), or a database
 *   of a newer schema version, opens the store read-only with a "reload to update" notice: nothing is
 *   moved or deleted, and no answer is written until the page runs the newer build.
 * - Only a database that cannot be opened at all is replaced by a fresh one; what could be read is
 *   first kept as a backup in the same progress-file format, so "Import progress" restores it as is.
 * - Import validates the whole file before touching the store, then replaces it in one transaction.
 *
 * Schema versions (bump DB_VERSION and add a step in `upgrade`; never edit a released step):
 * 1. object stores `log` (keyPath `id`, index `at`) and `meta` (settings, examDate, exam, mock,
 *    quarantine, backup).
 */
import { fetchJson } from './fetch-json';
import { openDB, deleteDB, type DBSchema, type IDBPDatabase } from 'idb';
import { STORAGE_NAMESPACE, withBase } from '../config/site';
import { unpackQuestionBank, type QuestionBankFile } from '../lib/quiz/bank';
import type { QuestionBank } from '../lib/quiz/types';
import {
	createProgressFile,
	createSchedulerConfig,
	serializeProgressFile,
	triageLog,
	type LogEntry,
	type ProgressFile,
	type QuarantinedRow,
	type SchedulerConfig,
} from '../lib/srs';

/** Name of the IndexedDB database. */
export const DB_NAME = `${STORAGE_NAMESPACE}-practice`;
/** Current schema version of the database. */
export const DB_VERSION = 1;
const CHANNEL = `${STORAGE_NAMESPACE}:practice`;
const EXAMS = ['DVA-C02', 'SAA-C03', 'SCS-C02'];

interface PracticeSchema extends DBSchema {
	log: { key: string; value: LogEntry; indexes: { at: number } };
	meta: { key: string; value: unknown };
}

/** A backup of a store that could not be opened, kept until the learner dismisses it. */
export interface StoreBackup {
	/** When the problem was found (ISO). */
	at: string;
	/** What was wrong, in plain words. */
	reason: string;
	/** What could be read, as a progress file (JSON text) that "Import progress" accepts as it is. */
	text: string;
}

/** Everything the practice pages read from the store. */
export interface PracticeData {
	log: LogEntry[];
	settings: SchedulerConfig;
	examDate: string | null;
	/** The exam the learner is preparing for, or null. */
	exam: string | null;
	backup: StoreBackup | null;
	/** Rows set aside because this build cannot read them (kept, exported). */
	quarantine: QuarantinedRow[];
	/** True once the learner has dismissed the quarantine notice (the rows stay). */
	quarantineSeen: boolean;
	/** Why the store is read-only (saved by a newer version of the site), or null. */
	readOnly: string | null;
}

/** The browser store. */
export interface PracticeStore {
	read(): Promise<PracticeData>;
	/** Appends one log row (its own transaction) and tells other tabs. */
	append(entry: LogEntry): Promise<void>;
	saveSettings(settings: SchedulerConfig): Promise<void>;
	saveExamDate(date: string | null): Promise<void>;
	saveExam(exam: string | null): Promise<void>;
	/** Reads or writes a value in `meta` (used for the unfinished mock exam). */
	getMeta<T>(key: string): Promise<T | undefined>;
	setMeta(key: string, value: unknown): Promise<void>;
	/** The progress file for "Export progress" (quarantined rows included). */
	exportFile(now: Date): Promise<ProgressFile>;
	/** Replaces everything with a validated progress file, in one transaction. */
	replaceAll(file: ProgressFile): Promise<void>;
	/** Deletes all progress (the caller asks for confirmation first). */
	reset(): Promise<void>;
	dismissBackup(): Promise<void>;
	/** Hides the quarantine notice; the rows stay and are still exported. */
	dismissQuarantine(): Promise<void>;
	/** Calls `listener` when another tab (or this one) changed the store; returns an unsubscribe. */
	subscribe(listener: () => void): () => void;
}

/** Thrown by every write while the store is read-only. */
export class ReadOnlyStoreError extends Error {
	override name = 'ReadOnlyStoreError';
}

/** A unique, time-ordered id for a log row. */
export function newEntryId(at: number): string {
	const random =
		typeof crypto !== 'undefined' && 'randomUUID' in crypto
			? crypto.randomUUID().slice(0, 8)
			: Math.random().toString(36).slice(2, 10);
	return `${at.toString(36).padStart(9, '0')}-${random}`;
}

function upgrade(db: IDBPDatabase<PracticeSchema>, oldVersion: number): void {
	if (oldVersion < 1) {
		const log = db.createObjectStore('log', { keyPath: 'id' });
		log.createIndex('at', 'at');
		db.createObjectStore('meta');
	}
}

async function openFresh(): Promise<IDBPDatabase<PracticeSchema>> {
	return openDB<PracticeSchema>(DB_NAME, DB_VERSION, {
		upgrade: (db, oldVersion) => upgrade(db, oldVersion),
	});
}

/**
 * Reads whatever can be read from a database that cannot be used, without assuming its schema,
 * as a progress file: valid log rows in `log`, everything else in `quarantine`.
 */
export async function backupOf(reason: string): Promise<StoreBackup> {
	const rows: unknown[] = [];
	const quarantine: QuarantinedRow[] = [];
	let settings: SchedulerConfig = createSchedulerConfig();
	let examDate: string | null = null;
	try {
		const db = await openDB(DB_NAME);
		for (const name of Array.from(db.objectStoreNames)) {
			try {
				const tx = db.transaction(name, 'readonly');
				const [keys, values] = await Promise.all([tx.store.getAllKeys(), tx.store.getAll()]);
				if (name === 'log') rows.push(...values);
				else
					keys.forEach((key, i) => {
						if (name === 'meta' && key === 'settings') settings = readSettings(values[i]).settings;
						else if (name === 'meta' && key === 'examDate') examDate = readDate(values[i]);
						else
							quarantine.push({
								store: `${name}:${String(key)}`,
								problem: 'kept as found',
								value: values[i],
							});
					});
			} catch (error) {
				quarantine.push({
					store: name,
					problem: `unreadable: ${(error as Error).message}`,
					value: null,
				});
			}
		}
		db.close();
	} catch (error) {
		quarantine.push({
			store: 'database',
			problem: `could not be opened: ${(error as Error).message}`,
			value: null,
		});
	}
	const triage = triageLog(rows);
	const file = createProgressFile(triage.valid, settings, examDate, new Date().toISOString(), {
		quarantine: [...triage.quarantined, ...quarantine],
	});
	return { at: file.exportedAt, reason, text: serializeProgressFile(file) };
}

function readSettings(value: unknown): {
	settings: SchedulerConfig;
	problem: QuarantinedRow | null;
} {
	try {
		return {
			settings: createSchedulerConfig((value ?? {}) as Partial<SchedulerConfig>),
			problem: null,
		};
	} catch (error) {
		return {
			settings: createSchedulerConfig(),
			problem: { store: 'settings', problem: (error as Error).message, value },
		};
	}
}

function readDate(value: unknown): string | null {
	return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null;
}

const EMPTY: Omit<PracticeData, 'settings'> = {
	log: [],
	examDate: null,
	exam: null,
	backup: null,
	quarantine: [],
	quarantineSeen: true,
	readOnly: null,
};

const NEWER =
	'Your progress was saved by a newer version of this site. Reload the page to update it; until then nothing you do here is saved, and nothing is deleted.';

/**
 * Reads the store: every valid row, the settings (defaults when damaged), and what cannot be read.
 * Unless the store is read-only, damaged rows are moved into the quarantine in one transaction.
 */
async function readAll(
	db: IDBPDatabase<PracticeSchema>,
	readOnly: string | null
): Promise<PracticeData> {
	const tx = db.transaction(['log', 'meta'], 'readonly');
	const meta = tx.objectStore('meta');
	const [rows, settings, examDate, exam, backup, quarantine, seen] = await Promise.all([
		tx.objectStore('log').getAll() as Promise<unknown[]>,
		meta.get('settings'),
		meta.get('examDate'),
		meta.get('exam'),
		meta.get('backup'),
		meta.get('quarantine'),
		meta.get('quarantineSeen'),
	]);
	await tx.done;
	const triage = triageLog(rows);
	const kept = Array.isArray(quarantine) ? (quarantine as QuarantinedRow[]) : [];
	const read = readSettings(settings);
	const fresh = [...triage.quarantined, ...(read.problem ? [read.problem] : [])];
	const lock = readOnly ?? (triage.newer > 0 ? NEWER : null);
	if (fresh.length > 0 && !lock) {
		const write = db.transaction(['log', 'meta'], 'readwrite');
		for (const row of triage.quarantined) {
			const id = (row.value as { id?: unknown } | null)?.id;
			if (typeof id === 'string') await write.objectStore('log').delete(id);
		}
		await write.objectStore('meta').put([...kept, ...fresh], 'quarantine');
		await write.objectStore('meta').put(false, 'quarantineSeen');
		if (read.problem) await write.objectStore('meta').put(read.settings, 'settings');
		await write.done;
	}
	return {
		log: triage.valid,
		settings: read.settings,
		examDate: readDate(examDate),
		exam: typeof exam === 'string' && EXAMS.includes(exam) ? exam : null,
		backup: (backup as StoreBackup | undefined) ?? null,
		quarantine: [...kept, ...fresh],
		quarantineSeen: fresh.length === 0 && seen === true,
		readOnly: lock,
	};
}

/**
 * Opens the store. A newer database version opens read-only; damaged rows are quarantined; only a
 * database that cannot be opened at all is replaced, after its contents are kept as a backup.
 */
export async function openPracticeStore(): Promise<PracticeStore> {
	let db: IDBPDatabase<PracticeSchema>;
	try {
		db = await openFresh();
	} catch (error) {
		if ((error as Error).name === 'VersionError') {
			// Saved by a newer version of the site (another tab has updated): read it, never change it.
			const newer = (await openDB(DB_NAME)) as unknown as IDBPDatabase<PracticeSchema>;
			return createStore(newer, NEWER);
		}
		const backup = await backupOf(
			`the browser could not open it (${(error as Error).name}: ${(error as Error).message})`
		);
		await deleteDB(DB_NAME);
		db = await openFresh();
		await db.put('meta', backup, 'backup');
	}
	return createStore(db, null);
}

function createStore(db: IDBPDatabase<PracticeSchema>, lockedAs: string | null): PracticeStore {
	const channel = typeof BroadcastChannel !== 'undefined' ? new BroadcastChannel(CHANNEL) : null;
	const listeners = new Set<() => void>();
	const notify = () => listeners.forEach((listener) => listener());
	channel?.addEventListener('message', notify);
	let readOnly = lockedAs;
	// Other tabs always re-read; this tab re-reads except after its own appends, which the
	// Practice hook has already applied.
	const changed = (here = true) => {
		channel?.postMessage({ type: 'changed' });
		if (here) notify();
	};
	const writable = () => {
		if (readOnly) throw new ReadOnlyStoreError(readOnly);
	};
	// Another tab may need to upgrade the schema: let it, and reload this one afterwards.
	db.addEventListener('versionchange', () => {
		db.close();
		if (typeof location !== 'undefined') location.reload();
	});
	const meta = async (key: string, value: unknown) => {
		writable();
		await db.put('meta', value, key);
		changed();
	};
	return {
		async read() {
			try {
				const data = await readAll(db, readOnly);
				readOnly = data.readOnly;
				return data;
			} catch (error) {
				// A newer schema may have moved things: show nothing rather than guess, change nothing.
				if (!readOnly) throw error;
				return { ...EMPTY, settings: createSchedulerConfig(), readOnly };
			}
		},
		async append(entry) {
			writable();
			const tx = db.transaction('log', 'readwrite');
			await tx.store.add(entry);
			await tx.done;
			changed(false);
		},
		saveSettings: (settings) => meta('settings', createSchedulerConfig(settings)),
		saveExamDate: (date) => meta('examDate', date),
		saveExam: (exam) => meta('exam', exam),
		async getMeta<T>(key: string) {
			return (await db.get('meta', key)) as T | undefined;
		},
		async setMeta(key, value) {
			writable();
			await db.put('meta', value, key);
		},
		async exportFile(now) {
			const { log, settings, examDate, exam, quarantine } = await readAll(db, readOnly);
			return createProgressFile(log, settings, examDate, now.toISOString(), { exam, quarantine });
		},
		async replaceAll(file) {
			writable();
			const tx = db.transaction(['log', 'meta'], 'readwrite');
			const log = tx.objectStore('log');
			const meta = tx.objectStore('meta');
			await log.clear();
			for (const row of file.log) await log.put(row);
			await meta.put(file.settings, 'settings');
			await meta.put(file.examDate, 'examDate');
			await meta.put(file.exam ?? null, 'exam');
			await meta.put(file.quarantine ?? [], 'quarantine');
			await meta.put(true, 'quarantineSeen');
			await meta.delete('mock');
			await tx.done;
			changed();
		},
		async reset() {
			writable();
			const tx = db.transaction(['log', 'meta'], 'readwrite');
			await tx.objectStore('log').clear();
			await tx.objectStore('meta').clear();
			await tx.done;
			changed();
		},
		async dismissBackup() {
			writable();
			await db.delete('meta', 'backup');
			changed();
		},
		dismissQuarantine: () => meta('quarantineSeen', true),
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
	};
}

/** Fetches the question bank built at `/data/questions.json`. */
export async function loadQuestionBank(): Promise<QuestionBank> {
	try {
		return unpackQuestionBank(await fetchJson<QuestionBankFile>(withBase('/data/questions.json')));
	} catch (error) {
		throw new Error(`The question bank could not be loaded (${(error as Error).message})`);
	}
}
