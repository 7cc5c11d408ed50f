/** Matching: the number of targets and their texts (extra targets are distractors). */
import { withTarget, withTargetCount } from '../../../lib/bank/question-draft';
import type { DraftFieldProps } from './use-field-problems';

export function TargetsEditor({ draft, onChange, problems }: DraftFieldProps) {
	const { touch, invalid, describedBy, errorText } = problems;
	return (
		<fieldset class="targets-editor" aria-describedby={describedBy('targets')}>
			<legend>Targets</legend>
			<div class="field field-inline">
				<label for="qe-target-count">Number of targets</label>
				<select
					id="qe-target-count"
					value={String(draft.targets.length)}
					onChange={(event) => onChange(withTargetCount(draft, Number(event.currentTarget.value)))}
				>
					{[3, 4, 5, 6, 7, 8].map((n) => (
						<option value={String(n)}>{n}</option>
					))}
				</select>
			</div>
			{errorText('targets')}
			{draft.targets.map((target, index) => {
				const key = `target-${index}-text`;
				return (
					<div class="field">
						<label for={`qe-${key}`}>Target {index + 1}</label>
						<input
							id={`qe-${key}`}
							type="text"
							value={target}
							aria-invalid={invalid(key)}
							aria-describedby={describedBy(key)}
							onInput={(event) => onChange(withTarget(draft, index, event.currentTarget.value))}
							onBlur={touch(key)}
						/>
						{errorText(key)}
					</div>
				);
			})}
		</fieldset>
	);
}
