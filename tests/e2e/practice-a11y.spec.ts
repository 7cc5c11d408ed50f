/**
 * axe over every practice view, in both themes. Each test scans a few views, each view once, after its
 * island has hydrated and drawn the state under test, so a scan never races a render; a busy 2-core
 * machine makes scans slow, never wrong. No step is timed; the limits are generous.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from './fixtures';
import { answerWithKeyboard, loadBank, waitForIslands } from './practice-helpers';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** WCAG violations inside `selector`, one line each (empty when there are none). */
async function violations(page: Page, selector: string) {
	await waitForIslands(page);
	const result = await new AxeBuilder({ page }).include(selector).withTags(TAGS).analyze();
	return result.violations.map(
		(v) =>
			`${v.id}: ${v.nodes
				.map((n) => n.target.join(' '))
				.slice(0, 3)
				.join(', ')}`
	);
}

for (const theme of ['light', 'dark'] as const) {
	test.describe(`${theme} theme`, () => {
		test.use({ colorScheme: theme });
		// Each scan walks every node of a large island; on a loaded 2-core machine that takes tens of
		// seconds, so these tests get three times the usual limit (an outcome guard, not a speed check).
		test.slow();

		test('the practice home, a daily question and its reveal have no violations', async ({
			page,
		}) => {
			const bank = await loadBank(page);
			await page.goto('/practice/');
			await expect(page.getByRole('button', { name: 'Daily review' })).toBeEnabled();
			expect(await violations(page, '.practice-app'), 'home').toEqual([]);

			await page.getByRole('button', { name: 'Daily review' }).click();
			await expect(page.getByRole('button', { name: 'Submit answer' })).toBeVisible();
			expect(await violations(page, '.practice-app'), 'question').toEqual([]);
			await answerWithKeyboard(page, bank, false);
			expect(await violations(page, '.practice-app'), 'revealed').toEqual([]);
		});

		for (const mode of ['custom', 'planner', 'settings']) {
			test(`the ${mode} view has no violations`, async ({ page }) => {
				await page.goto(`/practice/?mode=${mode}`);
				await expect(page.getByRole('button', { name: 'Back' })).toBeVisible();
				expect(await violations(page, '.practice-app')).toEqual([]);
			});
		}

		test('a mock exam in progress and its review have no violations', async ({ page }) => {
			await page.goto('/practice/?mode=mock');
			await page.getByRole('radio', { name: 'My own length' }).check();
			await page.getByRole('spinbutton', { name: 'Questions' }).fill('3');
			await page.getByRole('button', { name: 'Start mock exam' }).click();
			await expect(page.getByRole('timer')).toBeVisible();
			await page.keyboard.press('1');
			await page.keyboard.press('f');
			await expect(page.getByRole('button', { name: '⚑ Flagged' })).toBeVisible();
			expect(await violations(page, '.practice-app'), 'in progress').toEqual([]);
			await page.getByRole('button', { name: 'Submit exam' }).click();
			await page.getByRole('button', { name: 'Submit', exact: true }).click();
			const first = page.locator('.review-list > li > details').first();
			await first.locator('> summary').click();
			await expect(first).toHaveAttribute('open', '');
			expect(await violations(page, '.practice-app'), 'review').toEqual([]);
		});

		test('the progress page, with every table open, has no violations', async ({ page }) => {
			const bank = await loadBank(page);
			await page.goto('/practice/?mode=daily');
			await answerWithKeyboard(page, bank, false);
			await page.goto('/progress/');
			await expect(page.getByTestId('total-reviews')).toHaveText('1 review');
			for (const details of await page.locator('.progress details').all()) {
				await details.locator('> summary').click();
				await expect(details).toHaveAttribute('open', '');
			}
			expect(await violations(page, '.progress-app')).toEqual([]);
		});

		for (const type of ['Put in order', 'Match pairs']) {
			test(`a "${type}" question has no violations, before and after the reveal`, async ({
				page,
			}) => {
				const bank = await loadBank(page);
				await page.goto('/practice/?mode=custom');
				await page.getByRole('checkbox', { name: type }).check();
				await page.getByRole('button', { name: 'Start custom study' }).click();
				await expect(page.getByRole('button', { name: 'Submit answer' })).toBeVisible();
				expect(await violations(page, '.question-card'), 'question').toEqual([]);
				await answerWithKeyboard(page, bank, false);
				expect(await violations(page, '.question-card'), 'revealed').toEqual([]);
			});
		}
	});
}
