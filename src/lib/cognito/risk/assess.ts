/**
 * Threat protection's decisions: the policy around the score (./score.ts). For a sign-in it applies the IP
 * exception lists, checks compromised credentials, scores account-takeover risk, picks the configured action
 * for the level, and, in full-function (`ENFORCED`) mode only, carries it out: block, ask for MFA, notify.
 * In `AUDIT` mode everything is evaluated and recorded and nothing is enforced. Every decision is recorded
 * as the user's authentication event (AdminListUserAuthEvents) and traced as `RiskEvaluated` with its reasons.
 *
 * Which flows are evaluated: standard sign-in (passwords and SRP) while `AdvancedSecurityMode` is on; custom
 * authentication only with `AdvancedSecurityAdditionalFlows.CustomAuthMode`. Compromised credentials need the
 * password itself, so SRP and custom sign-ins are never checked for them (AWS docs). Passwordless first factors
 * (email/SMS OTP, passkeys) are not evaluated by the sandbox (unverified).
 */
import type { RiskEvaluatedEvent } from '../core/trace';
import { ServiceError } from '../core/errors';
import { poolFactors, mfaStepFor } from '../user-pools/mfa';
import type { Call } from '../user-pools/sign-in';
import type {
	AuthEventRisk,
	Env,
	PoolRecord,
	RiskConfigurationRecord,
	UserRecord,
} from '../user-pools/state';
import { recordAuthEvent } from '../user-pools/auth-events';
import { NO_CLIENT } from '../user-pools/triggers';
import { isBreachedPassword } from './breached-passwords';
import {
	accountTakeoverAction,
	compromisedCredentialsPolicy,
	effectiveRiskConfiguration,
	protectionMode,
	type ProtectedFlow,
} from './config';
import { type ClientContext, readClientContext } from './context-data';
import { matchingRange } from './network';
import { notifyUser, type NotificationTemplate } from './notify';
import { type RiskFactor, type RiskScore, scoreSignIn } from './score';

export type RiskMfaChallenge = 'SMS_MFA' | 'SOFTWARE_TOKEN_MFA' | 'EMAIL_OTP';

/** What threat protection asked of a sign-in in progress (carried in its challenge sessions). */
export interface SignInRisk {
	eventId: string;
	/** Threat protection asked for MFA: a remembered device does not skip it. */
	mfaRequired?: boolean;
	/** An MFA challenge the user must answer although their own MFA settings would not ask for one. */
	mfa?: RiskMfaChallenge;
}

/** `NotAuthorizedException` when adaptive authentication blocks a sign-in [observed in client error maps]. */
export const BLOCKED_SIGN_IN = 'Unable to login because of security reasons.';
/** `NotAuthorizedException` for an address in `BlockedIPRangeList` [observed in client error maps]. */
export const BLOCKED_ADDRESS = 'Request not allowed due to security reasons.';
/** `InvalidPasswordException` for a compromised password on sign-up or password change [observed]. */
export const COMPROMISED_PASSWORD = 'Provided password cannot be used for security reasons.';

interface Action {
	name: string;
	source: string;
	notify: boolean;
}

const noAction = (source: string): Action => ({ name: 'NO_ACTION', source, notify: false });

/** The factors an authentication event keeps as its reasons: those that scored or decided something. */
const decisive = (factor: RiskFactor) =>
	factor.points > 0 ||
	['CompromisedCredentials', 'BlockedIpRange', 'SkippedIpRange', 'MfaAvailability'].includes(
		factor.factor
	);

/**
 * The factor a risky sign-in's MFA uses when the user's own settings ask for none: a verified TOTP app, else
 * SMS to the phone number, else email, among the factors the pool offers. The AWS docs: MFA for risk needs
 * "an email address or phone number attribute, or a registered TOTP factor"; phone numbers need not be verified.
 */
export function riskMfaFactor(pool: PoolRecord, user: UserRecord): RiskMfaChallenge | undefined {
	const factors = poolFactors(pool);
	if (factors.totp && user.totp?.verified) return 'SOFTWARE_TOKEN_MFA';
	if (factors.sms && user.attributes.phone_number) return 'SMS_MFA';
	if (factors.email && user.attributes.email) return 'EMAIL_OTP';
	return undefined;
}

