// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import preact from '@astrojs/preact';
import { contentCheck } from './src/integrations/content-check.ts';
import { serviceWorker } from './src/integrations/service-worker.ts';

export default defineConfig({
	output: 'static',
	site: 'https://cognito-study.local',
	trailingSlash: 'always',
	integrations: [contentCheck(), preact(), mdx(), serviceWorker()],
	markdown: {
		// Mermaid blocks stay plain text; the lesson page renders them (see README, "Diagrams").
		syntaxHighlight: { type: 'shiki', excludeLangs: ['mermaid'] },
		shikiConfig: { themes: { light: 'github-light', dark: 'github-dark' } },
	},
	devToolbar: { enabled: false },
});
