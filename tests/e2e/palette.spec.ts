import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from './fixtures';

// Generous: each test loads pages and the index on a machine that may be busy.
test.describe.configure({ timeout: 60_000 });

const palette = (page: Page) => page.getByRole('dialog', { name: 'Search the site' });
const box = (page: Page) => page.getByRole('combobox', { name: /Search lessons, questions/ });

test('Ctrl+K opens the palette from a lesson; the index loads only then; keyboard all the way', async ({
	page,
}) => {
	const indexRequests: string[] = [];
	page.on('request', (request) => {
		if (request.url().includes('search-index.json')) indexRequests.push(request.url());
	});
	await page.goto('/learn/tokens/');
	await page.waitForLoadState('networkidle');
	expect(indexRequests, 'the index is not loaded with the page').toEqual([]);

	const opener = page.getByRole('button', { name: 'Search' }).first();
	await opener.focus();
	await page.keyboard.press('Control+k');
	await expect(palette(page)).toBeVisible();
	await expect(box(page)).toBeFocused();
	await page.keyboard.type('trust polcy');
	await expect.poll(() => indexRequests.length).toBe(1);

	// Grouped by kind, with the typo forgiven and the matched words marked.
	const glossary = page.getByRole('group', { name: 'Glossary' });
	await expect(glossary.getByRole('option', { name: /Trust policy/ })).toBeVisible();
	await expect(page.getByRole('group', { name: 'Lessons' })).toBeVisible();
	await expect(palette(page).locator('mark').first()).toBeVisible();
	await expect(palette(page).getByRole('status')).toContainText(/\d+ results? for trust polcy/);

	// The first option is active; arrows move the active option, which the combobox points to.
	const active = async () => {
		const id = await box(page).getAttribute('aria-activedescendant');
		return page.locator(`[id="${id}"]`);
	};
	await expect(await active()).toHaveAttribute('aria-selected', 'true');
	const firstId = await box(page).getAttribute('aria-activedescendant');
	await page.keyboard.press('ArrowDown');
	expect(await box(page).getAttribute('aria-activedescendant')).not.toBe(firstId);
	await page.keyboard.press('ArrowUp');
	expect(await box(page).getAttribute('aria-activedescendant')).toBe(firstId);

	// Escape closes it and gives focus back to where it was.
	await page.keyboard.press('Escape');
	await expect(palette(page)).toBeHidden();
	await expect(opener).toBeFocused();

	// "/" opens it too (but not while typing in a field); Enter opens the active result.
	await page.keyboard.press('/');
	await expect(box(page)).toBeFocused();
	await box(page).fill('trust policy');
	const target = await (await active()).getAttribute('href');
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(new RegExp(`${target!.replace(/[?#/]/g, '\\$&')}$`));
});

test('results cover every kind: a lesson section, a question and a simulator scenario', async ({
	page,
}) => {
	await page.goto('/');
	await page.getByRole('button', { name: 'Search' }).first().click();
	await box(page).fill('pre sign-up trigger');
	await expect(
		page.getByRole('group', { name: 'Simulator scenarios' }).getByRole('option').first()
	).toHaveAttribute('href', /\/simulator\/[a-z0-9-]+\/$/);
	await expect(
		page.getByRole('group', { name: 'Questions' }).getByRole('option').first()
	).toHaveAttribute('href', /\/questions\/\?id=/);
	await expect(
		page.getByRole('group', { name: 'Lessons' }).getByRole('option').first()
	).toHaveAttribute('href', /\/learn\/[a-z-]+\/#/);
	// A snippet starts at a word: after the ellipsis comes a whole word of the lesson text.
	const snippet = await page.locator('.palette-snippet').first().innerText();
	expect(snippet).toMatch(/^(…\S|[A-Z0-9`(])/);
	// "All results" hands the query to the Search page.
	await expect(
		palette(page).getByRole('link', { name: 'All results on the Search page' })
	).toHaveAttribute('href', '/search/?q=pre%20sign-up%20trigger');
});

test('"/" typed in a field is text, not a shortcut', async ({ page }) => {
	await page.goto('/search/');
	const field = page.getByRole('searchbox');
	await field.focus();
	await page.keyboard.type('a/b');
	await expect(field).toHaveValue('a/b');
	await expect(palette(page)).toBeHidden();
});

for (const theme of ['light', 'dark'] as const) {
	test(`the open palette has no WCAG 2.2 AA violations (${theme}) and fits 360 px`, async ({
		page,
	}) => {
		await page.emulateMedia({ colorScheme: theme });
		await page.setViewportSize({ width: 360, height: 740 });
		await page.goto('/learn/');
		await page.keyboard.press('Control+k');
		await box(page).fill('refresh token');
		await expect(page.getByRole('option').first()).toBeVisible();
		const panel = await palette(page).boundingBox();
		expect(panel!.x).toBeGreaterThanOrEqual(0);
		expect(panel!.x + panel!.width).toBeLessThanOrEqual(360);
		const results = await new AxeBuilder({ page })
			.include('dialog.palette')
			.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
			.analyze();
		expect(
			results.violations.map(
				(violation) => `${violation.id}: ${violation.nodes.map((node) => node.html).join(' | ')}`
			)
		).toEqual([]);
	});
}

test('the palette searches offline after one visit', async ({ page, context }) => {
	await page.goto('/');
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	await context.setOffline(true);
	await page.goto('/glossary/');
	await page.keyboard.press('Control+k');
	await box(page).fill('identity pool');
	await expect(page.getByRole('option').first()).toBeVisible();
});
