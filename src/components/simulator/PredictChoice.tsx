/**
 * "Predict before you run": the learner picks what the client will receive before a step runs; after the run the
 * pick is graded against what actually happened (an edited trigger can change it) and both explanations show.
 * A radio group in a fieldset, so it works with the keyboard and screen readers as any form does.
 */
import { gradePrediction, type Prediction, type StepResult } from '../../lib/simulator';

interface Props {
	/** Step id, for unique control names. */
	stepId: string;
	predict: Prediction;
	/** For `Sandbox.SimulateRequest` steps (their outcome is the decision). */
	decision?: 'Allow' | 'Deny';
	/** The outcome the learner picked, if any. */
	picked?: string;
	/** The step's result once it ran. */
	result?: StepResult;
	/** Whether the choice can still change (not while running, not after the run). */
	disabled: boolean;
	onPick(outcome: string): void;
}

export function PredictChoice({
	stepId,
	predict,
	decision,
	picked,
	result,
	disabled,
	onPick,
}: Props) {
	const grade =
		result && picked ? gradePrediction({ decision, predict }, picked, result.outcome) : undefined;
	const name = `predict-${stepId}`;
	return (
		<fieldset class="predict" data-testid={`predict-${stepId}`}>
			<legend>
				<strong>Predict first:</strong> {predict.prompt}
			</legend>
			{predict.choices.map((choice, index) => {
				const id = `${name}-${index}`;
				const mark = grade
					? choice.outcome === grade.actual
						? 'happened'
						: choice.outcome === picked
							? 'missed'
							: ''
					: '';
				return (
					<div class={`predict-choice ${mark}`} key={choice.outcome}>
						<input
							type="radio"
							id={id}
							name={name}
							value={choice.outcome}
							checked={picked === choice.outcome}
							disabled={disabled || Boolean(result)}
							onChange={() => onPick(choice.outcome)}
						/>
						<label for={id}>
							{choice.label}
							{mark === 'happened' && <span class="predict-mark"> (what happened)</span>}
							{mark === 'missed' && <span class="predict-mark"> (your pick)</span>}
						</label>
					</div>
				);
			})}
			{!picked && !result && <p class="small muted">Pick what you expect, then run the step.</p>}
			{result && !picked && <p class="small muted">This step ran without a prediction.</p>}
			{grade && (
				<div class={`predict-grade ${grade.correct ? 'ok-text' : 'error-text'}`} role="status">
					<p>
						<strong>{grade.verdict}</strong>
					</p>
					{grade.happened && <p>{grade.happened}</p>}
					{!grade.correct && grade.picked && (
						<p>
							<em>About your pick:</em> {grade.picked}
						</p>
					)}
				</div>
			)}
		</fieldset>
	);
}
