import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';

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

for (const theme of ['light', 'dark'] as const) {
	test.describe(`${theme} theme`, () => {
		test.use({ colorScheme: theme });
		for (const path of PAGES) {
			test(`${path} has no WCAG 2.2 AA violations`, async ({ page }) => {
				await page.goto(path);
				await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
				await page.waitForLoadState('networkidle');
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
