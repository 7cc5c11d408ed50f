/**
 * A practice session (daily review, lesson drill or custom study), fully usable from the keyboard:
 * 1–9 pick an option, Enter submits, Enter or Space goes on, 1–4 rate after the reveal, U undoes.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { useKeydown } from './use-keydown';
import { useSyncReducer } from './use-sync-reducer';
import {
	gradeAnswer,
	isComplete,
	presentation,
	reduceSession,
	sessionScore,
	startSession,
	type SessionMode,
} from '../../lib/quiz';
import { randomSeed } from '../../client/random-seed';
import { buildDailyQueue, isLeechWarning, ratingFromGrade, type Rating } from '../../lib/srs';
import { incompleteMessage, rightAnswerSentence } from './answer-text';
import { QuestionView } from './QuestionView';
import { RatingButtons, SessionDone } from './SessionParts';
import { plural, type Practice } from './use-practice';

interface Props {
	practice: Practice;
	mode: SessionMode;
	/** Title shown above the question ("Daily review", "Drill: Tokens"…). */
	title: string;
	/** Fixed list for drills and custom study (ignored for daily review). */
	list?: string[];
	onExit(): void;
}

function dailyQueue(practice: Practice) {
	return buildDailyQueue({
		cards: practice.cards,
		order: practice.order,
		now: Date.now(),
		config: practice.data.settings,
		ctx: practice.ctx,
		newLimit: practice.plan?.newLimitToday,
	});
}

function isTyping(target: EventTarget | null): boolean {
	const el = target as HTMLElement | null;
	if (!el || !el.tagName) return false;
	if (el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable) return true;
	return el.tagName === 'INPUT' && !['radio', 'checkbox'].includes((el as HTMLInputElement).type);
}

