import { expect, test, type Page } from './fixtures';

/** Opens a panel's tab (the Inbox tab's name may carry a count of new messages). */
async function openTab(page: Page, name: string) {
	await page.getByRole('tab', { name: new RegExp(`^${name}`) }).click();
}

/** Opens a scenario's own page and waits until the sandbox worker is ready. */
async function openScenario(page: Page, id: string) {
	await page.goto(`/simulator/${id}/`);
	// Generous: the island and the worker (sandbox + QuickJS) load in parallel and CI machines may be busy.
	await expect(page.getByLabel('Guided scenario')).toHaveValue(id, { timeout: 15_000 });
	await expect(page.getByRole('button', { name: 'Run all' })).toBeEnabled({ timeout: 15_000 });
}

test('a deep-linked scenario runs all steps: the code reaches the inbox and tokens are issued', async ({
	page,
}) => {
	const problems: string[] = [];
	page.on('pageerror', (error) => problems.push(error.message));
	await openScenario(page, 'sign-up-email-verification');
	await expect(page.getByText('Everything runs locally in your browser.')).toBeVisible();
	await page.getByRole('button', { name: 'Run all' }).click();
	await expect(page.getByText('7 of 7 steps as expected')).toBeVisible({ timeout: 40_000 });
	await expect(page.getByRole('status').filter({ hasText: 'Ran all steps' })).toHaveText(/7 of 7/);

	// Messages that arrived while the inbox was closed are counted on its tab.
	await expect(page.getByRole('tab', { name: /^Inbox\s*\d+ new$/ })).toBeVisible();
	await openTab(page, 'Inbox');
	const code = page.getByTestId('inbox-code').first();
	await expect(code).toHaveText(/^\d{6}$/);
	// The exact exception name and message, as the service returned them.
	await expect(page.locator('[data-step="tooEarly"]').getByTestId('outcome-error')).toHaveText(
		'UserNotConfirmedException: User is not confirmed.'
	);
	// Tokens issued, with decoded claims.
	const signIn = page.locator('[data-step="signIn"]');
	await expect(signIn.getByText('Decoded AuthenticationResult.IdToken')).toBeVisible();
	await openTab(page, 'Log');
	await expect(page.getByText(/Token issued id token for maria/)).toBeVisible();
	await openTab(page, 'Sequence');
	await expect(page.locator('.seq-row').filter({ hasText: 'SignUp' }).first()).toBeVisible();

	// A reload keeps the sandbox and the progress.
	const sent = await code.textContent();
	await page.reload();
	await expect(page.getByRole('button', { name: 'Run all' })).toBeEnabled();
	await openTab(page, 'Inbox');
	await expect(page.getByTestId('inbox-code').first()).toHaveText(sent!);
	await expect(page.getByText('7 of 7 steps as expected')).toBeVisible();
	expect(problems).toEqual([]);
});

test('an endless loop in a trigger is reported as the real error and the page stays usable', async ({
	page,
}) => {
	await openScenario(page, 'pre-sign-up-trigger');
	await openTab(page, 'Code');
	const editor = page.locator('.cm-content');
	await expect(editor).toBeVisible();
	await editor.click();
	await page.keyboard.press('ControlOrMeta+a');
	await page.keyboard.insertText('export const handler = async (event) => { while (true) {} };');
	await expect(editor).toContainText('while (true)');
	await page.getByRole('button', { name: 'Deploy', exact: true }).click();
	await expect(page.getByText('Deployed pre-sign-up.')).toBeVisible();

	await page.getByRole('button', { name: /^Run step 2:/ }).click();
	const signUp = page.locator('[data-step="signUp"]');
	// The theme toggle answers while the worker is busy with the loop.
	const html = page.locator('html');
	const before = await html.getAttribute('data-theme');
	await page.locator('.theme-toggle').click();
	await expect(html).not.toHaveAttribute('data-theme', before!);
	// Outcome, not speed: the 5-second limit is reported as Cognito reports it (a generous wait for busy machines).
	await expect(signUp.getByTestId('outcome-error')).toContainText(
		'UnexpectedLambdaException: PreSignUp invocation failed due to error Socket timeout',
		{ timeout: 30_000 }
	);

	// Reset starts the scenario over in an empty sandbox but keeps the learner's code.
	await page.getByRole('button', { name: 'Reset', exact: true }).click();
	await expect(page.getByText('0 of 3 steps as expected')).toBeVisible();
	await expect(editor).toContainText('while (true)');

	// Another step works afterwards: restore the original trigger and sign up with the blocked domain.
	await page.getByRole('button', { name: 'Restore original' }).click();
	await expect(page.getByText('Restored and deployed the original pre-sign-up.')).toBeVisible();
	await page.getByRole('button', { name: /^Run step 1:/ }).click();
	await expect(page.locator('[data-step="blocked"]').getByTestId('outcome-error')).toHaveText(
		'UserLambdaValidationException: PreSignUp failed with error Sign-ups from blocked.example are not allowed.'
	);
});

