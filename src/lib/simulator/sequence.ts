/**
 * Turns the sandbox trace into a lane (sequence) diagram model: the app (or its browser), managed login, identity
 * providers, the user pool, Lambda, the identity pool, STS, API Gateway/ALB/AppSync, AWS services behind IAM, and
 * Cognito Sync. Only lanes that appear are drawn (App and User pool always). Pure; the page draws it as HTML.
 *
 * The sandbox records a request when it finishes, after everything that happened inside it (trigger invocations,
 * messages, tokens, back-channel calls), so each outer request's arrow is drawn before those events and its
 * response after them. Back-channel calls (events with a `caller`: a user pool exchanging a code at Google, an ALB
 * at the token endpoint) are drawn from their caller's lane inside the request that caused them.
 */
import type { TraceEvent } from '../cognito';

/** A vertical lane (a participant). */
export interface Lane {
	id: LaneId;
	label: string;
}

export type LaneId =
	| 'app'
	| 'managed-login'
	| 'idp'
	| 'user-pool'
	| 'lambda'
	| 'identity-pool'
	| 'sts'
	| 'gateway'
	| 'aws'
	| 'sync';

/** One row of the diagram: an arrow between lanes or a note on one lane. */
export type SequenceRow =
	| {
			kind: 'arrow';
			from: LaneId;
			to: LaneId;
			label: string;
			/** `call` request, `return` success reply, `error` failure reply. */
			tone: 'call' | 'return' | 'error';
			/** Index of the trace event the row comes from. */
			event: number;
	  }
	| { kind: 'note'; lane: LaneId; label: string; tone: 'info' | 'error'; event: number };

/** The whole diagram. */
export interface SequenceModel {
	lanes: Lane[];
	rows: SequenceRow[];
}

/** Lanes in drawing order, with their headings. */
const LANES: ReadonlyArray<readonly [LaneId, string]> = [
	['app', 'App'],
	['managed-login', 'Managed login'],
	['idp', 'Identity provider'],
	['user-pool', 'User pool'],
	['lambda', 'Lambda'],
	['identity-pool', 'Identity pool'],
	['sts', 'STS'],
	['gateway', 'API Gateway / ALB'],
	['aws', 'AWS service (IAM)'],
	['sync', 'Cognito Sync'],
];
const ALWAYS: LaneId[] = ['app', 'user-pool'];

const GATEWAY_SERVICES = new Set(['execute-api', 'appsync', 'elasticloadbalancing']);
const GATEWAY_TRIGGERS = new Set(['LambdaAuthorizer', 'AppSyncLambdaAuthorizer']);

function laneOfService(service: string): LaneId {
	if (service === 'cognito-idp') return 'user-pool';
	if (service === 'cognito-identity') return 'identity-pool';
	if (service === 'cognito-sync') return 'sync';
	if (service === 'sts') return 'sts';
	if (service === 'managed-login') return 'managed-login';
	if (service === 'identity-provider') return 'idp';
	if (GATEWAY_SERVICES.has(service)) return 'gateway';
	return 'aws';
}

/** The lane a back-channel caller speaks from. */
function laneOfCaller(caller: string | undefined): LaneId {
	return caller === 'cognito-idp' ? 'user-pool' : caller === 'gateway' ? 'gateway' : 'app';
}

