/**
 * Names a caller chooses are data: `__proto__`, `constructor`, `toString`, `hasOwnProperty` and friends as
 * usernames, group names, client ids, map keys, record keys or access key ids must behave like any other name
 * (or get the real validation error), never reach `Object.prototype` and never answer 500.
 * Regression tests for the hardening issue: before the fix, `AdminDisableUser` with `Username: "__proto__"`
 * set `enabled` on the host's `Object.prototype`.
 */
import {
	CreateIdentityPoolCommand,
	GetCredentialsForIdentityCommand,
	GetIdCommand,
	SetIdentityPoolRolesCommand,
} from '@aws-sdk/client-cognito-identity';
import { ListRecordsCommand, UpdateRecordsCommand } from '@aws-sdk/client-cognito-sync';
import fc from 'fast-check';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { createSandbox, SnapshotError } from '../../../../src/lib/cognito';
import { OPERATION_INPUTS, SHAPES } from '../../../../src/lib/cognito/user-pools/model/shapes';
import { HOSTILE_NAMES, prototypeFingerprint } from '../../../fixtures/hostile';
import { identitySandbox, ROLES } from '../../../fixtures/identity-sandbox';
import { mulberry32 } from '../../../fixtures/random';
import {
	ApiError,
	type Json,
	PASSWORD,
	poolWithClient,
	signUpConfirmed,
	userPoolSandbox,
	type UserPoolSandbox,
} from '../../../fixtures/user-pool-sandbox';

const HOSTILE = HOSTILE_NAMES;
const PRISTINE = prototypeFingerprint();

afterEach(() => {
	expect(prototypeFingerprint(), 'Object.prototype was changed').toBe(PRISTINE);
	expect(Object.getPrototypeOf({})).toBe(Object.prototype);
	expect(({} as Record<string, unknown>).enabled).toBeUndefined();
});

