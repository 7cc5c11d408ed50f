// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import preact from '@astrojs/preact';
import { contentCheck } from './src/integrations/content-check.ts';
import { lessonHtmlCheck } from './src/integrations/lesson-html-check.ts';
import { prerenderDiagrams } from './src/integrations/prerender-diagrams.ts';
import { serviceWorker } from './src/integrations/service-worker.ts';
import { baseLinks } from './src/integrations/base-links.ts';
import { securityHeadersFile } from './src/integrations/security-headers.ts';
import { createHash } from 'node:crypto';
import { CSP_DIRECTIVES, CSP_SCRIPT_SOURCES, CSP_STYLE_SOURCES } from './src/config/csp.ts';
import { THEME_INIT_SCRIPT } from './src/config/theme-script.ts';

/**
 * Where the site is served (README, "Deploy"): `SITE_URL` is the origin (canonical links, sitemap-style
 * absolute URLs) and `BASE_PATH` the path it lives under, e.g. `/cognito-study/` on GitHub Pages. Every
 * link, the service worker's scope, the web manifest and the data files follow them.
 */
const site = process.env.SITE_URL || 'https://cognito-study.local';
const base = `/${(process.env.BASE_PATH || '/').replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');

/** Identifies this build to the service worker and to open pages (README, "Updates"). */
const buildId = process.env.BUILD_ID || Date.now().toString(36);

export default defineConfig({
	output: 'static',
	site,
	base,
	trailingSlash: 'always',
	// Order matters: built lessons are checked first (lists, before diagrams add their SVG), diagrams are
	// inlined and links get the base path before the service worker fingerprints the HTML.
	integrations: [
		contentCheck(),
		preact(),
		mdx(),
		lessonHtmlCheck(),
		prerenderDiagrams(),
		baseLinks(),
		serviceWorker({ buildId }),
		securityHeadersFile(),
	],
	markdown: {
		// Mermaid blocks stay plain text here; prerenderDiagrams() draws them after the build (README, "Diagrams").
		syntaxHighlight: { type: 'shiki', excludeLangs: ['mermaid'] },
		// High-contrast themes: the default GitHub themes have comment colours below 4.5:1 on our code background.
		shikiConfig: {
			themes: { light: 'github-light-high-contrast', dark: 'github-dark-high-contrast' },
		},
	},
	devToolbar: { enabled: false },
	// A Content-Security-Policy <meta> on every page (README, "Security"): Astro hashes its inline scripts;
	// the same policy as HTTP headers, plus frame-ancestors, is in the README for hosts that send headers.
	security: {
		csp: {
			directives: [...CSP_DIRECTIVES],
			scriptDirective: {
				resources: CSP_SCRIPT_SOURCES,
				// Astro hashes the scripts it bundles; the one inline script of our own is hashed here.
				hashes: [`sha256-${createHash('sha256').update(THEME_INIT_SCRIPT).digest('base64')}`],
			},
			styleDirective: { resources: CSP_STYLE_SOURCES },
		},
	},
	vite: {
		// ES-module workers can split code, so the simulator's worker loads QuickJS only when learner code first runs.
		worker: { format: 'es' },
		// Only BaseLayout reads it (into <html data-build>), so no script changes from one build to the next.
		define: { __BUILD_ID__: JSON.stringify(buildId) },
	},
});
