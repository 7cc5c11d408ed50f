import { getCollection } from 'astro:content';
import { buildSearchIndex } from '../lib/search/build-index';
import { splitQuestionBody } from '../schemas/check-content';
import { withBase } from '../config/site';

/** Static search index for the search palette and the Search page (precached for offline use). */
export async function GET() {
	const lessons = await getCollection('lessons');
	const titles = new Map(lessons.map((lesson) => [lesson.id, lesson.data.title]));
	const records = buildSearchIndex({
		lessons: lessons
			.sort((a, b) => a.data.order - b.data.order)
			.map((lesson) => ({ slug: lesson.id, title: lesson.data.title, body: lesson.body ?? '' })),
		glossary: (await getCollection('glossary')).map((entry) => ({
			slug: entry.id,
			term: entry.data.term,
			aliases: entry.data.aliases,
			body: entry.body ?? '',
		})),
		questions: (await getCollection('questions')).map((question) => ({
			id: question.id,
			lessonTitle: titles.get(question.data.lesson) ?? question.data.lesson,
			stem: splitQuestionBody(question.body ?? '').stem,
			// Options, steps and targets are searched too (a flow question names its steps there).
			options: [
				...question.data.options.map((option) => option.text),
				...(question.data.targets ?? []).map((target) => target.text),
			],
		})),
		scenarios: (await getCollection('scenarios'))
			.filter((entry) => !entry.data.draft)
			.map((entry) => ({
				id: entry.id,
				title: entry.data.title,
				summary: entry.data.summary,
				body: entry.body ?? '',
			})),
	});
	return new Response(
		JSON.stringify(records.map((record) => ({ ...record, url: withBase(record.url) }))),
		{ headers: { 'content-type': 'application/json' } }
	);
}
