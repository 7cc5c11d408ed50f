// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import preact from '@astrojs/preact';
import { contentCheck } from './src/integrations/content-check.ts';
import { lessonHtmlCheck } from './src/integrations/lesson-html-check.ts';
import { prerenderDiagrams } from './src/integrations/prerender-diagrams.ts';
import { serviceWorker } from './src/integrations/service-worker.ts';

export default defineConfig({
	output: 'static',
	site: 'https://cognito-study.local',
	trailingSlash: 'always',
	// Order matters: built lessons are checked first (lists, before diagrams add their SVG), and diagrams are
	// inlined into the HTML before the service worker fingerprints it.
	integrations: [
		contentCheck(),
		preact(),
		mdx(),
		lessonHtmlCheck(),
		prerenderDiagrams(),
		serviceWorker(),
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
	vite: {
		// ES-module workers can split code, so the simulator's worker loads QuickJS only when learner code first runs.
		worker: { format: 'es' },
	},
});
