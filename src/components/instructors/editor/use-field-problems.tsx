/**
 * Which problems the editor shows where: a field's problems appear once the instructor has left it (or
 * after a download attempt), tied to the control with `aria-invalid` and `aria-describedby`.
 */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { fieldLabel, type DraftField } from '../../../lib/bank/draft-check';
import type { QuestionDraft } from '../../../lib/bank/question-draft';

/** The helpers every part of the form uses to show its fields' problems. */
export interface FieldProblems {
	/** `onBlur`/`onFocusOut` handler: from now on the field's problems are shown. */
	touch(key: DraftField): () => void;
	/** `aria-invalid` for the field's control. */
	invalid(key: DraftField): true | undefined;
	/** `aria-describedby` for the field's control: its hint (`qe-<key>-hint`) and its problems. */
	describedBy(key: DraftField, hint?: boolean): string | undefined;
	/** The field's problems as one paragraph (`qe-<key>-error`), or nothing. */
	errorText(key: DraftField): JSX.Element | false;
}

/** What each part of the form gets: the draft, where its edits go, and how to show problems. */
export interface DraftFieldProps {
	draft: QuestionDraft;
	onChange(draft: QuestionDraft): void;
	problems: FieldProblems;
}

/** Problem display for `errors`; `submitted` shows every field's problems, touched or not. */
export function useFieldProblems(
	errors: ReadonlyMap<DraftField, string[]>,
	submitted: boolean
): FieldProblems & { forgetTouched(): void } {
	const [touched, setTouched] = useState<ReadonlySet<DraftField>>(new Set());
	const visible = (key: DraftField) =>
		submitted || touched.has(key) ? (errors.get(key) ?? []) : [];
	return {
		touch: (key) => () => {
			if (!touched.has(key)) setTouched(new Set([...touched, key]));
		},
		invalid: (key) => (visible(key).length > 0 ? true : undefined),
		describedBy: (key, hint = false) =>
			[hint ? `qe-${key}-hint` : '', visible(key).length ? `qe-${key}-error` : '']
				.filter(Boolean)
				.join(' ') || undefined,
		errorText: (key) =>
			visible(key).length > 0 && (
				<p id={`qe-${key}-error`} class="field-error">
					<span aria-hidden="true">⚠ </span>
					{visible(key)
						.map((message) => `${fieldLabel(key)} ${message}.`)
						.join(' ')}
				</p>
			),
		forgetTouched: () => setTouched(new Set()),
	};
}
