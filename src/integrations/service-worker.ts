/**
 * Astro integration: after the build, bundles src/client/service-worker.ts to `dist/sw.js` and injects
 * Workbox's precache manifest: every page and data file, and exactly the scripts, styles and WebAssembly
 * the pages reference (transitively), so a learner can study offline on a phone after one visit.
 * Instructor-only files (the instructors page's own scripts, `instructors/bank.json`) are left out: they
 * are cached the first time an instructor uses them, so students never download them.
 */
import type { AstroIntegration } from 'astro';
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { injectManifest } from 'workbox-build';

const PAGE_REFERENCE =
	/(?:src|href|component-url|renderer-url|before-hydration-url)="(?:[^"]*\/)?(_astro\/[^"?#]+)"/g;
const MODULE_REFERENCE =
	/["'`](?:\.\/|(?:[^"'`\s]*\/)?_astro\/)?([\w.-]+\.(?:js|mjs|css|wasm))["'`]/g;

/** Pages whose scripts only instructors need: not precached, cached on first use. */
export const ON_DEMAND_PAGES = ['instructors/index.html'];
/** Data files only those pages load. */
export const ON_DEMAND_FILES = ['instructors/bank.json'];

function htmlPages(distDir: string): string[] {
	return readdirSync(distDir, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
		.map((entry) => relative(distDir, join(entry.parentPath, entry.name)).split('\\').join('/'));
}

/**
 * `_astro/…` files the built pages load, following imports between scripts. `pages` (paths relative to
 * `distDir`) limits it to some pages; by default every page counts.
 */
export function referencedAssets(distDir: string, pages = htmlPages(distDir)): Set<string> {
	const queue = pages.flatMap((page) =>
		[...readFileSync(join(distDir, page), 'utf8').matchAll(PAGE_REFERENCE)].map(
			(match) => match[1]!
		)
	);
	const assets = new Set(readdirSync(join(distDir, '_astro')).map((name) => `_astro/${name}`));
	const seen = new Set<string>();
	while (queue.length > 0) {
		const file = queue.pop()!;
		if (seen.has(file) || !assets.has(file)) continue;
		seen.add(file);
		if (/\.m?js$/.test(file)) {
			for (const match of readFileSync(join(distDir, file), 'utf8').matchAll(MODULE_REFERENCE)) {
				queue.push(posix.join('_astro', match[1]!));
			}
		}
	}
	return seen;
}

/** Writes `dist/sw.js` for the built site in `distDir`; returns what was precached. */
export async function writeServiceWorker(
	distDir: string,
	options: { base: string; buildId: string }
): Promise<{ count: number; size: number; warnings: string[] }> {
	const studentPages = htmlPages(distDir).filter((page) => !ON_DEMAND_PAGES.includes(page));
	const needed = referencedAssets(distDir, studentPages);
	const work = mkdtempSync(join(tmpdir(), 'sw-'));
	try {
		const source = join(work, 'sw.js');
		await build({
			entryPoints: [fileURLToPath(new URL('../client/service-worker.ts', import.meta.url))],
			outfile: source,
			bundle: true,
			format: 'iife',
			minify: true,
			target: 'es2022',
			define: {
				'process.env.NODE_ENV': '"production"',
				__BASE_PATH__: JSON.stringify(options.base),
				__BUILD_ID__: JSON.stringify(options.buildId),
			},
			logLevel: 'silent',
		});
		return await injectManifest({
			swSrc: source,
			swDest: join(distDir, 'sw.js'),
			globDirectory: distDir,
			globPatterns: ['**/*.{html,js,css,json,svg,png,ico,webmanifest,wasm,woff2,txt}'],
			globIgnores: ['sw.js', ...ON_DEMAND_FILES],
			// Hashed file names change with their content, so they need no revision.
			dontCacheBustURLsMatching: /^_astro\//,
			manifestTransforms: [
				async (entries) => ({
					manifest: entries.filter(
						(entry) => !entry.url.startsWith('_astro/') || needed.has(entry.url)
					),
					warnings: [],
				}),
			],
			maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
		});
	} finally {
		rmSync(work, { recursive: true, force: true });
	}
}

export function serviceWorker(options: { buildId: string }): AstroIntegration {
	let base = '/';
	return {
		name: 'cognito-study:service-worker',
		hooks: {
			'astro:config:done': ({ config }) => {
				base = config.base.endsWith('/') ? config.base : `${config.base}/`;
			},
			'astro:build:done': async ({ dir, logger }) => {
				const { count, size, warnings } = await writeServiceWorker(fileURLToPath(dir), {
					base,
					buildId: options.buildId,
				});
				for (const warning of warnings) logger.warn(warning);
				logger.info(
					`service worker: ${count} files precached (${(size / 1024 / 1024).toFixed(2)} MiB), build ${options.buildId}`
				);
			},
		},
	};
}

/** Reads the precache manifest back out of a built `sw.js` (for `npm run perf` and the tests). */
export function precachedFiles(distDir: string): string[] {
	const sw = readFileSync(join(distDir, 'sw.js'), 'utf8');
	return [...sw.matchAll(/"url":"([^"]+)"/g)].map((match) => match[1]!);
}
