/**
 * Turns the sandbox trace into a lane (sequence) diagram model: App → User pool → Lambda → Identity pool → STS,
 * plus IAM and Sync when they appear. Pure; the page draws it as HTML.
 *
 * The sandbox records an API call when it finishes, after the trigger invocations, messages and tokens it caused,
 * so each call's request arrow is drawn before the events that happened inside it and its response after them.
 */
import type { TraceEvent } from '../cognito';

/** A vertical lane (a participant). */
export interface Lane {
	id: LaneId;
	label: string;
}

export type LaneId = 'app' | 'user-pool' | 'lambda' | 'identity-pool' | 'sts' | 'iam' | 'sync';

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

const LANES: Record<LaneId, string> = {
	app: 'App',
	'user-pool': 'User pool',
	lambda: 'Lambda',
	'identity-pool': 'Identity pool',
	sts: 'STS',
	iam: 'IAM policy',
	sync: 'Cognito Sync',
};
const CORE: LaneId[] = ['app', 'user-pool', 'lambda', 'identity-pool', 'sts'];

function laneOfService(service: string): LaneId {
	if (service === 'cognito-idp') return 'user-pool';
	if (service === 'cognito-identity') return 'identity-pool';
	if (service === 'cognito-sync') return 'sync';
	if (service === 'sts') return 'sts';
	return 'app';
}

/** Builds the diagram model from trace events (optionally only the last `limit` rows). Pure. */
export function traceToSequence(trace: readonly TraceEvent[], limit = Infinity): SequenceModel {
	const rows: SequenceRow[] = [];
	let pending: SequenceRow[] = [];
	trace.forEach((event, index) => {
		switch (event.type) {
			case 'ApiCall': {
				const lane = laneOfService(event.service);
				rows.push({
					kind: 'arrow',
					from: 'app',
					to: lane,
					label: event.operation,
					tone: 'call',
					event: index,
				});
				rows.push(...pending);
				pending = [];
				rows.push(
					event.error
						? {
								kind: 'arrow',
								from: lane,
								to: 'app',
								label: event.error.type,
								tone: 'error',
								event: index,
							}
						: {
								kind: 'arrow',
								from: lane,
								to: 'app',
								label: '200 OK',
								tone: 'return',
								event: index,
							}
				);
				break;
			}
			case 'TriggerInvoked': {
				const caller: LaneId = event.trigger === 'SyncTrigger' ? 'sync' : 'user-pool';
				pending.push({
					kind: 'arrow',
					from: caller,
					to: 'lambda',
					label: `${event.trigger} (${event.triggerSource})`,
					tone: 'call',
					event: index,
				});
				pending.push(
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
								label: `returned event (${Math.round(event.durationMs)} ms)`,
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
					label: `${event.tokenUse} token issued for ${event.username}`,
					tone: 'info',
					event: index,
				});
				break;
			case 'CredentialsIssued':
				pending.push({
					kind: 'arrow',
					from: 'identity-pool',
					to: 'sts',
					label: `AssumeRoleWithWebIdentity ${roleName(event.roleArn)}`,
					tone: 'call',
					event: index,
				});
				pending.push({
					kind: 'arrow',
					from: 'sts',
					to: 'identity-pool',
					label: `credentials ${event.accessKeyId}`,
					tone: 'return',
					event: index,
				});
				break;
			case 'PolicyEvaluated': {
				const trust = event.action.startsWith('sts:');
				const row: SequenceRow = trust
					? {
							kind: 'note',
							lane: 'sts',
							label: `trust policy of ${roleName(event.resource)}: ${event.decision}`,
							tone: event.decision === 'Allow' ? 'info' : 'error',
							event: index,
						}
					: {
							kind: 'arrow',
							from: 'app',
							to: 'iam',
							label: `${event.action} → ${event.decision}`,
							tone: event.decision === 'Allow' ? 'return' : 'error',
							event: index,
						};
				if (trust) pending.push(row);
				else rows.push(...pending.splice(0), row);
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
	const used = new Set<LaneId>(CORE);
	for (const row of shown) {
		if (row.kind === 'arrow') {
			used.add(row.from);
			used.add(row.to);
		} else used.add(row.lane);
	}
	const order: LaneId[] = ['app', 'user-pool', 'lambda', 'identity-pool', 'sts', 'iam', 'sync'];
	return {
		lanes: order.filter((id) => used.has(id)).map((id) => ({ id, label: LANES[id] })),
		rows: shown,
	};
}

function roleName(arn: string): string {
	return arn.split('/').pop() ?? arn;
}
