/** Connects the island to the sandbox worker: status (seed, clock, outbox, functions), the trace, and readiness. */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { TraceEvent } from '../../lib/cognito';
import { createSimulatorClient, type SimulatorClient } from '../../client/simulator-client';
import type { WorkerStatus } from '../../client/simulator-protocol';

/** Live simulator state for the UI. */
export interface SimulatorState {
	client: SimulatorClient;
	ready: boolean;
	/** A notice to show once (e.g. the saved sandbox was corrupt). */
	notice?: string;
	restored: boolean;
	status: WorkerStatus;
	trace: TraceEvent[];
	clearTrace(): void;
}

/** Starts one worker for the island's lifetime. */
export function useSimulator(): SimulatorState {
	const client = useMemo(() => createSimulatorClient(), []);
	const [ready, setReady] = useState(false);
	const [notice, setNotice] = useState<string>();
	const [restored, setRestored] = useState(false);
	const [status, setStatus] = useState<WorkerStatus>(client.status());
	const [trace, setTrace] = useState<TraceEvent[]>([]);

	useEffect(() => {
		const unsubscribe = client.subscribe((event) => {
			if (event.type === 'status') setStatus(event.status);
			else if (event.type === 'save-failed')
				setNotice(
					'This browser would not save the sandbox (private browsing or storage full), so it lasts only until you leave the page.'
				);
			else if (event.type === 'restarted') setNotice(event.message);
			else if (event.type === 'trace') setTrace((previous) => [...previous, event.event]);
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

	return { client, ready, notice, restored, status, trace, clearTrace: () => setTrace([]) };
}
