/** The phone's forms: a labelled input, a code input, and a form with its one submit button. */
import type { ComponentChildren, InputHTMLAttributes } from 'preact';

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'onInput' | 'value' | 'id'>;

export function Field({
	id,
	label,
	value,
	onValue,
	hint,
	...input
}: InputProps & {
	id: string;
	label: string;
	value: string;
	onValue(value: string): void;
	hint?: string;
}) {
	return (
		<div class="phone-field">
			<label for={id}>{label}</label>
			<input
				id={id}
				value={value}
				onInput={(event) => onValue((event.target as HTMLInputElement).value)}
				aria-describedby={hint ? `${id}-hint` : undefined}
				required
				{...input}
			/>
			{hint && (
				<p id={`${id}-hint`} class="phone-hint">
					{hint}
				</p>
			)}
		</div>
	);
}

/** A "code" field: digits only, one-time-code autofill. */
export function CodeField(props: {
	id: string;
	label: string;
	value: string;
	onValue(value: string): void;
	hint?: string;
}) {
	return (
		<Field
			{...props}
			inputMode="numeric"
			autocomplete="one-time-code"
			pattern="[0-9]{6,8}"
			maxLength={8}
		/>
	);
}

/** A form that calls `onSubmit` (without a page load) and ends with its full-width submit button. */
export function PhoneForm({
	busy,
	submit,
	onSubmit,
	children,
}: {
	busy: boolean;
	submit: string;
	onSubmit(): void;
	children: ComponentChildren;
}) {
	return (
		<form
			onSubmit={(event) => {
				event.preventDefault();
				onSubmit();
			}}
		>
			{children}
			<button type="submit" class="button phone-primary" disabled={busy}>
				{submit}
			</button>
		</form>
	);
}
