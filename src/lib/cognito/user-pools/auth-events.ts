/**
 * Threat protection's user event history (Plus plan, AdvancedSecurityMode AUDIT or ENFORCED): sign-ins,
 * sign-ups, password resets and changes are recorded per user, with the client context and the risk
 * decision (../risk), and listed by AdminListUserAuthEvents.
 */
import { ServiceError } from '../core/errors';
import type { ClientContext } from '../risk/context-data';
import type {
	AuthEventContext,
	AuthEventRecord,
	AuthEventRisk,
	Env,
	Handler,
	PoolRecord,
	UserRecord,
} from './state';
import { getPool, requireUser, toEpochSeconds } from './util';

/** Events kept per user (Cognito keeps two years of them; the sandbox keeps the newest). */
const MAX_EVENTS = 50;

/** Whether threat protection records events in this pool. */
export const recordsAuthEvents = (pool: PoolRecord) =>
	['AUDIT', 'ENFORCED'].includes(pool.settings.UserPoolAddOns?.AdvancedSecurityMode);

/** The `UserPoolAddOnNotEnabledException` of threat protection operations on a pool without it. */
export function requireAuthEvents(pool: PoolRecord): void {
	if (!recordsAuthEvents(pool))
		// Message chosen in the service's style (the API reference gives none).
		throw new ServiceError(
			'UserPoolAddOnNotEnabledException',
			'Threat protection (UserPoolAddOns.AdvancedSecurityMode) is not enabled for this user pool.'
		);
}

/** The stored form of a client context: the IP address, the place from the bundled table, the device. */
export function eventContextOf(context: ClientContext | undefined): AuthEventContext | undefined {
	if (!context) return undefined;
	const place = context.location.kind === 'place' ? context.location.place : undefined;
	return {
		ipAddress: context.ipAddress,
		...(context.device ? { deviceId: context.device.id } : {}),
		...(context.deviceName ? { deviceName: context.deviceName } : {}),
		...(context.device?.timezone ? { timezone: context.device.timezone } : {}),
		...(place ? { place: { ...place } } : {}),
	};
}

/** Records an authentication event when threat protection is on; returns it. */
export function recordAuthEvent(
	env: Env,
	pool: PoolRecord,
	user: UserRecord,
	type: AuthEventRecord['type'],
	response: AuthEventRecord['response'],
	challenges: AuthEventRecord['challenges'] = [],
	extra: { context?: ClientContext; risk?: AuthEventRisk; feedbackToken?: string } = {}
): AuthEventRecord | undefined {
	if (!recordsAuthEvents(pool)) return undefined;
	const context = eventContextOf(extra.context);
	const event: AuthEventRecord = {
		id: env.context.uuid(),
		type,
		response,
		at: env.now(),
		challenges,
		...(extra.risk ? { risk: extra.risk } : {}),
		...(context ? { context } : {}),
		...(extra.feedbackToken ? { feedbackToken: extra.feedbackToken } : {}),
	};
	user.authEvents = [...(user.authEvents ?? []), event].slice(-MAX_EVENTS);
	return event;
}

/** A user's event by id, or undefined. */
export const findAuthEvent = (user: UserRecord, eventId: string) =>
	user.authEvents?.find((event) => event.id === eventId);

/** `AuthEventType` as AdminListUserAuthEvents returns it. */
function describeEvent(event: AuthEventRecord) {
	const risk: AuthEventRisk = event.risk ?? { decision: 'NoRisk', compromised: false, reasons: [] };
	const context = event.context;
	return {
		EventId: event.id,
		EventType: event.type,
		CreationDate: toEpochSeconds(event.at),
		EventResponse: event.response,
		// A NoRisk decision has no RiskLevel (AWS docs, "Exporting threat protection user activity logs").
		EventRisk: {
			RiskDecision: risk.decision,
			...(risk.level ? { RiskLevel: risk.level } : {}),
			CompromisedCredentialsDetected: risk.compromised,
		},
		ChallengeResponses: event.challenges,
		...(context
			? {
					EventContextData: {
						IpAddress: context.ipAddress,
						...(context.deviceName ? { DeviceName: context.deviceName } : {}),
						...(context.timezone ? { Timezone: context.timezone } : {}),
						...(context.place ? { City: context.place.city, Country: context.place.country } : {}),
					},
				}
			: {}),
		...(event.feedback
			? {
					EventFeedback: {
						FeedbackValue: event.feedback.value,
						Provider: event.feedback.provider,
						FeedbackDate: toEpochSeconds(event.feedback.at),
					},
				}
			: {}),
	};
}

const adminListUserAuthEvents: Handler = async (input, env) => {
	const pool = getPool(env, input.UserPoolId);
	requireAuthEvents(pool);
	const user = requireUser(pool, input.Username);
	const events = [...(user.authEvents ?? [])].reverse();
	const start = input.NextToken ? Number(input.NextToken) || 0 : 0;
	const limit = input.MaxResults || 60;
	return {
		AuthEvents: events.slice(start, start + limit).map(describeEvent),
		...(start + limit < events.length ? { NextToken: String(start + limit) } : {}),
	};
};

/** Threat protection operations by name. */
export const AUTH_EVENT_HANDLERS: Record<string, Handler> = {
	AdminListUserAuthEvents: adminListUserAuthEvents,
};
