import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from './fixtures';
import { answerWithKeyboard, loadBank } from './practice-helpers';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function violations(page: Page, selector: string) {
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

		test('practice views have no WCAG 2.2 AA violations found by axe', async ({ page }) => {
			const bank = await loadBank(page);
			await page.goto('/practice/');
			await expect(page.getByRole('button', { name: 'Daily review' })).toBeVisible();
			expect(await violations(page, '.practice-app')).toEqual([]);

			await page.getByRole('button', { name: 'Daily review' }).click();
			await expect(page.getByRole('button', { name: 'Submit answer' })).toBeVisible();
			expect(await violations(page, '.practice-app')).toEqual([]);
			await answerWithKeyboard(page, bank, false);
			expect(await violations(page, '.practice-app')).toEqual([]);

			for (const mode of ['custom', 'planner', 'settings']) {
				await page.goto(`/practice/?mode=${mode}`);
				await expect(page.getByRole('button', { name: 'Back' })).toBeVisible();
				expect(await violations(page, '.practice-app'), mode).toEqual([]);
			}

			await page.goto('/practice/?mode=mock');
			await page.getByRole('radio', { name: 'My own length' }).check();
			await page.getByRole('spinbutton', { name: 'Questions' }).fill('3');
			await page.getByRole('button', { name: 'Start mock exam' }).click();
			await page.keyboard.press('1');
			await page.keyboard.press('f');
			await expect(page.getByRole('timer')).toBeVisible();
			expect(await violations(page, '.practice-app')).toEqual([]);
			await page.getByRole('button', { name: 'Submit exam' }).click();
			await page.getByRole('button', { name: 'Submit', exact: true }).click();
			await page.locator('.review-list > li > details > summary').first().click();
			expect(await violations(page, '.practice-app')).toEqual([]);

			await page.goto('/progress/');
			await expect(page.getByTestId('total-reviews')).toBeVisible();
			for (const summary of await page.locator('.progress details summary').all())
				await summary.click();
			expect(await violations(page, '.progress-app')).toEqual([]);
		});

		test('ordering and matching questions have no violations, before and after the reveal', async ({
			page,
		}) => {
			const bank = await loadBank(page);
			for (const type of ['Put in order', 'Match pairs']) {
				await page.goto('/practice/?mode=custom');
				await page.getByRole('checkbox', { name: type }).check();
				await page.getByRole('button', { name: 'Start custom study' }).click();
				await expect(page.getByRole('button', { name: 'Submit answer' })).toBeVisible();
				expect(await violations(page, '.question-card'), type).toEqual([]);
				await answerWithKeyboard(page, bank, false);
				expect(await violations(page, '.question-card'), type).toEqual([]);
			}
		});
	});
}
