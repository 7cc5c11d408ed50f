import { AuthenticationDetails, CognitoUser, CognitoUserPool } from 'amazon-cognito-identity-js';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import {
	computeVerifier,
	gPow,
	modPow,
	N,
	padHex,
	srpPoolName,
} from '../../../../src/lib/cognito/user-pools/srp';
import {
	claimsOf,
	PASSWORD,
	poolWithClient,
	signUpConfirmed,
	userPoolSandbox,
	type UserPoolSandbox,
} from '../../../fixtures/user-pool-sandbox';

// The client library's SRP arithmetic (jsbn) takes a few hundred ms per sign-in.
vi.setConfig({ testTimeout: 30_000 });

/** Routes amazon-cognito-identity-js (which uses global fetch) to the sandbox. */
function routeFetchTo(t: UserPoolSandbox) {
	vi.stubGlobal('fetch', (url: string, init: RequestInit) =>
		t.sandbox.fetch(new Request(url, init))
	);
}

function authenticate(user: CognitoUser, details: AuthenticationDetails) {
	return new Promise<{ kind: string; value: any }>((resolve) => {
		user.authenticateUser(details, {
			onSuccess: (session) => resolve({ kind: 'success', value: session }),
			onFailure: (error) => resolve({ kind: 'failure', value: error }),
			newPasswordRequired: (attributes) =>
				resolve({ kind: 'newPasswordRequired', value: attributes }),
			totpRequired: (name) => resolve({ kind: 'totpRequired', value: name }),
			mfaRequired: (name) => resolve({ kind: 'mfaRequired', value: name }),
		});
	});
}

describe('SRP (USER_SRP_AUTH) with amazon-cognito-identity-js', () => {
	let t: UserPoolSandbox;
	beforeEach(() => {
		t = userPoolSandbox(7);
		routeFetchTo(t);
	});
	afterEach(() => vi.unstubAllGlobals());

	test('padHex pads like the client library', () => {
		expect(padHex(0x7fn)).toBe('7f');
		expect(padHex(0x80n)).toBe('0080');
		expect(padHex(0xabcn)).toBe('0abc');
		expect(srpPoolName('us-east-1_AbC123xyz')).toBe('AbC123xyz');
	});

	test('the verifier is g^x mod N and below N', async () => {
		const v = BigInt(`0x${await computeVerifier('Pool', 'alice', 'secret', 'ab12')}`);
		expect(v > 0n && v < N).toBe(true);
		expect(modPow(2n, 10n, 1000n)).toBe(24n);
		const exponent = 0xdeadbeefcafebaben ** 7n;
		expect(gPow(exponent)).toBe(modPow(2n, exponent, N));
		expect(gPow(1n << 300n)).toBe(modPow(2n, 1n << 300n, N));
	});

	test('authenticateUser signs in through PASSWORD_VERIFIER and gets verifiable tokens', async () => {
		const { poolId, clientId } = await poolWithClient(t);
		await signUpConfirmed(t, clientId, 'alice');
		const pool = new CognitoUserPool({
			UserPoolId: poolId,
			ClientId: clientId,
			endpoint: 'http://localhost/',
		});
		const user = new CognitoUser({ Username: 'alice', Pool: pool });
		const result = await authenticate(
			user,
			new AuthenticationDetails({ Username: 'alice', Password: PASSWORD })
		);
		expect(result.kind).toBe('success');
		const idToken = result.value.getIdToken().getJwtToken();
		expect(claimsOf(idToken)['cognito:username']).toBe('alice');
		const calls = t.sandbox.trace
			.filter((e) => e.type === 'ApiCall')
			.map((e) => (e as { operation: string }).operation);
		expect(calls.slice(-2)).toEqual(['InitiateAuth', 'RespondToAuthChallenge']);
		const initiate = t.sandbox.trace
			.filter((e) => e.type === 'ApiCall' && e.operation === 'InitiateAuth')
			.pop() as any;
		expect(Object.keys(initiate.response.ChallengeParameters).sort()).toEqual([
			'SALT',
			'SECRET_BLOCK',
			'SRP_B',
			'USERNAME',
			'USER_ID_FOR_SRP',
		]);
		expect(initiate.response.ChallengeName).toBe('PASSWORD_VERIFIER');
	});

	test('a wrong password fails at PASSWORD_VERIFIER with the generic message', async () => {
		const { poolId, clientId } = await poolWithClient(t);
		await signUpConfirmed(t, clientId, 'bob');
		const pool = new CognitoUserPool({
			UserPoolId: poolId,
			ClientId: clientId,
			endpoint: 'http://localhost/',
		});
		const result = await authenticate(
			new CognitoUser({ Username: 'bob', Pool: pool }),
			new AuthenticationDetails({ Username: 'bob', Password: 'Wrong-Passw0rd' })
		);
		expect(result.kind).toBe('failure');
		expect(result.value.code).toBe('NotAuthorizedException');
		expect(result.value.message).toBe('Incorrect username or password.');
	});

	test('email-as-username pools sign in with the email; USER_ID_FOR_SRP is the sub', async () => {
		const { poolId, clientId } = await poolWithClient(t, { UsernameAttributes: ['email'] });
		const { UserSub } = await t.call('SignUp', {
			ClientId: clientId,
			Username: 'carol@example.com',
			Password: PASSWORD,
		});
		await t.call('ConfirmSignUp', {
			ClientId: clientId,
			Username: 'carol@example.com',
			ConfirmationCode: t.lastCode('carol@example.com'),
		});
		const pool = new CognitoUserPool({
			UserPoolId: poolId,
			ClientId: clientId,
			endpoint: 'http://localhost/',
		});
		const result = await authenticate(
			new CognitoUser({ Username: 'carol@example.com', Pool: pool }),
			new AuthenticationDetails({ Username: 'carol@example.com', Password: PASSWORD })
		);
		expect(result.kind).toBe('success');
		expect(claimsOf(result.value.getAccessToken().getJwtToken()).username).toBe(UserSub);
	});

	test('a user with TOTP MFA gets totpRequired after the password verifier', async () => {
		const { poolId, clientId } = await poolWithClient(t, { MfaConfiguration: 'OFF' });
		await t.call('SetUserPoolMfaConfig', {
			UserPoolId: poolId,
			SoftwareTokenMfaConfiguration: { Enabled: true },
			MfaConfiguration: 'OPTIONAL',
		});
		await signUpConfirmed(t, clientId, 'dave');
		const { AuthenticationResult } = await t.call('InitiateAuth', {
			AuthFlow: 'USER_PASSWORD_AUTH',
			ClientId: clientId,
			AuthParameters: { USERNAME: 'dave', PASSWORD },
		});
		const { SecretCode } = await t.call('AssociateSoftwareToken', {
			AccessToken: AuthenticationResult.AccessToken,
		});
		const { TOTP, Secret } = await import('otpauth');
		const code = TOTP.generate({ secret: Secret.fromBase32(SecretCode), timestamp: t.clock.now() });
		await t.call('VerifySoftwareToken', {
			AccessToken: AuthenticationResult.AccessToken,
			UserCode: code,
		});
		await t.call('SetUserMFAPreference', {
			AccessToken: AuthenticationResult.AccessToken,
			SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
		});
		const pool = new CognitoUserPool({
			UserPoolId: poolId,
			ClientId: clientId,
			endpoint: 'http://localhost/',
		});
		const result = await authenticate(
			new CognitoUser({ Username: 'dave', Pool: pool }),
			new AuthenticationDetails({ Username: 'dave', Password: PASSWORD })
		);
		expect(result.kind).toBe('totpRequired');
		expect(result.value).toBe('SOFTWARE_TOKEN_MFA');
	});
});