/** One practice session; answers are logged as they are given, so a reload loses nothing. */
export function StudySession({ practice, mode, title, list, onExit }: Props) {
	const [state, dispatch, live] = useSyncReducer(reduceSession, () =>
		startSession(
			mode,
			mode === 'daily'
				? [dailyQueue(practice).next].filter((id): id is string => !!id)
				: (list ?? []),
			randomSeed()
		)
	);
	const busyRef = useRef(false);
	const [announcement, setAnnouncement] = useState('');
	const [busy, setBusy] = useState(false);
	const headingRef = useRef<HTMLHeadingElement>(null);
	const nextRef = useRef<HTMLButtonElement>(null);
	const lapsesBeforeRef = useRef(0);
	const practiceRef = useRef(practice);
	practiceRef.current = practice;

	const question = state.current ? practice.questions.get(state.current) : undefined;
	const view = question ? presentation(question, state.seed) : null;
	const card = state.current ? practice.cards.get(state.current) : undefined;
	const queue = mode === 'daily' ? dailyQueue(practice) : null;
	const score = sessionScore(state);

	useEffect(() => {
		if (state.phase === 'question') headingRef.current?.focus();
		if (state.phase === 'revealed') nextRef.current?.focus();
	}, [state.phase, state.current]);

	async function submit() {
		const state = live.current;
		const question = state.current ? practiceRef.current.questions.get(state.current) : undefined;
		const card = state.current ? practiceRef.current.cards.get(state.current) : undefined;
		if (!question || state.phase !== 'question' || busyRef.current) return;
		if (!isComplete(question, state.selection)) {
			setAnnouncement(incompleteMessage(question));
			return;
		}
		setBusy((busyRef.current = true));
		const grade = gradeAnswer(question, state.selection);
		const rating = ratingFromGrade(grade.correct);
		const lapsesBefore = card?.fsrs.lapses ?? 0;
		const reviewId = await practice.answer(question.id, grade, rating, mode, state.seed);
		dispatch({ type: 'answered', grade, reviewId, rating });
		setAnnouncement(
			grade.correct ? 'Correct.' : `Incorrect. ${rightAnswerSentence(question, state.seed, grade)}`
		);
		lapsesBeforeRef.current = lapsesBefore;
		setBusy((busyRef.current = false));
	}

	async function advance(rating?: Rating) {
		const state = live.current;
		if (state.phase !== 'revealed' || busyRef.current) return;
		if (rating && rating !== 1 && !state.grade?.correct) return;
		setBusy((busyRef.current = true));
		if (rating && rating !== state.rating && state.reviewId) {
			await practice.rate(state.reviewId, rating);
		}
		setAnnouncement('');
		// Let the re-derived card states settle before asking the scheduler for the next card.
		await new Promise((resolve) => setTimeout(resolve, 0));
		dispatch({
			type: 'advance',
			next: mode === 'daily' ? dailyQueue(practiceRef.current).next : dueAgain(),
			seed: randomSeed(),
		});
		setBusy((busyRef.current = false));
	}

	/**
	 * In a drill or custom session, once the list is done, the questions whose latest answer in this
	 * session was wrong come back, oldest mistake first, until each has been answered right.
	 */
	function dueAgain(): string | null {
		if (live.current.pending.length > 0) return null;
		const latest = new Map<string, boolean>();
		for (const answer of live.current.history) {
			latest.delete(answer.questionId);
			latest.set(answer.questionId, answer.correct);
		}
		for (const [id, correct] of latest) {
			if (!correct && !practiceRef.current.cards.get(id)?.suspended) return id;
		}
		return null;
	}

	async function undo() {
		const last = live.current.history.at(-1);
		if (!last || busyRef.current) return;
		setBusy((busyRef.current = true));
		await practice.undo(last.reviewId);
		dispatch({ type: 'undone' });
		setAnnouncement('Last answer undone.');
		setBusy((busyRef.current = false));
	}

	async function toggleFlag() {
		const id = live.current.current;
		if (!id) return;
		const flagged = practiceRef.current.cards.get(id)?.flagged ?? false;
		await practiceRef.current.cardAction(id, flagged ? 'unflag' : 'flag');
		setAnnouncement(flagged ? 'Flag removed.' : 'Flagged for later study.');
	}

	useKeydown((event: KeyboardEvent) => {
		if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
		const key = event.key;
		const onButton =
			(event.target as HTMLElement)?.tagName === 'BUTTON' ||
			(event.target as HTMLElement)?.tagName === 'A';
		if (key === 'u' || key === 'U') {
			event.preventDefault();
			void undo();
			return;
		}
		if (key === 'f' || key === 'F') {
			event.preventDefault();
			void toggleFlag();
			return;
		}
		const state = live.current;
		const question = state.current ? practiceRef.current.questions.get(state.current) : undefined;
		if (!question) return;
		if (state.phase === 'question') {
			if (/^[1-9]$/.test(key) && question.type !== 'matching') {
				// Keys follow the order on screen, never the order in the file.
				const optionId = presentation(question, state.seed).options[Number(key) - 1];
				if (optionId) {
					event.preventDefault();
					dispatch({
						type: 'respond',
						questionType: question.type,
						change: { kind: 'pick', optionId },
					});
				}
			} else if (key === 'Enter' && !onButton) {
				event.preventDefault();
				void submit();
			}
		} else if (state.phase === 'revealed') {
			if (/^[1-4]$/.test(key)) {
				event.preventDefault();
				void advance(Number(key) as Rating);
			} else if ((key === 'Enter' || key === ' ') && !onButton) {
				event.preventDefault();
				void advance();
			}
		}
	});

	const leechWarning =
		state.phase === 'revealed' &&
		!!card &&
		isLeechWarning(
			lapsesBeforeRef.current,
			card.fsrs.lapses,
			practice.data.settings.leechThreshold
		);
	const lesson = question
		? practice.bank.lessons.find((l) => l.slug === question.lesson)
		: undefined;

	return (
		<section class="session" aria-label={title}>
			<div class="session-bar">
				<button type="button" class="button secondary small" onClick={onExit}>
					← Practice home
				</button>
				<p class="session-title">
					<strong>{title}</strong>
					{queue ? (
						<span class="muted">
							{' '}
							· left today: {queue.learning.length} learning, {queue.review.length} review,{' '}
							{queue.new.length} new
						</span>
					) : (
						<span class="muted">
							{' '}
							· {plural(state.pending.length + (state.phase === 'done' ? 0 : 1), 'question')} left
						</span>
					)}
				</p>
				<p class="muted session-score">
					{score.answered > 0 && `${score.correct} of ${score.answered} right`}
				</p>
			</div>

			<div class="sr-only" role="status" aria-live="polite" aria-atomic="true">
				{announcement}
			</div>

			{state.phase === 'done' || !question ? (
				<SessionDone
					daily={mode === 'daily'}
					score={score}
					nextLearningDue={queue?.nextLearningDue}
					headingRef={headingRef}
					onUndo={state.history.length > 0 ? undo : undefined}
					onExit={onExit}
				/>
			) : (
				<form
					class="card question-card"
					onSubmit={(event) => {
						event.preventDefault();
						if (state.phase === 'question') void submit();
						else void advance();
					}}
				>
					<QuestionView
						question={question}
						view={view!}
						idPrefix="q"
						selection={state.selection}
						onRespond={(change) =>
							dispatch({ type: 'respond', questionType: question.type, change })
						}
						grade={state.grade}
						heading={
							state.phase === 'revealed'
								? state.grade?.correct
									? '✓ Correct'
									: '✗ Incorrect'
								: 'Question'
						}
						headingRef={headingRef}
						meta={
							<>
								{lesson?.title ?? question.lesson}
								{card?.leech && ' · leech'}
								{card?.flagged && ' · ⚑ flagged'}
								{card?.fsrs.state === 0 || !card ? ' · new' : ''}
							</>
						}
					/>
					{leechWarning && lesson && (
						<p class="notice warning" role="note">
							This question has slipped {plural(card?.fsrs.lapses ?? 0, 'time')} after you had
							learnt it: it is tagged as a leech. Re-read{' '}
							{lesson.url ? <a href={lesson.url}>{lesson.title}</a> : lesson.title} before you meet
							it again, or suspend it for now.
						</p>
					)}
					{state.phase === 'question' ? (
						<div class="actions">
							<button type="submit" class="button" disabled={busy}>
								Submit answer
							</button>
							<button
								type="button"
								class="button secondary"
								aria-pressed={card?.flagged ?? false}
								onClick={toggleFlag}
							>
								{card?.flagged ? '⚑ Flagged' : '⚐ Flag'}
							</button>
							{state.history.length > 0 && (
								<button type="button" class="button secondary" onClick={undo}>
									Undo
								</button>
							)}
							<span class="muted hint">Enter submits · F flags · U undoes the last answer</span>
						</div>
					) : (
						<>
							<RatingButtons
								correct={!!state.grade?.correct}
								rating={state.rating}
								busy={busy}
								onRate={(rating) => void advance(rating)}
							/>
							<div class="actions">
								<button type="submit" class="button" ref={nextRef} disabled={busy}>
									Next question
								</button>
								<button type="button" class="button secondary" onClick={undo} disabled={busy}>
									Undo
								</button>
								<button
									type="button"
									class="button secondary"
									aria-pressed={card?.flagged ?? false}
									onClick={toggleFlag}
								>
									{card?.flagged ? '⚑ Flagged' : '⚐ Flag'}
								</button>
								<button
									type="button"
									class="button secondary"
									onClick={async () => {
										await practice.cardAction(question.id, 'bury');
										setAnnouncement('Buried until tomorrow.');
										void advance();
									}}
								>
									Bury until tomorrow
								</button>
								<button
									type="button"
									class="button secondary"
									onClick={async () => {
										await practice.cardAction(question.id, 'suspend');
										setAnnouncement('Suspended. Unsuspend it from Practice home.');
										void advance();
									}}
								>
									Suspend
								</button>
							</div>
							<p class="muted hint">
								Enter or Space: next question · 1–4: rate and go on · F: flag · U: undo
							</p>
						</>
					)}
				</form>
			)}
		</section>
	);
}
