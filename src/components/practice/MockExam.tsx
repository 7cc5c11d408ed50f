/**
 * The timed mock exam: setup (MockSetup), the exam (navigator, flags, submit with confirmation, F
 * flags, a timer that stays in view on a phone) and the result (MockResult). The running exam is saved
 * after every change, so a reload resumes it with the clock still running.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { useKeydown } from './use-keydown';
import { useSyncReducer } from './use-sync-reducer';
import {
	gradeAnswer,
	presentation,
	reduceMockExam,
	remainingMs,
	scoreMockExam,
	type MockExamState,
} from '../../lib/quiz';
import { ratingFromGrade } from '../../lib/srs';
import { MockResultView } from './MockResult';
import { MockSetup } from './MockSetup';
import { QuestionView } from './QuestionView';
import { plural, type Practice } from './use-practice';

const MOCK_KEY = 'mock';
/** Start time of the last mock exam whose answers were logged. */
const LOGGED_KEY = 'mockLogged';

interface Props {
	practice: Practice;
	onExit(): void;
}

function clock(ms: number): string {
	const total = Math.ceil(ms / 1000);
	const m = Math.floor(total / 60);
	const s = total % 60;
	return `${m}:${String(s).padStart(2, '0')}`;
}

type Stored = { state: MockExamState } | undefined;

/** The seed of a question's option order in a mock exam (exams saved before seeds existed get one from the start time). */
export function mockSeed(state: MockExamState, questionId: string): number {
	return (
		state.seeds?.[questionId] ?? (state.startedAt + state.questionIds.indexOf(questionId)) >>> 0
	);
}

