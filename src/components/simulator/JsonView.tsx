/** A readable, collapsible JSON tree (objects and arrays fold with native details/summary). */
import type { JSX } from 'preact';

interface Props {
	value: unknown;
	/** Label of the root node. */
	label?: string;
	/** Nodes deeper than this start folded. */
	openDepth?: number;
}

/** Renders a JSON value as a tree; long strings wrap, JWTs are shortened (decode them in the token view). */
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
			<Scalar value={value} />
		</div>
	);
}

function Scalar({ value }: { value: unknown }) {
	if (typeof value === 'string') {
		const shown = value.length > 120 ? `${value.slice(0, 60)}…${value.slice(-20)}` : value;
		return (
			<span
				class="json-string"
				title={value.length > 120 ? `${value.length} characters` : undefined}
			>
				"{shown}"
			</span>
		);
	}
	if (value === null || value === undefined) return <span class="json-null">null</span>;
	return <span class="json-number">{String(value)}</span>;
}
