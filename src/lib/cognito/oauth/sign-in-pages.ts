/**
 * The interactive pages: sign-in, MFA (SMS, email, TOTP, choice and TOTP set-up), new password, sign-up,
 * confirmation and forgotten password. They run the engine's own sign-in logic (../user-pools: the password
 * first factor, `answerChallenge`, the MFA set-up and self-service handlers), so the checks, triggers and
 * messages are those of the API; only the token source differs (`TokenGeneration_HostedAuth`).
 */
import { ServiceError } from '../core/errors';
import { answerChallenge } from '../user-pools/auth';
import { openSession } from '../user-pools/sessions';
import { type AuthResponse, type Call, passwordFirstFactor } from '../user-pools/sign-in';
import type { ClientRecord, UserRecord } from '../user-pools/state';
import { findUser, secretHash } from '../user-pools/util';
import {
	type AuthorizeRequest,
	authorizeQuery,
	finishAuthorize,
	type IssuedTokens,
	openLoginSession,
	readAuthorize,
} from './authorize';
import { brandingOfClient } from './branding';
import { link, text, type Field } from './pages';
import type { Visit } from './visit';

/** What a page handler returns: the response and a few words for the trace. */
export interface Outcome {
	response: Response;
	outcome: string;
	error?: string;
}

/** The authorize request every page carries in its query, checked again on each request. */
export function pageRequest(visit: Visit) {
	return readAuthorize(visit.env, visit.pool, visit.query);
}

const hostedCall = (visit: Visit, client: ClientRecord, request: AuthorizeRequest): Call => ({
	env: visit.env,
	pool: visit.pool,
	client,
	flow: 'ManagedLogin',
	hosted: {
		scopes: request.scopes,
		...(request.nonce !== undefined ? { nonce: request.nonce } : {}),
	},
});

/** A path on this host with the authorize query. */
const withQuery = (path: string, request: AuthorizeRequest) => `${path}?${authorizeQuery(request)}`;

/** Version-2 pages need a branding style on the client, as the service does. */
export function unavailable(visit: Visit, client: ClientRecord): Outcome | undefined {
	if ((visit.pool.domain?.ManagedLoginVersion ?? 1) !== 2) return undefined;
	if (brandingOfClient(visit.pool, client.ClientId)) return undefined;
	return {
		response: visit.page(
			client,
			'Login pages unavailable',
			(look) => text(look, 'Please contact an administrator.'),
			{ status: 400 }
		),
		outcome: 'no managed login branding style is assigned to the app client',
		error: 'login_pages_unavailable',
	};
}

/** The sign-in page (optionally with an error or a notice). */
export function loginPage(
	visit: Visit,
	client: ClientRecord,
	request: AuthorizeRequest,
	options: { error?: string; notice?: string; username?: string; status?: number } = {}
): Response {
	const selfSignUp = !visit.pool.settings.AdminCreateUserConfig?.AllowAdminCreateUserOnly;
	const local = ((client.SupportedIdentityProviders ?? ['COGNITO']) as string[]).includes(
		'COGNITO'
	);
	return visit.page(
		client,
		'Sign in',
		(look) =>
			[
				local
					? visit.formHtml(
							look,
							withQuery('/login', request),
							[
								{
									name: 'username',
									label: usernameLabel(visit),
									type: 'text',
									autocomplete: 'username',
									...(options.username ? { value: options.username } : {}),
								},
								{
									name: 'password',
									label: 'Password',
									type: 'password',
									autocomplete: 'current-password',
								},
							],
							'Sign in'
						)
					: text(look, 'Sign in with your identity provider.'),
				local
					? link(look, visit.at(withQuery('/forgotPassword', request)), 'Forgot your password?')
					: '',
				local && selfSignUp
					? link(look, visit.at(withQuery('/signup', request)), 'Need an account? Sign up')
					: '',
			].join('\n'),
		{
			...options,
			redirectTarget: request.redirectUri,
			...(request.lang ? { lang: request.lang } : {}),
		}
	);
}

