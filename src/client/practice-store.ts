/**
 * The learner's practice data in IndexedDB (through `idb`): the append-only review log, the
 * settings, the exam date, and an unfinished mock exam. Nothing leaves the browser.
 *
 * Nothing lost, ever:
 * - Every answer is its own `add` in its own transaction, keyed by a unique id, so two tabs writing
 *   at once both land; card states are re-derived from the whole log, and a BroadcastChannel tells the
 *   other tabs to re-read it.
 * - A store that cannot be opened or holds rows that do not validate is copied, raw, into a backup
 *   the learner can download; the site says so plainly and continues with a fresh store.
 * - Import validates the whole file before touching the store, then replaces it in one transaction.
 *
 * Schema versions (bump DB_VERSION and add a step in `upgrade`; never edit a released step):
 * 1. object stores `log` (keyPath `id`, index `at`) and `meta` (settings, examDate, mock, backup).
 */
import { fetchJson } from './fetch-json';
import { openDB, deleteDB, type DBSchema, type IDBPDatabase } from 'idb';
import { STORAGE_NAMESPACE, withBase } from '../config/site';
import { unpackQuestionBank, type QuestionBankFile } from '../lib/quiz/bank';
import type { QuestionBank } from '../lib/quiz/types';
import {
	createProgressFile,
	createSchedulerConfig,
	logEntryProblem,
	type LogEntry,
	type ProgressFile,
	type SchedulerConfig,
} from '../lib/srs';

/** Name of the IndexedDB database. */
export const DB_NAME = `${STORAGE_NAMESPACE}-practice`;
/** Current schema version of the database. */
export const DB_VERSION = 1;
const CHANNEL = `${STORAGE_NAMESPACE}:practice`;

interface PracticeSchema extends DBSchema {
	log: { key: string; value: LogEntry; indexes: { at: number } };
	meta: { key: string; value: unknown };
}

/** A backup of an unreadable store, kept until the learner dismisses it. */
export interface StoreBackup {
	/** When the problem was found (ISO). */
	at: string;
	/** What was wrong, in plain words. */
	reason: string;
	/** The raw contents that could be read, as JSON text. */
	text: string;
}

/** Everything the practice pages read from the store. */
export interface PracticeData {
	log: LogEntry[];
	settings: SchedulerConfig;
	examDate: string | null;
	backup: StoreBackup | null;
}

