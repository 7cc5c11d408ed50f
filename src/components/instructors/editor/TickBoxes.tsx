/** A row of check boxes that edits a list of chosen values (exams, domains, topics). */
import { toggled } from '../../../lib/bank/question-draft';

interface Props {
	/** `id`, when given, is the box's element id (links in the problem list focus it). */
	items: ReadonlyArray<{ value: string; label: string; id?: string }>;
	chosen: readonly string[];
	onChange(chosen: string[]): void;
}

export function TickBoxes({ items, chosen, onChange }: Props) {
	return (
		<>
			{items.map(({ value, label, id }) => (
				<label class="choice">
					<input
						id={id}
						type="checkbox"
						checked={chosen.includes(value)}
						onChange={(event) => onChange(toggled(chosen, value, event.currentTarget.checked))}
					/>
					{label}
				</label>
			))}
		</>
	);
}