function usernameLabel(visit: Visit): string {
	const attributes: string[] = visit.pool.settings.UsernameAttributes ?? [];
	if (attributes.includes('email') && attributes.includes('phone_number'))
		return 'Email or phone number';
	if (attributes.includes('email')) return 'Email address';
	if (attributes.includes('phone_number')) return 'Phone number';
	return 'Username';
}

/** Ends a sign-in with tokens: session cookie, then the code or implicit redirect. */
export function completeWithTokens(
	visit: Visit,
	request: AuthorizeRequest,
	user: UserRecord,
	tokens: IssuedTokens,
	authTime: number
): Outcome {
	const cookie = openLoginSession(visit.env, visit.pool, user, authTime);
	return finishAuthorize(visit.env, visit.pool, request, user.username, tokens, [
		...visit.setCookies,
		cookie,
	]);
}

/** Continues after a sign-in step: tokens end the flow, a challenge shows its page. */
export async function continueSignIn(
	visit: Visit,
	client: ClientRecord,
	request: AuthorizeRequest,
	typed: string,
	result: AuthResponse
): Promise<Outcome> {
	const tokens = result.AuthenticationResult as IssuedTokens | undefined;
	if (tokens) {
		const user = findUser(visit.pool, typed)!;
		return completeWithTokens(visit, request, user, tokens, Math.floor(visit.env.now() / 1000));
	}
	const name = String(result.ChallengeName);
	const session = String(result.Session);
	const parameters = (result.ChallengeParameters ?? {}) as Record<string, string>;
	const username = parameters.USER_ID_FOR_SRP ?? typed;
	if (name === 'MFA_SETUP')
		return {
			response: await setupChallenge(visit, client, request, session, username),
			outcome: `challenge ${name}`,
		};
	return {
		response: challengePage(visit, client, request, name, session, username, parameters),
		outcome: `challenge ${name}`,
	};
}

const hidden = (name: string, value: string): Field => ({
	name,
	label: name,
	type: 'hidden',
	value,
});

/** The page that asks for a challenge's answer. */
export function challengePage(
	visit: Visit,
	client: ClientRecord,
	request: AuthorizeRequest,
	name: string,
	session: string,
	username: string,
	parameters: Record<string, string>,
	error?: string
): Response {
	const common = [
		hidden('session', session),
		hidden('username', username),
		hidden('challenge', name),
	];
	const options = { redirectTarget: request.redirectUri, ...(error ? { error } : {}) };
	switch (name) {
		case 'SMS_MFA':
		case 'EMAIL_OTP':
		case 'SOFTWARE_TOKEN_MFA': {
			const where =
				name === 'SOFTWARE_TOKEN_MFA'
					? 'Enter the code from your authenticator app.'
					: `We sent a code by ${name === 'SMS_MFA' ? 'text message' : 'email'} to ${parameters.CODE_DELIVERY_DESTINATION ?? 'you'}.`;
			return visit.page(
				client,
				name === 'SOFTWARE_TOKEN_MFA' ? 'Authenticator code' : 'Enter your code',
				(look) =>
					text(look, where) +
					visit.formHtml(
						look,
						withQuery('/mfa', request),
						[
							...common,
							{
								name: 'code',
								label: 'Code',
								type: 'text',
								inputmode: 'numeric',
								autocomplete: 'one-time-code',
							},
						],
						'Sign in'
					),
				options
			);
		}
		case 'SELECT_MFA_TYPE': {
			const choices: string[] = JSON.parse(parameters.MFAS_CAN_CHOOSE ?? '[]');
			const label: Record<string, string> = {
				SMS_MFA: 'Text message (SMS)',
				SOFTWARE_TOKEN_MFA: 'Authenticator app',
				EMAIL_OTP: 'Email',
			};
			return visit.page(
				client,
				'Choose how to verify',
				(look) =>
					choices
						.map((choice) =>
							visit.formHtml(
								look,
								withQuery('/mfa/select', request),
								[...common, hidden('answer', choice)],
								label[choice] ?? choice
							)
						)
						.join('\n'),
				options
			);
		}
		case 'MFA_SETUP': {
			const secret = parameters.SECRET_CODE;
			return visit.page(
				client,
				'Set up your authenticator app',
				(look) =>
					(secret
						? text(look, 'Add this key to your authenticator app, then enter the code it shows.') +
							`<p><code>${secret.replace(/[^A-Z2-7=]/g, '')}</code></p>`
						: text(look, 'This account needs an authenticator app.')) +
					visit.formHtml(
						look,
						withQuery('/mfa/setup', request),
						[
							...common,
							{
								name: 'code',
								label: 'Code',
								type: 'text',
								inputmode: 'numeric',
								autocomplete: 'one-time-code',
							},
						],
						'Verify'
					),
				options
			);
		}
		case 'NEW_PASSWORD_REQUIRED': {
			const required: string[] = JSON.parse(parameters.requiredAttributes ?? '[]');
			return visit.page(
				client,
				'Change your password',
				(look) =>
					text(look, 'Please enter a new password.') +
					visit.formHtml(
						look,
						withQuery('/login/new-password', request),
						[
							...common,
							{
								name: 'password',
								label: 'New password',
								type: 'password',
								autocomplete: 'new-password',
							},
							...required.map((attribute) => ({
								name: attribute,
								label: attribute.replace('userAttributes.', ''),
								type: 'text' as const,
							})),
						],
						'Send'
					),
				options
			);
		}
		default:
			return visit.page(
				client,
				'Sign-in not available',
				(look) => text(look, `The challenge ${name} can't be answered on these pages.`),
				{ ...options, status: 400 }
			);
	}
}

