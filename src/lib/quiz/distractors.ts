/**
 * Distractor statistics: which wrong options the learner keeps choosing. Pure.
 * Matching questions count wrong pairs ("ID token → SECRET_HASH" where "ID token → Logins map" is
 * needed). Ordering questions are left out: a wrong order has no single wrong choice to name.
 */
import type { CardState } from '../srs/types';
import { matchesOf } from './grade';
import type { BankQuestion } from './types';

/** A wrong option chosen more than once, or the most chosen ones. */
export interface DistractorStat {
	questionId: string;
	lesson: string;
	optionId: string;
	/** Plain text of the wrong option. */
	optionText: string;
	/** Plain text of the right option(s). */
	rightTexts: string[];
	/** Times this wrong option was picked. */
	count: number;
	/** Times the question was answered. */
	answered: number;
}

/**
 * Counts every wrong option picked (undone answers are already gone from the card states) and
 * returns the most chosen first. Pure.
 * @param minCount leave out options chosen fewer times than this.
 */
export function distractorStats(
	questions: readonly BankQuestion[],
	cards: ReadonlyMap<string, CardState>,
	minCount = 1,
	limit = 10
): DistractorStat[] {
	const stats: DistractorStat[] = [];
	for (const question of questions) {
		const card = cards.get(question.id);
		if (!card || card.answers.length === 0) continue;
		if (question.type === 'ordering') continue;
		const counts = new Map<string, number>();
		for (const answer of card.answers) {
			const wrong =
				question.type === 'matching'
					? (answer.pairs ?? []).filter((pair) => !question.answer.includes(pair))
					: answer.picked.filter((id) => !question.answer.includes(id));
			for (const id of wrong) counts.set(id, (counts.get(id) ?? 0) + 1);
		}
		for (const [optionId, count] of counts) {
			if (count < minCount) continue;
			stats.push({
				questionId: question.id,
				lesson: question.lesson,
				optionId,
				...choiceTexts(question, optionId),
				count,
				answered: card.answers.length,
			});
		}
	}
	return stats
		.sort((a, b) => b.count - a.count || a.questionId.localeCompare(b.questionId))
		.slice(0, limit);
}

/** The wrong choice and the right one(s) in words: an option, or for matching a pair "item → target". */
function choiceTexts(
	question: BankQuestion,
	choice: string
): { optionText: string; rightTexts: string[] } {
	const text = (id: string) => question.options.find((o) => o.id === id)?.text ?? id;
	if (question.type !== 'matching')
		return {
			optionText: text(choice),
			rightTexts: question.options.filter((o) => o.correct).map((o) => o.text),
		};
	const target = (id: string | undefined) =>
		question.targets?.find((t) => t.id === id)?.text ?? id ?? '';
	const [option = '', wrong] = choice.split('=');
	return {
		optionText: `${text(option)} → ${target(wrong)}`,
		rightTexts: [`${text(option)} → ${target(matchesOf(question.answer).get(option))}`],
	};
}

/** The sentence the Progress page shows, such as "You keep choosing “X” where “Y” is needed". Pure. */
export function distractorSentence(stat: DistractorStat): string {
	const times = stat.count === 1 ? 'once' : stat.count === 2 ? 'twice' : `${stat.count} times`;
	const verb = stat.count > 1 ? 'You keep choosing' : 'You chose';
	return `${verb} “${stat.optionText}” (${times}) where “${stat.rightTexts.join('” and “')}” ${stat.rightTexts.length > 1 ? 'are' : 'is'} needed.`;
}
