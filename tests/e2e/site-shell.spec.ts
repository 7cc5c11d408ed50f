import { expect, test } from './fixtures';

const NAV = ['Learn', 'Practice', 'Simulator', 'Progress', 'Search'];

test('home loads with no console errors and offers three ways in', async ({ page }) => {
	const problems: string[] = [];
	page.on('console', (message) => {
		if (message.type() === 'error') problems.push(message.text());
	});
	page.on('pageerror', (error) => problems.push(error.message));
	await page.goto('/');
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	for (const action of ['Start the lessons', 'Practise questions', 'Open the simulator']) {
		await expect(page.getByRole('link', { name: action })).toBeVisible();
	}
	expect(problems).toEqual([]);
});

test('every nav link reaches a page with a heading', async ({ page }) => {
	await page.goto('/');
	const nav = page.getByRole('navigation', { name: 'Main' });
	for (const label of NAV) {
		await nav.getByRole('link', { name: label, exact: true }).click();
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		await expect(
			page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: label, exact: true })
		).toHaveAttribute('aria-current', 'page');
	}
});

test('the theme toggle is remembered across reloads', async ({ page }) => {
	await page.emulateMedia({ colorScheme: 'light' });
	await page.goto('/');
	const html = page.locator('html');
	await expect(html).toHaveAttribute('data-theme', 'light');
	const toggle = page.getByRole('button', { name: 'Dark theme' });
	await expect(toggle).toHaveAttribute('aria-pressed', 'false');
	await toggle.click();
	await expect(html).toHaveAttribute('data-theme', 'dark');
	await page.reload();
	await expect(html).toHaveAttribute('data-theme', 'dark');
	await expect(page.getByRole('button', { name: 'Dark theme' })).toHaveAttribute(
		'aria-pressed',
		'true'
	);
});

test('the theme follows the system preference until the learner chooses', async ({ page }) => {
	await page.emulateMedia({ colorScheme: 'dark' });
	await page.goto('/');
	await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});

test('the skip link moves focus to the main content', async ({ page }) => {
	await page.goto('/');
	await page.keyboard.press('Tab');
	const skip = page.getByRole('link', { name: 'Skip to content' });
	await expect(skip).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page.locator('main')).toBeFocused();
});

test.describe('at 360 px wide', () => {
	test.use({ viewport: { width: 360, height: 740 } });
	for (const path of [
		'/',
		'/learn/',
		'/practice/',
		'/simulator/',
		'/progress/',
		'/search/',
		'/glossary/',
	]) {
		test(`${path} has no horizontal scroll`, async ({ page }) => {
			await page.goto(path);
			const overflow = await page.evaluate(
				() => document.documentElement.scrollWidth - document.documentElement.clientWidth
			);
			expect(overflow).toBe(0);
		});
	}
});
