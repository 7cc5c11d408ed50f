/** Grading of exam-style answers: all-or-nothing, as on the AWS exams; the picks are kept. */
import type { BankQuestion, GradeResult } from './types';

/**
 * Grades the options picked for a question. Pure.
 * A multiple-response answer is right only when exactly the right options are picked.
 * @example gradeAnswer(question, ['b', 'd']).correct
 */
export function gradeAnswer(
	question: Pick<BankQuestion, 'options' | 'answer'>,
	picked: readonly string[]
): GradeResult {
	const chosen = new Set(picked);
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

/** Options whose explanation is shown after the reveal: every wrong pick and every right option. Pure. */
export function optionsToExplain(
	question: Pick<BankQuestion, 'options' | 'answer'>,
	grade: GradeResult
): string[] {
	const show = new Set([...grade.wrongPicks, ...question.answer]);
	return question.options.map((option) => option.id).filter((id) => show.has(id));
}

/** Letters of the right options as the learner reads them, such as "B and D". Pure. */
export function answerLetters(ids: readonly string[]): string {
	const letters = ids.map((id) => id.toUpperCase());
	if (letters.length <= 1) return letters.join('');
	return `${letters.slice(0, -1).join(', ')} and ${letters.at(-1)}`;
}
