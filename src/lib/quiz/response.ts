/** How a learner's response changes with each input, per question type. Pure. */
import { matchesOf } from './grade';
import type { BankQuestion, QuestionType, Response } from './types';

/** One change to a response: pick or unpick an option (a step, for ordering), or match an item. */
export type ResponseChange =
	| { kind: 'pick'; optionId: string }
	| { kind: 'match'; optionId: string; targetId: string | null }
	| { kind: 'clear' };

/**
 * The response after one change. Pure.
 * - single: the option picked replaces any other.
 * - multi: toggles the option (kept in option-id order).
 * - ordering: a step not yet placed goes next; a placed step is taken out (later ones move up).
 * - matching: sets (or with `targetId: null`, removes) the item's target.
 */
export function updateResponse(
	type: QuestionType,
	current: Response,
	change: ResponseChange
): Response {
	if (change.kind === 'clear') return [];
	if (change.kind === 'match') {
		const matches = matchesOf(current);
		if (change.targetId) matches.set(change.optionId, change.targetId);
		else matches.delete(change.optionId);
		return [...matches.entries()]
			.sort((a, b) => a[0].localeCompare(b[0]))
			.map(([option, target]) => `${option}=${target}`);
	}
	const has = current.includes(change.optionId);
	if (type === 'single') return [change.optionId];
	if (type === 'ordering')
		return has ? current.filter((id) => id !== change.optionId) : [...current, change.optionId];
	if (type === 'multi')
		return has
			? current.filter((id) => id !== change.optionId)
			: [...current, change.optionId].sort();
	return current;
}

/** True when the response answers the whole question (something picked, every step placed, every item matched). Pure. */
export function isComplete(
	question: Pick<BankQuestion, 'type' | 'options'>,
	response: Response
): boolean {
	if (question.type === 'ordering') return response.length === question.options.length;
	if (question.type === 'matching') return matchesOf(response).size === question.options.length;
	return response.length > 0;
}