describe('user pools: hostile names behave like any other name', () => {
	let t: UserPoolSandbox;
	let poolId: string;
	let clientId: string;

	beforeAll(async () => {
		t = userPoolSandbox(5);
		({ poolId, clientId } = await poolWithClient(
			t,
			{ MfaConfiguration: 'OFF' },
			{ ExplicitAuthFlows: ['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }
		));
		await signUpConfirmed(t, clientId, 'alice');
	});

	test('AdminDisableUser on an absent "__proto__" user is UserNotFoundException and touches nothing', async () => {
		for (const name of HOSTILE)
			expect(
				await t.failure('AdminDisableUser', { UserPoolId: poolId, Username: name })
			).toMatchInlineSnapshot(`"UserNotFoundException: User does not exist."`);
		// Another passwordless sign-in must not find a password on the prototype.
		expect(
			await t.failure('AdminInitiateAuth', {
				UserPoolId: poolId,
				ClientId: clientId,
				AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
				AuthParameters: { USERNAME: '__proto__', PASSWORD },
			})
		).toMatch(/User does not exist|Incorrect username or password/);
	});

	test('users named after prototype members are created, listed, signed in, disabled and deleted', async () => {
		for (const name of HOSTILE) {
			await t.call('AdminCreateUser', {
				UserPoolId: poolId,
				Username: name,
				MessageAction: 'SUPPRESS',
				UserAttributes: [{ Name: 'email', Value: `${name.replace(/\W/g, '')}@example.com` }],
			});
			await t.call('AdminSetUserPassword', {
				UserPoolId: poolId,
				Username: name,
				Password: PASSWORD,
				Permanent: true,
			});
			const user = await t.call('AdminGetUser', { UserPoolId: poolId, Username: name });
			expect(user).toMatchObject({ Username: name, UserStatus: 'CONFIRMED', Enabled: true });
			const signIn = await t.call('AdminInitiateAuth', {
				UserPoolId: poolId,
				ClientId: clientId,
				AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
				AuthParameters: { USERNAME: name, PASSWORD },
			});
			expect(signIn.AuthenticationResult.AccessToken).toBeTypeOf('string');
			// Creating it twice is the real conflict, not a phantom one.
			expect(
				await t.failure('AdminCreateUser', { UserPoolId: poolId, Username: name })
			).toMatchInlineSnapshot(`"UsernameExistsException: User account already exists"`);
		}
		const listed = await t.call('ListUsers', { UserPoolId: poolId, Limit: 60 });
		expect(listed.Users.map((u: Json) => u.Username).sort()).toEqual(['alice', ...HOSTILE].sort());
		await t.call('AdminDisableUser', { UserPoolId: poolId, Username: 'constructor' });
		expect(
			(await t.call('AdminGetUser', { UserPoolId: poolId, Username: 'constructor' })).Enabled
		).toBe(false);
		expect(
			(await t.call('AdminGetUser', { UserPoolId: poolId, Username: 'toString' })).Enabled
		).toBe(true);
		for (const name of HOSTILE)
			await t.call('AdminDeleteUser', { UserPoolId: poolId, Username: name });
		expect((await t.call('ListUsers', { UserPoolId: poolId })).Users).toHaveLength(1);
	});

	test('groups named after prototype members exist only once created, and reach the token', async () => {
		expect(await t.failure('GetGroup', { UserPoolId: poolId, GroupName: 'constructor' })).toMatch(
			/Group not found|does not exist/
		);
		await t.call('CreateGroup', { UserPoolId: poolId, GroupName: 'constructor' });
		await t.call('CreateGroup', { UserPoolId: poolId, GroupName: '__proto__' });
		await t.call('AdminAddUserToGroup', {
			UserPoolId: poolId,
			Username: 'alice',
			GroupName: '__proto__',
		});
		const groups = await t.call('ListGroups', { UserPoolId: poolId });
		expect(groups.Groups.map((g: Json) => g.GroupName).sort()).toEqual([
			'__proto__',
			'constructor',
		]);
		const result = await t.call('AdminInitiateAuth', {
			UserPoolId: poolId,
			ClientId: clientId,
			AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
			AuthParameters: { USERNAME: 'alice', PASSWORD },
		});
		const claims = JSON.parse(
			Buffer.from(result.AuthenticationResult.IdToken.split('.')[1], 'base64url').toString()
		);
		expect(claims['cognito:groups']).toEqual(['__proto__']);
	});

	test('client ids, sessions and tokens named after prototype members are simply not found', async () => {
		for (const name of HOSTILE) {
			const described = await t
				.call('DescribeUserPoolClient', { UserPoolId: poolId, ClientId: name })
				.catch((error: ApiError) => error);
			expect(described).toBeInstanceOf(ApiError);
			expect((described as ApiError).status).toBe(400);
			const refreshed = await t
				.call('InitiateAuth', {
					ClientId: clientId,
					AuthFlow: 'REFRESH_TOKEN_AUTH',
					AuthParameters: { REFRESH_TOKEN: name },
				})
				.catch((error: ApiError) => error);
			expect((refreshed as ApiError).type).toBe('NotAuthorizedException');
		}
	});

	test('pre token generation claims named "__proto__" are claims, not a prototype', async () => {
		t.sandbox.defineFunction('arn:aws:lambda:us-east-1:123456789012:function:pretoken', (event) => {
			const e = event as Json;
			e.response = {
				claimsOverrideDetails: {
					claimsToAddOrOverride: JSON.parse('{"__proto__": "polluted", "constructor": "c"}'),
				},
			};
			return e;
		});
		await t.call('UpdateUserPool', {
			UserPoolId: poolId,
			LambdaConfig: {
				PreTokenGeneration: 'arn:aws:lambda:us-east-1:123456789012:function:pretoken',
			},
		});
		const result = await t.call('AdminInitiateAuth', {
			UserPoolId: poolId,
			ClientId: clientId,
			AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
			AuthParameters: { USERNAME: 'alice', PASSWORD },
		});
		const payload = Buffer.from(
			result.AuthenticationResult.IdToken.split('.')[1],
			'base64url'
		).toString();
		expect(payload).toContain('"__proto__":"polluted"');
		expect(payload).toContain('"constructor":"c"');
		await t.call('UpdateUserPool', { UserPoolId: poolId, LambdaConfig: {} });
	});

	test('a snapshot keeps hostile names, and restoring it needs no special case', async () => {
		await t.call('AdminCreateUser', {
			UserPoolId: poolId,
			Username: 'hasOwnProperty',
			MessageAction: 'SUPPRESS',
		});
		const copy = createSandbox({ clock: t.clock, random: mulberry32(6) });
		copy.restore(JSON.parse(JSON.stringify(t.sandbox.snapshot())));
		const response = await copy.fetch(
			new Request('http://localhost/', {
				method: 'POST',
				headers: { 'X-Amz-Target': 'AWSCognitoIdentityProviderService.ListGroups' },
				body: JSON.stringify({ UserPoolId: poolId }),
			})
		);
		const groups = (await response.json()) as Json;
		expect(groups.Groups.map((g: Json) => g.GroupName).sort()).toEqual([
			'__proto__',
			'constructor',
		]);
	});
});

describe('every user-pool operation, each string member and map key set to a hostile name', () => {
	/** A value for each member: real ids where the member names one, so calls reach past validation. */
	function valuesFor(t: UserPoolSandbox, ids: Json): Json {
		return {
			UserPoolId: ids.poolId,
			ClientId: ids.clientId,
			Username: 'alice',
			Password: PASSWORD,
			ProposedPassword: PASSWORD,
			PreviousPassword: PASSWORD,
			GroupName: 'g',
			AccessToken: ids.accessToken,
			RefreshToken: ids.refreshToken,
			Token: ids.refreshToken,
		};
	}

	test('no call answers 500 and Object.prototype never changes', async () => {
		const t = userPoolSandbox(9);
		const { poolId, clientId } = await poolWithClient(t, { MfaConfiguration: 'OFF' });
		await signUpConfirmed(t, clientId, 'alice');
		await t.call('CreateGroup', { UserPoolId: poolId, GroupName: 'g' });
		const tokens = (
			await t.call('InitiateAuth', {
				AuthFlow: 'USER_PASSWORD_AUTH',
				ClientId: clientId,
				AuthParameters: { USERNAME: 'alice', PASSWORD },
			})
		).AuthenticationResult;
		const base = valuesFor(t, {
			poolId,
			clientId,
			accessToken: tokens.AccessToken,
			refreshToken: tokens.RefreshToken,
		});
		let calls = 0;
		const skip = new Set(['DeleteUserPool', 'DeleteUser', 'AdminDeleteUser', 'GlobalSignOut']);
		for (const [operation, shapeName] of Object.entries(OPERATION_INPUTS)) {
			if (skip.has(operation) || operation === 'CreateUserPool') continue;
			const members = SHAPES[shapeName]!.m ?? {};
			const required = Object.fromEntries(
				(SHAPES[shapeName]!.req ?? []).map((member) => [member, base[member] ?? 'x'])
			);
			for (const [member, memberShape] of Object.entries(members)) {
				const kind = SHAPES[memberShape]?.t;
				if (kind !== 'string' && kind !== 'map') continue;
				for (const name of HOSTILE) {
					const value =
						kind === 'map' ? JSON.parse(`{${JSON.stringify(name)}: "v", "a": "b"}`) : name;
					const body = JSON.stringify({ ...required, [member]: value });
					const response = await t.sandbox.fetch(
						new Request('http://localhost/', {
							method: 'POST',
							headers: { 'X-Amz-Target': `AWSCognitoIdentityProviderService.${operation}` },
							body,
						})
					);
					calls++;
					const text = await response.text();
					expect(response.status, `${operation} ${body} → ${text}`).toBeLessThan(500);
					expect(prototypeFingerprint(), `${operation} ${body}`).toBe(PRISTINE);
				}
			}
		}
		expect(calls).toBeGreaterThan(500);
	}, 120_000);

	test('random inputs with hostile names anywhere keep Object.prototype intact', async () => {
		const t = userPoolSandbox(10);
		const { poolId } = await poolWithClient(t);
		const operations = Object.keys(OPERATION_INPUTS).filter((op) => op !== 'CreateUserPool');
		const hostile = fc.constantFrom(...HOSTILE);
		const shapedValue = fc.oneof(
			hostile,
			fc.dictionary(hostile, fc.oneof(hostile, fc.string({ maxLength: 5 })), { maxKeys: 3 }),
			fc.array(hostile, { maxLength: 2 }),
			fc.array(fc.record({ Name: hostile, Value: hostile }), { maxLength: 2 })
		);
		await fc.assert(
			fc.asyncProperty(
				fc.constantFrom(...operations),
				fc.dictionary(
					fc.oneof(hostile, fc.constantFrom('Username', 'GroupName', 'ClientId')),
					shapedValue,
					{
						maxKeys: 4,
					}
				),
				async (operation, input) => {
					const response = await t.sandbox.fetch(
						new Request('http://localhost/', {
							method: 'POST',
							headers: { 'X-Amz-Target': `AWSCognitoIdentityProviderService.${operation}` },
							body: JSON.stringify({ UserPoolId: poolId, ...input }),
						})
					);
					expect(response.status).toBeLessThan(500);
					expect(prototypeFingerprint()).toBe(PRISTINE);
				}
			),
			{ numRuns: 1500, seed: Number(process.env.FUZZ_SEED ?? 11) }
		);
	}, 120_000);
});

describe('the service map, identity pools, Sync and STS', () => {
	test('an X-Amz-Target naming a prototype member is an unknown operation (400), never 500', async () => {
		const sandbox = createSandbox({ clock: { now: () => 0 }, random: mulberry32(1) });
		for (const target of [
			'constructor.x',
			'__proto__.CreateUserPool',
			'toString',
			'AWSCognitoIdentityProviderService.constructor',
			'AWSCognitoIdentityService.__proto__',
			'AWSCognitoIdentityService.hasOwnProperty',
		]) {
			const response = await sandbox.fetch(
				new Request('http://localhost/', {
					method: 'POST',
					headers: { 'X-Amz-Target': target },
					body: '{}',
				})
			);
			expect(response.status, target).toBe(400);
			expect(((await response.json()) as Json).__type).toBe('UnknownOperationException');
		}
	});

	test('identity pools keep login providers, tags and role mappings named "__proto__"', async () => {
		const sandbox = createSandbox({ clock: { now: () => 0 }, random: mulberry32(2) });
		const call = async (operation: string, body: Json) => {
			const response = await sandbox.fetch(
				new Request('http://localhost/', {
					method: 'POST',
					headers: { 'X-Amz-Target': `AWSCognitoIdentityService.${operation}` },
					body: JSON.stringify(body),
				})
			);
			const json = (await response.json()) as Json;
			expect(response.status, JSON.stringify(json)).toBeLessThan(500);
			return json;
		};
		const pool = await call('CreateIdentityPool', {
			IdentityPoolName: 'p',
			AllowUnauthenticatedIdentities: true,
			SupportedLoginProviders: JSON.parse('{"__proto__": "app-id", "constructor": "other"}'),
			IdentityPoolTags: JSON.parse('{"__proto__": "tag"}'),
		});
		const described = await call('DescribeIdentityPool', { IdentityPoolId: pool.IdentityPoolId });
		expect(Object.keys(described.SupportedLoginProviders).sort()).toEqual([
			'__proto__',
			'constructor',
		]);
		expect(Object.keys(described.IdentityPoolTags)).toEqual(['__proto__']);
		const lookup = await call('GetId', {
			IdentityPoolId: pool.IdentityPoolId,
			Logins: JSON.parse('{"toString": "token"}'),
		});
		expect(lookup.__type).toBeDefined();
		await call('SetPrincipalTagAttributeMap', {
			IdentityPoolId: pool.IdentityPoolId,
			IdentityProviderName: '__proto__',
			PrincipalTags: JSON.parse('{"__proto__": "sub"}'),
		});
		const tags = await call('GetPrincipalTagAttributeMap', {
			IdentityPoolId: pool.IdentityPoolId,
			IdentityProviderName: '__proto__',
		});
		expect(tags.PrincipalTags).toEqual(JSON.parse('{"__proto__": "sub"}'));
		const missing = await call('GetPrincipalTagAttributeMap', {
			IdentityPoolId: pool.IdentityPoolId,
			IdentityProviderName: 'constructor',
		});
		expect(missing.__type).toBe('ResourceNotFoundException');
	});

	test('STS refuses an access key id named after a prototype member', async () => {
		const sandbox = createSandbox({ clock: { now: () => 0 }, random: mulberry32(3) });
		for (const name of HOSTILE) {
			const response = await sandbox.fetch(
				new Request('http://localhost/', {
					method: 'POST',
					headers: {
						'content-type': 'application/x-www-form-urlencoded',
						authorization: `AWS4-HMAC-SHA256 Credential=${name}/20260101/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=x`,
					},
					body: 'Action=GetCallerIdentity&Version=2011-06-15',
				})
			);
			expect(response.status, name).toBeLessThan(500);
		}
	});

	test('a snapshot with a prototype key where a record belongs is refused with its path', () => {
		const sandbox = createSandbox({ clock: { now: () => 0 }, random: mulberry32(4) });
		const snapshot = JSON.parse(JSON.stringify(sandbox.snapshot()));
		const poisoned = JSON.parse(
			JSON.stringify(snapshot).replace('"v":2', '"v":2,"__proto__":{"enabled":true}')
		);
		expect(() => sandbox.restore(poisoned)).toThrowError(SnapshotError);
		expect(() => sandbox.restore(poisoned)).toThrowErrorMatchingInlineSnapshot(
			`[SnapshotError: __proto__: is not a field of this record (prototype key)]`
		);
	});
});

describe('Cognito Sync', () => {
	test('records keyed "__proto__" and "constructor" are written, listed and survive a snapshot', async () => {
		const env = identitySandbox(12);
		const pool = await env.identity.send(
			new CreateIdentityPoolCommand({
				IdentityPoolName: 'sync',
				AllowUnauthenticatedIdentities: true,
			})
		);
		await env.identity.send(
			new SetIdentityPoolRolesCommand({
				IdentityPoolId: pool.IdentityPoolId!,
				Roles: { unauthenticated: ROLES.unauth },
			})
		);
		const { IdentityId } = await env.identity.send(
			new GetIdCommand({ IdentityPoolId: pool.IdentityPoolId! })
		);
		const client = env.syncAs(
			(await env.identity.send(new GetCredentialsForIdentityCommand({ IdentityId }))).Credentials!
		);
		const ids = { IdentityPoolId: pool.IdentityPoolId!, IdentityId, DatasetName: '__proto__' };
		const listed = await client.send(new ListRecordsCommand(ids));
		await client.send(
			new UpdateRecordsCommand({
				...ids,
				SyncSessionToken: listed.SyncSessionToken,
				RecordPatches: HOSTILE.map((Key) => ({
					Op: 'replace',
					Key,
					Value: `v-${Key}`,
					SyncCount: 0,
				})),
			})
		);
		const read = async (sandbox: typeof env.sandbox) => {
			const records = (await client.send(new ListRecordsCommand(ids))).Records ?? [];
			return records.map((record) => `${record.Key}=${record.Value}`).sort();
		};
		const expected = HOSTILE.map((key) => `${key}=v-${key}`).sort();
		expect(await read(env.sandbox)).toEqual(expected);
		env.sandbox.restore(JSON.parse(JSON.stringify(env.sandbox.snapshot())));
		expect(await read(env.sandbox)).toEqual(expected);
	});
});
