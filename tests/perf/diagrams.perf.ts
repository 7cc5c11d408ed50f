/**
 * `npm run perf`: measures the two ways of drawing lesson diagrams on the built site.
 * - build-time: what the site ships — every diagram pre-drawn to inline SVG (a light and a dark drawing)
 *   and no diagram JavaScript (src/integrations/prerender-diagrams.ts).
 * - client: the same page with the Mermaid sources put back and the in-browser renderer
 *   (src/client/render-diagrams.ts, the fallback) drawing them after a lazy download of Mermaid.
 * For each: JavaScript bytes the lesson page downloads, HTML bytes, and time to first diagram
 * (median of several loads, with and without 4× CPU throttling to stand in for a phone).
 * Prints figures only; the README records them.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { mermaidBlocks } from '../../src/schemas/check-content';
import { CHROMIUM_ARGS, findChromium } from '../../src/cli/find-chromium';

const PORT = 4455;
const ORIGIN = `http://localhost:${PORT}`;
const LESSONS = ['identity-pools', 'tokens', 'lambda-triggers'];
const RUNS = 5;

const executablePath = findChromium();
if (executablePath === null) throw new Error('No Chromium found; set CHROMIUM_PATH.');
if (!existsSync('dist/index.html')) throw new Error('Build the site first (npm run build).');

const server = spawn(
	'npx',
	['astro', 'preview', '--port', String(PORT), '--host', 'localhost', '--ignore-lock'],
	{
		env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
		stdio: 'ignore',
	}
);
try {
	await waitForServer();
	const browser = await chromium.launch({
		executablePath,
		args: CHROMIUM_ARGS,
	});
	const rows: Record<string, string | number>[] = [];
	for (const slug of LESSONS) {
		const url = `${ORIGIN}/learn/${slug}/`;
		const pages = await variants(slug, url);
		for (const throttle of [1, 4]) {
			const client = await measure(browser, url, throttle, pages.client);
			const built = await measure(browser, url, throttle, pages.buildTime);
			for (const [approach, result] of [
				['client (lazy Mermaid)', client],
				['build-time inline SVG', built],
			] as const) {
				rows.push({
					lesson: slug,
					cpu: `${throttle}×`,
					approach,
					'JS KiB (gzip)': `${kib(result.jsBytes)} (${kib(result.jsGzipBytes)})`,
					'HTML KiB (gzip)': `${kib(result.htmlBytes)} (${kib(result.htmlGzipBytes)})`,
					'first diagram ms': result.firstDiagramMs.toFixed(0),
				});
			}
		}
		console.log(`${slug}: ${pages.diagrams} diagrams`);
	}
	console.table(rows);
	await browser.close();
} finally {
	server.kill();
}

function kib(bytes: number): string {
	return (bytes / 1024).toFixed(1);
}

async function waitForServer(): Promise<void> {
	for (let attempt = 0; attempt < 100; attempt++) {
		try {
			if ((await fetch(ORIGIN)).ok) return;
		} catch {
			// not up yet
		}
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	throw new Error('astro preview did not start');
}

/** The built page (build-time variant, with a mark after the first figure) and its client-rendered twin. */
async function variants(slug: string, url: string) {
	const built = await (await fetch(url)).text();
	const sources = mermaidBlocks(readFileSync(`content/lessons/${slug}.mdx`, 'utf8'));
	const renderer = readdirSync('dist/_astro').find(
		(name) => name.startsWith('DiagramRenderer') && name.endsWith('.js')
	);
	if (!renderer) throw new Error('The in-browser diagram renderer is missing from dist/_astro.');
	let index = 0;
	const client = built
		.replace(/<figure class="diagram" data-prerendered>[\s\S]*?<\/figure>/g, () => {
			const source = sources[index++] ?? '';
			return `<pre><code class="language-mermaid">${source.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</code></pre>`;
		})
		.replace('</body>', `<script type="module" src="/_astro/${renderer}"></script></body>`);
	const buildTime = built.replace(
		/(<figure class="diagram" data-prerendered>[\s\S]*?<\/figure>)/,
		'$1<script>performance.mark("first-diagram")</script>'
	);
	return { client, buildTime, diagrams: index };
}

async function measure(
	browser: import('playwright-core').Browser,
	url: string,
	throttle: number,
	html: string
) {
	const samples: Array<{
		jsBytes: number;
		jsGzipBytes: number;
		htmlBytes: number;
		htmlGzipBytes: number;
		firstDiagramMs: number;
	}> = [];
	for (let run = 0; run < RUNS; run++) {
		const context = await browser.newContext({ serviceWorkers: 'block' });
		const page = await context.newPage();
		const cdp = await context.newCDPSession(page);
		await cdp.send('Network.enable');
		await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
		const scripts = new Set<string>();
		cdp.on('Network.responseReceived', (event) => {
			if (event.type === 'Script') scripts.add(new URL(event.response.url).pathname);
		});
		await page.route(url, (route) =>
			route.fulfill({ status: 200, contentType: 'text/html', body: html })
		);
		await page.goto(url, { waitUntil: 'load' });
		await page.waitForFunction(
			() => performance.getEntriesByName('first-diagram').length > 0,
			undefined,
			{ timeout: 30_000 }
		);
		await page.waitForLoadState('networkidle');
		const firstDiagramMs = await page.evaluate(
			() => performance.getEntriesByName('first-diagram')[0]!.startTime
		);
		const jsFiles = [...scripts].map((path) => readFileSync(`dist${path}`));
		samples.push({
			jsBytes: jsFiles.reduce((sum, file) => sum + file.length, 0),
			jsGzipBytes: jsFiles.reduce((sum, file) => sum + gzipSync(file).length, 0),
			htmlBytes: Buffer.byteLength(html),
			htmlGzipBytes: gzipSync(html).length,
			firstDiagramMs,
		});
		await context.close();
	}
	const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
	return {
		jsBytes: median(samples.map((sample) => sample.jsBytes)),
		jsGzipBytes: median(samples.map((sample) => sample.jsGzipBytes)),
		htmlBytes: median(samples.map((sample) => sample.htmlBytes)),
		htmlGzipBytes: median(samples.map((sample) => sample.htmlGzipBytes)),
		firstDiagramMs: median(samples.map((sample) => sample.firstDiagramMs)),
	};
}
