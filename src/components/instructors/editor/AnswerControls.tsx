/**
 * How an option says its part in the answer, one control per question type: right-answer and
 * keep-in-place boxes (single/multi), a position (ordering) or a target (matching).
 */
import {
	matchOf,
	stepPosition,
	withMatch,
	withRightOption,
	withStepPosition,
	type QuestionDraft,
} from '../../../lib/bank/question-draft';
import { TickBoxes } from './TickBoxes';

interface Props {
	draft: QuestionDraft;
	onChange(draft: QuestionDraft): void;
	/** Position of the option (0-based) and its id (`a`…). */
	index: number;
	id: string;
}

/** Single/multi: "is a right answer" and "keep in place when shuffled". */
export function ChoiceAnswerControls({ draft, onChange, index, id }: Props) {
	const letter = id.toUpperCase();
	return (
		<div class="choice-row">
			<label class="choice right-toggle">
				<input
					id={`qe-right-${index}`}
					type={draft.type === 'single' ? 'radio' : 'checkbox'}
					name="qe-right"
					checked={draft.answer.includes(id)}
					onChange={(event) => onChange(withRightOption(draft, id, event.currentTarget.checked))}
				/>
				Option {letter} is a right answer
			</label>
			<TickBoxes
				items={[{ value: id, label: 'Keep in place when shuffled', id: `qe-pinned-${index}` }]}
				chosen={draft.pinned}
				onChange={(pinned) => onChange({ ...draft, pinned })}
			/>
		</div>
	);
}

/** Ordering: the step's position in the right order. */
export function StepPositionSelect({ draft, onChange, index, id }: Props) {
	return (
		<div class="field field-inline">
			<label for={`qe-right-${index}`}>Position of step {id.toUpperCase()}</label>
			<select
				id={`qe-right-${index}`}
				value={String(stepPosition(draft, id) || '')}
				onChange={(event) =>
					onChange(withStepPosition(draft, id, Number(event.currentTarget.value)))
				}
			>
				<option value="">Choose…</option>
				{draft.options.map((_, position) => (
					<option value={String(position + 1)}>{position + 1}</option>
				))}
			</select>
		</div>
	);
}

/** Matching: the target the item matches. */
export function MatchTargetSelect({ draft, onChange, index, id }: Props) {
	return (
		<div class="field field-inline">
			<label for={`qe-right-${index}`}>Item {id.toUpperCase()} matches</label>
			<select
				id={`qe-right-${index}`}
				value={matchOf(draft, id)}
				onChange={(event) => onChange(withMatch(draft, id, event.currentTarget.value))}
			>
				<option value="">Choose…</option>
				{draft.targets.map((target, position) => (
					<option value={`t${position + 1}`}>
						Target {position + 1}
						{target ? `: ${target.slice(0, 40)}` : ''}
					</option>
				))}
			</select>
		</div>
	);
}
