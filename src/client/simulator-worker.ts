/**
 * Web Worker that owns the Cognito sandbox, so learner trigger code (up to the 5-second Lambda limit) never
 * freezes the page. N.B. shipped to the client as its own bundle; speaks src/client/simulator-protocol.ts.
 *
 * Clock: real time plus a fast-forward offset the page sets. Randomness: mulberry32 from the page's seed; the
 * number of draws is persisted so a restored sandbox continues the same sequence instead of repeating ids.
 */
import { createSandbox, type Sandbox } from '../lib/cognito';
import { callSandbox, type InboxMessage } from '../lib/simulator';
import type { PersistedSandbox, WorkerMessage, WorkerReply, WorkerRequest, WorkerStatus } from './simulator-protocol';

interface State {
	sandbox: Sandbox;
	seed: number;
	draws: number;
	offsetMs: number;
}

const scope = self as unknown as {
	postMessage(message: WorkerMessage): void;
	addEventListener(type: 'message', listener: (event: { data: WorkerRequest }) => void): void;
};

let state: State | undefined;
// Requests run one at a time, in order, so a long trigger delays later calls instead of interleaving with them.
let queue: Promise<void> = Promise.resolve();

/** mulberry32, counting draws. */
function seededRandom(seed: number, skip: number, count: (n: number) => void): () => number {
	let s = seed >>> 0;
	let draws = 0;
	const next = () => {
		s = (s + 0x6d2b79f5) >>> 0;
		let t = s;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		draws++;
		count(draws);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	for (let i = 0; i < skip; i++) next();
	return next;
}

function create(seed: number, offsetMs: number, skip = 0): State {
	const holder = { draws: 0 };
	const clockState = { offsetMs };
	const random = seededRandom(seed, skip, (n) => (holder.draws = n));
	const sandbox = createSandbox({ region: 'us-east-1', clock: { now: () => Date.now() + clockState.offsetMs }, random });
	const created: State = {
		sandbox,
		seed,
		get draws() {
			return holder.draws;
		},
		get offsetMs() {
			return clockState.offsetMs;
		},
		set offsetMs(value: number) {
			clockState.offsetMs = value;
		},
	} as State;
	sandbox.trace.subscribe((event) => {
		scope.postMessage({ type: 'trace', event: plain(event) });
		if (event.type === 'MessageSent') {
			const message = sandbox.outbox[sandbox.outbox.length - 1];
			if (message) scope.postMessage({ type: 'outbox', message: plain(message) as InboxMessage });
		}
	});
	return created;
}

function plain<T>(value: T): T {
	return JSON.parse(JSON.stringify(value ?? null));
}

function status(current: State, snapshot = current.sandbox.snapshot()): WorkerStatus {
	const functions = (snapshot as { functions?: Array<[string, string]> }).functions ?? [];
	return {
		seed: current.seed,
		offsetMs: current.offsetMs,
		now: Date.now() + current.offsetMs,
		outbox: plain(current.sandbox.outbox) as InboxMessage[],
		functions: functions.map(([arn, code]) => ({ arn, code })),
	};
}

function persisted(current: State): PersistedSandbox {
	return { seed: current.seed, draws: current.draws, offsetMs: current.offsetMs, snapshot: current.sandbox.snapshot() };
}

/** A reply for a request that may have changed the sandbox: its status and what to save. */
function changed(current: State): Pick<WorkerReply, 'status' | 'persist'> {
	const persist = persisted(current);
	return { status: status(current, persist.snapshot), persist };
}

async function handle(request: WorkerRequest): Promise<WorkerReply> {
	if (request.kind === 'init') {
		let notice: string | undefined;
		if (request.saved) {
			try {
				const saved = request.saved;
				const restored = create(saved.seed, saved.offsetMs, saved.draws);
				restored.sandbox.restore(saved.snapshot);
				state = restored;
			} catch (error) {
				notice = `The saved sandbox could not be restored (${error instanceof Error ? error.message : String(error)}), so a fresh one was started.`;
				state = undefined;
			}
		}
		state ??= create(request.seed, request.offsetMs);
		return { type: 'reply', id: request.id, ok: true, notice, ...changed(state) };
	}
	if (request.kind === 'reset') {
		state = create(request.seed, 0);
		return { type: 'reply', id: request.id, ok: true, ...changed(state) };
	}
	const current = state;
	if (!current) throw new Error('The sandbox is not initialised yet');
	switch (request.kind) {
		case 'call': {
			const outcome = await callSandbox(current.sandbox, request.operation, request.request, {
				advanceClock: (ms) => (current.offsetMs += ms),
			});
			return { type: 'reply', id: request.id, ok: true, outcome: plain(outcome), ...changed(current) };
		}
		case 'defineFunction':
			current.sandbox.defineFunction(request.arn, request.code);
			break;
		case 'defineRole':
			current.sandbox.defineRole(request.arn, request.role);
			break;
		case 'setOffset':
			current.offsetMs = request.offsetMs;
			break;
	}
	return { type: 'reply', id: request.id, ok: true, ...changed(current) };
}

scope.addEventListener('message', (event) => {
	const request = event.data;
	queue = queue.then(async () => {
		let reply: WorkerReply;
		try {
			reply = await handle(request);
		} catch (error) {
			const fallback: WorkerStatus = state ? status(state) : { seed: 0, offsetMs: 0, now: Date.now(), outbox: [], functions: [] };
			reply = { type: 'reply', id: request.id, ok: false, message: error instanceof Error ? error.message : String(error), status: fallback };
		}
		scope.postMessage(reply);
	});
});