test('code stuck inside a built-in is stopped at the limit and every control works afterwards', async ({
	page,
}) => {
	await openScenario(page, 'pre-sign-up-trigger');
	await openTab(page, 'Code');
	const editor = page.locator('.cm-content');
	await expect(editor).toBeVisible();
	await editor.click();
	await page.keyboard.press('ControlOrMeta+a');
	// QuickJS checks its interrupt only between bytecodes: this one call never returns to it.
	await page.keyboard.insertText(
		'export const handler = async (event) => { Array.prototype.indexOf.call({ length: 2 ** 53 - 1 }, 1); return event; };'
	);
	await page.getByRole('button', { name: 'Deploy', exact: true }).click();
	await expect(page.getByText('Deployed pre-sign-up.')).toBeVisible();
	await page.getByRole('button', { name: /^Run step 2:/ }).click();
	await expect(page.locator('[data-step="signUp"]').getByTestId('outcome-error')).toContainText(
		'UnexpectedLambdaException: PreSignUp invocation failed due to error Socket timeout',
		{ timeout: 30_000 }
	);
	// Controls are enabled again and the next step runs with the original trigger.
	await page.getByRole('button', { name: 'Restore original' }).click();
	await expect(page.getByText('Restored and deployed the original pre-sign-up.')).toBeVisible();
	await page.getByRole('button', { name: /^Run step 1:/ }).click();
	await expect(page.locator('[data-step="blocked"]').getByTestId('outcome-error')).toHaveText(
		'UserLambdaValidationException: PreSignUp failed with error Sign-ups from blocked.example are not allowed.'
	);
});

test('following a step literally: edit the trigger, deploy, run the sign-up again, and the new code runs', async ({
	page,
}) => {
	await openScenario(page, 'pre-sign-up-trigger');
	await page.getByRole('button', { name: 'Run all' }).click();
	await expect(page.getByText('3 of 3 steps as expected')).toBeVisible({ timeout: 30_000 });
	// "Now edit the trigger (for example block partner.example too) … deploy it and run the sign-up steps again".
	await openTab(page, 'Code');
	const editor = page.locator('.cm-content');
	await editor.click();
	await page.keyboard.press('ControlOrMeta+a');
	await page.keyboard.insertText(
		"export const handler = async (event) => { const email = event.request.userAttributes.email ?? ''; if (email.endsWith('@blocked.example')) throw new Error('Blocked'); if (email.endsWith('@partner.example')) throw new Error('Partners are closed'); event.response.autoConfirmUser = true; return event; };"
	);
	await expect(page.getByText('Edited, not deployed')).toBeVisible();
	await page.getByRole('button', { name: 'Deploy', exact: true }).click();
	await expect(page.getByText('Deployed pre-sign-up.')).toBeVisible();
	await page.getByRole('button', { name: /^Run from here 2:/ }).click();
	// A fresh sandbox replays step 1, then signs priya up with the deployed code: the edited rule answers,
	// not UsernameExistsException from the first run.
	await expect(page.locator('[data-step="signUp"]').getByTestId('outcome-error')).toHaveText(
		'UserLambdaValidationException: PreSignUp failed with error Partners are closed.',
		{ timeout: 30_000 }
	);
	await expect(page.locator('[data-step="blocked"]')).toHaveClass(/passed/);

	// After a reload the editor shows the code the sandbox runs (the edited one), not the scenario's original.
	await page.reload();
	await expect(page.getByRole('button', { name: 'Run all' })).toBeEnabled({ timeout: 15_000 });
	await openTab(page, 'Code');
	await expect(page.locator('.cm-content')).toContainText('Partners are closed', {
		timeout: 15_000,
	});
	await expect(page.getByText('Edited, not deployed')).toHaveCount(0);
});

