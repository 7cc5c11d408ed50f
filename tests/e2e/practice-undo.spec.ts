import { expect, test } from './fixtures';
import { answerWithKeyboard, currentQuestion, loadBank, totalReviews } from './practice-helpers';

test('undo takes back the last answer, with the button or the U key', async ({ page }) => {
	const bank = await loadBank(page);
	await page.goto('/practice/');
	await page.getByRole('button', { name: 'Daily review' }).click();

	const first = await answerWithKeyboard(page, bank, false);
	await page.getByRole('button', { name: 'Undo' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Last answer undone.' })).toHaveCount(1);
	await expect(page.getByRole('button', { name: 'Submit answer' })).toBeVisible();
	expect((await currentQuestion(page, bank)).id).toBe(first.id);

	// Answer again, move on, then undo from the next question with U.
	await answerWithKeyboard(page, bank, true);
	await page.keyboard.press('Enter');
	await expect(page.getByRole('button', { name: 'Submit answer' })).toBeVisible();
	await page.keyboard.press('u');
	await expect(page.getByRole('status').filter({ hasText: 'Last answer undone.' })).toHaveCount(1);
	expect((await currentQuestion(page, bank)).id).toBe(first.id);

	expect(await totalReviews(page)).toBe('0 reviews');
});

test('F flags the question on screen, and custom study can pick the flagged ones', async ({
	page,
}) => {
	const bank = await loadBank(page);
	await page.goto('/practice/?mode=daily');
	const question = await currentQuestion(page, bank);
	await page.keyboard.press('f');
	await expect(page.getByRole('button', { name: '⚑ Flagged' })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
	await expect(
		page.getByRole('status').filter({ hasText: 'Flagged for later study.' })
	).toHaveCount(1);
	await page.goto('/practice/?mode=custom');
	await page.getByLabel('Flagged questions only').check();
	await expect(page.getByText('1 question match.')).toBeVisible();
	await page.getByRole('button', { name: 'Start custom study' }).click();
	expect((await currentQuestion(page, bank)).id).toBe(question.id);
});

test('in custom study a question answered wrong comes back until it is answered right', async ({
	page,
}) => {
	const bank = await loadBank(page);
	await page.goto('/practice/?mode=custom');
	await page.getByLabel('At most').fill('2');
	await page.getByRole('button', { name: 'Start custom study' }).click();
	const first = await answerWithKeyboard(page, bank, false);
	await page.keyboard.press('Enter');
	const second = await answerWithKeyboard(page, bank, true);
	expect(second.id).not.toBe(first.id);
	await page.keyboard.press('Enter');
	const again = await answerWithKeyboard(page, bank, true);
	expect(again.id).toBe(first.id);
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { name: 'Session complete' })).toBeVisible();
	await expect(page.getByText('You answered 3 questions, 2 right.')).toBeVisible();
});
