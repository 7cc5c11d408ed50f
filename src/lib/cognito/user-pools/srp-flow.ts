/** The SRP steps of a sign-in: PASSWORD_VERIFIER out (InitiateAuth) and the claim signature back. */
import { ServiceError } from '../core/errors';
import {
	challenge,
	hidesUnknown,
	checkAfterPassword,
	checkLockout,
	checkUsable,
	INCORRECT,
	missing,
	preAuthentication,
	recordPasswordFailure,
	type AuthResponse,
	type Call,
} from './sign-in';
import {
	claimSignature,
	computeB,
	computeVerifier,
	N,
	serverSessionKey,
	sha256Hex,
	srpPoolName,
	TIMESTAMP_PATTERN,
} from './srp';
import type { SessionRecord, UserRecord } from './state';
import {
	findUser,
	hidesUsers,
	invalidParameter,
	notAuthorized,
	randomBase64,
	userNotFound,
} from './util';

// ---------------------------------------------------------------------------------------------
// SRP

/** A deterministic fake salt and user id for unknown users (PreventUserExistenceErrors). */
async function simulatedSrpIdentity(username: string) {
	const hash = await sha256Hex(`simulated:${username}`);
	return {
		salt: hash.slice(0, 32),
		userId: `${hash.slice(0, 8)}-${hash.slice(8, 12)}-4${hash.slice(13, 16)}-a${hash.slice(17, 20)}-${hash.slice(20, 32)}`,
	};
}

/** First SRP step: returns PASSWORD_VERIFIER with SALT, SRP_B, SECRET_BLOCK and USER_ID_FOR_SRP. */
export async function srpStart(
	call: Call,
	typed: string,
	srpA: string | undefined,
	initiateMetadata: Record<string, string> | undefined,
	extra: Record<string, any> = {},
	runPreAuthentication = true
): Promise<AuthResponse> {
	if (!srpA) throw missing('SRP_A');
	if (!/^[0-9a-fA-F]+$/.test(srpA)) throw invalidParameter('SRP_A must be a hexadecimal string.');
	const A = BigInt(`0x${srpA}`);
	if (A % N === 0n) throw notAuthorized(INCORRECT);
	const b = BigInt(`0x${call.env.context.randomString(64, '0123456789abcdef')}`) || 1n;
	const secretBlock = randomBase64(call.env, 1024);
	const user = findUser(call.pool, typed);
	if (!user) {
		if (!hidesUnknown(call)) throw userNotFound();
		const fake = await simulatedSrpIdentity(typed);
		const B = await computeB(fake.salt.repeat(2), b);
		return challenge(
			call,
			{ username: typed },
			'PASSWORD_VERIFIER',
			{
				SALT: fake.salt,
				SECRET_BLOCK: secretBlock,
				SRP_B: B.toString(16),
				USERNAME: fake.userId,
				USER_ID_FOR_SRP: fake.userId,
			},
			{ ...extra, secretBlock },
			false
		);
	}
	checkUsable(user);
	if (user.status === 'RESET_REQUIRED' && !hidesUsers(call.client))
		throw new ServiceError(
			'PasswordResetRequiredException',
			'Password reset required for the user'
		);
	if (runPreAuthentication) await preAuthentication(call, user, initiateMetadata);
	if (user.password === undefined) throw notAuthorized(INCORRECT);
	if (!user.srp || user.srp.password !== user.password) {
		const salt = call.env.context.randomString(32, '0123456789abcdef');
		user.srp = {
			password: user.password,
			salt,
			verifier: await computeVerifier(
				srpPoolName(call.pool.id),
				user.username,
				user.password,
				salt
			),
		};
	}
	const B = await computeB(user.srp.verifier, b);
	return challenge(
		call,
		user,
		'PASSWORD_VERIFIER',
		{
			SALT: user.srp.salt,
			SECRET_BLOCK: secretBlock,
			SRP_B: B.toString(16),
			USERNAME: user.username,
			USER_ID_FOR_SRP: user.username,
		},
		{ ...extra, A: srpA, B: B.toString(16), b: b.toString(16), secretBlock }
	);
}

/** Second SRP step: checks PASSWORD_CLAIM_SIGNATURE. Returns the user on success. */
export async function srpVerify(
	call: Call,
	session: SessionRecord,
	responses: Record<string, string>
): Promise<UserRecord> {
	for (const name of ['PASSWORD_CLAIM_SIGNATURE', 'PASSWORD_CLAIM_SECRET_BLOCK', 'TIMESTAMP'])
		if (!responses[name]) throw missing(name);
	if (!TIMESTAMP_PATTERN.test(responses.TIMESTAMP!))
		throw invalidParameter('TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.');
	if (!session.userExists) throw notAuthorized(INCORRECT);
	const user = findUser(call.pool, session.username);
	if (!user) throw notAuthorized(INCORRECT);
	checkUsable(user);
	checkLockout(call, user);
	if (responses.PASSWORD_CLAIM_SECRET_BLOCK !== session.data.secretBlock || !user.srp)
		throw notAuthorized(INCORRECT);
	const key = await serverSessionKey(
		BigInt(`0x${session.data.A}`),
		BigInt(`0x${session.data.B}`),
		BigInt(`0x${session.data.b}`),
		user.srp.verifier
	);
	let expected: string;
	try {
		expected = await claimSignature(
			key,
			srpPoolName(call.pool.id),
			user.username,
			session.data.secretBlock,
			responses.TIMESTAMP!
		);
	} catch {
		throw notAuthorized(INCORRECT);
	}
	if (expected !== responses.PASSWORD_CLAIM_SIGNATURE) {
		recordPasswordFailure(call, user);
		throw notAuthorized(INCORRECT);
	}
	user.failures = { count: 0, lastAt: 0, lockedUntil: 0 };
	checkAfterPassword(call, user);
	return user;
}
