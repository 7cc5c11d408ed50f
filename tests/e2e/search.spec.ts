import { expect, test } from './fixtures';

test('searching finds a lesson section and opens it at the heading', async ({ page }) => {
	await page.goto('/search/');
	const box = page.getByRole('searchbox', { name: 'Search lessons, glossary and questions' });
	await expect(box).toBeFocused();
	await box.fill('Logins map');
	await expect(page.getByRole('status')).toContainText(/\d+ results? for “Logins map”/);
	const lessons = page.getByRole('region', { name: 'Lessons' });
	const first = lessons.getByRole('link').first();
	const href = await first.getAttribute('href');
	expect(href).toMatch(/^\/learn\/[a-z-]+\/#[a-z0-9-]+$/);
	await first.click();
	await expect(page).toHaveURL(new RegExp(`${href!.replace(/[/#]/g, '\\$&')}$`));
});

test('a search is linkable and finds glossary terms despite a typo', async ({ page }) => {
	await page.goto('/search/?q=trust%20polcy');
	const glossary = page.getByRole('region', { name: 'Glossary' });
	await expect(glossary.getByRole('link', { name: 'Trust policy' })).toBeVisible();
});

test('a question found by search opens alone in the bank with its answer', async ({ page }) => {
	await page.goto('/search/?q=Logins%20map');
	const questions = page.getByRole('region', { name: 'Questions' });
	const first = questions.getByRole('link').first();
	await expect(first).toHaveAttribute('href', /^\/questions\/\?id=/);
	await first.click();
	await expect(page.getByRole('status')).toContainText('Showing 1 of');
	await expect(page.getByRole('button', { name: 'Hide answer' })).toBeVisible();
	await page.getByRole('button', { name: 'Show all questions' }).click();
	await expect(page.getByRole('status')).not.toContainText('Showing 1 of');
});
