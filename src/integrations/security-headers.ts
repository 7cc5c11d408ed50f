/**
 * Astro integration: after the build, writes `dist/_headers` (the format Netlify and Cloudflare Pages
 * read; the README shows the same headers for CloudFront and nginx): the Content-Security-Policy as a
 * header, where `frame-ancestors` works, with every inline-script hash the pages' <meta> policies list
 * (browsers enforce header and meta together), plus the other security headers. Fails the build if any
 * inline script is not allowed by its page's policy.
 */
import type { AstroIntegration } from 'astro';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cspHeader, SECURITY_HEADERS } from '../config/csp';

const META_CSP = /<meta http-equiv="content-security-policy" content="([^"]*)"/gi;
const INLINE_SCRIPT = /<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g;

function htmlFiles(distDir: string): Array<{ path: string; html: string }> {
	return readdirSync(distDir, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
		.map((entry) => {
			const path = join(entry.parentPath, entry.name);
			return {
				path: path.slice(distDir.length).replace(/^[/\\]+/, ''),
				html: readFileSync(path, 'utf8'),
			};
		});
}

/**
 * Inline scripts that a page's own CSP <meta> does not allow (the browser would refuse to run them), as
 * "page: script start" lines. The build fails on any: an inline script must be hashed (astro.config).
 */
export function unhashedInlineScripts(distDir: string): string[] {
	return htmlFiles(distDir).flatMap(({ path, html }) => {
		const policy = [...html.matchAll(META_CSP)].map((match) => match[1]).join(';');
		return [...html.matchAll(INLINE_SCRIPT)]
			.filter(([, code]) => {
				const hash = `'sha256-${createHash('sha256').update(code!).digest('base64')}'`;
				return code!.trim() !== '' && !policy.includes(hash);
			})
			.map(([, code]) => `${path}: ${JSON.stringify(code!.trim().slice(0, 60))}…`);
	});
}

/** Every `'sha…'` source in the script-src of the pages' CSP <meta> tags, sorted. */
export function inlineScriptHashes(distDir: string): string[] {
	const hashes = new Set<string>();
	for (const { html } of htmlFiles(distDir)) {
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

/** Writes `dist/_headers` for the built site in `distDir` (base path `base`, ending in "/"). */
export function writeHeadersFile(distDir: string, base: string): number {
	const headers = securityHeaders(distDir);
	const lines = Object.entries(headers).map(([name, value]) => `  ${name}: ${value}`);
	writeFileSync(
		join(distDir, '_headers'),
		`${base}*\n${lines.join('\n')}\n${base}sw.js\n  Cache-Control: no-cache\n`
	);
	return lines.length;
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
				const blocked = unhashedInlineScripts(distDir);
				if (blocked.length > 0) {
					throw new Error(
						`Inline scripts the Content-Security-Policy would block (hash them in astro.config or move them to a module):\n${blocked.join('\n')}`
					);
				}
				const count = writeHeadersFile(distDir, base);
				logger.info(`security headers: dist/_headers (${count} headers)`);
			},
		},
	};
}
