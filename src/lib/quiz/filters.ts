/** Custom study and lesson drills: which questions, in which order. Pure functions. */
import { retrievability } from '../srs/scheduler';
import type { CardState, SchedulerConfig } from '../srs/types';
import type { BankQuestion, QuestionType } from './types';

/** Custom-study filter; an empty or missing list means "any". */
export interface StudyFilter {
	lessons?: string[];
	topics?: string[];
	types?: QuestionType[];
	difficulties?: number[];
	exams?: string[];
	/** Only questions answered wrong within this many days (null/undefined: no such condition). */
	wrongWithinDays?: number | null;
	/** Only questions the learner flagged. */
	flaggedOnly?: boolean;
}

/**
 * Questions matching a filter, in bank order. Pure.
 * @param now needed for "answered wrong recently".
 */
export function filterQuestions(
	questions: readonly BankQuestion[],
	filter: StudyFilter,
	cards: ReadonlyMap<string, CardState>,
	now: number
): BankQuestion[] {
	const any = <T>(list: readonly T[] | undefined, test: (value: T) => boolean) =>
		!list || list.length === 0 || list.some(test);
	const since = filter.wrongWithinDays ? now - filter.wrongWithinDays * 86_400_000 : null;
	return questions.filter(
		(q) =>
			any(filter.lessons, (l) => l === q.lesson) &&
			any(filter.topics, (t) => q.topics.includes(t)) &&
			any(filter.types, (t) => t === q.type) &&
			any(filter.difficulties, (d) => d === q.difficulty) &&
			any(filter.exams, (e) => q.exams.includes(e)) &&
			(since === null ||
				(cards.get(q.id)?.answers.some((a) => !a.correct && a.at >= since) ?? false)) &&
			(!filter.flaggedOnly || (cards.get(q.id)?.flagged ?? false))
	);
}

/**
 * Orders questions for a drill: cards due now first (earliest due), then new cards in bank order, then
 * the rest, least likely to be recalled first. Suspended cards are left out. Pure.
 */
export function orderForStudy(
	ids: readonly string[],
	cards: ReadonlyMap<string, CardState>,
	now: number,
	config: SchedulerConfig
): string[] {
	const due: Array<[number, string]> = [];
	const fresh: string[] = [];
	const rest: Array<[number, string]> = [];
	for (const id of ids) {
		const card = cards.get(id);
		if (card?.suspended) continue;
		if (!card || card.fsrs.state === 0) fresh.push(id);
		else if (card.fsrs.due.getTime() <= now) due.push([card.fsrs.due.getTime(), id]);
		else rest.push([retrievability(card.fsrs, now, config), id]);
	}
	due.sort((a, b) => a[0] - b[0]);
	rest.sort((a, b) => a[0] - b[0]);
	return [...due.map(([, id]) => id), ...fresh, ...rest.map(([, id]) => id)];
}
