/** The mock-exam setup: which exam (default from Settings), the full form or the short form, or a custom length. */
import { useState } from 'preact/hooks';
import {
	drawExamQuestions,
	drawMockQuestions,
	EXAM_FORMATS,
	minutesFor,
	MOCK_DEFAULTS,
	newSeed,
	seededRandom,
	SHORT_FORM_QUESTIONS,
	startMockExam,
	type MockExamState,
} from '../../lib/quiz';
import type { Exam } from '../../schemas/vocabulary';
import { randomSeed } from '../../client/random-seed';
import type { Practice } from './use-practice';

const EXAMS = Object.keys(EXAM_FORMATS) as Exam[];
type Form = 'full' | 'short' | 'custom';

/** Draws and starts a mock exam; calls `onStart` with the new state. */
export function MockSetup({
	practice,
	onStart,
	onExit,
}: {
	practice: Practice;
	onStart(state: MockExamState): void;
	onExit(): void;
}) {
	const [exam, setExam] = useState<Exam | ''>((practice.data.exam as Exam | null) ?? '');
	const [form, setForm] = useState<Form>('short');
	const [count, setCount] = useState<number>(MOCK_DEFAULTS.questions);
	const [minutes, setMinutes] = useState<number>(MOCK_DEFAULTS.minutes);
	const questions = practice.bank.questions;
	const pool = exam ? questions.filter((q) => q.exams.includes(exam)) : questions;
	const length =
		form === 'custom'
			? Math.max(1, Math.min(pool.length, Math.round(count) || 1))
			: Math.min(
					pool.length,
					form === 'full' && exam ? EXAM_FORMATS[exam].questions : SHORT_FORM_QUESTIONS
				);
	const time =
		form === 'custom'
			? Math.max(1, Math.round(minutes) || 1)
			: exam
				? minutesFor(exam, length)
				: length * 2;
	// The notes describe how this exam would be drawn (they do not depend on the random draw).
	const notes = exam ? drawExamQuestions(questions, exam, length, seededRandom(1)).notes : [];

	return (
		<section class="card mock-setup" aria-labelledby="mock-setup-heading">
			<h2 id="mock-setup-heading">Mock exam</h2>
			<p class="prose">
				Timed and scored like the AWS exams: a scaled score from 100 to 1000 against the exam’s pass
				line. Answers are graded only when you submit; they then count as reviews for your schedule
				without using up the day’s new questions.
			</p>
			<form
				class="form-grid"
				onSubmit={async (event) => {
					event.preventDefault();
					const random = seededRandom(randomSeed());
					const draw = exam
						? drawExamQuestions(questions, exam, length, random)
						: { questionIds: drawMockQuestions(questions, length, random), domainOf: {} };
					const seeds = Object.fromEntries(draw.questionIds.map((id) => [id, newSeed(random)]));
					const state = startMockExam(draw.questionIds, Date.now(), time, {
						exam: exam || null,
						seeds,
						domainOf: draw.domainOf,
					});
					await practice.store.setMeta('mock', { state });
					onStart(state);
				}}
			>
				<label>
					Exam
					<select value={exam} onChange={(e) => setExam(e.currentTarget.value as Exam | '')}>
						<option value="">All questions (no exam)</option>
						{EXAMS.map((code) => (
							<option value={code} key={code}>
								{code} · {EXAM_FORMATS[code].title}
							</option>
						))}
					</select>
				</label>
				<fieldset class="check-group">
					<legend>Length</legend>
					{exam && (
						<label class="check">
							<input
								type="radio"
								name="mock-form"
								checked={form === 'full'}
								onChange={() => setForm('full')}
							/>
							Full exam: {EXAM_FORMATS[exam].questions} questions in {EXAM_FORMATS[exam].minutes}{' '}
							minutes
						</label>
					)}
					<label class="check">
						<input
							type="radio"
							name="mock-form"
							checked={form === 'short'}
							onChange={() => setForm('short')}
						/>
						Short form: {SHORT_FORM_QUESTIONS} questions in{' '}
						{exam ? minutesFor(exam, SHORT_FORM_QUESTIONS) : SHORT_FORM_QUESTIONS * 2} minutes
					</label>
					<label class="check">
						<input
							type="radio"
							name="mock-form"
							checked={form === 'custom'}
							onChange={() => setForm('custom')}
						/>
						My own length
					</label>
				</fieldset>
				{form === 'custom' && (
					<>
						<label>
							Questions
							<input
								type="number"
								min={1}
								max={pool.length}
								value={count}
								onInput={(e) => setCount(Number(e.currentTarget.value))}
							/>
						</label>
						<label>
							Minutes
							<input
								type="number"
								min={1}
								max={300}
								value={minutes}
								onInput={(e) => setMinutes(Number(e.currentTarget.value))}
							/>
						</label>
					</>
				)}
				<p class="muted" data-testid="mock-summary">
					{length} questions in {time} minutes
					{exam
						? `, pass line ${EXAM_FORMATS[exam].pass}, drawn from the ${pool.length} questions tagged ${exam}.`
						: `, pass line 720, drawn across all ${pool.length} questions.`}
				</p>
				{notes.map((note) => (
					<p class="notice" key={note}>
						{note}
					</p>
				))}
				<div class="actions">
					<button type="submit" class="button" disabled={pool.length === 0}>
						Start mock exam
					</button>
					<button type="button" class="button secondary" onClick={onExit}>
						Back
					</button>
				</div>
			</form>
		</section>
	);
}
