/**
 * The suite's `test`: Playwright's, plus a guard that fails any test during which a page broke its
 * Content-Security-Policy (a `securitypolicyviolation` event in any document, or the console message a
 * blocked worker or eval logs). Specs import `test` and `expect` from here instead of @playwright/test.
 */
import { test as base, expect } from '@playwright/test';

export const test = base.extend<{ cspGuard: void }>({
	cspGuard: [
		async ({ context }, use, testInfo) => {
			const violations: string[] = [];
			await context.exposeBinding('__reportCspViolation', (source, report: string) => {
				violations.push(`${source.page?.url() ?? '?'}: ${report}`);
			});
			await context.addInitScript(() => {
				document.addEventListener('securitypolicyviolation', (event) => {
					const report = `${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`;
					(
						window as unknown as { __reportCspViolation(report: string): void }
					).__reportCspViolation(report);
				});
			});
			context.on('console', (message) => {
				if (/Content[ -]Security[ -]Policy/i.test(message.text())) {
					violations.push(`${message.page()?.url() ?? 'worker'}: ${message.text()}`);
				}
			});
			await use();
			const allowed = testInfo.annotations
				.filter((annotation) => annotation.type === ALLOWED_VIOLATION)
				.map((annotation) => new RegExp(annotation.description!));
			if (testInfo.status === testInfo.expectedStatus) {
				expect(
					violations.filter((violation) => !allowed.some((pattern) => pattern.test(violation))),
					'Content-Security-Policy violations'
				).toEqual([]);
			}
		},
		{ auto: true },
	],
});

const ALLOWED_VIOLATION = 'allowed-csp-violation';

/**
 * Lets the current test break the policy in one expected way: a test that feeds an attack to the page may
 * see the browser refuse it (for example, Chromium reports an `onerror` attribute as soon as a sanitiser
 * parses it, before the sanitiser removes it).
 */
export function allowCspViolation(pattern: RegExp): void {
	test.info().annotations.push({ type: ALLOWED_VIOLATION, description: pattern.source });
}

export { expect };
export type { Page, Locator, BrowserContext } from '@playwright/test';
