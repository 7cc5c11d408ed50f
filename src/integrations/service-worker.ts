/**
 * Astro integration: after the build, Workbox writes `dist/sw.js`, which precaches every page and data file
 * and exactly the scripts, styles and WebAssembly those pages reference (transitively), so a learner can
 * study offline on a phone after one visit. Anything else (e.g. the in-browser diagram fallback, which
 * pages with pre-drawn diagrams no longer reference) is cached the first time it is used.
 */
import type { AstroIntegration } from 'astro';
import { readFileSync, readdirSync } from 'node:fs';
import { join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSW } from 'workbox-build';

const PAGE_REFERENCE =
	/(?:src|href|component-url|renderer-url|before-hydration-url)="\/(_astro\/[^"?#]+)"/g;
const MODULE_REFERENCE = /["'`](?:\.\/|\/?_astro\/)?([\w.-]+\.(?:js|mjs|css|wasm))["'`]/g;

/** `_astro/…` files the built pages load, following imports between scripts. */
export function referencedAssets(distDir: string): Set<string> {
	const pages = readdirSync(distDir, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
		.map((entry) => readFileSync(join(entry.parentPath, entry.name), 'utf8'));
	const queue = pages.flatMap((html) =>
		[...html.matchAll(PAGE_REFERENCE)].map((match) => match[1]!)
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

export function serviceWorker(): AstroIntegration {
	return {
		name: 'cognito-study:service-worker',
		hooks: {
			'astro:build:done': async ({ dir, logger }) => {
				const distDir = fileURLToPath(dir);
				const needed = referencedAssets(distDir);
				const { count, size, warnings } = await generateSW({
					globDirectory: distDir,
					globPatterns: ['**/*.{html,js,css,json,svg,png,ico,webmanifest,wasm,woff2,txt}'],
					globIgnores: ['sw.js', 'workbox-*.js'],
					manifestTransforms: [
						async (entries) => ({
							manifest: entries.filter(
								(entry) => !entry.url.startsWith('_astro/') || needed.has(entry.url)
							),
							warnings: [],
						}),
					],
					swDest: join(distDir, 'sw.js'),
					maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
					cleanupOutdatedCaches: true,
					clientsClaim: true,
					skipWaiting: true,
					// Pages are static; query strings (?lesson=, ?q=) are read in the browser, so ignore them when matching.
					ignoreURLParametersMatching: [/.*/],
					navigateFallback: '/404.html',
					navigateFallbackDenylist: [/\.[a-z0-9]+$/i],
					// Hashed build assets never change, so anything not precached is cached on first use.
					runtimeCaching: [
						{
							urlPattern: ({ url }) => url.pathname.startsWith('/_astro/'),
							handler: 'CacheFirst',
							options: { cacheName: 'assets', expiration: { maxEntries: 200 } },
						},
					],
				});
				for (const warning of warnings) logger.warn(warning);
				logger.info(
					`service worker: ${count} files precached (${(size / 1024 / 1024).toFixed(2)} MiB)`
				);
			},
		},
	};
}
