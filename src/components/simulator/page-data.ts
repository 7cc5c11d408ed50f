/**
 * What the simulator pages pass the island: the catalogue of published scenarios (for the picker), the full
 * scenario of a scenario page with its introduction rendered (sanitised) HTML, and lesson titles. Each scenario
 * page carries only its own scenario, so a page stays small however many scenarios there are.
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import { BASE_PATH } from '../../config/site';
import { sanitizeHtml } from '../../cli/sanitize-html';
import { createMarkdownRenderer, withBaseLinks } from '../../lib/content/markdown';
import type { PageScenario, ScenarioSummary } from './use-scenario-session';

const markdown = createMarkdownRenderer();

/** Published scenarios, by title. */
export async function publishedScenarios(): Promise<CollectionEntry<'scenarios'>[]> {
	return (await getCollection('scenarios'))
		.filter((entry) => !entry.data.draft)
		.sort((a, b) => a.data.title.localeCompare(b.data.title));
}

/** The picker's list: id, title, summary and lessons of every published scenario. */
export const catalogOf = (entries: CollectionEntry<'scenarios'>[]): ScenarioSummary[] =>
	entries.map(({ id, data }) => ({
		id,
		title: data.title,
		summary: data.summary,
		lessons: data.lessons,
	}));

/** One scenario as its page passes it to the island. */
export const pageScenario = (entry: CollectionEntry<'scenarios'>): PageScenario => ({
	...entry.data,
	id: entry.id,
	introHtml: withBaseLinks(sanitizeHtml(markdown.block(entry.body ?? '')), BASE_PATH),
});

/** Lesson titles by slug, for the "illustrates" links. */
export async function lessonTitles(): Promise<Record<string, string>> {
	return Object.fromEntries(
		(await getCollection('lessons')).map((lesson) => [lesson.id, lesson.data.title])
	);
}
