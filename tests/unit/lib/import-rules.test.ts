import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

/**
 * The engines under src/lib are framework-free: no UI framework, no Astro, no DOM, no Node built-ins,
 * and no hidden clock or randomness (both are passed in). This test keeps it that way.
 */
const LIB = join(import.meta.dirname, '../../../src/lib');

function sourceFiles(dir: string): string[] {
	return readdirSync(dir, { recursive: true, withFileTypes: true })
		.filter(
			(entry) =>
				entry.isFile() && /\.(ts|tsx|js|mjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts')
		)
		.map((entry) => join(entry.parentPath, entry.name));
}

const FORBIDDEN: Array<[RegExp, string]> = [
	[/from\s+['"](preact|react|astro)(\/[^'"]*)?['"]/, 'imports a UI framework or Astro'],
	[/from\s+['"]astro:[^'"]*['"]/, 'imports an astro: module'],
	[/from\s+['"](node:|fs|path|os|child_process)[^'"]*['"]/, 'imports a Node built-in'],
	[/from\s+['"]@\/(client|components|pages|layouts)[^'"]*['"]/, 'imports a UI layer'],
	[
		/\b(window|document|localStorage|sessionStorage|indexedDB|navigator)\s*[.[]/,
		'uses a DOM global',
	],
	// An entry point may default an omitted clock or random source, spelled out as `globalThis.Date.now()`.
	[/(?<!globalThis\.)\bDate\.now\s*\(|\bnew Date\(\s*\)/, 'reads the clock (pass `now` in)'],
	[/(?<!globalThis\.)\bMath\.random\s*\(/, 'uses Math.random (pass `random` in)'],
];

export function violations(source: string): string[] {
	const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
	return FORBIDDEN.filter(([pattern]) => pattern.test(code)).map(([, reason]) => reason);
}

describe('src/lib import rules', () => {
	test('the rules catch each forbidden use', () => {
		expect(violations(`import { h } from 'preact';`)).toEqual(['imports a UI framework or Astro']);
		expect(violations(`import { getCollection } from 'astro:content';`)).toEqual([
			'imports an astro: module',
		]);
		expect(violations(`import { readFileSync } from 'node:fs';`)).toEqual([
			'imports a Node built-in',
		]);
		expect(violations(`const w = window.innerWidth;`)).toEqual(['uses a DOM global']);
		expect(violations(`const t = Date.now();`)).toEqual(['reads the clock (pass `now` in)']);
		expect(violations(`const r = Math.random();`)).toEqual(['uses Math.random (pass `random` in)']);
		expect(violations(`// window.x in a comment is fine\nconst ok = 1;`)).toEqual([]);
		expect(
			violations(`const clock = options.clock ?? { now: () => globalThis.Date.now() };`)
		).toEqual([]);
	});

	test('no engine file breaks them', () => {
		const problems = sourceFiles(LIB).flatMap((file) =>
			violations(readFileSync(file, 'utf8')).map(
				(reason) => `${file.slice(LIB.length + 1)}: ${reason}`
			)
		);
		expect(problems).toEqual([]);
	});
});
