/**
 * Astro integration: when the site is built for a sub-path (`BASE_PATH`), the root-relative links that
 * authors write in lessons and glossary terms (`[Tokens](/learn/tokens/)`) get the base path in every
 * built page. Pages and components already build their own links with `withBase`; this covers Markdown,
 * whatever processor rendered it. Must run before the service worker fingerprints the pages.
 */
import type { AstroIntegration } from 'astro';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withBaseLinks } from '../lib/content/markdown';

export function baseLinks(): AstroIntegration {
	let base = '/';
	return {
		name: 'cognito-study:base-links',
		hooks: {
			'astro:config:done': ({ config }) => {
				base = config.base.endsWith('/') ? config.base : `${config.base}/`;
			},
			'astro:build:done': ({ dir }) => {
				if (base === '/') return;
				const distDir = fileURLToPath(dir);
				for (const entry of readdirSync(distDir, { recursive: true, withFileTypes: true })) {
					if (!entry.isFile() || !entry.name.endsWith('.html')) continue;
					const file = join(entry.parentPath, entry.name);
					const html = readFileSync(file, 'utf8');
					const linked = withBaseLinks(html, base);
					if (linked !== html) writeFileSync(file, linked);
				}
			},
		},
	};
}
