/**
 * Setting up an authenticator app: the secret from AssociateSoftwareToken as a QR code (for a real app) and as
 * text, a button that adds it to the virtual authenticator, and the code to verify (VerifySoftwareToken).
 */
import { useState } from 'preact/hooks';
import { groupedSecret, otpauthUri, type AuthenticatorEntry } from '../../../lib/simulator/phone';
import { CodeField, PhoneForm } from './Field';
import { QrCode } from './QrCode';

export function TotpSetup({
	busy,
	entry,
	added,
	onAdd,
	onVerify,
	onCancel,
}: {
	busy: boolean;
	entry: AuthenticatorEntry;
	/** Whether the virtual authenticator already holds this secret. */
	added: boolean;
	onAdd(): void;
	onVerify(code: string): void;
	onCancel(): void;
}) {
	const [code, setCode] = useState('');
	return (
		<>
			<p class="phone-text">
				Scan this code with an authenticator app, then enter the code it shows.
			</p>
			<QrCode text={otpauthUri(entry)} label={`QR code for ${entry.issuer}: ${entry.account}`} />
			<p class="phone-text small">
				Or type this key: <code data-testid="totp-secret">{groupedSecret(entry.secret)}</code>
			</p>
			<button type="button" class="button secondary phone-primary" onClick={onAdd} disabled={added}>
				{added ? 'Added to the virtual authenticator' : 'Add to the virtual authenticator'}
			</button>
			<PhoneForm busy={busy} submit="Verify and turn on" onSubmit={() => onVerify(code)}>
				<CodeField id="phone-totp-code" label="Code from the app" value={code} onValue={setCode} />
			</PhoneForm>
			<div class="phone-links">
				<button type="button" class="phone-link" onClick={onCancel}>
					Cancel
				</button>
			</div>
		</>
	);
}
