/**
 * Island root of /progress/: review heatmap (365 days), due forecast (30 days), true retention and
 * readiness per lesson, counts by card state, most-chosen wrong options, and the learner's data
 * (export, import, reset). Charts come with tables of the same numbers.
 */
import { useRef, useState } from 'preact/hooks';
import { distractorSentence, distractorStats } from '../../lib/quiz';
import {
	dayIndex,
	dayToIsoDate,
	dueForecast,
	parseProgressFile,
	ProgressFormatError,
	reviewHeatmap,
	serializeProgressFile,
	stateCounts,
	totalAnswers,
	trueRetention,
} from '../../lib/srs';
import { downloadText } from '../../client/download';
import { BackupNotice } from '../practice/BackupNotice';
import { lessonGroups, lessonReadiness, ReadinessTable } from '../practice/Planner';
import { percent, plural, usePractice, type Practice } from '../practice/use-practice';
import { BarChart, ColumnChart, Heatmap } from './charts';
import { withBase } from '../../config/site';
import '../practice/practice.css';
import './progress.css';

/** Island root of /progress/. */
export default function ProgressApp() {
	const { practice, error } = usePractice();
	if (error) {
		return (
			<p class="notice danger" role="alert">
				Progress could not be loaded: {error}.
			</p>
		);
	}
	if (!practice) return <p aria-busy="true">Loading your progress…</p>;
	return <ProgressView practice={practice} />;
}

function ProgressView({ practice }: { practice: Practice }) {
	const now = Date.now();
	const { cards, ctx, order } = practice;
	const settings = practice.data.settings;
	const total = totalAnswers(cards);
	const heat = reviewHeatmap(cards, now, ctx, 365).map((d) => ({
		...d,
		date: dayToIsoDate(d.day, ctx),
	}));
	const activeDays = heat.filter((d) => d.count > 0).length;
	const forecast = dueForecast(cards, now, ctx, 30);
	const counts = stateCounts(cards, order);
	const groups = lessonGroups(practice);
	const retention = trueRetention(groups, cards, ctx);
	const { readiness, when, target } = lessonReadiness(practice, now);
	const distractors = distractorStats(practice.bank.questions, cards, 1, 8);
	const title = (slug: string) => practice.bank.lessons.find((l) => l.slug === slug)?.title ?? slug;

	return (
		<div class="progress">
			<BackupNotice practice={practice} />
			<p class="summary">
				You have answered <strong data-testid="total-reviews">{plural(total, 'review')}</strong> in
				total, on {plural(activeDays, 'day')} in the last year.{' '}
				{plural(counts.total - counts.new, 'question')} of {counts.total} seen.
			</p>

			<section aria-labelledby="states-heading">
				<h2 id="states-heading">Questions by state</h2>
				<div class="table-scroll">
					<table class="compact">
						<thead>
							<tr>
								<th scope="col">New</th>
								<th scope="col">Learning</th>
								<th scope="col">Review</th>
								<th scope="col">Relearning</th>
								<th scope="col">Suspended</th>
								<th scope="col">Leeches</th>
							</tr>
						</thead>
						<tbody>
							<tr>
								<td>{counts.new}</td>
								<td>{counts.learning}</td>
								<td>{counts.review}</td>
								<td>{counts.relearning}</td>
								<td>{counts.suspended}</td>
								<td>{counts.leech}</td>
							</tr>
						</tbody>
					</table>
				</div>
			</section>

			<section aria-labelledby="heatmap-heading">
				<h2 id="heatmap-heading">Reviews in the last 365 days</h2>
				<Heatmap
					days={heat}
					label={`Review calendar: ${plural(total, 'review')} on ${plural(activeDays, 'day')}; details in the table below`}
				/>
				<p class="muted small">
					Darker squares mean more reviews. Weeks run left to right, Sunday at the top.
				</p>
				<details>
					<summary>Reviews per day (table)</summary>
					<div class="table-scroll">
						<table class="compact">
							<thead>
								<tr>
									<th scope="col">Date</th>
									<th scope="col">Reviews</th>
								</tr>
							</thead>
							<tbody>
								{heat
									.filter((d) => d.count > 0)
									.reverse()
									.map((d) => (
										<tr key={d.date}>
											<td>{d.date}</td>
											<td>{d.count}</td>
										</tr>
									))}
								{activeDays === 0 && (
									<tr>
										<td colSpan={2}>No reviews yet.</td>
									</tr>
								)}
							</tbody>
						</table>
					</div>
				</details>
			</section>

			<section aria-labelledby="forecast-heading">
				<h2 id="forecast-heading">Due in the next 30 days</h2>
				<ColumnChart
					values={forecast.map((d) => d.count)}
					label={`Due forecast: ${forecast[0]?.count ?? 0} today, ${forecast.reduce((s, d) => s + d.count, 0)} in 30 days`}
				/>
				<p class="muted small">Today’s column (first) includes overdue questions.</p>
				<details>
					<summary>Due per day (table)</summary>
					<div class="table-scroll">
						<table class="compact">
							<thead>
								<tr>
									<th scope="col">Date</th>
									<th scope="col">Due</th>
								</tr>
							</thead>
							<tbody>
								{forecast.map((d, i) => (
									<tr key={d.day}>
										<td>
											{dayToIsoDate(d.day, ctx)}
											{i === 0 && ' (today)'}
										</td>
										<td>{d.count}</td>
									</tr>
								))}
							</tbody>
						</table>
					</div>
				</details>
			</section>

			<section aria-labelledby="readiness-heading">
				<h2 id="readiness-heading">Readiness per lesson</h2>
				<p class="muted prose">
					The share of each lesson’s questions you are expected to answer right {when}, from the
					FSRS memory states corrected by your recent answers; unseen questions count at your
					first-attempt accuracy. The dashed line is the exam’s pass share ({percent(target)}); the
					<a href={withBase('/practice/?mode=planner')}>planner</a> explains the figures.
				</p>
				<BarChart
					label="Readiness per lesson"
					target={target}
					items={readiness.map((r) => ({ label: title(r.key), value: r.expected }))}
				/>
				<ReadinessTable readiness={readiness} title={title} target={target} />
			</section>

			<section aria-labelledby="retention-heading">
				<h2 id="retention-heading">True retention per lesson</h2>
				<p class="muted prose">
					Share of reviews passed (anything but Again), counting only the first answer of the day to
					questions already in review, as Anki does. Young: interval under 21 days; mature: 21 days
					or more.
				</p>
				<div class="table-scroll">
					<table>
						<thead>
							<tr>
								<th scope="col">Lesson</th>
								<th scope="col">Young</th>
								<th scope="col">Mature</th>
								<th scope="col">All</th>
							</tr>
						</thead>
						<tbody>
							{retention.map((r) => (
								<tr key={r.key}>
									<th scope="row">{title(r.key)}</th>
									{[r.young, r.mature, r.all].map((c, i) => (
										<td key={i}>
											{c.total ? `${percent(c.passed / c.total)} (${c.passed} of ${c.total})` : '—'}
										</td>
									))}
								</tr>
							))}
						</tbody>
					</table>
				</div>
			</section>

			<section aria-labelledby="distractor-heading">
				<h2 id="distractor-heading">Wrong options you choose most</h2>
				{distractors.length === 0 ? (
					<p class="muted">None yet.</p>
				) : (
					<ol class="distractors">
						{distractors.map((d) => (
							<li key={`${d.questionId}-${d.optionId}`}>
								{distractorSentence(d)} <span class="muted">({title(d.lesson)})</span>
							</li>
						))}
					</ol>
				)}
			</section>

			<DataPanel practice={practice} />
		</div>
	);
}

