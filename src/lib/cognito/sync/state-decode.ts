/** Reads a Cognito Sync snapshot back into state, checking every field (../core/state-codec.ts). */
import {
	array,
	type Decoder,
	dictOf,
	mapOf,
	number,
	oneOf,
	optional,
	record,
	string,
} from '../core/state-codec';
import type {
	Dataset,
	Device,
	PoolSyncSettings,
	StreamRecord,
	SyncRecord,
	SyncSession,
	SyncState,
} from './state';

const syncRecord = record<SyncRecord>({
	Key: string,
	Value: optional(string),
	SyncCount: number,
	LastModifiedDate: number,
	LastModifiedBy: string,
	DeviceLastModifiedDate: optional(number),
});

const dataset = record<Dataset>({
	IdentityPoolId: string,
	IdentityId: string,
	DatasetName: string,
	CreationDate: number,
	LastModifiedDate: number,
	LastModifiedBy: string,
	SyncCount: number,
	records: mapOf(syncRecord),
});

type PushSync = NonNullable<PoolSyncSettings['PushSync']>;
type CognitoStreams = NonNullable<PoolSyncSettings['CognitoStreams']>;

const poolSettings = record<PoolSyncSettings>({
	PushSync: optional(
		record<PushSync>({ ApplicationArns: optional(array(string)), RoleArn: optional(string) })
	),
	CognitoStreams: optional(
		record<CognitoStreams>({
			StreamName: optional(string),
			RoleArn: optional(string),
			StreamingStatus: optional(oneOf('ENABLED', 'DISABLED')),
		})
	),
	Events: dictOf(string),
});

const device = record<Device>({
	DeviceId: string,
	IdentityPoolId: string,
	IdentityId: string,
	Platform: string,
	Token: string,
});

const streamRecord = record<StreamRecord>({
	identityPoolId: string,
	identityId: string,
	dataSetName: string,
	operation: oneOf('replace', 'remove'),
	kinesisSyncRecords: array(
		record<StreamRecord['kinesisSyncRecords'][number]>({
			key: string,
			value: optional(string),
			syncCount: number,
			lastModifiedDate: number,
			deviceLastModifiedDate: optional(number),
			op: oneOf('replace', 'remove'),
		})
	),
	lastModifiedDate: number,
	syncCount: number,
	payloadType: oneOf('Inline'),
});

/** Decodes Cognito Sync's part of a snapshot. */
export const decodeSyncState: Decoder<SyncState> = record<SyncState>({
	datasets: mapOf(dataset),
	pools: mapOf(poolSettings),
	devices: mapOf(device),
	subscriptions: mapOf(array(string)),
	streams: mapOf(array(streamRecord)),
	sessions: mapOf(record<SyncSession>({ datasetKey: string, expiresAt: number })),
	deleted: mapOf(number),
});
