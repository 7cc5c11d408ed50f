import {
	CreateIdentityPoolCommand,
	GetCredentialsForIdentityCommand,
	GetIdCommand,
	SetIdentityPoolRolesCommand,
} from '@aws-sdk/client-cognito-identity';
import {
	DeleteDatasetCommand,
	DescribeDatasetCommand,
	GetCognitoEventsCommand,
	GetIdentityPoolConfigurationCommand,
	ListDatasetsCommand,
	ListRecordsCommand,
	RegisterDeviceCommand,
	SetCognitoEventsCommand,
	SetIdentityPoolConfigurationCommand,
	SubscribeToDatasetCommand,
	UpdateRecordsCommand,
	type CognitoSyncClient,
} from '@aws-sdk/client-cognito-sync';
import { describe, expect, test } from 'vitest';
import { identitySandbox, NOW, ROLES } from '../../../fixtures/identity-sandbox';

async function syncSetUp() {
	const env = identitySandbox();
	const pool = await env.identity.send(
		new CreateIdentityPoolCommand({
			IdentityPoolName: 'sync',
			AllowUnauthenticatedIdentities: true,
		})
	);
	const poolId = pool.IdentityPoolId!;
	await env.identity.send(
		new SetIdentityPoolRolesCommand({
			IdentityPoolId: poolId,
			Roles: { unauthenticated: ROLES.unauth },
		})
	);
	/** A guest identity with its own credentials and a Sync client signing with them. */
	const user = async () => {
		const { IdentityId } = await env.identity.send(new GetIdCommand({ IdentityPoolId: poolId }));
		const { Credentials } = await env.identity.send(
			new GetCredentialsForIdentityCommand({ IdentityId })
		);
		return { identityId: IdentityId!, client: env.syncAs(Credentials!) };
	};
	return { ...env, poolId, user };
}

async function errorOf(promise: Promise<unknown>) {
	try {
		await promise;
	} catch (error) {
		const failure = error as {
			name: string;
			message: string;
			$metadata?: { httpStatusCode?: number };
		};
		return {
			name: failure.name,
			message: failure.message,
			status: failure.$metadata?.httpStatusCode,
		};
	}
	throw new Error('expected the call to fail');
}

/** One device's sync: read changes since `lastSyncCount`, then write patches with the session token. */
async function put(
	client: CognitoSyncClient,
	ids: { IdentityPoolId: string; IdentityId: string },
	dataset: string,
	patches: Array<{ Key: string; Value?: string; SyncCount: number; Op?: 'replace' | 'remove' }>,
	deviceId?: string
) {
	const listed = await client.send(new ListRecordsCommand({ ...ids, DatasetName: dataset }));
	return client.send(
		new UpdateRecordsCommand({
			...ids,
			DatasetName: dataset,
			SyncSessionToken: listed.SyncSessionToken,
			DeviceId: deviceId,
			RecordPatches: patches.map((patch) => ({ Op: patch.Op ?? 'replace', ...patch })),
		})
	);
}