test('a corrupt saved sandbox starts fresh and says so', async ({ page }) => {
	await page.addInitScript(() =>
		localStorage.setItem('cognito-study:simulator:sandbox:v1', '{not json')
	);
	await page.goto('/simulator/');
	await expect(page.getByRole('alert')).toContainText('unreadable, so a fresh one was started');
	await expect(page.getByRole('button', { name: 'Reset sandbox' })).toBeEnabled({
		timeout: 15_000,
	});
});

test('when the browser refuses to save, the page says the sandbox will not last', async ({
	page,
}) => {
	await page.addInitScript(() => {
		const setItem = Storage.prototype.setItem;
		Storage.prototype.setItem = function (key: string, value: string) {
			if (key.includes(':simulator:sandbox:'))
				throw new DOMException('Quota exceeded', 'QuotaExceededError');
			return setItem.call(this, key, value);
		};
	});
	await page.goto('/simulator/');
	await expect(page.getByRole('alert')).toContainText('would not save the sandbox', {
		timeout: 15_000,
	});
});

test('the console calls any operation and fast-forward moves the clock', async ({ page }) => {
	await page.goto('/simulator/');
	await expect(page.getByRole('button', { name: 'Reset sandbox' })).toBeEnabled({
		timeout: 15_000,
	});
	await openTab(page, 'Console');
	await page.getByLabel('Operation').fill('CreateUserPool');
	await page.getByLabel('Request (JSON)').fill('{"PoolName": ""}');
	await page.getByRole('button', { name: 'Call', exact: true }).click();
	await expect(page.getByTestId('outcome-error')).toContainText('InvalidParameterException');
	// Free play: define a function, wire it to a pool from the console and see it run.
	await openTab(page, 'Code');
	await page.getByLabel('New function name').fill('audit');
	await page.getByRole('button', { name: 'Create', exact: true }).click();
	await expect(page.locator('.cm-content')).toContainText('export const handler');
	await openTab(page, 'Console');
	await page.getByLabel('Operation').fill('CreateUserPool');
	await page
		.getByLabel('Request (JSON)')
		.fill(
			'{"PoolName": "free", "LambdaConfig": {"PreSignUp": "arn:aws:lambda:us-east-1:123456789012:function:audit"}}'
		);
	await page.getByRole('button', { name: 'Call', exact: true }).click();
	await expect(page.locator('.console .outcome.ok')).toContainText('free');
	await page.getByRole('button', { name: 'Fast-forward 1 h' }).click();
	await expect(page.getByTestId('clock-offset')).toHaveText('real time + 1 h');
});

test('fast-forwarding the sandbox clock expires the code and the tokens', async ({ page }) => {
	await openScenario(page, 'codes-and-tokens-expire');
	await page.getByRole('button', { name: 'Run all' }).click();
	await expect(page.getByText('9 of 9 steps as expected')).toBeVisible({ timeout: 40_000 });
	await expect(page.getByTestId('clock-offset')).toHaveText('real time + 1 d 1 h 2 min');
	await expect(
		page.locator('[data-step="lateConfirm"]').getByTestId('outcome-error')
	).toContainText('ExpiredCodeException');
	await page.getByRole('button', { name: 'Real time' }).click();
	await expect(page.getByTestId('clock-offset')).toHaveText('real time');
});

test('after one online visit the simulator and its trigger runtime work offline', async ({
	page,
	context,
}) => {
	await page.goto('/');
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	await context.setOffline(true);
	await openScenario(page, 'pre-sign-up-trigger');
	await page.getByRole('button', { name: 'Run all' }).click();
	await expect(page.getByText('3 of 3 steps as expected')).toBeVisible({ timeout: 20_000 });
	await openTab(page, 'Code');
	await expect(page.locator('.cm-content')).toBeVisible();
});

