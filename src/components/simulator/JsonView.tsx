/** A readable, collapsible JSON tree (objects and arrays fold with native details/summary). */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { CopyButton } from './CopyButton';

interface Props {
	value: unknown;
	/** Label of the root node. */
	label?: string;
	/** Nodes deeper than this start folded. */
	openDepth?: number;
}

/** Renders a JSON value as a tree; long strings (tokens, sessions) are shortened with "Show all" and "Copy". */
export function JsonView({ value, label, openDepth = 2 }: Props) {
	return (
		<div class="json-view">
			<Node name={label} value={value} depth={0} openDepth={openDepth} />
		</div>
	);
}

function Node({
	name,
	value,
	depth,
	openDepth,
}: {
	name?: string;
	value: unknown;
	depth: number;
	openDepth: number;
}): JSX.Element {
	const key = name !== undefined ? <span class="json-key">{name}: </span> : null;
	if (value && typeof value === 'object') {
		const entries = Array.isArray(value)
			? value.map((item, index) => [String(index), item] as const)
			: Object.entries(value);
		const brackets = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
		if (entries.length === 0) {
			return (
				<div class="json-leaf">
					{key}
					<span class="json-punct">{brackets.join('')}</span>
				</div>
			);
		}
		return (
			<details class="json-node" open={depth < openDepth}>
				<summary>
					{key}
					<span class="json-punct">{brackets[0]}</span>
					<span class="json-count">
						{' '}
						{entries.length}{' '}
						{Array.isArray(value)
							? entries.length === 1
								? 'item'
								: 'items'
							: entries.length === 1
								? 'field'
								: 'fields'}{' '}
					</span>
					<span class="json-punct">{brackets[1]}</span>
				</summary>
				<div class="json-children">
					{entries.map(([childName, child]) => (
						<Node
							key={childName}
							name={childName}
							value={child}
							depth={depth + 1}
							openDepth={openDepth}
						/>
					))}
				</div>
			</details>
		);
	}
	return (
		<div class="json-leaf">
			{key}
			<Scalar name={name} value={value} />
		</div>
	);
}

/** Strings longer than this are shortened until the learner asks for all of it. */
const LONG = 120;

function Scalar({ name, value }: { name?: string; value: unknown }) {
	const [whole, setWhole] = useState(false);
	if (typeof value === 'string') {
		if (value.length <= LONG) return <span class="json-string">"{value}"</span>;
		const what = name ?? 'value';
		return (
			<span class="json-long">
				<span class="json-string">
					"{whole ? value : `${value.slice(0, 60)}…${value.slice(-20)}`}"
				</span>{' '}
				<span class="json-actions">
					<button
						type="button"
						class="button secondary copy-button"
						aria-expanded={whole ? 'true' : 'false'}
						aria-label={`${whole ? 'Shorten' : 'Show all of'} ${what} (${value.length} characters)`}
						onClick={() => setWhole(!whole)}
					>
						{whole ? 'Shorten' : 'Show all'}
					</button>
					<CopyButton value={value} label={what} />
				</span>
			</span>
		);
	}
	if (value === null || value === undefined) return <span class="json-null">null</span>;
	return <span class="json-number">{String(value)}</span>;
}
