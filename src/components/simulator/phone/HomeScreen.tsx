/**
 * The signed-in screen: who is signed in (GetUser), their MFA (email codes, authenticator app), a call to the
 * app's API through API Gateway with the authorizer's decision, and sign-out (GlobalSignOut).
 */
import { useState } from 'preact/hooks';
import { Field, PhoneForm } from './Field';
import { API_METHODS, type ApiAnswer, type Profile } from '../../../lib/simulator/phone';

type TokenChoice = 'id' | 'access' | 'none';

const FACTOR_NAMES: Record<string, string> = {
	EMAIL_OTP: 'email codes',
	SMS_MFA: 'text messages',
	SOFTWARE_TOKEN_MFA: 'authenticator app',
};

const TOKEN_LABELS: Record<TokenChoice, string> = {
	id: 'ID token',
	access: 'Access token',
	none: 'No token',
};

export function HomeScreen({
	busy,
	profile,
	onEmailMfa,
	onSmsMfa,
	onSetUpTotp,
	onDisableTotp,
	onCallApi,
	apiAnswer,
	onSignOut,
}: {
	busy: boolean;
	profile?: Profile;
	onEmailMfa(enabled: boolean): void;
	/** Turns SMS codes on for `phoneNumber`, or off without one. */
	onSmsMfa(phoneNumber?: string): void;
	onSetUpTotp(): void;
	onDisableTotp(): void;
	onCallApi(path: string, token: TokenChoice): void;
	apiAnswer?: ApiAnswer & { path: string; token: TokenChoice };
	onSignOut(): void;
}) {
	const [path, setPath] = useState<string>(API_METHODS[0].path);
	const [token, setToken] = useState<TokenChoice>('id');
	const emailMfa = profile?.mfa.includes('EMAIL_OTP') ?? false;
	const totp = profile?.mfa.includes('SOFTWARE_TOKEN_MFA') ?? false;
	const sms = profile?.mfa.includes('SMS_MFA') ?? false;
	const [askPhone, setAskPhone] = useState(false);
	const [phoneNumber, setPhoneNumber] = useState(
		profile?.attributes.phone_number ?? '+15555550100'
	);
	return (
		<>
			<p class="phone-text">
				Signed in as <strong data-testid="phone-user">{profile?.attributes.email ?? '…'}</strong>
			</p>
			<section class="phone-section" aria-labelledby="phone-mfa-heading">
				<h4 id="phone-mfa-heading">Two-step verification</h4>
				<p class="phone-text small" data-testid="phone-mfa">
					{profile
						? profile.mfa.length
							? `On: ${profile.mfa.map((factor) => FACTOR_NAMES[factor] ?? factor).join(', ')}`
							: 'Off: a password is enough to sign in.'
						: 'Loading…'}
				</p>
				<div class="phone-buttons">
					<button
						type="button"
						class="button secondary"
						disabled={busy || !profile}
						onClick={() => onEmailMfa(!emailMfa)}
					>
						{emailMfa ? 'Turn off email codes' : 'Email me a code at sign-in'}
					</button>
					<button
						type="button"
						class="button secondary"
						disabled={busy || !profile}
						aria-expanded={sms ? undefined : askPhone}
						onClick={() => (sms ? onSmsMfa() : setAskPhone(!askPhone))}
					>
						{sms ? 'Turn off text codes' : 'Text me a code at sign-in'}
					</button>
					{askPhone && !sms && (
						<form
							onSubmit={(event) => {
								event.preventDefault();
								setAskPhone(false);
								onSmsMfa(phoneNumber);
							}}
						>
							<Field
								id="phone-number"
								label="Mobile number"
								type="tel"
								autocomplete="tel"
								value={phoneNumber}
								onValue={setPhoneNumber}
								hint="In E.164 form, like +15555550100. Texts arrive in the Inbox; nothing is sent."
							/>
							<button type="submit" class="button phone-primary" disabled={busy}>
								Save and turn on
							</button>
						</form>
					)}
					<button
						type="button"
						class="button secondary"
						disabled={busy || !profile}
						onClick={totp ? onDisableTotp : onSetUpTotp}
					>
						{totp ? 'Turn off authenticator app' : 'Set up an authenticator app'}
					</button>
				</div>
			</section>
			<section class="phone-section" aria-labelledby="phone-api-heading">
				<h4 id="phone-api-heading">Call the app's API</h4>
				<PhoneForm busy={busy} submit="Call the API" onSubmit={() => onCallApi(path, token)}>
					<div class="phone-field">
						<label for="phone-api-path">Endpoint (API Gateway, Cognito authorizer)</label>
						<select
							aria-describedby="phone-api-needs"
							id="phone-api-path"
							value={path}
							onChange={(event) => setPath((event.target as HTMLSelectElement).value)}
						>
							{API_METHODS.map((method) => (
								<option key={method.path} value={method.path}>
									GET {method.path} ({method.short})
								</option>
							))}
						</select>
						<p id="phone-api-needs" class="phone-hint">
							Accepts {API_METHODS.find((method) => method.path === path)?.needs}.
						</p>
					</div>
					<div class="phone-field">
						<label for="phone-api-token">Send in Authorization</label>
						<select
							id="phone-api-token"
							value={token}
							onChange={(event) =>
								setToken((event.target as HTMLSelectElement).value as TokenChoice)
							}
						>
							{(Object.keys(TOKEN_LABELS) as TokenChoice[]).map((choice) => (
								<option key={choice} value={choice}>
									{TOKEN_LABELS[choice]}
								</option>
							))}
						</select>
					</div>
				</PhoneForm>
				{apiAnswer && <ApiDecision answer={apiAnswer} />}
			</section>
			<button
				type="button"
				class="button secondary phone-primary"
				disabled={busy}
				onClick={onSignOut}
			>
				Sign out everywhere
			</button>
		</>
	);
}

function ApiDecision({ answer }: { answer: ApiAnswer & { path: string; token: TokenChoice } }) {
	const allowed = answer.status === 'allowed';
	return (
		<div class={`phone-decision ${allowed ? 'allowed' : 'refused'}`} data-testid="api-decision">
			<p>
				<strong>{allowed ? 'Allowed' : 'Refused'}</strong>: GET {answer.path} with{' '}
				{TOKEN_LABELS[answer.token].toLowerCase()} →{' '}
				{allowed ? answer.message : `${answer.errorType}: ${answer.message}`}
			</p>
			{allowed && answer.claims && (
				<details>
					<summary>Claims the authorizer passed to the backend</summary>
					<dl class="phone-claims">
						{Object.entries(answer.claims).map(([name, value]) => (
							<div key={name}>
								<dt>{name}</dt>
								<dd>{String(value)}</dd>
							</div>
						))}
					</dl>
				</details>
			)}
		</div>
	);
}