/** Builds the diagram model from trace events (optionally only the last `limit` rows). Pure. */
export function traceToSequence(trace: readonly TraceEvent[], limit = Infinity): SequenceModel {
	const rows: SequenceRow[] = [];
	/** Rows of the outer request still running (its response is not in the trace yet). */
	let pending: SequenceRow[] = [];
	/** `pending[0..sealed)` are finished back-channel calls: siblings of the next one, not inside it. */
	let sealed = 0;
	/** A request and its reply, with what happened inside it between them. */
	const exchange = (
		from: LaneId,
		to: LaneId,
		label: string,
		reply: { label: string; failed: boolean },
		event: number,
		backchannel: boolean
	): SequenceRow[] => {
		const inner = pending.splice(backchannel ? sealed : 0);
		sealed = backchannel ? pending.length : 0;
		return [
			{ kind: 'arrow', from, to, label, tone: 'call', event },
			...inner,
			{
				kind: 'arrow',
				from: to,
				to: from,
				label: reply.label,
				tone: reply.failed ? 'error' : 'return',
				event,
			},
		];
	};
	trace.forEach((event, index) => {
		switch (event.type) {
			case 'ApiCall': {
				const lane = laneOfService(event.service);
				const gateway = lane === 'gateway';
				const reply = event.error
					? { label: event.error.type, failed: true }
					: {
							label: gateway ? `${statusOf(event.response) ?? 200}` : '200 OK',
							failed: false,
						};
				const drawn = exchange(
					laneOfCaller(event.caller),
					lane,
					event.operation,
					reply,
					index,
					Boolean(event.caller)
				);
				if (event.caller) sealed = pending.push(...drawn);
				else rows.push(...drawn);
				break;
			}
			case 'WebRequest': {
				const reply = {
					label: `${event.status} ${event.outcome}`,
					failed: event.status >= 400 || Boolean(event.error),
				};
				const drawn = exchange(
					laneOfCaller(event.caller),
					laneOfService(event.service),
					`${event.method} ${event.path}`,
					reply,
					index,
					Boolean(event.caller)
				);
				if (event.caller) sealed = pending.push(...drawn);
				else rows.push(...drawn);
				break;
			}
			case 'TriggerInvoked': {
				const caller: LaneId =
					event.trigger === 'SyncTrigger'
						? 'sync'
						: GATEWAY_TRIGGERS.has(event.trigger)
							? 'gateway'
							: 'user-pool';
				pending.push(
					{
						kind: 'arrow',
						from: caller,
						to: 'lambda',
						label: `${event.trigger} (${event.triggerSource})`,
						tone: 'call',
						event: index,
					},
					event.error
						? {
								kind: 'arrow',
								from: 'lambda',
								to: caller,
								label: `${event.error.kind}: ${event.error.message}`,
								tone: 'error',
								event: index,
							}
						: {
								kind: 'arrow',
								from: 'lambda',
								to: caller,
								label: `returned (${Math.round(event.durationMs)} ms)`,
								tone: 'return',
								event: index,
							}
				);
				break;
			}
			case 'MessageSent':
				pending.push({
					kind: 'note',
					lane: 'user-pool',
					label: `${event.channel} to ${event.destination}${event.code ? `: code ${event.code}` : ''}`,
					tone: 'info',
					event: index,
				});
				break;
			case 'TokenIssued':
				pending.push({
					kind: 'note',
					lane: 'user-pool',
					label: event.username
						? `${event.tokenUse} token for ${event.username}`
						: `${event.tokenUse} token for the app client (M2M)`,
					tone: 'info',
					event: index,
				});
				break;
			case 'CredentialsIssued':
				pending.push(
					{
						kind: 'arrow',
						from: 'identity-pool',
						to: 'sts',
						label: `AssumeRoleWithWebIdentity ${roleName(event.roleArn)}`,
						tone: 'call',
						event: index,
					},
					{
						kind: 'arrow',
						from: 'sts',
						to: 'identity-pool',
						label: `credentials ${event.accessKeyId}`,
						tone: 'return',
						event: index,
					}
				);
				break;
			case 'PolicyEvaluated': {
				const tone = event.decision === 'Allow' ? 'info' : 'error';
				if (event.action.startsWith('sts:'))
					pending.push({
						kind: 'note',
						lane: 'sts',
						label: `trust policy of ${roleName(event.resource)}: ${event.decision}`,
						tone,
						event: index,
					});
				else if (event.action.startsWith('execute-api:') || event.action.startsWith('appsync:'))
					pending.push({
						kind: 'note',
						lane: 'gateway',
						label: `${event.action}: ${event.decision}`,
						tone,
						event: index,
					});
				else {
					sealed = 0;
					rows.push(...pending.splice(0), {
						kind: 'arrow',
						from: 'app',
						to: 'aws',
						label: `${event.action} → ${event.decision}`,
						tone: event.decision === 'Allow' ? 'return' : 'error',
						event: index,
					});
				}
				break;
			}
			case 'SyncEvent':
				pending.push({
					kind: 'note',
					lane: 'sync',
					label: `${event.kind}`,
					tone: 'info',
					event: index,
				});
				break;
		}
	});
	rows.push(...pending);
	const shown = rows.slice(Math.max(0, rows.length - limit));
	const used = new Set<LaneId>(ALWAYS);
	for (const row of shown) {
		if (row.kind === 'arrow') {
			used.add(row.from);
			used.add(row.to);
		} else used.add(row.lane);
	}
	return {
		lanes: LANES.filter(([id]) => used.has(id)).map(([id, label]) => ({ id, label })),
		rows: shown,
	};
}

function statusOf(response: unknown): number | undefined {
	const status = (response as { status?: unknown } | undefined)?.status;
	return typeof status === 'number' ? status : undefined;
}

function roleName(arn: string): string {
	return arn.split('/').pop() ?? arn;
}

/**
 * Where a label may break: between the words of a camel-case name and after `/ . : _ @ -`, never inside a word
 * ("ConfirmSignUp" → ["Confirm", "Sign", "Up"]). The page puts a `<wbr>` between the parts.
 */
export function labelParts(label: string): string[] {
	return label
		.split(/(?<=[a-z0-9])(?=[A-Z])|(?<=[/.:_@-])(?=[^\s/.:_@-])/)
		.filter((part) => part.length > 0);
}
