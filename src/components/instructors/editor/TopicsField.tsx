/** The topics a question is tagged with (1 to 4), as check boxes. */
import { toggled, type QuestionDraft } from '../../../lib/bank/question-draft';
import { TOPICS } from '../../../schemas/vocabulary';
import type { FieldProblems } from './use-field-problems';

interface Props {
	draft: QuestionDraft;
	onChange(draft: QuestionDraft): void;
	problems: FieldProblems;
}

export function TopicsField({ draft, onChange, problems }: Props) {
	const { touch, describedBy, errorText } = problems;
	return (
		<fieldset
			class="field"
			aria-describedby={describedBy('topics', true)}
			onFocusOut={touch('topics')}
		>
			<legend>Topics (1 to 4)</legend>
			<p id="qe-topics-hint" class="field-hint">
				Chosen: {draft.topics.length ? draft.topics.join(', ') : 'none'}.
			</p>
			<div class="topic-grid">
				{TOPICS.map((topic) => (
					<label class="choice">
						<input
							id={`qe-topic-${topic}`}
							type="checkbox"
							checked={draft.topics.includes(topic)}
							onChange={(event) =>
								onChange({
									...draft,
									topics: toggled(draft.topics, topic, event.currentTarget.checked),
								})
							}
						/>
						{topic}
					</label>
				))}
			</div>
			{errorText('topics')}
		</fieldset>
	);
}
