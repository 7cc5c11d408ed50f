/**
 * The sample app of the simulator's phone: what it creates in the sandbox (a user pool signing in by email, with
 * optional email, SMS and TOTP MFA, a public app client, and a REST API whose methods a Cognito authorizer guards),
 * and every call it makes, as plain functions over an injected `call`. The calls are the real operations an
 * SDK would send (SignUp, InitiateAuth, RespondToAuthChallenge, …), so each shows in the trace. No DOM.
 */
import type { CallOutcome, JsonObject } from '../types';

/** How the app reaches the sandbox (the simulator client's `call`). */
export type Call = (operation: string, request: JsonObject) => Promise<CallOutcome>;

/** What the app is connected to. */
export interface SampleAppConfig {
	userPoolId: string;
	clientId: string;
	/** Base URL of the REST API's `prod` stage. */
	apiUrl: string;
}

export const SAMPLE_POOL_NAME = 'sample-phone-app';
/** The role Cognito would assume to send SMS through Amazon SNS (the sandbox delivers to its outbox). */
const SMS_ROLE = 'arn:aws:iam::123456789012:role/sample-phone-app-sms';
const DEVELOPER_EMAIL = 'arn:aws:ses:us-east-1:123456789012:identity/no-reply@example.com';
/** The API's two methods: one accepts an ID token, the other only an access token with this scope. */
export const API_SCOPE = 'aws.cognito.signin.user.admin';
export const API_METHODS = [
	{
		path: '/profile',
		short: 'any token',
		needs: 'an ID or access token (no scopes on the method)',
	},
	{
		path: '/orders',
		short: 'scoped',
		needs: `an access token with the ${API_SCOPE} scope (the method has OAuth scopes)`,
	},
] as const;

/** A failed call, thrown so set-up stops at the first failure with its name. */
export class CallFailed extends Error {
	constructor(
		readonly operation: string,
		readonly type: string,
		message: string
	) {
		super(`${operation} failed: ${type}: ${message}`);
		this.name = 'CallFailed';
	}
}

/** Calls and returns the response, or throws {@link CallFailed}. */
export async function expectOk<T = Record<string, unknown>>(
	call: Call,
	operation: string,
	request: JsonObject
): Promise<T> {
	const outcome = await call(operation, request);
	if (!outcome.ok) throw new CallFailed(operation, outcome.error.type, outcome.error.message);
	return outcome.response as T;
}

/** Creates the app's pool, client and API in the sandbox. */
export async function setUpSampleApp(call: Call): Promise<SampleAppConfig> {
	const created = await expectOk<{ UserPool: { Id: string; Arn: string } }>(
		call,
		'CreateUserPool',
		{
			PoolName: SAMPLE_POOL_NAME,
			UsernameAttributes: ['email'],
			AutoVerifiedAttributes: ['email'],
			EmailConfiguration: { EmailSendingAccount: 'DEVELOPER', SourceArn: DEVELOPER_EMAIL },
			AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
		}
	);
	const userPoolId = created.UserPool.Id;
	await expectOk(call, 'SetUserPoolMfaConfig', {
		UserPoolId: userPoolId,
		MfaConfiguration: 'OPTIONAL',
		SoftwareTokenMfaConfiguration: { Enabled: true },
		SmsMfaConfiguration: {
			SmsAuthenticationMessage: 'Your sign-in code is {####}',
			SmsConfiguration: { SnsCallerArn: SMS_ROLE, ExternalId: 'sample-phone-app' },
		},
		EmailMfaConfiguration: { Subject: 'Your sign-in code', Message: 'Your sign-in code is {####}' },
	});
	const client = await expectOk<{ UserPoolClient: { ClientId: string } }>(
		call,
		'CreateUserPoolClient',
		{
			UserPoolId: userPoolId,
			ClientName: 'phone-app',
			ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
		}
	);
	const api = await expectOk<{ Url: string }>(call, 'Sandbox.DefineRestApi', {
		name: 'phone-app-api',
		authorizers: [
			{ name: 'users', type: 'COGNITO_USER_POOLS', providerArns: [created.UserPool.Arn] },
		],
		methods: [
			{
				path: '/profile',
				httpMethod: 'GET',
				authorization: 'COGNITO_USER_POOLS',
				authorizer: 'users',
			},
			{
				path: '/orders',
				httpMethod: 'GET',
				authorization: 'COGNITO_USER_POOLS',
				authorizer: 'users',
				authorizationScopes: [API_SCOPE],
			},
		],
	});
	return { userPoolId, clientId: client.UserPoolClient.ClientId, apiUrl: `${api.Url}/prod` };
}

