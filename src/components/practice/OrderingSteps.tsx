/**
 * An ordering question: the learner picks the steps from first to last (click, tap, or keys 1–6;
 * picking a placed step takes it out). No dragging, so it works with a keyboard, a screen reader and
 * at 360 px. After the reveal the right order is shown with each step's explanation.
 */
import { displayLetter } from '../../lib/quiz';
import type { ResponseProps } from './QuestionView';

function ordinal(n: number): string {
	return `${n}${n === 1 ? 'st' : n === 2 ? 'nd' : n === 3 ? 'rd' : 'th'}`;
}

export function OrderingSteps({
	question,
	view,
	idPrefix,
	selection,
	onRespond,
	grade,
}: ResponseProps) {
	const byId = new Map(question.options.map((option) => [option.id, option]));
	const letterOf = new Map(view.options.map((id, index) => [id, displayLetter(index)]));
	if (grade) {
		return (
			<div class="options ordering" aria-describedby={`${idPrefix}-stem`}>
				<h3 class="options-legend">The right order</h3>
				<ol class="ordering-result">
					{question.answer.map((id, index) => {
						const placed = grade.picked.indexOf(id);
						const right = placed === index;
						return (
							<li class={`option ${right ? 'right' : 'wrong'}`} key={id} data-option={id}>
								<div class="option-label">
									<span class="option-key" aria-hidden="true">
										{index + 1}
									</span>
									<span class="option-text">
										<span dangerouslySetInnerHTML={{ __html: byId.get(id)!.html }} />
									</span>
								</div>
								<div class="option-why">
									<strong class="option-status">
										{right
											? `✓ You put it ${ordinal(index + 1)}. `
											: placed < 0
												? '✗ You did not place it. '
												: `✗ You put it ${ordinal(placed + 1)}. `}
									</strong>
									<span dangerouslySetInnerHTML={{ __html: byId.get(id)!.explanationHtml }} />
								</div>
							</li>
						);
					})}
				</ol>
			</div>
		);
	}
	return (
		<fieldset class="options ordering" aria-describedby={`${idPrefix}-stem ${idPrefix}-order`}>
			<legend class="options-legend">
				Choose the steps from first to last
				<span class="muted">
					{' '}
					· keys 1–{question.options.length} · choose again to take a step out
				</span>
			</legend>
			{view.options.map((id, index) => {
				const option = byId.get(id)!;
				const position = selection.indexOf(id);
				return (
					<div class="option" key={id} data-option={id}>
						<button
							type="button"
							class="option-label step-button"
							aria-pressed={position >= 0}
							onClick={() => onRespond({ kind: 'pick', optionId: id })}
						>
							<span class="option-key" aria-hidden="true">
								{displayLetter(index)}
							</span>
							<span class="option-text">
								<span class="sr-only">{displayLetter(index)}. </span>
								<span dangerouslySetInnerHTML={{ __html: option.html }} />
							</span>
							<span class="step-position">
								{position >= 0 ? (
									<>
										<span class="sr-only">, placed </span>
										{ordinal(position + 1)}
									</>
								) : (
									''
								)}
							</span>
						</button>
					</div>
				);
			})}
			<p id={`${idPrefix}-order`} class="muted step-summary" aria-live="polite">
				{selection.length === 0
					? 'No step placed yet.'
					: `Your order: ${selection.map((id) => letterOf.get(id)).join(', ')}${selection.length < question.options.length ? ` (${question.options.length - selection.length} to place)` : ''}.`}
				{selection.length > 0 && (
					<>
						{' '}
						<button
							type="button"
							class="button secondary small"
							onClick={() => onRespond({ kind: 'clear' })}
						>
							Start again
						</button>
					</>
				)}
			</p>
		</fieldset>
	);
}
