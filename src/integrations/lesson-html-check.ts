/**
 * Astro integration: after the build, reads every built lesson page and fails the build when a Markdown list
 * did not render as a list. This happened once: Prettier formatted the lists inside `<Callout>` as JSX text
 * and joined them into one paragraph ("- one - two - three"). The source looked like a list; only the built
 * HTML shows the damage, so this checks the HTML.
 */
import type { AstroIntegration } from 'astro';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, type HTMLElement, type Node } from 'node-html-parser';

/**
 * A bullet in the middle of running text: what a flattened Markdown list leaves behind ("… one. - Two …").
 * `+` is left out because lessons use it as a plus sign.
 */
const STRAY_LIST_MARKER = /(?:^|\s)[-*]\s+\S/;
/** Code may contain anything, and nested lists are checked on their own; both stand in as "⋯". */
const OPAQUE = new Set(['code', 'pre', 'kbd', 'svg', 'ul', 'ol']);
const FIX =
	'leave a blank line after <Callout …> and before </Callout>, and start each item on its own line with "- "';

/** The text of an element, leaving out code and nested lists. */
function ownText(node: Node): string {
	if (node.nodeType === 3) return node.text;
	const element = node as HTMLElement;
	if (OPAQUE.has(element.rawTagName?.toLowerCase() ?? '')) return '⋯';
	return element.childNodes.map(ownText).join('');
}

function where(element: HTMLElement): string {
	const callout = element.closest('aside.callout');
	if (!callout) return 'lesson text';
	const title = callout.getAttribute('aria-label') ?? '(untitled)';
	return `callout "${title}"`;
}

/** Problems in one built lesson page, one line each: where, what was found, how to fix it. */
export function checkLessonHtml(html: string): string[] {
	const body = parse(html).querySelector('.lesson-body');
	if (!body) return ['no .lesson-body found: the lesson layout changed; update this check'];
	const problems: string[] = [];
	for (const block of body.querySelectorAll('p, li, td, th')) {
		const text = ownText(block).replace(/\s+/g, ' ').trim();
		const marker = STRAY_LIST_MARKER.exec(text);
		if (!marker) continue;
		const excerpt = `…${text.slice(Math.max(0, marker.index - 40), marker.index + 40)}…`;
		problems.push(
			`${where(block)}: a Markdown list rendered as running text ("${excerpt}"); ${FIX}`
		);
	}
	for (const traps of body.querySelectorAll('aside.callout-traps')) {
		const items = traps.querySelectorAll('.callout-body > ul > li, .callout-body > ol > li');
		if (items.length < 2) {
			problems.push(
				`${where(traps)}: must render as a list of at least 2 traps, found ${items.length} list items; ${FIX}`
			);
		}
	}
	return problems;
}

/** `learn/<slug>/index.html` files of a built site, by lesson slug. */
export function builtLessonPages(dist: string): Map<string, string> {
	const learn = join(dist, 'learn');
	const pages = new Map<string, string>();
	if (!existsSync(learn)) return pages;
	for (const entry of readdirSync(learn, { withFileTypes: true })) {
		const file = join(learn, entry.name, 'index.html');
		if (entry.isDirectory() && existsSync(file)) pages.set(entry.name, file);
	}
	return pages;
}

export function lessonHtmlCheck(): AstroIntegration {
	return {
		name: 'cognito-study:lesson-html-check',
		hooks: {
			'astro:build:done': ({ dir, logger }) => {
				const problems: string[] = [];
				let checked = 0;
				for (const [slug, file] of builtLessonPages(fileURLToPath(dir))) {
					checked++;
					for (const problem of checkLessonHtml(readFileSync(file, 'utf8')))
						problems.push(
							`content/lessons/${slug}.mdx (built: learn/${slug}/index.html): ${problem}`
						);
				}
				if (problems.length > 0) {
					const error = new Error(
						`Built lessons have ${problems.length} rendering problem${problems.length === 1 ? '' : 's'}:\n${problems.join('\n')}`
					);
					error.stack = error.message;
					throw error;
				}
				logger.info(`lesson HTML ok: lists render as lists in ${checked} lessons`);
			},
		},
	};
}
