import { expect, test } from './fixtures';
import { currentQuestion, loadBank, respond, totalReviews } from './practice-helpers';

const START = new Date('2026-03-02T09:00:00Z');

test('a timed mock exam: flag, navigate, time runs out, result with scaled score and review', async ({
	page,
}) => {
	await page.clock.install({ time: START });
	const bank = await loadBank(page);
	await page.goto('/practice/');
	await page.getByRole('button', { name: 'Mock exam' }).click();
	await expect(page.getByTestId('mock-summary')).toContainText('20 questions in 40 minutes');
	await page.getByRole('button', { name: 'Start mock exam' }).click();

	const timer = page.getByRole('timer');
	// The fake clock also flows on its own, so allow for the seconds the test itself takes.
	await expect(timer).toHaveText(/^(40:00|39:[0-5]\d)$/);
	await expect(page.getByRole('heading', { name: 'Question 1 of 20' })).toBeVisible();

	// Question 1: right, with the keyboard; flag it with F.
	const q1 = await currentQuestion(page, bank);
	await respond(page, q1, true);
	await page.keyboard.press('f');
	await expect(page.getByRole('heading', { name: 'Question 1 of 20 (flagged)' })).toBeVisible();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { name: 'Question 2 of 20' })).toBeVisible();

	// Question 2: wrong.
	const q2 = await currentQuestion(page, bank);
	await respond(page, q2, false);

	const navigator = page.getByRole('navigation', { name: 'Question navigator' });
	await expect(
		navigator.getByRole('button', { name: 'Question 1, answered, flagged' })
	).toBeVisible();
	await expect(navigator.getByRole('button', { name: 'Question 2, answered' })).toBeVisible();
	await navigator.getByRole('button', { name: 'Question 5, not answered' }).click();
	await expect(page.getByRole('heading', { name: 'Question 5 of 20' })).toBeVisible();

	await page.clock.runFor(10 * 60_000);
	await expect(timer).toHaveText(/^(30:00|29:[0-5]\d)$/);

	// A reload keeps the exam and its clock (which keeps running during the reload).
	await page.reload();
	await expect(page.getByRole('timer')).toHaveText(/^(30:00|29:[0-5]\d)$/);
	await expect(
		page
			.getByRole('navigation', { name: 'Question navigator' })
			.getByRole('button', { name: 'Question 1, answered, flagged' })
	).toBeVisible();

	await page.clock.runFor(30 * 60_000 + 1000);
	await expect(page.getByRole('heading', { name: /^Mock exam result: \d+/ })).toBeVisible();
	await expect(page.getByText('(time ran out)')).toBeVisible();
	await expect(page.getByText(/1 of 20 right, 18 not answered/)).toBeVisible();
	await expect(page.getByText('below the pass line')).toBeVisible();
	await expect(page.getByRole('heading', { name: 'By lesson' })).toBeVisible();
	await expect(page.locator('.review-list > li')).toHaveCount(20);
	await page.locator('.review-list > li > details > summary').nth(1).click();
	await expect(
		page.locator('.review-list > li > details').nth(1).locator('.option.wrong').first()
	).toBeVisible();

	// Both answers fed the scheduler, once, even when the result page is reloaded.
	await page.reload();
	await expect(page.getByRole('heading', { name: /^Mock exam result: \d+/ })).toBeVisible();
	expect(await totalReviews(page)).toBe('2 reviews');
});

test('submitting asks for confirmation first', async ({ page }) => {
	await page.clock.install({ time: START });
	await page.goto('/practice/?mode=mock');
	await page.getByRole('radio', { name: 'My own length' }).check();
	await page.getByRole('spinbutton', { name: 'Questions' }).fill('3');
	await page.getByRole('spinbutton', { name: 'Minutes' }).fill('6');
	await page.getByRole('button', { name: 'Start mock exam' }).click();
	await expect(page.getByRole('timer')).toHaveText(/^(6:00|5:[0-5]\d)$/);
	await page.getByRole('button', { name: 'Submit exam' }).click();
	const dialog = page.getByRole('dialog', { name: 'Submit the exam?' });
	await expect(dialog).toContainText('3 questions not answered');
	await dialog.getByRole('button', { name: 'Keep working' }).click();
	await expect(dialog).toBeHidden();
	await expect(page.getByRole('heading', { name: 'Question 1 of 3' })).toBeVisible();
	await page.clock.runFor(60_000);
	await page.getByRole('button', { name: 'Submit exam' }).click();
	await dialog.getByRole('button', { name: 'Submit', exact: true }).click();
	await expect(
		page.getByRole('heading', { name: 'Mock exam result: 100 — below the pass line' })
	).toBeVisible();
	await expect(page.getByText('0 of 3 right, 3 not answered, in 1 min')).toBeVisible();
});
