/**
 * The question bank as the pages use it: `/data/questions.json` (built from `content/questions` and
 * `content/lessons` by src/pages/data/questions.json.ts) ships it packed, and `unpackQuestionBank`
 * (src/lib/quiz/bank.ts) restores this shape. The Practice engine and the bank browser read it.
 *
 * N.B. HTML fields are rendered at build time from the authors' Markdown and are trusted.
 */

/** Version of the `/data/questions.json` shape; bumped on any breaking change. */
export const QUESTION_BANK_VERSION = 1;

/** The whole bank (shipped packed as `QuestionBankFile` at `/data/questions.json`). */
export interface QuestionBank {
	version: typeof QUESTION_BANK_VERSION;
	/** Lessons in course order (from `content/lessons`, or the slug list when a lesson is not written yet). */
	lessons: BankLesson[];
	/** Questions in course order: by lesson order, then by id. */
	questions: BankQuestion[];
}

/** A lesson the questions belong to. */
export interface BankLesson {
	/** Lesson slug (`content/lessons/<slug>.mdx`). */
	slug: string;
	/** Lesson title (the slug, title-cased, when the lesson file does not exist yet). */
	title: string;
	/** Position in the course, 1 = first. */
	order: number;
	/** URL of the lesson page, or null when the lesson is not written yet. */
	url: string | null;
}

/** One answer option (for ordering: a step; for matching: an item of the left column). */
export interface BankOption {
	/** Option id `a`–`f`, in authored order (the learner sees them shuffled). */
	id: string;
	/** Option text rendered from inline Markdown (no wrapping `<p>`). */
	html: string;
	/** Plain text of the option (Markdown removed), for statistics and accessible summaries. */
	text: string;
	/** Why this option is right or wrong, rendered from inline Markdown. */
	explanationHtml: string;
	/** True for the right options (every option of an ordering or matching question is part of the answer). */
	correct: boolean;
	/** Keeps its authored position when the options are shuffled (single and multi only). */
	pinned?: boolean;
}

/** A target of a matching question (the right-hand column). */
export interface BankTarget {
	/** Target id `t1`–`t8`, in authored order. */
	id: string;
	/** Target text rendered from inline Markdown. */
	html: string;
	/** Plain text of the target. */
	text: string;
}

/** Question types; all are graded all-or-nothing. */
export type QuestionType = 'single' | 'multi' | 'ordering' | 'matching';

/** One exam-style question. */
export interface BankQuestion {
	/** Stable id `<lesson-slug>/<short-id>`; the spaced-repetition card id. */
	id: string;
	/** Lesson slug. */
	lesson: string;
	/** Topics from the controlled vocabulary. */
	topics: string[];
	/**
	 * `single` (radio buttons, one answer), `multi` (check boxes, two or more answers), `ordering`
	 * (put the steps in order) or `matching` (match each item to a target).
	 */
	type: QuestionType;
	/** 1 = recall, 2 = apply, 3 = analyse or compare. */
	difficulty: 1 | 2 | 3;
	/** Exams the question suits, such as `DVA-C02`. */
	exams: string[];
	/** Exam-guide domains, `<exam>/<number>`, when the question file names them. */
	domains?: string[];
	/** The stem (the question itself) as HTML. */
	stemHtml: string;
	/** The general explanation (the body's `## Explanation` section, without the heading) as HTML. */
	explanationHtml: string;
	options: BankOption[];
	/** Matching only: the targets, in authored order. */
	targets?: BankTarget[];
	/**
	 * Single and multi: ids of the right options. Ordering: every option id in the right order.
	 * Matching: `<option>=<target>` pairs, one per option.
	 */
	answer: string[];
	/** AWS documentation URLs that back the answer. */
	sources: string[];
	/** "See it happen": the simulator scenario (and step) that shows the answer, when the question links one. */
	seeItHappen?: SeeItHappen;
}

/** A link from a question to the scenario step that shows its answer happening. */
export interface SeeItHappen {
	/** `/simulator/<scenario>/?step=<step id>` (or without `step`). */
	url: string;
	/** The scenario's title. */
	title: string;
	/** The step's title, when the link names a step. */
	stepTitle?: string;
}

/**
 * A learner's response, by option id (never by the letter on screen): the options picked (single,
 * multi), the steps in the learner's order (ordering), or `<option>=<target>` pairs (matching).
 */
export type Response = string[];

/** The grading of one answer. */
export interface GradeResult {
	/** All-or-nothing: every right option picked and no wrong one; every step in place; every pair right. */
	correct: boolean;
	/** The response as given: option ids picked in option order, the learner's order, or the pairs. */
	picked: string[];
	/** Right options picked; steps in the right place; items matched right. */
	rightPicks: string[];
	/** Wrong options picked (the distractors chosen); steps out of place; items matched wrong. */
	wrongPicks: string[];
	/** Right options not picked; items left unmatched (none for ordering). */
	missed: string[];
}
