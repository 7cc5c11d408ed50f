// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import preact from '@astrojs/preact';
import { contentCheck } from './src/integrations/content-check.ts';
import { prerenderDiagrams } from './src/integrations/prerender-diagrams.ts';
import { serviceWorker } from './src/integrations/service-worker.ts';

export default defineConfig({
	output: 'static',
	site: 'https://cognito-study.local',
	trailingSlash: 'always',
	// Order matters: diagrams are inlined into the HTML before the service worker fingerprints it.
	integrations: [contentCheck(), preact(), mdx(), prerenderDiagrams(), serviceWorker()],
	markdown: {
		// Mermaid blocks stay plain text; the lesson page renders them (see README, "Diagrams").
		syntaxHighlight: { type: 'shiki', excludeLangs: ['mermaid'] },
		shikiConfig: { themes: { light: 'github-light', dark: 'github-dark' } },
	},
	devToolbar: { enabled: false },
});
