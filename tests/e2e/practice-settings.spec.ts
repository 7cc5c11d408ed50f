import { expect, test } from './fixtures';

test('settings refuse a retention above 0.97 and keep a valid one', async ({ page }) => {
	await page.goto('/practice/?mode=settings');
	const retention = page.getByLabel('Desired retention (0.80–0.97)');
	await expect(retention).toHaveValue('0.9');
	await retention.fill('0.99');
	await page.getByRole('button', { name: 'Save settings' }).click();
	await expect(page.getByText('Invalid desired retention 0.99, expected 0.8–0.97')).toBeVisible();
	await retention.fill('0.95');
	await page.getByLabel('New questions a day').fill('5');
	await page.getByLabel('Learning steps', { exact: true }).fill('2m 15m');
	await page.getByRole('button', { name: 'Save settings' }).click();
	await expect(page.getByText('Settings saved.')).toBeVisible();
	await page.reload();
	await expect(page.getByLabel('Learning steps', { exact: true })).toHaveValue('2m 15m');
	await page.getByRole('button', { name: 'Back' }).click();
	await expect(page.getByText('Retention 0.95, 5 new and 200 reviews a day.')).toBeVisible();
	await expect(page.locator('.counts div').filter({ hasText: /^New/ }).locator('dd')).toHaveText(
		'5'
	);
});

test('the planner paces new questions to finish 14 days before the exam', async ({ page }) => {
	await page.clock.install({ time: new Date('2026-03-02T10:00:00Z') });
	await page.goto('/practice/?mode=settings');
	await page.getByLabel('New questions a day').fill('1');
	await page.getByRole('button', { name: 'Save settings' }).click();
	await expect(page.getByText('Settings saved.')).toBeVisible();
	await page.goto('/practice/?mode=planner');
	await page.getByLabel('Exam date').fill('2026-04-15');
	await page.getByRole('button', { name: 'Save exam date' }).click();
	// 44 days to the exam: new questions until 2026-04-01, 31 days including today.
	await expect(page.getByText(/Pace: \d+ new questions a day until 2026-04-01/)).toBeVisible();
	const bank = await (await page.request.get('/data/questions.json')).json();
	const pace = Math.ceil(bank.questions.length / 31);
	await expect(page.getByText(`Pace: ${pace} new questions a day`)).toBeVisible();
	await expect(page.getByText('(raised from your setting)')).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Readiness on your exam date' })).toBeVisible();
	await page.getByRole('button', { name: 'Back' }).click();
	await expect(page.locator('.counts div').filter({ hasText: /^New/ }).locator('dd')).toHaveText(
		String(Math.min(pace, 200))
	);
});
