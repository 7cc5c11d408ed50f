/**
 * Chromium signs in through the emulator's mock identity providers, as a person would: the mock Google
 * consent page (fields filled, "Continue"), and an enterprise SAML sign-in (the IdP's sign-in page, then the page
 * that posts the signed assertion to the user pool). Both end on the app's callback with a code, at 360 px, with
 * no Content-Security-Policy violation. The app's callback is a tiny local page.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../../src/cli/emulator';
import { startEmulatorChromium, type EmulatorChromium } from '../../fixtures/emulator-chromium';

let CALLBACK = '';
let emulator: RunningEmulator;
let browser: Browser;
let rig: EmulatorChromium;

const call = (operation: string, body: object) => rig.call(operation, body);

beforeAll(async () => {
	rig = await startEmulatorChromium();
	({ callback: CALLBACK, emulator, browser } = rig);
}, 60_000);

afterAll(() => rig?.close());

async function federatedPool(domain: string) {
	const { UserPool } = await call('CreateUserPool', { PoolName: domain });
	await call('CreateIdentityProvider', {
		UserPoolId: UserPool.Id,
		ProviderName: 'Google',
		ProviderType: 'Google',
		ProviderDetails: {
			client_id: 'web.apps.googleusercontent.com',
			client_secret: 's',
			authorize_scopes: 'openid email profile',
		},
		AttributeMapping: { email: 'email', name: 'name' },
	});
	await call('CreateIdentityProvider', {
		UserPoolId: UserPool.Id,
		ProviderName: 'CorpSSO',
		ProviderType: 'SAML',
		ProviderDetails: { MetadataURL: 'https://sso.corp.example/metadata' },
		AttributeMapping: {
			email: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress',
		},
	});
	const { UserPoolClient } = await call('CreateUserPoolClient', {
		UserPoolId: UserPool.Id,
		ClientName: 'web',
		AllowedOAuthFlowsUserPoolClient: true,
		AllowedOAuthFlows: ['code'],
		AllowedOAuthScopes: ['openid', 'email'],
		CallbackURLs: [CALLBACK],
		SupportedIdentityProviders: ['COGNITO', 'Google', 'CorpSSO'],
	});
	await call('CreateUserPoolDomain', {
		UserPoolId: UserPool.Id,
		Domain: domain,
		ManagedLoginVersion: 2,
	});
	const authorize = (provider: string) =>
		`${emulator.url}/_host/${domain}.auth.us-east-1.amazoncognito.com/oauth2/authorize?${new URLSearchParams(
			{
				response_type: 'code',
				client_id: UserPoolClient.ClientId,
				redirect_uri: CALLBACK,
				scope: 'openid email',
				identity_provider: provider,
			}
		)}`;
	return { poolId: UserPool.Id as string, authorize };
}

async function openPage() {
	const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
	const page = await context.newPage();
	const violations: string[] = [];
	page.on('console', (message) => {
		if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
	});
	return { context, page, violations };
}

describe('federated sign-in in Chromium', () => {
	it('clicks through the mock Google consent page back to the app; the user is Google_<sub>', async () => {
		const { poolId, authorize } = await federatedPool('browser-google');
		const { context, page, violations } = await openPage();
		await page.goto(authorize('Google'));
		await page.getByRole('heading', { name: 'Sign in with Google' }).waitFor();
		await page.getByLabel('User id at Google').fill('104200000000000000001');
		await page.getByLabel('Email', { exact: true }).fill('grace@gmail.com');
		await page.getByLabel('Name').fill('Grace Hopper');
		await page.getByRole('button', { name: 'Continue' }).click();
		await page.waitForURL(`${CALLBACK}?code=*`);
		await expect(page.getByRole('heading', { name: 'Back in the app' }).isVisible()).resolves.toBe(
			true
		);
		const user = await call('AdminGetUser', {
			UserPoolId: poolId,
			Username: 'Google_104200000000000000001',
		});
		expect(user.UserStatus).toBe('EXTERNAL_PROVIDER');
		expect(user.UserAttributes).toContainEqual({ Name: 'email', Value: 'grace@gmail.com' });
		expect(violations).toEqual([]);
		await context.close();
	}, 120_000);

	it('signs in at the SAML IdP and posts the signed assertion to /saml2/idpresponse', async () => {
		const { poolId, authorize } = await federatedPool('browser-saml');
		const { context, page, violations } = await openPage();
		await page.goto(authorize('CorpSSO'));
		await page.getByRole('heading', { name: 'Sign in to your organisation' }).waitFor();
		await page.getByLabel('NameID (the user id the service provider sees)').fill('ada');
		await page.getByLabel('Email', { exact: true }).fill('ada@corp.example');
		await page.getByRole('button', { name: 'Sign in' }).click();
		await page.getByRole('heading', { name: 'Continue to the service provider' }).waitFor();
		await page.getByText('The SAML response').click();
		await expect(page.locator('pre').textContent()).resolves.toContain(
			`urn:amazon:cognito:sp:${poolId}`
		);
		await page.getByRole('button', { name: 'Continue' }).click();
		await page.waitForURL(`${CALLBACK}?code=*`);
		const user = await call('AdminGetUser', { UserPoolId: poolId, Username: 'CorpSSO_ada' });
		expect(user.UserAttributes).toContainEqual({ Name: 'email', Value: 'ada@corp.example' });
		expect(violations).toEqual([]);
		await context.close();
	}, 120_000);
});
