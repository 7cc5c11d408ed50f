/**
 * Scenario pages (/simulator/<id>/): predicting a step's outcome before it runs, a shared variant link that
 * reopens the same variant in another browser, and "See it happen" from a practice question.
 */
import { expect, test, type Page } from './fixtures';
import { answerWithKeyboard, currentQuestion, loadBank } from './practice-helpers';

/** Opens a scenario's own page and waits until the sandbox worker is ready. */
async function openScenarioPage(page: Page, id: string, suffix = '') {
	await page.goto(`/simulator/${id}/${suffix}`);
	// Generous: the island and the worker (sandbox + QuickJS) load in parallel and CI machines may be busy.
	await expect(page.getByRole('button', { name: 'Run all' })).toBeEnabled({ timeout: 20_000 });
}

test('predict the outcome: the step waits for a pick, then grades it against what happened', async ({
	page,
}) => {
	await openScenarioPage(page, 'compromised-credentials');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Compromised credentials blocked by threat protection'
	);
	const step = page.locator('[data-step="weakSignUp"]');
	const run = step.getByRole('button', { name: /^Run step 1:/ });
	// Nothing gives the answer away before the run: no expected outcome, no explanation, and no run yet.
	await expect(run).toBeDisabled();
	await expect(step.locator('.step-explain')).toHaveCount(0);
	await expect(step.getByText('expects')).toHaveCount(0);

	const prediction = step.getByRole('group', { name: /Predict first/ });
	await prediction.getByLabel('The user is created; the policy is met').check();
	await expect(run).toBeEnabled();
	await run.click();

	await expect(prediction.getByRole('status')).toContainText(
		'Not this time: you predicted "The user is created; the policy is met", and the app received InvalidPasswordException, the password cannot be used.',
		{ timeout: 20_000 }
	);
	await expect(prediction.getByText('(what happened)')).toBeVisible();
	await expect(prediction.getByText('(your pick)')).toBeVisible();
	await expect(step.locator('.step-explain')).toContainText('breach lists');
	await expect(step.getByTestId('outcome-error')).toContainText('InvalidPasswordException');
	// The pick is kept and locked once the step has run.
	await expect(prediction.getByLabel('The user is created; the policy is met')).toBeDisabled();
	await page.reload();
	await expect(page.getByRole('button', { name: 'Run all' })).toBeEnabled({ timeout: 20_000 });
	await expect(
		page.locator('[data-step="weakSignUp"]').getByRole('group', { name: /Predict first/ })
	).toContainText('Not this time');
});

test('a shared variant link reopens the same variant in another browser; a damaged link changes nothing', async ({
	page,
	browser,
}) => {
	await openScenarioPage(page, 'pre-sign-up-trigger');
	const signUp = page.locator('[data-step="signUp"]');
	await signUp.getByText('Edit request').click();
	const request = signUp.getByLabel(/Request body/);
	const edited = (await request.inputValue()).replace('"priya"', '"zara"');
	expect(edited).toContain('"zara"');
	await request.fill(edited);
	await expect(signUp.getByText('Edit request (edited)')).toBeVisible();

	await page.getByText('Your variants').click();
	await page.getByLabel('Save this version as').fill('Zara signs up');
	await page.getByRole('button', { name: 'Save', exact: true }).click();
	await expect(page.getByText('Saved "Zara signs up" in this browser.')).toBeVisible();
	await page.getByRole('button', { name: 'Copy a link to Zara signs up' }).click();
	const link = await page.getByLabel('Link', { exact: true }).inputValue();
	expect(link).toMatch(/\/simulator\/pre-sign-up-trigger\/#variant=[A-Za-z0-9_-]+$/);

	// Another browser (nothing saved there) opens the link: the variant is in use, and nothing has run.
	const other = await browser.newContext();
	try {
		const friend = await other.newPage();
		await friend.goto(link);
		// Generous: the worker starts, then the variant opens in a fresh sandbox (a busy machine is slow).
		await expect(friend.getByText('Opened the shared variant "Zara signs up"')).toBeVisible({
			timeout: 40_000,
		});
		await expect(friend.getByText('using "Zara signs up"')).toBeVisible();
		await expect(friend.getByText('0 of 3 steps as expected')).toBeVisible();
		const friendSignUp = friend.locator('[data-step="signUp"]');
		await friendSignUp.getByText('Edit request').click();
		await expect(friendSignUp.getByLabel(/Request body/)).toHaveValue(/"zara"/);
		// The variant is what runs: zara signs up, so the unchanged sign-in as priya finds no such user.
		await friend.getByRole('button', { name: 'Run all' }).click();
		await expect(friend.getByText('2 of 3 steps as expected')).toBeVisible({ timeout: 40_000 });
		await expect(friendSignUp.getByText('Request sent')).toBeVisible();
		await expect(friendSignUp.locator('.step-request pre')).toContainText('"zara"');
		await expect(friend.locator('[data-step="signIn"]').getByTestId('outcome-error')).toContainText(
			'UserNotFoundException'
		);

		// A damaged link says why and leaves the scenario as it was (a new load, not a same-page hash change).
		await friend.goto('about:blank');
		await friend.goto('/simulator/pre-sign-up-trigger/#variant=not-a-variant');
		await expect(
			friend.getByText(/The shared link could not be opened, and nothing changed/)
		).toBeVisible({
			timeout: 20_000,
		});
		await expect(friend.getByText('using "Zara signs up"')).toBeVisible();
	} finally {
		await other.close();
	}
});

test('"See it happen" after a practice answer opens the scenario at the step that shows it', async ({
	page,
}) => {
	const bank = await loadBank(page);
	const linked = new Map(
		bank.questions.flatMap((question) => {
			const link = (question as { seeItHappen?: { url: string; stepTitle?: string } }).seeItHappen;
			return link?.stepTitle ? [[question.id, link] as const] : [];
		})
	);
	// Identity pools: most of its questions open a scenario; answer until one of them comes up.
	await page.goto('/practice/?lesson=identity-pools');
	let link: { url: string; stepTitle?: string } | undefined;
	for (let tries = 0; tries < 12 && !link; tries++) {
		const question = await answerWithKeyboard(page, bank, true);
		link = linked.get(question.id);
		if (!link) {
			await page.getByRole('button', { name: 'Next question' }).click();
			await currentQuestion(page, bank);
		}
	}
	expect(link, 'a question with "See it happen" came up').toBeTruthy();
	await expect(page.getByText(`step "${link!.stepTitle}"`)).toBeVisible();
	await page.getByRole('link', { name: 'See it happen' }).click();

	const [, scenarioId, stepId] = /\/simulator\/([^/]+)\/\?step=(\w+)/.exec(link!.url)!;
	await expect(page).toHaveURL(new RegExp(`/simulator/${scenarioId}/\\?step=${stepId}$`));
	await expect(page.getByRole('button', { name: 'Run all' })).toBeEnabled({ timeout: 20_000 });
	const step = page.locator(`[data-step="${stepId}"]`);
	await expect(step).toHaveClass(/focused/);
	await expect(step.getByRole('heading', { level: 3 })).toBeFocused();
	await expect(step.getByRole('heading', { level: 3 })).toContainText(link!.stepTitle!);
	await expect(step).toBeInViewport();
});
