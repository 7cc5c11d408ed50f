/**
 * The token inspector's engine against a real sandbox: tokens found in the app's responses, signatures verified
 * against the pool's JWKS fetched from the token's own issuer, tampering and unknown keys refused, expiry on the
 * sandbox clock.
 */
import { describe, expect, test, vi } from 'vitest';
import {
	explainClaim,
	expiryAt,
	formatDuration,
	jwksUrl,
	nextCallWith,
	tokensInTrace,
	verifySignature,
} from '../../../../src/lib/simulator/token-inspection';
import type { TraceEvent } from '../../../../src/lib/cognito';
import { headlessContext, NOW } from '../../../fixtures/scenarios';

vi.setConfig({ testTimeout: 30_000 });

async function signedIn() {
	const { sandbox, context } = headlessContext(7);
	const ok = async (operation: string, request: object) => {
		const outcome = await context.call(operation, request as never);
		if (!outcome.ok)
			throw new Error(`${operation}: ${outcome.error.type} ${outcome.error.message}`);
		return outcome.response as any;
	};
	const pool = (await ok('CreateUserPool', { PoolName: 'inspect' })).UserPool;
	const client = (
		await ok('CreateUserPoolClient', {
			UserPoolId: pool.Id,
			ClientName: 'web',
			ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
		})
	).UserPoolClient;
	await ok('AdminCreateUser', {
		UserPoolId: pool.Id,
		Username: 'maria',
		MessageAction: 'SUPPRESS',
	});
	await ok('AdminSetUserPassword', {
		UserPoolId: pool.Id,
		Username: 'maria',
		Password: 'Correct-horse-9',
		Permanent: true,
	});
	await ok('InitiateAuth', {
		ClientId: client.ClientId,
		AuthFlow: 'USER_PASSWORD_AUTH',
		AuthParameters: { USERNAME: 'maria', PASSWORD: 'Correct-horse-9' },
	});
	return { sandbox, context, ok, poolId: pool.Id as string };
}

describe('token inspection', () => {
	test("finds the app's tokens, newest first, and verifies them against the issuer's JWKS", async () => {
		const { sandbox, ok, poolId } = await signedIn();
		const tokens = tokensInTrace(sandbox.trace);
		expect(tokens.map((token) => [token.use, token.source, token.subject])).toEqual([
			['access', 'InitiateAuth → AuthenticationResult.AccessToken', 'maria'],
			['id', 'InitiateAuth → AuthenticationResult.IdToken', 'maria'],
		]);
		const id = tokens[1]!;
		const url = jwksUrl(id.decoded.claims)!;
		expect(url).toBe(`https://cognito-idp.us-east-1.amazonaws.com/${poolId}/.well-known/jwks.json`);
		const jwks = (await ok('Sandbox.HttpRequest', { Url: url })).Body;
		expect(await verifySignature(id.token, jwks)).toEqual({
			valid: true,
			kid: id.decoded.header.kid,
		});
		expect((await verifySignature(tokens[0]!.token, jwks)).valid).toBe(true);

		// A claim changed after signing (cognito:groups added) no longer verifies.
		const [header, , signature] = id.token.split('.');
		const forged = Buffer.from(
			JSON.stringify({ ...id.decoded.claims, 'cognito:groups': ['admins'] })
		).toString('base64url');
		expect(await verifySignature(`${header}.${forged}.${signature}`, jwks)).toEqual({
			valid: false,
			reason: 'The signature does not match: the token was changed after the pool signed it.',
		});
		// Another pool's keys do not have this kid.
		const other = (await ok('CreateUserPool', { PoolName: 'other' })).UserPool;
		const otherJwks = (
			await ok('Sandbox.HttpRequest', {
				Url: `https://cognito-idp.us-east-1.amazonaws.com/${other.Id}/.well-known/jwks.json`,
			})
		).Body;
		expect(await verifySignature(id.token, otherJwks)).toEqual({
			valid: false,
			reason: "No key in the pool's JWKS has this token's kid.",
		});
		expect((await verifySignature(id.token, { nope: 1 })).valid).toBe(false);
	});

	test('back-channel calls are not the app’s tokens; a token seen twice is listed once', async () => {
		const { sandbox } = await signedIn();
		const call = sandbox.trace.find(
			(event): event is Extract<TraceEvent, { type: 'ApiCall' }> =>
				event.type === 'ApiCall' && event.operation === 'InitiateAuth'
		)!;
		const events: TraceEvent[] = [call, { ...call, caller: 'cognito-idp' }, call];
		expect(tokensInTrace(events)).toHaveLength(2);
		expect(tokensInTrace([{ ...call, caller: 'gateway' }])).toEqual([]);
	});

	test('expiry on the sandbox clock, and what claims mean', async () => {
		const { sandbox } = await signedIn();
		const id = tokensInTrace(sandbox.trace).find((token) => token.use === 'id');
		const claims = id!.decoded.claims;
		expect(claims.exp).toBe(NOW / 1000 + 3600);
		expect(expiryAt(claims, NOW)).toEqual({ state: 'valid', secondsLeft: 3600 });
		expect(expiryAt(claims, NOW + 3599_500)).toEqual({ state: 'valid', secondsLeft: 1 });
		expect(expiryAt(claims, NOW + 3600_000)).toEqual({ state: 'expired', secondsAgo: 0 });
		expect(expiryAt(claims, NOW + 3700_000)).toEqual({ state: 'expired', secondsAgo: 100 });
		expect(expiryAt({}, NOW)).toEqual({ state: 'no-exp' });
		expect(formatDuration(3600)).toBe('1 h 0 min 0 s');
		expect(formatDuration(125)).toBe('2 min 5 s');
		expect(formatDuration(9)).toBe('9 s');
		expect(explainClaim('token_use')).toMatch(/^id or access/);
		expect(explainClaim('custom:tier')).toBe('A custom attribute of the user.');
		expect(explainClaim('__proto__')).toMatch(/^A claim added/);
	});

	test('"use this token": GetUser with an access token, GetId at the last identity pool with an ID token', async () => {
		const { sandbox, ok, poolId } = await signedIn();
		const [access, id] = tokensInTrace(sandbox.trace);
		const profile = nextCallWith(access!, sandbox.trace)!;
		expect(profile).toEqual({ operation: 'GetUser', request: { AccessToken: access!.token } });
		expect((await ok(profile.operation, profile.request)).Username).toBe('maria');

		const provider = `cognito-idp.us-east-1.amazonaws.com/${poolId}`;
		expect(nextCallWith(id!, sandbox.trace)!.request.IdentityPoolId).toMatch(
			/create an identity pool/
		);
		const identityPool = await ok('CreateIdentityPool', {
			IdentityPoolName: 'app',
			AllowUnauthenticatedIdentities: false,
			CognitoIdentityProviders: [
				{ ProviderName: provider, ClientId: id!.decoded.claims.aud as string },
			],
		});
		const exchange = nextCallWith(id!, sandbox.trace)!;
		expect(exchange).toEqual({
			operation: 'GetId',
			request: { IdentityPoolId: identityPool.IdentityPoolId, Logins: { [provider]: id!.token } },
		});
		expect((await ok(exchange.operation, exchange.request)).IdentityId).toMatch(/^us-east-1:/);
	});
});
