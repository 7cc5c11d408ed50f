/**
 * Authentication: InitiateAuth / AdminInitiateAuth, RespondToAuthChallenge /
 * AdminRespondToAuthChallenge and GetTokensFromRefreshToken. Checks run in the service's order:
 * secret hash → flow enabled → user look-up (PreventUserExistenceErrors) → disabled / unconfirmed
 * (before the password) → lockout and password → reset-required / temporary password expiry →
 * triggers → challenges → tokens.
 */
import { ServiceError } from '../core/errors';
import { flowEnabled } from './clients';
import { deliveryFor, sendCodeMessage } from './messages';
import { mfaStepFor, verifyTotp } from './mfa';
import { checkHistory, checkPassword } from './password-policy';
import { consumeSession, createSession, openSession } from './sessions';
import { claimSignature, computeB, computeVerifier, N, serverSessionKey, sha256Hex, srpPoolName, TIMESTAMP_PATTERN } from './srp';
import type { ClientRecord, Env, Handler, PoolRecord, RefreshTokenRecord, SessionRecord, UserRecord } from './state';
import { baseClaims, groupClaims, newRefreshToken, refreshLifetimeMs, signToken, type IssueContext } from './tokens';
import { expectTypes, runTrigger } from './triggers';
import { setPassword, validateAttributes } from './user-records';
import { migrateUser } from './users';
import { checkSecretHash, clientAndPool, DAY_MS, findUser, getClient, getPool, hidesUsers, invalidParameter, maskEmail, maskPhone, MINUTE_MS, newCode, notAuthorized, randomBase64, userNotFound } from './util';

/** Everything one authentication call carries along. */
interface Call {
	env: Env;
	pool: PoolRecord;
	client: ClientRecord;
	/** ClientMetadata of this API call (routed only to the triggers the service routes it to). */
	metadata?: Record<string, string>;
	flow: string;
}

type AuthResponse = Record<string, unknown>;

const INCORRECT = 'Incorrect username or password.';
const missing = (name: string) => invalidParameter(`Missing required parameter ${name}`);
const LOCK_RESET_MS = 15 * MINUTE_MS;
const MAX_LOCK_MS = 15 * MINUTE_MS;

// ---------------------------------------------------------------------------------------------
// Users, lockout and passwords

/** Rejects a sign-in while the user is locked out after repeated failures. */
function checkLockout(call: Call, user: UserRecord): void {
	if (user.failures.lockedUntil > call.env.now()) throw notAuthorized('Password attempts exceeded');
}

/** Counts a failed password: from the fifth on, the user is locked for 2^(n-5) s (max 15 min). */
function recordFailure(call: Call, user: UserRecord): void {
	const now = call.env.now();
	if (now - user.failures.lastAt > LOCK_RESET_MS) user.failures.count = 0;
	user.failures.count++;
	user.failures.lastAt = now;
	if (user.failures.count >= 5) user.failures.lockedUntil = now + Math.min(2 ** (user.failures.count - 5) * 1000, MAX_LOCK_MS);
}

/** Disabled and unconfirmed users are refused before their password is checked. */
function checkUsable(user: UserRecord): void {
	if (!user.enabled) throw notAuthorized('User is disabled.');
	if (user.status === 'UNCONFIRMED') throw new ServiceError('UserNotConfirmedException', 'User is not confirmed.');
}

/** After a correct first factor: reset-required and expired temporary passwords. */
function checkAfterPassword(call: Call, user: UserRecord): void {
	if (user.status === 'RESET_REQUIRED') {
		if (hidesUsers(call.client)) throw notAuthorized(INCORRECT);
		throw new ServiceError('PasswordResetRequiredException', 'Password reset required for the user');
	}
	if (user.status === 'FORCE_CHANGE_PASSWORD' && user.temporaryPasswordSetAt !== undefined) {
		const days = call.pool.settings.Policies.PasswordPolicy.TemporaryPasswordValidityDays || 7;
		if (call.env.now() > user.temporaryPasswordSetAt + days * DAY_MS) throw notAuthorized('Temporary password has expired and must be reset by an administrator.');
	}
}

/** Looks up the user named in a sign-in; unknown → generic error (ENABLED) or UserNotFoundException. */
function requireSignInUser(call: Call, user: UserRecord | undefined): UserRecord {
	if (user) return user;
	if (hidesUsers(call.client)) throw notAuthorized(INCORRECT);
	throw userNotFound();
}

async function preAuthentication(call: Call, user: UserRecord, initiateMetadata?: Record<string, string>) {
	await runTrigger(call.env, call.pool, 'PreAuthentication', {
		triggerSource: 'PreAuthentication_Authentication',
		userName: user.username,
		clientId: call.client.ClientId,
		request: { userAttributes: { ...user.attributes, 'cognito:user_status': user.status }, validationData: initiateMetadata ?? null, ...(hidesUsers(call.client) ? { userNotFound: false } : {}) },
	});
}

