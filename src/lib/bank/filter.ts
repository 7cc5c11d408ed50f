/** Choosing part of the bank, shared by the CLI export, the in-browser export and the bank browser. Pure. */
import type { BankFilter, BankQuestion } from './types';

/** Keeps the questions that match every criterion given (an empty filter keeps all). Pure. */
export function filterQuestions<Question extends Pick<BankQuestion, 'lesson' | 'topics' | 'type' | 'difficulty' | 'exams'>>(
	questions: readonly Question[],
	filter: BankFilter
): Question[] {
	return questions.filter(
		(question) =>
			(!filter.lesson || question.lesson === filter.lesson) &&
			(!filter.topic || (question.topics as readonly string[]).includes(filter.topic)) &&
			(!filter.type || question.type === filter.type) &&
			(!filter.difficulty || question.difficulty === filter.difficulty) &&
			(!filter.exam || (question.exams as readonly string[]).includes(filter.exam))
	);
}
