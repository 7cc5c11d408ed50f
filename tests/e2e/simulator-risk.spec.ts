/** The threat protection panel: the learner sets the client context and sees the risk level and the action. */
import { expect, test } from './fixtures';

test('threat protection: a baseline sign-in has no risk; a new device in another country is high risk and blocked', async ({
	page,
}) => {
	await page.goto('/simulator/');
	await expect(page.getByRole('button', { name: 'Reset sandbox' })).toBeEnabled({
		timeout: 20_000,
	});
	await page.getByRole('tab', { name: 'Risk' }).click();
	const panel = page.getByRole('tabpanel', { name: 'Risk' });
	await panel.getByRole('button', { name: 'Set up a protected pool to try' }).click();
	const result = panel.getByTestId('threat-result');
	await expect(result).toContainText('Created the pool', { timeout: 20_000 });

	await panel.getByRole('button', { name: 'Sign in from here' }).click();
	await expect(result).toHaveText('Signed in: tokens issued.', { timeout: 20_000 });
	const decision = panel.getByTestId('risk-decision');
	await expect(decision).toContainText('No risk');
	await expect(decision).toContainText('192.0.2.10 (Seattle, United States, from UserContextData)');

	await panel.getByLabel('Device').selectOption('phone-7');
	await panel.getByLabel('Place').selectOption('203.0.113.10');
	await panel.getByRole('button', { name: 'Sign in from here' }).click();
	await expect(result).toHaveText(
		'NotAuthorizedException: Unable to login because of security reasons.',
		{ timeout: 20_000 }
	);
	await expect(decision).toContainText('Latest decision (2 so far)');
	await expect(decision.getByText('High', { exact: true })).toBeVisible();
	await expect(decision).toContainText('BLOCK');
	await expect(decision).toContainText('Blocked: the sign-in failed.');
	// The decision is in the trace: the event log names it.
	await page.getByRole('tab', { name: 'Log' }).click();
	await expect(page.getByText(/SignIn of maria: High risk/).first()).toBeVisible();
});