/** A service error as the page shows it, and the responses that send the user elsewhere. */
async function failure(
	visit: Visit,
	client: ClientRecord,
	request: AuthorizeRequest,
	typed: string,
	error: unknown
): Promise<Outcome> {
	if (!(error instanceof ServiceError)) throw error;
	if (error.type === 'UserNotConfirmedException') {
		// The page sends a fresh code and asks for it, as the hosted UI does.
		await selfService(visit, client, 'ResendConfirmationCode', { Username: typed }).catch(
			() => undefined
		);
		return {
			response: confirmPage(
				visit,
				client,
				request,
				typed,
				'Your account is not confirmed. Enter the code we sent you.'
			),
			outcome: 'user not confirmed',
			error: error.type,
		};
	}
	if (error.type === 'PasswordResetRequiredException')
		return {
			response: forgotPage(visit, client, request, 'Your password must be reset.'),
			outcome: 'password reset required',
			error: error.type,
		};
	return {
		response: loginPage(visit, client, request, {
			error: error.message,
			username: typed,
			status: 400,
		}),
		outcome: 'sign-in refused',
		error: `${error.type}: ${error.message}`,
	};
}

/** POST /login: the password first factor. */
export async function postLogin(
	visit: Visit,
	client: ClientRecord,
	request: AuthorizeRequest
): Promise<Outcome> {
	const typed = (visit.form.get('username') ?? '').trim();
	const password = visit.form.get('password') ?? '';
	if (!typed || !password)
		return {
			response: loginPage(visit, client, request, {
				error: 'Please enter your username and password.',
				username: typed,
				status: 400,
			}),
			outcome: 'missing fields',
		};
	try {
		const result = await passwordFirstFactor(
			hostedCall(visit, client, request),
			typed,
			password,
			undefined,
			true
		);
		return await continueSignIn(visit, client, request, typed, result);
	} catch (error) {
		return failure(visit, client, request, typed, error);
	}
}

