/**
 * Authentication operations: InitiateAuth / AdminInitiateAuth, RespondToAuthChallenge /
 * AdminRespondToAuthChallenge and GetTokensFromRefreshToken, plus choice-based sign-in (USER_AUTH).
 * Checks run in the service's order: secret hash → flow enabled → user look-up
 * (PreventUserExistenceErrors) → disabled / unconfirmed (before the password) → lockout and password →
 * reset-required / temporary password expiry → triggers → challenges → tokens.
 */
import { ServiceError } from '../core/errors';
import { assessSignIn, protectionMode, readClientContext, refuseBlockedAddress } from '../risk';
import { flowEnabled } from './clients';
import { customAnswer, customStep } from './custom-auth';
import { deviceSrpStart, deviceSrpVerify } from './devices';
import { passkeyRequest, relyingPartyId, verifyPasskeyAssertion } from './webauthn';
import { mfaStepFor, useTotp } from './mfa';
import { checkHistory, checkPassword } from './password-policy';
import { consumeSession, openSession } from './sessions';
import {
	afterFirstFactor,
	challenge,
	checkAfterPassword,
	checkUsable,
	finish,
	mfaChallenge,
	missing,
	passwordFirstFactor,
	preAuthentication,
	type AuthResponse,
	type Call,
} from './sign-in';
import { srpStart, srpVerify } from './srp-flow';
import type { Env, Handler, PoolRecord, SessionRecord, UserRecord } from './state';
import { issueTokens, openRefreshToken, refreshIssueContext } from './token-issue';
import { setPassword, validateAttributes } from './user-records';
import {
	checkSecretHash,
	checkWritable,
	clientAndPool,
	findUser,
	getClient,
	getPool,
	hidesUsers,
	invalidParameter,
	notAuthorized,
	userNotFound,
} from './util';

// ---------------------------------------------------------------------------------------------
// Choice-based sign-in (USER_AUTH)

/** The first factors a user may choose from, filtered by the pool's SignInPolicy and the user. */
function availableFirstFactors(pool: PoolRecord, user: UserRecord | undefined): string[] {
	const allowed: string[] = pool.settings.Policies.SignInPolicy?.AllowedFirstAuthFactors ?? [
		'PASSWORD',
	];
	if (!user)
		return allowed.flatMap((f) =>
			f === 'PASSWORD' ? ['PASSWORD', 'PASSWORD_SRP'] : f === 'WEB_AUTHN' ? [] : [f]
		);
	const hasMfa = user.mfa.sms.enabled || user.mfa.totp.enabled || user.mfa.email.enabled;
	const out: string[] = [];
	if (allowed.includes('PASSWORD') && user.password !== undefined)
		out.push('PASSWORD', 'PASSWORD_SRP');
	// Passwordless first factors and MFA do not combine.
	if (
		!hasMfa &&
		allowed.includes('EMAIL_OTP') &&
		user.attributes.email &&
		user.attributes.email_verified === 'true'
	)
		out.push('EMAIL_OTP');
	if (
		!hasMfa &&
		allowed.includes('SMS_OTP') &&
		user.attributes.phone_number &&
		user.attributes.phone_number_verified === 'true'
	)
		out.push('SMS_OTP');
	if (allowed.includes('WEB_AUTHN') && user.passkeys?.length) out.push('WEB_AUTHN');
	return out;
}

async function chooseFirstFactor(
	call: Call,
	user: UserRecord | undefined,
	typed: string,
	choice: string,
	parameters: Record<string, string>,
	metadata?: Record<string, string>
): Promise<AuthResponse> {
	switch (choice) {
		case 'PASSWORD':
			if (!parameters.PASSWORD) throw missing('PASSWORD');
			return passwordFirstFactor(call, typed, parameters.PASSWORD, metadata, false);
		case 'PASSWORD_SRP':
			return srpStart(call, typed, parameters.SRP_A, metadata);
		case 'WEB_AUTHN': {
			if (!user)
				return challenge(
					call,
					{ username: typed },
					'WEB_AUTHN',
					{
						CREDENTIAL_REQUEST_OPTIONS: JSON.stringify({
							challenge: typed,
							timeout: 180000,
							rpId: relyingPartyId(call.env, call.pool),
							allowCredentials: [],
							userVerification: 'preferred',
						}),
					},
					{},
					false
				);
			const request = passkeyRequest(call.env, call.pool, user);
			return challenge(call, user, 'WEB_AUTHN', request.parameters, {
				webauthnChallenge: request.challenge,
			});
		}
		case 'EMAIL_OTP':
		case 'SMS_OTP':
			// An unknown user gets a challenge that looks real and can never be answered.
			if (!user) return simulatedOtpChallenge(call, typed, choice);
			return mfaChallenge(call, user, choice, 'first');
		default:
			throw invalidParameter(`The challenge ${choice} is not available for this user.`);
	}
}