/** USER_PASSWORD_AUTH / ADMIN_USER_PASSWORD_AUTH / USER_AUTH with PASSWORD. */
async function passwordFirstFactor(call: Call, typed: string, password: string, initiateMetadata: Record<string, string> | undefined, allowMigration: boolean): Promise<AuthResponse> {
	let user = findUser(call.pool, typed);
	if (!user && allowMigration) user = await migrateUser(call.env, call.pool, call.client, typed, 'UserMigration_Authentication', password, initiateMetadata);
	user = requireSignInUser(call, user);
	checkUsable(user);
	checkLockout(call, user);
	if (user.password === undefined || user.password !== password) {
		recordFailure(call, user);
		throw notAuthorized(INCORRECT);
	}
	user.failures = { count: 0, lastAt: 0, lockedUntil: 0 };
	checkAfterPassword(call, user);
	await preAuthentication(call, user, initiateMetadata);
	return afterFirstFactor(call, user);
}

// ---------------------------------------------------------------------------------------------
// Challenges

function challenge(call: Call, user: { username: string }, name: string, parameters: Record<string, string>, data: Record<string, any> = {}, userExists = true): AuthResponse {
	const session = createSession(call.env, call.pool, call.client, { username: user.username, userExists, challenge: name, flow: call.flow, data });
	return { ChallengeName: name, Session: session, ChallengeParameters: parameters };
}

/** What follows a proven first factor: a new password, MFA, or tokens. */
async function afterFirstFactor(call: Call, user: UserRecord, options: { skipMfa?: boolean } = {}): Promise<AuthResponse> {
	if (user.status === 'FORCE_CHANGE_PASSWORD') {
		const schema: Array<Record<string, any>> = call.pool.settings.SchemaAttributes;
		const required = schema.filter((a) => a.Required && a.Name !== 'sub' && !user.attributes[a.Name]).map((a) => `userAttributes.${a.Name}`);
		const visible = Object.fromEntries(Object.entries(user.attributes).filter(([name]) => name !== 'sub'));
		return challenge(call, user, 'NEW_PASSWORD_REQUIRED', { USER_ID_FOR_SRP: user.username, requiredAttributes: JSON.stringify(required), userAttributes: JSON.stringify(visible) });
	}
	if (!options.skipMfa) {
		const step = mfaStepFor(call.pool, user);
		if (step.kind === 'challenge') return mfaChallenge(call, user, step.challenge);
		if (step.kind === 'select') return challenge(call, user, 'SELECT_MFA_TYPE', { USER_ID_FOR_SRP: user.username, MFAS_CAN_CHOOSE: JSON.stringify(step.options) });
		if (step.kind === 'setup') return challenge(call, user, 'MFA_SETUP', { USER_ID_FOR_SRP: user.username, MFAS_CAN_SETUP: JSON.stringify(step.options) });
	}
	return finish(call, user, 'TokenGeneration_Authentication');
}

/** Sends an MFA or OTP code (SMS/email) or asks for a TOTP code. */
async function mfaChallenge(call: Call, user: UserRecord, name: 'SMS_MFA' | 'SOFTWARE_TOKEN_MFA' | 'EMAIL_OTP' | 'SMS_OTP', stage: 'mfa' | 'first' = 'mfa'): Promise<AuthResponse> {
	if (name === 'SOFTWARE_TOKEN_MFA') {
		return challenge(call, user, name, { USER_ID_FOR_SRP: user.username, ...(user.totp?.friendlyName ? { FRIENDLY_DEVICE_NAME: user.totp.friendlyName } : {}) }, { stage });
	}
	const delivery = deliveryFor(user, name === 'EMAIL_OTP' ? 'email' : 'phone_number');
	if (!delivery) throw new ServiceError('InvalidUserPoolConfigurationException', `The user has no ${name === 'EMAIL_OTP' ? 'email' : 'phone number'} to send a code to.`);
	const code = newCode(call.env, name === 'EMAIL_OTP' && stage === 'first' ? 8 : 6);
	await sendCodeMessage(call.env, call.pool, { user, kind: 'Authentication', delivery, code, clientId: call.client.ClientId, clientMetadata: call.metadata, reason: name });
	return challenge(
		call,
		user,
		name,
		{
			CODE_DELIVERY_DELIVERY_MEDIUM: delivery.channel,
			CODE_DELIVERY_DESTINATION: delivery.channel === 'EMAIL' ? maskEmail(delivery.destination) : maskPhone(delivery.destination),
			USER_ID_FOR_SRP: user.username,
		},
		{ code, stage }
	);
}

// ---------------------------------------------------------------------------------------------
// Tokens

/** PostAuthentication, pre-token generation and signing: the end of every successful sign-in. */
async function finish(call: Call, user: UserRecord, tokenSource: string): Promise<AuthResponse> {
	await runTrigger(call.env, call.pool, 'PostAuthentication', {
		triggerSource: 'PostAuthentication_Authentication',
		userName: user.username,
		clientId: call.client.ClientId,
		request: { userAttributes: { ...user.attributes, 'cognito:user_status': user.status }, newDeviceUsed: false, ...(call.metadata ? { clientMetadata: call.metadata } : {}) },
	});
	const issue: IssueContext = { eventId: call.env.context.uuid(), originJti: call.env.context.uuid(), authTime: Math.floor(call.env.now() / 1000) };
	return { ChallengeParameters: {}, AuthenticationResult: await issueTokens(call, user, tokenSource, issue, true) };
}

