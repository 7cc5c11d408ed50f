/**
 * Cognito Sync (REST-JSON, as `@aws-sdk/client-cognito-sync` sends it): datasets of key/value records per
 * identity, synced with sync counts and sync session tokens; push-sync notifications to subscribed devices,
 * Cognito Streams into a simulated Kinesis stream, and Cognito Events (the SyncTrigger function).
 *
 * N.B. Cognito Sync is closed to new customers since 30 July 2026; AWS AppSync is its successor. The first Sync
 * response of a sandbox adds a `SyncEvent` of kind `notice` saying so, and every response carries it in the
 * `x-sandbox-notice` header.
 */
import type { SandboxContext } from '../core/context';
import { dict } from '../core/dict';
import { encodeState } from '../core/state-codec';
import { readJsonObject } from '../core/json-body';
import { ServiceError } from '../core/errors';
import type { Caller, Snapshotting } from '../core/service';
import type { IdentityService } from '../identity';
import type { StsService } from '../sts';
import {
	applyChanges,
	changesOf,
	checkSyncCounts,
	datasetToWire,
	MAX_DATASETS_PER_IDENTITY,
	readPatch,
	recordToWire,
} from './records';
import { matchSyncRoute, type SyncRoute } from './routes';
import {
	datasetBytes,
	datasetKey,
	emptySyncState,
	type Dataset,
	type PoolSyncSettings,
	type StreamRecord,
	type SyncRecord,
	type SyncState,
} from './state';
import { runSyncTrigger } from './sync-trigger';
import { decodeSyncState } from './state-decode';

export type { StreamRecord } from './state';

/** The Cognito Sync service. */
export interface SyncService extends Snapshotting<SyncState> {
	fetch(request: Request, caller: Caller): Promise<Response>;
	/** The records Cognito Streams delivered to a (simulated) Kinesis stream, oldest first. */
	readStream(streamName: string): StreamRecord[];
}

/** What learners are told once, where they meet Cognito Sync. */
export const SYNC_CLOSURE_NOTICE =
	'Amazon Cognito Sync is closed to new customers since 30 July 2026; existing customers can keep using it. AWS AppSync is its successor for syncing app data.';

const ID_PATTERN = /^[\w-]+:[0-9a-f-]+$/;
const DATASET_NAME_PATTERN = /^[a-zA-Z0-9_.:-]{1,128}$/;
const PLATFORMS = ['APNS', 'APNS_SANDBOX', 'GCM', 'ADM'];
/** How long a sync session token stays usable. */
const SYNC_SESSION_MS = 15 * 60 * 1000;

type Body = Record<string, unknown>;
interface Call {
	params: SyncRoute['params'];
	query: URLSearchParams;
	body: Body;
	caller: Caller;
	/** The identity behind the caller's credentials, when they are sandbox-issued. */
	callerIdentityId?: string;
}