/** The mock-exam view: setup, or the saved exam (running or submitted). */
export function MockExam({ practice, onExit }: Props) {
	const [exam, setExam] = useState<MockExamState | null>(null);
	const [loaded, setLoaded] = useState(false);

	useEffect(() => {
		practice.store.getMeta<Stored>(MOCK_KEY).then((stored) => {
			if (stored?.state) setExam(stored.state);
			setLoaded(true);
		});
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, []);

	if (!loaded) return <p aria-busy="true">Loading…</p>;
	if (!exam) return <MockSetup practice={practice} onStart={setExam} onExit={onExit} />;

	return (
		<RunningExam
			practice={practice}
			initial={exam}
			onNew={async () => {
				await practice.store.setMeta(MOCK_KEY, undefined);
				setExam(null);
			}}
			onExit={onExit}
		/>
	);
}

function RunningExam({
	practice,
	initial,
	onNew,
	onExit,
}: {
	practice: Practice;
	initial: MockExamState;
	onNew(): void;
	onExit(): void;
}) {
	const [state, dispatch, live] = useSyncReducer(reduceMockExam, () => initial);
	const [announcement, setAnnouncement] = useState('');
	const dialogRef = useRef<HTMLDialogElement>(null);
	const headingRef = useRef<HTMLHeadingElement>(null);
	const logged = useRef(false);

	useEffect(() => {
		void practice.store.setMeta(MOCK_KEY, { state });
	}, [state]);

	const timeUp = () => {
		dialogRef.current?.close();
		dispatch({ type: 'submit', now: state.startedAt + state.durationMs, timedOut: true });
		setAnnouncement('Time is up. The exam has been submitted.');
	};

	// Answers feed the scheduler once, when the exam is submitted. The exam's start time is recorded
	// once its answers are logged, so a reload of the result page never logs them twice.
	useEffect(() => {
		if (state.status !== 'submitted' || logged.current) return;
		logged.current = true;
		(async () => {
			if ((await practice.store.getMeta<number>(LOGGED_KEY)) === state.startedAt) return;
			for (const id of state.questionIds) {
				const picked = state.answers[id] ?? [];
				const question = practice.questions.get(id);
				if (!question || picked.length === 0) continue;
				const grade = gradeAnswer(question, picked);
				await practice.answer(
					id,
					grade,
					ratingFromGrade(grade.correct),
					'mock',
					mockSeed(state, id)
				);
			}
			await practice.store.setMeta(LOGGED_KEY, state.startedAt);
		})();
	}, [state.status]);

	const id = state.questionIds[state.index]!;
	const question = practice.questions.get(id);

	useKeydown((event: KeyboardEvent) => {
		const state = live.current;
		const id = state.questionIds[state.index]!;
		const question = practice.questions.get(id);
		const el = event.target as HTMLElement;
		if (event.ctrlKey || event.metaKey || event.altKey || dialogRef.current?.open) return;
		if (el.tagName === 'INPUT' && !['radio', 'checkbox'].includes((el as HTMLInputElement).type))
			return;
		if (!question) return;
		if (/^[1-9]$/.test(event.key) && question.type !== 'matching') {
			const optionId = presentation(question, mockSeed(state, id)).options[Number(event.key) - 1];
			if (optionId) {
				event.preventDefault();
				dispatch({
					type: 'respond',
					questionId: id,
					questionType: question.type,
					change: { kind: 'pick', optionId },
				});
			}
		} else if (event.key === 'f' || event.key === 'F') {
			event.preventDefault();
			dispatch({ type: 'flag', questionId: id });
			setAnnouncement(state.flagged.includes(id) ? 'Flag removed.' : 'Flagged for review.');
		} else if (event.key === 'Enter' && el.tagName !== 'BUTTON' && el.tagName !== 'A') {
			event.preventDefault();
			if (state.index < state.questionIds.length - 1)
				dispatch({ type: 'goto', index: state.index + 1 });
			else dialogRef.current?.showModal();
		} else if (event.key === 'ArrowRight' && el.tagName !== 'INPUT') {
			dispatch({ type: 'goto', index: state.index + 1 });
		} else if (event.key === 'ArrowLeft' && el.tagName !== 'INPUT') {
			dispatch({ type: 'goto', index: state.index - 1 });
		}
	}, state.status === 'running');

	useEffect(() => {
		if (state.status === 'running') headingRef.current?.focus();
	}, [state.index]);

	if (state.status === 'submitted') {
		const result = scoreMockExam(
			state,
			practice.questions,
			practice.bank.lessons.map((l) => l.slug)
		);
		return (
			<>
				<div class="sr-only" role="status" aria-live="polite">
					{announcement}
				</div>
				<MockResultView
					practice={practice}
					state={state}
					result={result}
					onNew={onNew}
					onExit={onExit}
				/>
			</>
		);
	}

	const answered = state.questionIds.filter((q) => (state.answers[q] ?? []).length > 0).length;
	const unanswered = state.questionIds.length - answered;
	const flagged = state.flagged.includes(id);

	return (
		<section class="mock" aria-label="Mock exam">
			<div class="mock-bar" data-testid="mock-bar">
				<ExamClock
					state={state}
					onTimeUp={timeUp}
					onWarning={(minutes) => setAnnouncement(`${plural(minutes, 'minute')} left.`)}
				/>
				<p class="muted">
					{answered} of {state.questionIds.length} answered · {plural(state.flagged.length, 'flag')}
				</p>
				<button type="button" class="button" onClick={() => dialogRef.current?.showModal()}>
					Submit exam
				</button>
			</div>
			<div class="sr-only" role="status" aria-live="polite" aria-atomic="true">
				{announcement}
			</div>
			<div class="mock-layout">
				<div class="card question-card">
					{question && (
						<QuestionView
							question={question}
							view={presentation(question, mockSeed(state, id))}
							idPrefix="mock"
							selection={state.answers[id] ?? []}
							onRespond={(change) =>
								dispatch({ type: 'respond', questionId: id, questionType: question.type, change })
							}
							heading={`Question ${state.index + 1} of ${state.questionIds.length}${flagged ? ' (flagged)' : ''}`}
							headingRef={headingRef}
						/>
					)}
					<div class="actions">
						<button
							type="button"
							class="button secondary"
							disabled={state.index === 0}
							onClick={() => dispatch({ type: 'goto', index: state.index - 1 })}
						>
							Previous
						</button>
						<button
							type="button"
							class="button secondary"
							aria-pressed={flagged}
							onClick={() => dispatch({ type: 'flag', questionId: id })}
						>
							{flagged ? '⚑ Flagged' : '⚐ Flag for review'}
						</button>
						{state.index < state.questionIds.length - 1 ? (
							<button
								type="button"
								class="button"
								onClick={() => dispatch({ type: 'goto', index: state.index + 1 })}
							>
								Next
							</button>
						) : (
							<button type="button" class="button" onClick={() => dialogRef.current?.showModal()}>
								Review and submit
							</button>
						)}
					</div>
					<p class="muted hint">
						1–{question?.options.length ?? 4}: choose · F: flag · Enter: next · ← →: move
					</p>
				</div>
				<nav class="navigator card" aria-label="Question navigator">
					<h2 class="navigator-heading">Questions</h2>
					<ol role="list">
						{state.questionIds.map((qid, index) => {
							const isAnswered = (state.answers[qid] ?? []).length > 0;
							const isFlagged = state.flagged.includes(qid);
							const label = `Question ${index + 1}, ${isAnswered ? 'answered' : 'not answered'}${isFlagged ? ', flagged' : ''}`;
							return (
								<li key={qid}>
									<button
										type="button"
										class={`nav-item ${isAnswered ? 'answered' : ''} ${isFlagged ? 'flagged' : ''}`}
										aria-label={label}
										aria-current={index === state.index ? 'step' : undefined}
										onClick={() => dispatch({ type: 'goto', index })}
									>
										{index + 1}
										{isFlagged && <span aria-hidden="true">⚑</span>}
										{isAnswered && (
											<span aria-hidden="true" class="tick">
												✓
											</span>
										)}
									</button>
								</li>
							);
						})}
					</ol>
					<p class="muted legend">✓ answered · ⚑ flagged</p>
				</nav>
			</div>
			<dialog ref={dialogRef} class="confirm" aria-labelledby="submit-heading">
				<h2 id="submit-heading">Submit the exam?</h2>
				<p>
					{unanswered > 0
						? `${plural(unanswered, 'question')} not answered (they count as wrong). `
						: 'Every question is answered. '}
					{state.flagged.length > 0 &&
						`${plural(state.flagged.length, 'question')} flagged for review.`}
				</p>
				<div class="actions">
					<button
						type="button"
						class="button"
						onClick={() => {
							dialogRef.current?.close();
							dispatch({ type: 'submit', now: Date.now() });
						}}
					>
						Submit
					</button>
					<button type="button" class="button secondary" onClick={() => dialogRef.current?.close()}>
						Keep working
					</button>
				</div>
			</dialog>
		</section>
	);
}

/**
 * The timer, derived from the start time; its one-second interval re-renders only this line, not
 * the question. Calls `onTimeUp` once at 0 and `onWarning` at 5 and 1 minutes left.
 */
function ExamClock({
	state,
	onTimeUp,
	onWarning,
}: {
	state: MockExamState;
	onTimeUp(): void;
	onWarning(minutes: number): void;
}) {
	const [now, setNow] = useState(() => Date.now());
	const warned = useRef(new Set<number>());
	useEffect(() => {
		if (state.status !== 'running') return;
		const id = setInterval(() => setNow(Date.now()), 1000);
		return () => clearInterval(id);
	}, [state.status]);
	const left = remainingMs(state, now);
	useEffect(() => {
		if (state.status !== 'running') return;
		if (left <= 0) {
			onTimeUp();
			return;
		}
		for (const mark of [5, 1]) {
			if (left <= mark * 60_000 && !warned.current.has(mark) && state.durationMs > mark * 60_000) {
				warned.current.add(mark);
				onWarning(mark);
			}
		}
	}, [left, state.status]);
	return (
		<p class={`timer ${left <= 5 * 60_000 ? 'low' : ''}`}>
			<span class="muted">Time left </span>
			<span role="timer" aria-label={`Time left ${clock(left)}`} data-testid="mock-timer">
				{clock(left)}
			</span>
		</p>
	);
}