const RESERVED_CLAIMS = new Set(['acr', 'amr', 'aud', 'auth_time', 'azp', 'exp', 'iat', 'identities', 'iss', 'sub', 'token_use', 'nonce', 'at_hash', 'cognito:username', 'client_id', 'jti', 'origin_jti', 'event_id', 'scope', 'username', 'device_key']);

function applyClaimChanges(claims: Record<string, unknown>, changes: Record<string, any> | undefined, stringsOnly: boolean) {
	if (!changes) return;
	const unrecognisable = () => new ServiceError('InvalidLambdaResponseException', 'Unrecognizable lambda output');
	const add = changes.claimsToAddOrOverride;
	if (add !== undefined && add !== null) {
		if (typeof add !== 'object' || Array.isArray(add)) throw unrecognisable();
		for (const [name, value] of Object.entries(add)) {
			if (stringsOnly && typeof value !== 'string') throw unrecognisable();
			if (!RESERVED_CLAIMS.has(name) && !name.startsWith('cognito:')) claims[name] = value;
		}
	}
	const suppress = changes.claimsToSuppress;
	if (suppress !== undefined && suppress !== null) {
		if (!Array.isArray(suppress)) throw unrecognisable();
		for (const name of suppress) if (typeof name === 'string' && !RESERVED_CLAIMS.has(name)) delete claims[name];
	}
}

function applyGroupOverride(id: Record<string, unknown>, access: Record<string, unknown>, override: Record<string, any> | undefined) {
	if (!override) return;
	if (Array.isArray(override.groupsToOverride)) {
		for (const claims of [id, access]) {
			if (override.groupsToOverride.length) claims['cognito:groups'] = override.groupsToOverride;
			else delete claims['cognito:groups'];
		}
	}
	if (Array.isArray(override.iamRolesToOverride)) {
		if (override.iamRolesToOverride.length) id['cognito:roles'] = override.iamRolesToOverride;
		else delete id['cognito:roles'];
	}
	if (override.preferredRole !== undefined) {
		if (override.preferredRole) id['cognito:preferred_role'] = override.preferredRole;
		else delete id['cognito:preferred_role'];
	}
}

/** Orders claims with `exp`, `iat`, `jti` (and `username`) last, as the service does. */
function reorder(claims: Record<string, unknown>, tail: string[]): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const [name, value] of Object.entries(claims)) if (!tail.includes(name)) out[name] = value;
	for (const name of tail) if (name in claims) out[name] = claims[name];
	return out;
}

/** Builds, customises (pre token generation V1/V2), signs and records the tokens. */
async function issueTokens(call: Call, user: UserRecord, tokenSource: string, issue: IssueContext, withRefreshToken: boolean, refreshToken?: string): Promise<Record<string, unknown>> {
	const { env, pool, client } = call;
	let { id, access } = baseClaims(env, pool, client, user, issue);
	const roles = groupClaims(pool, user);
	const scopes = String(access.scope).split(' ');
	const trigger = await runTrigger(env, pool, 'PreTokenGeneration', {
		triggerSource: tokenSource,
		userName: user.username,
		clientId: client.ClientId,
		request: {
			userAttributes: { ...user.attributes, 'cognito:user_status': user.status },
			groupConfiguration: { groupsToOverride: roles.groups, iamRolesToOverride: roles.roles, preferredRole: roles.preferredRole ?? null },
			...(pool.settings.LambdaConfig?.PreTokenGenerationConfig?.LambdaVersion && pool.settings.LambdaConfig.PreTokenGenerationConfig.LambdaVersion !== 'V1_0' ? { scopes } : {}),
			...(call.metadata ? { clientMetadata: call.metadata } : {}),
		},
		response: {},
	});
	if (trigger) {
		const response = trigger.response;
		if (trigger.version === '1' || !response.claimsAndScopeOverrideDetails) {
			expectTypes(response, { claimsOverrideDetails: 'object' });
			const details = response.claimsOverrideDetails;
			applyClaimChanges(id, details, true);
			applyGroupOverride(id, access, details?.groupOverrideDetails);
		}
		if (trigger.version !== '1') {
			expectTypes(response, { claimsAndScopeOverrideDetails: 'object' });
			const details = response.claimsAndScopeOverrideDetails;
			applyClaimChanges(id, details?.idTokenGeneration, false);
			applyClaimChanges(access, details?.accessTokenGeneration, false);
			applyGroupOverride(id, access, details?.groupOverrideDetails);
			const generation = details?.accessTokenGeneration;
			if (generation) {
				let next = [...scopes];
				if (Array.isArray(generation.scopesToAdd)) for (const scope of generation.scopesToAdd) if (typeof scope === 'string' && !next.includes(scope)) next.push(scope);
				if (Array.isArray(generation.scopesToSuppress)) next = next.filter((scope) => !generation.scopesToSuppress.includes(scope));
				access.scope = next.join(' ');
			}
		}
	}
	id = reorder(id, ['exp', 'iat', 'jti']);
	access = reorder(access, ['exp', 'iat', 'jti', 'username']);
	const IdToken = await signToken(pool.keys.id, id);
	const AccessToken = await signToken(pool.keys.access, access);
	const now = env.now();
	for (const [tokenUse, claims] of [
		['id', id],
		['access', access],
	] as const) {
		env.context.emit({ type: 'TokenIssued', tokenUse, userPoolId: pool.id, clientId: client.ClientId, username: user.username, claims, at: now });
	}
	let RefreshToken = refreshToken;
	if (withRefreshToken) {
		RefreshToken = newRefreshToken(env);
		const record: RefreshTokenRecord = {
			clientId: client.ClientId,
			username: user.username,
			sub: user.attributes.sub!,
			eventId: issue.eventId,
			...(issue.originJti ? { originJti: issue.originJti } : {}),
			authTime: issue.authTime,
			issuedAt: now,
			expiresAt: now + refreshLifetimeMs(client),
			revoked: false,
		};
		pool.refreshTokens[RefreshToken] = record;
		env.context.emit({ type: 'TokenIssued', tokenUse: 'refresh', userPoolId: pool.id, clientId: client.ClientId, username: user.username, at: now });
	}
	return {
		AccessToken,
		ExpiresIn: Number(access.exp) - Number(access.iat),
		TokenType: 'Bearer',
		...(withRefreshToken ? { RefreshToken } : {}),
		IdToken,
	};
}

