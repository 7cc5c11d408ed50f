import { expect, test } from './fixtures';
import { answerWithKeyboard, loadBank, totalReviews } from './practice-helpers';

async function answerTwo(page: import('@playwright/test').Page) {
	const bank = await loadBank(page);
	await page.goto('/practice/?mode=daily');
	await answerWithKeyboard(page, bank, true);
	await page.keyboard.press('Enter');
	const wrong = await answerWithKeyboard(page, bank, false);
	await page.keyboard.press('Enter');
	return wrong;
}

test('the progress page states the number of reviews and shows charts with tables', async ({
	page,
}) => {
	await page.goto('/progress/');
	await expect(page.getByTestId('total-reviews')).toHaveText('0 reviews');
	const wrong = await answerTwo(page);
	expect(await totalReviews(page)).toBe('2 reviews');
	await expect(
		page.getByRole('img', { name: /Review calendar: 2 reviews on 1 day/ })
	).toBeVisible();
	await expect(page.getByRole('img', { name: /Due forecast/ })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Readiness per lesson' })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'True retention per lesson' })).toBeVisible();
	// The wrong answer becomes a distractor sentence, except on an ordering question (no single wrong choice).
	const distractor = page.getByText(/You chose “.+” \(once\) where “.+” (is|are) needed\./);
	if (wrong.type === 'ordering') await expect(distractor).toHaveCount(0);
	else await expect(distractor).toBeVisible();
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

/** Adds raw rows to the browser's practice store, as a damaged profile or a newer release might. */
async function addRows(page: import('@playwright/test').Page, rows: unknown[]) {
	await page.evaluate(
		(rows) =>
			new Promise<void>((resolve, reject) => {
				const open = indexedDB.open('cognito-study-practice');
				open.onsuccess = () => {
					const tx = open.result.transaction('log', 'readwrite');
					for (const row of rows) tx.objectStore('log').put(row);
					tx.oncomplete = () => {
						open.result.close();
						resolve();
					};
					tx.onerror = () => reject(tx.error);
				};
			}),
		rows
	);
}

test('one unreadable row is set aside, every answer is kept, and the download imports as it is', async ({
	page,
}) => {
	await answerTwo(page);
	await addRows(page, [{ id: 'zzz', kind: 'review', at: 'yesterday' }]);
	await page.goto('/practice/');
	const notice = page.getByTestId('quarantine-notice');
	await expect(notice).toContainText('1 saved item could not be read and was set aside');
	await expect(notice).toContainText('Nothing was deleted');
	await expect(page.getByRole('button', { name: 'Daily review' })).toBeEnabled();
	expect(await totalReviews(page)).toBe('2 reviews');

	// The download is a progress file with both answers and the set-aside row.
	const downloadPromise = page.waitForEvent('download');
	await page
		.getByTestId('quarantine-notice')
		.getByRole('button', { name: 'Download my progress' })
		.click();
	const path = await (await downloadPromise).path();
	const text = await (await import('node:fs/promises')).readFile(path, 'utf8');
	const file = JSON.parse(text);
	expect(file.format).toBe('cognito-study-progress');
	expect(file.log).toHaveLength(2);
	expect(file.quarantine).toHaveLength(1);

	// Reset, then import the download exactly as it is: both answers come back.
	await page.getByRole('button', { name: 'Reset progress' }).click();
	await page
		.getByRole('dialog', { name: 'Reset all progress?' })
		.getByRole('button', { name: 'Delete everything' })
		.click();
	await expect(page.getByTestId('total-reviews')).toHaveText('0 reviews');
	page.once('dialog', (dialog) => dialog.accept());
	await page.getByLabel('Import progress').setInputFiles(path);
	await expect(page.getByTestId('total-reviews')).toHaveText('2 reviews');
	// Imported set-aside rows stay in the store (and exports) without a notice.
	await page.goto('/practice/');
	await expect(page.getByRole('button', { name: 'Daily review' })).toBeVisible();
	await expect(page.getByTestId('quarantine-notice')).toHaveCount(0);
});

test('a row from a newer version of the site opens progress read-only and deletes nothing', async ({
	page,
}) => {
	await answerTwo(page);
	await addRows(page, [{ id: 'zzz-newer', kind: 'streak', at: Date.now(), v: 2 }]);
	await page.goto('/practice/');
	await expect(page.getByRole('alert').filter({ hasText: 'Read-only' })).toContainText(
		'saved by a newer version of this site'
	);
	await expect(page.getByRole('button', { name: 'Daily review' })).toBeDisabled();
	await page.goto('/practice/?mode=daily');
	await expect(page.getByRole('button', { name: 'Submit answer' })).toHaveCount(0);
	expect(await totalReviews(page)).toBe('2 reviews');
	const rows = await page.evaluate(
		() =>
			new Promise<number>((resolve) => {
				const open = indexedDB.open('cognito-study-practice');
				open.onsuccess = () => {
					const request = open.result.transaction('log').objectStore('log').count();
					request.onsuccess = () => resolve(request.result);
				};
			})
	);
	expect(rows).toBe(3);
});
