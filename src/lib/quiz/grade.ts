/** Grading of exam-style answers: all-or-nothing, as on the AWS exams; the response is kept. */
import { parseMatchPair } from '../../schemas/vocabulary';
import type { BankQuestion, GradeResult, QuestionType, Response } from './types';

type Gradable = Pick<BankQuestion, 'options' | 'answer'> & { type?: QuestionType };

/**
 * Grades a response to a question. Pure.
 * - single/multi: right only when exactly the right options are picked.
 * - ordering: right only when every step is in its place.
 * - matching: right only when every item is matched to its target.
 * @example gradeAnswer(question, ['b', 'd']).correct
 */
export function gradeAnswer(question: Gradable, response: Response): GradeResult {
	if (question.type === 'ordering') return gradeOrdering(question, response);
	if (question.type === 'matching') return gradeMatching(question, response);
	const chosen = new Set(response);
	const order = question.options.map((option) => option.id).filter((id) => chosen.has(id));
	const right = new Set(question.answer);
	const rightPicks = order.filter((id) => right.has(id));
	const wrongPicks = order.filter((id) => !right.has(id));
	const missed = question.answer.filter((id) => !chosen.has(id));
	return {
		correct: wrongPicks.length === 0 && missed.length === 0,
		picked: order,
		rightPicks,
		wrongPicks,
		missed,
	};
}

function gradeOrdering(question: Gradable, response: Response): GradeResult {
	const picked = response.filter((id, index) => response.indexOf(id) === index);
	const rightPicks = question.answer.filter((id, index) => picked[index] === id);
	const wrongPicks = question.answer.filter((id, index) => picked[index] !== id);
	return {
		correct: wrongPicks.length === 0 && picked.length === question.answer.length,
		picked,
		rightPicks,
		wrongPicks,
		missed: [],
	};
}

/** The target each option is matched to in a list of `a=t1` pairs (the first pair per option wins). */
export function matchesOf(pairs: readonly string[]): Map<string, string> {
	const matches = new Map<string, string>();
	for (const text of pairs) {
		const pair = parseMatchPair(text);
		if (pair && !matches.has(pair.option)) matches.set(pair.option, pair.target);
	}
	return matches;
}

function gradeMatching(question: Gradable, response: Response): GradeResult {
	const right = matchesOf(question.answer);
	const given = matchesOf(response);
	const ids = question.options.map((option) => option.id);
	const rightPicks = ids.filter((id) => given.has(id) && given.get(id) === right.get(id));
	const wrongPicks = ids.filter((id) => given.has(id) && given.get(id) !== right.get(id));
	const missed = ids.filter((id) => !given.has(id));
	return {
		correct: wrongPicks.length === 0 && missed.length === 0,
		picked: ids.filter((id) => given.has(id)).map((id) => `${id}=${given.get(id)}`),
		rightPicks,
		wrongPicks,
		missed,
	};
}

/** Options whose explanation is open after the reveal: every wrong pick and every right option. Pure. */
export function optionsToExplain(
	question: Pick<BankQuestion, 'options' | 'answer'> & { type?: QuestionType },
	grade: GradeResult
): string[] {
	if (question.type === 'ordering' || question.type === 'matching')
		return question.options.map((option) => option.id);
	const show = new Set([...grade.wrongPicks, ...question.answer]);
	return question.options.map((option) => option.id).filter((id) => show.has(id));
}
