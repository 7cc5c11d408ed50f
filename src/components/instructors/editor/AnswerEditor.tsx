/** The editor's "Options and answer" group: how many options, the targets (matching) and each option. */
import { withOptionCount } from '../../../lib/bank/question-draft';
import { OptionEditor } from './OptionEditor';
import { TargetsEditor } from './TargetsEditor';
import type { DraftFieldProps } from './use-field-problems';

const HINTS = {
	single:
		'Mark the one right option. Explain every option in 1–3 sentences; "Right:" or "Wrong:" is added for you. Make wrong options plausible (real features used in the wrong place); no "all of the above".',
	multi:
		'Mark the 2 or 3 right options. Explain every option in 1–3 sentences; "Right:" or "Wrong:" is added for you. Make wrong options plausible (real features used in the wrong place); no "all of the above".',
	ordering:
		'Write the steps in any order and give each its position; students always see them shuffled. Explain where each step comes and why.',
	matching:
		'Write the items (left) and the targets (right; extra targets make good distractors), then choose each item’s target. A target may fit several items. Explain why each item matches.',
} as const;

const COUNTED = {
	single: 'options',
	multi: 'options',
	ordering: 'steps',
	matching: 'items',
} as const;

export function AnswerEditor({ draft, onChange, problems }: DraftFieldProps) {
	return (
		<fieldset class="editor-group" aria-describedby={problems.describedBy('answer', true)}>
			<legend>Options and answer</legend>
			<p id="qe-answer-hint" class="field-hint">
				{HINTS[draft.type]}
			</p>
			{draft.type !== 'single' && (
				<div class="field field-inline">
					<label for="qe-count">Number of {COUNTED[draft.type]}</label>
					<select
						id="qe-count"
						value={String(draft.options.length)}
						onChange={(event) =>
							onChange(withOptionCount(draft, Number(event.currentTarget.value)))
						}
					>
						{(draft.type === 'multi' ? [5, 6] : [3, 4, 5, 6]).map((n) => (
							<option value={String(n)}>{n}</option>
						))}
					</select>
				</div>
			)}
			{draft.type === 'matching' && (
				<TargetsEditor draft={draft} onChange={onChange} problems={problems} />
			)}
			{problems.errorText('answer')}
			{draft.options.map((_, index) => (
				<OptionEditor draft={draft} onChange={onChange} problems={problems} index={index} />
			))}
		</fieldset>
	);
}
