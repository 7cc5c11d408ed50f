/** The exam-date planner: paces new cards to finish 14 days before the exam and shows readiness per lesson. */
import { useState } from 'preact/hooks';
import {
	CONSOLIDATION_DAYS,
	dayIndex,
	dayToIsoDate,
	isoDateToDay,
	readinessByGroup,
} from '../../lib/srs';
import { BarChart } from '../progress/charts';
import { percent, plural, type Practice } from './use-practice';

/** Question ids per lesson, in course order, leaving out lessons without questions. */
export function lessonGroups(practice: Practice): Array<[string, string[]]> {
	return practice.bank.lessons
		.map(
			(lesson) =>
				[
					lesson.slug,
					practice.bank.questions.filter((q) => q.lesson === lesson.slug).map((q) => q.id),
				] as [string, string[]]
		)
		.filter(([, ids]) => ids.length > 0);
}

/** The exam-date planner view. */
export function Planner({ practice, onExit }: { practice: Practice; onExit(): void }) {
	const [date, setDate] = useState(practice.data.examDate ?? '');
	const [message, setMessage] = useState('');
	const { plan, ctx } = practice;
	const now = Date.now();
	const today = dayIndex(now, ctx);
	const examAt = plan ? Math.max(now, (plan.examDay - today) * 86_400_000 + now) : now;
	const readiness = readinessByGroup(
		lessonGroups(practice),
		practice.cards,
		examAt,
		practice.data.settings
	);
	const target = practice.data.settings.desiredRetention;
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
			<h3>{plan ? 'Predicted recall on exam day' : 'Predicted recall today'}</h3>
			<p class="muted prose">
				From the FSRS memory state of each question as it is now, that is, if you did no more
				reviews; questions you have not met yet count as 0. The dashed line is your desired
				retention ({percent(target)}).
			</p>
			<BarChart
				label={`Readiness per lesson against a target of ${percent(target)}`}
				target={target}
				items={readiness.map((r) => ({ label: title(r.key), value: r.recall }))}
			/>
			<ReadinessTable readiness={readiness} title={title} target={target} />
		</section>
	);
}

/** Readiness per lesson as a table (the numbers behind the bar chart). */
export function ReadinessTable({
	readiness,
	title,
	target,
}: {
	readiness: Array<{ key: string; total: number; seen: number; recall: number }>;
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
						<th scope="col">Predicted recall</th>
						<th scope="col">Against target</th>
					</tr>
				</thead>
				<tbody>
					{readiness.map((r) => (
						<tr key={r.key}>
							<th scope="row">{title(r.key)}</th>
							<td>
								{r.seen} of {r.total}
							</td>
							<td>{percent(r.recall)}</td>
							<td>
								{r.recall >= target
									? '✓ on target'
									: `${Math.round((target - r.recall) * 100)} points below`}
							</td>
						</tr>
					))}
				</tbody>
			</table>
		</div>
	);
}
