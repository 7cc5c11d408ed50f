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

/** One answer option. */
export interface BankOption {
	/** Option letter `a`–`f`, in display order. */
	id: string;
	/** Option text rendered from inline Markdown (no wrapping `<p>`). */
	html: string;
	/** Plain text of the option (Markdown removed), for statistics and accessible summaries. */
	text: string;
	/** Why this option is right or wrong, rendered from inline Markdown. */
	explanationHtml: string;
	/** True for the right options. */
	correct: boolean;
}

/** One exam-style question. */
export interface BankQuestion {
	/** Stable id `<lesson-slug>/<short-id>`; the spaced-repetition card id. */
	id: string;
	/** Lesson slug. */
	lesson: string;
	/** Topics from the controlled vocabulary. */
	topics: string[];
	/** `single` (radio buttons, one answer) or `multi` (check boxes, two or more answers). */
	type: 'single' | 'multi';
	/** 1 = recall, 2 = apply, 3 = analyse or compare. */
	difficulty: 1 | 2 | 3;
	/** Exams the question suits, such as `DVA-C02`. */
	exams: string[];
	/** The stem (the question itself) as HTML. */
	stemHtml: string;
	/** The general explanation (the body's `## Explanation` section, without the heading) as HTML. */
	explanationHtml: string;
	options: BankOption[];
	/** Ids of the right options. */
	answer: string[];
	/** AWS documentation URLs that back the answer. */
	sources: string[];
}

/** The grading of one answer. */
export interface GradeResult {
	/** All-or-nothing: every right option picked and no wrong one. */
	correct: boolean;
	/** Option ids picked, in option order. */
	picked: string[];
	/** Right options that were picked. */
	rightPicks: string[];
	/** Wrong options that were picked (the distractors chosen). */
	wrongPicks: string[];
	/** Right options that were not picked. */
	missed: string[];
}
