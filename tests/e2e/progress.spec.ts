import { expect, test } from './fixtures';
import { answerWithKeyboard, loadBank, totalReviews } from './practice-helpers';

async function answerTwo(page: import('@playwright/test').Page) {
	const bank = await loadBank(page);
	await page.goto('/practice/?mode=daily');
	await answerWithKeyboard(page, bank, true);
	await page.keyboard.press('Enter');
	await answerWithKeyboard(page, bank, false);
	await page.keyboard.press('Enter');
}

test('the progress page states the number of reviews and shows charts with tables', async ({
	page,
}) => {
	await page.goto('/progress/');
	await expect(page.getByTestId('total-reviews')).toHaveText('0 reviews');
	await answerTwo(page);
	expect(await totalReviews(page)).toBe('2 reviews');
	await expect(
		page.getByRole('img', { name: /Review calendar: 2 reviews on 1 day/ })
	).toBeVisible();
	await expect(page.getByRole('img', { name: /Due forecast/ })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Readiness per lesson' })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'True retention per lesson' })).toBeVisible();
	await expect(page.getByText(/You chose “.+” \(once\) where “.+” is needed\./)).toBeVisible();
	await page.getByText('Reviews per day (table)').click();
	await expect(
		page.locator('details').filter({ hasText: 'Reviews per day' }).locator('tbody tr')
	).toHaveCount(1);
});

test('importing a corrupt file leaves progress intact', async ({ page }) => {
	await answerTwo(page);
	expect(await totalReviews(page)).toBe('2 reviews');
	await page.getByLabel('Import progress').setInputFiles({
		name: 'broken.json',
		mimeType: 'application/json',
		buffer: Buffer.from('{"format": "cognito-study-progress", "version": 1, "log": [{"id": 3}'),
	});
	await expect(
		page.getByText('“broken.json” was not imported, and your progress is unchanged.')
	).toBeVisible();
	await page.getByLabel('Import progress').setInputFiles({
		name: 'wrong-rows.json',
		mimeType: 'application/json',
		buffer: Buffer.from(
			JSON.stringify({
				format: 'cognito-study-progress',
				version: 1,
				exportedAt: 'x',
				settings: {},
				examDate: null,
				log: [{ id: 'a', kind: 'review', at: 1 }],
			})
		),
	});
	await expect(
		page.getByText('“wrong-rows.json” was not imported, and your progress is unchanged.')
	).toBeVisible();
	await expect(page.getByText(/log\[0\]: cardId/)).toBeVisible();
	await page.reload();
	await expect(page.getByTestId('total-reviews')).toHaveText('2 reviews');
});

test('export, reset with confirmation, and import bring the same progress back', async ({
	page,
}) => {
	await answerTwo(page);
	await page.goto('/progress/');
	const downloadPromise = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export progress' }).click();
	const download = await downloadPromise;
	const path = await download.path();
	const text = await (await import('node:fs/promises')).readFile(path, 'utf8');
	expect(JSON.parse(text)).toMatchObject({ format: 'cognito-study-progress', version: 1 });

	await page.getByRole('button', { name: 'Reset progress' }).click();
	const dialog = page.getByRole('dialog', { name: 'Reset all progress?' });
	await dialog.getByRole('button', { name: 'Cancel' }).click();
	await expect(page.getByTestId('total-reviews')).toHaveText('2 reviews');
	await page.getByRole('button', { name: 'Reset progress' }).click();
	await dialog.getByRole('button', { name: 'Delete everything' }).click();
	await expect(page.getByTestId('total-reviews')).toHaveText('0 reviews');

	page.once('dialog', (d) => d.accept());
	await page.getByLabel('Import progress').setInputFiles({
		name: 'progress.json',
		mimeType: 'application/json',
		buffer: Buffer.from(text),
	});
	await expect(page.getByText('Imported “progress.json”: 2 reviews.')).toBeVisible();
	await expect(page.getByTestId('total-reviews')).toHaveText('2 reviews');
});

test('an unreadable store is kept as a backup and practice continues with a fresh one', async ({
	page,
}) => {
	await answerTwo(page);
	// Damage the store the way a broken browser profile might: a row that is not a review at all.
	await page.evaluate(
		() =>
			new Promise<void>((resolve, reject) => {
				const open = indexedDB.open('cognito-study-practice');
				open.onsuccess = () => {
					const tx = open.result.transaction('log', 'readwrite');
					tx.objectStore('log').put({ id: 'zzz', kind: 'review', at: 'yesterday' });
					tx.oncomplete = () => {
						open.result.close();
						resolve();
					};
					tx.onerror = () => reject(tx.error);
				};
			})
	);
	await page.goto('/practice/');
	const alert = page.getByRole('alert');
	await expect(alert).toContainText('Your saved progress could not be read');
	const downloadPromise = page.waitForEvent('download');
	await alert.getByRole('button', { name: 'Download the backup' }).click();
	const backup = await (
		await import('node:fs/promises')
	).readFile(await (await downloadPromise).path(), 'utf8');
	expect(backup).toContain('"kind": "review"');
	expect((backup.match(/"cardId"/g) ?? []).length).toBe(2);
	await expect(page.getByRole('button', { name: 'Daily review' })).toBeVisible();
	expect(await totalReviews(page)).toBe('0 reviews');
	// The notice stays until dismissed, on the Progress page too.
	await page.getByRole('alert').getByRole('button', { name: 'Dismiss' }).click();
	await expect(page.getByRole('alert')).toHaveCount(0);
	await page.goto('/practice/');
	await expect(page.getByRole('button', { name: 'Daily review' })).toBeVisible();
	await expect(page.getByRole('alert')).toHaveCount(0);
});
