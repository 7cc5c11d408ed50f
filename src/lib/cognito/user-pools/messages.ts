/**
 * Messages with codes: picks the template, lets the CustomMessage trigger rewrite it, and "sends" it
 * to the sandbox outbox. Returns the `CodeDeliveryDetails` the API reports.
 */
import { ServiceError } from '../core/errors';
import type { Env, PoolRecord, UserRecord } from './state';
import { hasTrigger, runTrigger } from './triggers';
import { maskEmail, maskPhone } from './util';
import { loginHost } from './tokens';

/** Why a message is sent: the suffix of its `CustomMessage_*` trigger source. */
export type MessageKind =
	| 'SignUp'
	| 'ResendCode'
	| 'ForgotPassword'
	| 'UpdateUserAttribute'
	| 'VerifyUserAttribute'
	| 'AdminCreateUser'
	| 'Authentication';

const DEFAULT_VERIFICATION = 'Your verification code is {####}. ';
const DEFAULT_INVITATION = 'Your username is {username} and temporary password is {####}. ';
const DEFAULT_AUTHENTICATION = 'Your authentication code is {####}. ';

export interface CodeDeliveryDetails {
	Destination: string;
	DeliveryMedium: 'EMAIL' | 'SMS';
	AttributeName: string;
}

function templateFor(
	pool: PoolRecord,
	kind: MessageKind,
	channel: 'EMAIL' | 'SMS'
): { body: string; subject?: string } {
	const s = pool.settings;
	if (kind === 'AdminCreateUser') {
		const invite = s.AdminCreateUserConfig?.InviteMessageTemplate ?? {};
		return channel === 'SMS'
			? { body: invite.SMSMessage ?? DEFAULT_INVITATION }
			: {
					body: invite.EmailMessage ?? DEFAULT_INVITATION,
					subject: invite.EmailSubject ?? 'Your temporary password',
				};
	}
	if (kind === 'Authentication') {
		return channel === 'SMS'
			? { body: s.SmsAuthenticationMessage ?? DEFAULT_AUTHENTICATION }
			: {
					body: s.EmailMfaConfiguration?.Message ?? DEFAULT_AUTHENTICATION,
					subject: s.EmailMfaConfiguration?.Subject ?? 'Your authentication code',
				};
	}
	const template = s.VerificationMessageTemplate ?? {};
	if (
		channel === 'EMAIL' &&
		template.DefaultEmailOption === 'CONFIRM_WITH_LINK' &&
		(kind === 'SignUp' || kind === 'ResendCode')
	) {
		return {
			body:
				template.EmailMessageByLink ??
				'Please click the link below to verify your email address. {##Verify Email##} ',
			subject: template.EmailSubjectByLink ?? 'Your verification link',
		};
	}
	return channel === 'SMS'
		? { body: template.SmsMessage ?? s.SmsVerificationMessage ?? DEFAULT_VERIFICATION }
		: {
				body: template.EmailMessage ?? s.EmailVerificationMessage ?? DEFAULT_VERIFICATION,
				subject: template.EmailSubject ?? s.EmailVerificationSubject ?? 'Your verification code',
			};
}

/**
 * A custom sender trigger delivers the message itself: Cognito hands it the code encrypted with the
 * pool's KMS key and sends nothing. The invocation is asynchronous, so its failure does not fail the
 * API call (it shows in the trace). In the sandbox the "ciphertext" is base64 of a small JSON document
 * holding the key id and the code, so learner code can read it without the AWS Encryption SDK.
 */
async function runCustomSender(
	env: Env,
	pool: PoolRecord,
	sender: 'CustomEmailSender' | 'CustomSMSSender',
	options: {
		user: UserRecord;
		kind: MessageKind;
		code: string;
		clientId: string;
		clientMetadata?: Record<string, string>;
	}
) {
	const ciphertext = btoa(
		JSON.stringify({
			sandboxKmsKeyId: pool.settings.LambdaConfig?.KMSKeyID ?? null,
			plaintextCode: options.code,
		})
	);
	try {
		await runTrigger(env, pool, sender, {
			triggerSource: `${sender}_${options.kind}`,
			userName: options.user.username,
			clientId: options.clientId,
			request: {
				type:
					sender === 'CustomEmailSender'
						? 'customEmailSenderRequestV1'
						: 'customSMSSenderRequestV1',
				code: ciphertext,
				userAttributes: { ...options.user.attributes, 'cognito:user_status': options.user.status },
				...(options.clientMetadata ? { clientMetadata: options.clientMetadata } : {}),
			},
		});
	} catch (error) {
		// Asynchronous invocation: the caller never sees the sender's failure.
		if (!(error instanceof ServiceError)) throw error;
	}
}

