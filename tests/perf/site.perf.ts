/**
 * `npm run perf`: the weight and the Lighthouse scores of the built site.
 * 1. What the service worker precaches, per kind of file (raw and gzip), and what it leaves for first use.
 * 2. Lighthouse (its default mobile profile: emulated phone, slow 4G, 4× CPU slowdown) on a list of
 *    pages served the way a static host serves them (gzip, the security headers of `dist/_headers`).
 *    Targets: performance ≥ 95; accessibility, best practices and SEO 100.
 * Pages: `PERF_PAGES="/,/learn/tokens/" npm run perf -- site`; the default list is `LIGHTHOUSE_PAGES`.
 * Prints figures only; the README records them.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../../src/cli/find-chromium';
import {
	ON_DEMAND_FILES,
	ON_DEMAND_PAGES,
	precachedFiles,
	referencedAssets,
} from '../../src/integrations/service-worker';
import { startStaticHost } from '../fixtures/static-server';

/** Every page type; add a scenario page here once the simulator has them. */
export const LIGHTHOUSE_PAGES = [
	'/',
	'/learn/tokens/',
	'/practice/',
	'/simulator/',
	'/simulator/sign-up-email-verification/',
];
const DIST = 'dist';

if (!existsSync(join(DIST, 'sw.js'))) throw new Error('Build the site first (npm run build).');

const KINDS: Array<[string, RegExp]> = [
	['pages (HTML)', /\.html$/],
	['data (JSON)', /\.json$/],
	['scripts', /\.m?js$/],
	['WebAssembly', /\.wasm$/],
	['styles', /\.css$/],
	['images, icons, manifest', /\.(svg|png|ico|webmanifest)$/],
];
const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;

function weigh(files: string[]) {
	return files.reduce(
		(total, file) => {
			const body = readFileSync(join(DIST, file));
			return {
				files: total.files + 1,
				raw: total.raw + body.length,
				gzip: total.gzip + gzipSync(body).length,
			};
		},
		{ files: 0, raw: 0, gzip: 0 }
	);
}

const precached = precachedFiles(DIST);
const rows = KINDS.map(([kind, pattern]) => ({
	kind,
	...weigh(precached.filter((file) => pattern.test(file))),
}));
const other = precached.filter((file) => !KINDS.some(([, pattern]) => pattern.test(file)));
if (other.length) rows.push({ kind: 'other', ...weigh(other) });
const all = weigh(precached);
rows.push({ kind: 'all precached', ...all });
const studentAssets = referencedAssets(
	DIST,
	precached.filter((file) => file.endsWith('.html') && !ON_DEMAND_PAGES.includes(file))
);
const onDemand = [
	...ON_DEMAND_FILES,
	...[...referencedAssets(DIST, ON_DEMAND_PAGES)].filter((file) => !studentAssets.has(file)),
];
rows.push({ kind: 'instructors only, cached on first use', ...weigh(onDemand) });
console.log('Service worker precache per kind of file (sw.js itself not counted):');
console.table(
	rows.map((row) => ({ kind: row.kind, files: row.files, raw: kib(row.raw), gzip: kib(row.gzip) }))
);
console.log(`sw.js: ${kib(statSync(join(DIST, 'sw.js')).size)}`);

const pages =
	process.env.PERF_PAGES?.split(',')
		.map((page) => page.trim())
		.filter(Boolean) ?? LIGHTHOUSE_PAGES;
const host = await startStaticHost({ root: DIST, headers: true });
const chromePath = findChromium() ?? chromium.executablePath();
const chrome = await chromeLauncher.launch({
	chromePath,
	chromeFlags: ['--headless=new', ...CHROMIUM_ARGS],
});
try {
	const scores = [];
	for (const page of pages) {
		const result = await lighthouse(new URL(page.replace(/^\//, ''), host.url).href, {
			port: chrome.port,
			output: 'json',
			logLevel: 'error',
			onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
		});
		if (!result) throw new Error(`Lighthouse returned nothing for ${page}`);
		const { categories, audits } = result.lhr;
		const score = (id: string) => Math.round((categories[id]?.score ?? 0) * 100);
		const failing = Object.values(audits)
			.filter(
				(audit) => audit.score !== null && audit.score < 1 && audit.scoreDisplayMode === 'binary'
			)
			.map((audit) => audit.id);
		scores.push({
			page,
			performance: score('performance'),
			accessibility: score('accessibility'),
			'best practices': score('best-practices'),
			SEO: score('seo'),
			LCP: audits['largest-contentful-paint']?.displayValue,
			TBT: audits['total-blocking-time']?.displayValue,
			CLS: audits['cumulative-layout-shift']?.displayValue,
			'failed checks': failing.join(', ') || '—',
		});
	}
	console.log('\nLighthouse, mobile profile (targets: performance ≥ 95, the others 100):');
	console.table(scores);
} finally {
	await chrome.kill();
	await host.close();
}
