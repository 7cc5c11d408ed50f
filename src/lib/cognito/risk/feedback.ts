/**
 * Feedback on authentication events: `UpdateAuthEventFeedback` (the user, with the token from the
 * notification email; no IAM) and `AdminUpdateAuthEventFeedback` (an administrator). The value shows as
 * `EventFeedback` in AdminListUserAuthEvents and changes later scores (./score.ts): an event marked `Valid`
 * joins the user's trusted sign-ins, one marked `Invalid` leaves them and makes its device and IP address a
 * risk factor.
 */
import { ServiceError } from '../core/errors';
import { findAuthEvent, requireAuthEvents } from '../user-pools/auth-events';
import type { Env, Handler } from '../user-pools/state';
import { getPool, notAuthorized, requireUser } from '../user-pools/util';

function giveFeedback(input: Record<string, any>, env: Env, provider: 'User' | 'Admin') {
	const pool = getPool(env, input.UserPoolId);
	requireAuthEvents(pool);
	const user = requireUser(pool, input.Username);
	const event = findAuthEvent(user, input.EventId);
	// Messages chosen in the service's style (the API reference names the exceptions, not their text).
	if (!event)
		throw new ServiceError('ResourceNotFoundException', `Event ${input.EventId} not found.`);
	if (provider === 'User' && (!event.feedbackToken || event.feedbackToken !== input.FeedbackToken))
		throw notAuthorized('Invalid feedback token.');
	// `Provider` for user feedback is unverified; the console's is documented as "Admin".
	event.feedback = { value: input.FeedbackValue, provider, at: env.now() };
	return {};
}

/** Feedback operations by name. */
export const FEEDBACK_HANDLERS: Record<string, Handler> = {
	UpdateAuthEventFeedback: async (input, env) => giveFeedback(input, env, 'User'),
	AdminUpdateAuthEventFeedback: async (input, env) => giveFeedback(input, env, 'Admin'),
};