/** POST /mfa, /mfa/select, /mfa/setup, /login/new-password: a challenge answer. */
export async function postChallenge(
	visit: Visit,
	client: ClientRecord,
	request: AuthorizeRequest,
	kind: 'code' | 'select' | 'setup' | 'new-password'
): Promise<Outcome> {
	const sessionId = visit.form.get('session') ?? '';
	const username = visit.form.get('username') ?? '';
	const name = visit.form.get('challenge') ?? '';
	const call = hostedCall(visit, client, request);
	try {
		let session = openSession(visit.env, visit.pool, client, sessionId);
		if (session.challenge !== name)
			throw new ServiceError('NotAuthorizedException', 'Invalid session for the user.');
		const responses: Record<string, string> = { USERNAME: username };
		const code = (visit.form.get('code') ?? '').trim();
		if (kind === 'code') {
			const field = name === 'SOFTWARE_TOKEN_MFA' ? 'SOFTWARE_TOKEN_MFA_CODE' : `${name}_CODE`;
			responses[field] = code;
		} else if (kind === 'select') responses.ANSWER = visit.form.get('answer') ?? '';
		else if (kind === 'setup') {
			const verified = (await visit.userPools.handle(
				'VerifySoftwareToken',
				{ Session: sessionId, UserCode: code },
				{}
			)) as { Session: string };
			session = openSession(visit.env, visit.pool, client, verified.Session);
		} else {
			responses.NEW_PASSWORD = visit.form.get('password') ?? '';
			for (const [field, value] of visit.form)
				if (field.startsWith('userAttributes.')) responses[field] = value;
		}
		const result = await answerChallenge(call, session, name, responses);
		return await continueSignIn(visit, client, request, username, result);
	} catch (error) {
		if (!(error instanceof ServiceError)) throw error;
		const parameters: Record<string, string> = {};
		let retry = sessionId;
		const live = visit.pool.sessions.get(sessionId);
		const usable = live && !live.used && live.expiresAt > visit.env.now();
		if (usable && kind === 'setup') {
			// A fresh secret for another try (the failed one was consumed by the set-up handler).
			try {
				const again = (await visit.userPools.handle(
					'AssociateSoftwareToken',
					{ Session: sessionId },
					{}
				)) as {
					SecretCode: string;
					Session: string;
				};
				retry = again.Session;
				parameters.SECRET_CODE = again.SecretCode;
			} catch {
				return {
					response: loginPage(visit, client, request, { error: error.message, status: 400 }),
					outcome: 'challenge failed',
					error: error.type,
				};
			}
		}
		if (!usable || kind === 'select' || error.type === 'NotAuthorizedException')
			return {
				response: loginPage(visit, client, request, { error: error.message, status: 400 }),
				outcome: 'challenge failed',
				error: `${error.type}: ${error.message}`,
			};
		return {
			response: challengePage(
				visit,
				client,
				request,
				name,
				retry,
				username,
				parameters,
				error.message
			),
			outcome: 'challenge answer refused',
			error: `${error.type}: ${error.message}`,
		};
	}
}

/** Shows the TOTP set-up page for an MFA_SETUP challenge (associates a secret first). */
export async function setupChallenge(
	visit: Visit,
	client: ClientRecord,
	request: AuthorizeRequest,
	session: string,
	username: string
): Promise<Response> {
	const associated = (await visit.userPools.handle(
		'AssociateSoftwareToken',
		{ Session: session },
		{}
	)) as {
		SecretCode: string;
		Session: string;
	};
	return challengePage(visit, client, request, 'MFA_SETUP', associated.Session, username, {
		SECRET_CODE: associated.SecretCode,
	});
}

// ---------------------------------------------------------------------------------------------
// Sign-up, confirmation, forgotten password

/** Runs a public self-service operation for the page, with the secret hash the pages can compute. */
async function selfService(
	visit: Visit,
	client: ClientRecord,
	operation: string,
	input: Record<string, unknown> & { Username: string }
): Promise<Record<string, any>> {
	const hash = client.ClientSecret
		? { SecretHash: await secretHash(client.ClientSecret, input.Username, client.ClientId) }
		: {};
	return (await visit.userPools.handle(
		operation,
		{ ClientId: client.ClientId, ...input, ...hash },
		{}
	)) as Record<string, any>;
}

