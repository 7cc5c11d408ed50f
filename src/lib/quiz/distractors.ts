/** Distractor statistics: which wrong options the learner keeps choosing. Pure. */
import type { CardState } from '../srs/types';
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
		const counts = new Map<string, number>();
		for (const answer of card.answers) {
			for (const id of answer.picked)
				if (!question.answer.includes(id)) counts.set(id, (counts.get(id) ?? 0) + 1);
		}
		for (const [optionId, count] of counts) {
			if (count < minCount) continue;
			const option = question.options.find((o) => o.id === optionId);
			stats.push({
				questionId: question.id,
				lesson: question.lesson,
				optionId,
				optionText: option?.text ?? optionId,
				rightTexts: question.options.filter((o) => o.correct).map((o) => o.text),
				count,
				answered: card.answers.length,
			});
		}
	}
	return stats
		.sort((a, b) => b.count - a.count || a.questionId.localeCompare(b.questionId))
		.slice(0, limit);
}

/** The sentence the Progress page shows, such as "You keep choosing “X” where “Y” is needed". Pure. */
export function distractorSentence(stat: DistractorStat): string {
	const times = stat.count === 1 ? 'once' : stat.count === 2 ? 'twice' : `${stat.count} times`;
	const verb = stat.count > 1 ? 'You keep choosing' : 'You chose';
	return `${verb} “${stat.optionText}” (${times}) where “${stat.rightTexts.join('” and “')}” ${stat.rightTexts.length > 1 ? 'are' : 'is'} needed.`;
}
