/** Choosing part of the bank, shared by the CLI export, the in-browser export and the bank browser. Pure. */
import type { BankFilter } from './types';

/** The fields a filter looks at. */
export interface FilterableQuestion {
	lesson: string;
	topics: readonly string[];
	type: string;
	difficulty: number;
	exams: readonly string[];
}

/** Keeps the questions that match every criterion given (an empty filter keeps all). Pure. */
export function filterQuestions<Question extends FilterableQuestion>(
	questions: readonly Question[],
	filter: BankFilter
): Question[] {
	return questions.filter(
		(question) =>
			(!filter.lesson || question.lesson === filter.lesson) &&
			(!filter.topic || question.topics.includes(filter.topic)) &&
			(!filter.type || question.type === filter.type) &&
			(!filter.difficulty || question.difficulty === filter.difficulty) &&
			(!filter.exam || question.exams.includes(filter.exam))
	);
}