/** The live refresh-token record, its user, or the service's refresh errors. */
function openRefreshToken(call: Call, token: string): { record: RefreshTokenRecord; user: UserRecord } {
	const record = call.pool.refreshTokens[token];
	if (!record || record.clientId !== call.client.ClientId) throw notAuthorized('Invalid Refresh Token');
	if (record.revoked) throw notAuthorized('Refresh Token has been revoked');
	if (record.expiresAt <= call.env.now()) throw notAuthorized('Refresh Token has expired');
	const user = findUser(call.pool, record.username);
	if (!user || user.attributes.sub !== record.sub) throw notAuthorized('Refresh Token has been revoked');
	if (!user.enabled) throw notAuthorized('User is disabled.');
	return { record, user };
}

// ---------------------------------------------------------------------------------------------
// SRP

/** A deterministic fake salt and user id for unknown users (PreventUserExistenceErrors). */
async function simulatedSrpIdentity(username: string) {
	const hash = await sha256Hex(`simulated:${username}`);
	return { salt: hash.slice(0, 32), userId: `${hash.slice(0, 8)}-${hash.slice(8, 12)}-4${hash.slice(13, 16)}-a${hash.slice(17, 20)}-${hash.slice(20, 32)}` };
}

/** First SRP step: returns PASSWORD_VERIFIER with SALT, SRP_B, SECRET_BLOCK and USER_ID_FOR_SRP. */
async function srpStart(call: Call, typed: string, srpA: string | undefined, initiateMetadata: Record<string, string> | undefined, extra: Record<string, any> = {}, runPreAuthentication = true): Promise<AuthResponse> {
	if (!srpA) throw missing('SRP_A');
	if (!/^[0-9a-fA-F]+$/.test(srpA)) throw invalidParameter('SRP_A must be a hexadecimal string.');
	const A = BigInt(`0x${srpA}`);
	if (A % N === 0n) throw notAuthorized(INCORRECT);
	const b = BigInt(`0x${call.env.context.randomString(64, '0123456789abcdef')}`) || 1n;
	const secretBlock = randomBase64(call.env, 1024);
	const user = findUser(call.pool, typed);
	if (!user) {
		if (!hidesUsers(call.client)) throw userNotFound();
		const fake = await simulatedSrpIdentity(typed);
		const B = await computeB(fake.salt.repeat(2), b);
		return challenge(call, { username: typed }, 'PASSWORD_VERIFIER', { SALT: fake.salt, SECRET_BLOCK: secretBlock, SRP_B: B.toString(16), USERNAME: fake.userId, USER_ID_FOR_SRP: fake.userId }, { ...extra, secretBlock }, false);
	}
	checkUsable(user);
	if (user.status === 'RESET_REQUIRED' && !hidesUsers(call.client)) throw new ServiceError('PasswordResetRequiredException', 'Password reset required for the user');
	if (runPreAuthentication) await preAuthentication(call, user, initiateMetadata);
	if (user.password === undefined) throw notAuthorized(INCORRECT);
	if (!user.srp || user.srp.password !== user.password) {
		const salt = call.env.context.randomString(32, '0123456789abcdef');
		user.srp = { password: user.password, salt, verifier: await computeVerifier(srpPoolName(call.pool.id), user.username, user.password, salt) };
	}
	const B = await computeB(user.srp.verifier, b);
	return challenge(
		call,
		user,
		'PASSWORD_VERIFIER',
		{ SALT: user.srp.salt, SECRET_BLOCK: secretBlock, SRP_B: B.toString(16), USERNAME: user.username, USER_ID_FOR_SRP: user.username },
		{ ...extra, A: srpA, B: B.toString(16), b: b.toString(16), secretBlock }
	);
}