/** The attributes the sign-up page asks for: username attributes and required ones. */
function signUpFields(visit: Visit): Field[] {
	const schema: Array<{ Name: string; Required?: boolean }> =
		visit.pool.settings.SchemaAttributes ?? [];
	const usernameAttributes: string[] = visit.pool.settings.UsernameAttributes ?? [];
	const wanted = new Set<string>(usernameAttributes.length ? [] : ['email']);
	for (const attribute of schema)
		if (attribute.Required && attribute.Name !== 'sub') wanted.add(attribute.Name);
	for (const attribute of usernameAttributes) wanted.delete(attribute);
	const fields: Field[] = [
		{
			name: 'username',
			label: usernameLabel(visit),
			type: usernameAttributes.includes('email') ? 'email' : 'text',
			autocomplete: 'username',
		},
	];
	for (const name of wanted)
		fields.push({
			name: `attr_${name}`,
			label:
				name === 'email'
					? 'Email'
					: name === 'phone_number'
						? 'Phone number'
						: name.replace(/_/g, ' '),
			type: name === 'email' ? 'email' : name === 'phone_number' ? 'tel' : 'text',
			required: schema.some((a) => a.Name === name && a.Required),
			...(name === 'phone_number' ? { hint: 'In E.164 format, for example +15555550100.' } : {}),
		});
	fields.push({
		name: 'password',
		label: 'Password',
		type: 'password',
		autocomplete: 'new-password',
	});
	return fields;
}

export function signUpPage(
	visit: Visit,
	client: ClientRecord,
	request: AuthorizeRequest,
	error?: string
): Response {
	return visit.page(
		client,
		'Sign up',
		(look) =>
			visit.formHtml(look, withQuery('/signup', request), signUpFields(visit), 'Sign up') +
			link(look, visit.at(withQuery('/login', request)), 'Already have an account? Sign in'),
		{ redirectTarget: request.redirectUri, ...(error ? { error, status: 400 } : {}) }
	);
}

export async function postSignUp(
	visit: Visit,
	client: ClientRecord,
	request: AuthorizeRequest
): Promise<Outcome> {
	const username = (visit.form.get('username') ?? '').trim();
	const attributes: Array<{ Name: string; Value: string }> = [];
	for (const [field, value] of visit.form)
		if (field.startsWith('attr_') && value.trim())
			attributes.push({ Name: field.slice(5), Value: value.trim() });
	try {
		const result = await selfService(visit, client, 'SignUp', {
			Username: username,
			Password: visit.form.get('password') ?? '',
			UserAttributes: attributes,
		});
		if (result.UserConfirmed)
			return {
				response: loginPage(visit, client, request, { notice: 'Your account is ready. Sign in.' }),
				outcome: 'signed up (confirmed)',
			};
		return {
			response: confirmPage(visit, client, request, username),
			outcome: 'signed up, confirmation code sent',
		};
	} catch (error) {
		if (!(error instanceof ServiceError)) throw error;
		return {
			response: signUpPage(visit, client, request, error.message),
			outcome: 'sign-up refused',
			error: `${error.type}: ${error.message}`,
		};
	}
}

export function confirmPage(
	visit: Visit,
	client: ClientRecord,
	request: AuthorizeRequest,
	username: string,
	notice?: string,
	error?: string
): Response {
	return visit.page(
		client,
		'Confirm your account',
		(look) =>
			text(look, 'We sent a code to you. Enter it to confirm your account.') +
			visit.formHtml(
				look,
				withQuery('/confirm', request),
				[
					hidden('username', username),
					{
						name: 'code',
						label: 'Verification code',
						type: 'text',
						inputmode: 'numeric',
						autocomplete: 'one-time-code',
					},
				],
				'Confirm account'
			),
		{
			redirectTarget: request.redirectUri,
			...(notice ? { notice } : {}),
			...(error ? { error, status: 400 } : {}),
		}
	);
}