function emit(env: Env, event: Omit<RiskEvaluatedEvent, 'type' | 'at'>): void {
	env.context.emit({ type: 'RiskEvaluated', ...event, at: env.now() });
}

function traceContext(context: ClientContext): RiskEvaluatedEvent['context'] {
	const place = context.location.kind === 'place' ? context.location.place : undefined;
	return {
		ipAddress: context.ipAddress,
		ipSource: context.ipSource,
		...(place ? { country: place.country, city: place.city } : {}),
		...(context.device ? { deviceId: context.device.id } : {}),
		...(context.deviceName ? { deviceName: context.deviceName } : {}),
		notes: context.notes,
	};
}

/** The score, the exception lists and compromised credentials, and the action they lead to. */
async function evaluate(
	env: Env,
	user: UserRecord,
	context: ClientContext,
	config: RiskConfigurationRecord | undefined,
	password: string | undefined
): Promise<{ score: RiskScore; compromised?: boolean; action: Action; blockedAddress: boolean }> {
	const exceptions = config?.RiskExceptionConfiguration;
	const blocked = matchingRange(context.address, exceptions?.BlockedIPRangeList);
	// Unverified: which list wins when both match; the sandbox lets the block list win.
	const skipped = blocked
		? undefined
		: matchingRange(context.address, exceptions?.SkippedIPRangeList);
	if (skipped)
		return {
			score: {
				score: 0,
				level: 'NoRisk',
				factors: [
					{
						factor: 'SkippedIpRange',
						points: 0,
						reason: `${context.ipAddress} is in SkippedIPRangeList (${skipped}): risk detection is skipped.`,
					},
				],
			},
			action: noAction(`SkippedIPRangeList ${skipped}`),
			blockedAddress: false,
		};
	const score = scoreSignIn(env.now(), context, user.authEvents ?? []);
	if (blocked)
		score.factors.push({
			factor: 'BlockedIpRange',
			points: 0,
			reason: `${context.ipAddress} is in BlockedIPRangeList (${blocked}): always blocked.`,
		});
	const policy = compromisedCredentialsPolicy(config, 'SIGN_IN');
	let compromised: boolean | undefined;
	if (password !== undefined && policy.checked) {
		compromised = await isBreachedPassword(password);
		if (compromised)
			score.factors.push({
				factor: 'CompromisedCredentials',
				points: 0,
				reason: 'The password is in the bundled list of breached passwords.',
			});
	}
	let action: Action;
	if (blocked) action = { name: 'BLOCK', source: `BlockedIPRangeList ${blocked}`, notify: false };
	else if (compromised && policy.action === 'BLOCK')
		action = {
			name: 'BLOCK',
			source: 'CompromisedCredentialsRiskConfiguration.Actions.EventAction',
			notify: false,
		};
	else if (score.level === 'NoRisk') action = noAction('no risk detected');
	else {
		const configured = accountTakeoverAction(config, score.level);
		action = {
			name: configured.EventAction,
			source: `AccountTakeoverRiskConfiguration.Actions.${score.level}Action${config?.AccountTakeoverRiskConfiguration ? '' : ' (not configured: NO_ACTION)'}`,
			notify: configured.Notify,
		};
	}
	return { score, compromised, action, blockedAddress: !!blocked };
}

/**
 * Threat protection for a sign-in whose first factor is proven: records the event, traces the decision, and
 * in full-function mode blocks (throws `NotAuthorizedException`) or sets `call.risk.mfa`. Does nothing when
 * threat protection is off for the flow.
 */
