/**
 * Option order as the learner sees it. Every presentation shuffles the options (and a matching
 * question's targets) from a seed that is stored with the answer, so a review is judged on content,
 * never on a remembered position, and any past presentation can be replayed exactly. Pure.
 */
import { seededRandom, shuffle, type Random } from './random';
import type { BankQuestion } from './types';

/** The order a question is shown in: option ids (and target ids) by display position. */
export interface Presentation {
	seed: number;
	/** Option ids in display order; display letter A is `options[0]`. */
	options: string[];
	/** Matching only: target ids in display order. */
	targets: string[];
}

/** A fresh 32-bit seed from a random source. */
export function newSeed(random: Random): number {
	return Math.floor(random() * 0x1_0000_0000) >>> 0;
}

/**
 * Shuffles a question's options from `seed`. Pinned options (single and multi) keep their authored
 * position; the others fill the remaining places. An ordering question is never shown already in
 * the right order (the shuffle is rotated by one place if it comes out so). Pure.
 * @example presentation(question, 42).options // ['c', 'a', 'd', 'b']
 */
export function presentation(
	question: Pick<BankQuestion, 'type' | 'options' | 'answer' | 'targets'>,
	seed: number
): Presentation {
	const random = seededRandom(seed);
	const pinnable = question.type === 'single' || question.type === 'multi';
	const pinned = (index: number) => pinnable && question.options[index]!.pinned === true;
	const free = shuffle(
		question.options.filter((_, index) => !pinned(index)).map((option) => option.id),
		random
	);
	let options = question.options.map((option, index) =>
		pinned(index) ? option.id : free.shift()!
	);
	if (
		question.type === 'ordering' &&
		options.length > 1 &&
		options.every((id, index) => id === question.answer[index])
	) {
		options = [...options.slice(1), options[0]!];
	}
	const targets = shuffle(
		(question.targets ?? []).map((target) => target.id),
		random
	);
	return { seed: seed >>> 0, options, targets };
}

/** The letter shown for display position `index` (0 → "A"). */
export function displayLetter(index: number): string {
	return String.fromCharCode(65 + index);
}

/**
 * The letters the learner saw for option ids, in display order, such as "B and D". Pure.
 * @example lettersFor(['a', 'c'], view) // "B and D" when a is shown second and c fourth
 */
export function lettersFor(ids: readonly string[], view: Presentation): string {
	const letters = view.options
		.map((id, index) => (ids.includes(id) ? displayLetter(index) : null))
		.filter((letter): letter is string => letter !== null);
	if (letters.length <= 1) return letters.join('');
	return `${letters.slice(0, -1).join(', ')} and ${letters.at(-1)}`;
}