/** Second SRP step: checks PASSWORD_CLAIM_SIGNATURE. Returns the user on success. */
async function srpVerify(call: Call, session: SessionRecord, responses: Record<string, string>): Promise<UserRecord> {
	for (const name of ['PASSWORD_CLAIM_SIGNATURE', 'PASSWORD_CLAIM_SECRET_BLOCK', 'TIMESTAMP']) if (!responses[name]) throw missing(name);
	if (!TIMESTAMP_PATTERN.test(responses.TIMESTAMP!)) throw invalidParameter('TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.');
	if (!session.userExists) throw notAuthorized(INCORRECT);
	const user = findUser(call.pool, session.username);
	if (!user) throw notAuthorized(INCORRECT);
	checkUsable(user);
	checkLockout(call, user);
	if (responses.PASSWORD_CLAIM_SECRET_BLOCK !== session.data.secretBlock || !user.srp) throw notAuthorized(INCORRECT);
	const key = await serverSessionKey(BigInt(`0x${session.data.A}`), BigInt(`0x${session.data.B}`), BigInt(`0x${session.data.b}`), user.srp.verifier);
	let expected: string;
	try {
		expected = await claimSignature(key, srpPoolName(call.pool.id), user.username, session.data.secretBlock, responses.TIMESTAMP!);
	} catch {
		throw notAuthorized(INCORRECT);
	}
	if (expected !== responses.PASSWORD_CLAIM_SIGNATURE) {
		recordFailure(call, user);
		throw notAuthorized(INCORRECT);
	}
	user.failures = { count: 0, lastAt: 0, lockedUntil: 0 };
	checkAfterPassword(call, user);
	return user;
}

// ---------------------------------------------------------------------------------------------
// Custom authentication

type ChallengeResult = { challengeName: string; challengeResult: boolean; challengeMetadata?: string | null };

/** Asks DefineAuthChallenge what comes next, then issues tokens, fails, or creates the next challenge. */
async function customStep(call: Call, user: UserRecord | undefined, typed: string, history: ChallengeResult[], srpA?: string): Promise<AuthResponse> {
	const userName = user?.username ?? typed;
	const userNotFound = !user;
	const common = { userAttributes: user ? { ...user.attributes, 'cognito:user_status': user.status } : {}, ...(userNotFound || hidesUsers(call.client) ? { userNotFound } : {}) };
	const define = await runTrigger(call.env, call.pool, 'DefineAuthChallenge', {
		triggerSource: 'DefineAuthChallenge_Authentication',
		userName,
		clientId: call.client.ClientId,
		request: { ...common, session: history, ...(call.metadata ? { clientMetadata: call.metadata } : {}) },
		response: { challengeName: null, issueTokens: null, failAuthentication: null },
	});
	if (!define) throw notAuthorized('Custom auth lambda trigger is not configured for the user pool.');
	const response = define.response;
	expectTypes(response, { issueTokens: 'boolean', failAuthentication: 'boolean', challengeName: 'string' });
	if (response.failAuthentication) throw notAuthorized(INCORRECT);
	if (response.issueTokens) {
		if (!user) throw notAuthorized(INCORRECT);
		return finish(call, user, 'TokenGeneration_Authentication');
	}
	if (response.challengeName === 'PASSWORD_VERIFIER' && srpA) return srpStart(call, typed, srpA, undefined, { custom: true, typed, history }, false);
	if (response.challengeName !== 'CUSTOM_CHALLENGE') throw new ServiceError('InvalidLambdaResponseException', 'Unrecognizable lambda output');
	const create = await runTrigger(call.env, call.pool, 'CreateAuthChallenge', {
		triggerSource: 'CreateAuthChallenge_Authentication',
		userName,
		clientId: call.client.ClientId,
		request: { ...common, challengeName: 'CUSTOM_CHALLENGE', session: history, ...(call.metadata ? { clientMetadata: call.metadata } : {}) },
		response: { publicChallengeParameters: null, privateChallengeParameters: null, challengeMetadata: null },
	});
	if (!create) throw notAuthorized('Custom auth lambda trigger is not configured for the user pool.');
	expectTypes(create.response, { publicChallengeParameters: 'object', privateChallengeParameters: 'object', challengeMetadata: 'string' });
	const publicParameters: Record<string, string> = {};
	for (const [name, value] of Object.entries(create.response.publicChallengeParameters ?? {})) publicParameters[name] = typeof value === 'string' ? value : JSON.stringify(value);
	return challenge(
		call,
		{ username: userName },
		'CUSTOM_CHALLENGE',
		{ ...publicParameters, USERNAME: userName },
		{ history, typed, privateChallengeParameters: create.response.privateChallengeParameters ?? {}, challengeMetadata: create.response.challengeMetadata ?? null },
		!!user
	);
}