test('the page works from the keyboard and shows the Sync closure notice where Sync appears', async ({
	page,
}) => {
	await openScenario(page, 'sign-in-and-tokens');
	const picker = page.getByLabel('Guided scenario');
	await picker.focus();
	await picker.selectOption({ label: 'Cognito Sync conflict between two devices' });
	// Choosing does not navigate; the Open button (next in tab order) goes to the scenario's page.
	await page.keyboard.press('Tab');
	await expect(page.getByRole('button', { name: 'Open', exact: true })).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/\/simulator\/sync-two-device-conflict\/$/);
	await expect(page.getByRole('button', { name: 'Run all' })).toBeEnabled({ timeout: 15_000 });
	await expect(
		page.getByText('Amazon Cognito Sync is closed to new customers since 30 July 2026').first()
	).toBeVisible();
	const runFirst = page.getByRole('button', { name: /^Run step 1:/ });
	await runFirst.focus();
	await page.keyboard.press('Enter');
	await expect(page.locator('[data-step="phoneRead"]')).toContainText('✓ as expected');
	await openTab(page, 'Log');
	await expect(
		page
			.locator('.event-log')
			.getByText(/Cognito Sync is closed to new customers/)
			.first()
	).toBeVisible();
});

for (const theme of ['light', 'dark'] as const) {
	test(`no WCAG 2.2 AA violations with every panel open (${theme} theme)`, async ({ page }) => {
		// Two scenarios' full trace with every panel open, scanned tab by tab, is the heaviest page there is; axe
		// needs minutes on a loaded 2-core machine.
		test.setTimeout(480_000);
		const { default: AxeBuilder } = await import('@axe-core/playwright');
		await page.emulateMedia({ colorScheme: theme });
		await openScenario(page, 'identity-pool-credentials');
		await page.getByRole('button', { name: 'Run all' }).click();
		await expect(page.getByText('7 of 7 steps as expected')).toBeVisible({ timeout: 40_000 });
		await openScenario(page, 'post-auth-and-pre-token');
		await page.getByRole('button', { name: 'Run all' }).click();
		await expect(page.getByText('3 of 3 steps as expected')).toBeVisible({ timeout: 40_000 });
		await openTab(page, 'Code');
		await expect(page.locator('.cm-content')).toBeVisible();
		await openTab(page, 'Sequence');
		await page.locator('.seq-hit').first().click();
		// Each tab of "What happens" in turn, with every disclosure in it open: the whole simulator with the first,
		// then only the newly opened panel (the rest of the page has been scanned already).
		const violations: string[] = [];
		const names = await page
			.getByRole('tablist', { name: 'What happens' })
			.getByRole('tab')
			.allTextContents();
		for (const [index, name] of names.entries()) {
			await openTab(page, name.replace(/\d+ new$/, ''));
			if (name === 'Risk') {
				// A decision on screen: the protected pool and one sign-in.
				await page.getByRole('button', { name: 'Set up a protected pool to try' }).click();
				await page.getByRole('button', { name: 'Sign in from here' }).click();
				await expect(page.getByTestId('risk-decision')).toBeVisible({ timeout: 20_000 });
			}
			await page.evaluate(() =>
				document
					.querySelectorAll('[role=tabpanel]:not([hidden]) details')
					.forEach((element) => ((element as HTMLDetailsElement).open = true))
			);
			const results = await new AxeBuilder({ page })
				.include(
					index === 0
						? '.simulator'
						: '[role=tabpanel][aria-labelledby^="sim-see-tab-"]:not([hidden])'
				)
				.withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'])
				.analyze();
			violations.push(
				...results.violations.map(
					(violation) =>
						`${name}: ${violation.id}: ${violation.nodes
							.map((node) => node.target.join(' '))
							.slice(0, 3)
							.join(', ')}`
				)
			);
		}
		expect(violations).toEqual([]);
	});
}

test('the AppSync scenario runs in the browser: graphql loads on demand and modes decide per field', async ({
	page,
}) => {
	// Five user-pool sign-ins in set-up plus five API calls: generous on a busy machine.
	test.setTimeout(150_000);
	const problems: string[] = [];
	page.on('pageerror', (error) => problems.push(error.message));
	await openScenario(page, 'appsync-auth-modes');
	await page.getByRole('button', { name: 'Run all' }).click();
	await expect(page.getByText('5 of 5 steps as expected')).toBeVisible({ timeout: 120_000 });
	await expect(page.locator('[data-step="readerWrites"]')).toContainText(
		'Not Authorized to access putNote on type Mutation'
	);
	await expect(page.locator('[data-step="anonymous"]').getByTestId('outcome-error')).toContainText(
		'UnauthorizedException'
	);
	expect(problems).toEqual([]);
});
