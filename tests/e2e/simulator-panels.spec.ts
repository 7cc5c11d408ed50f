/**
 * The simulator's panels: tabs on a phone (keyboard-operable, steps always one tab away), sequence labels that
 * never break inside a word, and long tokens and sessions shown whole and copied on request.
 */
import { expect, test, type Page } from './fixtures';

async function openScenario(page: Page, id: string) {
	await page.goto(`/simulator/${id}/`);
	await expect(page.getByRole('button', { name: 'Run all' })).toBeEnabled({ timeout: 20_000 });
}

async function runAll(page: Page, steps: number) {
	await page.getByRole('button', { name: 'Run all' }).click();
	await expect(page.getByText(`${steps} of ${steps} steps as expected`)).toBeVisible({
		timeout: 40_000,
	});
}

/** Every run of non-space text inside a sequence label that the browser drew on more than one line. */
async function wordsBrokenAcrossLines(page: Page): Promise<string[]> {
	return page.locator('.sequence').evaluate((diagram) => {
		const broken: string[] = [];
		for (const label of diagram.querySelectorAll('.seq-label')) {
			const walker = document.createTreeWalker(label, NodeFilter.SHOW_TEXT);
			for (let node = walker.nextNode(); node; node = walker.nextNode()) {
				const text = node.textContent ?? '';
				for (const match of text.matchAll(/\S+/g)) {
					const range = document.createRange();
					range.setStart(node, match.index!);
					range.setEnd(node, match.index! + match[0].length);
					const lines = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
					if (lines.size > 1) broken.push(match[0]);
				}
			}
		}
		return broken;
	});
}

test('on a phone the panels are tabs: the keyboard reaches the inbox and the steps stay one tab away', async ({
	page,
}) => {
	await page.setViewportSize({ width: 360, height: 740 });
	await openScenario(page, 'sign-up-email-verification');
	const tabs = page.getByRole('tablist', { name: 'Simulator panels' });
	await expect(tabs.getByRole('tab', { selected: true })).toHaveText('Steps');
	await runAll(page, 7);

	// Keyboard only: from the Steps tab, arrows move to the Inbox tab and open it.
	await tabs.getByRole('tab', { name: 'Steps' }).focus();
	for (let i = 0; i < 8; i++) {
		if ((await tabs.getByRole('tab', { selected: true }).textContent())?.startsWith('Inbox')) break;
		await page.keyboard.press('ArrowRight');
	}
	await expect(tabs.getByRole('tab', { selected: true })).toHaveText('Inbox');
	const code = page.getByTestId('inbox-code').first();
	await expect(code).toHaveText(/^\d{6}$/);
	// The inbox opens right under the tab strip, not thousands of pixels below the steps.
	const strip = await tabs.boundingBox();
	const codeBox = await code.boundingBox();
	expect(codeBox!.y - strip!.y).toBeLessThan(740);
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

	// Scrolled down inside the inbox, the Steps tab is still on screen (the strip sticks) and one key away.
	await page.getByTestId('inbox').evaluate((element) => element.scrollIntoView({ block: 'end' }));
	await page.mouse.wheel(0, 600);
	await expect(tabs.getByRole('tab', { name: 'Steps' })).toBeInViewport();
	await tabs.getByRole('tab', { selected: true }).focus();
	await page.keyboard.press('Home');
	await expect(tabs.getByRole('tab', { selected: true })).toHaveText('Steps');
	await expect(page.locator('[data-step="signIn"]')).toBeVisible();
	// Tab leaves the tab list for the open panel.
	await page.keyboard.press('Tab');
	await expect(page.getByRole('tabpanel', { name: 'Steps' })).toBeFocused();
});

for (const width of [360, 1280]) {
	test(`sequence labels never break inside a word (${width} px)`, async ({ page }) => {
		await page.setViewportSize({ width, height: 800 });
		await openScenario(page, 'sign-up-email-verification');
		await runAll(page, 7);
		await page.getByRole('tab', { name: 'Sequence' }).click();
		await expect(
			page.locator('.seq-row').filter({ hasText: 'ConfirmSignUp' }).first()
		).toBeVisible();
		expect(await wordsBrokenAcrossLines(page)).toEqual([]);
		// Each arrow opens the exact request and response behind it.
		await page.locator('.seq-hit').filter({ hasText: 'ConfirmSignUp' }).first().click();
		const chosen = page.getByRole('region', { name: 'Chosen event' });
		await expect(chosen).toContainText('cognito-idp ConfirmSignUp');
		await expect(chosen.locator('.json-view').first()).toContainText('ConfirmationCode');
	});
}

test('tokens and sessions are shown whole on request and copied with one click', async ({
	page,
	context,
}) => {
	await context.grantPermissions(['clipboard-read', 'clipboard-write']);
	await openScenario(page, 'sign-up-email-verification');
	await runAll(page, 7);
	const signIn = page.locator('[data-step="signIn"]');
	const show = signIn.getByRole('button', { name: /^Show all of IdToken/ });
	await show.click();
	const token = await signIn
		.locator('.json-leaf')
		.filter({ hasText: 'IdToken:' })
		.locator('.json-string')
		.textContent();
	expect(token).toMatch(/^"[\w-]+\.[\w-]+\.[\w-]+"$/);
	await signIn.getByRole('button', { name: 'Copy IdToken' }).click();
	await expect(signIn.getByRole('button', { name: 'Copy IdToken' })).toHaveText('Copied');
	expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token!.slice(1, -1));
});
