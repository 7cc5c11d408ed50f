/**
 * The Practice data hook: loads the question bank and the learner's store, derives every card state
 * from the log, and offers the actions that append to the log. Other tabs' writes arrive through the
 * store's BroadcastChannel and are re-read.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import {
	dayIndex,
	deriveCards,
	isoDateToDay,
	planNewCards,
	remainingNewCards,
	type CardState,
	type DayContext,
	type DerivedCards,
	type LogEntry,
	type NewCardPlan,
	type Rating,
	type ReviewSource,
	type SchedulerConfig,
} from '../../lib/srs';
import type { BankQuestion, GradeResult, QuestionBank } from '../../lib/quiz';
import {
	loadQuestionBank,
	newEntryId,
	openPracticeStore,
	type PracticeData,
	type PracticeStore,
} from '../../client/practice-store';

/** Everything the Practice and Progress islands need. */
export interface Practice {
	bank: QuestionBank;
	questions: ReadonlyMap<string, BankQuestion>;
	/** Question ids in course order. */
	order: string[];
	data: PracticeData;
	cards: Map<string, CardState>;
	ctx: DayContext;
	/** New-card plan for today when an exam date is set. */
	plan: NewCardPlan | null;
	store: PracticeStore;
	/** Logs an answer and returns its row id. */
	answer(
		questionId: string,
		grade: GradeResult,
		rating: Rating,
		source: ReviewSource
	): Promise<string>;
	rate(reviewId: string, rating: Rating): Promise<void>;
	undo(reviewId: string): Promise<void>;
	cardAction(
		cardId: string,
		kind: 'suspend' | 'unsuspend' | 'bury' | 'flag' | 'unflag'
	): Promise<void>;
	reload(): Promise<void>;
}

/** Local offset and day start for the study-day arithmetic. */
export function dayContext(settings: SchedulerConfig): DayContext {
	return { tzOffsetMinutes: -new Date().getTimezoneOffset(), dayStartHour: settings.dayStartHour };
}

/** Loads and keeps the practice data; `error` is set when the bank or the store cannot be loaded. */
export function usePractice(): { practice: Practice | null; error: string | null } {
	const [bank, setBank] = useState<QuestionBank | null>(null);
	const [store, setStore] = useState<PracticeStore | null>(null);
	const [data, setData] = useState<PracticeData | null>(null);
	const [error, setError] = useState<string | null>(null);
	const storeRef = useRef<PracticeStore | null>(null);
	const derivedRef = useRef<DerivedCards | null>(null);

	useEffect(() => {
		let unsubscribe = () => {};
		(async () => {
			try {
				const [loadedBank, opened] = await Promise.all([loadQuestionBank(), openPracticeStore()]);
				storeRef.current = opened;
				setBank(loadedBank);
				setStore(opened);
				setData(await opened.read());
				unsubscribe = opened.subscribe(() => {
					// A read that started before one of this tab's writes finished may miss it: keep such
					// rows until a later read includes them.
					const startedAt = completed.current;
					opened.read().then(
						(fresh) => {
							for (const [id, { seq }] of pending.current)
								if (seq !== 0 && seq <= startedAt) pending.current.delete(id);
							const ids = new Set(fresh.log.map((row) => row.id));
							const extra = [...pending.current.values()]
								.map((p) => p.entry)
								.filter((row) => !ids.has(row.id));
							setData(extra.length ? { ...fresh, log: [...fresh.log, ...extra] } : fresh);
						},
						(e: Error) => setError(e.message)
					);
				});
			} catch (e) {
				setError((e as Error).message);
			}
		})();
		return () => unsubscribe();
	}, []);

	const pending = useRef(new Map<string, { entry: LogEntry; seq: number }>());
	const completed = useRef(0);
	const append = useCallback(async (entry: LogEntry) => {
		// Show the answer at once; the store write follows and every tab re-reads the log.
		pending.current.set(entry.id, { entry, seq: 0 });
		setData((current) => (current ? { ...current, log: [...current.log, entry] } : current));
		try {
			await storeRef.current!.append(entry);
		} catch (e) {
			pending.current.delete(entry.id);
			setError(`Your answer could not be saved: ${(e as Error).message}`);
			throw e;
		}
		completed.current++;
		const row = pending.current.get(entry.id);
		if (row) row.seq = completed.current;
	}, []);

	const practice = useMemo<Practice | null>(() => {
		if (!bank || !store || !data) return null;
		const ctx = dayContext(data.settings);
		// Incremental when the log only grew; a full replay otherwise (same result either way).
		derivedRef.current = deriveCards(data.log, data.settings, ctx, derivedRef.current);
		const cards = derivedRef.current.cards;
		const order = bank.questions.map((q) => q.id);
		const now = Date.now();
		const plan = data.examDate
			? planNewCards({
					today: dayIndex(now, ctx),
					examDay: isoDateToDay(data.examDate, ctx),
					remaining: remainingNewCards(cards, order, now, ctx),
					newPerDay: data.settings.newPerDay,
				})
			: null;
		return {
			bank,
			questions: new Map(bank.questions.map((q) => [q.id, q])),
			order,
			data,
			cards,
			ctx,
			plan,
			store,
			async answer(questionId, grade, rating, source) {
				const at = Date.now();
				const id = newEntryId(at);
				await append({
					id,
					kind: 'review',
					cardId: questionId,
					at,
					rating,
					correct: grade.correct,
					picked: grade.picked,
					source,
					retention: data.settings.desiredRetention,
				});
				return id;
			},
			async rate(reviewId, rating) {
				const at = Date.now();
				await append({ id: newEntryId(at), kind: 'rate', target: reviewId, at, rating });
			},
			async undo(reviewId) {
				const at = Date.now();
				await append({ id: newEntryId(at), kind: 'undo', target: reviewId, at });
			},
			async cardAction(cardId, kind) {
				const at = Date.now();
				await append({ id: newEntryId(at), kind, cardId, at });
			},
			async reload() {
				setData(await store.read());
			},
		};
	}, [bank, store, data, append]);

	return { practice, error };
}

/** "1 review", "3 reviews": a count with its noun. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
	return `${count.toLocaleString('en')} ${count === 1 ? singular : pluralForm}`;
}

/** "64 %" from 0.64. */
export function percent(fraction: number): string {
	return `${Math.round(fraction * 100)} %`;
}
