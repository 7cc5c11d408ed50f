/**
 * Threat protection's notification email, sent when the action of a risk level has `Notify: true` (full-function
 * mode only). The template is `NotifyConfiguration.BlockEmail`, `MfaEmail` or `NoActionEmail`, by what the
 * sign-in did, with Cognito's placeholders: {username}, {ip-address}, {city}, {country}, {login-time},
 * {device-name}, {event-id}, {feedback-token}, {one-click-link-valid} and {one-click-link-invalid} (the links
 * need a domain on the pool; without one they are empty). With a `CustomEmailSender` trigger, Cognito sends
 * nothing itself and invokes it with `CustomEmailSender_AccountTakeOverNotification`.
 *
 * Sandbox choices (unverified): without a `NotifyConfiguration` the sandbox uses short templates of its own;
 * the text body is sent when there is one, else the HTML body (values HTML-escaped); {login-time} is ISO 8601 in
 * UTC; the one-click links point at `/risk-feedback` on the pool's domain, a path the sandbox does not serve:
 * learners send the token with UpdateAuthEventFeedback.
 */
import { ServiceError } from '../core/errors';
import { domainHost } from '../user-pools/domains';
import type {
	AuthEventRecord,
	Env,
	PoolRecord,
	RiskConfigurationRecord,
	UserRecord,
} from '../user-pools/state';
import { hasTrigger, runTrigger } from '../user-pools/triggers';

export type NotificationTemplate = 'BlockEmail' | 'MfaEmail' | 'NoActionEmail';

const DEFAULTS: Record<NotificationTemplate, { Subject: string; TextBody: string }> = {
	BlockEmail: {
		Subject: 'We blocked a sign-in to your account',
		TextBody:
			'A sign-in to {username} was blocked.\nWhen: {login-time}\nDevice: {device-name}\nWhere: {city}, {country} ({ip-address})\nWas this you? Yes: {one-click-link-valid} No: {one-click-link-invalid}',
	},
	MfaEmail: {
		Subject: 'A sign-in to your account needed a second factor',
		TextBody:
			'A sign-in to {username} had to pass multi-factor authentication.\nWhen: {login-time}\nDevice: {device-name}\nWhere: {city}, {country} ({ip-address})\nWas this you? Yes: {one-click-link-valid} No: {one-click-link-invalid}',
	},
	NoActionEmail: {
		Subject: 'New sign-in to your account',
		TextBody:
			'We noticed a sign-in to {username}.\nWhen: {login-time}\nDevice: {device-name}\nWhere: {city}, {country} ({ip-address})\nWas this you? Yes: {one-click-link-valid} No: {one-click-link-invalid}',
	},
};

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The placeholder values for an event. */
function placeholders(env: Env, pool: PoolRecord, user: UserRecord, event: AuthEventRecord) {
	const host = domainHost(env, pool);
	const link = (value: 'Valid' | 'Invalid') =>
		host && event.feedbackToken
			? env.context.urls.url(
					host,
					`/risk-feedback?${new URLSearchParams({
						user_pool_id: pool.id,
						username: user.username,
						event_id: event.id,
						feedback_token: event.feedbackToken,
						feedback_value: value,
					})}`
				)
			: '';
	return {
		username: user.username,
		'ip-address': event.context?.ipAddress ?? '',
		city: event.context?.place?.city ?? '',
		country: event.context?.place?.country ?? '',
		'login-time': new Date(event.at).toISOString(),
		'device-name': event.context?.deviceName ?? '',
		'event-id': event.id,
		'feedback-token': event.feedbackToken ?? '',
		'one-click-link-valid': link('Valid'),
		'one-click-link-invalid': link('Invalid'),
	} as const;
}

function fill(template: string, values: Record<string, string>, escape: boolean): string {
	return template.replace(/\{([a-z-]+)\}/g, (whole, name: string) =>
		Object.hasOwn(values, name) ? (escape ? escapeHtml(values[name]!) : values[name]!) : whole
	);
}

/**
 * Sends the notification for an event. Returns whether a message went out (a user without an email
 * address gets none).
 */
export async function notifyUser(
	env: Env,
	pool: PoolRecord,
	clientId: string,
	user: UserRecord,
	event: AuthEventRecord,
	template: NotificationTemplate,
	action: string,
	config: RiskConfigurationRecord | undefined
): Promise<boolean> {
	const email = user.attributes.email;
	if (!email) return false;
	const values = placeholders(env, pool, user, event);
	if (hasTrigger(pool, 'CustomEmailSender')) {
		try {
			await runTrigger(env, pool, 'CustomEmailSender', {
				triggerSource: 'CustomEmailSender_AccountTakeOverNotification',
				userName: user.username,
				clientId,
				request: {
					type: 'customEmailSenderRequestV1',
					code: null,
					userAttributes: {
						...user.attributes,
						EVENT_ID: values['event-id'],
						USER_NAME: values.username,
						IP_ADDRESS: values['ip-address'],
						ACCOUNT_TAKE_OVER_ACTION: action,
						ONE_CLICK_LINK_VALID: values['one-click-link-valid'],
						ONE_CLICK_LINK_INVALID: values['one-click-link-invalid'],
						LOGIN_TIME: values['login-time'],
						FEEDBACK_TOKEN: values['feedback-token'],
						...(values.city ? { CITY: values.city } : {}),
						...(values.country ? { COUNTRY: values.country } : {}),
						...(values['device-name'] ? { DEVICE_NAME: values['device-name'] } : {}),
					},
				},
			});
		} catch (error) {
			// Asynchronous invocation: the sign-in never sees the sender's failure (it shows in the trace).
			if (!(error instanceof ServiceError)) throw error;
		}
		return true;
	}
	const configured = config?.AccountTakeoverRiskConfiguration?.NotifyConfiguration?.[template];
	const subject: string = configured?.Subject ?? DEFAULTS[template].Subject;
	const body = configured?.TextBody
		? fill(configured.TextBody, values, false)
		: configured?.HtmlBody
			? fill(configured.HtmlBody, values, true)
			: fill(DEFAULTS[template].TextBody, values, false);
	env.context.send({
		channel: 'EMAIL',
		destination: email,
		subject: fill(subject, values, false),
		body,
		reason: `AccountTakeoverNotification:${template}`,
	});
	return true;
}
