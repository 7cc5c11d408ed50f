/** Fuzzing Cognito Sync's REST paths and bodies: service errors or results, never an internal error or a leak. */
import {
	CreateIdentityPoolCommand,
	GetCredentialsForIdentityCommand,
	GetIdCommand,
	SetIdentityPoolRolesCommand,
} from '@aws-sdk/client-cognito-identity';
import { ListRecordsCommand, UpdateRecordsCommand } from '@aws-sdk/client-cognito-sync';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { HOSTILE_NAMES, prototypeFingerprint } from '../../../fixtures/hostile';
import { identitySandbox, ROLES } from '../../../fixtures/identity-sandbox';

describe('Cognito Sync fuzzing', () => {
	test('random requests never crash the service or touch another identity', async () => {
		const env = identitySandbox(3);
		const pool = await env.identity.send(
			new CreateIdentityPoolCommand({
				IdentityPoolName: 'fuzz',
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
		const victim = (await env.identity.send(new GetIdCommand({ IdentityPoolId: poolId })))
			.IdentityId!;
		const attacker = (await env.identity.send(new GetIdCommand({ IdentityPoolId: poolId })))
			.IdentityId!;
		const victimClient = env.syncAs(
			(await env.identity.send(new GetCredentialsForIdentityCommand({ IdentityId: victim })))
				.Credentials!
		);
		const attackerKey = (
			await env.identity.send(new GetCredentialsForIdentityCommand({ IdentityId: attacker }))
		).Credentials!.AccessKeyId!;
		const ids = { IdentityPoolId: poolId, IdentityId: victim, DatasetName: 'secret' };
		const listed = await victimClient.send(new ListRecordsCommand(ids));
		await victimClient.send(
			new UpdateRecordsCommand({
				...ids,
				SyncSessionToken: listed.SyncSessionToken,
				RecordPatches: [{ Op: 'replace', Key: 'k', Value: 'v', SyncCount: 0 }],
			})
		);
		const before = await victimClient.send(new ListRecordsCommand(ids));
		const pristine = prototypeFingerprint();

		const segment = fc.oneof(
			fc.constantFrom(
				poolId,
				victim,
				attacker,
				'secret',
				'records',
				'datasets',
				'identities',
				'identity',
				'device',
				'events',
				'configuration',
				'subscriptions',
				...HOSTILE_NAMES,
				'%E0%A4%A',
				''
			),
			fc.string({ maxLength: 12 }).map(encodeURIComponent)
		);
		const path = fc
			.array(segment, { minLength: 0, maxLength: 8 })
			.map((parts) => `/identitypools/${parts.join('/')}`);
		const body = fc.oneof(
			fc.constant(''),
			fc.json(),
			fc.string(),
			fc
				.record({
					SyncSessionToken: fc.string(),
					RecordPatches: fc.oneof(
						fc.anything(),
						fc.array(
							fc.record({
								Op: fc.constantFrom('replace', 'remove'),
								Key: fc.constantFrom(...HOSTILE_NAMES),
								Value: fc.string(),
								SyncCount: fc.nat(3),
							}),
							{ maxLength: 3 }
						)
					),
					Events: fc.oneof(
						fc.anything(),
						fc.dictionary(fc.constantFrom(...HOSTILE_NAMES, 'SyncTrigger'), fc.string())
					),
					PushSync: fc.anything(),
					CognitoStreams: fc.anything(),
					Platform: fc.string(),
					Token: fc.string(),
				})
				.map((value) => JSON.stringify(value))
		);
		await fc.assert(
			fc.asyncProperty(
				fc.constantFrom('GET', 'POST', 'DELETE', 'PUT'),
				path,
				fc.string({ maxLength: 10 }),
				body,
				async (method, pathname, query, payload) => {
					const response = await env.sandbox.fetch(
						new Request(
							`http://localhost${pathname}?maxResults=${encodeURIComponent(query)}&lastSyncCount=${encodeURIComponent(query)}`,
							{
								method,
								headers: {
									'content-type': 'application/json',
									authorization: `AWS4-HMAC-SHA256 Credential=${attackerKey}/20260101/us-east-1/cognito-sync/aws4_request, SignedHeaders=host, Signature=x`,
								},
								body: method === 'GET' ? undefined : payload,
							}
						)
					);
					expect(response.status, await response.clone().text()).toBeLessThan(500);
					expect(prototypeFingerprint()).toBe(pristine);
				}
			),
			{ numRuns: 400, seed: 4 }
		);
		const after = await victimClient.send(new ListRecordsCommand(ids));
		expect(after.Records).toEqual(before.Records);
		expect(after.DatasetSyncCount).toBe(before.DatasetSyncCount);
	}, 60_000);
});
