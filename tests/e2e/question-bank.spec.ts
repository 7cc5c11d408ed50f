import { expect, test } from './fixtures';

const COUNT = /Showing (\d+) of (\d+) questions/;
/** Questions the bank browser draws at a time (src/components/questions/QuestionBankApp.tsx). */
const PAGE_SIZE = 25;

async function shownCount(page: import('@playwright/test').Page): Promise<[number, number]> {
	const text = (await page.getByRole('status').filter({ hasText: COUNT }).textContent()) ?? '';
	const match = COUNT.exec(text);
	return [Number(match?.[1]), Number(match?.[2])];
}

test('the bank browser filters by lesson and type, searches, and reveals an answer', async ({
	page,
}) => {
	await page.goto('/questions/');
	await expect(page.getByRole('heading', { level: 1, name: 'Question bank' })).toBeVisible();
	await expect(page.getByText(COUNT)).toBeVisible();
	const [, total] = await shownCount(page);
	expect(total).toBeGreaterThan(12);

	const filters = page.getByRole('search', { name: 'Filter questions' });
	await filters.getByLabel('Lesson').selectOption('tokens');
	await filters.getByLabel('Type').selectOption('multi');
	const [shown] = await shownCount(page);
	expect(shown).toBeGreaterThan(0);
	expect(shown).toBeLessThan(total);
	const articles = page.locator('.bank-question');
	await expect(articles).toHaveCount(shown);
	expect(shown).toBeLessThanOrEqual(PAGE_SIZE);
	for (const tag of await articles.locator('.bank-tags li:first-child').allTextContents())
		expect(tag).toMatch(/^Choose \d/);
	await expect(articles.locator('.bank-lesson').first()).toHaveText(/Tokens/);

	// Answers stay hidden until asked for; the button says whether its panel is open.
	const first = articles.first();
	const toggle = first.getByRole('button', { name: 'Show answer and explanations' });
	await expect(toggle).toHaveAttribute('aria-expanded', 'false');
	await expect(first.getByText(/^Answer: /)).toBeHidden();
	await toggle.focus();
	await page.keyboard.press('Enter');
	await expect(first.getByRole('button', { name: 'Hide answer' })).toHaveAttribute(
		'aria-expanded',
		'true'
	);
	await expect(first.getByText(/^Answer: [A-F](, [A-F])+$/)).toBeVisible();
	await expect(first.locator('.bank-explanations li')).toHaveCount(
		await first.locator('.bank-options li').count()
	);
	await expect(first.getByRole('heading', { name: 'Explanation' })).toBeVisible();

	// Fuzzy search with a typo still finds questions; clearing brings everything back.
	await filters.getByRole('button', { name: 'Clear filters' }).click();
	await filters.getByLabel('Search').fill('refesh token');
	const [found] = await shownCount(page);
	expect(found).toBeGreaterThan(0);
	expect(found).toBeLessThan(total);
	await filters.getByRole('button', { name: 'Clear filters' }).click();
	expect(await shownCount(page)).toEqual([Math.min(PAGE_SIZE, total), total]);
});

test('a large bank is drawn a page at a time; "Show more" continues where the keyboard is', async ({
	page,
}) => {
	await page.goto('/questions/');
	const [visible, total] = await shownCount(page);
	expect(total).toBeGreaterThan(PAGE_SIZE);
	expect(visible).toBe(PAGE_SIZE);
	await expect(page.locator('.bank-question')).toHaveCount(PAGE_SIZE);
	const more = page.getByRole('button', { name: `Show ${PAGE_SIZE} more questions` });
	await more.focus();
	await page.keyboard.press('Enter');
	await expect(page.locator('.bank-question')).toHaveCount(Math.min(2 * PAGE_SIZE, total));
	await expect(page.locator('.bank-question').nth(PAGE_SIZE)).toBeFocused();
	// A new filter starts from the first page again.
	await page.getByLabel('Lesson').selectOption('tokens');
	const [, inLesson] = await shownCount(page);
	await expect(page.locator('.bank-question')).toHaveCount(Math.min(PAGE_SIZE, inLesson));
});

test('deep links preselect filters', async ({ page }) => {
	await page.goto('/questions/?lesson=identity-pools&difficulty=3');
	await expect(page.getByLabel('Lesson')).toHaveValue('identity-pools');
	await expect(page.getByLabel('Difficulty')).toHaveValue('3');
	const tags = await page.locator('.bank-tags li:nth-child(2)').allTextContents();
	expect(tags.length).toBeGreaterThan(0);
	for (const tag of tags) expect(tag).toContain('Difficulty 3');
});

test.describe('at 360 px wide', () => {
	test.use({ viewport: { width: 360, height: 740 } });
	for (const path of ['/questions/', '/instructors/']) {
		test(`${path} has no horizontal scroll`, async ({ page }) => {
			await page.goto(path);
			if (path === '/questions/') {
				await expect(page.getByText(COUNT)).toBeVisible();
				await page.locator('.bank-toggle').first().click();
			}
			const overflow = await page.evaluate(
				() => document.documentElement.scrollWidth - document.documentElement.clientWidth
			);
			expect(overflow).toBe(0);
		});
	}
});
