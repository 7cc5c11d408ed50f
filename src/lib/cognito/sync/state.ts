/**
 * Cognito Sync's state: datasets and records, devices, subscriptions, pool settings and stream contents.
 * N.B. Everything keyed by a name a caller chooses (dataset keys, record keys, device ids, stream names,
 * session tokens) is a `Map`; the `Events` map, an API shape, is a null-prototype `Dict`.
 */
import type { Dict } from '../core/dict';

/** One record of a dataset; a removed record keeps its key and sync count but has no value. */
export interface SyncRecord {
	Key: string;
	Value?: string;
	SyncCount: number;
	/** Epoch ms. */
	LastModifiedDate: number;
	LastModifiedBy: string;
	/** Epoch ms, as the device reported it. */
	DeviceLastModifiedDate?: number;
}

/** A dataset of one identity. */
export interface Dataset {
	IdentityPoolId: string;
	IdentityId: string;
	DatasetName: string;
	CreationDate: number;
	LastModifiedDate: number;
	LastModifiedBy: string;
	/** The dataset's own counter; every successful UpdateRecords bumps it. */
	SyncCount: number;
	records: Map<string, SyncRecord>;
}

/** `SetIdentityPoolConfiguration` and `SetCognitoEvents` settings of one identity pool. */
export interface PoolSyncSettings {
	PushSync?: { ApplicationArns?: string[]; RoleArn?: string };
	CognitoStreams?: {
		StreamName?: string;
		RoleArn?: string;
		StreamingStatus?: 'ENABLED' | 'DISABLED';
	};
	Events: Dict<string>;
}

/** A device registered for push sync. */
export interface Device {
	DeviceId: string;
	IdentityPoolId: string;
	IdentityId: string;
	Platform: string;
	Token: string;
}

/** A Cognito Streams record as delivered to the Kinesis stream. */
export interface StreamRecord {
	identityPoolId: string;
	identityId: string;
	dataSetName: string;
	operation: 'replace' | 'remove';
	kinesisSyncRecords: Array<{
		key: string;
		value?: string;
		syncCount: number;
		lastModifiedDate: number;
		deviceLastModifiedDate?: number;
		op: 'replace' | 'remove';
	}>;
	lastModifiedDate: number;
	syncCount: number;
	payloadType: 'Inline';
}

/** All of Cognito Sync's state. */
export interface SyncState {
	/** Keyed by `datasetKey()`. */
	datasets: Map<string, Dataset>;
	pools: Map<string, PoolSyncSettings>;
	devices: Map<string, Device>;
	/** Dataset key → subscribed device ids. */
	subscriptions: Map<string, string[]>;
	/** Stream name → records, oldest first. */
	streams: Map<string, StreamRecord[]>;
	/** Sync session token → what it was issued for. */
	sessions: Map<string, SyncSession>;
	/** Dataset key → its sync count when it was last deleted, so clients behind it learn to start over. */
	deleted: Map<string, number>;
}

/** A sync session token's purpose and expiry. */
export interface SyncSession {
	datasetKey: string;
	expiresAt: number;
}

/** An empty state. */
export function emptySyncState(): SyncState {
	return {
		datasets: new Map(),
		pools: new Map(),
		devices: new Map(),
		subscriptions: new Map(),
		streams: new Map(),
		sessions: new Map(),
		deleted: new Map(),
	};
}

/** The key of a dataset in the state maps. */
export function datasetKey(
	identityPoolId: string,
	identityId: string,
	datasetName: string
): string {
	return `${identityPoolId}\n${identityId}\n${datasetName}`;
}

/** Bytes a dataset uses: UTF-8 keys and values of live records (the 1 MB limit counts these). */
export function datasetBytes(records: Map<string, SyncRecord>): number {
	const encoder = new TextEncoder();
	let total = 0;
	for (const record of records.values())
		if (record.Value !== undefined)
			total += encoder.encode(record.Key).length + encoder.encode(record.Value).length;
	return total;
}

/** Live (not removed) records. */
export function liveRecordCount(records: Map<string, SyncRecord>): number {
	return [...records.values()].filter((record) => record.Value !== undefined).length;
}
