import { z } from 'astro/zod';
import { awsDocUrlSchema, slugSchema } from './shared';

export { parseMatchPair } from './vocabulary';
import {
	DOMAIN_IDS,
	EXAMS,
	LESSON_SLUGS,
	OPTION_IDS,
	QUESTION_TYPES,
	TARGET_IDS,
	TOPICS,
	parseMatchPair,
} from './vocabulary';

/** One answer option of a question (for ordering: a step; for matching: an item of the left column). */
export const questionOptionSchema = z
	.object({
		/** Option letter, `a` to `f`, in authored order. */
		id: z.enum(OPTION_IDS),
		/** The option as the learner reads it (inline Markdown). */
		text: z.string().trim().min(1),
		/**
		 * One to three sentences. Single and multi: why the option is right or wrong, starting with
		 * "Right:" or "Wrong:". Ordering: why the step comes where it does. Matching: why the item
		 * matches its target. Ordering and matching explanations take no "Right:"/"Wrong:" prefix.
		 */
		explanation: z.string().trim().min(10),
		/**
		 * Single and multi only: keep this option at its authored position when the options are
		 * shuffled for the learner (for an option that must stay last by meaning, such as "Both A and C").
		 */
		pinned: z.boolean().optional(),
	})
	.strict();

/** One target of a matching question (the right-hand column). */
export const questionTargetSchema = z
	.object({
		/** Target id, `t1` to `t8`, in authored order. */
		id: z.enum(TARGET_IDS),
		/** The target as the learner reads it (inline Markdown). */
		text: z.string().trim().min(1),
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
		/**
		 * `single`: one right answer of four options; `multi`: two or three right answers of five or six;
		 * `ordering`: 3–6 steps to put in order; `matching`: 3–6 items to match to 3–8 targets.
		 */
		type: z.enum(QUESTION_TYPES),
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
		/** The options (steps, or items to match), lettered a, b, c… in authored order. */
		options: z.array(questionOptionSchema).min(1).max(6),
		/** Matching only: what the items match to, `t1`… in authored order; may include unused distractors. */
		targets: z.array(questionTargetSchema).min(3).max(8).optional(),
		/**
		 * Single and multi: ids of the right options. Ordering: every option id once, in the right order.
		 * Matching: one `<option>=<target>` pair per option, such as `a=t1` (a target may be used twice).
		 */
		answer: z.array(z.string()).min(1),
		/** Optional simulator scenario that lets the learner try the situation ("See it happen"). */
		scenario: slugSchema.optional(),
		/** The step of `scenario` that shows the answer; "See it happen" opens the scenario there. */
		scenarioStep: z
			.string()
			.regex(/^[a-z][A-Za-z0-9]*$/, 'must be a step id (camelCase) of the scenario, such as signIn')
			.optional(),
		/** AWS documentation pages that back the answer (at least one). */
		sources: z.array(awsDocUrlSchema).min(1),
		/** Set only on the five questions taken from the seed notes. */
		fromNotes: fromNotesSchema.optional(),
	})
	.strict()
	.superRefine((question, ctx) => {
		const issue = (path: Array<string | number>, message: string) =>
			ctx.addIssue({ code: 'custom', path, message });
		if (question.scenarioStep && !question.scenario)
			issue(
				['scenarioStep'],
				`must come with "scenario" (the scenario the step belongs to), found scenarioStep "${question.scenarioStep}" alone`
			);
		const ids = question.options.map((option) => option.id);
		const range = `${ids[0] ?? 'a'}–${ids.at(-1) ?? 'd'}`;
		const choice = question.type === 'single' || question.type === 'multi';

		question.options.forEach((option, index) => {
			const expected = OPTION_IDS[index];
			if (option.id !== expected) {
				issue(
					['options', index, 'id'],
					`must be "${expected}" (options are lettered in order), found "${option.id}"`
				);
			}
			const firstIndex = question.options.findIndex(
				(other) => normalise(other.text) === normalise(option.text)
			);
			if (firstIndex !== index) {
				issue(
					['options', index, 'text'],
					`must differ from every other option, found the same text as options[${firstIndex}]`
				);
			}
			if (option.pinned !== undefined && !choice) {
				issue(
					['options', index, 'pinned'],
					`must not be set for type "${question.type}" (its ${question.type === 'ordering' ? 'steps' : 'items'} are always shuffled), found ${option.pinned}; remove it`
				);
			}
		});

		if (question.targets && question.type !== 'matching') {
			issue(
				['targets'],
				`must only be set for type "matching", found ${question.targets.length} targets on a "${question.type}" question; remove them`
			);
		}

		if (!choice && question.options.length < 3) {
			issue(
				['options'],
				`must have 3 to 6 ${question.type === 'ordering' ? 'steps' : 'items'} for type "${question.type}", found ${question.options.length}`
			);
		}
		if (choice) checkChoice(question, range, issue);
		else if (question.type === 'ordering') checkOrdering(question, range, issue);
		else checkMatching(question, range, issue);

		question.domains.forEach((domain, index) => {
			const exam = domain.split('/')[0] as (typeof EXAMS)[number];
			if (!question.exams.includes(exam)) {
				issue(
					['domains', index],
					`names a domain of ${exam}, which is not in exams; add "${exam}" to exams or drop "${domain}"`
				);
			}
		});
		for (const exam of question.exams) {
			if (!question.domains.some((domain) => domain.startsWith(`${exam}/`))) {
				issue(
					['domains'],
					`needs at least one ${exam} domain (for example "${exam}/1"), found none; add one or drop "${exam}" from exams`
				);
			}
		}

		if (!question.id.startsWith(`${question.lesson}/`)) {
			issue(
				['id'],
				`must start with the lesson slug "${question.lesson}/", found "${question.id}"`
			);
		}
	});

