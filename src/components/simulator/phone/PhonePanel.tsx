/**
 * "Sample app": a phone frame running a small app against the sandbox, driven by the learner. Every button is a
 * real user-pool call (src/lib/simulator/phone), so it shows in the trace, the sequence and the inbox like any
 * other; codes arrive as a notification on the phone; a virtual authenticator beside it shows TOTP codes.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { SimulatorClient } from '../../../client/simulator-client';
import type { WorkerStatus } from '../../../client/simulator-protocol';
import * as app from '../../../lib/simulator/phone';
import { Authenticator } from './Authenticator';
import {
	ChallengeScreen,
	ConfirmScreen,
	ForgotScreen,
	ResetScreen,
	SignInScreen,
	SignUpScreen,
} from './AuthScreens';
import { HomeScreen } from './HomeScreen';
import { InstallScreen, Notification, TITLES, type Screen } from './PhoneParts';
import { loadAppConfig, loadAuthenticator, saveAppConfig, saveAuthenticator } from './storage';
import { TotpSetup } from './TotpSetup';
import './phone.css';

const ISSUER = 'Sample app';

export function PhonePanel({
	client,
	status,
	ready,
}: {
	client: SimulatorClient;
	status: WorkerStatus;
	ready: boolean;
}) {
	const call: app.Call = useMemo(
		() => (operation, request) => client.call(operation, request),
		[client]
	);
	const now = useMemo(() => {
		const context = client.runContext();
		return () => context.now() as number;
	}, [client]);
	const [config, setConfig] = useState<app.SampleAppConfig | undefined>(loadAppConfig);
	const [screen, setScreen] = useState<Screen>({ name: 'install' });
	const [busy, setBusy] = useState(false);
	const [error, setError] = useState('');
	const [notice, setNotice] = useState('');
	const [email, setEmail] = useState('');
	const [code, setCode] = useState('');
	const [codesSince, setCodesSince] = useState(Number.POSITIVE_INFINITY);
	const [tokens, setTokens] = useState<app.Tokens>();
	const [profile, setProfile] = useState<app.Profile>();
	/** The user's phone number, kept after sign-out so texted sign-in codes show as notifications. */
	const [phoneNumber, setPhoneNumber] = useState<string>();
	const [apiAnswer, setApiAnswer] = useState<Parameters<typeof HomeScreen>[0]['apiAnswer']>();
	const [entries, setEntries] = useState(loadAuthenticator);
	const heading = useRef<HTMLHeadingElement>(null);
	const moved = useRef(false);

	// The saved app may be gone (the sandbox was reset): then it offers to install again.
	useEffect(() => {
		if (!ready) return;
		if (!config) return setScreen({ name: 'install' });
		void app.sampleAppExists(call, config).then((exists) => {
			if (exists)
				setScreen((current) => (current.name === 'install' ? { name: 'sign-in' } : current));
			else {
				setConfig(undefined);
				saveAppConfig(undefined);
				setScreen({ name: 'install' });
			}
		});
	}, [ready, status.seed, config?.userPoolId]);

	// Focus follows the learner to each new screen (not on page load).
	useEffect(() => {
		if (moved.current) heading.current?.focus();
	}, [screen]);
	useEffect(() => saveAuthenticator(entries), [entries]);

	function go(next: Screen, message = '') {
		moved.current = true;
		setError('');
		setNotice(message);
		setCode('');
		setScreen(next);
	}

	async function act(work: () => Promise<void>) {
		if (busy) return;
		setBusy(true);
		setError('');
		try {
			await work();
		} catch (caught) {
			setError(caught instanceof Error ? caught.message : String(caught));
		} finally {
			setBusy(false);
		}
	}
	function fail(result: { type: string; message: string }) {
		setError(`${result.type}: ${result.message}`);
		// The sandbox was reset under the app: its pool or client is gone.
		if (result.type === 'ResourceNotFoundException' && screen.name !== 'home') {
			setConfig(undefined);
			saveAppConfig(undefined);
			go(
				{ name: 'install' },
				'The sandbox no longer has the app’s user pool (was it reset?). Install the app again.'
			);
		}
	}
	const expectCodes = () => setCodesSince(now() - 1000);

	const install = () =>
		act(async () => {
			const created = await app.setUpSampleApp(call);
			setConfig(created);
			saveAppConfig(created);
			go(
				{ name: 'sign-in' },
				'Installed: a user pool, an app client and an API were created in the sandbox.'
			);
		});

	function afterSignIn(step: app.SignInStep) {
		if (step.kind === 'failed') {
			fail(step);
			if (step.type === 'UserNotConfirmedException') setNotice('Confirm your account first.');
		} else if (step.kind === 'challenge') go({ name: 'challenge', challenge: step });
		else {
			setTokens(step.tokens);
			setApiAnswer(undefined);
			go({ name: 'home' });
			void refreshProfile(step.tokens.AccessToken);
		}
	}

	async function refreshProfile(accessToken: string) {
		const result = await app.getProfile(call, accessToken);
		if (result.ok) {
			setProfile(result.value);
			setPhoneNumber(result.value.attributes.phone_number);
		} else fail(result);
	}

	const cfg = config!;
	const message =
		Number.isFinite(codesSince) && email
			? app.latestCodeFor(status.outbox, [email, ...(phoneNumber ? [phoneNumber] : [])], codesSince)
			: undefined;
	const inScreenWithCode = ['confirm', 'reset', 'challenge'].includes(screen.name);
	const addEntry = (entry: app.AuthenticatorEntry) =>
		setEntries((current) => [...current.filter((item) => item.secret !== entry.secret), entry]);

	function renderScreen() {
		switch (screen.name) {
			case 'install':
				return <InstallScreen disabled={!ready || busy} onInstall={install} />;
			case 'sign-in':
				return (
					<SignInScreen
						busy={busy}
						email={email}
						onEmail={setEmail}
						onGo={(name) => {
							// Straight to the code: show the newest one already sent to this address.
							if (name === 'confirm') setCodesSince(0);
							go({ name });
						}}
						onSignIn={(password) =>
							act(async () => {
								expectCodes();
								afterSignIn(await app.signIn(call, cfg, email, password));
							})
						}
					/>
				);
			case 'sign-up':
				return (
					<SignUpScreen
						busy={busy}
						email={email}
						onEmail={setEmail}
						onBack={() => go({ name: 'sign-in' })}
						onSignUp={(password) =>
							act(async () => {
								expectCodes();
								const result = await app.signUp(call, cfg, email, password);
								if (!result.ok) return fail(result);
								go(
									{ name: 'confirm' },
									`We emailed a code to ${result.value.CodeDeliveryDetails?.Destination ?? email}.`
								);
							})
						}
					/>
				);
			case 'confirm':
				return (
					<ConfirmScreen
						busy={busy}
						email={email}
						onEmail={setEmail}
						code={code}
						onCode={setCode}
						onBack={() => go({ name: 'sign-in' })}
						onResend={() =>
							act(async () => {
								expectCodes();
								const result = await app.resendCode(call, cfg, email);
								if (!result.ok) return fail(result);
								setNotice('A new code is on its way.');
							})
						}
						onConfirm={() =>
							act(async () => {
								const result = await app.confirmSignUp(call, cfg, email, code);
								if (!result.ok) return fail(result);
								go({ name: 'sign-in' }, 'Your account is confirmed. Sign in.');
							})
						}
					/>
				);
			case 'forgot':
				return (
					<ForgotScreen
						busy={busy}
						email={email}
						onEmail={setEmail}
						onBack={() => go({ name: 'sign-in' })}
						onSend={() =>
							act(async () => {
								expectCodes();
								const result = await app.forgotPassword(call, cfg, email);
								if (!result.ok) return fail(result);
								go({ name: 'reset', destination: result.value.CodeDeliveryDetails?.Destination });
							})
						}
					/>
				);
			case 'reset':
				return (
					<ResetScreen
						busy={busy}
						destination={screen.destination}
						code={code}
						onCode={setCode}
						onBack={() => go({ name: 'sign-in' })}
						onReset={(password) =>
							act(async () => {
								const result = await app.confirmForgotPassword(call, cfg, email, code, password);
								if (!result.ok) return fail(result);
								go({ name: 'sign-in' }, 'Password changed. Sign in with the new one.');
							})
						}
					/>
				);
			case 'challenge':
				return (
					<ChallengeScreen
						key={screen.challenge.session}
						busy={busy}
						challenge={screen.challenge}
						code={code}
						onCode={setCode}
						onBack={() => go({ name: 'sign-in' })}
						onAnswer={(answer) =>
							act(async () => {
								expectCodes();
								afterSignIn(await app.answerChallenge(call, cfg, screen.challenge, answer));
							})
						}
					/>
				);
			case 'home':
				return (
					<HomeScreen
						busy={busy}
						profile={profile}
						apiAnswer={apiAnswer}
						onEmailMfa={(enabled) =>
							act(async () => {
								const result = await app.setEmailMfa(call, tokens!.AccessToken, enabled);
								if (!result.ok) return fail(result);
								await refreshProfile(tokens!.AccessToken);
							})
						}
						onSmsMfa={(phoneNumber) =>
							act(async () => {
								const result = phoneNumber
									? await app.enableSmsMfa(call, tokens!.AccessToken, phoneNumber)
									: await app.setSmsMfa(call, tokens!.AccessToken, false);
								if (!result.ok) return fail(result);
								await refreshProfile(tokens!.AccessToken);
							})
						}
						onSetUpTotp={() =>
							act(async () => {
								const secret = await app.associateTotp(call, tokens!.AccessToken);
								if (!secret.ok) return fail(secret);
								go({
									name: 'totp',
									entry: {
										issuer: ISSUER,
										account: profile?.attributes.email ?? email,
										secret: secret.value,
									},
								});
							})
						}
						onDisableTotp={() =>
							act(async () => {
								const result = await app.disableTotp(call, tokens!.AccessToken);
								if (!result.ok) return fail(result);
								await refreshProfile(tokens!.AccessToken);
							})
						}
						onCallApi={(path, token) =>
							act(async () => {
								const sent =
									token === 'id'
										? tokens!.IdToken
										: token === 'access'
											? tokens!.AccessToken
											: undefined;
								setApiAnswer({ ...(await app.callApi(call, cfg, path, sent)), path, token });
							})
						}
						onSignOut={() =>
							act(async () => {
								const result = await app.globalSignOut(call, tokens!.AccessToken);
								if (!result.ok) fail(result);
								setTokens(undefined);
								setProfile(undefined);
								go(
									{ name: 'sign-in' },
									'Signed out everywhere: Cognito revoked the refresh token and now refuses the access token. The ID token still verifies until it expires for anyone who only checks its signature.'
								);
							})
						}
					/>
				);
			case 'totp':
				return (
					<TotpSetup
						busy={busy}
						entry={screen.entry}
						added={entries.some((item) => item.secret === screen.entry.secret)}
						onAdd={() => addEntry(screen.entry)}
						onCancel={() => go({ name: 'home' })}
						onVerify={(totpCode) =>
							act(async () => {
								const result = await app.verifyTotp(call, tokens!.AccessToken, totpCode, 'phone');
								if (!result.ok) return fail(result);
								go({ name: 'home' }, 'Authenticator app on: the next sign-in asks for its code.');
								await refreshProfile(tokens!.AccessToken);
							})
						}
					/>
				);
		}
	}

	return (
		<div class="phone-layout">
			<div class="phone" role="group" aria-label="Phone running the sample app">
				<div class="phone-status" aria-hidden="true">
					<span>{new Date(status.now).toISOString().slice(11, 16)} UTC</span>
					<span>Sample app</span>
				</div>
				{message && inScreenWithCode && (
					<Notification message={message} code={code} onUseCode={setCode} />
				)}
				<div class="phone-screen" aria-busy={busy ? 'true' : 'false'}>
					<h3 class="phone-title" tabIndex={-1} ref={heading}>
						{TITLES[screen.name]}
					</h3>
					<div role="status" class="phone-notice">
						{notice}
					</div>
					{error && (
						<p class="phone-error" role="alert" data-testid="phone-error">
							{error}
						</p>
					)}
					{renderScreen()}
				</div>
			</div>
			<section class="phone-side" aria-labelledby="authenticator-heading">
				<h3 id="authenticator-heading">Virtual authenticator</h3>
				<p class="small muted">
					Codes on the sandbox clock (RFC 6238, 30 s), so fast-forwarding moves them on. A real
					authenticator app works too while the clock runs in real time: scan the QR code the phone
					shows.
				</p>
				<Authenticator
					entries={entries}
					now={now}
					onRemove={(secret) =>
						setEntries((current) => current.filter((item) => item.secret !== secret))
					}
				/>
			</section>
		</div>
	);
}
