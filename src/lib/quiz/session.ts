/**
 * The practice-session reducer (daily review, lesson drill, custom study): one question at a time,
 * question → revealed → next. Pure: the UI writes the log and passes the results in as actions.
 */
import type { Rating } from '../srs/types';
import { updateResponse, type ResponseChange } from './response';
import type { GradeResult, QuestionType } from './types';

/** Study mode of a session. Daily sessions ask the scheduler for each next card; the others use a fixed list. */
export type SessionMode = 'daily' | 'drill' | 'custom';

/** State of a session. */
export interface SessionState {
	mode: SessionMode;
	/** Question on screen, or null when the session is over. */
	current: string | null;
	phase: 'question' | 'revealed' | 'done';
	/** The response so far, by option id (see `Response`). */
	selection: string[];
	/** Seed of the option order the current question is shown in (stored with the answer). */
	seed: number;
	grade: GradeResult | null;
	/** Log id of the answer to the current question, once submitted. */
	reviewId: string | null;
	/** Rating the current answer has (after any change at the reveal). */
	rating: Rating | null;
	/** Questions still to come in a drill or custom session. */
	pending: string[];
	/** Answers given in this session, newest last (what Undo walks back). */
	history: Array<{
		questionId: string;
		reviewId: string;
		picked: string[];
		correct: boolean;
		seed: number;
	}>;
}

/** Actions of `reduceSession`. */
export type SessionAction =
	| { type: 'respond'; questionType: QuestionType; change: ResponseChange }
	| { type: 'answered'; grade: GradeResult; reviewId: string; rating: Rating }
	| { type: 'rated'; rating: Rating }
	| { type: 'advance'; next?: string | null; seed?: number }
	| { type: 'undone' };

/**
 * Starts a session. For daily sessions pass the scheduler's first card as `first`; for drills and
 * custom study pass the whole list as `list`. `seed` shuffles the first question's options. Pure.
 */
export function startSession(mode: SessionMode, list: readonly string[], seed = 0): SessionState {
	const [first = null, ...rest] = list;
	return {
		mode,
		current: first,
		phase: first === null ? 'done' : 'question',
		selection: [],
		seed: seed >>> 0,
		grade: null,
		reviewId: null,
		rating: null,
		pending: mode === 'daily' ? [] : rest,
		history: [],
	};
}

/**
 * Returns the next session state. Pure.
 * - `respond` changes the response (see `updateResponse`); ignored after the reveal.
 * - `answered` reveals the result of the answer the UI has just logged.
 * - `rated` records a changed rating (the UI has logged it too).
 * - `advance` moves on, shown in the order of `seed`: to `next` in daily sessions, to the next
 *   pending question otherwise (and to `next`, if given, once none is pending: a question the
 *   learner got wrong, asked again).
 * - `undone` goes back to the last answered question, unanswered, in the same option order, with
 *   its response restored.
 */
export function reduceSession(state: SessionState, action: SessionAction): SessionState {
	switch (action.type) {
		case 'respond':
			if (state.phase !== 'question') return state;
			return {
				...state,
				selection: updateResponse(action.questionType, state.selection, action.change),
			};
		case 'answered':
			if (state.phase !== 'question' || state.current === null) return state;
			return {
				...state,
				phase: 'revealed',
				grade: action.grade,
				reviewId: action.reviewId,
				rating: action.rating,
				history: [
					...state.history,
					{
						questionId: state.current,
						reviewId: action.reviewId,
						picked: action.grade.picked,
						correct: action.grade.correct,
						seed: state.seed,
					},
				],
			};
		case 'rated':
			if (state.phase !== 'revealed') return state;
			return { ...state, rating: action.rating };
		case 'advance': {
			if (state.phase === 'question' && state.current !== null) return state;
			let current: string | null;
			let pending = state.pending;
			if (state.mode === 'daily' || state.pending.length === 0) current = action.next ?? null;
			else [current = null, ...pending] = state.pending;
			return {
				...state,
				current,
				pending,
				phase: current === null ? 'done' : 'question',
				selection: [],
				seed: (action.seed ?? 0) >>> 0,
				grade: null,
				reviewId: null,
				rating: null,
			};
		}
		case 'undone': {
			const last = state.history.at(-1);
			if (!last) return state;
			const pending =
				state.mode !== 'daily' && state.current !== null && state.current !== last.questionId
					? [state.current, ...state.pending]
					: state.pending;
			return {
				...state,
				current: last.questionId,
				pending,
				phase: 'question',
				selection: [...last.picked],
				seed: last.seed,
				grade: null,
				reviewId: null,
				rating: null,
				history: state.history.slice(0, -1),
			};
		}
	}
}

/** Answers and right answers so far in the session. Pure. */
export function sessionScore(state: SessionState): { answered: number; correct: number } {
	return { answered: state.history.length, correct: state.history.filter((h) => h.correct).length };
}