describe('datasets and records', () => {
	test('records are created implicitly, listed since a sync count, described and deleted', async () => {
		const { poolId, user } = await syncSetUp();
		const { identityId, client } = await user();
		const ids = { IdentityPoolId: poolId, IdentityId: identityId };
		const empty = await client.send(new ListRecordsCommand({ ...ids, DatasetName: 'settings' }));
		expect(empty).toMatchObject({
			Records: [],
			Count: 0,
			DatasetSyncCount: 0,
			DatasetExists: false,
			MergedDatasetNames: [],
		});
		const written = await client.send(
			new UpdateRecordsCommand({
				...ids,
				DatasetName: 'settings',
				SyncSessionToken: empty.SyncSessionToken,
				RecordPatches: [
					{ Op: 'replace', Key: 'theme', Value: 'dark', SyncCount: 0 },
					{ Op: 'replace', Key: 'lang', Value: 'en', SyncCount: 0 },
				],
			})
		);
		expect(written.Records?.map((record) => [record.Key, record.Value, record.SyncCount])).toEqual([
			['theme', 'dark', 1],
			['lang', 'en', 1],
		]);
		expect(written.Records?.[0]?.LastModifiedDate?.getTime()).toBe(NOW);
		expect(written.Records?.[0]?.LastModifiedBy).toBe(identityId);
		await put(client, ids, 'settings', [{ Key: 'theme', Value: 'light', SyncCount: 1 }]);
		const since1 = await client.send(
			new ListRecordsCommand({ ...ids, DatasetName: 'settings', LastSyncCount: 1 })
		);
		expect(since1.Records?.map((record) => [record.Key, record.Value, record.SyncCount])).toEqual([
			['theme', 'light', 2],
		]);
		expect(since1).toMatchObject({ DatasetSyncCount: 2, DatasetExists: true });
		const described = await client.send(
			new DescribeDatasetCommand({ ...ids, DatasetName: 'settings' })
		);
		expect(described.Dataset).toMatchObject({
			IdentityId: identityId,
			DatasetName: 'settings',
			NumRecords: 2,
			DataStorage: 'theme'.length + 'light'.length + 'lang'.length + 'en'.length,
		});
		expect(
			(await client.send(new ListDatasetsCommand(ids))).Datasets?.map(
				(dataset) => dataset.DatasetName
			)
		).toEqual(['settings']);
		await put(client, ids, 'settings', [{ Key: 'lang', SyncCount: 1, Op: 'remove' }]);
		const removed = await client.send(
			new ListRecordsCommand({ ...ids, DatasetName: 'settings', LastSyncCount: 2 })
		);
		expect(removed.Records).toEqual([expect.objectContaining({ Key: 'lang', SyncCount: 3 })]);
		expect(removed.Records?.[0]?.Value).toBeUndefined();
		const deleted = await client.send(
			new DeleteDatasetCommand({ ...ids, DatasetName: 'settings' })
		);
		expect(deleted.Dataset?.DatasetName).toBe('settings');
		expect(
			await errorOf(client.send(new DescribeDatasetCommand({ ...ids, DatasetName: 'settings' })))
		).toMatchObject({ name: 'ResourceNotFoundException', status: 404 });
		const behind = await client.send(
			new ListRecordsCommand({ ...ids, DatasetName: 'settings', LastSyncCount: 2 })
		);
		expect(behind).toMatchObject({
			DatasetExists: false,
			DatasetDeletedAfterRequestedSyncCount: true,
			Records: [],
		});
	});

	test('two devices edit offline; the stale one gets ResourceConflictException, re-reads, merges and writes', async () => {
		const { poolId, user } = await syncSetUp();
		const { identityId, client } = await user();
		const ids = { IdentityPoolId: poolId, IdentityId: identityId, DatasetName: 'notes' };
		await put(client, ids, 'notes', [{ Key: 'todo', Value: 'milk', SyncCount: 0 }]);
		// Both devices last synced at sync count 1 and then went offline.
		const phone = await client.send(new ListRecordsCommand({ ...ids }));
		const tablet = await client.send(new ListRecordsCommand({ ...ids }));
		const base = phone.Records!.find((record) => record.Key === 'todo')!;
		await client.send(
			new UpdateRecordsCommand({
				...ids,
				DeviceId: 'phone',
				SyncSessionToken: phone.SyncSessionToken,
				RecordPatches: [
					{ Op: 'replace', Key: 'todo', Value: 'milk,eggs', SyncCount: base.SyncCount },
				],
			})
		);
		const conflict = await errorOf(
			client.send(
				new UpdateRecordsCommand({
					...ids,
					DeviceId: 'tablet',
					SyncSessionToken: tablet.SyncSessionToken,
					RecordPatches: [
						{ Op: 'replace', Key: 'todo', Value: 'milk,bread', SyncCount: base.SyncCount },
					],
				})
			)
		);
		expect(conflict).toEqual({
			name: 'ResourceConflictException',
			message: 'Current SyncCount for: todo is: 2 not: 1',
			status: 409,
		});
		// The tablet pulls the remote change, merges both lists and writes against the new sync count.
		const fresh = await client.send(
			new ListRecordsCommand({ ...ids, LastSyncCount: tablet.DatasetSyncCount })
		);
		const remote = fresh.Records!.find((record) => record.Key === 'todo')!;
		const merged = [...new Set([...remote.Value!.split(','), 'milk', 'bread'])].join(',');
		const resolved = await client.send(
			new UpdateRecordsCommand({
				...ids,
				DeviceId: 'tablet',
				SyncSessionToken: fresh.SyncSessionToken,
				RecordPatches: [{ Op: 'replace', Key: 'todo', Value: merged, SyncCount: remote.SyncCount }],
			})
		);
		expect(resolved.Records?.[0]).toMatchObject({
			Key: 'todo',
			Value: 'milk,eggs,bread',
			SyncCount: 3,
		});
	});

	test('SyncSessionToken is required and must come from ListRecords of the same dataset', async () => {
		const { poolId, user } = await syncSetUp();
		const { identityId, client } = await user();
		const ids = { IdentityPoolId: poolId, IdentityId: identityId };
		expect(
			(
				await errorOf(
					client.send(
						new UpdateRecordsCommand({
							...ids,
							DatasetName: 'a',
							SyncSessionToken: 'made-up',
							RecordPatches: [],
						})
					)
				)
			).name
		).toBe('InvalidParameterException');
		const other = await client.send(new ListRecordsCommand({ ...ids, DatasetName: 'b' }));
		expect(
			(
				await errorOf(
					client.send(
						new UpdateRecordsCommand({
							...ids,
							DatasetName: 'a',
							SyncSessionToken: other.SyncSessionToken,
							RecordPatches: [],
						})
					)
				)
			).name
		).toBe('InvalidParameterException');
	});

	test('limits: dataset names, 20 datasets, 1,024 records, 1 MB', async () => {
		const { poolId, user } = await syncSetUp();
		const { identityId, client } = await user();
		const ids = { IdentityPoolId: poolId, IdentityId: identityId };
		expect(
			(await errorOf(client.send(new ListRecordsCommand({ ...ids, DatasetName: 'bad name' })))).name
		).toBe('InvalidParameterException');
		expect(
			(await errorOf(client.send(new ListRecordsCommand({ ...ids, DatasetName: 'x'.repeat(129) }))))
				.name
		).toBe('InvalidParameterException');
		for (let index = 0; index < 20; index++)
			await put(client, ids, `ds-${index}`, [{ Key: 'k', Value: 'v', SyncCount: 0 }]);
		expect(
			await errorOf(put(client, ids, 'ds-20', [{ Key: 'k', Value: 'v', SyncCount: 0 }]))
		).toMatchObject({ name: 'LimitExceededException' });
		await client.send(new DeleteDatasetCommand({ ...ids, DatasetName: 'ds-0' }));
		const many = Array.from({ length: 1025 }, (_, index) => ({
			Key: `k${index}`,
			Value: 'v',
			SyncCount: 0,
		}));
		expect((await errorOf(put(client, ids, 'big', many))).name).toBe('LimitExceededException');
		expect(
			(
				await errorOf(
					put(client, ids, 'big', [
						{ Key: 'a', Value: 'x'.repeat(600_000), SyncCount: 0 },
						{ Key: 'b', Value: 'y'.repeat(600_000), SyncCount: 0 },
					])
				)
			).name
		).toBe('LimitExceededException');
		expect((await put(client, ids, 'big', many.slice(0, 1024))).Records).toHaveLength(1024);
	});

	test("an identity's credentials reach only its own datasets", async () => {
		const { poolId, user } = await syncSetUp();
		const alice = await user();
		const bob = await user();
		expect(
			await errorOf(
				bob.client.send(
					new ListRecordsCommand({
						IdentityPoolId: poolId,
						IdentityId: alice.identityId,
						DatasetName: 'x',
					})
				)
			)
		).toMatchObject({ name: 'NotAuthorizedException', status: 403 });
	});

	test('the first Sync call records the closure notice once', async () => {
		const { sandbox, poolId, user } = await syncSetUp();
		const { identityId, client } = await user();
		await client.send(new ListDatasetsCommand({ IdentityPoolId: poolId, IdentityId: identityId }));
		await client.send(new ListDatasetsCommand({ IdentityPoolId: poolId, IdentityId: identityId }));
		const notices = sandbox.trace.filter(
			(event) => event.type === 'SyncEvent' && event.kind === 'notice'
		);
		expect(notices).toHaveLength(1);
		expect(JSON.stringify(notices[0])).toMatch(
			/closed to new customers since 30 July 2026.*AWS AppSync/
		);
	});
});