describe('other amazon-cognito-identity-js flows', () => {
	let t: UserPoolSandbox;
	beforeEach(() => {
		t = userPoolSandbox(8);
		routeFetchTo(t);
	});
	afterEach(() => vi.unstubAllGlobals());

	const promisify = <T>(run: (callback: (error: any, result?: T) => void) => void) =>
		new Promise<T>((resolve, reject) =>
			run((error, result) => (error ? reject(error) : resolve(result as T)))
		);

	test('signUp, confirmRegistration, refreshSession, changePassword, forgotPassword/confirmPassword', async () => {
		const { poolId, clientId } = await poolWithClient(t);
		const pool = new CognitoUserPool({
			UserPoolId: poolId,
			ClientId: clientId,
			endpoint: 'http://localhost/',
		});
		const { CognitoUserAttribute } = await import('amazon-cognito-identity-js');
		const result = await promisify<any>((cb) =>
			pool.signUp(
				'erin',
				PASSWORD,
				[new CognitoUserAttribute({ Name: 'email', Value: 'erin@example.com' })],
				[],
				cb
			)
		);
		expect(result.userConfirmed).toBe(false);
		expect(result.codeDeliveryDetails.DeliveryMedium).toBe('EMAIL');
		const user = new CognitoUser({ Username: 'erin', Pool: pool });
		expect(
			await promisify<string>((cb) =>
				user.confirmRegistration(t.lastCode('erin@example.com')!, false, cb)
			)
		).toBe('SUCCESS');
		const signedIn = await authenticate(
			user,
			new AuthenticationDetails({ Username: 'erin', Password: PASSWORD })
		);
		expect(signedIn.kind).toBe('success');
		const refreshed = await promisify<any>((cb) =>
			user.refreshSession(signedIn.value.getRefreshToken(), cb)
		);
		expect(refreshed.getIdToken().payload['cognito:username']).toBe('erin');
		expect(
			await promisify<string>((cb) => user.changePassword(PASSWORD, 'N3w-Passw0rd!', cb))
		).toBe('SUCCESS');
		const attributes = await promisify<any[]>((cb) => user.getUserAttributes(cb));
		expect(attributes.map((a) => a.getName())).toContain('email_verified');
		await new Promise<void>((resolve, reject) =>
			user.forgotPassword({
				onSuccess: () => resolve(),
				onFailure: reject,
				inputVerificationCode: () => resolve(),
			})
		);
		await new Promise<void>((resolve, reject) =>
			user.confirmPassword(t.lastCode('erin@example.com')!, 'Reset-Passw0rd!', {
				onSuccess: () => resolve(),
				onFailure: reject,
			})
		);
		const again = await authenticate(
			new CognitoUser({ Username: 'erin', Pool: pool }),
			new AuthenticationDetails({ Username: 'erin', Password: 'Reset-Passw0rd!' })
		);
		expect(again.kind).toBe('success');
	});

	test('NEW_PASSWORD_REQUIRED through completeNewPasswordChallenge', async () => {
		const { poolId, clientId } = await poolWithClient(t);
		await t.call('AdminCreateUser', {
			UserPoolId: poolId,
			Username: 'fred',
			TemporaryPassword: 'Temp-Passw0rd!',
			MessageAction: 'SUPPRESS',
		});
		const pool = new CognitoUserPool({
			UserPoolId: poolId,
			ClientId: clientId,
			endpoint: 'http://localhost/',
		});
		const user = new CognitoUser({ Username: 'fred', Pool: pool });
		const first = await authenticate(
			user,
			new AuthenticationDetails({ Username: 'fred', Password: 'Temp-Passw0rd!' })
		);
		expect(first.kind).toBe('newPasswordRequired');
		const done = await new Promise<any>((resolve, reject) =>
			user.completeNewPasswordChallenge(PASSWORD, {}, { onSuccess: resolve, onFailure: reject })
		);
		expect(done.getAccessToken().payload.username).toBe('fred');
		expect(
			(await t.call('AdminGetUser', { UserPoolId: poolId, Username: 'fred' })).UserStatus
		).toBe('CONFIRMED');
	});
});