/** Creates the Cognito Sync service. */
export function createSyncService(
	context: SandboxContext,
	deps: { identity: IdentityService; sts: StsService }
): SyncService {
	let state: SyncState = emptySyncState();
	let noticeShown = false;
	const now = () => context.clock.now();
	const invalid = (message: string) => new ServiceError('InvalidParameterException', message);

	function poolId(call: Call): string {
		const id = call.params.IdentityPoolId ?? '';
		if (!ID_PATTERN.test(id) || id.length > 55)
			throw invalid(
				`1 validation error detected: Value '${id}' at 'identityPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+:[0-9a-f-]+`
			);
		if (!deps.identity.poolExists(id))
			throw new ServiceError('ResourceNotFoundException', `IdentityPool '${id}' not found.`, 404);
		return id;
	}

	/** The identity in the path, which the caller's credentials must belong to (developer keys may act for anyone). */
	function identityId(call: Call, pool: string): string {
		const id = call.params.IdentityId ?? '';
		if (!ID_PATTERN.test(id) || id.length > 55)
			throw invalid(
				`1 validation error detected: Value '${id}' at 'identityId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+:[0-9a-f-]+`
			);
		if (!deps.identity.identityExists(pool, id))
			throw new ServiceError('ResourceNotFoundException', `Identity '${id}' not found.`, 404);
		if (call.callerIdentityId !== undefined && call.callerIdentityId !== id)
			throw new ServiceError(
				'NotAuthorizedException',
				`Access to identity '${id}' is forbidden.`,
				403
			);
		return id;
	}

	function datasetName(call: Call): string {
		const name = call.params.DatasetName ?? '';
		if (!DATASET_NAME_PATTERN.test(name))
			throw invalid(
				`1 validation error detected: Value '${name}' at 'datasetName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.:-]+`
			);
		return name;
	}

	function settings(pool: string): PoolSyncSettings {
		let entry = state.pools.get(pool);
		if (!entry) state.pools.set(pool, (entry = { Events: dict() }));
		return entry;
	}

	function requireDataset(key: string): Dataset {
		const dataset = state.datasets.get(key);
		if (!dataset) throw new ServiceError('ResourceNotFoundException', 'Dataset not found.', 404);
		return dataset;
	}

	function paging(call: Call, defaultMax: number): { offset: number; max: number } {
		const max = call.query.get('maxResults') ? Number(call.query.get('maxResults')) : defaultMax;
		if (!Number.isInteger(max) || max < 1) throw invalid('maxResults must be a positive integer.');
		const token = call.query.get('nextToken');
		const offset = token ? Number(token) : 0;
		if (!Number.isInteger(offset) || offset < 0) throw invalid('The pagination token is invalid.');
		return { offset, max };
	}

	function notifyDevices(
		key: string,
		dataset: { IdentityPoolId: string; IdentityId: string; DatasetName: string },
		exceptDevice?: string
	) {
		for (const deviceId of state.subscriptions.get(key) ?? []) {
			const device = state.devices.get(deviceId);
			if (!device || deviceId === exceptDevice) continue;
			context.emit({
				type: 'SyncEvent',
				kind: 'push',
				detail: {
					deviceId,
					platform: device.Platform,
					identityPoolId: dataset.IdentityPoolId,
					identityId: dataset.IdentityId,
					datasetName: dataset.DatasetName,
					applicationArns: settings(dataset.IdentityPoolId).PushSync?.ApplicationArns ?? [],
				},
				at: now(),
			});
		}
	}

	function streamChange(dataset: Dataset, operation: 'replace' | 'remove', records: SyncRecord[]) {
		const streams = settings(dataset.IdentityPoolId).CognitoStreams;
		if (!streams?.StreamName || streams.StreamingStatus !== 'ENABLED') return;
		const record: StreamRecord = {
			identityPoolId: dataset.IdentityPoolId,
			identityId: dataset.IdentityId,
			dataSetName: dataset.DatasetName,
			operation,
			kinesisSyncRecords: records.map((entry) => ({
				key: entry.Key,
				...(entry.Value !== undefined ? { value: entry.Value } : {}),
				syncCount: entry.SyncCount,
				lastModifiedDate: entry.LastModifiedDate,
				...(entry.DeviceLastModifiedDate !== undefined
					? { deviceLastModifiedDate: entry.DeviceLastModifiedDate }
					: {}),
				op: entry.Value === undefined ? 'remove' : 'replace',
			})),
			lastModifiedDate: dataset.LastModifiedDate,
			syncCount: dataset.SyncCount,
			payloadType: 'Inline',
		};
		let stream = state.streams.get(streams.StreamName);
		if (!stream) state.streams.set(streams.StreamName, (stream = []));
		stream.push(record);
		context.emit({
			type: 'SyncEvent',
			kind: 'stream',
			detail: { streamName: streams.StreamName, record },
			at: now(),
		});
	}

	const operations: Record<string, (call: Call) => Promise<unknown>> = {
		async ListDatasets(call) {
			const pool = poolId(call);
			const identity = identityId(call, pool);
			const { offset, max } = paging(call, 20);
			const all = [...state.datasets.values()].filter(
				(dataset) => dataset.IdentityPoolId === pool && dataset.IdentityId === identity
			);
			const page = all.slice(offset, offset + max);
			return {
				Datasets: page.map(datasetToWire),
				Count: page.length,
				...(offset + max < all.length ? { NextToken: String(offset + max) } : {}),
			};
		},
		async DescribeDataset(call) {
			const pool = poolId(call);
			return {
				Dataset: datasetToWire(
					requireDataset(datasetKey(pool, identityId(call, pool), datasetName(call)))
				),
			};
		},
		async ListRecords(call) {
			const pool = poolId(call);
			const identity = identityId(call, pool);
			const name = datasetName(call);
			const key = datasetKey(pool, identity, name);
			const lastSyncCount = call.query.get('lastSyncCount')
				? Number(call.query.get('lastSyncCount'))
				: 0;
			if (!Number.isInteger(lastSyncCount) || lastSyncCount < 0)
				throw invalid('lastSyncCount must be a non-negative integer.');
			const { offset, max } = paging(call, 1024);
			const dataset = state.datasets.get(key);
			const changed = [...(dataset?.records.values() ?? [])]
				.filter(
					(record) =>
						record.SyncCount > lastSyncCount && (lastSyncCount > 0 || record.Value !== undefined)
				)
				.sort((a, b) => a.SyncCount - b.SyncCount || a.Key.localeCompare(b.Key));
			const page = changed.slice(offset, offset + max);
			const sessionToken = context.randomString(
				40,
				'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
			);
			state.sessions.set(sessionToken, { datasetKey: key, expiresAt: now() + SYNC_SESSION_MS });
			return {
				Records: page.map(recordToWire),
				Count: page.length,
				...(offset + max < changed.length ? { NextToken: String(offset + max) } : {}),
				DatasetSyncCount: dataset?.SyncCount ?? 0,
				...(dataset ? { LastModifiedBy: dataset.LastModifiedBy } : {}),
				MergedDatasetNames: [],
				DatasetExists: dataset !== undefined,
				DatasetDeletedAfterRequestedSyncCount:
					lastSyncCount > 0 && (state.deleted.get(key) ?? -1) >= lastSyncCount,
				SyncSessionToken: sessionToken,
			};
		},
		async UpdateRecords(call) {
			const pool = poolId(call);
			const identity = identityId(call, pool);
			const name = datasetName(call);
			const key = datasetKey(pool, identity, name);
			const token = call.body.SyncSessionToken;
			if (typeof token !== 'string' || !token)
				throw invalid(
					"1 validation error detected: Value null at 'syncSessionToken' failed to satisfy constraint: Member must not be null"
				);
			const session = state.sessions.get(token);
			if (!session || session.datasetKey !== key || session.expiresAt <= now())
				throw invalid('Invalid or expired sync session token. Call ListRecords to get a new one.');
			const deviceId = typeof call.body.DeviceId === 'string' ? call.body.DeviceId : undefined;
			const rawPatches = call.body.RecordPatches ?? [];
			if (!Array.isArray(rawPatches)) throw invalid('RecordPatches must be a list.');
			const patches = rawPatches.map(readPatch);
			if (new Set(patches.map((patch) => patch.Key)).size !== patches.length)
				throw invalid('RecordPatches contains the same key more than once.');
			let dataset = state.datasets.get(key);
			checkSyncCounts(dataset, patches);
			if (
				!dataset &&
				[...state.datasets.values()].filter(
					(entry) => entry.IdentityPoolId === pool && entry.IdentityId === identity
				).length >= MAX_DATASETS_PER_IDENTITY
			) {
				throw new ServiceError(
					'LimitExceededException',
					`An identity can have at most ${MAX_DATASETS_PER_IDENTITY} datasets.`
				);
			}
			let changes = changesOf(dataset, patches);
			const triggerArn = settings(pool).Events.SyncTrigger;
			// Cognito Events run only for requests made with Cognito identity credentials.
			if (triggerArn && call.callerIdentityId !== undefined && patches.length > 0) {
				changes = await runSyncTrigger(context, triggerArn, {
					version: 2,
					eventType: 'SyncTrigger',
					region: context.region,
					identityPoolId: pool,
					identityId: identity,
					datasetName: name,
					datasetRecords: changes,
				});
			}
			const isNew = !dataset;
			// A re-created dataset continues the old sync count, so counts only ever go up.
			dataset ??= {
				IdentityPoolId: pool,
				IdentityId: identity,
				DatasetName: name,
				CreationDate: now(),
				LastModifiedDate: now(),
				LastModifiedBy: identity,
				SyncCount: state.deleted.get(key) ?? 0,
				records: new Map(),
			};
			const changed = applyChanges(dataset, changes, patches, identity, now());
			if (isNew) state.datasets.set(key, dataset);
			if (changed.length > 0) {
				context.emit({
					type: 'SyncEvent',
					kind: 'update',
					detail: {
						identityPoolId: pool,
						identityId: identity,
						datasetName: name,
						syncCount: dataset.SyncCount,
						keys: changed.map((record) => record.Key),
						deviceId,
					},
					at: now(),
				});
				notifyDevices(key, dataset, deviceId);
				streamChange(dataset, 'replace', changed);
			}
			return { Records: changed.map(recordToWire) };
		},
		async DeleteDataset(call) {
			const pool = poolId(call);
			const identity = identityId(call, pool);
			const key = datasetKey(pool, identity, datasetName(call));
			const dataset = requireDataset(key);
			const described = datasetToWire(dataset);
			state.datasets.delete(key);
			state.deleted.set(key, dataset.SyncCount);
			notifyDevices(key, dataset);
			streamChange(
				{ ...dataset, SyncCount: dataset.SyncCount + 1, LastModifiedDate: now() },
				'remove',
				[]
			);
			return { Dataset: described };
		},
		async RegisterDevice(call) {
			const pool = poolId(call);
			const identity = identityId(call, pool);
			if (call.callerIdentityId === undefined)
				throw new ServiceError(
					'NotAuthorizedException',
					'RegisterDevice requires Cognito identity credentials.',
					403
				);
			const platform = call.body.Platform;
			if (typeof platform !== 'string' || !PLATFORMS.includes(platform))
				throw invalid(
					`1 validation error detected: Value '${String(platform)}' at 'platform' failed to satisfy constraint: Member must satisfy enum value set: [${PLATFORMS.join(', ')}]`
				);
			const token = call.body.Token;
			if (typeof token !== 'string' || !token)
				throw invalid(
					"1 validation error detected: Value null at 'token' failed to satisfy constraint: Member must not be null"
				);
			if (!settings(pool).PushSync?.ApplicationArns?.length)
				throw new ServiceError(
					'InvalidConfigurationException',
					'Push sync is not configured for this identity pool.'
				);
			const existing = [...state.devices.values()].find(
				(device) =>
					device.IdentityPoolId === pool &&
					device.IdentityId === identity &&
					device.Token === token &&
					device.Platform === platform
			);
			const deviceId = existing?.DeviceId ?? context.uuid();
			state.devices.set(deviceId, {
				DeviceId: deviceId,
				IdentityPoolId: pool,
				IdentityId: identity,
				Platform: platform,
				Token: token,
			});
			return { DeviceId: deviceId };
		},
		async SubscribeToDataset(call) {
			const pool = poolId(call);
			const identity = identityId(call, pool);
			const key = datasetKey(pool, identity, datasetName(call));
			if (call.callerIdentityId === undefined)
				throw new ServiceError(
					'NotAuthorizedException',
					'SubscribeToDataset requires Cognito identity credentials.',
					403
				);
			const device = state.devices.get(call.params.DeviceId ?? '');
			if (!device || device.IdentityId !== identity)
				throw new ServiceError('ResourceNotFoundException', 'Device not found.', 404);
			let list = state.subscriptions.get(key);
			if (!list) state.subscriptions.set(key, (list = []));
			if (!list.includes(device.DeviceId)) list.push(device.DeviceId);
			return {};
		},
		async UnsubscribeFromDataset(call) {
			const pool = poolId(call);
			const key = datasetKey(pool, identityId(call, pool), datasetName(call));
			state.subscriptions.set(
				key,
				(state.subscriptions.get(key) ?? []).filter((id) => id !== call.params.DeviceId)
			);
			return {};
		},
		async SetCognitoEvents(call) {
			const pool = poolId(call);
			const events = call.body.Events;
			if (!events || typeof events !== 'object' || Array.isArray(events))
				throw invalid(
					"1 validation error detected: Value null at 'events' failed to satisfy constraint: Member must not be null"
				);
			for (const [name, arn] of Object.entries(events)) {
				if (name !== 'SyncTrigger')
					throw invalid(`Unsupported event type: ${name}. The only event is SyncTrigger.`);
				if (typeof arn !== 'string') throw invalid('Events values must be Lambda function ARNs.');
			}
			settings(pool).Events = dict(
				Object.entries(events as Record<string, string>).filter(([, arn]) => arn !== '')
			);
			return {};
		},
		async GetCognitoEvents(call) {
			return { Events: dict(settings(poolId(call)).Events) };
		},
		async SetIdentityPoolConfiguration(call) {
			const pool = poolId(call);
			const current = settings(pool);
			const push = call.body.PushSync as PoolSyncSettings['PushSync'] | undefined;
			const streams = call.body.CognitoStreams as PoolSyncSettings['CognitoStreams'] | undefined;
			if (push !== undefined) {
				if (
					typeof push !== 'object' ||
					push === null ||
					(push.ApplicationArns !== undefined && !Array.isArray(push.ApplicationArns))
				)
					throw invalid('PushSync must have ApplicationArns (a list) and RoleArn.');
				current.PushSync = {
					ApplicationArns: [...(push.ApplicationArns ?? [])],
					...(push.RoleArn ? { RoleArn: push.RoleArn } : {}),
				};
			}
			if (streams !== undefined) {
				if (typeof streams !== 'object' || streams === null)
					throw invalid('CognitoStreams must be an object.');
				if (
					streams.StreamingStatus !== undefined &&
					streams.StreamingStatus !== 'ENABLED' &&
					streams.StreamingStatus !== 'DISABLED'
				) {
					throw invalid(
						`1 validation error detected: Value '${String(streams.StreamingStatus)}' at 'cognitoStreams.streamingStatus' failed to satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED]`
					);
				}
				current.CognitoStreams = { ...streams };
			}
			return configuration(pool);
		},
		async GetIdentityPoolConfiguration(call) {
			return configuration(poolId(call));
		},
		async DescribeIdentityUsage(call) {
			const pool = poolId(call);
			const identity = identityId(call, pool);
			const datasets = [...state.datasets.values()].filter(
				(dataset) => dataset.IdentityPoolId === pool && dataset.IdentityId === identity
			);
			return {
				IdentityUsage: {
					IdentityId: identity,
					IdentityPoolId: pool,
					...(datasets.length
						? {
								LastModifiedDate:
									Math.max(...datasets.map((dataset) => dataset.LastModifiedDate)) / 1000,
							}
						: {}),
					DatasetCount: datasets.length,
					DataStorage: datasets.reduce((sum, dataset) => sum + datasetBytes(dataset.records), 0),
				},
			};
		},
		async DescribeIdentityPoolUsage(call) {
			const pool = poolId(call);
			return { IdentityPoolUsage: poolUsage(pool) };
		},
		async ListIdentityPoolUsage(call) {
			const { offset, max } = paging(call, 60);
			const pools = [
				...new Set([...state.datasets.values()].map((dataset) => dataset.IdentityPoolId)),
			];
			const page = pools.slice(offset, offset + max);
			return {
				IdentityPoolUsages: page.map(poolUsage),
				MaxResults: max,
				Count: page.length,
				...(offset + max < pools.length ? { NextToken: String(offset + max) } : {}),
			};
		},
		async BulkPublish() {
			throw new ServiceError(
				'InvalidConfigurationException',
				'BulkPublish is not simulated by the sandbox.'
			);
		},
		async GetBulkPublishDetails(call) {
			return { IdentityPoolId: poolId(call), BulkPublishStatus: 'NOT_STARTED' };
		},
	};

	function configuration(pool: string) {
		const current = settings(pool);
		return {
			IdentityPoolId: pool,
			...(current.PushSync ? { PushSync: current.PushSync } : {}),
			...(current.CognitoStreams ? { CognitoStreams: current.CognitoStreams } : {}),
		};
	}

	function poolUsage(pool: string) {
		const datasets = [...state.datasets.values()].filter(
			(dataset) => dataset.IdentityPoolId === pool
		);
		return {
			IdentityPoolId: pool,
			SyncSessionsCount: [...state.sessions.values()].filter((session) =>
				session.datasetKey.startsWith(`${pool}\n`)
			).length,
			DataStorage: datasets.reduce((sum, dataset) => sum + datasetBytes(dataset.records), 0),
			...(datasets.length
				? {
						LastModifiedDate:
							Math.max(...datasets.map((dataset) => dataset.LastModifiedDate)) / 1000,
					}
				: {}),
		};
	}

	function showNotice() {
		if (noticeShown) return;
		noticeShown = true;
		context.emit({
			type: 'SyncEvent',
			kind: 'notice',
			detail: {
				message: SYNC_CLOSURE_NOTICE,
				successor: 'AWS AppSync',
				closedToNewCustomersSince: '2026-07-30',
			},
			at: now(),
		});
	}

	return {
		async fetch(request, caller) {
			showNotice();
			const url = new URL(request.url);
			const route = matchSyncRoute(request.method, url.pathname);
			if (!route)
				throw new ServiceError(
					'UnknownOperationException',
					`No operation matches ${request.method} ${url.pathname}`
				);
			let body: Body = {};
			try {
				body = await readJsonObject(request);
				const session = deps.sts.sessionFor(caller.accessKeyId);
				if (session && now() >= session.expiration)
					throw new ServiceError(
						'NotAuthorizedException',
						'The security token included in the request is expired',
						403
					);
				const call: Call = {
					params: route.params,
					query: url.searchParams,
					body,
					caller,
					callerIdentityId: session?.identityId,
				};
				// The x-amz-Client-Context header of UpdateRecords carries mobile analytics data; the sandbox ignores it.
				const output = await operations[route.operation]!(call);
				context.emit({
					type: 'ApiCall',
					service: 'cognito-sync',
					operation: route.operation,
					request: { ...route.params, ...body },
					response: output,
					at: now(),
				});
				return new Response(JSON.stringify(output), {
					status: 200,
					headers: { 'content-type': 'application/json', 'x-sandbox-notice': SYNC_CLOSURE_NOTICE },
				});
			} catch (error) {
				const failure =
					error instanceof ServiceError
						? error
						: new ServiceError(
								'InternalErrorException',
								error instanceof Error ? error.message : String(error),
								500
							);
				context.emit({
					type: 'ApiCall',
					service: 'cognito-sync',
					operation: route.operation,
					request: { ...route.params, ...body },
					error: { type: failure.type, message: failure.message },
					at: now(),
				});
				throw failure;
			}
		},
		readStream: (streamName) => structuredClone(state.streams.get(streamName) ?? []),
		snapshot: () => encodeState(state),
		decode: (snapshot, path) =>
			snapshot === undefined ? emptySyncState() : decodeSyncState(snapshot, path),
		load(saved: SyncState) {
			state = saved;
		},
	};
}
