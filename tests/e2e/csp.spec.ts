/**
 * Every page type does its work under the Content-Security-Policy (the fixture fails a test on any
 * violation), and content HTML that reaches innerHTML is sanitised.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { allowCspViolation, expect, test } from './fixtures';

// Each test visits several pages or runs the simulator: generous for a busy 2-core machine.
test.describe.configure({ timeout: 90_000 });

test('every page carries a CSP meta that allows no inline script without a hash and no eval', async ({
	page,
}) => {
	for (const path of [
		'/',
		'/learn/tokens/',
		'/practice/',
		'/simulator/',
		'/instructors/',
		'/404.html',
	]) {
		await page.goto(path);
		const policy = await page
			.locator('meta[http-equiv="content-security-policy"]')
			.getAttribute('content');
		expect(policy, path).toMatch(/script-src 'self' 'wasm-unsafe-eval'( 'sha256-[^']+')+;/);
		expect(policy, path).not.toContain("'unsafe-eval'");
		expect(policy, path).not.toMatch(/script-src[^;]*'unsafe-inline'/);
		expect(policy, path).toContain("default-src 'self'");
		expect(policy, path).toContain("object-src 'none'");
	}
});

test('pages work under the policy: theme, practice, progress, glossary, search, bank', async ({
	page,
}) => {
	await page.emulateMedia({ colorScheme: 'dark' });
	await page.goto('/');
	// The inline theme script ran (it is hashed), so the page follows the system theme before paint.
	await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
	await page.goto('/practice/');
	await page.getByRole('button', { name: 'Daily review' }).click();
	await page.locator('.option-text').first().click();
	await page.getByRole('button', { name: 'Submit answer' }).click();
	await expect(page.getByRole('button', { name: 'Submit answer' })).toHaveCount(0);
	for (const path of ['/progress/', '/glossary/', '/learn/', '/search/?q=token', '/404.html']) {
		await page.goto(path);
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	}
	await page.goto('/questions/');
	await page.getByRole('button', { name: 'Show answer and explanations' }).first().click();
	await expect(page.getByText(/^Answer: /).first()).toBeVisible();
});

test('the simulator runs a Lambda trigger in QuickJS (WebAssembly) under the policy', async ({
	page,
}) => {
	await page.goto('/simulator/pre-sign-up-trigger/');
	await expect(page.getByRole('button', { name: 'Run all' })).toBeEnabled({ timeout: 15_000 });
	await page.getByRole('button', { name: 'Run all' }).click();
	await expect(page.getByText('3 of 3 steps as expected')).toBeVisible({ timeout: 40_000 });
	// The trigger editor (CodeMirror) is on the Code tab.
	await page.getByRole('tab', { name: /^Code/ }).click();
	await expect(page.locator('.cm-content')).toBeVisible();
});

test('the in-browser diagram renderer (Mermaid fallback) draws under the policy', async ({
	page,
}) => {
	const assets = fileURLToPath(new URL('../../dist/_astro/', import.meta.url));
	const renderer = readdirSync(assets).find((name) => /^DiagramRenderer.*\.js$/.test(name));
	expect(renderer, 'the fallback renderer is built').toBeTruthy();
	// A lesson whose diagram could not be drawn at build time: the Mermaid source and the renderer script.
	await page.route('**/learn/tokens/', async (route) => {
		const html = (await (await route.fetch()).text())
			.replace(
				/<figure class="diagram" data-prerendered>[\s\S]*?<\/figure>/,
				'<pre><code class="language-mermaid">flowchart LR\n  accTitle: Fallback check\n  accDescr: A to B\n  A--&gt;B</code></pre>'
			)
			.replace('</body>', `<script type="module" src="/_astro/${renderer}"></script></body>`);
		await route.fulfill({ body: html, contentType: 'text/html' });
	});
	await page.goto('/learn/tokens/');
	await expect(page.locator('figure.diagram[data-diagram="0"] svg')).toBeVisible({
		timeout: 20_000,
	});
});

test('the instructors preview renders pasted Markdown without running its script', async ({
	page,
}) => {
	// Chromium reports the payload's onerror handler when DOMPurify parses it (in an inert document) and
	// before it removes it; the handler never runs. Any other violation still fails the test.
	allowCspViolation(/script-src-attr blocked inline \(.*purify|inline event handler/);
	await page.goto('/instructors/');
	const form = page.locator('form.editor-form');
	await expect(page.locator('astro-island:has(form.editor-form)')).not.toHaveAttribute('ssr', /.*/);
	await form
		.getByLabel('Stem')
		.fill(
			'Pasted stem <img src="x" onerror="window.__xss = 1"> and [a link](javascript:window.__xss=2) and <script>window.__xss=3</script>'
		);
	const preview = page.locator('section.editor-side .question-card');
	await expect(preview).toContainText('Pasted stem');
	await expect(preview.locator('img')).toHaveCount(0);
	await expect(preview.locator('script')).toHaveCount(0);
	await expect(preview.locator('a[href^="javascript:"]')).toHaveCount(0);
	expect(
		await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)
	).toBeUndefined();
});
