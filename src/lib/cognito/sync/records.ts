/**
 * Dataset operations at the heart of Cognito Sync: listing records since a sync count and applying record
 * patches with optimistic concurrency (a stale `SyncCount` is a `ResourceConflictException`).
 */
import { type Dict, dict } from '../core/dict';
import { ServiceError } from '../core/errors';
import { datasetBytes, liveRecordCount, type Dataset, type SyncRecord } from './state';
import type { DatasetRecordChange } from './sync-trigger';

/** At most 1,024 records per dataset. */
export const MAX_RECORDS = 1024;
/** At most 1 MB per dataset. */
export const MAX_DATASET_BYTES = 1024 * 1024;
/** At most 20 datasets per identity. */
export const MAX_DATASETS_PER_IDENTITY = 20;

/** A validated patch from `UpdateRecords`. */
export interface RecordPatch {
	Op: 'replace' | 'remove';
	Key: string;
	Value?: string;
	SyncCount: number;
	DeviceLastModifiedDate?: number;
}

/** Validates one `RecordPatches` entry. */
export function readPatch(value: unknown, index: number): RecordPatch {
	const invalid = (message: string) =>
		new ServiceError('InvalidParameterException', `RecordPatches[${index}]: ${message}`);
	if (!value || typeof value !== 'object' || Array.isArray(value))
		throw invalid('must be an object');
	const patch = value as Record<string, unknown>;
	if (patch.Op !== 'replace' && patch.Op !== 'remove')
		throw invalid("Op must be one of 'replace', 'remove'");
	if (typeof patch.Key !== 'string' || patch.Key.length < 1 || patch.Key.length > 1024)
		throw invalid('Key must be 1 to 1024 characters');
	if (
		typeof patch.SyncCount !== 'number' ||
		!Number.isInteger(patch.SyncCount) ||
		patch.SyncCount < 0
	)
		throw invalid('SyncCount must be a non-negative integer');
	if (
		patch.Value !== undefined &&
		patch.Value !== null &&
		(typeof patch.Value !== 'string' || patch.Value.length > 1048575)
	)
		throw invalid('Value must be a string of at most 1048575 characters');
	if (patch.Op === 'replace' && typeof patch.Value !== 'string')
		throw invalid('Value is required for replace');
	const device = patch.DeviceLastModifiedDate;
	return {
		Op: patch.Op,
		Key: patch.Key,
		Value: patch.Op === 'replace' ? (patch.Value as string) : undefined,
		SyncCount: patch.SyncCount,
		DeviceLastModifiedDate: typeof device === 'number' ? device * 1000 : undefined,
	};
}

/** Rejects the whole batch when any patch was made against an older version of its record. */
export function checkSyncCounts(dataset: Dataset | undefined, patches: RecordPatch[]): void {
	for (const patch of patches) {
		const current = dataset?.records.get(patch.Key)?.SyncCount ?? 0;
		if (patch.SyncCount !== current) {
			throw new ServiceError(
				'ResourceConflictException',
				`Current SyncCount for: ${patch.Key} is: ${current} not: ${patch.SyncCount}`,
				409
			);
		}
	}
}

/** The SyncTrigger view of the patches: `{ key: { oldValue, newValue, op } }`. */
export function changesOf(
	dataset: Dataset | undefined,
	patches: RecordPatch[]
): Dict<DatasetRecordChange> {
	const changes = dict<DatasetRecordChange>();
	for (const patch of patches) {
		changes[patch.Key] = {
			oldValue: dataset?.records.get(patch.Key)?.Value ?? null,
			newValue: patch.Op === 'replace' ? patch.Value! : null,
			op: patch.Op,
		};
	}
	return changes;
}

/**
 * Applies changes as one new dataset version: the dataset's sync count goes up by one and every changed record
 * takes it. Checks the record and size limits before anything is written. Returns the changed records.
 */
export function applyChanges(
	dataset: Dataset,
	changes: Readonly<Record<string, DatasetRecordChange>>,
	patches: RecordPatch[],
	modifiedBy: string,
	now: number
): SyncRecord[] {
	const nextCount = dataset.SyncCount + 1;
	const deviceDates = new Map(patches.map((patch) => [patch.Key, patch.DeviceLastModifiedDate]));
	const next = new Map(dataset.records);
	const changed: SyncRecord[] = [];
	for (const [key, change] of Object.entries(changes)) {
		const record: SyncRecord = {
			Key: key,
			...(change.op === 'replace' ? { Value: change.newValue ?? '' } : {}),
			SyncCount: nextCount,
			LastModifiedDate: now,
			LastModifiedBy: modifiedBy,
			...(deviceDates.get(key) !== undefined
				? { DeviceLastModifiedDate: deviceDates.get(key) }
				: {}),
		};
		next.set(key, record);
		changed.push(record);
	}
	if (liveRecordCount(next) > MAX_RECORDS)
		throw new ServiceError(
			'LimitExceededException',
			`A dataset can hold at most ${MAX_RECORDS} records.`
		);
	if (datasetBytes(next) > MAX_DATASET_BYTES)
		throw new ServiceError('LimitExceededException', 'A dataset can hold at most 1 MB of data.');
	if (changed.length > 0) {
		dataset.records = next;
		dataset.SyncCount = nextCount;
		dataset.LastModifiedDate = now;
		dataset.LastModifiedBy = modifiedBy;
	}
	return changed;
}

/** A record as the wire returns it (dates in epoch seconds). */
export function recordToWire(record: SyncRecord) {
	return {
		Key: record.Key,
		...(record.Value !== undefined ? { Value: record.Value } : {}),
		SyncCount: record.SyncCount,
		LastModifiedDate: record.LastModifiedDate / 1000,
		LastModifiedBy: record.LastModifiedBy,
		...(record.DeviceLastModifiedDate !== undefined
			? { DeviceLastModifiedDate: record.DeviceLastModifiedDate / 1000 }
			: {}),
	};
}

/** A dataset as `DescribeDataset`/`ListDatasets` return it. */
export function datasetToWire(dataset: Dataset) {
	return {
		IdentityId: dataset.IdentityId,
		DatasetName: dataset.DatasetName,
		CreationDate: dataset.CreationDate / 1000,
		LastModifiedDate: dataset.LastModifiedDate / 1000,
		LastModifiedBy: dataset.LastModifiedBy,
		DataStorage: datasetBytes(dataset.records),
		NumRecords: liveRecordCount(dataset.records),
	};
}
