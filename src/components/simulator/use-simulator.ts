/** Connects the island to the sandbox worker: status (seed, clock, outbox, functions), the trace, and readiness. */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { TraceEvent } from '../../lib/cognito';
import { createSimulatorClient, type SimulatorClient } from '../../client/simulator-client';
import type { WorkerStatus } from '../../client/simulator-protocol';

/**
 * How many trace events the page keeps (oldest dropped first), like the engine's own ring buffer: a long session
 * stays light to draw and to scan.
 */
export const UI_TRACE_LIMIT = 500;

/** Live simulator state for the UI. */
export interface SimulatorState {
	client: SimulatorClient;
	ready: boolean;
	/** A notice to show once (e.g. the saved sandbox was corrupt). */
	notice?: string;
	restored: boolean;
	status: WorkerStatus;
	/** The latest {@link UI_TRACE_LIMIT} trace events of this page visit, oldest first. */
	trace: TraceEvent[];
	/** How many older events were dropped. */
	traceDropped: number;
	clearTrace(): void;
}

/** Starts one worker for the island's lifetime. */
export function useSimulator(): SimulatorState {
	const client = useMemo(() => createSimulatorClient(), []);
	const [ready, setReady] = useState(false);
	const [notice, setNotice] = useState<string>();
	const [restored, setRestored] = useState(false);
	const [status, setStatus] = useState<WorkerStatus>(client.status());
	const [trace, setTrace] = useState<{ events: TraceEvent[]; dropped: number }>({
		events: [],
		dropped: 0,
	});

	useEffect(() => {
		const unsubscribe = client.subscribe((event) => {
			if (event.type === 'status') setStatus(event.status);
			else if (event.type === 'save-failed')
				setNotice(
					'This browser would not save the sandbox (private browsing or storage full), so it lasts only until you leave the page.'
				);
			else if (event.type === 'restarted') setNotice(event.message);
			else if (event.type === 'trace')
				setTrace(({ events, dropped }) => {
					const next = [...events, event.event];
					const excess = Math.max(0, next.length - UI_TRACE_LIMIT);
					return { events: excess ? next.slice(excess) : next, dropped: dropped + excess };
				});
		});
		client.ready.then(
			(result) => {
				if (result.notice) setNotice(result.notice);
				setRestored(result.restored);
				setReady(true);
			},
			(error: unknown) =>
				setNotice(
					`The sandbox could not start: ${error instanceof Error ? error.message : String(error)}`
				)
		);
		return () => {
			unsubscribe();
			client.terminate();
		};
	}, [client]);

	return {
		client,
		ready,
		notice,
		restored,
		status,
		trace: trace.events,
		traceDropped: trace.dropped,
		clearTrace: () => setTrace({ events: [], dropped: 0 }),
	};
}
