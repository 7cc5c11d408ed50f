import { awsUrlStyle } from '../../../../src/lib/cognito/core/urls';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import {
	claimsOf,
	headerOf,
	NOW,
	PASSWORD,
	poolWithClient,
	signUpConfirmed,
	userPoolSandbox,
	type UserPoolSandbox,
} from '../../../fixtures/user-pool-sandbox';

const ADMINS = 'arn:aws:iam::123456789012:role/Admins';
const EDITORS = 'arn:aws:iam::123456789012:role/Editors';

describe('ID and access tokens', () => {
	let t: UserPoolSandbox;
	let poolId: string;
	let clientId: string;
	let tokens: Record<string, any>;
	beforeAll(async () => {
		t = userPoolSandbox(41);
		({ poolId, clientId } = await poolWithClient(t, {
			Schema: [
				{ Name: 'tenant', AttributeDataType: 'String' },
				{ Name: 'level', AttributeDataType: 'Number' },
			],
		}));
		await t.call('SignUp', {
			ClientId: clientId,
			Username: 'alice',
			Password: PASSWORD,
			UserAttributes: [
				{ Name: 'email', Value: 'alice@example.com' },
				{ Name: 'custom:tenant', Value: 'acme' },
				{ Name: 'custom:level', Value: '3' },
			],
		});
		await t.call('ConfirmSignUp', {
			ClientId: clientId,
			Username: 'alice',
			ConfirmationCode: t.lastCode('alice@example.com'),
		});
		await t.call('CreateGroup', {
			UserPoolId: poolId,
			GroupName: 'admins',
			Precedence: 1,
			RoleArn: ADMINS,
		});
		await t.call('CreateGroup', {
			UserPoolId: poolId,
			GroupName: 'editors',
			Precedence: 5,
			RoleArn: EDITORS,
		});
		await t.call('CreateGroup', { UserPoolId: poolId, GroupName: 'plain' });
		for (const group of ['editors', 'admins', 'plain'])
			await t.call('AdminAddUserToGroup', {
				UserPoolId: poolId,
				Username: 'alice',
				GroupName: group,
			});
		tokens = (
			await t.call('InitiateAuth', {
				AuthFlow: 'USER_PASSWORD_AUTH',
				ClientId: clientId,
				AuthParameters: { USERNAME: 'alice', PASSWORD },
			})
		).AuthenticationResult;
	});
	afterEach(() => vi.useRealTimers());

	test('the ID token has the documented claims, in the service order', () => {
		const claims = claimsOf(tokens.IdToken);
		expect(Object.keys(claims)).toEqual([
			'sub',
			'cognito:groups',
			'cognito:preferred_role',
			'cognito:roles',
			'iss',
			'cognito:username',
			'origin_jti',
			'aud',
			'event_id',
			'token_use',
			'auth_time',
			'email',
			'custom:tenant',
			'custom:level',
			'email_verified',
			'exp',
			'iat',
			'jti',
		]);
		expect(claims).toMatchObject({
			iss: `https://cognito-idp.us-east-1.amazonaws.com/${poolId}`,
			aud: clientId,
			token_use: 'id',
			'cognito:username': 'alice',
			'cognito:groups': ['admins', 'editors', 'plain'],
			'cognito:preferred_role': ADMINS,
			'cognito:roles': [ADMINS, EDITORS],
			email_verified: true,
			'custom:level': '3',
			auth_time: NOW / 1000,
			iat: NOW / 1000,
			exp: NOW / 1000 + 3600,
		});
	});

	test('the access token has client_id and scope but no aud and no attributes', () => {
		const claims = claimsOf(tokens.AccessToken);
		expect(Object.keys(claims)).toEqual([
			'sub',
			'cognito:groups',
			'iss',
			'client_id',
			'origin_jti',
			'event_id',
			'token_use',
			'scope',
			'auth_time',
			'exp',
			'iat',
			'jti',
			'username',
		]);
		expect(claims.scope).toBe('aws.cognito.signin.user.admin');
		expect(claims.client_id).toBe(clientId);
		expect(claims.origin_jti).toBe(claimsOf(tokens.IdToken).origin_jti);
		expect(claims.event_id).toBe(claimsOf(tokens.IdToken).event_id);
		expect(claims.jti).not.toBe(claimsOf(tokens.IdToken).jti);
	});

	test('ID and access tokens are RS256 with different kids, both in the JWKS', async () => {
		const idHeader = headerOf(tokens.IdToken);
		const accessHeader = headerOf(tokens.AccessToken);
		expect(Object.keys(idHeader)).toEqual(['kid', 'alg']);
		expect(idHeader.alg).toBe('RS256');
		expect(idHeader.kid).not.toBe(accessHeader.kid);
		const response = await t.sandbox.fetch(
			new Request(`https://cognito-idp.us-east-1.amazonaws.com/${poolId}/.well-known/jwks.json`)
		);
		const jwks = await response.json();
		expect(jwks.keys.map((k: { kid: string }) => k.kid)).toEqual([idHeader.kid, accessHeader.kid]);
		expect(jwks.keys[0]).toMatchObject({ alg: 'RS256', kty: 'RSA', use: 'sig', e: 'AQAB' });
		const config = await (
			await t.sandbox.fetch(
				new Request(`http://localhost/${poolId}/.well-known/openid-configuration`)
			)
		).json();
		expect(config.issuer).toBe(`https://cognito-idp.us-east-1.amazonaws.com/${poolId}`);
		expect(config.jwks_uri).toBe(
			`https://cognito-idp.us-east-1.amazonaws.com/${poolId}/.well-known/jwks.json`
		);
	});

	test('aws-jwt-verify accepts both tokens with the sandbox JWKS and checks groups', async () => {
		vi.useFakeTimers({ toFake: ['Date'], now: NOW + 60_000 });
		const jwks = await (
			await t.sandbox.fetch(new Request(`http://localhost/${poolId}/.well-known/jwks.json`))
		).json();
		const idVerifier = CognitoJwtVerifier.create({ userPoolId: poolId, tokenUse: 'id', clientId });
		idVerifier.cacheJwks(jwks);
		expect((await idVerifier.verify(tokens.IdToken))['cognito:username']).toBe('alice');
		const accessVerifier = CognitoJwtVerifier.create({
			userPoolId: poolId,
			tokenUse: 'access',
			clientId,
			groups: 'admins',
			scope: 'aws.cognito.signin.user.admin',
		});
		accessVerifier.cacheJwks(jwks);
		expect((await accessVerifier.verify(tokens.AccessToken)).username).toBe('alice');
		await expect(idVerifier.verify(tokens.AccessToken)).rejects.toThrow();
		const wrongClient = CognitoJwtVerifier.create({
			userPoolId: poolId,
			tokenUse: 'id',
			clientId: 'someoneelse',
		});
		wrongClient.cacheJwks(jwks);
		await expect(wrongClient.verify(tokens.IdToken)).rejects.toThrow(/Client ID/i);
	});

	test('a tie of lowest precedence with different roles leaves out cognito:preferred_role', async () => {
		const { clientId: c2, poolId: p2 } = await poolWithClient(t);
		await signUpConfirmed(t, c2, 'bob');
		await t.call('CreateGroup', { UserPoolId: p2, GroupName: 'a', Precedence: 1, RoleArn: ADMINS });
		await t.call('CreateGroup', {
			UserPoolId: p2,
			GroupName: 'b',
			Precedence: 1,
			RoleArn: EDITORS,
		});
		for (const group of ['a', 'b'])
			await t.call('AdminAddUserToGroup', { UserPoolId: p2, Username: 'bob', GroupName: group });
		const { IdToken } = (
			await t.call('InitiateAuth', {
				AuthFlow: 'USER_PASSWORD_AUTH',
				ClientId: c2,
				AuthParameters: { USERNAME: 'bob', PASSWORD },
			})
		).AuthenticationResult;
		const claims = claimsOf(IdToken);
		expect(claims['cognito:preferred_role']).toBeUndefined();
		expect(claims['cognito:roles']).toEqual([ADMINS, EDITORS]);
	});

	test('without token revocation there is no jti/origin_jti', async () => {
		const { UserPoolClient } = await t.call('CreateUserPoolClient', {
			UserPoolId: poolId,
			ClientName: 'norevoke',
			EnableTokenRevocation: false,
			ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'],
		});
		const { AccessToken } = (
			await t.call('InitiateAuth', {
				AuthFlow: 'USER_PASSWORD_AUTH',
				ClientId: UserPoolClient.ClientId,
				AuthParameters: { USERNAME: 'alice', PASSWORD },
			})
		).AuthenticationResult;
		const claims = claimsOf(AccessToken);
		expect(claims.jti).toBeUndefined();
		expect(claims.origin_jti).toBeUndefined();
		expect(claims.event_id).toBeDefined();
	});

	test('each token issue is traced', () => {
		const issued = t.sandbox.trace.filter((e) => e.type === 'TokenIssued');
		expect(issued.map((e) => (e as { tokenUse: string }).tokenUse).slice(0, 3)).toEqual([
			'id',
			'access',
			'refresh',
		]);
	});
});

