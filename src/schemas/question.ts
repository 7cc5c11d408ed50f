import { z } from 'astro/zod';
import { awsDocUrlSchema, slugSchema } from './shared';
import { DOMAIN_IDS, EXAMS, LESSON_SLUGS, OPTION_IDS, TOPICS } from './vocabulary';

/** One answer option of a question. */
export const questionOptionSchema = z
	.object({
		/** Option letter, `a` to `f`, in display order. */
		id: z.enum(OPTION_IDS),
		/** The option as the learner reads it (inline Markdown). */
		text: z.string().trim().min(1),
		/** One to three sentences saying why the option is right or wrong; starts with "Right:" or "Wrong:". */
		explanation: z.string().trim().min(10),
	})
	.strict();

/** Marks one of the five questions that came with the seed study notes. */
export const fromNotesSchema = z
	.object({
		/** Position of the question in the notes' "Questions" section (1–5). */
		number: z.number().int().min(1).max(5),
		/** The answer the notes gave. */
		originalAnswer: z.string().min(1),
		/** Whether the bank's answer differs from the notes' (the explanation then says why). */
		corrected: z.boolean(),
	})
	.strict();

/**
 * Frontmatter of a question file `content/questions/<lesson>/<short-id>.md`.
 * The Markdown body holds the stem, then a `## Explanation` section.
 */
export const questionSchema = z
	.object({
		/** Stable id `<lesson-slug>/<short-id>`, equal to the file path; never reused once published. */
		id: z
			.string()
			.regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, 'must look like "<lesson-slug>/<short-id>" in kebab-case'),
		/** Slug of the lesson this question practises. */
		lesson: z.enum(LESSON_SLUGS),
		/** One to four topics from the controlled vocabulary (src/schemas/vocabulary.ts). */
		topics: z.array(z.enum(TOPICS)).min(1).max(4),
		/** `single`: one right answer of four options; `multi`: two or three right answers of five or six. */
		type: z.enum(['single', 'multi']),
		/** 1 = recall, 2 = apply, 3 = analyse or compare. */
		difficulty: z.number().int().min(1).max(3),
		/** Exams the question suits. */
		exams: z.array(z.enum(EXAMS)).min(1),
		/**
		 * Exam-guide domains the question tests, `<exam>/<number>` (src/schemas/vocabulary.ts `EXAM_DOMAINS`);
		 * the mock exam weights its draw by them. Each domain's exam must be listed in `exams`, and each
		 * exam in `exams` needs at least one of its domains.
		 */
		domains: z.array(z.enum(DOMAIN_IDS)).min(1),
		/** The options, lettered a, b, c… in order. */
		options: z.array(questionOptionSchema).min(4).max(6),
		/** Ids of the right options. */
		answer: z.array(z.string()).min(1),
		/** Optional simulator scenario that lets the learner try the situation. */
		scenario: slugSchema.optional(),
		/** AWS documentation pages that back the answer (at least one). */
		sources: z.array(awsDocUrlSchema).min(1),
		/** Set only on the five questions taken from the seed notes. */
		fromNotes: fromNotesSchema.optional(),
	})
	.strict()
	.superRefine((question, ctx) => {
		const ids = question.options.map((option) => option.id);
		const range = `${ids[0] ?? 'a'}–${ids.at(-1) ?? 'd'}`;

		question.options.forEach((option, index) => {
			const expected = OPTION_IDS[index];
			if (option.id !== expected) {
				ctx.addIssue({
					code: 'custom',
					path: ['options', index, 'id'],
					message: `must be "${expected}" (options are lettered in order), found "${option.id}"`,
				});
			}
			const firstIndex = question.options.findIndex(
				(other) => normalise(other.text) === normalise(option.text)
			);
			if (firstIndex !== index) {
				ctx.addIssue({
					code: 'custom',
					path: ['options', index, 'text'],
					message: `must differ from every other option, found the same text as options[${firstIndex}]`,
				});
			}
		});

		question.answer.forEach((answerId, index) => {
			if (!ids.includes(answerId as (typeof ids)[number])) {
				ctx.addIssue({
					code: 'custom',
					path: ['answer', index],
					message: `must be an option id (${range}), found "${answerId}"`,
				});
			} else if (question.answer.indexOf(answerId) !== index) {
				ctx.addIssue({
					code: 'custom',
					path: ['answer', index],
					message: `must not repeat an option, found "${answerId}" twice`,
				});
			}
		});

		if (question.type === 'single') {
			if (question.options.length !== 4) {
				ctx.addIssue({
					code: 'custom',
					path: ['options'],
					message: `must have exactly 4 options for a single-answer question (as on the AWS exam), found ${question.options.length}; use type "multi" for more`,
				});
			}
			if (question.answer.length !== 1) {
				ctx.addIssue({
					code: 'custom',
					path: ['answer'],
					message: `must have exactly one option id for type "single", found ${question.answer.length}; use type "multi" for more`,
				});
			}
		} else {
			if (question.options.length < 5) {
				ctx.addIssue({
					code: 'custom',
					path: ['options'],
					message: `must have at least 5 options for a multiple-response question (as on the AWS exam), found ${question.options.length}`,
				});
			}
			if (question.answer.length < 2 || question.answer.length >= question.options.length) {
				ctx.addIssue({
					code: 'custom',
					path: ['answer'],
					message: `must have between 2 and ${question.options.length - 1} option ids for type "multi", found ${question.answer.length}`,
				});
			}
		}

		question.options.forEach((option, index) => {
			const isAnswer = question.answer.includes(option.id);
			const verdict = /^(Right|Correct)\b/i.test(option.explanation)
				? 'right'
				: /^(Wrong|Incorrect)\b/i.test(option.explanation)
					? 'wrong'
					: undefined;
			if (!verdict) {
				ctx.addIssue({
					code: 'custom',
					path: ['options', index, 'explanation'],
					message: `must start with "Right:" or "Wrong:", found "${option.explanation.slice(0, 20)}…"`,
				});
			} else if ((verdict === 'right') !== isAnswer) {
				ctx.addIssue({
					code: 'custom',
					path: ['options', index, 'explanation'],
					message: `says "${verdict}" but option "${option.id}" is ${isAnswer ? '' : 'not '}in answer; make the explanation and the answer agree`,
				});
			}
		});

		question.domains.forEach((domain, index) => {
			const exam = domain.split('/')[0] as (typeof EXAMS)[number];
			if (!question.exams.includes(exam)) {
				ctx.addIssue({
					code: 'custom',
					path: ['domains', index],
					message: `names a domain of ${exam}, which is not in exams; add "${exam}" to exams or drop "${domain}"`,
				});
			}
		});
		for (const exam of question.exams) {
			if (!question.domains.some((domain) => domain.startsWith(`${exam}/`))) {
				ctx.addIssue({
					code: 'custom',
					path: ['domains'],
					message: `needs at least one ${exam} domain (for example "${exam}/1"), found none; add one or drop "${exam}" from exams`,
				});
			}
		}

		if (!question.id.startsWith(`${question.lesson}/`)) {
			ctx.addIssue({
				code: 'custom',
				path: ['id'],
				message: `must start with the lesson slug "${question.lesson}/", found "${question.id}"`,
			});
		}
	});

function normalise(text: string): string {
	return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

export type QuestionData = z.infer<typeof questionSchema>;
export type QuestionOptionData = z.infer<typeof questionOptionSchema>;
