/** The shape each simulated AWS service implements; `createSandbox` routes requests to them. */
import type { BackchannelCaller } from './trace';
import type { RequestTarget } from './urls';

/** Who is calling: the access key id from a SigV4 `Authorization` header, when there is one. */
export interface Caller {
	accessKeyId?: string;
}

/**
 * A service's part of a sandbox snapshot. Restoring is two steps so a snapshot loads whole or not at
 * all: every service decodes (and checks) its part first, then all of them load.
 */
export interface Snapshotting<State = any> {
	/** The service's state as JSON data. */
	snapshot(): unknown;
	/** Reads and checks a snapshot part (`undefined`: empty state); throws `SnapshotError`. */
	decode(snapshot: unknown, path: string): State;
	/** Replaces the state with a decoded one. */
	load(state: State): void;
}

/** A JSON 1.1 service (cognito-idp, cognito-identity): one operation name and a JSON body in, JSON out. */
export interface JsonService extends Snapshotting {
	/** Runs one operation; throws `ServiceError` for service exceptions. */
	handle(operation: string, input: Record<string, unknown>, caller: Caller): Promise<unknown>;
	/** Whether the operation name exists (unknown names → `UnknownOperationException`). */
	has(operation: string): boolean;
}

/**
 * A browser-facing front end of the sandbox (managed login and the OAuth 2.0 endpoints, a mock identity
 * provider, API Gateway, an ALB, AppSync): it claims the hosts it serves, and `createSandbox().fetch` hands it
 * every request for them (in either URL style, see ./urls.ts).
 */
export interface WebFrontEnd {
	serves(host: string): boolean;
	/** `caller` is set when the sandbox itself sends the request (a back-channel call), for the trace. */
	fetch(request: Request, target: RequestTarget, caller?: BackchannelCaller): Promise<Response>;
}
