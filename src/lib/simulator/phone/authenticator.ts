/**
 * The virtual authenticator beside the phone: the `otpauth://` URI a real authenticator app reads from the QR
 * code, and the current code for an enrolled secret on the sandbox clock (RFC 6238: SHA-1, 6 digits, 30 s, as
 * Cognito uses). Pure; time is passed in.
 */
import { TOTP } from 'otpauth';
import { totpAt } from '../template';

export const TOTP_PERIOD_SECONDS = 30;

/** One secret the authenticator holds. */
export interface AuthenticatorEntry {
	/** Shown in the list and in the URI's label (`issuer:account`). */
	account: string;
	issuer: string;
	/** Base32 `SecretCode` from AssociateSoftwareToken. */
	secret: string;
}

/** The key URI (Google Authenticator's format) for a QR code. */
export function otpauthUri(entry: AuthenticatorEntry): string {
	return new TOTP({
		issuer: entry.issuer,
		label: entry.account,
		secret: entry.secret,
		algorithm: 'SHA1',
		digits: 6,
		period: TOTP_PERIOD_SECONDS,
	}).toString();
}

/** The code an authenticator shows at `now` and how many whole seconds it stays valid. */
export function currentCode(secret: string, now: number): { code: string; secondsLeft: number } {
	const elapsed = Math.floor(now / 1000) % TOTP_PERIOD_SECONDS;
	return { code: totpAt(secret, now), secondsLeft: TOTP_PERIOD_SECONDS - elapsed };
}

/** Groups a secret in fours for reading aloud or typing into an app by hand. */
export function groupedSecret(secret: string): string {
	return secret.replace(/(.{4})(?=.)/g, '$1 ');
}
