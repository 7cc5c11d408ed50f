/**
 * The token inspector: the tokens of a sign-in explained and verified against the pool's JWKS, copied, used in the
 * next console call, and expired by moving the sandbox clock (not the wall clock).
 */
import { expect, test } from './fixtures';

test('token inspector: verified signature, claims explained, copy, use in the console, expiry on the sandbox clock', async ({
	page,
	context,
}) => {
	await context.grantPermissions(['clipboard-read', 'clipboard-write']);
	await page.goto('/simulator/sign-up-email-verification/');
	await expect(page.getByRole('button', { name: 'Run all' })).toBeEnabled({ timeout: 20_000 });
	await page.getByRole('button', { name: 'Run all' }).click();
	await expect(page.getByText('7 of 7 steps as expected')).toBeVisible({ timeout: 40_000 });

	await page.getByRole('tab', { name: 'Tokens' }).click();
	const inspector = page.getByRole('tabpanel', { name: 'Tokens' });
	const picker = inspector.getByLabel('Token', { exact: true });
	/** Chooses a token by the start of its option text ("ID token of maria"). */
	const choose = async (text: string) =>
		picker.selectOption(
			(await picker.locator('option').filter({ hasText: text }).first().getAttribute('value'))!
		);
	await choose('ID token of maria');
	await expect(inspector.getByTestId('signature-check')).toContainText(
		'✓ Signature verified with key',
		{ timeout: 15_000 }
	);
	await expect(inspector.getByTestId('token-expiry')).toContainText(/^Expires in (\d+ min|1 h)/);
	const claims = inspector.getByRole('table', { name: 'Claims' });
	await expect(claims.getByRole('row', { name: /token_use/ })).toContainText('id or access');
	await expect(claims.getByRole('row', { name: /^aud/ })).toContainText('app client ID');
	await expect(inspector.getByRole('table', { name: 'Header' })).toContainText('RS256');

	// Copy gives the whole token.
	await inspector.getByRole('button', { name: 'Copy ID token' }).click();
	const copied = await page.evaluate(() => navigator.clipboard.readText());
	expect(copied).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
	expect(copied.length).toBeGreaterThan(300);

	// The access token, used in the next console call, reads the user's own profile.
	await choose('Access token of maria');
	await expect(inspector.getByTestId('signature-check')).toContainText('✓ Signature verified', {
		timeout: 15_000,
	});
	await inspector.getByRole('button', { name: 'Use this token in the console (GetUser)' }).click();
	await expect(page.getByRole('tab', { name: 'Console' })).toHaveAttribute('aria-selected', 'true');
	await expect(page.getByLabel('Operation')).toHaveValue('GetUser');
	await expect(page.getByLabel('Request (JSON)')).toBeFocused();
	await page.getByRole('button', { name: 'Call', exact: true }).click();
	await expect(page.locator('.console .outcome.ok')).toContainText('maria');

	// Two hours later on the sandbox clock the token has expired, and the pool says so.
	await page.getByRole('button', { name: 'Fast-forward 1 h' }).click();
	await page.getByRole('button', { name: 'Fast-forward 1 h' }).click();
	await expect(page.getByTestId('clock-offset')).toHaveText('real time + 2 h');
	await page.getByRole('tab', { name: 'Tokens' }).click();
	await expect(inspector.getByTestId('token-expiry')).toContainText(/^Expired (59 min|1 h)/);
	await inspector.getByRole('button', { name: 'Use this token in the console (GetUser)' }).click();
	await page.getByRole('button', { name: 'Call', exact: true }).click();
	await expect(page.locator('.console').getByTestId('outcome-error')).toContainText(
		'NotAuthorizedException: Access Token has expired'
	);
});
