/**
 * Tabs over the simulator's panels (WAI-ARIA tabs pattern, automatic activation): ←/→ move between tabs,
 * Home/End jump to the first/last, Tab goes into the open panel. A panel is rendered the first time it is opened
 * and then kept (hidden), so heavy panels load on demand and keep their state (an edited trigger, a page in the
 * app) when the learner looks elsewhere.
 */
import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';

/** One tab and its panel. */
export interface Panel {
	id: string;
	/** Tab text. */
	title: string;
	/** A count shown on the tab (e.g. new messages), spoken as "<n> new". */
	badge?: number;
	render(): ComponentChildren;
}

interface Props {
	/** Accessible name of the tab list. */
	label: string;
	panels: readonly Panel[];
	selected: string;
	onSelect(id: string): void;
	/** Prefix for element ids (several tab sets may share a page). */
	idPrefix: string;
	class?: string;
}

/** A tab list and its panels. */
export function PanelTabs({
	label,
	panels,
	selected,
	onSelect,
	idPrefix,
	class: className,
}: Props) {
	const current = panels.some((panel) => panel.id === selected) ? selected : panels[0]?.id;
	const [opened, setOpened] = useState<ReadonlySet<string>>(() => new Set([current ?? '']));
	const tabs = useRef<Array<HTMLButtonElement | null>>([]);
	if (current && !opened.has(current)) setOpened(new Set([...opened, current]));

	function select(index: number) {
		const panel = panels[(index + panels.length) % panels.length]!;
		onSelect(panel.id);
		tabs.current[(index + panels.length) % panels.length]?.focus();
	}

	function onKeyDown(event: KeyboardEvent, index: number) {
		const moves: Record<string, number> = {
			ArrowRight: index + 1,
			ArrowLeft: index - 1,
			Home: 0,
			End: panels.length - 1,
		};
		const target = moves[event.key];
		if (target === undefined) return;
		event.preventDefault();
		select(target);
	}

	return (
		<div class={`panel-tabs ${className ?? ''}`}>
			<div class="tab-strip">
				<div role="tablist" aria-label={label} class="tab-list">
					{panels.map((panel, index) => {
						const active = panel.id === current;
						return (
							<button
								key={panel.id}
								ref={(element) => {
									tabs.current[index] = element;
								}}
								type="button"
								role="tab"
								id={`${idPrefix}-tab-${panel.id}`}
								aria-selected={active ? 'true' : 'false'}
								aria-controls={`${idPrefix}-panel-${panel.id}`}
								tabindex={active ? 0 : -1}
								class="tab"
								onClick={() => onSelect(panel.id)}
								onKeyDown={(event) => onKeyDown(event, index)}
							>
								{panel.title}
								{panel.badge ? (
									<span class="tab-badge">
										{panel.badge}
										<span class="sr-only"> new</span>
									</span>
								) : null}
							</button>
						);
					})}
				</div>
			</div>
			{panels.map((panel) => (
				<div
					key={panel.id}
					role="tabpanel"
					id={`${idPrefix}-panel-${panel.id}`}
					aria-labelledby={`${idPrefix}-tab-${panel.id}`}
					tabindex={0}
					hidden={panel.id !== current}
					class="tab-panel"
					data-panel={panel.id}
				>
					{opened.has(panel.id) && panel.render()}
				</div>
			))}
		</div>
	);
}