export async function assessSignIn(
	call: Call,
	user: UserRecord,
	options: { flow: ProtectedFlow; password?: string }
): Promise<void> {
	const { env, pool, client } = call;
	const mode = protectionMode(pool, options.flow);
	if (mode === 'OFF') return;
	const context = call.clientContext ?? readClientContext({}, client);
	const config = effectiveRiskConfiguration(pool, client.ClientId);
	const { score, compromised, action, blockedAddress } = await evaluate(
		env,
		user,
		context,
		config,
		options.password
	);
	let outcome: RiskEvaluatedEvent['outcome'] = 'Allowed';
	let mfa: RiskMfaChallenge | undefined;
	let why = '';
	if (mode === 'AUDIT') outcome = 'AuditOnly';
	else if (action.name === 'BLOCK') outcome = 'Blocked';
	else if (action.name === 'MFA_IF_CONFIGURED' || action.name === 'MFA_REQUIRED') {
		if (options.flow === 'custom')
			why =
				'Custom authentication: the sandbox does not add MFA to custom challenges (unverified).';
		else if (mfaStepFor(pool, user).kind !== 'none') outcome = 'MfaChallenge';
		else if ((mfa = riskMfaFactor(pool, user))) outcome = 'MfaChallenge';
		else if (action.name === 'MFA_REQUIRED') {
			outcome = 'Blocked';
			why = 'MFA_REQUIRED, and the user has no factor the pool offers: blocked.';
		} else why = 'MFA_IF_CONFIGURED, and the user has no factor the pool offers: allowed.';
	}
	if (why) score.factors.push({ factor: 'MfaAvailability', points: 0, reason: why });
	const risk: AuthEventRisk = {
		decision:
			outcome === 'Blocked' ? 'Block' : score.level === 'NoRisk' ? 'NoRisk' : 'AccountTakeover',
		...(score.level !== 'NoRisk' ? { level: score.level } : {}),
		compromised: compromised === true,
		reasons: score.factors.filter(decisive).map((f) => f.reason),
	};
	const notifying = mode === 'ENFORCED' && action.notify && !blockedAddress;
	const event = recordAuthEvent(
		env,
		pool,
		user,
		'SignIn',
		outcome === 'Blocked' ? 'Fail' : 'InProgress',
		options.flow === 'standard'
			? [{ ChallengeName: 'Password', ChallengeResponse: 'Success' }]
			: [],
		{
			context,
			risk,
			...(notifying ? { feedbackToken: env.context.randomString(48, TOKEN_ALPHABET) } : {}),
		}
	)!;
	const template: NotificationTemplate =
		outcome === 'Blocked'
			? 'BlockEmail'
			: outcome === 'MfaChallenge'
				? 'MfaEmail'
				: 'NoActionEmail';
	const notified =
		notifying &&
		(await notifyUser(env, pool, client.ClientId, user, event, template, action.name, config));
	emit(env, {
		userPoolId: pool.id,
		clientId: client.ClientId,
		username: user.username,
		eventId: event.id,
		eventType: 'SignIn',
		mode,
		flow: options.flow,
		context: traceContext(context),
		factors: score.factors,
		score: score.score,
		level: score.level,
		...(compromised !== undefined ? { compromisedCredentials: compromised } : {}),
		action: { name: action.name, source: action.source },
		outcome,
		...(notified ? { notified: template } : {}),
	});
	if (outcome === 'Blocked') {
		if (compromised && action.name === 'BLOCK' && !blockedAddress) {
			// AWS docs: "When Amazon Cognito blocks sign-in for a user, it sets the user's UserStatus to
			// RESET_REQUIRED". The error of that sign-in is not documented; the sandbox uses the block message.
			user.status = 'RESET_REQUIRED';
		}
		throw new ServiceError(
			'NotAuthorizedException',
			blockedAddress ? BLOCKED_ADDRESS : BLOCKED_SIGN_IN
		);
	}
	call.risk = {
		eventId: event.id,
		...(outcome === 'MfaChallenge' ? { mfaRequired: true } : {}),
		...(mfa ? { mfa } : {}),
	};
}

const TOKEN_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * Compromised-credential detection for a new password (`SIGN_UP`: SignUp; `PASSWORD_CHANGE`: ChangePassword
 * and ConfirmForgotPassword). In full-function mode with `BLOCK` a breached password is refused with
 * `InvalidPasswordException`. Returns the risk to record with the event, or undefined when not checked.
 */