describe('verifyIdToken (used by identity pools)', () => {
	test('checks signature, expiry and, with serverSideTokenCheck, sign-out and deletion', async () => {
		const t = userPoolSandbox(42);
		const { poolId, clientId } = await poolWithClient(t);
		await signUpConfirmed(t, clientId, 'carol');
		const { IdToken, AccessToken } = (
			await t.call('InitiateAuth', {
				AuthFlow: 'USER_PASSWORD_AUTH',
				ClientId: clientId,
				AuthParameters: { USERNAME: 'carol', PASSWORD },
			})
		).AuthenticationResult;
		const ok = await verify(t, IdToken, true);
		expect(ok).toMatchObject({ userPoolId: poolId, clientId });
		const tampered = IdToken.slice(0, -4) + (IdToken.endsWith('AAAA') ? 'BBBB' : 'AAAA');
		await expect(verify(t, tampered, false)).rejects.toThrow(/NotAuthorized|Signature/);
		await t.call('GlobalSignOut', { AccessToken });
		expect(await verify(t, IdToken, false)).toMatchObject({ userPoolId: poolId });
		await expect(verify(t, IdToken, true)).rejects.toThrow(/Invalid login token/);
		t.clock.advance(3600_000);
		await expect(verify(t, IdToken, false)).rejects.toThrow(/Token expired/);
	});
});

/** Calls the user-pool service's verifyIdToken through a fresh service sharing the sandbox state. */
async function verify(t: UserPoolSandbox, token: string, serverSideTokenCheck: boolean) {
	const { createUserPoolService } = await import('../../../../src/lib/cognito/user-pools');
	const service = createUserPoolService({
		region: 'us-east-1',
		accountId: '123456789012',
		clock: { now: () => t.clock.now() },
		random: Math.random,
		emit() {},
		send() {},
		functions: new Map(),
		roles: new Map(),
		strictRoles: false,
		runtime: {
			invoke: async () => ({ ok: false, kind: 'crash', message: '', logs: [], durationMs: 0 }),
		},
		uuid: () => '00000000-0000-4000-8000-000000000000',
		randomString: (n) => 'a'.repeat(n),
		urls: awsUrlStyle(),
	});
	service.load(service.decode(t.sandbox.snapshot().userPools, 'userPools'));
	return service.verifyIdToken(token, { serverSideTokenCheck });
}
