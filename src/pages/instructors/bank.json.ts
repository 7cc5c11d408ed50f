/**
 * `/instructors/bank.json`: the whole bank as authored (frontmatter fields plus the Markdown stem and
 * explanation), for the in-browser export to GIFT, Anki and CSV. Students' pages use /data/questions.json.
 */
import type { APIRoute } from 'astro';
import { getCollection } from 'astro:content';
import type { BankQuestion } from '../../lib/bank';
import { splitQuestionBody } from '../../schemas/check-content';
import { LESSON_SLUGS } from '../../schemas/vocabulary';

export const GET: APIRoute = async () => {
	const rank = new Map<string, number>(LESSON_SLUGS.map((slug, index) => [slug, index]));
	const questions: BankQuestion[] = (await getCollection('questions'))
		.sort(
			(a, b) =>
				rank.get(a.data.lesson)! - rank.get(b.data.lesson)! || a.data.id.localeCompare(b.data.id)
		)
		.map(({ data, body }) => ({ ...data, ...splitQuestionBody(body ?? '') }));
	return new Response(JSON.stringify({ version: 1, questions }), {
		headers: { 'Content-Type': 'application/json' },
	});
};
