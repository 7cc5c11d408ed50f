/** The topics a question is tagged with (1 to 4), as check boxes. */
import { TOPICS } from '../../../schemas/vocabulary';
import { TickBoxes } from './TickBoxes';
import type { DraftFieldProps } from './use-field-problems';

const TOPIC_ITEMS = TOPICS.map((topic) => ({
	value: topic,
	label: topic,
	id: `qe-topic-${topic}`,
}));

export function TopicsField({ draft, onChange, problems }: DraftFieldProps) {
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
				<TickBoxes
					items={TOPIC_ITEMS}
					chosen={draft.topics}
					onChange={(topics) => onChange({ ...draft, topics })}
				/>
			</div>
			{errorText('topics')}
		</fieldset>
	);
}