/** Whether the sandbox still holds the app's pool and client (a reset sandbox does not). */
export async function sampleAppExists(call: Call, config: SampleAppConfig): Promise<boolean> {
	const outcome = await call('DescribeUserPoolClient', {
		UserPoolId: config.userPoolId,
		ClientId: config.clientId,
	});
	return outcome.ok;
}

/** Tokens the app holds after signing in. */
export interface Tokens {
	IdToken: string;
	AccessToken: string;
	RefreshToken?: string;
	ExpiresIn?: number;
}

/** Where a sign-in stands after a call. */
export type SignInStep =
	| { kind: 'signed-in'; tokens: Tokens }
	| {
			kind: 'challenge';
			/** `EMAIL_OTP`, `SMS_MFA`, `SOFTWARE_TOKEN_MFA`, `SELECT_MFA_TYPE`, `MFA_SETUP`, `NEW_PASSWORD_REQUIRED`, … */
			name: string;
			session: string;
			username: string;
			/** Where a code was sent (masked, as Cognito returns it), if any. */
			destination?: string;
			/** For SELECT_MFA_TYPE / MFA_SETUP: the factors offered. */
			options?: string[];
	  }
	| { kind: 'failed'; type: string; message: string };

/** Reads an InitiateAuth / RespondToAuthChallenge outcome. */
export function signInStep(outcome: CallOutcome, username: string): SignInStep {
	if (!outcome.ok) return { kind: 'failed', ...outcome.error };
	const response = outcome.response as {
		AuthenticationResult?: Tokens;
		ChallengeName?: string;
		Session?: string;
		ChallengeParameters?: Record<string, string>;
	};
	if (response.AuthenticationResult)
		return { kind: 'signed-in', tokens: response.AuthenticationResult };
	const parameters = response.ChallengeParameters ?? {};
	const listed = parameters.MFAS_CAN_CHOOSE ?? parameters.MFAS_CAN_SETUP;
	return {
		kind: 'challenge',
		name: response.ChallengeName ?? 'UNKNOWN',
		session: response.Session ?? '',
		username: parameters.USER_ID_FOR_SRP ?? username,
		...(parameters.CODE_DELIVERY_DESTINATION
			? { destination: parameters.CODE_DELIVERY_DESTINATION }
			: {}),
		...(listed ? { options: JSON.parse(listed) as string[] } : {}),
	};
}

/** USER_PASSWORD_AUTH sign-in (the first factor). */
export async function signIn(
	call: Call,
	config: SampleAppConfig,
	username: string,
	password: string
): Promise<SignInStep> {
	const outcome = await call('InitiateAuth', {
		ClientId: config.clientId,
		AuthFlow: 'USER_PASSWORD_AUTH',
		AuthParameters: { USERNAME: username, PASSWORD: password },
	});
	return signInStep(outcome, username);
}

/** The response key that carries the answer to each code challenge. */
export const CODE_ANSWER_KEY: Readonly<Record<string, string>> = Object.freeze({
	EMAIL_OTP: 'EMAIL_OTP_CODE',
	SMS_MFA: 'SMS_MFA_CODE',
	SOFTWARE_TOKEN_MFA: 'SOFTWARE_TOKEN_MFA_CODE',
});

/** Answers a challenge: a code (EMAIL_OTP, SMS_MFA, SOFTWARE_TOKEN_MFA) or a factor (SELECT_MFA_TYPE). */
export async function answerChallenge(
	call: Call,
	config: SampleAppConfig,
	challenge: Extract<SignInStep, { kind: 'challenge' }>,
	answer: string
): Promise<SignInStep> {
	const responses: Record<string, string> = { USERNAME: challenge.username };
	if (challenge.name === 'SELECT_MFA_TYPE') responses.ANSWER = answer;
	else if (challenge.name === 'NEW_PASSWORD_REQUIRED') responses.NEW_PASSWORD = answer;
	else {
		const key = CODE_ANSWER_KEY[challenge.name];
		if (!key)
			return {
				kind: 'failed',
				type: 'UnsupportedChallenge',
				message: `The sample app cannot answer ${challenge.name}.`,
			};
		responses[key] = answer;
	}
	const outcome = await call('RespondToAuthChallenge', {
		ClientId: config.clientId,
		ChallengeName: challenge.name,
		Session: challenge.session,
		ChallengeResponses: responses,
	});
	return signInStep(outcome, challenge.username);
}
