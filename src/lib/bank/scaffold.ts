/**
 * A new question with every field filled in so the file already passes the check; the author then
 * replaces the placeholder text. Used by `npm run question:new` and the in-browser editor. Pure.
 */
import { EXAMS, OPTION_IDS } from '../../schemas/vocabulary';
import type { BankQuestion } from './types';

/** What the author chose up front; everything else gets a placeholder. */
export interface ScaffoldOptions {
	lesson: string;
	/** Short id (`my-question`) or full id (`tokens/my-question`). */
	id: string;
	type?: 'single' | 'multi';
	difficulty?: number;
	topics?: string[];
	exams?: string[];
	/** Exam-guide domains (`DVA-C02/2`); defaults to the domain most Cognito questions test in each exam. */
	domains?: string[];
	/** Number of options (single: 4; multi: 5 or 6). */
	optionCount?: number;
	/** Right option ids; defaults to `a` (single) or `a, b` (multi). */
	answer?: string[];
	sources?: string[];
	stem?: string;
	explanation?: string;
	/** Option texts in order (missing ones get placeholders). */
	optionTexts?: string[];
}

const CHOOSE = ['', 'one', 'two', 'three', 'four'];

/** The domain most Cognito questions belong to in each exam guide: Security, Secure architectures, IAM. */
export const DEFAULT_DOMAINS: Record<(typeof EXAMS)[number], string> = {
	'DVA-C02': 'DVA-C02/2',
	'SAA-C03': 'SAA-C03/1',
	'SCS-C02': 'SCS-C02/4',
};

/** A multi stem gets "(Choose two.)"/"(Choose three.)" appended when it does not say how many to choose. Pure. */
export function withChoosePhrase(stem: string, type: string, answers: number): string {
	const trimmed = stem.trim();
	if (type !== 'multi' || /\(Choose \w+\.?\)/i.test(trimmed) || !CHOOSE[answers]) return trimmed;
	return `${trimmed} (Choose ${CHOOSE[answers]}.)`;
}

/** `tokens` + `my-question` → `tokens/my-question`; a full id is kept. */
export function fullId(lesson: string, id: string): string {
	return id.includes('/') ? id : `${lesson}/${id}`;
}

/**
 * Builds a question that passes the schema, with "TODO" placeholders where the author must write. Pure.
 * @example scaffoldQuestion({ lesson: 'tokens', id: 'aud-claim', type: 'multi' })
 */
export function scaffoldQuestion(options: ScaffoldOptions): BankQuestion {
	const type = options.type ?? 'single';
	const optionCount = options.optionCount ?? (type === 'single' ? 4 : 5);
	const answer = options.answer ?? (type === 'single' ? ['a'] : ['a', 'b']);
	const exams = (options.exams?.length ? options.exams : ['DVA-C02']) as BankQuestion['exams'];
	const stemDefault =
		type === 'multi'
			? `TODO: describe the scenario (app, constraint) and ask the question. (Choose ${CHOOSE[answer.length] ?? 'two'}.)`
			: 'TODO: describe the scenario (app, constraint) and ask the question.';
	return {
		id: fullId(options.lesson, options.id),
		lesson: options.lesson as BankQuestion['lesson'],
		topics: (options.topics?.length
			? options.topics
			: [
					options.lesson === 'cognito-overview' ? 'overview' : 'user-pools',
				]) as BankQuestion['topics'],
		type,
		difficulty: options.difficulty ?? 2,
		exams,
		domains: (options.domains?.length
			? options.domains
			: exams.map((exam) => DEFAULT_DOMAINS[exam] ?? `${exam}/1`)) as BankQuestion['domains'],
		options: OPTION_IDS.slice(0, optionCount).map((id, index) => {
			const right = answer.includes(id);
			return {
				id,
				text: options.optionTexts?.[index] || `TODO: option ${id.toUpperCase()}`,
				explanation: `${right ? 'Right' : 'Wrong'}: TODO: say why option ${id.toUpperCase()} is ${right ? 'right' : 'wrong'}.`,
			};
		}),
		answer: answer as BankQuestion['answer'],
		sources: options.sources?.length
			? options.sources
			: ['https://docs.aws.amazon.com/cognito/latest/developerguide/what-is-amazon-cognito.html'],
		stem: options.stem ? withChoosePhrase(options.stem, type, answer.length) : stemDefault,
		explanation:
			options.explanation ||
			'TODO: the principle that decides the question, and a pointer to the lesson section.',
	};
}
