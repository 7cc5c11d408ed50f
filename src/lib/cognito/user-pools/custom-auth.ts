/** Custom authentication: DefineAuthChallenge → CreateAuthChallenge → VerifyAuthChallengeResponse. */
import { ServiceError } from '../core/errors';
import { assessSignIn } from '../risk';
import {
	challenge,
	checkUsable,
	finish,
	INCORRECT,
	missing,
	type AuthResponse,
	type Call,
} from './sign-in';
import { srpStart } from './srp-flow';
import type { SessionRecord, UserRecord } from './state';
import { expectTypes, runTrigger } from './triggers';
import { findUser, hidesUsers, invalidParameter, notAuthorized } from './util';

// ---------------------------------------------------------------------------------------------
// Custom authentication

export type ChallengeResult = {
	challengeName: string;
	challengeResult: boolean;
	challengeMetadata?: string | null;
};

/** Asks DefineAuthChallenge what comes next, then issues tokens, fails, or creates the next challenge. */
export async function customStep(
	call: Call,
	user: UserRecord | undefined,
	typed: string,
	history: ChallengeResult[],
	srpA?: string
): Promise<AuthResponse> {
	const userName = user?.username ?? typed;
	const userNotFound = !user;
	const common = {
		userAttributes: user ? { ...user.attributes, 'cognito:user_status': user.status } : {},
		...(userNotFound || hidesUsers(call.client) ? { userNotFound } : {}),
	};
	const define = await runTrigger(call.env, call.pool, 'DefineAuthChallenge', {
		triggerSource: 'DefineAuthChallenge_Authentication',
		userName,
		clientId: call.client.ClientId,
		request: {
			...common,
			session: history,
			...(call.metadata ? { clientMetadata: call.metadata } : {}),
		},
		response: { challengeName: null, issueTokens: null, failAuthentication: null },
	});
	if (!define)
		throw invalidParameter('Custom auth lambda trigger is not configured for the user pool.');
	const response = define.response;
	expectTypes(response, {
		issueTokens: 'boolean',
		failAuthentication: 'boolean',
		challengeName: 'string',
	});
	if (response.failAuthentication) throw notAuthorized(INCORRECT);
	if (response.issueTokens) {
		if (!user) throw notAuthorized(INCORRECT);
		await assessSignIn(call, user, { flow: 'custom' });
		return finish(call, user, 'TokenGeneration_Authentication');
	}
	if (response.challengeName === 'PASSWORD_VERIFIER' && srpA)
		return srpStart(call, typed, srpA, undefined, { custom: true, typed, history }, false);
	if (response.challengeName !== 'CUSTOM_CHALLENGE')
		throw new ServiceError('InvalidLambdaResponseException', 'Unrecognizable lambda output');
	const create = await runTrigger(call.env, call.pool, 'CreateAuthChallenge', {
		triggerSource: 'CreateAuthChallenge_Authentication',
		userName,
		clientId: call.client.ClientId,
		request: {
			...common,
			challengeName: 'CUSTOM_CHALLENGE',
			session: history,
			...(call.metadata ? { clientMetadata: call.metadata } : {}),
		},
		response: {
			publicChallengeParameters: null,
			privateChallengeParameters: null,
			challengeMetadata: null,
		},
	});
	if (!create)
		throw invalidParameter('Custom auth lambda trigger is not configured for the user pool.');
	expectTypes(create.response, {
		publicChallengeParameters: 'object',
		privateChallengeParameters: 'object',
		challengeMetadata: 'string',
	});
	const publicParameters: Record<string, string> = {};
	for (const [name, value] of Object.entries(create.response.publicChallengeParameters ?? {}))
		publicParameters[name] = typeof value === 'string' ? value : JSON.stringify(value);
	return challenge(
		call,
		{ username: userName },
		'CUSTOM_CHALLENGE',
		{ ...publicParameters, USERNAME: userName },
		{
			history,
			typed,
			privateChallengeParameters: create.response.privateChallengeParameters ?? {},
			challengeMetadata: create.response.challengeMetadata ?? null,
		},
		!!user
	);
}

export async function customAnswer(
	call: Call,
	session: SessionRecord,
	responses: Record<string, string>
): Promise<AuthResponse> {
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
	if (!verify)
		throw invalidParameter('Custom auth lambda trigger is not configured for the user pool.');
	expectTypes(verify.response, { answerCorrect: 'boolean' });
	const history: ChallengeResult[] = [
		...session.data.history,
		{
			challengeName: 'CUSTOM_CHALLENGE',
			challengeResult: verify.response.answerCorrect === true,
			challengeMetadata: session.data.challengeMetadata,
		},
	];
	return customStep(call, user, session.data.typed, history);
}
