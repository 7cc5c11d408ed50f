import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from './fixtures';
import { waitForIslands } from './practice-helpers';

/** Every kind of page, scanned for WCAG 2.2 A/AA problems in both themes. */
const PAGES = [
	'/',
	'/learn/',
	// Every lesson: each has its own diagrams, drawn in both themes.
	...[
		'cognito-overview',
		'user-pools',
		'tokens',
		'integrations',
		'mfa-and-security',
		'federation-and-managed-login',
		'lambda-triggers',
		'identity-pools',
		'identity-pools-iam',
		'user-vs-identity-pools',
		'cognito-in-architectures',
		'operating-securely',
		'cognito-sync-and-appsync',
		'exam-strategy',
	].map((slug) => `/learn/${slug}/`),
	'/glossary/',
	'/search/?q=token',
	'/practice/',
	'/progress/',
	'/simulator/',
	'/questions/',
	'/instructors/',
];

/** What shows that a page's island has drawn its data (scanning earlier would race the render). */
const READY: Record<string, (page: Page) => Promise<void>> = {
	'/questions/': (page) =>
		expect(
			page.getByRole('status').filter({ hasText: /Showing \d+ of \d+ questions/ })
		).toBeVisible(),
	'/practice/': (page) => expect(page.getByRole('button', { name: 'Daily review' })).toBeVisible(),
	'/progress/': (page) => expect(page.getByTestId('total-reviews')).toBeVisible(),
};

for (const theme of ['light', 'dark'] as const) {
	test.describe(`${theme} theme`, () => {
		test.use({ colorScheme: theme });
		for (const path of PAGES) {
			test(`${path} has no WCAG 2.2 AA violations`, async ({ page }) => {
				// Pages with an island scan a large DOM: slow on a loaded machine, so a longer limit.
				if (READY[path]) test.slow();
				await page.goto(path);
				await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
				await page.waitForLoadState('networkidle');
				await waitForIslands(page);
				await READY[path]?.(page);
				const results = await new AxeBuilder({ page })
					.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
					.analyze();
				const problems = results.violations.map(
					(violation) =>
						`${violation.id} (${violation.impact}): ${violation.nodes
							.map((node) => node.target.join(' '))
							.slice(0, 5)
							.join(', ')}`
				);
				expect(problems).toEqual([]);
			});
		}
	});
}
