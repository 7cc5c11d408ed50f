import { expect, test } from './fixtures';

test('the lesson list shows every lesson with its objectives', async ({ page }) => {
	await page.goto('/learn/');
	const cards = page.locator('[data-lesson]');
	await expect(cards).toHaveCount(14);
	await expect(cards.first().getByRole('heading')).toContainText('1.');
	await cards.first().getByText('Objectives').click();
	await expect(cards.first().getByRole('listitem').first()).toBeVisible();
});

test('a lesson shows its diagram as an accessible SVG drawn at build time', async ({ page }) => {
	await page.goto('/learn/identity-pools/');
	const figure = page.locator('figure.diagram').first();
	await expect(figure).toHaveAttribute('data-prerendered', '');
	const svg = figure.locator('.diagram-light svg');
	await expect(svg).toBeVisible();
	// Mermaid turns accTitle/accDescr into the SVG's accessible name and description.
	await expect(svg.locator('title')).toHaveText(/\S/);
	await expect(svg.locator('desc')).toHaveText(/\S/);
	await figure.getByText('Text description').click();
	await expect(figure.locator('details p')).toBeVisible();
});

test('the dark theme shows the dark drawing of each diagram', async ({ page }) => {
	await page.emulateMedia({ colorScheme: 'light' });
	await page.goto('/learn/identity-pools/');
	const figure = page.locator('figure.diagram').first();
	await expect(figure.locator('.diagram-light svg')).toBeVisible();
	await expect(figure.locator('.diagram-dark svg')).toBeHidden();
	await page.getByRole('button', { name: 'Dark theme' }).click();
	await expect(figure.locator('.diagram-dark svg')).toBeVisible();
	await expect(figure.locator('.diagram-light svg')).toBeHidden();
});

test('the table of contents scrolls to the heading', async ({ page }) => {
	await page.setViewportSize({ width: 1440, height: 900 });
	await page.goto('/learn/tokens/');
	const toc = page.getByRole('navigation', { name: 'On this page' });
	await toc.getByRole('link', { name: 'Key facts' }).click();
	await expect(page).toHaveURL(/#key-facts$/);
	await expect(page.getByRole('heading', { name: 'Key facts', level: 2 })).toBeInViewport();
});

test('previous and next links walk the course in order', async ({ page }) => {
	await page.goto('/learn/cognito-overview/');
	const pager = page.getByRole('navigation', { name: 'Previous and next lesson' });
	await pager.getByRole('link', { name: /Next/ }).click();
	await expect(page).toHaveURL(/\/learn\/user-pools\/$/);
	await page
		.getByRole('navigation', { name: 'Previous and next lesson' })
		.getByRole('link', { name: /Previous/ })
		.click();
	await expect(page).toHaveURL(/\/learn\/cognito-overview\/$/);
});

test('a lesson offers its practice drill and cites its sources', async ({ page }) => {
	await page.goto('/learn/tokens/');
	await expect(page.getByRole('link', { name: 'Practice this lesson' })).toHaveAttribute(
		'href',
		'/practice/?lesson=tokens'
	);
	const sources = page.getByRole('region', { name: 'Sources' });
	await expect(sources.getByRole('link').first()).toHaveAttribute(
		'href',
		/^https:\/\/docs\.aws\.amazon\.com\//
	);
});

test('lesson pages show every diagram without downloading diagram JavaScript', async ({ page }) => {
	const scripts: string[] = [];
	page.on('request', (request) => {
		if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
	});
	await page.goto('/learn/lambda-triggers/');
	await page.waitForLoadState('networkidle');
	const figures = page.locator('figure.diagram');
	await expect(figures).toHaveCount(await page.locator('figure.diagram[data-prerendered]').count());
	expect(await figures.count()).toBeGreaterThan(0);
	await expect(page.locator('code.language-mermaid')).toHaveCount(0);
	expect(scripts.filter((path) => /DiagramRenderer|mermaid/i.test(path))).toEqual([]);
});

test('glossary terms link to the lesson that explains them', async ({ page }) => {
	await page.goto('/glossary/');
	const term = page.locator('#trust-policy');
	await expect(term).toContainText('Trust policy');
	await term.getByRole('link', { name: /Read more/ }).click();
	await expect(page).toHaveURL(/\/learn\/identity-pools-iam\//);
});

test('a lesson links to each of its simulator scenarios by name, each on its own page', async ({
	page,
}) => {
	await page.goto('/learn/user-pools/');
	const list = page.getByRole('region', { name: 'Try it in the simulator' });
	const links = list.getByRole('link');
	expect(await links.count()).toBeGreaterThanOrEqual(2);
	const href = await links.first().getAttribute('href');
	expect(href).toMatch(/^\/simulator\/[a-z0-9-]+\/$/);
	const title = (await links.first().textContent())!.trim();
	await links.first().click();
	await expect(page).toHaveURL(new RegExp(`${href}$`));
	await expect(page.getByRole('heading', { name: title })).toBeVisible();
});
