/**
 * The sandbox snapshot: what `createSandbox().snapshot()` writes and `restore()` reads. Format 2 keeps
 * every caller-keyed map as `{"$map": [[key, value], …]}` (./core/state-codec.ts); format 1 (plain
 * objects) is still read. A snapshot from a newer format is refused, never half-read.
 */
import type { FunctionCode, OutboxMessage, RoleDefinition } from './core/context';
import type { Snapshotting } from './core/service';
import {
	array,
	dictOf,
	jsonObject,
	number,
	oneOf,
	optional,
	record,
	SnapshotError,
	string,
	tuple,
} from './core/state-codec';

/** A snapshot as JSON data (the parts are each service's own format). */
export interface SandboxSnapshot {
	v: number;
	userPools: unknown;
	identity: unknown;
	sts: unknown;
	sync: unknown;
	/** API Gateway and AppSync APIs (absent in snapshots written before they existed). */
	gateways?: unknown;
	/** The mock identity providers (absent in snapshots written before they existed). */
	idps?: unknown;
	roles: Array<[string, RoleDefinition]>;
	functions: Array<[string, string]>;
	outbox: OutboxMessage[];
}

const roleDefinition = record<RoleDefinition>({
	trustPolicy: optional(jsonObject),
	policies: array(jsonObject),
	inlinePolicies: optional(dictOf(jsonObject)),
	createdAt: optional(number),
	description: optional(string),
	maxSessionDuration: optional(number),
});

const outboxMessage = record<OutboxMessage>({
	channel: oneOf('EMAIL', 'SMS'),
	destination: string,
	subject: optional(string),
	body: string,
	code: optional(string),
	reason: string,
	at: number,
});

/** Reads a whole snapshot; each service decodes its own part. Throws {@link SnapshotError}. */
export function decodeSnapshot<
	Services extends Record<
		'userPools' | 'identity' | 'sts' | 'sync' | 'gateways' | 'idps',
		Snapshotting
	>,
>(
	snapshot: unknown,
	services: Services
): {
	[K in keyof Services]: Services[K] extends Snapshotting<infer State> ? State : never;
} & {
	roles: Array<[string, RoleDefinition]>;
	functions: Array<[string, FunctionCode]>;
	outbox: OutboxMessage[];
} {
	const top = record<SandboxSnapshot>({
		v: number,
		userPools: (value) => value,
		identity: (value) => value,
		sts: (value) => value,
		sync: (value) => value,
		gateways: (value) => value,
		idps: (value) => value,
		roles: (value, path) =>
			value === undefined ? [] : array(tuple(string, roleDefinition))(value, path),
		functions: (value, path) =>
			value === undefined ? [] : array(tuple(string, string))(value, path),
		outbox: (value, path) => (value === undefined ? [] : array(outboxMessage)(value, path)),
	})(snapshot, '');
	if (top.v !== 1 && top.v !== 2)
		throw new SnapshotError(
			'v',
			top.v > 2
				? `format ${top.v} was written by a newer version of this sandbox; this one reads formats 1 and 2`
				: `must be 1 or 2, found ${top.v}`
		);
	const decoded = Object.fromEntries(
		(['userPools', 'identity', 'sts', 'sync', 'gateways', 'idps'] as const).map((name) => [
			name,
			services[name].decode(top[name], name),
		])
	);
	return {
		...decoded,
		roles: top.roles,
		functions: top.functions,
		outbox: top.outbox,
	} as ReturnType<typeof decodeSnapshot<Services>>;
}
