/**
 * "Optimise my scheduler": fits FSRS parameters to the learner's own reviews (in a worker), shows log
 * loss and RMSE before and after on those reviews, and offers to apply the new parameters only when
 * they predict better. The review log is never touched, so "Use the defaults" or "Undo" restores the
 * schedule exactly; the last fit is kept in the store for the undo.
 */
import { useState } from 'preact/hooks';
import {
	createSchedulerConfig,
	fitsBetter,
	holdOutFrom,
	measureFit,
	rebuildCards,
	OPTIMISE_MIN_REVIEWS,
	trainingData,
	type FitMeasure,
} from '../../lib/srs';
import { fitParameters } from '../../client/optimiser';
import { plural, type Practice } from './use-practice';

/** The last optimisation, kept in the store's meta for undo. */
export interface OptimiserRecord {
	at: string;
	before: number[] | null;
	after: number[];
	measures: { before: FitMeasure; after: FitMeasure };
}

type Status =
	| { kind: 'idle' }
	| { kind: 'running' }
	| { kind: 'done'; weights: number[]; before: FitMeasure; after: FitMeasure }
	| { kind: 'error'; message: string };

const f = (value: number) => (Number.isFinite(value) ? value.toFixed(4) : '–');

export function OptimiserPanel({ practice }: { practice: Practice }) {
	const [status, setStatus] = useState<Status>({ kind: 'idle' });
	const [message, setMessage] = useState('');
	const settings = practice.data.settings;
	const data = trainingData(practice.cards.values());
	const enough = data.reviews >= OPTIMISE_MIN_REVIEWS;

	async function optimise() {
		setStatus({ kind: 'running' });
		setMessage('');
		try {
			const { log } = practice.data;
			const current = createSchedulerConfig(settings);
			const from = holdOutFrom(practice.cards.values());
			const earlier = rebuildCards(
				log.filter((row) => row.at < from),
				current,
				practice.ctx
			);
			const checked = await fitParameters(trainingData(earlier.values()));
			const before = measureFit(log, current, practice.ctx, from);
			const after = measureFit(
				log,
				createSchedulerConfig({ ...settings, weights: checked }),
				practice.ctx,
				from
			);
			const weights = fitsBetter(before, after) ? await fitParameters(data) : checked;
			setStatus({ kind: 'done', weights, before, after });
		} catch (error) {
			setStatus({ kind: 'error', message: (error as Error).message });
		}
	}

	async function apply(weights: number[], measures: OptimiserRecord['measures']) {
		const record: OptimiserRecord = {
			at: new Date().toISOString(),
			before: settings.weights ?? null,
			after: weights,
			measures,
		};
		await practice.store.setMeta('optimiser', record);
		await practice.store.saveSettings({ ...settings, weights });
		setStatus({ kind: 'idle' });
		setMessage('Your parameters are applied. Every card was rescheduled from your review log.');
	}

	async function restore(weights: number[] | undefined, text: string) {
		await practice.store.saveSettings(createSchedulerConfig({ ...settings, weights }));
		setMessage(text);
	}

	return (
		<section class="optimiser" aria-labelledby="optimiser-heading">
			<h3 id="optimiser-heading">Optimise my scheduler</h3>
			<p class="muted prose">
				FSRS predicts when you will forget with 21 parameters. The defaults fit millions of Anki
				users; once you have {OPTIMISE_MIN_REVIEWS.toLocaleString('en')} or more reviews a day or
				more apart, they can be fitted to you, on this device. Your answers are never changed, so
				you can always go back.
			</p>
			<p data-testid="optimiser-state">
				{settings.weights
					? 'Now using parameters fitted to your reviews.'
					: 'Now using the default FSRS parameters.'}{' '}
				You have {plural(data.reviews, 'review')} a day or more apart
				{enough ? '.' : ` (${OPTIMISE_MIN_REVIEWS.toLocaleString('en')} needed).`}
			</p>
			<div class="actions">
				<button
					type="button"
					class="button secondary"
					disabled={!enough || status.kind === 'running' || !!practice.data.readOnly}
					onClick={optimise}
				>
					{status.kind === 'running' ? 'Optimising…' : 'Optimise my scheduler'}
				</button>
				{settings.weights && (
					<button
						type="button"
						class="button secondary"
						onClick={async () => {
							const last = await practice.store.getMeta<OptimiserRecord>('optimiser');
							await restore(
								last?.before ?? undefined,
								last?.before
									? 'Your previous parameters are back.'
									: 'The default parameters are back.'
							);
						}}
					>
						Undo: use my previous parameters
					</button>
				)}
			</div>
			{status.kind === 'error' && (
				<p class="notice danger" role="alert">
					The optimiser could not fit your reviews: {status.message}. Nothing changed.
				</p>
			)}
			{status.kind === 'done' && (
				<div class="optimiser-result" role="status">
					<div class="table-scroll">
						<table>
							<caption>
								How well each set predicts your latest {plural(status.before.reviews, 'review')}{' '}
								(held out from the fit)
							</caption>
							<thead>
								<tr>
									<th scope="col">Parameters</th>
									<th scope="col">Log loss</th>
									<th scope="col">RMSE (bins)</th>
								</tr>
							</thead>
							<tbody>
								<tr>
									<th scope="row">
										{settings.weights ? 'Current (fitted earlier)' : 'Current (defaults)'}
									</th>
									<td>{f(status.before.logLoss)}</td>
									<td>{f(status.before.rmse)}</td>
								</tr>
								<tr>
									<th scope="row">Fitted to your earlier reviews</th>
									<td>{f(status.after.logLoss)}</td>
									<td>{f(status.after.rmse)}</td>
								</tr>
							</tbody>
						</table>
					</div>
					{fitsBetter(status.before, status.after) ? (
						<div class="actions">
							<button
								type="button"
								class="button"
								onClick={() =>
									apply(status.weights, { before: status.before, after: status.after })
								}
							>
								Apply parameters fitted to all my reviews
							</button>
							<span class="muted">Lower is better for both.</span>
						</div>
					) : (
						<p>The fitted parameters do not predict your answers better, so nothing changed.</p>
					)}
				</div>
			)}
			<p role="status" class="muted">
				{message}
			</p>
		</section>
	);
}
