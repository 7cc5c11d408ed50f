/**
 * Small parts of the phone: its screens' names and titles, the install screen and the notification that a new
 * email or text message shows.
 */
import type { InboxMessage } from '../../../lib/simulator';
import type { AuthenticatorEntry, SignInStep } from '../../../lib/simulator/phone';

type Challenge = Extract<SignInStep, { kind: 'challenge' }>;
export type Screen =
	| { name: 'install' }
	| { name: 'sign-in' | 'sign-up' | 'confirm' | 'forgot' | 'home' }
	| { name: 'reset'; destination?: string }
	| { name: 'challenge'; challenge: Challenge }
	| { name: 'totp'; entry: AuthenticatorEntry };

export const TITLES: Record<Screen['name'], string> = {
	install: 'Sample app',
	'sign-in': 'Sign in',
	'sign-up': 'Create an account',
	confirm: 'Confirm your account',
	forgot: 'Forgot your password?',
	reset: 'Reset your password',
	challenge: 'Verify it is you',
	home: 'My account',
	totp: 'Authenticator app',
};

export function InstallScreen({ disabled, onInstall }: { disabled: boolean; onInstall(): void }) {
	return (
		<>
			<p class="phone-text">
				A small app that signs users in with a Cognito user pool. Installing it creates, in your
				sandbox: a user pool where people sign in with their email (verified by a code, optional
				email, SMS or authenticator-app MFA), a public app client, and an API Gateway REST API
				guarded by a Cognito authorizer.
			</p>
			<button type="button" class="button phone-primary" disabled={disabled} onClick={onInstall}>
				Install the sample app
			</button>
		</>
	);
}

/** The newest email or text with a code, as the phone would show it, with a button that fills the code in. */
export function Notification({
	message,
	code,
	onUseCode,
}: {
	message: InboxMessage;
	code: string;
	onUseCode(code: string): void;
}) {
	return (
		<div class="phone-notification" data-testid="phone-notification">
			<p>
				<strong>{message.channel === 'EMAIL' ? 'Email' : 'Text message'}</strong>
				{message.subject ? `: ${message.subject}` : ''}
				<br />
				{message.body}
			</p>
			{message.code && code !== message.code && (
				<button type="button" class="button small-button" onClick={() => onUseCode(message.code!)}>
					Use code {message.code}
				</button>
			)}
		</div>
	);
}
