/**
 * `/data/questions.json`: the question bank for the browser (Practice, the bank browser, search).
 * The file is `QuestionBankFile` (src/lib/quiz/bank.ts): `QuestionBank` without the fields the browser
 * derives; `unpackQuestionBank` turns it back into a `QuestionBank`. Stems, explanations and option texts are
 * rendered to HTML here, at build time: the body through Astro's Markdown pipeline (split at the
 * `## Explanation` heading), option texts and option explanations as inline Markdown with marked, and
 * every piece through the content sanitiser (src/lib/content/sanitize.ts) before it is written.
 */
import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import { BASE_PATH, withBase } from '../../config/site';
import { sanitizeHtml } from '../../cli/sanitize-html';
import { createMarkdownRenderer, withBaseLinks } from '../../lib/content/markdown';
import { LESSON_SLUGS } from '../../schemas/vocabulary';
import { htmlToText, packQuestionBank, slugToTitle, splitQuestionHtml } from '../../lib/quiz/bank';
import {
	QUESTION_BANK_VERSION,
	type BankLesson,
	type BankQuestion,
	type QuestionBank,
} from '../../lib/quiz/types';

const markdown = createMarkdownRenderer();
/** Rendered Markdown as it is shipped: sanitised, with the base path on site links. */
const clean = (html: string) => withBaseLinks(sanitizeHtml(html), BASE_PATH);
const inline = (text: string) => clean(markdown.inline(text));

export const GET: APIRoute = async () => {
	const lessonEntries = await getCollection('lessons');
	const written = new Map(lessonEntries.map((entry) => [entry.id, entry]));
	const lessons: BankLesson[] = LESSON_SLUGS.map((slug, index) => {
		const entry = written.get(slug);
		return {
			slug,
			title: entry?.data.title ?? slugToTitle(slug),
			order: entry?.data.order ?? index + 1,
			url: entry ? withBase(`/learn/${slug}/`) : null,
		};
	}).sort((a, b) => a.order - b.order);
	const lessonRank = new Map(lessons.map((lesson, index) => [lesson.slug, index]));
	// "See it happen" links: the content check guarantees each named scenario and step exist.
	const scenarios = new Map(
		(await getCollection('scenarios')).map((entry) => [entry.id, entry.data])
	);
	const seeItHappen = (scenarioId?: string, stepId?: string) => {
		const scenario = scenarioId ? scenarios.get(scenarioId) : undefined;
		if (!scenario || scenario.draft) return {};
		const step = scenario.steps.find((item) => item.id === stepId);
		return {
			seeItHappen: {
				url: withBase(`/simulator/${scenarioId}/${step ? `?step=${step.id}` : ''}`),
				title: scenario.title,
				...(step ? { stepTitle: step.title } : {}),
			},
		};
	};
	const questions: BankQuestion[] = (await getCollection('questions'))
		.map(({ data, rendered }) => {
			const { stemHtml, explanationHtml } = splitQuestionHtml(clean(rendered?.html ?? ''));
			return {
				id: data.id,
				lesson: data.lesson,
				topics: [...data.topics],
				type: data.type,
				difficulty: data.difficulty as 1 | 2 | 3,
				exams: [...data.exams],
				...(data.domains ? { domains: [...data.domains] } : {}),
				stemHtml,
				explanationHtml,
				options: data.options.map((option) => {
					const html = inline(option.text);
					return {
						id: option.id,
						html,
						text: htmlToText(html),
						explanationHtml: inline(option.explanation),
						// Every step or item of an ordering or matching question is part of the answer.
						correct:
							data.type === 'ordering' ||
							data.type === 'matching' ||
							data.answer.includes(option.id),
						...(option.pinned ? { pinned: true } : {}),
					};
				}),
				...(data.targets
					? {
							targets: data.targets.map((target) => {
								const html = inline(target.text);
								return { id: target.id, html, text: htmlToText(html) };
							}),
						}
					: {}),
				answer: [...data.answer],
				sources: [...data.sources],
				...seeItHappen(data.scenario, data.scenarioStep),
			};
		})
		.sort(
			(a, b) =>
				(lessonRank.get(a.lesson) ?? 99) - (lessonRank.get(b.lesson) ?? 99) ||
				a.id.localeCompare(b.id)
		);
	const bank: QuestionBank = { version: QUESTION_BANK_VERSION, lessons, questions };
	return new Response(JSON.stringify(packQuestionBank(bank)), {
		headers: { 'Content-Type': 'application/json; charset=utf-8' },
	});
};
