/**
 * The messages between the simulator page and its Web Worker (which owns the Cognito sandbox). Types only.
 *
 * The page sends a {@link WorkerRequest} with an `id`; the worker answers with a {@link WorkerReply} carrying the
 * same `id`. Between replies the worker pushes {@link WorkerEvent}s: every trace event and every outbox message.
 * Replies to requests that change the sandbox carry a {@link PersistedSandbox} for the page to save.
 */
import type { InboxMessage, CallOutcome, JsonObject } from '../lib/simulator';
import type { TraceEvent } from '../lib/cognito';

/** What the page needs to re-create the same sandbox after a reload. */
export interface PersistedSandbox {
	/** Seed of the sandbox's randomness. */
	seed: number;
	/** How many random numbers were drawn, so a restored sandbox continues the same sequence. */
	draws: number;
	/** Fast-forward offset added to real time, in milliseconds. */
	offsetMs: number;
	/** `sandbox.snapshot()`. */
	snapshot: unknown;
}

/** Requests from the page (each with an `id`). */
export type WorkerRequestBody =
	| { kind: 'init'; seed: number; offsetMs: number; saved?: PersistedSandbox }
	| { kind: 'reset'; seed: number }
	| { kind: 'call'; operation: string; request: JsonObject }
	| { kind: 'defineFunction'; arn: string; code: string }
	| { kind: 'defineRole'; arn: string; role: { trustPolicy?: object; policies: object[] } }
	| { kind: 'setOffset'; offsetMs: number }
	/** The page's watchdog: answered at once with a {@link WorkerPong}, even while a request runs. */
	| { kind: 'ping' };

export type WorkerRequest = WorkerRequestBody & { id: number };

/** State the page mirrors after every reply. */
export interface WorkerStatus {
	seed: number;
	offsetMs: number;
	/** Sandbox time when the reply was sent. */
	now: number;
	outbox: InboxMessage[];
	/** Lambda functions the sandbox knows (learner code only). */
	functions: Array<{ arn: string; code: string }>;
}

/** A reply to one request. */
export type WorkerReply = {
	type: 'reply';
	id: number;
	status: WorkerStatus;
	persist?: PersistedSandbox;
} & ({ ok: true; outcome?: CallOutcome; notice?: string } | { ok: false; message: string });

/** The answer to a `ping`. */
export interface WorkerPong {
	type: 'pong';
	id: number;
}

/** Pushed by the worker as things happen. */
export type WorkerEvent =
	{ type: 'trace'; event: TraceEvent } | { type: 'outbox'; message: InboxMessage };

export type WorkerMessage = WorkerReply | WorkerEvent | WorkerPong;
