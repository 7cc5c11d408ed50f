/**
 * What every part of the sandbox shares: the injected clock and randomness, the account and region,
 * the trace, the outbox, and the registries of Lambda functions and IAM roles.
 * Pure data and interfaces; `createSandbox` in ../index.ts builds one and hands it to each service.
 */
import type { Dict } from './dict';
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

/** An IAM role known to the sandbox (from `defineRole`, a scenario, or the IAM endpoint's `CreateRole`). */
export interface RoleDefinition {
	/** Trust policy document (who may assume the role). */
	trustPolicy?: object;
	/** Permission policy documents given to `defineRole` (unnamed). */
	policies: object[];
	/** Inline policies by name (`PutRolePolicy`), a null-prototype object: policy names are the caller's. */
	inlinePolicies?: Dict<object>;
	/** When the role was created (epoch ms), for `GetRole`. */
	createdAt?: number;
	description?: string;
	/** Longest session STS issues for the role, in seconds (IAM's default: 3600). */
	maxSessionDuration?: number;
}

/** Every permission policy of a role: the unnamed ones, then the inline ones. */
export function permissionPoliciesOf(role: RoleDefinition | undefined): object[] {
	if (!role) return [];
	return role.inlinePolicies
		? [...role.policies, ...Object.values(role.inlinePolicies)]
		: role.policies;
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
	/**
	 * Whether a role nobody defined is refused (STS `AccessDenied`, as in AWS; the emulator) or treated as
	 * trusting any identity pool and granting nothing (the simulator's default, so learners can try identity
	 * pools before writing roles).
	 */
	strictRoles: boolean;
	runtime: FunctionRuntime;
	/** A UUID v4 from the injected randomness. */
	uuid(): string;
	/** `length` characters drawn from `alphabet` with the injected randomness. */
	randomString(length: number, alphabet: string): string;
	/** How URLs the sandbox hands out are spelled (AWS host names, or local ones for the emulator). */
	urls: UrlStyle;
}
