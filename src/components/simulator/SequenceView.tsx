/**
 * The live sequence diagram, drawn with HTML/CSS from the trace: one column per lane (app, managed login, identity
 * provider, user pool, Lambda, identity pool, STS, gateways, AWS services), one row per arrow or note. The rows are
 * an ordered list (its text alternative reads "App to User pool: SignUp"), and each is a button that opens the
 * exact request and response, trigger event or token claims below the diagram.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { TraceEvent } from '../../lib/cognito';
import { traceToSequence } from '../../lib/simulator';
import { Breakable } from './Breakable';
import { describeEvent, EventDetails } from './EventLog';

/** A label that wraps only between words. */
function Label({ text }: { text: string }) {
	return (
		<span class="seq-label">
			<Breakable text={text} />
		</span>
	);
}

/** The last `limit` rows of the diagram for `events`, and the details of the chosen one. */
export function SequenceView({
	events,
	limit = 60,
}: {
	events: readonly TraceEvent[];
	limit?: number;
}) {
	const model = traceToSequence(events, limit);
	const column = new Map(model.lanes.map((lane, index) => [lane.id, index + 1]));
	const label = new Map(model.lanes.map((lane) => [lane.id, lane.label]));
	const count = model.lanes.length;
	const scroller = useRef<HTMLDivElement>(null);
	const [chosen, setChosen] = useState<TraceEvent | null>(null);
	// Keep the newest arrows in view.
	useEffect(() => {
		if (scroller.current) scroller.current.scrollTop = scroller.current.scrollHeight;
	}, [events.length]);
	// A reset empties the trace: forget the chosen event with it.
	useEffect(() => {
		if (chosen && !events.includes(chosen)) setChosen(null);
	}, [events]);
	if (model.rows.length === 0) {
		return (
			<p class="muted">
				Calls appear here as they happen, as arrows between the app, managed login, the user pool,
				Lambda, the identity pool, STS and the APIs in front of them.
			</p>
		);
	}
	return (
		<>
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
							<Label text={lane.label} />
						</div>
					))}
					<ol class="sequence-rows" style={{ gridColumn: `1 / span ${count}` }}>
						{model.rows.map((row, index) => {
							const event = events[row.event]!;
							const selected = event === chosen;
							const from = column.get(row.kind === 'arrow' ? row.from : row.lane)!;
							const to = column.get(row.kind === 'arrow' ? row.to : row.lane)!;
							const kind =
								row.kind === 'note'
									? `note ${row.tone}`
									: `arrow ${row.tone} ${to > from ? 'right' : 'left'}`;
							return (
								<li
									key={index}
									class={`seq-row ${kind}${selected ? ' selected' : ''}`}
									style={{ '--from': Math.min(from, to), '--to': Math.max(from, to) }}
								>
									<button
										type="button"
										class="seq-hit"
										aria-pressed={selected ? 'true' : 'false'}
										onClick={() => setChosen(selected ? null : event)}
									>
										<span class="sr-only">
											{row.kind === 'note'
												? `Note on ${label.get(row.lane)}: `
												: `${label.get(row.from)} to ${label.get(row.to)}: `}
										</span>
										<Label text={row.label} />
										{row.kind === 'arrow' && <span class="seq-line" aria-hidden="true" />}
									</button>
								</li>
							);
						})}
					</ol>
				</div>
			</div>
			<p class="small muted">Choose an arrow to see the exact request and response behind it.</p>
			<div class="sequence-details" aria-live="polite">
				{chosen && (
					<section aria-label="Chosen event" class="card-inset">
						<h3 class="small-heading">
							{describeEvent(chosen).kind}: {describeEvent(chosen).text}
						</h3>
						<EventDetails event={chosen} />
					</section>
				)}
			</div>
		</>
	);
}