function simulatedOtpChallenge(
	call: Call,
	typed: string,
	choice: 'EMAIL_OTP' | 'SMS_OTP'
): AuthResponse {
	const destination =
		choice === 'EMAIL_OTP'
			? `${typed.charAt(0)}***@${(typed.split('@')[1] ?? 'e').charAt(0)}***`
			: '+*******0000';
	return challenge(
		call,
		{ username: typed },
		choice,
		{
			CODE_DELIVERY_DELIVERY_MEDIUM: choice === 'EMAIL_OTP' ? 'EMAIL' : 'SMS',
			CODE_DELIVERY_DESTINATION: destination,
			USER_ID_FOR_SRP: typed,
		},
		{ code: null, stage: 'first' },
		false
	);
}

async function userAuth(
	call: Call,
	parameters: Record<string, string>,
	sessionId: string | undefined,
	metadata?: Record<string, string>
): Promise<AuthResponse> {
	const typed = parameters.USERNAME;
	if (!typed) throw missing('USERNAME');
	call.alwaysHideUnknownUsers = true;
	const user = findUser(call.pool, typed);
	if (sessionId) {
		// Sign-in straight after ConfirmSignUp: the confirmed code counts as the first factor.
		const session = openSession(call.env, call.pool, call.client, sessionId);
		if (session.challenge !== 'SIGNED_UP_CONFIRMED' || !user || session.username !== user.username)
			throw notAuthorized('Invalid session for the user.');
		consumeSession(session);
		checkUsable(user);
		await preAuthentication(call, user, metadata);
		return afterFirstFactor(call, user);
	}
	if (user) {
		checkUsable(user);
		if (user.status === 'RESET_REQUIRED') checkAfterPassword(call, user);
	}
	const available = availableFirstFactors(call.pool, user);
	const preferred = parameters.PREFERRED_CHALLENGE;
	if (preferred && available.includes(preferred)) {
		if (user && preferred !== 'PASSWORD' && preferred !== 'PASSWORD_SRP')
			await preAuthentication(call, user, metadata);
		return chooseFirstFactor(call, user, typed, preferred, parameters, metadata);
	}
	if (user) await preAuthentication(call, user, metadata);
	const response = challenge(
		call,
		{ username: user?.username ?? typed },
		'SELECT_CHALLENGE',
		{},
		{ available, typed },
		!!user
	);
	return { ...response, AvailableChallenges: available };
}

// ---------------------------------------------------------------------------------------------
// Operations

/**
 * Reads the caller's context (UserContextData, or ContextData on admin calls) while threat protection is on. A
 * challenge answer without one keeps the context its sign-in started with (kept in the session).
 */
function readThreatContext(call: Call, input: Record<string, any>, session?: SessionRecord): void {
	if (protectionMode(call.pool) === 'OFF') return;
	const sent =
		input.ContextData || input.UserContextData?.IpAddress || input.UserContextData?.EncodedData;
	const source: Record<string, any> = sent ? input : (session?.data.contextInput ?? input);
	call.clientContext = readClientContext(source, call.client);
	call.contextInput = {
		...(source.UserContextData ? { UserContextData: source.UserContextData } : {}),
		...(source.ContextData ? { ContextData: source.ContextData } : {}),
	};
}

/** The pool and app client of an auth call: Admin* calls name the pool, public calls only the client. */
function poolAndClientOf(input: Record<string, any>, env: Env, admin: boolean) {
	if (!admin) return clientAndPool(env, input.ClientId);
	const pool = getPool(env, input.UserPoolId);
	return { pool, client: getClient(pool, input.ClientId) };
}