describe('push sync, streams and events', () => {
	test('subscribed devices get a push when another device changes the dataset', async () => {
		const { sandbox, sync, poolId, user } = await syncSetUp();
		const { identityId, client } = await user();
		const ids = { IdentityPoolId: poolId, IdentityId: identityId };
		expect(
			(
				await errorOf(
					client.send(new RegisterDeviceCommand({ ...ids, Platform: 'GCM', Token: 'push-token-1' }))
				)
			).name
		).toBe('InvalidConfigurationException');
		await sync.send(
			new SetIdentityPoolConfigurationCommand({
				IdentityPoolId: poolId,
				PushSync: {
					ApplicationArns: ['arn:aws:sns:us-east-1:123456789012:app/GCM/demo'],
					RoleArn: ROLES.auth,
				},
			})
		);
		const phone = await client.send(
			new RegisterDeviceCommand({ ...ids, Platform: 'GCM', Token: 'push-token-1' })
		);
		const tablet = await client.send(
			new RegisterDeviceCommand({ ...ids, Platform: 'APNS', Token: 'push-token-2' })
		);
		for (const device of [phone, tablet])
			await client.send(
				new SubscribeToDatasetCommand({ ...ids, DatasetName: 'notes', DeviceId: device.DeviceId })
			);
		await put(client, ids, 'notes', [{ Key: 'k', Value: 'v', SyncCount: 0 }], phone.DeviceId);
		const pushes = sandbox.trace.filter(
			(event) => event.type === 'SyncEvent' && event.kind === 'push'
		);
		expect(
			pushes.map((event) => (event as { detail: { deviceId: string; platform: string } }).detail)
		).toEqual([
			expect.objectContaining({
				deviceId: tablet.DeviceId,
				platform: 'APNS',
				datasetName: 'notes',
			}),
		]);
		const config = await sync.send(
			new GetIdentityPoolConfigurationCommand({ IdentityPoolId: poolId })
		);
		expect(config.PushSync?.ApplicationArns).toEqual([
			'arn:aws:sns:us-east-1:123456789012:app/GCM/demo',
		]);
	});

	test('Cognito Streams append every change to the simulated Kinesis stream', async () => {
		const { sandbox, sync, poolId, user } = await syncSetUp();
		await sync.send(
			new SetIdentityPoolConfigurationCommand({
				IdentityPoolId: poolId,
				CognitoStreams: {
					StreamName: 'sync-stream',
					RoleArn: ROLES.auth,
					StreamingStatus: 'ENABLED',
				},
			})
		);
		const { identityId, client } = await user();
		const ids = { IdentityPoolId: poolId, IdentityId: identityId };
		await put(client, ids, 'profile', [{ Key: 'name', Value: 'Ann', SyncCount: 0 }]);
		await client.send(new DeleteDatasetCommand({ ...ids, DatasetName: 'profile' }));
		const records = sandbox.readStream('sync-stream');
		expect(records).toEqual([
			{
				identityPoolId: poolId,
				identityId,
				dataSetName: 'profile',
				operation: 'replace',
				kinesisSyncRecords: [
					{ key: 'name', value: 'Ann', syncCount: 1, lastModifiedDate: NOW, op: 'replace' },
				],
				lastModifiedDate: NOW,
				syncCount: 1,
				payloadType: 'Inline',
			},
			expect.objectContaining({
				operation: 'remove',
				dataSetName: 'profile',
				kinesisSyncRecords: [],
			}),
		]);
		expect(
			(
				await errorOf(
					sync.send(
						new SetIdentityPoolConfigurationCommand({
							IdentityPoolId: poolId,
							CognitoStreams: { StreamingStatus: 'PAUSED' as 'ENABLED' },
						})
					)
				)
			).name
		).toBe('InvalidParameterException');
	});

	test('the SyncTrigger sees the documented event and its returned records are written', async () => {
		const { sandbox, sync, poolId, user } = await syncSetUp();
		const seen: object[] = [];
		const arn = 'arn:aws:lambda:us-east-1:123456789012:function:normalise';
		sandbox.defineFunction(arn, (event) => {
			seen.push(structuredClone(event));
			const records = (
				event as { datasetRecords: Record<string, { newValue: string; op: string }> }
			).datasetRecords;
			for (const change of Object.values(records))
				if (change.op === 'replace') change.newValue = change.newValue.toUpperCase();
			records.audit = { newValue: 'checked', op: 'replace' };
			return event;
		});
		await sync.send(
			new SetCognitoEventsCommand({ IdentityPoolId: poolId, Events: { SyncTrigger: arn } })
		);
		expect(
			(await sync.send(new GetCognitoEventsCommand({ IdentityPoolId: poolId }))).Events
		).toEqual({ SyncTrigger: arn });
		const { identityId, client } = await user();
		const ids = { IdentityPoolId: poolId, IdentityId: identityId };
		await put(client, ids, 'names', [{ Key: 'first', Value: 'ann', SyncCount: 0 }]);
		expect(seen).toEqual([
			{
				version: 2,
				eventType: 'SyncTrigger',
				region: 'us-east-1',
				identityPoolId: poolId,
				identityId,
				datasetName: 'names',
				datasetRecords: { first: { oldValue: null, newValue: 'ann', op: 'replace' } },
			},
		]);
		const listed = await client.send(new ListRecordsCommand({ ...ids, DatasetName: 'names' }));
		expect(Object.fromEntries(listed.Records!.map((record) => [record.Key, record.Value]))).toEqual(
			{ first: 'ANN', audit: 'checked' }
		);
		expect(
			sandbox.trace.some(
				(event) => event.type === 'TriggerInvoked' && event.trigger === 'SyncTrigger'
			)
		).toBe(true);
	});

	test('a SyncTrigger written as learner source runs in the isolated runtime, logs included', async () => {
		const { sandbox, sync, poolId, user } = await syncSetUp();
		const arn = 'arn:aws:lambda:us-east-1:123456789012:function:learner';
		sandbox.defineFunction(
			arn,
			`export const handler = async (event) => {
				console.log('records', Object.keys(event.datasetRecords).length);
				for (const change of Object.values(event.datasetRecords)) if (change.op === 'replace') change.newValue = change.newValue.trim();
				return event;
			};`
		);
		await sync.send(
			new SetCognitoEventsCommand({ IdentityPoolId: poolId, Events: { SyncTrigger: arn } })
		);
		const { identityId, client } = await user();
		const ids = { IdentityPoolId: poolId, IdentityId: identityId };
		const written = await put(client, ids, 'prefs', [
			{ Key: 'name', Value: '  Ann  ', SyncCount: 0 },
		]);
		expect(written.Records?.[0]).toMatchObject({ Key: 'name', Value: 'Ann', SyncCount: 1 });
		const invoked = sandbox.trace.find(
			(event) => event.type === 'TriggerInvoked' && event.functionArn === arn
		);
		expect(invoked && 'logs' in invoked && invoked.logs.join('\n')).toContain('records 1');
	});

	test('a failing SyncTrigger rejects the update and writes nothing', async () => {
		const { sandbox, sync, poolId, user } = await syncSetUp();
		const arn = 'arn:aws:lambda:us-east-1:123456789012:function:broken';
		sandbox.defineFunction(arn, () => ({ nothing: true }));
		await sync.send(
			new SetCognitoEventsCommand({ IdentityPoolId: poolId, Events: { SyncTrigger: arn } })
		);
		const { identityId, client } = await user();
		const ids = { IdentityPoolId: poolId, IdentityId: identityId };
		expect(
			(await errorOf(put(client, ids, 'n', [{ Key: 'a', Value: 'b', SyncCount: 0 }]))).name
		).toBe('InvalidLambdaFunctionOutputException');
		expect(
			(await client.send(new ListRecordsCommand({ ...ids, DatasetName: 'n' }))).DatasetExists
		).toBe(false);
	});
});
