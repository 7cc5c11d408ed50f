/**
 * The phone's signed-out screens: sign in, create an account, confirm it with the emailed code, forgotten
 * password (request and reset) and the MFA challenge. Presentational: the panel (PhonePanel.tsx) makes the calls.
 */
import { useState } from 'preact/hooks';
import type { SignInStep } from '../../../lib/simulator/phone';
import { CodeField, Field, PhoneForm } from './Field';

type Challenge = Extract<SignInStep, { kind: 'challenge' }>;

interface Common {
	busy: boolean;
}

const PASSWORD_HINT = 'At least 8 characters with upper and lower case, a digit and a symbol.';

export function SignInScreen({
	busy,
	email,
	onEmail,
	onSignIn,
	onGo,
}: Common & {
	email: string;
	onEmail(value: string): void;
	onSignIn(password: string): void;
	onGo(screen: 'sign-up' | 'forgot' | 'confirm'): void;
}) {
	const [password, setPassword] = useState('');
	return (
		<>
			<PhoneForm busy={busy} submit="Sign in" onSubmit={() => onSignIn(password)}>
				<Field
					id="phone-email"
					label="Email"
					type="email"
					autocomplete="username"
					value={email}
					onValue={onEmail}
				/>
				<Field
					id="phone-password"
					label="Password"
					type="password"
					autocomplete="current-password"
					value={password}
					onValue={setPassword}
				/>
			</PhoneForm>
			<div class="phone-links">
				<button type="button" class="phone-link" onClick={() => onGo('forgot')}>
					Forgot your password?
				</button>
				<button type="button" class="phone-link" onClick={() => onGo('sign-up')}>
					Create an account
				</button>
				<button type="button" class="phone-link" onClick={() => onGo('confirm')}>
					I have a confirmation code
				</button>
			</div>
		</>
	);
}

export function SignUpScreen({
	busy,
	email,
	onEmail,
	onSignUp,
	onBack,
}: Common & {
	email: string;
	onEmail(value: string): void;
	onSignUp(password: string): void;
	onBack(): void;
}) {
	const [password, setPassword] = useState('');
	return (
		<>
			<PhoneForm busy={busy} submit="Create account" onSubmit={() => onSignUp(password)}>
				<Field
					id="phone-email"
					label="Email"
					type="email"
					autocomplete="email"
					value={email}
					onValue={onEmail}
				/>
				<Field
					id="phone-new-password"
					label="Password"
					type="password"
					autocomplete="new-password"
					value={password}
					onValue={setPassword}
					hint={PASSWORD_HINT}
				/>
			</PhoneForm>
			<BackLink onBack={onBack} />
		</>
	);
}

export function ConfirmScreen({
	busy,
	email,
	onEmail,
	code,
	onCode,
	onConfirm,
	onResend,
	onBack,
}: Common & {
	email: string;
	onEmail(value: string): void;
	code: string;
	onCode(value: string): void;
	onConfirm(): void;
	onResend(): void;
	onBack(): void;
}) {
	return (
		<>
			<PhoneForm busy={busy} submit="Confirm account" onSubmit={() => onConfirm()}>
				<Field
					id="phone-email"
					label="Email"
					type="email"
					autocomplete="username"
					value={email}
					onValue={onEmail}
				/>
				<CodeField
					id="phone-code"
					label="Confirmation code"
					value={code}
					onValue={onCode}
					hint="Sent by email: open the notification above or the Inbox panel."
				/>
			</PhoneForm>
			<div class="phone-links">
				<button type="button" class="phone-link" onClick={onResend} disabled={busy}>
					Send a new code
				</button>
			</div>
			<BackLink onBack={onBack} />
		</>
	);
}

export function ForgotScreen({
	busy,
	email,
	onEmail,
	onSend,
	onBack,
}: Common & { email: string; onEmail(value: string): void; onSend(): void; onBack(): void }) {
	return (
		<>
			<PhoneForm busy={busy} submit="Send a reset code" onSubmit={() => onSend()}>
				<Field
					id="phone-email"
					label="Email"
					type="email"
					autocomplete="username"
					value={email}
					onValue={onEmail}
				/>
			</PhoneForm>
			<BackLink onBack={onBack} />
		</>
	);
}

export function ResetScreen({
	busy,
	destination,
	code,
	onCode,
	onReset,
	onBack,
}: Common & {
	destination?: string;
	code: string;
	onCode(value: string): void;
	onReset(password: string): void;
	onBack(): void;
}) {
	const [password, setPassword] = useState('');
	return (
		<>
			<p class="phone-text">A code was sent to {destination ?? 'your email address'}.</p>
			<PhoneForm busy={busy} submit="Set new password" onSubmit={() => onReset(password)}>
				<CodeField id="phone-code" label="Reset code" value={code} onValue={onCode} />
				<Field
					id="phone-new-password"
					label="New password"
					type="password"
					autocomplete="new-password"
					value={password}
					onValue={setPassword}
					hint={PASSWORD_HINT}
				/>
			</PhoneForm>
			<BackLink onBack={onBack} />
		</>
	);
}

const CHALLENGE_TEXT: Record<string, string> = {
	EMAIL_OTP: 'Enter the code we emailed to',
	SMS_MFA: 'Enter the code we texted to',
	SOFTWARE_TOKEN_MFA:
		'Enter the 6-digit code from your authenticator app. Each code works once: if it was just used, wait for the next one.',
};

const FACTOR_NAMES: Record<string, string> = {
	EMAIL_OTP: 'Email me a code',
	SMS_MFA: 'Text me a code',
	SOFTWARE_TOKEN_MFA: 'Use my authenticator app',
};

export function ChallengeScreen({
	busy,
	challenge,
	code,
	onCode,
	onAnswer,
	onBack,
}: Common & {
	challenge: Challenge;
	code: string;
	onCode(value: string): void;
	onAnswer(answer: string): void;
	onBack(): void;
}) {
	const [factor, setFactor] = useState(challenge.options?.[0] ?? '');
	if (challenge.name === 'SELECT_MFA_TYPE')
		return (
			<PhoneForm busy={busy} submit="Continue" onSubmit={() => onAnswer(factor)}>
				<fieldset class="phone-choices">
					<legend>How do you want to verify it is you?</legend>
					{(challenge.options ?? []).map((option) => (
						<label key={option}>
							<input
								type="radio"
								name="phone-factor"
								value={option}
								checked={factor === option}
								onChange={() => setFactor(option)}
							/>{' '}
							{FACTOR_NAMES[option] ?? option}
						</label>
					))}
				</fieldset>
			</PhoneForm>
		);
	const text = CHALLENGE_TEXT[challenge.name];
	if (!text)
		return (
			<>
				<p class="phone-text">
					Cognito asks for <code>{challenge.name}</code>, which this sample app does not handle. Try
					the console below to answer it with RespondToAuthChallenge.
				</p>
				<BackLink onBack={onBack} />
			</>
		);
	return (
		<>
			<p class="phone-text">
				{text} {challenge.destination && <strong>{challenge.destination}</strong>}
			</p>
			<PhoneForm busy={busy} submit="Verify" onSubmit={() => onAnswer(code)}>
				<CodeField id="phone-mfa-code" label="Code" value={code} onValue={onCode} />
			</PhoneForm>
			<BackLink onBack={onBack} />
		</>
	);
}

function BackLink({ onBack }: { onBack(): void }) {
	return (
		<div class="phone-links">
			<button type="button" class="phone-link" onClick={onBack}>
				Back to sign in
			</button>
		</div>
	);
}