async function initiate(
	input: Record<string, any>,
	env: Env,
	admin: boolean
): Promise<AuthResponse> {
	const { pool, client } = poolAndClientOf(input, env, admin);
	const flow: string = input.AuthFlow;
	const parameters: Record<string, string> = input.AuthParameters ?? {};
	const adminOnly = flow === 'ADMIN_USER_PASSWORD_AUTH' || flow === 'ADMIN_NO_SRP_AUTH';
	if ((adminOnly && !admin) || (flow === 'USER_PASSWORD_AUTH' && admin))
		throw invalidParameter('Initiate Auth method not supported.');
	const call: Call = {
		env,
		pool,
		client,
		flow,
		...(input.AuthParameters?.DEVICE_KEY ? { deviceKey: input.AuthParameters.DEVICE_KEY } : {}),
	};
	const metadata: Record<string, string> | undefined = input.ClientMetadata;
	if (flow === 'REFRESH_TOKEN_AUTH' || flow === 'REFRESH_TOKEN') {
		if (!parameters.REFRESH_TOKEN) throw missing('REFRESH_TOKEN');
		const record = pool.refreshTokens.get(parameters.REFRESH_TOKEN);
		await checkSecretHash(client, parameters.SECRET_HASH, [
			parameters.USERNAME,
			record?.username,
			record?.sub,
		]);
		if (!flowEnabled(client, flow))
			throw invalidParameter('Refresh Token flow not enabled for this client');
		if (client.RefreshTokenRotation?.Feature === 'ENABLED')
			throw invalidParameter(
				'Refresh token rotation is enabled for this client. Use GetTokensFromRefreshToken to refresh tokens.'
			);
		const { record: live, user } = openRefreshToken(call, parameters.REFRESH_TOKEN);
		const issue = refreshIssueContext(live);
		return {
			ChallengeParameters: {},
			AuthenticationResult: await issueTokens(
				call,
				user,
				'TokenGeneration_RefreshTokens',
				issue,
				false
			),
		};
	}
	const typed = parameters.USERNAME;
	const found = typed ? findUser(pool, typed) : undefined;
	if (!typed && flow !== 'USER_AUTH') {
		await checkSecretHash(client, parameters.SECRET_HASH, []);
		throw missing('USERNAME');
	}
	await checkSecretHash(client, parameters.SECRET_HASH, [typed, found?.username]);
	if (!flowEnabled(client, flow)) {
		throw invalidParameter(
			flow === 'USER_PASSWORD_AUTH'
				? 'USER_PASSWORD_AUTH flow not enabled for this client'
				: 'Auth flow not enabled for this client'
		);
	}
	readThreatContext(call, input);
	refuseBlockedAddress(call, found);
	switch (flow) {
		case 'USER_PASSWORD_AUTH':
		case 'ADMIN_USER_PASSWORD_AUTH':
		case 'ADMIN_NO_SRP_AUTH':
			if (!parameters.PASSWORD) throw missing('PASSWORD');
			return passwordFirstFactor(call, typed!, parameters.PASSWORD, metadata, true);
		case 'USER_SRP_AUTH':
			return srpStart(call, typed!, parameters.SRP_A, metadata);
		case 'CUSTOM_AUTH': {
			const user = found;
			if (!user && !hidesUsers(client)) throw userNotFound();
			if (user) checkUsable(user);
			if (user) await preAuthentication(call, user, metadata);
			if (parameters.CHALLENGE_NAME === 'SRP_A') {
				if (!parameters.SRP_A) throw missing('SRP_A');
				return customStep(
					call,
					user,
					typed!,
					[{ challengeName: 'SRP_A', challengeResult: true, challengeMetadata: null }],
					parameters.SRP_A
				);
			}
			return customStep(call, user, typed!, []);
		}
		case 'USER_AUTH':
			return userAuth(call, parameters, input.Session, metadata);
		default:
			throw invalidParameter('Initiate Auth method not supported.');
	}
}

async function respond(
	input: Record<string, any>,
	env: Env,
	admin: boolean
): Promise<AuthResponse> {
	const { pool, client } = poolAndClientOf(input, env, admin);
	const responses: Record<string, string> = input.ChallengeResponses ?? {};
	const call: Call = {
		env,
		pool,
		client,
		metadata: input.ClientMetadata,
		flow: 'RespondToAuthChallenge',
	};
	const session = openSession(env, pool, client, input.Session);
	readThreatContext(call, input, session);
	await checkSecretHash(client, responses.SECRET_HASH, [
		responses.USERNAME,
		session.username,
		session.data.typed,
	]);
	return answerChallenge(call, session, input.ChallengeName, responses);
}

/**
 * Answers the challenge of an open session (after any secret-hash check): RespondToAuthChallenge and the
 * managed login pages (../oauth) share this, so both run the same checks, triggers and MFA logic.
 */
