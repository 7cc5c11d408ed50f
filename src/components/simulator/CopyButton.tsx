/** A button that copies a value (a token, a session, a code) to the clipboard and says so. */
import { useState } from 'preact/hooks';

interface Props {
	value: string;
	/** What is copied, for the accessible name ("Copy ID token"). */
	label: string;
}

/** "Copy" → "Copied" for two seconds, announced; says so when the browser refuses the clipboard. */
export function CopyButton({ value, label }: Props) {
	const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
	async function copy() {
		try {
			await navigator.clipboard.writeText(value);
			setState('copied');
		} catch {
			setState('failed');
		}
		setTimeout(() => setState('idle'), 2000);
	}
	return (
		<>
			<button
				type="button"
				class="button secondary copy-button"
				onClick={copy}
				aria-label={`Copy ${label}`}
			>
				{state === 'copied' ? 'Copied' : 'Copy'}
			</button>
			<span class="sr-only" role="status">
				{state === 'copied'
					? `${label} copied`
					: state === 'failed'
						? 'The browser refused the clipboard; select the text instead.'
						: ''}
			</span>
		</>
	);
}