export async function postConfirm(
	visit: Visit,
	client: ClientRecord,
	request: AuthorizeRequest
): Promise<Outcome> {
	const username = visit.form.get('username') ?? '';
	try {
		await selfService(visit, client, 'ConfirmSignUp', {
			Username: username,
			ConfirmationCode: (visit.form.get('code') ?? '').trim(),
		});
		return {
			response: loginPage(visit, client, request, {
				notice: 'Your account is confirmed. Sign in.',
				username,
			}),
			outcome: 'account confirmed',
		};
	} catch (error) {
		if (!(error instanceof ServiceError)) throw error;
		return {
			response: confirmPage(visit, client, request, username, undefined, error.message),
			outcome: 'confirmation refused',
			error: `${error.type}: ${error.message}`,
		};
	}
}

export function forgotPage(
	visit: Visit,
	client: ClientRecord,
	request: AuthorizeRequest,
	error?: string
): Response {
	return visit.page(
		client,
		'Forgot your password?',
		(look) =>
			text(look, 'Enter your username and we will send you a code to reset your password.') +
			visit.formHtml(
				look,
				withQuery('/forgotPassword', request),
				[{ name: 'username', label: usernameLabel(visit), type: 'text', autocomplete: 'username' }],
				'Reset my password'
			),
		{ redirectTarget: request.redirectUri, ...(error ? { error, status: 400 } : {}) }
	);
}

function resetPage(
	visit: Visit,
	client: ClientRecord,
	request: AuthorizeRequest,
	username: string,
	destination: string,
	error?: string
): Response {
	return visit.page(
		client,
		'Reset your password',
		(look) =>
			text(look, `We sent a code to ${destination || 'you'}. Enter it and a new password.`) +
			visit.formHtml(
				look,
				withQuery('/confirmForgotPassword', request),
				[
					hidden('username', username),
					hidden('destination', destination),
					{
						name: 'code',
						label: 'Code',
						type: 'text',
						inputmode: 'numeric',
						autocomplete: 'one-time-code',
					},
					{
						name: 'password',
						label: 'New password',
						type: 'password',
						autocomplete: 'new-password',
					},
				],
				'Change password'
			),
		{ redirectTarget: request.redirectUri, ...(error ? { error, status: 400 } : {}) }
	);
}

export async function postForgot(
	visit: Visit,
	client: ClientRecord,
	request: AuthorizeRequest
): Promise<Outcome> {
	const username = (visit.form.get('username') ?? '').trim();
	try {
		const result = await selfService(visit, client, 'ForgotPassword', { Username: username });
		const destination = String(result.CodeDeliveryDetails?.Destination ?? '');
		return {
			response: resetPage(visit, client, request, username, destination),
			outcome: 'reset code sent',
		};
	} catch (error) {
		if (!(error instanceof ServiceError)) throw error;
		return {
			response: forgotPage(visit, client, request, error.message),
			outcome: 'reset refused',
			error: `${error.type}: ${error.message}`,
		};
	}
}

export async function postConfirmForgot(
	visit: Visit,
	client: ClientRecord,
	request: AuthorizeRequest
): Promise<Outcome> {
	const username = visit.form.get('username') ?? '';
	try {
		await selfService(visit, client, 'ConfirmForgotPassword', {
			Username: username,
			ConfirmationCode: (visit.form.get('code') ?? '').trim(),
			Password: visit.form.get('password') ?? '',
		});
		return {
			response: loginPage(visit, client, request, {
				notice: 'Your password has been changed. Sign in.',
				username,
			}),
			outcome: 'password reset',
		};
	} catch (error) {
		if (!(error instanceof ServiceError)) throw error;
		return {
			response: resetPage(
				visit,
				client,
				request,
				username,
				visit.form.get('destination') ?? '',
				error.message
			),
			outcome: 'reset refused',
			error: `${error.type}: ${error.message}`,
		};
	}
}
