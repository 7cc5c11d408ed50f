/**
 * A matching question: the targets are listed and numbered, and each item has a native select to
 * choose its target (keyboard, screen reader and phone friendly; no dragging). After the reveal each
 * item shows the learner's match, the right one and the explanation.
 */
import { displayLetter, matchesOf } from '../../lib/quiz';
import type { ResponseProps } from './QuestionView';

export function MatchingItems({
	question,
	view,
	idPrefix,
	selection,
	onRespond,
	grade,
}: ResponseProps) {
	const byId = new Map(question.options.map((option) => [option.id, option]));
	const targets = new Map((question.targets ?? []).map((target) => [target.id, target]));
	const numberOf = new Map(view.targets.map((id, index) => [id, index + 1]));
	const chosen = matchesOf(selection);
	const right = matchesOf(question.answer);
	const label = (id: string | undefined) =>
		id ? `${numberOf.get(id)}. ${targets.get(id)?.text ?? id}` : 'nothing';
	return (
		<fieldset class="options matching" aria-describedby={`${idPrefix}-stem`}>
			<legend class="options-legend">
				Match each item to a target
				<span class="muted"> · a target may fit more than one item, or none</span>
			</legend>
			<ol class="match-targets" id={`${idPrefix}-targets`} aria-label="Targets">
				{view.targets.map((id) => (
					<li key={id} dangerouslySetInnerHTML={{ __html: targets.get(id)!.html }} />
				))}
			</ol>
			{view.options.map((id, index) => {
				const option = byId.get(id)!;
				const selectId = `${idPrefix}-match-${id}`;
				const ok = grade ? chosen.get(id) === right.get(id) : false;
				return (
					<div
						class={`option match-row ${grade ? (ok ? 'right' : 'wrong') : ''}`}
						key={id}
						data-option={id}
					>
						<div class="option-label">
							<span class="option-key" aria-hidden="true">
								{displayLetter(index)}
							</span>
							<label class="option-text" for={selectId}>
								<span class="sr-only">{displayLetter(index)}. </span>
								<span dangerouslySetInnerHTML={{ __html: option.html }} />
							</label>
							<select
								id={selectId}
								class="match-select"
								value={chosen.get(id) ?? ''}
								disabled={!!grade}
								aria-describedby={grade ? `${selectId}-why` : `${idPrefix}-targets`}
								onChange={(event) =>
									onRespond({
										kind: 'match',
										optionId: id,
										targetId: event.currentTarget.value || null,
									})
								}
							>
								<option value="">Choose…</option>
								{view.targets.map((targetId) => (
									<option value={targetId} key={targetId}>
										{label(targetId)}
									</option>
								))}
							</select>
						</div>
						{grade && (
							<div class="option-why" id={`${selectId}-why`}>
								<strong class="option-status">
									{ok
										? `✓ Right: ${label(right.get(id))}. `
										: `✗ You chose ${label(chosen.get(id))}; it matches ${label(right.get(id))}. `}
								</strong>
								<span dangerouslySetInnerHTML={{ __html: option.explanationHtml }} />
							</div>
						)}
					</div>
				);
			})}
		</fieldset>
	);
}
