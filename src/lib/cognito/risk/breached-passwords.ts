/**
 * Compromised-credential detection against a bundled list of breached passwords: the 49,233 most common
 * passwords from public breach corpora that zxcvbn-ts ships (`@zxcvbn-ts/language-common`, a maintained
 * package), compared case-insensitively, as that list is lower-case. Cognito compares username-password
 * pairs with its own leak data and common passwords; the sandbox checks the password alone.
 *
 * The list weighs about 380 KB (about 200 KB gzipped), so it is loaded on first use with a dynamic import:
 * pages and sandboxes that never check a password with compromised-credentials detection never download it.
 */
let list: Promise<ReadonlySet<string>> | undefined;

function breachedPasswords(): Promise<ReadonlySet<string>> {
	list ??= import('@zxcvbn-ts/language-common').then(
		(module) => new Set(module.dictionary['passwords-common'] as string[])
	);
	return list;
}

/** Whether `password` is in the bundled breached-password list (case-insensitive). */
export async function isBreachedPassword(password: string): Promise<boolean> {
	if (typeof password !== 'string' || password.length === 0) return false;
	return (await breachedPasswords()).has(password.toLowerCase());
}
