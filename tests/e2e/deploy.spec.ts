/**
 * Deploy anywhere, update safely. Runs against `dist-subpath/`, the site built for a sub-path
 * (`npm run build:subpath`, part of `npm run test:e2e`), served like GitHub Pages or S3 + CloudFront
 * would serve it: under /cognito-study/ only, gzip, with the security headers of `_headers`.
 * The update tests deploy a second build (tests/fixtures/next-build.ts) while a tab stays open.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeNextBuild } from '../fixtures/next-build';
import { startStaticHost, type StaticHost } from '../fixtures/static-server';
import { expect, test, type Page } from './fixtures';

const BASE = '/cognito-study/';
const BUILD_A = fileURLToPath(new URL('../../dist-subpath/', import.meta.url));
let work: string;
let buildB: string;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
	if (!existsSync(join(BUILD_A, 'index.html'))) {
		throw new Error(
			'Build the sub-path site first: npm run build:subpath (npm run test:e2e does).'
		);
	}
	work = mkdtempSync(join(tmpdir(), 'cognito-study-deploy-'));
	buildB = join(work, 'next');
	await makeNextBuild(BUILD_A, buildB, { base: BASE, buildId: 'next' });
});

test.afterAll(() => {
	if (work) rmSync(work, { recursive: true, force: true });
});

let host: StaticHost;
test.beforeEach(async () => {
	host = await startStaticHost({ root: BUILD_A, base: BASE, headers: true });
});
test.afterEach(async () => {
	await host.close();
});

const PAGES = [
	'',
	'learn/',
	'learn/tokens/',
	'glossary/',
	'practice/',
	'progress/',
	'simulator/',
	'questions/',
	'search/',
	'instructors/',
];

/** Same-site URLs a page links to or loads. */
async function siteUrls(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const urls = [
			...[...document.querySelectorAll('a[href], link[href]')].map(
				(node) => (node as HTMLAnchorElement).href
			),
			...[...document.querySelectorAll('script[src], img[src]')].map(
				(node) => (node as HTMLScriptElement).src
			),
			...[...document.querySelectorAll('astro-island')].flatMap((island) =>
				['component-url', 'renderer-url'].map(
					(name) => new URL(island.getAttribute(name)!, location.href).href
				)
			),
		];
		return urls.filter((url) => new URL(url).origin === location.origin);
	});
}

async function controlled(page: Page) {
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	await expect
		.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller)))
		.toBe(true);
}

