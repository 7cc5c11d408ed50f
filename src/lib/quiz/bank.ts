/** Helpers that turn rendered question files into the `QuestionBank` shape. Pure; used at build time. */

const EXPLANATION_H2 = /<h2[^>]*>\s*Explanation\s*<\/h2>/i;

/**
 * Splits a question body's HTML into the stem and the `## Explanation` section (heading removed).
 * @example splitQuestionHtml('<p>Q?</p><h2 id="explanation">Explanation</h2><p>A.</p>')
 * // { stemHtml: '<p>Q?</p>', explanationHtml: '<p>A.</p>' }
 */
export function splitQuestionHtml(html: string): { stemHtml: string; explanationHtml: string } {
	const match = EXPLANATION_H2.exec(html);
	if (!match) return { stemHtml: html.trim(), explanationHtml: '' };
	return {
		stemHtml: html.slice(0, match.index).trim(),
		explanationHtml: html.slice(match.index + match[0].length).trim(),
	};
}

/** Text of a small HTML fragment: tags removed, common entities decoded, spaces collapsed. */
export function htmlToText(html: string): string {
	return html
		.replace(/<[^>]+>/g, '')
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&amp;/g, '&')
		.replace(/\s+/g, ' ')
		.trim();
}

/** "user-vs-identity-pools" → "User Vs Identity Pools" (stand-in title for a lesson not yet written). */
export function slugToTitle(slug: string): string {
	return slug
		.split('-')
		.map((word) => word.charAt(0).toUpperCase() + word.slice(1))
		.join(' ');
}

/**
 * Question ids in the order new questions are introduced: by lesson (course order), then rising
 * difficulty (recall before apply before analyse), then id. Pure.
 */
export function newQuestionOrder(
	questions: ReadonlyArray<{ id: string; lesson: string; difficulty: number }>,
	lessonOrder: readonly string[]
): string[] {
	const rank = new Map(lessonOrder.map((slug, index) => [slug, index]));
	return [...questions]
		.sort(
			(a, b) =>
				(rank.get(a.lesson) ?? lessonOrder.length) - (rank.get(b.lesson) ?? lessonOrder.length) ||
				a.difficulty - b.difficulty ||
				a.id.localeCompare(b.id)
		)
		.map((question) => question.id);
}
