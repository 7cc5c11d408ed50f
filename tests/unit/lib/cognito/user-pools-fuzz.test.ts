import fc from 'fast-check';
import { beforeAll, describe, expect, test } from 'vitest';
import { USER_POOL_OPERATIONS } from '../../../../src/lib/cognito/user-pools';
import { OPERATION_INPUTS, SHAPES } from '../../../../src/lib/cognito/user-pools/model/shapes';
import { HOSTILE_NAMES, prototypeFingerprint } from '../../../fixtures/hostile';
import {
	ApiError,
	PASSWORD,
	poolSnapshot,
	poolWithClient,
	signUpConfirmed,
	userPoolSandbox,
	type Json,
	type UserPoolSandbox,
} from '../../../fixtures/user-pool-sandbox';

/** Operations fuzzed in bulk (CreateUserPool generates RSA keys, so it gets its own smaller run). */
const OPERATIONS = USER_POOL_OPERATIONS.filter((op) => op !== 'CreateUserPool');

describe('fuzzing every operation', () => {
	let t: UserPoolSandbox;
	let a: {
		poolId: string;
		clientId: string;
		accessToken: string;
		refreshToken: string;
		session: string;
	};
	let bPoolId: string;
	const poolState = (poolId: string) => JSON.stringify(poolSnapshot(t.sandbox, poolId));

	beforeAll(async () => {
		t = userPoolSandbox(71);
		const first = await poolWithClient(t, { MfaConfiguration: 'OFF' });
		await signUpConfirmed(t, first.clientId, 'alice');
		const tokens = (
			await t.call('InitiateAuth', {
				AuthFlow: 'USER_PASSWORD_AUTH',
				ClientId: first.clientId,
				AuthParameters: { USERNAME: 'alice', PASSWORD },
			})
		).AuthenticationResult;
		const srp = await t.call('InitiateAuth', {
			AuthFlow: 'USER_SRP_AUTH',
			ClientId: first.clientId,
			AuthParameters: { USERNAME: 'alice', SRP_A: 'abcdef0123456789' },
		});
		a = {
			...first,
			accessToken: tokens.AccessToken,
			refreshToken: tokens.RefreshToken,
			session: srp.Session,
		};
		const second = await poolWithClient(t);
		await signUpConfirmed(t, second.clientId, 'bob');
		await t.call('CreateGroup', { UserPoolId: second.poolId, GroupName: 'g' });
		bPoolId = second.poolId;
	});

	const junk = fc.oneof(
		fc.string({ maxLength: 40 }),
		fc.integer({ min: -5, max: 400 }),
		fc.boolean(),
		fc.constant(null),
		fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 }),
		fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 })
	);

	/** Pool A's real ids, names and tokens, so inputs reach deep into the handlers. */
	function knownValues(): Record<string, unknown[]> {
		return {
			UserPoolId: [a.poolId, 'us-east-1_zzzzzzzzz'],
			ClientId: [a.clientId, 'abcdefghijklmnopqrstuvwxyz'],
			Username: ['alice', 'alice@example.com', 'ghost', 'bob', ...HOSTILE_NAMES],
			AccessToken: [a.accessToken, 'eyJ.eyJ.sig'],
			RefreshToken: [a.refreshToken],
			Token: [a.refreshToken, a.accessToken],
			Session: [a.session, 'x'.repeat(30)],
			Password: [PASSWORD, 'short'],
			ProposedPassword: [PASSWORD],
			PreviousPassword: [PASSWORD],
			TemporaryPassword: [PASSWORD],
			GroupName: ['g', 'admins', ...HOSTILE_NAMES],
			DeviceKey: ['us-east-1_x', ...HOSTILE_NAMES],
			Identifier: ['https://api.example.com', ...HOSTILE_NAMES],
			AuthParameters: [
				{ USERNAME: 'alice', PASSWORD },
				{ USERNAME: 'alice', SRP_A: 'ff' },
				{ REFRESH_TOKEN: a.refreshToken },
				{ USERNAME: 'alice', PREFERRED_CHALLENGE: 'EMAIL_OTP' },
				{ USERNAME: 'alice', CHALLENGE_NAME: 'SRP_A', SRP_A: 'ab' },
			],
			ChallengeResponses: [
				{
					USERNAME: 'alice',
					PASSWORD_CLAIM_SIGNATURE: 'abc',
					PASSWORD_CLAIM_SECRET_BLOCK: 'AAAA',
					TIMESTAMP: 'Tue Jan 2 15:04:05 UTC 2006',
				},
				{ USERNAME: 'alice', ANSWER: 'x' },
			],
			UserAttributes: [
				[{ Name: 'email', Value: 'x@example.com' }],
				[{ Name: 'custom:nope', Value: 'x' }],
				[{ Name: 'sub', Value: 'x' }],
				[{ Name: 'phone_number', Value: '+15555550100' }],
			],
			AttributeName: ['email', 'phone_number', 'name'],
			Filter: ['email ^= "a"', 'username = "alice"', 'bad filter'],
		};
	}

	/** A value of the shape's type (mostly valid, sometimes out of range), or now and then junk of any type. */
	function arbitraryFor(shapeName: string, depth: number): fc.Arbitrary<unknown> {
		const shape = SHAPES[shapeName]!;
		let typed: fc.Arbitrary<unknown>;
		switch (shape.t) {
			case 'string':
				typed = shape.e
					? fc.constantFrom(...shape.e)
					: fc.string({ minLength: shape.min ?? 0, maxLength: Math.min(shape.max ?? 30, 30) });
				break;
			case 'integer':
			case 'long':
				typed = fc.integer({
					min: (shape.min ?? 0) - 1,
					max: Math.min(shape.max ?? 1000, 1000) + 1,
				});
				break;
			case 'boolean':
				typed = fc.boolean();
				break;
			case 'list':
				typed =
					depth > 3
						? fc.constant([])
						: fc.array(arbitraryFor(shape.i!, depth + 1), { maxLength: 3 });
				break;
			case 'map':
				typed = fc.dictionary(
					fc.oneof(fc.string({ minLength: 1, maxLength: 10 }), fc.constantFrom(...HOSTILE_NAMES)),
					fc.string({ maxLength: 10 }),
					{ maxKeys: 3 }
				);
				break;
			case 'structure':
				typed = depth > 3 ? fc.constant({}) : structureFor(shapeName, depth + 1, {});
				break;
			default:
				typed = junk;
		}
		return fc.oneof({ arbitrary: typed, weight: 12 }, { arbitrary: junk, weight: 1 });
	}

	function structureFor(
		shapeName: string,
		depth: number,
		known: Record<string, unknown[]>
	): fc.Arbitrary<Json> {
		const shape = SHAPES[shapeName]!;
		const entries = Object.entries(shape.m ?? {}).map(([member, memberShape]) => {
			const options = known[member];
			const value = options
				? fc.oneof(
						{ arbitrary: fc.constantFrom(...options), weight: 6 },
						{ arbitrary: arbitraryFor(memberShape, depth), weight: 1 }
					)
				: arbitraryFor(memberShape, depth);
			const required = (shape.req ?? []).includes(member);
			return [member, fc.option(value, { nil: undefined, freq: required ? 20 : 3 })] as const;
		});
		return fc
			.record(Object.fromEntries(entries))
			.map((record) =>
				Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined))
			);
	}

	function inputFor(operation: string): fc.Arbitrary<Json> {
		const known = knownValues();
		// DeleteUserPool must not remove the pool everything else is fuzzed against.
		if (operation === 'DeleteUserPool') known.UserPoolId = ['us-east-1_zzzzzzzzz'];
		if (operation === 'DeleteUserPoolClient') known.ClientId = ['abcdefghijklmnopqrstuvwxyz'];
		// Keep alice (whose tokens reach deep into the handlers) alive for the whole run.
		if (operation === 'AdminDeleteUser') known.Username = ['ghost', 'bob'];
		if (operation === 'DeleteUser') known.AccessToken = ['eyJ.eyJ.sig'];
		return structureFor(OPERATION_INPUTS[operation]!, 0, known);
	}

	test('random inputs only ever produce service errors and never touch another pool', async () => {
		const before = poolState(bPoolId);
		const pristine = prototypeFingerprint();
		const outcomes: Record<string, number> = {};
		await fc.assert(
			fc.asyncProperty(
				fc
					.constantFrom(...OPERATIONS)
					.chain((operation) => inputFor(operation).map((input) => ({ operation, input }))),
				async ({ operation, input }) => {
					try {
						await t.call(operation, input);
						outcomes.ok = (outcomes.ok ?? 0) + 1;
					} catch (error) {
						expect(error).toBeInstanceOf(ApiError);
						const failure = error as ApiError;
						outcomes[failure.type] = (outcomes[failure.type] ?? 0) + 1;
						expect(
							failure.type,
							`${operation} ${JSON.stringify(input)} → ${failure.message}`
						).not.toBe('InternalErrorException');
						expect(failure.status).toBeLessThan(500);
					}
					expect(poolState(bPoolId)).toBe(before);
					expect(prototypeFingerprint()).toBe(pristine);
				}
			),
			{ numRuns: 3000, seed: Number(process.env.FUZZ_SEED ?? 42) }
		);
		// The inputs must reach past validation: some calls succeed and the handlers' own errors appear.
		expect(outcomes.ok).toBeGreaterThan(100);
		expect(Object.keys(outcomes).length).toBeGreaterThan(8);
	}, 120_000);

	test('CreateUserPool with random settings fails cleanly or creates a describable pool', async () => {
		await fc.assert(
			fc.asyncProperty(inputFor('CreateUserPool'), async (input) => {
				try {
					const { UserPool } = await t.call('CreateUserPool', input);
					expect((await t.call('DescribeUserPool', { UserPoolId: UserPool.Id })).UserPool.Id).toBe(
						UserPool.Id
					);
				} catch (error) {
					expect((error as ApiError).type).not.toBe('InternalErrorException');
				}
			}),
			{ numRuns: 40, seed: 7 }
		);
	}, 120_000);
});