/** The browser store. */
export interface PracticeStore {
	read(): Promise<PracticeData>;
	/** Appends one log row (its own transaction) and tells other tabs. */
	append(entry: LogEntry): Promise<void>;
	saveSettings(settings: SchedulerConfig): Promise<void>;
	saveExamDate(date: string | null): Promise<void>;
	/** Reads or writes a value in `meta` (used for the unfinished mock exam). */
	getMeta<T>(key: string): Promise<T | undefined>;
	setMeta(key: string, value: unknown): Promise<void>;
	/** The progress file for "Export progress". */
	exportFile(now: Date): Promise<ProgressFile>;
	/** Replaces everything with a validated progress file, in one transaction. */
	replaceAll(file: ProgressFile): Promise<void>;
	/** Deletes all progress (the caller asks for confirmation first). */
	reset(): Promise<void>;
	dismissBackup(): Promise<void>;
	/** Calls `listener` when another tab (or this one) changed the store; returns an unsubscribe. */
	subscribe(listener: () => void): () => void;
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

/** Reads whatever can be read from the database, without assuming its schema. */
async function dumpRaw(): Promise<string> {
	const dump: Record<string, unknown> = { database: DB_NAME };
	try {
		const db = await openDB(DB_NAME);
		dump.version = db.version;
		for (const name of Array.from(db.objectStoreNames)) {
			try {
				const tx = db.transaction(name, 'readonly');
				const keys = await tx.store.getAllKeys();
				const values = await tx.store.getAll();
				dump[name] = keys.map((key, i) => ({ key, value: values[i] }));
			} catch (error) {
				dump[name] = `unreadable: ${(error as Error).message}`;
			}
		}
		db.close();
	} catch (error) {
		dump.error = `the database could not be opened: ${(error as Error).message}`;
	}
	return JSON.stringify(dump, null, '\t');
}

async function readAll(
	db: IDBPDatabase<PracticeSchema>
): Promise<{ data: PracticeData; problem: string | null }> {
	const tx = db.transaction(['log', 'meta'], 'readonly');
	const [log, settings, examDate, backup] = await Promise.all([
		tx.objectStore('log').getAll(),
		tx.objectStore('meta').get('settings'),
		tx.objectStore('meta').get('examDate'),
		tx.objectStore('meta').get('backup'),
	]);
	await tx.done;
	let problem: string | null = null;
	const bad = log.findIndex((row) => logEntryProblem(row) !== null);
	if (bad >= 0) problem = `a saved answer is damaged (${logEntryProblem(log[bad])})`;
	let config: SchedulerConfig;
	try {
		config = createSchedulerConfig((settings ?? {}) as Partial<SchedulerConfig>);
	} catch (error) {
		problem ??= `the saved settings are damaged (${(error as Error).message})`;
		config = createSchedulerConfig();
	}
	const date =
		typeof examDate === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(examDate) ? examDate : null;
	return {
		data: {
			log,
			settings: config,
			examDate: date,
			backup: (backup as StoreBackup | undefined) ?? null,
		},
		problem,
	};
}

/**
 * Opens the store. If the database cannot be opened or read, or holds damaged rows, its raw
 * contents are kept as a backup (see `PracticeData.backup`) and a fresh store is used.
 */
export async function openPracticeStore(): Promise<PracticeStore> {
	let db: IDBPDatabase<PracticeSchema> | undefined;
	let problem: string | null = null;
	try {
		db = await openFresh();
		problem = (await readAll(db)).problem;
	} catch (error) {
		if ((error as Error).name === 'VersionError') {
			// Saved by a newer version of the site (another tab has updated): never discard it.
			throw new Error(
				'Your progress was saved by a newer version of this site. Reload the page to update it'
			);
		}
		problem = `the browser could not read it (${(error as Error).name}: ${(error as Error).message})`;
	}
	if (problem || !db) {
		db?.close();
		const text = await dumpRaw();
		await deleteDB(DB_NAME);
		db = await openFresh();
		const backup: StoreBackup = {
			at: new Date().toISOString(),
			reason: problem ?? 'unknown',
			text,
		};
		await db.put('meta', backup, 'backup');
	}
	return createStore(db);
}

function createStore(db: IDBPDatabase<PracticeSchema>): PracticeStore {
	const channel = typeof BroadcastChannel !== 'undefined' ? new BroadcastChannel(CHANNEL) : null;
	const listeners = new Set<() => void>();
	const notify = () => listeners.forEach((listener) => listener());
	channel?.addEventListener('message', notify);
	// Other tabs always re-read; this tab re-reads except after its own appends, which the
	// Practice hook has already applied.
	const changed = (here = true) => {
		channel?.postMessage({ type: 'changed' });
		if (here) notify();
	};
	// Another tab may need to upgrade the schema: let it, and reload this one afterwards.
	db.addEventListener('versionchange', () => {
		db.close();
		location.reload();
	});
	return {
		async read() {
			return (await readAll(db)).data;
		},
		async append(entry) {
			const tx = db.transaction('log', 'readwrite');
			await tx.store.add(entry);
			await tx.done;
			changed(false);
		},
		async saveSettings(settings) {
			await db.put('meta', createSchedulerConfig(settings), 'settings');
			changed();
		},
		async saveExamDate(date) {
			await db.put('meta', date, 'examDate');
			changed();
		},
		async getMeta<T>(key: string) {
			return (await db.get('meta', key)) as T | undefined;
		},
		async setMeta(key, value) {
			await db.put('meta', value, key);
		},
		async exportFile(now) {
			const { log, settings, examDate } = (await readAll(db)).data;
			return createProgressFile(log, settings, examDate, now.toISOString());
		},
		async replaceAll(file) {
			const tx = db.transaction(['log', 'meta'], 'readwrite');
			const log = tx.objectStore('log');
			const meta = tx.objectStore('meta');
			await log.clear();
			for (const row of file.log) await log.put(row);
			await meta.put(file.settings, 'settings');
			await meta.put(file.examDate, 'examDate');
			await meta.delete('mock');
			await tx.done;
			changed();
		},
		async reset() {
			const tx = db.transaction(['log', 'meta'], 'readwrite');
			await tx.objectStore('log').clear();
			await tx.objectStore('meta').clear();
			await tx.done;
			changed();
		},
		async dismissBackup() {
			await db.delete('meta', 'backup');
			changed();
		},
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
