import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { decodeEntities, figureHtml } from '../../../src/integrations/prerender-diagrams';
import { referencedAssets } from '../../../src/integrations/service-worker';
import {
	inlineScriptHashes,
	unhashedInlineScripts,
} from '../../../src/integrations/security-headers';
import { createHash } from 'node:crypto';

describe('prerender-diagrams', () => {
	test('decodes the HTML entities of a code block back to Mermaid source', () => {
		expect(
			decodeEntities(
				'A-&gt;&gt;B: a &amp;&amp; b &lt;x&gt; &quot;q&quot; &#39;s&#39; &#x27;t&#x27;'
			)
		).toBe(`A->>B: a && b <x> "q" 's' 't'`);
	});

	test('builds a figure with both drawings, the title and an escaped text description', () => {
		const html = figureHtml(
			'flowchart TD\n  accTitle: Pick <a> pool\n  accDescr: Users & roles\n  A-->B',
			{ light: '<svg id="l"></svg>', dark: '<svg id="d"></svg>' }
		);
		expect(html).toBe(
			'<figure class="diagram" data-prerendered><div class="diagram-canvas diagram-light"><svg id="l"></svg></div><div class="diagram-canvas diagram-dark"><svg id="d"></svg></div><figcaption><strong>Pick &lt;a&gt; pool</strong><details><summary>Text description</summary><p>Users &amp; roles</p></details><p class="diagram-print-description">Users &amp; roles</p></figcaption></figure>'
		);
	});
});

describe('referencedAssets', () => {
	test('follows pages to their scripts and the scripts to their imports, and nothing else', () => {
		const dist = mkdtempSync(join(tmpdir(), 'dist-'));
		mkdirSync(join(dist, '_astro'));
		writeFileSync(
			join(dist, 'index.html'),
			'<link href="/_astro/site.css" rel="stylesheet"><astro-island component-url="/_astro/App.js" renderer-url="/_astro/client.js"></astro-island>'
		);
		writeFileSync(
			join(dist, '_astro/App.js'),
			'import{h}from"./preact.js";const w=import("./lazy.js");'
		);
		writeFileSync(join(dist, '_astro/lazy.js'), 'new URL("engine.wasm", import.meta.url)');
		for (const name of [
			'site.css',
			'client.js',
			'preact.js',
			'engine.wasm',
			'unused.js',
			'DiagramRenderer.js',
		]) {
			writeFileSync(join(dist, '_astro', name), '');
		}
		expect([...referencedAssets(dist)].sort()).toEqual([
			'_astro/App.js',
			'_astro/client.js',
			'_astro/engine.wasm',
			'_astro/lazy.js',
			'_astro/preact.js',
			'_astro/site.css',
		]);
	});
});

describe('referencedAssets under a base path, per page', () => {
	test('follows /base/_astro/ references and counts only the pages asked for', () => {
		const dist = mkdtempSync(join(tmpdir(), 'dist-'));
		mkdirSync(join(dist, '_astro'));
		mkdirSync(join(dist, 'instructors'));
		writeFileSync(
			join(dist, 'index.html'),
			'<script type="module" src="/sub/_astro/shell.js"></script>'
		);
		writeFileSync(
			join(dist, 'instructors/index.html'),
			'<astro-island component-url="/sub/_astro/Editor.js"></astro-island>'
		);
		writeFileSync(join(dist, '_astro/shell.js'), 'import("./palette.js")');
		for (const name of ['palette.js', 'Editor.js']) writeFileSync(join(dist, '_astro', name), '');
		expect([...referencedAssets(dist, ['index.html'])].sort()).toEqual([
			'_astro/palette.js',
			'_astro/shell.js',
		]);
		expect([...referencedAssets(dist)].sort()).toEqual([
			'_astro/Editor.js',
			'_astro/palette.js',
			'_astro/shell.js',
		]);
	});
});

describe('unhashedInlineScripts', () => {
	test('reports an inline script whose hash the page policy lacks, and accepts hashed ones', () => {
		const dist = mkdtempSync(join(tmpdir(), 'dist-'));
		const code = 'document.documentElement.dataset.theme="dark"';
		const hash = createHash('sha256').update(code).digest('base64');
		writeFileSync(
			join(dist, 'ok.html'),
			`<meta http-equiv="content-security-policy" content="script-src 'self' 'sha256-${hash}'"><script>${code}</script><script src="/x.js"></script>`
		);
		writeFileSync(
			join(dist, 'bad.html'),
			`<meta http-equiv="content-security-policy" content="script-src 'self'"><script>alert(1)</script>`
		);
		expect(unhashedInlineScripts(dist)).toEqual(['bad.html: "alert(1)"…']);
		expect(inlineScriptHashes(dist)).toEqual([`'sha256-${hash}'`]);
	});
});
