/**
 * Helpers that turn rendered question files into the `QuestionBank` shape (build time) and the shipped
 * file into it again (browser). Pure.
 */
import {
	QUESTION_BANK_VERSION,
	type BankLesson,
	type BankOption,
	type BankQuestion,
	type BankTarget,
	type QuestionBank,
} from './types';

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
 * Version of the `/data/questions.json` file shape (`QuestionBankFile`), checked when it is read, so a
 * page from an older build that fetches a newer file says so instead of misreading it.
 */
export const QUESTION_BANK_FILE_VERSION = 2;

/** An option as shipped: without the fields that `unpackQuestionBank` derives (plain text, right or wrong). */
export type PackedOption = Omit<BankOption, 'text' | 'correct'>;

/** A matching target as shipped: without its plain text. */
export type PackedTarget = Omit<BankTarget, 'text'>;

/** A question as shipped. */
export type PackedQuestion = Omit<BankQuestion, 'options' | 'targets'> & {
	options: PackedOption[];
	targets?: PackedTarget[];
};

/**
 * The file at `/data/questions.json`: the bank in its smallest form. Option plain text and the
 * `correct` flag are derived in the browser (they were ~19% of the file).
 */
export interface QuestionBankFile {
	version: typeof QUESTION_BANK_FILE_VERSION;
	lessons: BankLesson[];
	questions: PackedQuestion[];
}

/** `'` needs no escaping in text or in double-quoted attributes; marked writes it as `&#39;`. */
const tidy = (html: string) => html.replace(/&#39;/g, "'");

/** The bank as it is written to `/data/questions.json` (build time). */
export function packQuestionBank(bank: QuestionBank): QuestionBankFile {
	return {
		version: QUESTION_BANK_FILE_VERSION,
		lessons: bank.lessons,
		questions: bank.questions.map(({ options, targets, ...question }) => ({
			...question,
			options: options.map(
				({ text: _text, correct: _correct, html, explanationHtml, ...rest }) => ({
					...rest,
					html: tidy(html),
					explanationHtml: tidy(explanationHtml),
				})
			),
			...(targets ? { targets: targets.map(({ id, html }) => ({ id, html: tidy(html) })) } : {}),
		})),
	};
}

/** The bank as the pages use it, from the shipped file. Throws on a file of another version. */
export function unpackQuestionBank(file: QuestionBankFile): QuestionBank {
	if (file?.version !== QUESTION_BANK_FILE_VERSION) {
		throw new Error(
			`the question bank file is version ${String(file?.version)}, this page reads version ${QUESTION_BANK_FILE_VERSION}; reload the page`
		);
	}
	return {
		version: QUESTION_BANK_VERSION,
		lessons: file.lessons,
		questions: file.questions.map(({ targets, ...question }) => ({
			...question,
			options: question.options.map((option) => ({
				...option,
				text: htmlToText(option.html),
				// Every step or item of an ordering or matching question is part of the answer.
				correct:
					question.type === 'ordering' ||
					question.type === 'matching' ||
					question.answer.includes(option.id),
			})),
			...(targets
				? { targets: targets.map((target) => ({ ...target, text: htmlToText(target.html) })) }
				: {}),
		})),
	};
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