describe('remembered devices (device tracking)', () => {
	let t: UserPoolSandbox;
	beforeEach(() => {
		t = userPoolSandbox(9);
		routeFetchTo(t);
	});
	afterEach(() => vi.unstubAllGlobals());

	test('the library confirms the new device; next sign-in uses DEVICE_SRP_AUTH and skips MFA', async () => {
		const { poolId, clientId } = await poolWithClient(t, {
			DeviceConfiguration: {
				ChallengeRequiredOnNewDevice: true,
				DeviceOnlyRememberedOnUserPrompt: false,
			},
		});
		await t.call('SetUserPoolMfaConfig', {
			UserPoolId: poolId,
			MfaConfiguration: 'OPTIONAL',
			SoftwareTokenMfaConfiguration: { Enabled: true },
		});
		await signUpConfirmed(t, clientId, 'gail');
		const pool = new CognitoUserPool({
			UserPoolId: poolId,
			ClientId: clientId,
			endpoint: 'http://localhost/',
		});
		const user = new CognitoUser({ Username: 'gail', Pool: pool });
		const first = await authenticate(
			user,
			new AuthenticationDetails({ Username: 'gail', Password: PASSWORD })
		);
		expect(first.kind).toBe('success');
		const accessToken = first.value.getAccessToken().getJwtToken();
		const { Devices } = await t.call('ListDevices', { AccessToken: accessToken });
		expect(Devices).toHaveLength(1);
		expect(Devices[0].DeviceKey).toMatch(/^us-east-1_[0-9a-f-]{36}$/);
		expect(Devices[0].DeviceAttributes).toContainEqual({
			Name: 'dev:device_remembered_status',
			Value: 'remembered',
		});
		// Turn on TOTP MFA for the user: a remembered device still skips it.
		const { SecretCode } = await t.call('AssociateSoftwareToken', { AccessToken: accessToken });
		const { TOTP, Secret } = await import('otpauth');
		await t.call('VerifySoftwareToken', {
			AccessToken: accessToken,
			UserCode: TOTP.generate({ secret: Secret.fromBase32(SecretCode), timestamp: t.clock.now() }),
		});
		await t.call('SetUserMFAPreference', {
			AccessToken: accessToken,
			SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
		});
		const second = await authenticate(
			user,
			new AuthenticationDetails({ Username: 'gail', Password: PASSWORD })
		);
		expect(second.kind).toBe('success');
		expect(second.value.getAccessToken().payload.device_key).toBe(Devices[0].DeviceKey);
		const operations = t.sandbox.trace
			.filter((e) => e.type === 'ApiCall')
			.map((e: any) => e.request.ChallengeName ?? e.operation);
		expect(operations.slice(-4)).toEqual([
			'InitiateAuth',
			'PASSWORD_VERIFIER',
			'DEVICE_SRP_AUTH',
			'DEVICE_PASSWORD_VERIFIER',
		]);
		// Forgotten by an admin: MFA comes back.
		await t.call('AdminForgetDevice', {
			UserPoolId: poolId,
			Username: 'gail',
			DeviceKey: Devices[0].DeviceKey,
		});
		expect(
			(await t.call('AdminListDevices', { UserPoolId: poolId, Username: 'gail' })).Devices
		).toEqual([]);
		const third = await authenticate(
			user,
			new AuthenticationDetails({ Username: 'gail', Password: PASSWORD })
		);
		expect(third.kind).toBe('totpRequired');
	}, 30_000);
});
