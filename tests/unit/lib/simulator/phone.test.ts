/**
 * The simulator phone's sample app against a real sandbox on a fixed clock: every screen's calls (sign-up with the
 * emailed code, sign-in, email and TOTP MFA with the virtual authenticator, forgotten password, global sign-out)
 * and the API call refused, then allowed, by the Cognito authorizer.
 */
import { describe, expect, test, vi } from 'vitest';
import {
	answerChallenge,
	associateTotp,
	callApi,
	confirmForgotPassword,
	confirmSignUp,
	currentCode,
	enableSmsMfa,
	forgotPassword,
	getProfile,
	globalSignOut,
	groupedSecret,
	latestCodeFor,
	otpauthUri,
	qrPath,
	setEmailMfa,
	setUpSampleApp,
	signIn,
	signUp,
	verifyTotp,
	type SignInStep,
} from '../../../../src/lib/simulator/phone';
import type { InboxMessage } from '../../../../src/lib/simulator';
import { headlessContext, NOW } from '../../../fixtures/scenarios';

vi.setConfig({ testTimeout: 30_000 });

const EMAIL = 'ana@example.com';
const PASSWORD = 'Correct-horse-9';

async function signedUpUser(seed = 1) {
	const harness = headlessContext(seed);
	const call = harness.context.call;
	const config = await setUpSampleApp(call);
	const signedUp = await signUp(call, config, EMAIL, PASSWORD);
	expect(signedUp).toMatchObject({ ok: true, value: { UserConfirmed: false } });
	const message = latestCodeFor(harness.sandbox.outbox, EMAIL);
	expect(message?.channel).toBe('EMAIL');
	expect(await confirmSignUp(call, config, EMAIL, message!.code!)).toMatchObject({ ok: true });
	return { ...harness, call, config };
}

function tokensOf(step: SignInStep) {
	if (step.kind !== 'signed-in') throw new Error(`expected tokens, got ${JSON.stringify(step)}`);
	return step.tokens;
}