async function customAnswer(call: Call, session: SessionRecord, responses: Record<string, string>): Promise<AuthResponse> {
	if (responses.ANSWER === undefined) throw missing('ANSWER');
	const user = session.userExists ? findUser(call.pool, session.username) : undefined;
	if (user) checkUsable(user);
	const verify = await runTrigger(call.env, call.pool, 'VerifyAuthChallengeResponse', {
		triggerSource: 'VerifyAuthChallengeResponse_Authentication',
		userName: session.username,
		clientId: call.client.ClientId,
		request: {
			userAttributes: user ? { ...user.attributes, 'cognito:user_status': user.status } : {},
			privateChallengeParameters: session.data.privateChallengeParameters,
			challengeAnswer: responses.ANSWER,
			...(!user || hidesUsers(call.client) ? { userNotFound: !user } : {}),
			...(call.metadata ? { clientMetadata: call.metadata } : {}),
		},
		response: { answerCorrect: null },
	});
	if (!verify) throw notAuthorized('Custom auth lambda trigger is not configured for the user pool.');
	expectTypes(verify.response, { answerCorrect: 'boolean' });
	const history: ChallengeResult[] = [...session.data.history, { challengeName: 'CUSTOM_CHALLENGE', challengeResult: verify.response.answerCorrect === true, challengeMetadata: session.data.challengeMetadata }];
	return customStep(call, user, session.data.typed, history);
}

// ---------------------------------------------------------------------------------------------
// Choice-based sign-in (USER_AUTH)

/** The first factors a user may choose from, filtered by the pool's SignInPolicy and the user. */
function availableFirstFactors(pool: PoolRecord, user: UserRecord | undefined): string[] {
	const allowed: string[] = pool.settings.Policies.SignInPolicy?.AllowedFirstAuthFactors ?? ['PASSWORD'];
	if (!user) return allowed.flatMap((f) => (f === 'PASSWORD' ? ['PASSWORD', 'PASSWORD_SRP'] : f === 'WEB_AUTHN' ? [] : [f]));
	const hasMfa = user.mfa.sms.enabled || user.mfa.totp.enabled || user.mfa.email.enabled;
	const out: string[] = [];
	if (allowed.includes('PASSWORD') && user.password !== undefined) out.push('PASSWORD', 'PASSWORD_SRP');
	// Passwordless first factors and MFA do not combine.
	if (!hasMfa && allowed.includes('EMAIL_OTP') && user.attributes.email && user.attributes.email_verified === 'true') out.push('EMAIL_OTP');
	if (!hasMfa && allowed.includes('SMS_OTP') && user.attributes.phone_number && user.attributes.phone_number_verified === 'true') out.push('SMS_OTP');
	return out;
}

async function chooseFirstFactor(call: Call, user: UserRecord | undefined, typed: string, choice: string, parameters: Record<string, string>, metadata?: Record<string, string>): Promise<AuthResponse> {
	switch (choice) {
		case 'PASSWORD':
			if (!parameters.PASSWORD) throw missing('PASSWORD');
			return passwordFirstFactor(call, typed, parameters.PASSWORD, metadata, false);
		case 'PASSWORD_SRP':
			return srpStart(call, typed, parameters.SRP_A, metadata);
		case 'EMAIL_OTP':
		case 'SMS_OTP':
			if (!user) throw notAuthorized(INCORRECT);
			return mfaChallenge(call, user, choice, 'first');
		default:
			throw invalidParameter(`The challenge ${choice} is not available for this user.`);
	}
}

async function userAuth(call: Call, parameters: Record<string, string>, sessionId: string | undefined, metadata?: Record<string, string>): Promise<AuthResponse> {
	const typed = parameters.USERNAME;
	if (!typed) throw missing('USERNAME');
	const user = findUser(call.pool, typed);
	if (sessionId) {
		// Sign-in straight after ConfirmSignUp: the confirmed code counts as the first factor.
		const session = openSession(call.env, call.pool, call.client, sessionId);
		if (session.challenge !== 'SIGNED_UP_CONFIRMED' || !user || session.username !== user.username) throw notAuthorized('Invalid session for the user.');
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
		if (user && preferred !== 'PASSWORD' && preferred !== 'PASSWORD_SRP') await preAuthentication(call, user, metadata);
		return chooseFirstFactor(call, user, typed, preferred, parameters, metadata);
	}
	if (user) await preAuthentication(call, user, metadata);
	const response = challenge(call, { username: user?.username ?? typed }, 'SELECT_CHALLENGE', {}, { available, typed }, !!user);
	return { ...response, AvailableChallenges: available };
}

// ---------------------------------------------------------------------------------------------
// Operations

