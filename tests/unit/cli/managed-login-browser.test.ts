/**
 * Chromium fills the managed login pages served by the emulator: TOTP set-up and TOTP MFA on managed login
 * (version 2), silent sign-in from the session cookie, and the classic hosted UI with a custom logo and CSS,
 * at 360 px, with no CSP violation. The app's callback is a tiny local page.
 */
import type { Browser } from 'playwright-core';
import { TOTP, Secret } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/cli/emulator';
import { startEmulatorChromium, type EmulatorChromium } from '../../fixtures/emulator-chromium';

let CALLBACK = '';
let emulator: RunningEmulator;
let browser: Browser;
let rig: EmulatorChromium;

const call = (operation: string, body: object) => rig.call(operation, body);

async function pool(domain: string, version: 1 | 2, extra: object = {}) {
	const { UserPool } = await call('CreateUserPool', { PoolName: domain, ...extra });
	const { UserPoolClient } = await call('CreateUserPoolClient', {
		UserPoolId: UserPool.Id,
		ClientName: 'web',
		AllowedOAuthFlowsUserPoolClient: true,
		AllowedOAuthFlows: ['code'],
		AllowedOAuthScopes: ['openid', 'email'],
		CallbackURLs: [CALLBACK],
		SupportedIdentityProviders: ['COGNITO'],
	});
	await call('CreateUserPoolDomain', {
		UserPoolId: UserPool.Id,
		Domain: domain,
		ManagedLoginVersion: version,
	});
	if (version === 2)
		await call('CreateManagedLoginBranding', {
			UserPoolId: UserPool.Id,
			ClientId: UserPoolClient.ClientId,
			UseCognitoProvidedValues: true,
		});
	await call('AdminCreateUser', {
		UserPoolId: UserPool.Id,
		Username: 'fay',
		MessageAction: 'SUPPRESS',
		UserAttributes: [{ Name: 'email', Value: 'fay@example.com' }],
	});
	await call('AdminSetUserPassword', {
		UserPoolId: UserPool.Id,
		Username: 'fay',
		Password: 'Passw0rd!',
		Permanent: true,
	});
	const authorize = `${emulator.url}/_host/${domain}.auth.us-east-1.amazoncognito.com/oauth2/authorize?${new URLSearchParams({ response_type: 'code', client_id: UserPoolClient.ClientId, redirect_uri: CALLBACK, scope: 'openid email' })}`;
	return { poolId: UserPool.Id as string, clientId: UserPoolClient.ClientId as string, authorize };
}

/** A page whose CSP violations are collected and whose app callback is answered by the test. */
async function openPage(context: Awaited<ReturnType<Browser['newContext']>>) {
	const page = await context.newPage();
	const violations: string[] = [];
	page.on('console', (message) => {
		if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
	});
	return { page, violations };
}

beforeAll(async () => {
	rig = await startEmulatorChromium();
	({ callback: CALLBACK, emulator, browser } = rig);
}, 60_000);

afterAll(() => rig?.close());

describe('managed login in Chromium', () => {
	it('sets up TOTP, signs in with it, then signs in silently from the session cookie', async () => {
		const { poolId, authorize } = await pool('browser-mfa', 2);
		await call('SetUserPoolMfaConfig', {
			UserPoolId: poolId,
			MfaConfiguration: 'ON',
			SoftwareTokenMfaConfiguration: { Enabled: true },
		});
		const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
		const { page, violations } = await openPage(context);
		await page.goto(authorize);
		await expect(page.getByRole('heading', { name: 'Sign in' }).isVisible()).resolves.toBe(true);
		await page.getByLabel('Username').fill('fay');
		await page.getByLabel('Password').fill('Passw0rd!');
		await page.getByRole('button', { name: 'Sign in' }).click();
		await page.getByRole('heading', { name: 'Set up your authenticator app' }).waitFor();
		const secret = (await page.locator('code').textContent())!.trim();
		const code = () =>
			TOTP.generate({
				secret: Secret.fromBase32(secret),
				algorithm: 'SHA1',
				digits: 6,
				period: 30,
			});
		await page.getByLabel('Code').fill(code());
		await page.getByRole('button', { name: 'Verify' }).click();
		await page.waitForURL(`${CALLBACK}?code=*`);
		expect(new URL(page.url()).searchParams.get('code')).toMatch(/^[0-9a-f-]{36}$/);
		// Silent sign-in: the session cookie brings the browser straight back with a new code.
		await page.goto(authorize);
		await page.waitForURL(`${CALLBACK}?code=*`);
		expect(violations).toEqual([]);
		await context.close();

		// Another browser: the password, then the authenticator code (next 30-second step, codes are single use).
		const fresh = await browser.newContext({ viewport: { width: 360, height: 740 } });
		const second = await openPage(fresh);
		await second.page.goto(authorize);
		await second.page.getByLabel('Username').fill('fay');
		await second.page.getByLabel('Password').fill('Passw0rd!');
		await second.page.getByRole('button', { name: 'Sign in' }).click();
		await second.page.getByRole('heading', { name: 'Authenticator code' }).waitFor();
		const next = TOTP.generate({
			secret: Secret.fromBase32(secret),
			algorithm: 'SHA1',
			digits: 6,
			period: 30,
			timestamp: Date.now() + 30_000,
		});
		await second.page.getByLabel('Code').fill(next);
		await second.page.getByRole('button', { name: 'Sign in' }).click();
		await second.page.waitForURL(`${CALLBACK}?code=*`);
		expect(second.violations).toEqual([]);
		await fresh.close();
	}, 60_000);

	it('shows the classic hosted UI with the customer logo and CSS', async () => {
		const { poolId, clientId, authorize } = await pool('browser-classic', 1);
		// A 2×1 red PNG.
		const png =
			'iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAIAAAB7QOjdAAAAD0lEQVR4nGP4z8DAwMAAAAX/AQHJ4fhnAAAAAElFTkSuQmCC';
		await call('SetUICustomization', {
			UserPoolId: poolId,
			ClientId: clientId,
			ImageFile: png,
			CSS: '.submitButton-customizable { background-color: #7a1fa2; } .banner-customizable { background-color: #fff3d6; }',
		});
		const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
		const { page, violations } = await openPage(context);
		await page.goto(authorize);
		await page.getByRole('button', { name: 'Sign in' }).waitFor();
		const button = await page
			.getByRole('button', { name: 'Sign in' })
			.evaluate((b) => getComputedStyle(b).backgroundColor);
		expect(button).toBe('rgb(122, 31, 162)');
		expect(
			await page
				.locator('img.logo-customizable')
				.evaluate((img) => (img as HTMLImageElement).naturalWidth)
		).toBe(2);
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			360
		);
		await page.screenshot({ path: 'test-results/managed-login-classic-360.png', fullPage: true });
		await page.getByLabel('Username').fill('fay');
		await page.getByLabel('Password').fill('wrong-password');
		await page.getByRole('button', { name: 'Sign in' }).click();
		await expect(page.getByRole('alert').textContent()).resolves.toBe(
			'Incorrect username or password.'
		);
		expect(violations).toEqual([]);
		await context.close();
	}, 60_000);
});