describe('sample app', () => {
	test('sign-up needs the emailed code; a wrong one is refused; then sign-in returns tokens', async () => {
		const harness = headlessContext(2);
		const call = harness.context.call;
		const config = await setUpSampleApp(call);
		await signUp(call, config, EMAIL, PASSWORD);
		expect(await signIn(call, config, EMAIL, PASSWORD)).toMatchObject({
			kind: 'failed',
			type: 'UserNotConfirmedException',
		});
		const code = latestCodeFor(harness.sandbox.outbox, EMAIL)!.code!;
		const wrong = code === '000000' ? '111111' : '000000';
		expect(await confirmSignUp(call, config, EMAIL, wrong)).toMatchObject({
			ok: false,
			type: 'CodeMismatchException',
		});
		expect(await confirmSignUp(call, config, EMAIL, code)).toMatchObject({ ok: true });
		const tokens = tokensOf(await signIn(call, config, EMAIL, PASSWORD));
		const profile = await getProfile(call, tokens.AccessToken);
		expect(profile).toMatchObject({ ok: true, value: { attributes: { email: EMAIL } } });
		expect(await signIn(call, config, EMAIL, 'Wrong-password-1')).toMatchObject({
			kind: 'failed',
			type: 'NotAuthorizedException',
		});
	});

	test('email MFA: the sign-in stops at EMAIL_OTP and the code from the inbox finishes it', async () => {
		const { call, config, sandbox } = await signedUpUser(3);
		const first = tokensOf(await signIn(call, config, EMAIL, PASSWORD));
		expect(await setEmailMfa(call, first.AccessToken, true)).toMatchObject({ ok: true });
		const challenge = await signIn(call, config, EMAIL, PASSWORD);
		expect(challenge).toMatchObject({
			kind: 'challenge',
			name: 'EMAIL_OTP',
			username: expect.any(String),
		});
		if (challenge.kind !== 'challenge') return;
		expect(challenge.destination).toMatch(/\*/);
		const code = latestCodeFor(sandbox.outbox, EMAIL)!.code!;
		tokensOf(await answerChallenge(call, config, challenge, code));
	});

	test('SMS MFA: a phone number, then SMS_MFA with the texted code; several factors ask to choose', async () => {
		const { call, config, sandbox } = await signedUpUser(8);
		const first = tokensOf(await signIn(call, config, EMAIL, PASSWORD));
		expect(await enableSmsMfa(call, first.AccessToken, '+15555550123')).toMatchObject({ ok: true });
		const challenge = await signIn(call, config, EMAIL, PASSWORD);
		expect(challenge).toMatchObject({ kind: 'challenge', name: 'SMS_MFA' });
		if (challenge.kind !== 'challenge') return;
		const text = latestCodeFor(sandbox.outbox, [EMAIL, '+15555550123'])!;
		expect(text).toMatchObject({ channel: 'SMS', destination: '+15555550123' });
		const tokens = tokensOf(await answerChallenge(call, config, challenge, text.code!));
		// Email codes too, and no preference: Cognito asks which factor to use.
		await setEmailMfa(call, tokens.AccessToken, true);
		await call('SetUserMFAPreference', {
			AccessToken: tokens.AccessToken,
			EmailMfaSettings: { Enabled: true, PreferredMfa: false },
		});
		const select = await signIn(call, config, EMAIL, PASSWORD);
		expect(select).toMatchObject({ kind: 'challenge', name: 'SELECT_MFA_TYPE' });
		if (select.kind !== 'challenge') return;
		expect(select.options).toEqual(expect.arrayContaining(['SMS_MFA', 'EMAIL_OTP']));
		const emailStep = await answerChallenge(call, config, select, 'EMAIL_OTP');
		expect(emailStep).toMatchObject({ kind: 'challenge', name: 'EMAIL_OTP' });
		if (emailStep.kind !== 'challenge') return;
		tokensOf(
			await answerChallenge(call, config, emailStep, latestCodeFor(sandbox.outbox, EMAIL)!.code!)
		);
	});

	test('TOTP: the virtual authenticator code enrols the secret and answers SOFTWARE_TOKEN_MFA', async () => {
		const { call, config, advance } = await signedUpUser(4);
		const first = tokensOf(await signIn(call, config, EMAIL, PASSWORD));
		const secret = await associateTotp(call, first.AccessToken);
		if (!secret.ok) throw new Error(secret.message);
		expect(
			await verifyTotp(call, first.AccessToken, currentCode(secret.value, NOW).code, 'phone')
		).toMatchObject({ ok: true });
		expect(await getProfile(call, first.AccessToken)).toMatchObject({
			ok: true,
			value: { mfa: ['SOFTWARE_TOKEN_MFA'], preferredMfa: 'SOFTWARE_TOKEN_MFA' },
		});
		advance(60_000);
		const challenge = await signIn(call, config, EMAIL, PASSWORD);
		expect(challenge).toMatchObject({ kind: 'challenge', name: 'SOFTWARE_TOKEN_MFA' });
		if (challenge.kind !== 'challenge') return;
		const now = NOW + 60_000;
		const wrong = currentCode(secret.value, now - 10 * 60_000).code;
		expect(await answerChallenge(call, config, challenge, wrong)).toMatchObject({
			kind: 'failed',
			type: 'CodeMismatchException',
		});
		const again = await signIn(call, config, EMAIL, PASSWORD);
		if (again.kind !== 'challenge') throw new Error('expected a challenge');
		tokensOf(await answerChallenge(call, config, again, currentCode(secret.value, now).code));
	});

	test('forgotten password: the emailed code sets a new one; the old one stops working', async () => {
		const { call, config, sandbox } = await signedUpUser(5);
		const sent = await forgotPassword(call, config, EMAIL);
		expect(sent).toMatchObject({
			ok: true,
			value: { CodeDeliveryDetails: { Destination: expect.any(String) } },
		});
		const message = latestCodeFor(sandbox.outbox, EMAIL)!;
		expect(message.reason).toMatch(/forgot|password|reset/i);
		expect(
			await confirmForgotPassword(call, config, EMAIL, message.code!, 'New-password-42')
		).toMatchObject({ ok: true });
		expect(await signIn(call, config, EMAIL, PASSWORD)).toMatchObject({ kind: 'failed' });
		tokensOf(await signIn(call, config, EMAIL, 'New-password-42'));
	});

	test('global sign-out ends the access token', async () => {
		const { call, config } = await signedUpUser(6);
		const tokens = tokensOf(await signIn(call, config, EMAIL, PASSWORD));
		expect(await globalSignOut(call, tokens.AccessToken)).toMatchObject({ ok: true });
		expect(await getProfile(call, tokens.AccessToken)).toMatchObject({
			ok: false,
			type: 'NotAuthorizedException',
		});
	});

	test('API: no token refused, ID token allowed on /profile but refused on the scoped /orders', async () => {
		const { call, config } = await signedUpUser(7);
		const tokens = tokensOf(await signIn(call, config, EMAIL, PASSWORD));
		expect(await callApi(call, config, '/profile', undefined)).toMatchObject({
			status: 'refused',
			errorType: 'UnauthorizedException',
		});
		const allowed = await callApi(call, config, '/profile', tokens.IdToken);
		expect(allowed).toMatchObject({ status: 'allowed', claims: { email: EMAIL, token_use: 'id' } });
		expect(await callApi(call, config, '/orders', tokens.IdToken)).toMatchObject({
			status: 'refused',
			errorType: 'UnauthorizedException',
		});
		expect(await callApi(call, config, '/orders', tokens.AccessToken)).toMatchObject({
			status: 'allowed',
			claims: { token_use: 'access' },
		});
	});
});

