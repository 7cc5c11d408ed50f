/**
 * Edit a step's request before running it: the JSON body with its `{{…}}` references. A change applies to the
 * learner's version of the scenario (save it as a variant to keep it); invalid JSON is reported and not applied.
 */
import { useEffect, useState } from 'preact/hooks';
import type { JsonObject } from '../../lib/simulator';

interface Props {
	stepId: string;
	request: JsonObject;
	/** Whether this request differs from the published scenario's. */
	edited: boolean;
	disabled: boolean;
	onChange(request: JsonObject): void;
	onRestore(): void;
}

export function RequestEditor({ stepId, request, edited, disabled, onChange, onRestore }: Props) {
	const [text, setText] = useState(() => JSON.stringify(request, null, 2));
	const [error, setError] = useState('');
	const id = `request-${stepId}`;
	const incoming = JSON.stringify(request, null, 2);
	// A request changed from outside (a variant opened) replaces the text; the learner's own typing is kept.
	useEffect(() => {
		setText((current) => (sameJson(current, incoming) ? current : incoming));
	}, [incoming]);

	function apply(value: string) {
		setText(value);
		try {
			const parsed: unknown = JSON.parse(value);
			if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
				throw new Error('the request must be a JSON object');
			setError('');
			onChange(parsed as JsonObject);
		} catch (problem) {
			setError(`Not applied: ${problem instanceof Error ? problem.message : String(problem)}`);
		}
	}

	return (
		<details class="request-editor">
			<summary>Edit request{edited ? ' (edited)' : ''}</summary>
			<label for={id} class="small">
				Request body (JSON; <code>{'{{step.Field}}'}</code> reads an earlier response)
			</label>
			<textarea
				id={id}
				class="json-edit"
				rows={Math.min(16, text.split('\n').length + 1)}
				spellcheck={false}
				value={text}
				disabled={disabled}
				aria-describedby={`${id}-error`}
				onInput={(event) => apply((event.target as HTMLTextAreaElement).value)}
			/>
			<p id={`${id}-error`} class="small error-text" aria-live="polite">
				{error}
			</p>
			{edited && (
				<button
					type="button"
					class="button secondary small-button"
					disabled={disabled}
					onClick={() => {
						onRestore();
						setError('');
					}}
				>
					Restore the original request
				</button>
			)}
		</details>
	);
}

/** Whether `text` parses to the JSON that `formatted` is. */
function sameJson(text: string, formatted: string): boolean {
	try {
		return JSON.stringify(JSON.parse(text), null, 2) === formatted;
	} catch {
		return false;
	}
}