export async function answerChallenge(
	call: Call,
	session: SessionRecord,
	answering: string,
	responses: Record<string, string>
): Promise<AuthResponse> {
	const { env, pool, client } = call;
	call.flow = session.flow;
	call.deviceKey = responses.DEVICE_KEY || session.data.deviceKey || undefined;
	if (session.data.risk) call.risk = session.data.risk;
	call.alwaysHideUnknownUsers = session.flow === 'USER_AUTH';
	if (!responses.USERNAME) throw missing('USERNAME');
	const selectedDirectly =
		session.challenge === 'SELECT_CHALLENGE' &&
		answering !== 'SELECT_CHALLENGE' &&
		(session.data.available as string[]).includes(answering);
	if (answering !== session.challenge && !selectedDirectly)
		throw invalidParameter(
			`Invalid challenge name ${answering} for this session; expected ${session.challenge}.`
		);
	const user = session.userExists ? findUser(pool, session.username) : undefined;
	if (session.userExists && !user) throw userNotFound();
	let result: AuthResponse;
	switch (session.challenge) {
		case 'PASSWORD_VERIFIER': {
			const verified = await srpVerify(call, session, responses);
			if (session.data.custom) {
				consumeSession(session);
				return customStep(call, verified, session.data.typed, [
					...session.data.history,
					{ challengeName: 'PASSWORD_VERIFIER', challengeResult: true, challengeMetadata: null },
				]);
			}
			await assessSignIn(call, verified, { flow: 'standard' });
			result = await afterFirstFactor(call, verified);
			break;
		}
		case 'SMS_MFA':
		case 'EMAIL_OTP':
		case 'SMS_OTP': {
			const field = `${session.challenge === 'SMS_MFA' ? 'SMS_MFA' : session.challenge}_CODE`;
			if (!responses[field]) throw missing(field);
			if (responses[field] !== session.data.code)
				throw new ServiceError('CodeMismatchException', 'Invalid code received for user');
			checkUsable(user!);
			call.mfaAnswered = session.data.stage !== 'first';
			result =
				session.data.stage === 'first'
					? await afterFirstFactor(call, user!, { skipMfa: true })
					: await finish(call, user!, 'TokenGeneration_Authentication');
			break;
		}
		case 'SOFTWARE_TOKEN_MFA': {
			if (!responses.SOFTWARE_TOKEN_MFA_CODE) throw missing('SOFTWARE_TOKEN_MFA_CODE');
			if (!user!.totp?.verified)
				throw new ServiceError(
					'SoftwareTokenMFANotFoundException',
					'Software Token MFA has not been set up for the user.'
				);
			if (!useTotp(user!, user!.totp.secret, responses.SOFTWARE_TOKEN_MFA_CODE, env.now()))
				throw new ServiceError('CodeMismatchException', 'Invalid code received for user');
			checkUsable(user!);
			call.mfaAnswered = true;
			result = await finish(call, user!, 'TokenGeneration_Authentication');
			break;
		}
		case 'SELECT_MFA_TYPE': {
			if (!responses.ANSWER) throw missing('ANSWER');
			const step = mfaStepFor(pool, user!);
			const choices = step.kind === 'select' ? step.options : [];
			if (!choices.includes(responses.ANSWER))
				throw invalidParameter(`Invalid MFA type ${responses.ANSWER}.`);
			result = await mfaChallenge(
				call,
				user!,
				responses.ANSWER as 'SMS_MFA' | 'SOFTWARE_TOKEN_MFA' | 'EMAIL_OTP'
			);
			break;
		}
		case 'MFA_SETUP': {
			if (!session.data.verified)
				throw invalidParameter(
					'Software token MFA has not been verified. Call AssociateSoftwareToken and VerifySoftwareToken with this Session first.'
				);
			result = await finish(call, user!, 'TokenGeneration_Authentication');
			break;
		}
		case 'NEW_PASSWORD_REQUIRED': {
			const password = responses.NEW_PASSWORD;
			if (!password) throw missing('NEW_PASSWORD');
			checkPassword(pool, password);
			checkHistory(pool, user!.passwordHistory, password);
			const changes: Record<string, string> = {};
			for (const [name, value] of Object.entries(responses))
				if (name.startsWith('userAttributes.'))
					changes[name.slice('userAttributes.'.length)] = value;
			const schema: Array<Record<string, any>> = pool.settings.SchemaAttributes;
			for (const name of Object.keys(changes)) {
				const required = schema.some((a) => a.Name === name && a.Required);
				if (required && user!.attributes[name] && user!.attributes[name] !== changes[name])
					throw invalidParameter(`Cannot modify an already provided ${name}`);
			}
			checkWritable(client, Object.keys(changes));
			validateAttributes(pool, changes, { requireAll: true, existing: user!.attributes });
			Object.assign(user!.attributes, changes);
			setPassword(user!, password, env.now());
			user!.status = 'CONFIRMED';
			delete user!.temporaryPasswordSetAt;
			const step = mfaStepFor(pool, user!);
			result =
				step.kind === 'none'
					? await finish(call, user!, 'TokenGeneration_NewPasswordChallenge')
					: await afterFirstFactor(call, user!);
			break;
		}
		case 'CUSTOM_CHALLENGE':
			result = await customAnswer(call, session, responses);
			break;
		case 'WEB_AUTHN': {
			if (!user) throw notAuthorized('Incorrect username or password.');
			checkUsable(user);
			await verifyPasskeyAssertion(
				env,
				pool,
				user,
				responses.CREDENTIAL,
				session.data.webauthnChallenge
			);
			// A passkey is a complete first factor; it does not combine with other MFA.
			result = await afterFirstFactor(call, user, { skipMfa: true });
			break;
		}
		case 'DEVICE_SRP_AUTH': {
			const { parameters, data } = await deviceSrpStart(env, user!, responses);
			result = challenge(call, user!, 'DEVICE_PASSWORD_VERIFIER', parameters, data);
			break;
		}
		case 'DEVICE_PASSWORD_VERIFIER': {
			const device = await deviceSrpVerify(env, user!, session, responses);
			call.deviceKey = device.key;
			checkUsable(user!);
			result = await finish(call, user!, 'TokenGeneration_AuthenticateDevice');
			break;
		}
		case 'SELECT_CHALLENGE': {
			const choice = selectedDirectly ? answering : responses.ANSWER;
			if (!choice) throw missing('ANSWER');
			if (!(session.data.available as string[]).includes(choice))
				throw invalidParameter(`The challenge ${choice} is not available for this user.`);
			result = await chooseFirstFactor(call, user, session.data.typed, choice, responses);
			break;
		}
		default:
			throw invalidParameter(`Challenge ${session.challenge} is not supported.`);
	}
	consumeSession(session);
	return result;
}

