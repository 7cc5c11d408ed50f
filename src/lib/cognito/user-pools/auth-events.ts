/**
 * Threat protection's user event history (Plus plan, AdvancedSecurityMode AUDIT or ENFORCED): sign-ins,
 * sign-ups, password resets and changes are recorded per user and listed by AdminListUserAuthEvents.
 * The sandbox has no risk engine: every event is NoRisk / Low.
 */
import { ServiceError } from '../core/errors';
import type { AuthEventRecord, Env, Handler, PoolRecord, UserRecord } from './state';
import { getPool, requireUser, toEpochSeconds } from './util';

const MAX_EVENTS = 50;

/** Whether threat protection records events in this pool. */
export const recordsAuthEvents = (pool: PoolRecord) =>
	['AUDIT', 'ENFORCED'].includes(pool.settings.UserPoolAddOns?.AdvancedSecurityMode);

/** Records an authentication event when threat protection is on. */
export function recordAuthEvent(
	env: Env,
	pool: PoolRecord,
	user: UserRecord,
	type: AuthEventRecord['type'],
	response: AuthEventRecord['response'],
	challenges: AuthEventRecord['challenges'] = []
): void {
	if (!recordsAuthEvents(pool)) return;
	user.authEvents = [
		...(user.authEvents ?? []),
		{ id: env.context.uuid(), type, response, at: env.now(), challenges },
	].slice(-MAX_EVENTS);
}

const adminListUserAuthEvents: Handler = async (input, env) => {
	const pool = getPool(env, input.UserPoolId);
	if (!recordsAuthEvents(pool))
		throw new ServiceError(
			'UserPoolAddOnNotEnabledException',
			'Threat protection (UserPoolAddOns.AdvancedSecurityMode) is not enabled for this user pool.'
		);
	const user = requireUser(pool, input.Username);
	const events = [...(user.authEvents ?? [])].reverse();
	const start = input.NextToken ? Number(input.NextToken) : 0;
	const limit = input.MaxResults || 60;
	return {
		AuthEvents: events.slice(start, start + limit).map((event) => ({
			EventId: event.id,
			EventType: event.type,
			CreationDate: toEpochSeconds(event.at),
			EventResponse: event.response,
			EventRisk: {
				RiskDecision: 'NoRisk',
				RiskLevel: 'Low',
				CompromisedCredentialsDetected: false,
			},
			ChallengeResponses: event.challenges,
			EventContextData: {
				IpAddress: '127.0.0.1',
				DeviceName: 'Sandbox',
				City: 'Sandbox',
				Country: 'Sandbox',
			},
		})),
		...(start + limit < events.length ? { NextToken: String(start + limit) } : {}),
	};
};

/** Threat protection operations by name. */
export const AUTH_EVENT_HANDLERS: Record<string, Handler> = {
	AdminListUserAuthEvents: adminListUserAuthEvents,
};
