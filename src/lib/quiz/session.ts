/**
 * The practice-session reducer (daily review, lesson drill, custom study): one question at a time,
 * question → revealed → next. Pure: the UI writes the log and passes the results in as actions.
 */
import type { Rating } from '../srs/types';
import type { GradeResult } from './types';

/** Study mode of a session. Daily sessions ask the scheduler for each next card; the others use a fixed list. */
export type SessionMode = 'daily' | 'drill' | 'custom';

/** State of a session. */
export interface SessionState {
	mode: SessionMode;
	/** Question on screen, or null when the session is over. */
	current: string | null;
	phase: 'question' | 'revealed' | 'done';
	/** Options currently selected. */
	selection: string[];
	grade: GradeResult | null;
	/** Log id of the answer to the current question, once submitted. */
	reviewId: string | null;
	/** Rating the current answer has (after any change at the reveal). */
	rating: Rating | null;
	/** Questions still to come in a drill or custom session. */
	pending: string[];
	/** Answers given in this session, newest last (what Undo walks back). */
	history: Array<{ questionId: string; reviewId: string; picked: string[]; correct: boolean }>;
}

/** Actions of `reduceSession`. */
export type SessionAction =
	| { type: 'toggle'; optionId: string; multi: boolean }
	| { type: 'answered'; grade: GradeResult; reviewId: string; rating: Rating }
	| { type: 'rated'; rating: Rating }
	| { type: 'advance'; next?: string | null }
	| { type: 'undone' };

/**
 * Starts a session. For daily sessions pass the scheduler's first card as `first`; for drills and
 * custom study pass the whole list as `list`. Pure.
 */
export function startSession(mode: SessionMode, list: readonly string[]): SessionState {
	const [first = null, ...rest] = list;
	return {
		mode,
		current: first,
		phase: first === null ? 'done' : 'question',
		selection: [],
		grade: null,
		reviewId: null,
		rating: null,
		pending: mode === 'daily' ? [] : rest,
		history: [],
	};
}

/**
 * Returns the next session state. Pure.
 * - `toggle` selects an option (radio semantics for single-answer questions); ignored after the reveal.
 * - `answered` reveals the result of the answer the UI has just logged.
 * - `rated` records a changed rating (the UI has logged it too).
 * - `advance` moves on: to `next` in daily sessions, to the next pending question otherwise (and
 *   to `next`, if given, once none is pending: a question the learner got wrong, asked again).
 * - `undone` goes back to the last answered question, unanswered, with its picks selected.
 */
export function reduceSession(state: SessionState, action: SessionAction): SessionState {
	switch (action.type) {
		case 'toggle': {
			if (state.phase !== 'question') return state;
			const has = state.selection.includes(action.optionId);
			const selection = action.multi
				? has
					? state.selection.filter((id) => id !== action.optionId)
					: [...state.selection, action.optionId].sort()
				: [action.optionId];
			return { ...state, selection };
		}
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