function DataPanel({ practice }: { practice: Practice }) {
	const [message, setMessage] = useState<{
		text: string;
		error: boolean;
		issues?: string[];
	} | null>(null);
	const fileRef = useRef<HTMLInputElement>(null);
	const resetRef = useRef<HTMLDialogElement>(null);
	return (
		<section aria-labelledby="your-data" class="card data-panel">
			<h2 id="your-data">Your data</h2>
			<p class="prose">
				Your progress lives only in this browser. Export it to keep a copy or move it to another
				browser; importing a file replaces the progress here.
			</p>
			<div class="actions">
				<button
					type="button"
					class="button"
					onClick={async () => {
						const file = await practice.store.exportFile(new Date());
						downloadText(
							`cognito-study-progress-${file.exportedAt.slice(0, 10)}.json`,
							serializeProgressFile(file),
							'application/json'
						);
						setMessage({ text: `Exported ${plural(file.log.length, 'log row')}.`, error: false });
					}}
				>
					Export progress
				</button>
				<label class="button secondary file-button">
					Import progress
					<input
						ref={fileRef}
						type="file"
						accept="application/json,.json"
						class="sr-only"
						onChange={async (event) => {
							const input = event.currentTarget;
							const file = input.files?.[0];
							input.value = '';
							if (!file) return;
							try {
								const parsed = parseProgressFile(await file.text());
								const reviews = parsed.log.filter((row) => row.kind === 'review').length;
								if (
									!confirm(
										`Replace your current progress with “${file.name}” (${plural(reviews, 'review')})?`
									)
								)
									return;
								await practice.store.replaceAll(parsed);
								setMessage({
									text: `Imported “${file.name}”: ${plural(reviews, 'review')}.`,
									error: false,
								});
							} catch (error) {
								if (error instanceof ProgressFormatError) {
									setMessage({
										text: `“${file.name}” was not imported, and your progress is unchanged. ${error.message.split(':')[0]}.`,
										error: true,
										issues: error.issues,
									});
								} else {
									setMessage({
										text: `Import failed, and your progress is unchanged: ${(error as Error).message}`,
										error: true,
									});
								}
							}
						}}
					/>
				</label>
				<button
					type="button"
					class="button secondary danger"
					onClick={() => resetRef.current?.showModal()}
				>
					Reset progress
				</button>
			</div>
			<div role="status" aria-live="polite">
				{message && (
					<div class={`notice ${message.error ? 'danger' : ''}`}>
						<p>{message.text}</p>
						{message.issues && message.issues.length > 0 && (
							<ul>
								{message.issues.slice(0, 8).map((issue) => (
									<li key={issue}>{issue}</li>
								))}
							</ul>
						)}
					</div>
				)}
			</div>
			<dialog ref={resetRef} class="confirm" aria-labelledby="reset-heading">
				<h2 id="reset-heading">Reset all progress?</h2>
				<p>
					This deletes every answer, your settings and your exam date from this browser. Export
					first if you may want them back.
				</p>
				<div class="actions">
					<button
						type="button"
						class="button danger"
						onClick={async () => {
							resetRef.current?.close();
							await practice.store.reset();
							setMessage({ text: 'All progress was deleted.', error: false });
						}}
					>
						Delete everything
					</button>
					<button type="button" class="button secondary" onClick={() => resetRef.current?.close()}>
						Cancel
					</button>
				</div>
			</dialog>
		</section>
	);
}
