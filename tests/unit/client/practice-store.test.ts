/**
 * The practice store never wipes progress (issue 9, item 5): damaged rows are quarantined and every
 * valid row kept; rows or a database from a newer version open read-only; backups import as they are.
 * Runs the real store against fake-indexeddb.
 */
import 'fake-indexeddb/auto';
import { openDB, deleteDB } from 'idb';
import { afterEach, describe, expect, test } from 'vitest';
import {
	backupOf,
	DB_NAME,
	openPracticeStore,
	ReadOnlyStoreError,
} from '../../../src/client/practice-store';
import { parseProgressFile, serializeProgressFile } from '../../../src/lib/srs';
import { NOW, review } from '../../fixtures/practice';

const EIGHT = Array.from({ length: 8 }, (_, i) => review(`tokens/q${i}`, NOW + i * 60_000, 3));

/** A database as an earlier session of the site left it, plus whatever rows a test adds. */
async function seed(rows: unknown[], version = 1): Promise<void> {
	const db = await openDB(DB_NAME, version, {
		upgrade(db) {
			db.createObjectStore('log', { keyPath: 'id' }).createIndex('at', 'at');
			db.createObjectStore('meta');
		},
	});
	for (const row of rows) await db.put('log', row);
	await db.put('meta', { desiredRetention: 0.9 }, 'settings');
	db.close();
}

async function rawLog(): Promise<unknown[]> {
	const db = await openDB(DB_NAME);
	const rows = await db.getAll('log');
	db.close();
	return rows;
}

afterEach(async () => {
	await deleteDB(DB_NAME);
});

describe('one unreadable row', () => {
	const unknownKind = { id: 'zz-unknown', kind: 'streak', at: NOW, days: 3 };

	test('keeps every valid row and quarantines only the bad one', async () => {
		await seed([...EIGHT, unknownKind]);
		const store = await openPracticeStore();
		const data = await store.read();
		expect(data.log.map((row) => row.id)).toEqual(EIGHT.map((row) => row.id));
		expect(data.readOnly).toBeNull();
		expect(data.quarantine).toEqual([
			{ store: 'log', problem: 'kind: unknown "streak"', value: unknownKind },
		]);
		expect(data.quarantineSeen).toBe(false);
		// Moved aside, not deleted: the log holds the valid rows and the quarantine the bad one.
		expect(await rawLog()).toHaveLength(8);
		expect((await store.read()).quarantine).toHaveLength(1);
	});

	test('the export carries the quarantine and imports back as it is', async () => {
		await seed([...EIGHT, unknownKind]);
		const store = await openPracticeStore();
		await store.read();
		const text = serializeProgressFile(await store.exportFile(new Date(NOW)));
		const file = parseProgressFile(text);
		expect(file.log).toHaveLength(8);
		expect(file.quarantine).toHaveLength(1);
		await store.reset();
		await store.replaceAll(file);
		const after = await store.read();
		expect(after.log).toHaveLength(8);
		expect(after.quarantine).toEqual([
			{ store: 'log', problem: 'kind: unknown "streak"', value: unknownKind },
		]);
	});

	test('damaged settings fall back to the defaults and are kept aside, the answers stay', async () => {
		await seed(EIGHT);
		const db = await openDB(DB_NAME);
		await db.put('meta', { desiredRetention: 5 }, 'settings');
		db.close();
		const data = await (await openPracticeStore()).read();
		expect(data.log).toHaveLength(8);
		expect(data.settings.desiredRetention).toBe(0.9);
		expect(data.quarantine[0]).toMatchObject({ store: 'settings', value: { desiredRetention: 5 } });
	});
});

describe('written by a newer version', () => {
	test('a row marked with a newer format opens the store read-only and changes nothing', async () => {
		const newer = { id: 'zz-newer', kind: 'streak', at: NOW, v: 2 };
		await seed([...EIGHT, newer]);
		const store = await openPracticeStore();
		const data = await store.read();
		expect(data.log).toHaveLength(8);
		expect(data.readOnly).toMatch(/newer version of this site/);
		expect(data.quarantine).toEqual([]);
		expect(await rawLog()).toHaveLength(9);
		await expect(store.append(review('tokens/q9', NOW, 3))).rejects.toBeInstanceOf(
			ReadOnlyStoreError
		);
		expect(await rawLog()).toHaveLength(9);
	});

	test('a database of a newer schema version is read, never changed', async () => {
		await seed(EIGHT, 7);
		const store = await openPracticeStore();
		const data = await store.read();
		expect(data.log).toHaveLength(8);
		expect(data.readOnly).toMatch(/Reload the page/);
		await expect(store.saveExamDate('2030-01-01')).rejects.toBeInstanceOf(ReadOnlyStoreError);
	});
});

test('the backup of a database that cannot be used is a progress file that imports as it is', async () => {
	await seed([...EIGHT, { id: 'zz-bad', kind: 'review', at: NOW }]);
	const backup = await backupOf('test');
	const file = parseProgressFile(backup.text);
	expect(file.log).toHaveLength(8);
	expect(file.quarantine?.map((row) => row.store)).toEqual(['log']);
});
