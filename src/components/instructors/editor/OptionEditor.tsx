/** One option (single/multi), step (ordering) or item (matching): its part in the answer, text and why. */
import { isFlowType, withOption, type QuestionDraft } from '../../../lib/bank/question-draft';
import { OPTION_IDS } from '../../../schemas/vocabulary';
import { ChoiceAnswerControls, MatchTargetSelect, StepPositionSelect } from './AnswerControls';
import type { DraftFieldProps } from './use-field-problems';

interface Props extends DraftFieldProps {
	/** Position of the option in the draft (0-based). */
	index: number;
}

const NOUNS = { single: 'Option', multi: 'Option', ordering: 'Step', matching: 'Item' } as const;
const ANSWER_CONTROLS = {
	single: ChoiceAnswerControls,
	multi: ChoiceAnswerControls,
	ordering: StepPositionSelect,
	matching: MatchTargetSelect,
} as const;

/** The label of an option's explanation, which says what it must explain. */
function explanationLabel(draft: QuestionDraft, id: string): string {
	const letter = id.toUpperCase();
	if (draft.type === 'ordering') return `Why step ${letter} comes where it does`;
	if (draft.type === 'matching') return `Why item ${letter} matches its target`;
	return `Why option ${letter} is ${draft.answer.includes(id) ? 'right' : 'wrong'}`;
}

export function OptionEditor({ draft, onChange, problems, index }: Props) {
	const { touch, invalid, describedBy, errorText } = problems;
	const id = OPTION_IDS[index]!;
	const letter = id.toUpperCase();
	const noun = NOUNS[draft.type];
	const AnswerControl = ANSWER_CONTROLS[draft.type];
	const option = draft.options[index]!;
	const right = !isFlowType(draft.type) && draft.answer.includes(id);
	const textKey = `option-${index}-text`;
	const explanationKey = `option-${index}-explanation`;
	return (
		<fieldset class={`option-editor${right ? ' is-right' : ''}`}>
			<legend>
				{noun} {letter}
			</legend>
			<AnswerControl draft={draft} onChange={onChange} index={index} id={id} />
			<div class="field">
				<label for={`qe-${textKey}`}>
					{noun} {letter} text
				</label>
				<input
					id={`qe-${textKey}`}
					type="text"
					value={option.text}
					aria-invalid={invalid(textKey)}
					aria-describedby={describedBy(textKey)}
					onInput={(event) =>
						onChange(withOption(draft, index, { text: event.currentTarget.value }))
					}
					onBlur={touch(textKey)}
				/>
				{errorText(textKey)}
			</div>
			<div class="field">
				<label for={`qe-${explanationKey}`}>{explanationLabel(draft, id)}</label>
				<textarea
					id={`qe-${explanationKey}`}
					rows={2}
					value={option.explanation}
					aria-invalid={invalid(explanationKey)}
					aria-describedby={describedBy(explanationKey)}
					onInput={(event) =>
						onChange(withOption(draft, index, { explanation: event.currentTarget.value }))
					}
					onBlur={touch(explanationKey)}
				/>
				{errorText(explanationKey)}
			</div>
		</fieldset>
	);
}