export async function assessNewPassword(
	env: Env,
	pool: PoolRecord,
	options: {
		clientId?: string;
		user?: UserRecord;
		username: string;
		password: string;
		event: 'SIGN_UP' | 'PASSWORD_CHANGE';
		context?: ClientContext;
	}
): Promise<AuthEventRisk | undefined> {
	const mode = protectionMode(pool);
	if (mode === 'OFF') return undefined;
	const config = effectiveRiskConfiguration(pool, options.clientId ?? '');
	const policy = compromisedCredentialsPolicy(config, options.event);
	if (!policy.checked) return undefined;
	const compromised = await isBreachedPassword(options.password);
	const blocked = compromised && policy.action === 'BLOCK' && mode === 'ENFORCED';
	const reason = compromised
		? 'The password is in the bundled list of breached passwords.'
		: 'The password is not in the bundled list of breached passwords.';
	const risk: AuthEventRisk = {
		decision: blocked ? 'Block' : 'NoRisk',
		compromised,
		reasons: compromised ? [reason] : [],
	};
	const eventType = options.event === 'SIGN_UP' ? 'SignUp' : 'PasswordChange';
	const event =
		blocked && options.user
			? recordAuthEvent(env, pool, options.user, eventType, 'Fail', [], {
					context: options.context,
					risk,
				})
			: undefined;
	const context = options.context ?? readClientContext({}, {});
	emit(env, {
		userPoolId: pool.id,
		clientId: options.clientId ?? NO_CLIENT,
		username: options.username,
		eventId: event?.id ?? '',
		eventType,
		mode,
		flow: 'standard',
		context: traceContext(context),
		factors: [
			{ factor: compromised ? 'CompromisedCredentials' : 'PasswordNotBreached', points: 0, reason },
		],
		score: 0,
		level: 'NoRisk',
		compromisedCredentials: compromised,
		action: compromised
			? {
					name: policy.action,
					source: 'CompromisedCredentialsRiskConfiguration.Actions.EventAction',
				}
			: { name: 'NO_ACTION', source: 'no compromised credentials' },
		outcome: mode === 'AUDIT' ? 'AuditOnly' : blocked ? 'Blocked' : 'Allowed',
	});
	if (blocked) throw new ServiceError('InvalidPasswordException', COMPROMISED_PASSWORD);
	return risk;
}

/**
 * Full-function mode refuses a sign-in from an address in `BlockedIPRangeList` before anything else is
 * checked, so a blocked address cannot even learn whether a password is right. (In audit mode the address is
 * reported by {@link assessSignIn} instead.)
 */
export function refuseBlockedAddress(call: Call, user: UserRecord | undefined): void {
	const { env, pool, client } = call;
	if (protectionMode(pool) !== 'ENFORCED') return;
	const context = call.clientContext ?? readClientContext({}, client);
	const config = effectiveRiskConfiguration(pool, client.ClientId);
	const range = matchingRange(
		context.address,
		config?.RiskExceptionConfiguration?.BlockedIPRangeList
	);
	if (!range) return;
	const reason = `${context.ipAddress} is in BlockedIPRangeList (${range}): always blocked.`;
	const event = user
		? recordAuthEvent(env, pool, user, 'SignIn', 'Fail', [], {
				context,
				risk: { decision: 'Block', compromised: false, reasons: [reason] },
			})
		: undefined;
	emit(env, {
		userPoolId: pool.id,
		clientId: client.ClientId,
		username: user?.username ?? '',
		eventId: event?.id ?? '',
		eventType: 'SignIn',
		mode: 'ENFORCED',
		flow: 'standard',
		context: traceContext(context),
		factors: [{ factor: 'BlockedIpRange', points: 0, reason }],
		score: 0,
		level: 'NoRisk',
		action: { name: 'BLOCK', source: `BlockedIPRangeList ${range}` },
		outcome: 'Blocked',
	});
	throw new ServiceError('NotAuthorizedException', BLOCKED_ADDRESS);
}
