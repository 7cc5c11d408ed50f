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
	newCardCounts,
	planNewCards,
	type CardState,
	type DayContext,
	type DerivedCards,
	type LogEntry,
	type NewCardPlan,
	type Rating,
	type ReviewSource,
	type SchedulerConfig,
} from '../../lib/srs';
import {
	newQuestionOrder,
	type BankQuestion,
	type GradeResult,
	type QuestionBank,
} from '../../lib/quiz';
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
	/**
	 * Question ids in the order new questions come: the chosen exam's questions first, each part by
	 * lesson, then rising difficulty.
	 */
	order: string[];
	/** Ids of the questions the learner studies for: those tagged with the chosen exam, or all. */
	scope: string[];
	data: PracticeData;
	cards: Map<string, CardState>;
	ctx: DayContext;
	/** New-card plan for today when an exam date is set. */
	plan: NewCardPlan | null;
	store: PracticeStore;
	/** Logs an answer (with the seed of the option order it was shown in) and returns its row id. */
	answer(
		questionId: string,
		grade: GradeResult,
		rating: Rating,
		source: ReviewSource,
		seed: number
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
		const lessonOrder = bank.lessons.map((lesson) => lesson.slug);
		const exam = data.exam;
		const scope = newQuestionOrder(
			exam ? bank.questions.filter((q) => q.exams.includes(exam)) : bank.questions,
			lessonOrder
		);
		const inScope = new Set(scope);
		const order = [
			...scope,
			...newQuestionOrder(
				bank.questions.filter((q) => !inScope.has(q.id)),
				lessonOrder
			),
		];
		const now = Date.now();
		const counts = newCardCounts(cards, scope, now, ctx);
		const plan = data.examDate
			? planNewCards({
					today: dayIndex(now, ctx),
					examDay: isoDateToDay(data.examDate, ctx),
					remaining: counts.atDayStart,
					unseen: counts.unseen,
					newPerDay: data.settings.newPerDay,
				})
			: null;
		const questionById = new Map(bank.questions.map((q) => [q.id, q]));
		return {
			bank,
			questions: questionById,
			order,
			scope,
			data,
			cards,
			ctx,
			plan,
			store,
			async answer(questionId, grade, rating, source, seed) {
				const at = Date.now();
				const id = newEntryId(at);
				const matching = questionById.get(questionId)?.type === 'matching';
				await append({
					id,
					kind: 'review',
					cardId: questionId,
					at,
					rating,
					correct: grade.correct,
					// Matching pairs go in their own field, so older builds still read the row.
					picked: matching ? [] : grade.picked,
					...(matching ? { pairs: grade.picked } : {}),
					seed,
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