/** The channel and address for an attribute (`email` → EMAIL, `phone_number` → SMS). */
export function deliveryFor(
	user: UserRecord,
	attribute: 'email' | 'phone_number'
): { channel: 'EMAIL' | 'SMS'; destination: string; attribute: string } | undefined {
	const destination = user.attributes[attribute];
	if (!destination) return undefined;
	return { channel: attribute === 'email' ? 'EMAIL' : 'SMS', destination, attribute };
}

/** Masked `CodeDeliveryDetails` for a delivery. */
export function deliveryDetails(delivery: {
	channel: 'EMAIL' | 'SMS';
	destination: string;
	attribute: string;
}): CodeDeliveryDetails {
	return {
		Destination:
			delivery.channel === 'EMAIL'
				? maskEmail(delivery.destination)
				: maskPhone(delivery.destination),
		DeliveryMedium: delivery.channel,
		AttributeName: delivery.attribute,
	};
}

/**
 * Sends a code message through the CustomMessage trigger (if any) to the outbox.
 * `usernameForMessage` fills `{username}` in AdminCreateUser invitations.
 */
export async function sendCodeMessage(
	env: Env,
	pool: PoolRecord,
	options: {
		user: UserRecord;
		kind: MessageKind;
		delivery: { channel: 'EMAIL' | 'SMS'; destination: string; attribute: string };
		code: string;
		clientId: string;
		clientMetadata?: Record<string, string>;
		reason: string;
	}
): Promise<CodeDeliveryDetails> {
	const { user, kind, delivery, code } = options;
	const sender = delivery.channel === 'EMAIL' ? 'CustomEmailSender' : 'CustomSMSSender';
	if (hasTrigger(pool, sender)) {
		await runCustomSender(env, pool, sender, options);
		return deliveryDetails(delivery);
	}
	const template = templateFor(pool, kind, delivery.channel);
	let body = template.body;
	let subject = template.subject;
	const custom = await runTrigger(env, pool, 'CustomMessage', {
		triggerSource: `CustomMessage_${kind}`,
		userName: user.username,
		clientId: options.clientId,
		request: {
			userAttributes: {
				...user.attributes,
				...(user.status ? { 'cognito:user_status': user.status } : {}),
			},
			codeParameter: '{####}',
			linkParameter: '{##Click Here##}',
			usernameParameter: kind === 'AdminCreateUser' ? '{username}' : null,
			...(options.clientMetadata ? { clientMetadata: options.clientMetadata } : {}),
		},
		response: { smsMessage: null, emailMessage: null, emailSubject: null },
	});
	if (custom) {
		const response = custom.response;
		const unrecognisable = () =>
			new ServiceError('InvalidLambdaResponseException', 'Unrecognizable lambda output');
		for (const field of ['smsMessage', 'emailMessage', 'emailSubject']) {
			if (
				response[field] !== undefined &&
				response[field] !== null &&
				typeof response[field] !== 'string'
			)
				throw unrecognisable();
		}
		if (delivery.channel === 'SMS' && response.smsMessage) body = response.smsMessage;
		if (delivery.channel === 'EMAIL' && (response.emailMessage || response.emailSubject)) {
			if (pool.settings.EmailConfiguration?.EmailSendingAccount !== 'DEVELOPER')
				throw unrecognisable();
			if (response.emailMessage) body = response.emailMessage;
			if (response.emailSubject) subject = response.emailSubject;
		}
		if (!body.includes('{####}') && !/\{##[\s\S]*?##\}/.test(body)) throw unrecognisable();
		if (kind === 'AdminCreateUser' && !body.includes('{username}')) throw unrecognisable();
	}
	let text = body.split('{####}').join(code).split('{username}').join(user.username);
	// CONFIRM_WITH_LINK templates carry {##Click Here##}: the sandbox renders it as a link with the code.
	text = text.replace(
		/\{##([\s\S]*?)##\}/g,
		(_, label: string) =>
			`${label} (${env.context.urls.url(loginHost(env, pool), `/confirmUser?client_id=${options.clientId}&user_name=${encodeURIComponent(user.username)}&confirmation_code=${code}`)})`
	);
	env.context.send({
		channel: delivery.channel,
		destination: delivery.destination,
		...(delivery.channel === 'EMAIL' ? { subject } : {}),
		body: text,
		code,
		reason: options.reason,
	});
	return deliveryDetails(delivery);
}