async function initiate(input: Record<string, any>, env: Env, admin: boolean): Promise<AuthResponse> {
	const { pool, client } = admin ? (() => {
		const p = getPool(env, input.UserPoolId);
		return { pool: p, client: getClient(p, input.ClientId) };
	})() : clientAndPool(env, input.ClientId);
	const flow: string = input.AuthFlow;
	const parameters: Record<string, string> = input.AuthParameters ?? {};
	const adminOnly = flow === 'ADMIN_USER_PASSWORD_AUTH' || flow === 'ADMIN_NO_SRP_AUTH';
	if ((adminOnly && !admin) || (flow === 'USER_PASSWORD_AUTH' && admin)) throw invalidParameter('Initiate Auth method not supported.');
	const call: Call = { env, pool, client, flow };
	const metadata: Record<string, string> | undefined = input.ClientMetadata;
	if (flow === 'REFRESH_TOKEN_AUTH' || flow === 'REFRESH_TOKEN') {
		if (!parameters.REFRESH_TOKEN) throw missing('REFRESH_TOKEN');
		const record = pool.refreshTokens[parameters.REFRESH_TOKEN];
		await checkSecretHash(client, parameters.SECRET_HASH, [parameters.USERNAME, record?.username, record?.sub]);
		if (!flowEnabled(client, flow)) throw invalidParameter('Refresh Token flow not enabled for this client');
		if (client.RefreshTokenRotation?.Feature === 'ENABLED') throw invalidParameter('Refresh token rotation is enabled for this client. Use GetTokensFromRefreshToken to refresh tokens.');
		const { record: live, user } = openRefreshToken(call, parameters.REFRESH_TOKEN);
		const issue: IssueContext = { eventId: live.eventId, originJti: live.originJti, authTime: live.authTime };
		return { ChallengeParameters: {}, AuthenticationResult: await issueTokens(call, user, 'TokenGeneration_RefreshTokens', issue, false) };
	}
	const typed = parameters.USERNAME;
	const found = typed ? findUser(pool, typed) : undefined;
	if (!typed && flow !== 'USER_AUTH') {
		await checkSecretHash(client, parameters.SECRET_HASH, []);
		throw missing('USERNAME');
	}
	await checkSecretHash(client, parameters.SECRET_HASH, [typed, found?.username]);
	if (!flowEnabled(client, flow)) {
		throw invalidParameter(flow === 'USER_PASSWORD_AUTH' ? 'USER_PASSWORD_AUTH flow not enabled for this client' : flow === 'USER_SRP_AUTH' ? 'USER_SRP_AUTH is not enabled for the client.' : 'Auth flow not enabled for this client');
	}
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
				return customStep(call, user, typed!, [{ challengeName: 'SRP_A', challengeResult: true, challengeMetadata: null }], parameters.SRP_A);
			}
			return customStep(call, user, typed!, []);
		}
		case 'USER_AUTH':
			return userAuth(call, parameters, input.Session, metadata);
		default:
			throw invalidParameter('Initiate Auth method not supported.');
	}
}

