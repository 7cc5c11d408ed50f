/**
 * "Optimise my scheduler" on a seeded log: a simulated student whose memory is far from the FSRS
 * defaults (1,700 long-term reviews over 150 days, made in Node with the real scheduler). The fit runs
 * in the page's worker with fsrs-browser (single-threaded, so no cross-origin isolation is needed and
 * nothing is skipped); the held-out check shows log loss and RMSE; applying and undoing change only
 * the settings.
 */
import { expect, test } from './fixtures';
import { simulateStudent } from '../fixtures/simulated-students';

// Simulating the student (about 3,000 answers through the real queue) and two fits take tens of seconds
// on a loaded 2-core machine; the outcome, not the time, is what is checked.
test.setTimeout(300_000);

test('optimise, apply only when better, and undo', async ({ page }) => {
	const { log } = simulateStudent({
		seed: 24,
		lessons: 8,
		perLesson: 30,
		days: 150,
		examGap: 5,
		skip: 0.1,
		newPerDay: 12,
		truth: { scale: 0.3, decay: 0.55 },
	});
	await page.goto('/practice/?mode=settings');
	await expect(page.getByTestId('optimiser-state')).toContainText('(1,000 needed)');
	await expect(page.getByRole('button', { name: 'Optimise my scheduler' })).toBeDisabled();
	await page.evaluate(async (rows) => {
		const open = indexedDB.open('cognito-study-practice');
		const db: IDBDatabase = await new Promise(
			(resolve) => (open.onsuccess = () => resolve(open.result))
		);
		const tx = db.transaction('log', 'readwrite');
		for (const row of rows) tx.objectStore('log').put(row);
		await new Promise((resolve) => (tx.oncomplete = resolve));
		db.close();
	}, log);
	await page.reload();
	await expect(page.getByTestId('optimiser-state')).toContainText(
		'Now using the default FSRS parameters'
	);
	await page.getByRole('button', { name: 'Optimise my scheduler' }).click();
	const table = page.getByRole('table', { name: /How well each set predicts your latest/ });
	// Two fits (the held-out check, then all reviews) of ~1,700 reviews: seconds on a quiet machine, more under load.
	await expect(table).toBeVisible({ timeout: 180_000 });
	const cells = await table.locator('tbody td').allInnerTexts();
	const [beforeLoss, , afterLoss] = cells.map(Number);
	expect(afterLoss).toBeLessThan(beforeLoss!);

	await page.getByRole('button', { name: 'Apply parameters fitted to all my reviews' }).click();
	await expect(page.getByTestId('optimiser-state')).toContainText(
		'Now using parameters fitted to your reviews'
	);
	const stored = await page.evaluate(async () => {
		const open = indexedDB.open('cognito-study-practice');
		const db: IDBDatabase = await new Promise(
			(resolve) => (open.onsuccess = () => resolve(open.result))
		);
		const settings: { weights?: number[] } = await new Promise((resolve) => {
			const request = db.transaction('meta').objectStore('meta').get('settings');
			request.onsuccess = () => resolve(request.result);
		});
		const rows: number = await new Promise((resolve) => {
			const request = db.transaction('log').objectStore('log').count();
			request.onsuccess = () => resolve(request.result);
		});
		db.close();
		return { weights: settings.weights, rows };
	});
	expect(stored.weights).toHaveLength(21);
	expect(stored.rows).toBe(log.length);

	await page.getByRole('button', { name: 'Undo: use my previous parameters' }).click();
	await expect(page.getByTestId('optimiser-state')).toContainText(
		'Now using the default FSRS parameters'
	);
});
