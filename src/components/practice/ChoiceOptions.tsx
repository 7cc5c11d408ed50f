/**
 * Single and multiple-response options as radio buttons or check boxes, lettered in display order.
 * After the reveal every option is explained: wrong picks and right answers open, the others one
 * click away (a "Why not?" disclosure), as the review pages of practice-exam sites do.
 */
import { displayLetter, optionsToExplain } from '../../lib/quiz';
import type { ResponseProps } from './QuestionView';

const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six'];

export function ChoiceOptions({
	question,
	view,
	idPrefix,
	selection,
	onRespond,
	grade,
}: ResponseProps) {
	const multi = question.type === 'multi';
	const open = grade ? new Set(optionsToExplain(question, grade)) : new Set<string>();
	const instruction = multi
		? `Choose ${NUMBER_WORDS[question.answer.length] ?? question.answer.length} answers`
		: 'Choose one answer';
	const byId = new Map(question.options.map((option) => [option.id, option]));
	return (
		<fieldset class="options" aria-describedby={`${idPrefix}-stem`}>
			<legend class="options-legend">
				{instruction}
				<span class="muted"> · keys 1–{question.options.length}</span>
			</legend>
			{view.options.map((optionId, index) => {
				const option = byId.get(optionId)!;
				const letter = displayLetter(index);
				const checked = selection.includes(option.id);
				const inputId = `${idPrefix}-opt-${option.id}`;
				let status: string | null = null;
				let tone = '';
				if (grade) {
					if (option.correct && checked) [status, tone] = ['✓ Right answer, you chose it', 'right'];
					else if (option.correct) [status, tone] = ['✓ Right answer, you missed it', 'missed'];
					else if (checked) [status, tone] = ['✗ Wrong, you chose it', 'wrong'];
				}
				return (
					<div class={`option ${tone}`} key={option.id} data-option={option.id}>
						<label for={inputId} class="option-label">
							<input
								id={inputId}
								type={multi ? 'checkbox' : 'radio'}
								name={`${idPrefix}-options`}
								value={option.id}
								checked={checked}
								disabled={!!grade}
								onChange={() => onRespond({ kind: 'pick', optionId: option.id })}
								aria-describedby={grade ? `${inputId}-why` : undefined}
							/>
							<span class="option-key" aria-hidden="true">
								{letter}
							</span>
							<span class="option-text">
								<span class="sr-only">{letter}. </span>
								<span dangerouslySetInnerHTML={{ __html: option.html }} />
							</span>
						</label>
						{grade && (
							<div class="option-why" id={`${inputId}-why`}>
								{open.has(option.id) ? (
									<>
										{status && <strong class="option-status">{status}. </strong>}
										<span dangerouslySetInnerHTML={{ __html: option.explanationHtml }} />
									</>
								) : (
									<details class="why-not">
										<summary>Why not {letter}?</summary>
										<span dangerouslySetInnerHTML={{ __html: option.explanationHtml }} />
									</details>
								)}
							</div>
						)}
					</div>
				);
			})}
		</fieldset>
	);
}
