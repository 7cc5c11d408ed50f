/** Sentences the practice session announces about an answer. */
import { lettersFor, presentation, type BankQuestion } from '../../lib/quiz';

/** What the learner must still do before submitting. */
export function incompleteMessage(question: BankQuestion): string {
	if (question.type === 'ordering') return 'Place every step first.';
	if (question.type === 'matching') return 'Match every item first.';
	return 'Choose an answer first.';
}

/** The right answer in the letters the learner saw, for the screen-reader announcement. */
export function rightAnswerSentence(
	question: BankQuestion,
	seed: number,
	grade: { missed: string[]; rightPicks: string[] }
): string {
	if (question.type === 'ordering' || question.type === 'matching')
		return 'The right answer and the reason for each step are shown below.';
	const view = presentation(question, seed);
	return `The right answer is ${lettersFor(question.answer, view)}${grade.missed.length && grade.rightPicks.length ? '; a partly right answer counts as wrong' : ''}.`;
}
