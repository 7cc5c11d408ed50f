/**
 * Astro integration: after the build, writes `dist/_headers` (the format Netlify and Cloudflare Pages
 * read; the README shows the same headers for CloudFront and nginx): the Content-Security-Policy as a
 * header, where `frame-ancestors` works, with every inline-script hash the pages' <meta> policies list
 * (browsers enforce header and meta together), plus the other security headers.
 */
import type { AstroIntegration } from 'astro';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cspHeader, SECURITY_HEADERS } from '../config/csp';

const META_CSP = /<meta http-equiv="content-security-policy" content="([^"]*)"/gi;

/** Every `'sha…'` source in the script-src of the pages' CSP <meta> tags, sorted. */
export function inlineScriptHashes(distDir: string): string[] {
	const hashes = new Set<string>();
	for (const entry of readdirSync(distDir, { recursive: true, withFileTypes: true })) {
		if (!entry.isFile() || !entry.name.endsWith('.html')) continue;
		const html = readFileSync(join(entry.parentPath, entry.name), 'utf8');
		for (const [, policy] of html.matchAll(META_CSP)) {
			const scripts = policy!.split(';').find((part) => part.trim().startsWith('script-src '));
			for (const source of scripts?.trim().split(/\s+/) ?? []) {
				if (/^'sha(256|384|512)-/.test(source)) hashes.add(source);
			}
		}
	}
	return [...hashes].sort();
}

/** The header set as `name: value` pairs. */
export function securityHeaders(distDir: string): Record<string, string> {
	return {
		'Content-Security-Policy': cspHeader(inlineScriptHashes(distDir)),
		...SECURITY_HEADERS,
	};
}

export function securityHeadersFile(): AstroIntegration {
	let base = '/';
	return {
		name: 'cognito-study:security-headers',
		hooks: {
			'astro:config:done': ({ config }) => {
				base = config.base.endsWith('/') ? config.base : `${config.base}/`;
			},
			'astro:build:done': ({ dir, logger }) => {
				const distDir = fileURLToPath(dir);
				const headers = securityHeaders(distDir);
				const lines = Object.entries(headers).map(([name, value]) => `  ${name}: ${value}`);
				writeFileSync(
					join(distDir, '_headers'),
					`${base}*\n${lines.join('\n')}\n${base}sw.js\n  Cache-Control: no-cache\n`
				);
				logger.info(`security headers: dist/_headers (${Object.keys(headers).length} headers)`);
			},
		},
	};
}