const getTokensFromRefreshToken: Handler = async (input, env) => {
	const { pool, client } = clientAndPool(env, input.ClientId);
	if (client.ClientSecret && input.ClientSecret !== client.ClientSecret)
		throw notAuthorized(`Unable to verify secret hash for client ${client.ClientId}`);
	const call: Call = {
		env,
		pool,
		client,
		metadata: input.ClientMetadata,
		flow: 'GetTokensFromRefreshToken',
	};
	const rotation = client.RefreshTokenRotation?.Feature === 'ENABLED';
	const record = pool.refreshTokens.get(input.RefreshToken);
	if (rotation && record?.rotatedAt !== undefined) {
		const grace = (client.RefreshTokenRotation.RetryGracePeriodSeconds ?? 0) * 1000;
		if (env.now() > record.rotatedAt + grace)
			throw new ServiceError(
				'RefreshTokenReuseException',
				'The refresh token has already been used.'
			);
	}
	const { record: live, user } = openRefreshToken(call, input.RefreshToken);
	const issue = refreshIssueContext(live);
	if (!rotation)
		return {
			AuthenticationResult: await issueTokens(
				call,
				user,
				'TokenGeneration_RefreshTokens',
				issue,
				false
			),
		};
	live.rotatedAt ??= env.now();
	// The new refresh token descends from the same sign-in: same event, origin_jti and auth_time.
	return {
		AuthenticationResult: await issueTokens(
			call,
			user,
			'TokenGeneration_RefreshTokens',
			issue,
			true
		),
	};
};

/** Authentication operations by name. */
export const AUTH_HANDLERS: Record<string, Handler> = {
	InitiateAuth: (input, env) => initiate(input, env, false),
	AdminInitiateAuth: (input, env) => initiate(input, env, true),
	RespondToAuthChallenge: (input, env) => respond(input, env, false),
	AdminRespondToAuthChallenge: (input, env) => respond(input, env, true),
	GetTokensFromRefreshToken: getTokensFromRefreshToken,
};
