import { expect, test } from './fixtures';

test('after one online visit, lessons, diagrams and search work offline', async ({
	page,
	context,
}) => {
	await page.goto('/');
	// The service worker is active once everything in the precache has been downloaded.
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	await context.setOffline(true);

	await page.goto('/learn/tokens/');
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Tokens');
	await expect(page.locator('figure.diagram svg').first()).toBeVisible();

	await page.goto('/search/?q=preferred_role');
	await expect(page.getByRole('status')).toContainText(/\d+ results? for/);

	await page.goto('/glossary/');
	await expect(page.getByRole('heading', { level: 1, name: 'Glossary' })).toBeVisible();
});

test('the site can be installed as an app', async ({ page, request }) => {
	await page.goto('/');
	const href = await page.locator('link[rel="manifest"]').getAttribute('href');
	const manifest = await (await request.get(href!)).json();
	expect(manifest.display).toBe('standalone');
	for (const icon of manifest.icons as Array<{ src: string }>) {
		expect((await request.get(icon.src)).ok(), icon.src).toBe(true);
	}
});