type Issue = (path: Array<string | number>, message: string) => void;
type Parsed = {
	type: (typeof QUESTION_TYPES)[number];
	options: Array<{ id: string; text: string; explanation: string }>;
	targets?: Array<{ id: string; text: string }>;
	answer: string[];
};

/** "Right:"/"Wrong:" at the start of an explanation, if any. */
function verdictOf(explanation: string): 'right' | 'wrong' | undefined {
	return /^(Right|Correct)\b/i.test(explanation)
		? 'right'
		: /^(Wrong|Incorrect)\b/i.test(explanation)
			? 'wrong'
			: undefined;
}

function checkChoice(question: Parsed, range: string, issue: Issue): void {
	const ids = question.options.map((option) => option.id);
	question.answer.forEach((answerId, index) => {
		if (!ids.includes(answerId)) {
			issue(['answer', index], `must be an option id (${range}), found "${answerId}"`);
		} else if (question.answer.indexOf(answerId) !== index) {
			issue(['answer', index], `must not repeat an option, found "${answerId}" twice`);
		}
	});

	if (question.type === 'single') {
		if (question.options.length !== 4) {
			issue(
				['options'],
				`must have exactly 4 options for a single-answer question (as on the AWS exam), found ${question.options.length}; use type "multi" for more`
			);
		}
		if (question.answer.length !== 1) {
			issue(
				['answer'],
				`must have exactly one option id for type "single", found ${question.answer.length}; use type "multi" for more`
			);
		}
	} else {
		if (question.options.length < 5) {
			issue(
				['options'],
				`must have at least 5 options for a multiple-response question (as on the AWS exam), found ${question.options.length}`
			);
		}
		if (question.answer.length < 2 || question.answer.length >= question.options.length) {
			issue(
				['answer'],
				`must have between 2 and ${question.options.length - 1} option ids for type "multi", found ${question.answer.length}`
			);
		}
	}

	question.options.forEach((option, index) => {
		const isAnswer = question.answer.includes(option.id);
		const verdict = verdictOf(option.explanation);
		if (!verdict) {
			issue(
				['options', index, 'explanation'],
				`must start with "Right:" or "Wrong:", found "${option.explanation.slice(0, 20)}…"`
			);
		} else if ((verdict === 'right') !== isAnswer) {
			issue(
				['options', index, 'explanation'],
				`says "${verdict}" but option "${option.id}" is ${isAnswer ? '' : 'not '}in answer; make the explanation and the answer agree`
			);
		}
	});
}

