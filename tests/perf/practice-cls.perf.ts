/**
 * `npm run perf practice`: layout shift on /practice/ while the island loads. Cumulative Layout Shift
 * is read with a PerformanceObserver (`layout-shift` entries without recent input, as Lighthouse
 * counts them) over the load and the first second after it, in a phone-sized and a desktop viewport,
 * with a fresh store and with a store of 300 answers. Prints figures only; the README records them.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../../src/cli/find-chromium';

const PORT = Number(process.env.PERF_PORT ?? 4456);
const ORIGIN = `http://localhost:${PORT}`;
const RUNS = 5;

const executablePath = findChromium();
if (executablePath === null) throw new Error('No Chromium found; set CHROMIUM_PATH.');
if (!existsSync('dist/index.html')) throw new Error('Build the site first (npm run build).');

const server = spawn(
	'npx',
	['astro', 'preview', '--port', String(PORT), '--host', 'localhost', '--ignore-lock'],
	{ env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' }, stdio: 'ignore' }
);

async function waitForServer(): Promise<void> {
	for (let i = 0; i < 100; i++) {
		try {
			if ((await fetch(`${ORIGIN}/`)).ok) return;
		} catch {
			// not up yet
		}
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	throw new Error(`The preview server did not start on ${ORIGIN}`);
}

/** CLS of one load of `path`, measured in the page. */
async function cls(
	browser: Browser,
	viewport: { width: number; height: number },
	withHistory: boolean
): Promise<number> {
	const context = await browser.newContext({ viewport, serviceWorkers: 'block' });
	const page = await context.newPage();
	if (withHistory) {
		// A store with 300 answers, written before the measured load.
		await page.goto(`${ORIGIN}/practice/`);
		await page.getByRole('heading', { name: 'Today' }).waitFor();
		await page.evaluate(async () => {
			const open = indexedDB.open('cognito-study-practice');
			const db: IDBDatabase = await new Promise(
				(resolve) => (open.onsuccess = () => resolve(open.result))
			);
			const bank = await (await fetch('/data/questions.json')).json();
			const tx = db.transaction('log', 'readwrite');
			const start = Date.now() - 20 * 86_400_000;
			for (let i = 0; i < 300; i++) {
				const question = bank.questions[i % bank.questions.length];
				tx.objectStore('log').put({
					id: `seed-${String(i).padStart(4, '0')}`,
					kind: 'review',
					cardId: question.id,
					at: start + i * 3_600_000,
					rating: i % 5 ? 3 : 1,
					correct: i % 5 !== 0,
					picked: [],
					source: 'daily',
					retention: 0.9,
				});
			}
			await new Promise((resolve) => (tx.oncomplete = resolve));
			db.close();
		});
	}
	await page.addInitScript(() => {
		(window as unknown as { __cls: number }).__cls = 0;
		new PerformanceObserver((list) => {
			for (const entry of list.getEntries() as unknown as Array<{
				value: number;
				hadRecentInput: boolean;
			}>)
				if (!entry.hadRecentInput) (window as unknown as { __cls: number }).__cls += entry.value;
		}).observe({ type: 'layout-shift', buffered: true });
	});
	await page.goto(`${ORIGIN}/practice/`, { waitUntil: 'load' });
	await page.getByRole('heading', { name: 'Today' }).waitFor();
	await page.waitForTimeout(1000);
	const value = await page.evaluate(() => (window as unknown as { __cls: number }).__cls);
	await context.close();
	return value;
}

try {
	await waitForServer();
	const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
	const rows = [];
	for (const [name, viewport] of [
		['phone 360×740', { width: 360, height: 740 }],
		['desktop 1280×800', { width: 1280, height: 800 }],
	] as const) {
		for (const history of [false, true]) {
			const values: number[] = [];
			for (let i = 0; i < RUNS; i++) values.push(await cls(browser, viewport, history));
			values.sort((a, b) => a - b);
			rows.push({
				viewport: name,
				store: history ? '300 answers' : 'empty',
				'median CLS': values[RUNS >> 1]!.toFixed(4),
				'worst CLS': values.at(-1)!.toFixed(4),
			});
		}
	}
	await browser.close();
	console.log(
		`/practice/ layout shift while the island loads (${RUNS} loads each; Lighthouse's "good" is ≤ 0.1)`
	);
	console.table(rows);
} finally {
	server.kill();
}
