/**
 * What every part of the sandbox shares: the injected clock and randomness, the account and region,
 * the trace, the outbox, and the registries of Lambda functions and IAM roles.
 * Pure data and interfaces; `createSandbox` in ../index.ts builds one and hands it to each service.
 */
import type { TraceEvent } from './trace';
import type { UrlStyle } from './urls';

/** Milliseconds since the epoch, like `Date.now()`. */
export interface Clock {
	now(): number;
}

/** A number in [0, 1), like `Math.random()`; seed it for deterministic runs. */
export type Random = () => number;

/** A message the service "sent" (nothing leaves the sandbox). */
export interface OutboxMessage {
	channel: 'EMAIL' | 'SMS';
	destination: string;
	subject?: string;
	body: string;
	/** The code in the message, when there is one, so learners and tests can read it. */
	code?: string;
	/** Which operation or trigger produced it, e.g. `SignUp`, `ForgotPassword`, `SMS_MFA`. */
	reason: string;
	at: number;
}

/** A Lambda function: learner source code (run isolated) or a host function (tests, built-in scenarios). */
export type FunctionCode = string | ((event: object) => unknown);

/** Outcome of one Lambda invocation. */
export type InvocationResult =
	| { ok: true; value: unknown; logs: string[]; durationMs: number }
	| {
			ok: false;
			/** `error`: the handler threw or rejected; `timeout`: ran past the limit; `crash`: out of memory, bad syntax, no handler export. */
			kind: 'error' | 'timeout' | 'crash';
			message: string;
			logs: string[];
			durationMs: number;
	  };

/** Runs learner code in isolation. Implemented in ../runtime. */
export interface FunctionRuntime {
	invoke(
		code: string,
		event: object,
		limits: { timeoutMs: number; memoryBytes: number }
	): Promise<InvocationResult>;
}

/** An IAM role known to the sandbox. */
export interface RoleDefinition {
	/** Trust policy document (who may assume the role). */
	trustPolicy?: object;
	/** Permission policy documents. */
	policies: object[];
}

export interface SandboxContext {
	region: string;
	accountId: string;
	clock: Clock;
	random: Random;
	/** Appends to the trace and notifies subscribers. */
	emit(event: TraceEvent): void;
	/** Adds a message to the outbox (and emits a `MessageSent` trace event). */
	send(message: Omit<OutboxMessage, 'at'>): void;
	functions: Map<string, FunctionCode>;
	roles: Map<string, RoleDefinition>;
	runtime: FunctionRuntime;
	/** A UUID v4 from the injected randomness. */
	uuid(): string;
	/** `length` characters drawn from `alphabet` with the injected randomness. */
	randomString(length: number, alphabet: string): string;
	/** How URLs the sandbox hands out are spelled (AWS host names, or local ones for the emulator). */
	urls: UrlStyle;
}
