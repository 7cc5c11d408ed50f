/** Password policy: the service default and the `InvalidPasswordException` messages. */
import { ServiceError } from '../core/errors';
import type { PoolRecord } from './state';

/** The policy a pool gets when `Policies.PasswordPolicy` is omitted: 8 characters, all classes, 7 days. */
export const DEFAULT_PASSWORD_POLICY = Object.freeze({
	MinimumLength: 8,
	RequireUppercase: true,
	RequireLowercase: true,
	RequireNumbers: true,
	RequireSymbols: true,
	TemporaryPasswordValidityDays: 7,
});

/** The special characters Cognito counts as symbols (and the space). */
const SYMBOLS = new Set('^$*.[]{}()?"!@#%&/\\,><\':;|_~`=+- ');

/** Fills in a configured password policy the way the service stores it. */
export function normalizePasswordPolicy(
	policy: Record<string, any> | undefined
): Record<string, any> {
	if (!policy) return { ...DEFAULT_PASSWORD_POLICY };
	return {
		MinimumLength: policy.MinimumLength ?? 8,
		RequireUppercase: policy.RequireUppercase ?? false,
		RequireLowercase: policy.RequireLowercase ?? false,
		RequireNumbers: policy.RequireNumbers ?? false,
		RequireSymbols: policy.RequireSymbols ?? false,
		...(policy.PasswordHistorySize !== undefined
			? { PasswordHistorySize: policy.PasswordHistorySize }
			: {}),
		TemporaryPasswordValidityDays: policy.TemporaryPasswordValidityDays || 7,
	};
}

/** The first rule `password` breaks, as the service words it, or undefined. */
export function passwordProblem(policy: Record<string, any>, password: string): string | undefined {
	const chars = [...password];
	if (chars.length < (policy.MinimumLength ?? 8)) return 'Password not long enough';
	if (policy.RequireUppercase && !chars.some((c) => c !== c.toLowerCase()))
		return 'Password must have uppercase characters';
	if (policy.RequireLowercase && !chars.some((c) => c !== c.toUpperCase()))
		return 'Password must have lowercase characters';
	if (policy.RequireNumbers && !chars.some((c) => c >= '0' && c <= '9'))
		return 'Password must have numeric characters';
	if (policy.RequireSymbols && !chars.some((c) => SYMBOLS.has(c)))
		return 'Password must have symbol characters';
	return undefined;
}

/** Throws `InvalidPasswordException` when the password breaks the pool's policy. */
export function checkPassword(pool: PoolRecord, password: string): void {
	const problem = passwordProblem(pool.settings.Policies.PasswordPolicy, password);
	if (problem)
		throw new ServiceError(
			'InvalidPasswordException',
			`Password did not conform with policy: ${problem}`
		);
}

/** Throws `PasswordHistoryPolicyViolationException` when a recent password is reused. */
export function checkHistory(pool: PoolRecord, history: string[], password: string): void {
	const size: number = pool.settings.Policies.PasswordPolicy.PasswordHistorySize ?? 0;
	if (size > 0 && history.slice(-size).includes(password)) {
		throw new ServiceError(
			'PasswordHistoryPolicyViolationException',
			'The password does not meet the requirements of the password history policy.'
		);
	}
}

/** A temporary password that satisfies the policy (for AdminCreateUser without TemporaryPassword). */
export function generateTemporaryPassword(
	policy: Record<string, any>,
	randomString: (length: number, alphabet: string) => string
): string {
	const length = Math.max(policy.MinimumLength ?? 8, 8);
	const core = randomString(
		length - 4,
		'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789'
	);
	return `${randomString(1, 'ABCDEFGHJKLMNPQRSTUVWXYZ')}${core}${randomString(1, 'abcdefghijkmnopqrstuvwxyz')}${randomString(1, '23456789')}${randomString(1, '^$*.!@#%&')}`;
}