test('a sub-path build keeps every link, script, data file and the service worker under its path', async ({
	page,
	request,
}) => {
	test.setTimeout(120_000);
	const seen = new Set<string>();
	for (const path of PAGES) {
		const response = await page.goto(host.url + path);
		expect(response?.status(), path).toBe(200);
		expect(response?.headers()['content-security-policy'], path).toContain(
			"frame-ancestors 'none'"
		);
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
		for (const url of await siteUrls(page)) {
			expect(new URL(url).pathname, `${path} links to ${url}`).toMatch(/^\/cognito-study\//);
			seen.add(url.split('#')[0]!);
		}
	}
	// Authored Markdown links (lessons, glossary) got the base path too, and every URL answers.
	expect([...seen].some((url) => url.endsWith('/cognito-study/learn/identity-pools/'))).toBe(true);
	for (const url of seen) {
		expect((await request.get(url)).status(), url).toBe(200);
	}

	// Data files load: a practice question, the search palette.
	await page.goto(`${host.url}practice/`);
	await page.getByRole('button', { name: 'Daily review' }).click();
	await expect(page.locator('.option-text').first()).toBeVisible();
	await page.keyboard.press('Control+k');
	await page.getByRole('combobox', { name: /Search lessons, questions/ }).fill('identity pool');
	await expect(page.getByRole('option').first()).toHaveAttribute('href', /^\/cognito-study\//);
	await page.keyboard.press('Escape');

	// The manifest starts the app, and the service worker controls pages, at the base path.
	const manifestHref = await page.locator('link[rel="manifest"]').getAttribute('href');
	const manifestUrl = new URL(manifestHref!, page.url());
	const manifest = await (await request.get(manifestUrl.href)).json();
	expect(new URL(manifest.start_url, manifestUrl).href).toBe(host.url);
	expect(new URL(manifest.scope, manifestUrl).href).toBe(host.url);
	await controlled(page);
	expect(await page.evaluate(async () => (await navigator.serviceWorker.ready).scope)).toBe(
		host.url
	);

	// And it works offline.
	await page.context().setOffline(true);
	await page.goto(`${host.url}learn/tokens/`);
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Tokens');
	await page.goto(`${host.url}questions/`);
	await expect(page.getByText(/Showing \d+ of \d+ questions/)).toBeVisible();
});

test('a tab left open across a deploy keeps working and is offered the new version', async ({
	context,
}) => {
	test.setTimeout(120_000);
	const open = await context.newPage();
	await open.goto(`${host.url}simulator/pre-sign-up-trigger/`);
	await expect(open.getByRole('button', { name: 'Run all' })).toBeEnabled({ timeout: 20_000 });
	await controlled(open);
	expect(await open.locator('html').getAttribute('data-build')).not.toBe('next');

	host.deploy(buildB);
	await open.evaluate(async () => (await navigator.serviceWorker.ready).update());
	// The new build waits; the open tab is told, not reloaded.
	await expect(open.getByText('A new version of this site is ready.')).toBeVisible({
		timeout: 20_000,
	});

	// The learner takes the update in another tab: that tab switches to the new build.
	const other = await context.newPage();
	await other.goto(`${host.url}learn/`);
	await expect(other.getByText('A new version of this site is ready.')).toBeVisible({
		timeout: 20_000,
	});
	await other.getByRole('button', { name: 'Reload' }).click();
	await expect(other.locator('html')).toHaveAttribute('data-build', 'next', { timeout: 20_000 });

	// The old tab runs a Lambda trigger: QuickJS, a lazily loaded script of the earlier build that the
	// server no longer has, comes from the service worker's copy of that build.
	await open.getByRole('button', { name: 'Run all' }).click();
	await expect(open.getByText('3 of 3 steps as expected')).toBeVisible({ timeout: 30_000 });
	await open.keyboard.press('Control+k');
	await open.getByRole('combobox', { name: /Search lessons, questions/ }).fill('trigger');
	await expect(
		open.getByRole('dialog', { name: 'Search the site' }).getByRole('option').first()
	).toBeVisible();
	await open.keyboard.press('Escape');
	expect(await open.evaluate(() => caches.has('cognito-study-previous-builds'))).toBe(true);

	// Once no page runs the earlier build, its files are deleted.
	await open.reload();
	await expect(open.locator('html')).toHaveAttribute('data-build', 'next');
	await expect
		.poll(() => open.evaluate(() => caches.has('cognito-study-previous-builds')), {
			timeout: 20_000,
		})
		.toBe(false);
});

test.describe('without a service worker', () => {
	test.use({ serviceWorkers: 'block' });

	test('a script deleted by a deploy is reported as a new version, with a reload', async ({
		page,
	}) => {
		test.setTimeout(90_000);
		await page.goto(`${host.url}learn/tokens/`);
		host.deploy(buildB);
		// The palette's script is loaded on first use: it is gone now.
		await page.keyboard.press('Control+k');
		const notice = page.getByText('A new version of this site is available. Reload to keep going.');
		await expect(notice).toBeVisible();
		await page.getByRole('button', { name: 'Reload' }).click();
		await expect(page.locator('html')).toHaveAttribute('data-build', 'next');
		await page.keyboard.press('Control+k');
		await expect(page.getByRole('dialog', { name: 'Search the site' })).toBeVisible();
	});

	test('the simulator reports a trigger runtime deleted by a deploy as a new version, not a Lambda error', async ({
		page,
	}) => {
		test.setTimeout(90_000);
		await page.goto(`${host.url}simulator/pre-sign-up-trigger/`);
		await expect(page.getByRole('button', { name: 'Run all' })).toBeEnabled({ timeout: 20_000 });
		host.deploy(buildB);
		await page.getByRole('button', { name: 'Run all' }).click();
		await expect(
			page.getByText('A new version of this site is available. Reload to keep going.')
		).toBeVisible({ timeout: 30_000 });
	});
});
