/**
 * Astro integration: after the build, Workbox writes `dist/sw.js`, which precaches every page, style,
 * data file and script the site needs offline (a learner studies on a phone without signal), and caches
 * anything else it meets later. Mermaid ships chunks for diagram types the lessons never use; they are left
 * out of the precache (they are still cached at runtime if ever requested).
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { generateSW } from 'workbox-build';

/** Mermaid chunks for diagram types and layout engines no lesson uses (sequence and flowchart are used). */
const UNUSED_DIAGRAM_CHUNKS =
	/^_astro\/(elk|cytoscape|katex|architecture|c4Diagram|usecase|mindmap|gitGraph|sankey|quadrant|xychart|blockDiagram|kanban|timeline|requirement|pieDiagram|ganttDiagram|journeyDiagram|erDiagram|classDiagram|packet|radar|treemap|cose-bilkent|cynefin|abnf|bpmn|wardley|venn|ishikawa|railroad|eventModel|infoDiagram|dagre)/i;

export function serviceWorker(): AstroIntegration {
	return {
		name: 'cognito-study:service-worker',
		hooks: {
			'astro:build:done': async ({ dir, logger }) => {
				const { count, size, warnings } = await generateSW({
					globDirectory: fileURLToPath(dir),
					globPatterns: ['**/*.{html,js,css,json,svg,png,ico,webmanifest,wasm,woff2,txt}'],
					globIgnores: ['sw.js', 'workbox-*.js'],
					manifestTransforms: [
						async (entries) => ({ manifest: entries.filter((entry) => !UNUSED_DIAGRAM_CHUNKS.test(entry.url)), warnings: [] }),
					],
					swDest: fileURLToPath(new URL('sw.js', dir)),
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
				logger.info(`service worker: ${count} files precached (${(size / 1024 / 1024).toFixed(2)} MiB)`);
			},
		},
	};
}