describe('authenticator and inbox helpers', () => {
	test('RFC 6238 SHA-1 vector and the seconds left in the 30-second step', () => {
		// RFC 6238 appendix B: secret "12345678901234567890" (base32 below) at 59 s is 94287082 (8 digits) → 287082.
		const secret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
		expect(currentCode(secret, 59_000)).toEqual({ code: '287082', secondsLeft: 1 });
		expect(currentCode(secret, 60_000).secondsLeft).toBe(30);
	});

	test('otpauth URI and grouped secret', () => {
		const uri = otpauthUri({ account: EMAIL, issuer: 'Sample app', secret: 'JBSWY3DPEHPK3PXP' });
		expect(uri).toBe(
			'otpauth://totp/Sample%20app:ana%40example.com?issuer=Sample%20app&secret=JBSWY3DPEHPK3PXP&algorithm=SHA1&digits=6&period=30'
		);
		expect(groupedSecret('JBSWY3DPEHPK3PXP')).toBe('JBSW Y3DP EHPK 3PXP');
	});

	test('QR path: square modules with a quiet zone', () => {
		const { size, path } = qrPath('otpauth://totp/x?secret=JBSWY3DPEHPK3PXP');
		expect(size).toBeGreaterThanOrEqual(25);
		expect(path.startsWith('M2 2h1v1h-1z')).toBe(true); // the finder pattern's corner, after the border
	});

	test('latestCodeFor picks the newest code for that address since a time', () => {
		const message = (destination: string, code: string, at: number): InboxMessage => ({
			channel: 'EMAIL',
			destination,
			body: code,
			code,
			reason: 'SignUp',
			at,
		});
		const outbox = [
			message('a@x.io', '1', 1),
			message('b@x.io', '2', 2),
			message('A@x.io', '3', 3),
		];
		expect(latestCodeFor(outbox, 'a@x.io')?.code).toBe('3');
		expect(latestCodeFor(outbox, 'b@x.io', 3)).toBeUndefined();
		expect(latestCodeFor(outbox, 'c@x.io')).toBeUndefined();
	});
});