async function respond(input: Record<string, any>, env: Env, admin: boolean): Promise<AuthResponse> {
	const { pool, client } = admin ? (() => {
		const p = getPool(env, input.UserPoolId);
		return { pool: p, client: getClient(p, input.ClientId) };
	})() : clientAndPool(env, input.ClientId);
	const responses: Record<string, string> = input.ChallengeResponses ?? {};
	const call: Call = { env, pool, client, metadata: input.ClientMetadata, flow: 'RespondToAuthChallenge' };
	const session = openSession(env, pool, client, input.Session);
	call.flow = session.flow;
	await checkSecretHash(client, responses.SECRET_HASH, [responses.USERNAME, session.username, session.data.typed]);
	if (!responses.USERNAME) throw missing('USERNAME');
	const answering = input.ChallengeName as string;
	const selectedDirectly = session.challenge === 'SELECT_CHALLENGE' && answering !== 'SELECT_CHALLENGE' && (session.data.available as string[]).includes(answering);
	if (answering !== session.challenge && !selectedDirectly) throw invalidParameter(`Invalid challenge name ${answering} for this session; expected ${session.challenge}.`);
	const user = session.userExists ? findUser(pool, session.username) : undefined;
	if (session.userExists && !user) throw userNotFound();
	let result: AuthResponse;
	switch (session.challenge) {
		case 'PASSWORD_VERIFIER': {
			const verified = await srpVerify(call, session, responses);
			if (session.data.custom) {
				consumeSession(session);
				return customStep(call, verified, session.data.typed, [...session.data.history, { challengeName: 'PASSWORD_VERIFIER', challengeResult: true, challengeMetadata: null }]);
			}
			result = await afterFirstFactor(call, verified);
			break;
		}
		case 'SMS_MFA':
		case 'EMAIL_OTP':
		case 'SMS_OTP': {
			const field = `${session.challenge === 'SMS_MFA' ? 'SMS_MFA' : session.challenge}_CODE`;
			if (!responses[field]) throw missing(field);
			if (responses[field] !== session.data.code) throw new ServiceError('CodeMismatchException', 'Invalid code received for user');
			checkUsable(user!);
			result = session.data.stage === 'first' ? await afterFirstFactor(call, user!, { skipMfa: true }) : await finish(call, user!, 'TokenGeneration_Authentication');
			break;
		}
		case 'SOFTWARE_TOKEN_MFA': {
			if (!responses.SOFTWARE_TOKEN_MFA_CODE) throw missing('SOFTWARE_TOKEN_MFA_CODE');
			if (!user!.totp?.verified) throw new ServiceError('SoftwareTokenMFANotFoundException', 'Software Token MFA has not been set up for the user.');
			if (!verifyTotp(user!.totp.secret, responses.SOFTWARE_TOKEN_MFA_CODE, env.now())) throw new ServiceError('CodeMismatchException', 'Invalid code received for user');
			checkUsable(user!);
			result = await finish(call, user!, 'TokenGeneration_Authentication');
			break;
		}
		case 'SELECT_MFA_TYPE': {
			if (!responses.ANSWER) throw missing('ANSWER');
			const step = mfaStepFor(pool, user!);
			const choices = step.kind === 'select' ? step.options : [];
			if (!choices.includes(responses.ANSWER)) throw invalidParameter(`Invalid MFA type ${responses.ANSWER}.`);
			result = await mfaChallenge(call, user!, responses.ANSWER as 'SMS_MFA' | 'SOFTWARE_TOKEN_MFA' | 'EMAIL_OTP');
			break;
		}
		case 'MFA_SETUP': {
			if (!session.data.verified) throw invalidParameter('Software token MFA has not been verified. Call AssociateSoftwareToken and VerifySoftwareToken with this Session first.');
			result = await finish(call, user!, 'TokenGeneration_Authentication');
			break;
		}
		case 'NEW_PASSWORD_REQUIRED': {
			const password = responses.NEW_PASSWORD;
			if (!password) throw missing('NEW_PASSWORD');
			checkPassword(pool, password);
			checkHistory(pool, user!.passwordHistory, password);
			const changes: Record<string, string> = {};
			for (const [name, value] of Object.entries(responses)) if (name.startsWith('userAttributes.')) changes[name.slice('userAttributes.'.length)] = value;
			validateAttributes(pool, changes, { requireAll: true, existing: user!.attributes });
			Object.assign(user!.attributes, changes);
			setPassword(user!, password, env.now());
			user!.status = 'CONFIRMED';
			delete user!.temporaryPasswordSetAt;
			const step = mfaStepFor(pool, user!);
			result = step.kind === 'none' ? await finish(call, user!, 'TokenGeneration_NewPasswordChallenge') : await afterFirstFactor(call, user!);
			break;
		}
		case 'CUSTOM_CHALLENGE':
			result = await customAnswer(call, session, responses);
			break;
		case 'SELECT_CHALLENGE': {
			const choice = selectedDirectly ? answering : responses.ANSWER;
			if (!choice) throw missing('ANSWER');
			if (!(session.data.available as string[]).includes(choice)) throw invalidParameter(`The challenge ${choice} is not available for this user.`);
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
	if (client.ClientSecret && input.ClientSecret !== client.ClientSecret) throw notAuthorized(`Unable to verify secret hash for client ${client.ClientId}`);
	const call: Call = { env, pool, client, metadata: input.ClientMetadata, flow: 'GetTokensFromRefreshToken' };
	const rotation = client.RefreshTokenRotation?.Feature === 'ENABLED';
	const record = pool.refreshTokens[input.RefreshToken];
	if (rotation && record?.rotatedAt !== undefined) {
		const grace = (client.RefreshTokenRotation.RetryGracePeriodSeconds ?? 0) * 1000;
		if (env.now() > record.rotatedAt + grace) throw new ServiceError('RefreshTokenReuseException', 'The refresh token has already been used.');
	}
	const { record: live, user } = openRefreshToken(call, input.RefreshToken);
	const issue: IssueContext = { eventId: live.eventId, originJti: live.originJti, authTime: live.authTime };
	if (!rotation) return { AuthenticationResult: await issueTokens(call, user, 'TokenGeneration_RefreshTokens', issue, false) };
	live.rotatedAt ??= env.now();
	const result = await issueTokens(call, user, 'TokenGeneration_RefreshTokens', issue, true);
	// The new refresh token keeps the original expiry of the sign-in it descends from.
	const fresh = pool.refreshTokens[String(result.RefreshToken)];
	if (fresh) fresh.authTime = live.authTime;
	return { AuthenticationResult: result };
};

/** Authentication operations by name. */
export const AUTH_HANDLERS: Record<string, Handler> = {
	InitiateAuth: (input, env) => initiate(input, env, false),
	AdminInitiateAuth: (input, env) => initiate(input, env, true),
	RespondToAuthChallenge: (input, env) => respond(input, env, false),
	AdminRespondToAuthChallenge: (input, env) => respond(input, env, true),
	GetTokensFromRefreshToken: getTokensFromRefreshToken,
};
