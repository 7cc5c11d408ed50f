/**
 * `/data/questions.json`: the question bank for the browser (Practice, the bank browser, search).
 * The shape is `QuestionBank` in src/lib/quiz/types.ts. Stems, explanations and option texts are
 * rendered to HTML here, at build time: the body through Astro's Markdown pipeline (split at the
 * `## Explanation` heading), option texts and option explanations as inline Markdown with marked.
 */
import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import { marked } from 'marked';
import { LESSON_SLUGS } from '../../schemas/vocabulary';
import { htmlToText, slugToTitle, splitQuestionHtml } from '../../lib/quiz/bank';
import {
	QUESTION_BANK_VERSION,
	type BankLesson,
	type BankQuestion,
	type QuestionBank,
} from '../../lib/quiz/types';

function inline(markdown: string): string {
	return (marked.parseInline(markdown, { async: false }) as string).trim();
}

export const GET: APIRoute = async () => {
	const lessonEntries = await getCollection('lessons');
	const written = new Map(lessonEntries.map((entry) => [entry.id, entry]));
	const lessons: BankLesson[] = LESSON_SLUGS.map((slug, index) => {
		const entry = written.get(slug);
		return {
			slug,
			title: entry?.data.title ?? slugToTitle(slug),
			order: entry?.data.order ?? index + 1,
			url: entry ? `/learn/${slug}/` : null,
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
				url: `/simulator/${scenarioId}/${step ? `?step=${step.id}` : ''}`,
				title: scenario.title,
				...(step ? { stepTitle: step.title } : {}),
			},
		};
	};
	const questions: BankQuestion[] = (await getCollection('questions'))
		.map(({ data, rendered }) => {
			const { stemHtml, explanationHtml } = splitQuestionHtml(rendered?.html ?? '');
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
	return new Response(JSON.stringify(bank), {
		headers: { 'Content-Type': 'application/json; charset=utf-8' },
	});
};
