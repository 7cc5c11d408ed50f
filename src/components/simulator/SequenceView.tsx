/** A live lane (sequence) diagram drawn with HTML/CSS from the trace: App → User pool → Lambda → Identity pool → STS. */
import { useEffect, useRef } from 'preact/hooks';
import type { TraceEvent } from '../../lib/cognito';
import { traceToSequence } from '../../lib/simulator';

/** The last `limit` rows of the diagram for `events`. */
export function SequenceView({
	events,
	limit = 40,
}: {
	events: readonly TraceEvent[];
	limit?: number;
}) {
	const model = traceToSequence(events, limit);
	const column = new Map(model.lanes.map((lane, index) => [lane.id, index + 1]));
	const label = new Map(model.lanes.map((lane) => [lane.id, lane.label]));
	const count = model.lanes.length;
	const scroller = useRef<HTMLDivElement>(null);
	// Keep the newest arrows in view.
	useEffect(() => {
		if (scroller.current) scroller.current.scrollTop = scroller.current.scrollHeight;
	}, [events.length]);
	if (model.rows.length === 0) {
		return (
			<p class="muted">
				Calls appear here as they happen, as arrows between App, User pool, Lambda, Identity pool
				and STS.
			</p>
		);
	}
	return (
		<div
			class="sequence-scroll"
			ref={scroller}
			tabindex={0}
			role="group"
			aria-label="Sequence diagram, newest at the bottom (scrollable)"
		>
			<div class="sequence" style={{ '--lanes': count }}>
				{model.lanes.map((lane) => (
					<div class="lane-head" key={lane.id} style={{ gridColumn: column.get(lane.id) }}>
						{lane.label}
					</div>
				))}
				<ol class="sequence-rows" style={{ gridColumn: `1 / span ${count}` }}>
					{model.rows.map((row, index) => {
						if (row.kind === 'note') {
							const col = column.get(row.lane)!;
							return (
								<li
									key={index}
									class={`seq-row note ${row.tone}`}
									style={{ '--from': col, '--to': col }}
								>
									<span class="sr-only">Note on {label.get(row.lane)}: </span>
									<span class="seq-label">{row.label}</span>
								</li>
							);
						}
						const from = column.get(row.from)!;
						const to = column.get(row.to)!;
						const right = to > from;
						return (
							<li
								key={index}
								class={`seq-row arrow ${row.tone} ${right ? 'right' : 'left'}`}
								style={{ '--from': Math.min(from, to), '--to': Math.max(from, to) }}
							>
								<span class="sr-only">
									{label.get(row.from)} to {label.get(row.to)}:{' '}
								</span>
								<span class="seq-label">{row.label}</span>
								<span class="seq-line" aria-hidden="true" />
							</li>
						);
					})}
				</ol>
			</div>
		</div>
	);
}
