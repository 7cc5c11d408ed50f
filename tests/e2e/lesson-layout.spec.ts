import { expect, test, type Page } from './fixtures';

/**
 * How lessons lay out on a desktop (1280 px) and a phone (360 px), in both themes: lists in callouts render
 * as lists, tables use the room they have and scroll only when they must, and "On this page" shows its entries.
 */

async function lessonPaths(page: Page): Promise<string[]> {
	await page.goto('/learn/');
	const hrefs = await page
		.locator('[data-lesson] a[href^="/learn/"]')
		.evaluateAll((links) => links.map((link) => link.getAttribute('href')!));
	return [...new Set(hrefs)];
}

/** Tables whose scrolling region is narrower than the table, with the widths in pixels. */
async function scrollingTables(page: Page) {
	return page.locator('.lesson-body .table-scroll').evaluateAll((regions) =>
		regions
			.map((region, index) => ({
				index,
				region: region.clientWidth,
				table: region.scrollWidth,
			}))
			.filter(({ region, table }) => table > region + 1)
	);
}

for (const theme of ['light', 'dark'] as const) {
	test.describe(`${theme} theme`, () => {
		test.use({ colorScheme: theme });

		test('at 1280 px every table fits without scrolling, callout lists are lists and "On this page" lists its sections', async ({
			page,
		}) => {
			test.setTimeout(90_000);
			await page.setViewportSize({ width: 1280, height: 900 });
			const paths = await lessonPaths(page);
			expect(paths.length).toBeGreaterThanOrEqual(12);
			for (const path of paths) {
				await page.goto(path);
				await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
				expect(await scrollingTables(page), `${path}: tables that scroll`).toEqual([]);

				// Running text keeps a readable measure; tables may be wider than it, but never wider than the column.
				const measure = await page
					.locator('.lesson-body > p')
					.first()
					.evaluate((p) => p.getBoundingClientRect().width);
				expect(measure).toBeLessThanOrEqual(46 * 16 + 1);

				const toc = page.getByRole('navigation', { name: 'On this page' });
				await expect(toc).toBeVisible();
				const entries = toc.getByRole('link');
				expect(await entries.count(), `${path}: entries in "On this page"`).toBeGreaterThan(3);
				await expect(entries.first()).toBeVisible();
				await expect(toc.getByRole('link', { name: 'Key facts' })).toBeVisible();

				for (const callout of await page.locator('aside.callout-traps').all()) {
					expect(await callout.locator('li').count(), `${path}: exam traps`).toBeGreaterThan(1);
					await expect(callout.locator('li').first()).toBeVisible();
				}
				const calloutText = await page.locator('aside.callout').allInnerTexts();
				// A flattened list reads "… first item. - Second item …".
				for (const text of calloutText) expect(text, `${path}: callout`).not.toMatch(/\s-\s+\S/);
			}
		});

		test('at 360 px the page never scrolls sideways, wide tables scroll in a focusable region and "On this page" opens', async ({
			page,
		}) => {
			test.setTimeout(90_000);
			await page.setViewportSize({ width: 360, height: 800 });
			const paths = await lessonPaths(page);
			for (const path of paths) {
				await page.goto(path);
				const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
				expect(pageWidth, `${path}: page width`).toBeLessThanOrEqual(360);
				for (const { index } of await scrollingTables(page)) {
					const region = page.locator('.lesson-body .table-scroll').nth(index);
					await expect(region).toHaveAttribute('tabindex', '0');
					await expect(region).toHaveAttribute('role', 'region');
				}
			}

			await page.goto('/learn/tokens/');
			await expect(page.getByRole('navigation', { name: 'On this page' })).toBeHidden();
			const toc = page.locator('details', { has: page.getByText('On this page') });
			await expect(toc.getByRole('link', { name: 'Key facts' })).toBeHidden();
			await toc.getByText('On this page').click();
			await toc.getByRole('link', { name: 'Key facts' }).click();
			await expect(page).toHaveURL(/#key-facts$/);
			await expect(page.getByRole('heading', { name: 'Key facts', level: 2 })).toBeInViewport();
		});
	});
}

test('the widest table still scrolls where the column is narrower than its content, and only there', async ({
	page,
}) => {
	await page.setViewportSize({ width: 360, height: 800 });
	await page.goto('/learn/lambda-triggers/');
	const wide = await scrollingTables(page);
	expect(wide.length).toBeGreaterThan(0);
	await page.setViewportSize({ width: 1280, height: 900 });
	await expect.poll(() => scrollingTables(page)).toEqual([]);
});
