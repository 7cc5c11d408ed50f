/** Scheduler settings: desired retention, daily limits, learning steps, leech threshold. */
import { useState } from 'preact/hooks';
import {
	createSchedulerConfig,
	DEFAULT_SCHEDULER_CONFIG,
	parseSteps,
	RETENTION_RANGE,
	SrsError,
} from '../../lib/srs';
import { EXAM_FORMATS } from '../../lib/quiz';
import type { Practice } from './use-practice';
import { withBase } from '../../config/site';
import { OptimiserPanel } from './OptimiserPanel';

/** The settings form; invalid values are refused with the engine's message. */
export function SettingsPanel({ practice, onExit }: { practice: Practice; onExit(): void }) {
	const s = practice.data.settings;
	const [retention, setRetention] = useState(String(s.desiredRetention));
	const [newPerDay, setNewPerDay] = useState(String(s.newPerDay));
	const [reviewsPerDay, setReviewsPerDay] = useState(String(s.reviewsPerDay));
	const [learning, setLearning] = useState(s.learningSteps.join(' '));
	const [relearning, setRelearning] = useState(s.relearningSteps.join(' '));
	const [leech, setLeech] = useState(String(s.leechThreshold));
	const [exam, setExam] = useState(practice.data.exam ?? '');
	const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);

	async function save(event: Event) {
		event.preventDefault();
		try {
			const config = createSchedulerConfig({
				...s,
				desiredRetention: Number(retention),
				newPerDay: Number(newPerDay),
				reviewsPerDay: Number(reviewsPerDay),
				learningSteps: parseSteps(learning),
				relearningSteps: parseSteps(relearning),
				leechThreshold: Number(leech),
			});
			await practice.store.saveSettings(config);
			if ((exam || null) !== practice.data.exam) await practice.store.saveExam(exam || null);
			setMessage({ text: 'Settings saved. They apply to answers from now on.', error: false });
		} catch (error) {
			setMessage({ text: error instanceof SrsError ? error.message : String(error), error: true });
		}
	}

	return (
		<section class="card settings" aria-labelledby="settings-heading">
			<h2 id="settings-heading">Settings</h2>
			<form class="form-grid" onSubmit={save} noValidate>
				<label>
					My exam
					<select
						value={exam}
						onChange={(e) => setExam(e.currentTarget.value)}
						aria-describedby="exam-help"
					>
						<option value="">No particular exam (all questions)</option>
						{Object.entries(EXAM_FORMATS).map(([code, format]) => (
							<option value={code} key={code}>
								{code} · {format.title}
							</option>
						))}
					</select>
				</label>
				<p id="exam-help" class="muted help">
					Sets the mock exam’s default, the planner’s count of new questions and readiness, custom
					study’s exam filter, and introduces that exam’s questions first.
				</p>
				<label>
					Desired retention ({RETENTION_RANGE.min.toFixed(2)}–{RETENTION_RANGE.max.toFixed(2)})
					<input
						type="number"
						step="0.01"
						min={RETENTION_RANGE.min}
						max={RETENTION_RANGE.max}
						value={retention}
						onInput={(e) => setRetention(e.currentTarget.value)}
						aria-describedby="retention-help"
					/>
				</label>
				<p id="retention-help" class="muted help">
					The chance of remembering a question when it comes back. Higher means more reviews; above
					0.95 the workload grows fast. Default{' '}
					{DEFAULT_SCHEDULER_CONFIG.desiredRetention.toFixed(2)}.
				</p>
				<label>
					New questions a day
					<input
						type="number"
						min={0}
						max={9999}
						value={newPerDay}
						onInput={(e) => setNewPerDay(e.currentTarget.value)}
					/>
				</label>
				<label>
					Maximum reviews a day
					<input
						type="number"
						min={0}
						max={99999}
						value={reviewsPerDay}
						onInput={(e) => setReviewsPerDay(e.currentTarget.value)}
					/>
				</label>
				<label>
					Learning steps
					<input
						type="text"
						value={learning}
						onInput={(e) => setLearning(e.currentTarget.value)}
						aria-describedby="steps-help"
						spellcheck={false}
					/>
				</label>
				<label>
					Relearning steps
					<input
						type="text"
						value={relearning}
						onInput={(e) => setRelearning(e.currentTarget.value)}
						aria-describedby="steps-help"
						spellcheck={false}
					/>
				</label>
				<p id="steps-help" class="muted help">
					Minutes (m) or hours (h) before a new or forgotten question comes back the same day, such
					as “1m 10m”. Keep each step under a day; leave empty to let FSRS decide.
				</p>
				<label>
					Leech after this many lapses
					<input
						type="number"
						min={1}
						max={99}
						value={leech}
						onInput={(e) => setLeech(e.currentTarget.value)}
					/>
				</label>
				<div class="actions">
					<button type="submit" class="button">
						Save settings
					</button>
					<button type="button" class="button secondary" onClick={onExit}>
						Back
					</button>
				</div>
				<p role="status" class={message?.error ? 'notice danger' : 'muted'}>
					{message?.text}
				</p>
			</form>
			<OptimiserPanel practice={practice} />
			<p class="muted">
				Export, import and reset of your progress are on the{' '}
				<a href={withBase('/progress/#your-data')}>Progress</a> page.
			</p>
		</section>
	);
}
