/**
 * What the phone keeps in this browser: the sample app's pool, client and API ids (the sandbox itself is saved by
 * the simulator), and the secrets the virtual authenticator holds. Bad or missing data reads as nothing.
 */
import type { AuthenticatorEntry, SampleAppConfig } from '../../../lib/simulator/phone';

const CONFIG_KEY = 'cognito-study:sim-phone-app';
const AUTHENTICATOR_KEY = 'cognito-study:sim-phone-authenticator';

function read(key: string): unknown {
	try {
		return JSON.parse(localStorage.getItem(key) ?? 'null');
	} catch {
		return null;
	}
}

function write(key: string, value: unknown) {
	try {
		if (value === undefined) localStorage.removeItem(key);
		else localStorage.setItem(key, JSON.stringify(value));
	} catch {
		// Private browsing or full storage: the phone still works until the page is left.
	}
}

export function loadAppConfig(): SampleAppConfig | undefined {
	const value = read(CONFIG_KEY) as Partial<SampleAppConfig> | null;
	return value &&
		typeof value.userPoolId === 'string' &&
		typeof value.clientId === 'string' &&
		typeof value.apiUrl === 'string'
		? { userPoolId: value.userPoolId, clientId: value.clientId, apiUrl: value.apiUrl }
		: undefined;
}

export const saveAppConfig = (config: SampleAppConfig | undefined) => write(CONFIG_KEY, config);

export function loadAuthenticator(): AuthenticatorEntry[] {
	const value = read(AUTHENTICATOR_KEY);
	if (!Array.isArray(value)) return [];
	return value.filter(
		(entry): entry is AuthenticatorEntry =>
			entry &&
			typeof entry.account === 'string' &&
			typeof entry.issuer === 'string' &&
			typeof entry.secret === 'string' &&
			/^[A-Z2-7]+=*$/.test(entry.secret)
	);
}

export const saveAuthenticator = (entries: AuthenticatorEntry[]) =>
	write(AUTHENTICATOR_KEY, entries);
