/**
 * Astro integration: after the build, replaces each lesson's Mermaid source block with inline SVG drawn at
 * build time (a light and a dark variant; CSS shows the one matching the theme), and drops the diagram
 * script from pages that no longer need it. Measured against drawing in the browser (README, "Diagrams"):
 * no diagram JavaScript at all and the first diagram shows about 10× sooner.
 *
 * Drawing needs a headless Chromium. Drawn SVGs are kept in `src/generated/diagrams/` (committed), keyed by
 * a hash of the Mermaid version, theme and source, so a build only needs Chromium for new or edited
 * diagrams. Without Chromium, such diagrams fall back to being drawn in the browser (and a warning says so).
 */
import type { AstroIntegration } from 'astro';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium } from '../cli/find-chromium';

const THEMES = ['light', 'dark'] as const;
type Theme = (typeof THEMES)[number];
/** Mermaid settings per site theme. The dark theme's grey edge-label boxes fail WCAG contrast, so they get the page's dark surface. */
const MERMAID_CONFIG: Record<Theme, { theme: string; themeVariables?: Record<string, string> }> = {
	light: { theme: 'default' },
	dark: { theme: 'dark', themeVariables: { edgeLabelBackground: '#1f2330' } },
};
const BLOCK = /<pre><code class="language-mermaid">([\s\S]*?)<\/code><\/pre>/g;
const RENDERER_SCRIPT = /<script type="module" src="[^"]*DiagramRenderer[^"]*"><\/script>/g;

export function decodeEntities(html: string): string {
	return html
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&#39;|&#x27;/g, "'")
		.replace(/&#(\d+);/g, (_, code) => String.fromCodePoint(Number(code)))
		.replace(/&#x([0-9a-f]+);/gi, (_, code) => String.fromCodePoint(parseInt(code, 16)))
		.replace(/&amp;/g, '&');
}

function escapeHtml(text: string): string {
	return text
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;');
}

/** The figure markup for one diagram: both themed drawings plus its caption and text description. */
export function figureHtml(source: string, drawings: Record<Theme, string>): string {
	const title = /^\s*accTitle\s*:\s*(.+)$/m.exec(source)?.[1]?.trim();
	const description = /^\s*accDescr\s*:\s*(.+)$/m.exec(source)?.[1]?.trim();
	return [
		'<figure class="diagram" data-prerendered>',
		...THEMES.map(
			(theme) => `<div class="diagram-canvas diagram-${theme}">${drawings[theme]}</div>`
		),
		'<figcaption>',
		title ? `<strong>${escapeHtml(title)}</strong>` : '',
		description
			? `<details><summary>Text description</summary><p>${escapeHtml(description)}</p></details><p class="diagram-print-description">${escapeHtml(description)}</p>`
			: '',
		'</figcaption></figure>',
	].join('');
}

export function prerenderDiagrams(options: { cacheDir?: string } = {}): AstroIntegration {
	return {
		name: 'cognito-study:prerender-diagrams',
		hooks: {
			'astro:build:done': async ({ dir, logger }) => {
				const root = fileURLToPath(new URL('../../', import.meta.url));
				const cacheDir = options.cacheDir ?? join(root, 'src/generated/diagrams');
				const mermaidVersion = JSON.parse(
					readFileSync(join(root, 'node_modules/mermaid/package.json'), 'utf8')
				).version as string;
				const key = (source: string, theme: Theme) =>
					createHash('sha256')
						.update(`${mermaidVersion}\n${JSON.stringify(MERMAID_CONFIG[theme])}\n${source}`)
						.digest('hex')
						.slice(0, 20);

				const pages = htmlFiles(fileURLToPath(dir)).filter((file) =>
					readFileSync(file, 'utf8').includes('language-mermaid')
				);
				const sources = new Set<string>();
				for (const page of pages) {
					for (const match of readFileSync(page, 'utf8').matchAll(BLOCK))
						sources.add(decodeEntities(match[1]!));
				}
				const missing = [...sources].flatMap((source) =>
					THEMES.filter((theme) => !existsSync(join(cacheDir, `${key(source, theme)}.svg`))).map(
						(theme) => ({ source, theme })
					)
				);
				if (missing.length > 0) {
					const drawn = await draw(root, missing, key, logger);
					mkdirSync(cacheDir, { recursive: true });
					for (const [file, svg] of drawn) writeFileSync(join(cacheDir, `${file}.svg`), svg);
				}

				let prerendered = 0;
				let fallback = 0;
				for (const page of pages) {
					let html = readFileSync(page, 'utf8');
					html = html.replace(BLOCK, (block, encoded: string) => {
						const source = decodeEntities(encoded);
						const files = THEMES.map((theme) => join(cacheDir, `${key(source, theme)}.svg`));
						if (!files.every(existsSync)) {
							fallback++;
							return block;
						}
						prerendered++;
						const [light, dark] = files.map((file) => readFileSync(file, 'utf8'));
						return figureHtml(source, { light: light!, dark: dark! });
					});
					if (!html.includes('language-mermaid')) html = html.replace(RENDERER_SCRIPT, '');
					writeFileSync(page, html);
				}
				logger.info(
					`diagrams: ${prerendered} drawn at build time (${missing.length} new drawings)${fallback ? `, ${fallback} left to the browser` : ''}`
				);
			},
		},
	};
}

function htmlFiles(dir: string): string[] {
	return readdirSync(dir, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
		.map((entry) => join(entry.parentPath, entry.name));
}

/** Draws diagrams in headless Chromium with the same Mermaid build the site ships. */
async function draw(
	root: string,
	jobs: Array<{ source: string; theme: Theme }>,
	key: (source: string, theme: Theme) => string,
	logger: { warn(message: string): void }
): Promise<Map<string, string>> {
	const drawn = new Map<string, string>();
	const executablePath = findChromium();
	if (executablePath === null) {
		logger.warn(
			`${jobs.length} diagram drawings are not cached and no Chromium was found (set CHROMIUM_PATH); those diagrams will be drawn in the browser instead.`
		);
		return drawn;
	}
	const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
	try {
		const page = await browser.newPage();
		await page.setContent('<!doctype html><html><body></body></html>');
		await page.addScriptTag({ path: join(root, 'node_modules/mermaid/dist/mermaid.min.js') });
		for (const { source, theme } of jobs) {
			const id = `mermaid-${key(source, theme)}`;
			const svg = await page.evaluate(
				async ({ id, source, config }) => {
					const mermaid = (window as unknown as { mermaid: typeof import('mermaid').default })
						.mermaid;
					mermaid.initialize({
						startOnLoad: false,
						securityLevel: 'strict',
						...(config as object),
					});
					return (await mermaid.render(id, source)).svg;
				},
				{ id, source, config: MERMAID_CONFIG[theme] }
			);
			drawn.set(key(source, theme), svg);
		}
	} finally {
		await browser.close();
	}
	return drawn;
}