/** Ordering and matching explanations say why, with no verdict: every option is part of the answer. */
function checkNoVerdict(question: Parsed, issue: Issue): void {
	question.options.forEach((option, index) => {
		const verdict = verdictOf(option.explanation);
		if (verdict) {
			issue(
				['options', index, 'explanation'],
				`must not start with "${option.explanation.split(/[:\s]/)[0]}" for type "${question.type}" (every option is part of the answer), found "${option.explanation.slice(0, 20)}…"; say why it ${question.type === 'ordering' ? 'comes where it does' : 'matches its target'}`
			);
		}
	});
}

function checkOrdering(question: Parsed, range: string, issue: Issue): void {
	const ids = question.options.map((option) => option.id);
	question.answer.forEach((answerId, index) => {
		if (!ids.includes(answerId)) {
			issue(['answer', index], `must be an option id (${range}), found "${answerId}"`);
		} else if (question.answer.indexOf(answerId) !== index) {
			issue(
				['answer', index],
				`must list each step once, found "${answerId}" twice; the answer is every option id in the right order`
			);
		}
	});
	const missing = ids.filter((id) => !question.answer.includes(id));
	if (missing.length > 0) {
		issue(
			['answer'],
			`must list every option id once in the right order, found ${missing.map((id) => `"${id}"`).join(', ')} missing`
		);
	}
	checkNoVerdict(question, issue);
}

function checkMatching(question: Parsed, range: string, issue: Issue): void {
	const ids = question.options.map((option) => option.id);
	const targets = question.targets;
	if (!targets) {
		issue(
			['targets'],
			'must list what the items match to for type "matching" (3 to 8 targets t1, t2, …), found nothing (the field is missing)'
		);
		return;
	}
	targets.forEach((target, index) => {
		const expected = TARGET_IDS[index];
		if (target.id !== expected) {
			issue(
				['targets', index, 'id'],
				`must be "${expected}" (targets are numbered in order), found "${target.id}"`
			);
		}
		const firstIndex = targets.findIndex(
			(other) => normalise(other.text) === normalise(target.text)
		);
		if (firstIndex !== index) {
			issue(
				['targets', index, 'text'],
				`must differ from every other target, found the same text as targets[${firstIndex}]`
			);
		}
	});
	const targetIds = targets.map((target) => target.id);
	const targetRange = `${targetIds[0] ?? 't1'}–${targetIds.at(-1) ?? 't3'}`;
	const matched = new Map<string, number>();
	question.answer.forEach((text, index) => {
		const pair = parseMatchPair(text);
		if (!pair) {
			issue(['answer', index], `must pair an option with a target like "a=t1", found "${text}"`);
			return;
		}
		if (!ids.includes(pair.option)) {
			issue(['answer', index], `must start with an option id (${range}), found "${pair.option}"`);
		} else if (matched.has(pair.option)) {
			issue(
				['answer', index],
				`must match each option once, found "${pair.option}" also in answer[${matched.get(pair.option)}]`
			);
		} else matched.set(pair.option, index);
		if (!targetIds.includes(pair.target)) {
			issue(
				['answer', index],
				`must end with a target id (${targetRange}), found "${pair.target}"`
			);
		}
	});
	const missing = ids.filter((id) => !matched.has(id));
	if (missing.length > 0) {
		issue(
			['answer'],
			`must match every option to a target, found no pair for ${missing.map((id) => `"${id}"`).join(', ')}`
		);
	}
	checkNoVerdict(question, issue);
}

function normalise(text: string): string {
	return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

export type QuestionData = z.infer<typeof questionSchema>;
export type QuestionOptionData = z.infer<typeof questionOptionSchema>;
export type QuestionTargetData = z.infer<typeof questionTargetSchema>;
