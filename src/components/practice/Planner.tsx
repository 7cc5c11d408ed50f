/** The exam-date planner: paces new cards to finish 14 days before the exam and shows readiness per lesson. */
import { useState } from 'preact/hooks';
import {
	CONSOLIDATION_DAYS,
	dayIndex,
	dayStart,
	dayToIsoDate,
	isoDateToDay,
	readinessByGroup,
	type GroupReadiness,
} from '../../lib/srs';
import { passLine } from '../../lib/quiz';
import type { Exam } from '../../schemas/vocabulary';
import { BarChart } from '../progress/charts';
import { percent, plural, type Practice } from './use-practice';

/** Question ids per lesson (within the chosen exam's questions), in course order, leaving out empty lessons. */
export function lessonGroups(practice: Practice): Array<[string, string[]]> {
	const scope = new Set(practice.scope);
	return practice.bank.lessons
		.map(
			(lesson) =>
				[
					lesson.slug,
					practice.bank.questions
						.filter((q) => q.lesson === lesson.slug && scope.has(q.id))
						.map((q) => q.id),
				] as [string, string[]]
		)
		.filter(([, ids]) => ids.length > 0);
}

/**
 * Readiness per lesson on the exam date (or, with no date set, a week from now), against the pass
 * share of the chosen exam (72 %, or 75 % for SCS-C02).
 */
export function lessonReadiness(practice: Practice, now = Date.now()) {
	const at = practice.plan
		? Math.max(now, dayStart(practice.plan.examDay, practice.ctx))
		: now + 7 * 86_400_000;
	return {
		readiness: readinessByGroup(
			lessonGroups(practice),
			practice.cards,
			at,
			practice.data.settings,
			now
		),
		when: practice.plan ? 'on your exam date' : 'if the exam were in a week',
		target: passLine(practice.data.exam as Exam | null) / 1000,
	};
}

/** The exam-date planner view. */
export function Planner({ practice, onExit }: { practice: Practice; onExit(): void }) {
	const [date, setDate] = useState(practice.data.examDate ?? '');
	const [message, setMessage] = useState('');
	const { plan, ctx } = practice;
	const now = Date.now();
	const today = dayIndex(now, ctx);
	const { readiness, when, target } = lessonReadiness(practice, now);
	const title = (slug: string) => practice.bank.lessons.find((l) => l.slug === slug)?.title ?? slug;
	return (
		<section class="planner" aria-labelledby="planner-heading">
			<div class="card">
				<h2 id="planner-heading">Exam-date planner</h2>
				<p class="prose">
					Enter your exam date. New questions are then paced so that every one has been introduced
					at least {CONSOLIDATION_DAYS} days before the exam, leaving the last two weeks for review.
				</p>
				<form
					class="form-grid"
					onSubmit={async (event) => {
						event.preventDefault();
						if (date && isoDateToDay(date, ctx) <= today) {
							setMessage('Choose a date after today.');
							return;
						}
						await practice.store.saveExamDate(date || null);
						setMessage(date ? 'Exam date saved.' : 'Exam date cleared.');
					}}
				>
					<label>
						Exam date
						<input
							type="date"
							value={date}
							min={dayToIsoDate(today + 1, ctx)}
							onInput={(e) => setDate(e.currentTarget.value)}
						/>
					</label>
					<div class="actions">
						<button type="submit" class="button">
							Save exam date
						</button>
						<button type="button" class="button secondary" onClick={onExit}>
							Back
						</button>
					</div>
					<p role="status" class="muted">
						{message}
					</p>
				</form>
				{plan && (
					<div class="plan">
						<p>
							Exam on <strong>{dayToIsoDate(plan.examDay, ctx)}</strong>, in{' '}
							{plural(plan.examDay - today, 'day')}. New questions left:{' '}
							<strong data-testid="new-left">{plan.unseen}</strong>.
						</p>
						{plan.late ? (
							<p class="notice warning">
								The {CONSOLIDATION_DAYS}-day mark ({dayToIsoDate(plan.lastIntroductionDay, ctx)})
								has passed: all {plan.remaining} remaining questions are offered today. Consider a
								later date if you can.
							</p>
						) : (
							<p>
								Pace: <strong>{plural(plan.pace, 'new question')} a day</strong> until{' '}
								{dayToIsoDate(plan.lastIntroductionDay, ctx)}. Today’s limit is {plan.newLimitToday}
								{plan.newLimitToday > practice.data.settings.newPerDay
									? ' (raised from your setting)'
									: ' (your setting)'}
								{plan.finishDay !== null &&
									`; at that rate the last new question comes on ${dayToIsoDate(plan.finishDay, ctx)}`}
								.
							</p>
						)}
					</div>
				)}
			</div>
			<h3>Readiness {when}</h3>
			<p class="muted prose">
				The share of each lesson’s questions you are expected to answer right {when}, if you did no
				more reviews: from each question’s FSRS memory state on that date, corrected by how your own
				recent answers compared with the scheduler’s predictions. Questions you have not met count
				at your first-attempt accuracy. The range shows the uncertainty; with few answers it is
				wide. The dashed line is the exam’s pass share ({percent(target)}).
			</p>
			<BarChart
				label={`Readiness per lesson against the pass share of ${percent(target)}`}
				target={target}
				items={readiness.map((r) => ({ label: title(r.key), value: r.expected }))}
			/>
			<ReadinessTable readiness={readiness} title={title} target={target} />
		</section>
	);
}

/** Readiness per lesson as a table (the numbers behind the bar chart, with ranges). */
export function ReadinessTable({
	readiness,
	title,
	target,
}: {
	readiness: GroupReadiness[];
	title(slug: string): string;
	target: number;
}) {
	return (
		<div class="table-scroll">
			<table>
				<caption class="sr-only">Readiness per lesson</caption>
				<thead>
					<tr>
						<th scope="col">Lesson</th>
						<th scope="col">Seen</th>
						<th scope="col">Recent answers</th>
						<th scope="col">Readiness (range)</th>
						<th scope="col">Against the pass share</th>
					</tr>
				</thead>
				<tbody>
					{readiness.map((r) => (
						<tr key={r.key}>
							<th scope="row">{title(r.key)}</th>
							<td>
								{r.seen} of {r.total}
							</td>
							<td>
								{r.recent.total ? `${r.recent.correct} of ${r.recent.total} right` : 'none yet'}
							</td>
							<td>
								{percent(r.expected)}{' '}
								<span class="muted">
									({percent(r.low)}–{percent(r.high)})
								</span>
								{r.thin && <span class="muted"> · little data</span>}
							</td>
							<td>
								{r.expected >= target
									? '✓ above'
									: `${Math.round((target - r.expected) * 100)} points below`}
							</td>
						</tr>
					))}
				</tbody>
			</table>
		</div>
	);
}
