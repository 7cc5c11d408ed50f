/**
 * Resolves `{{…}}` references in scenario requests. Pure (the clock is passed in).
 *
 * - `{{<id>.<path>}}`: a field of an earlier call's response, e.g. `{{signUp.UserSub}}`,
 *   `{{signIn.AuthenticationResult.IdToken}}`; path segments may be array indexes or `last`, and `claims` after a
 *   JWT reads its decoded claims (`{{signIn.AuthenticationResult.IdToken.claims.email}}`).
 * - `{{outbox.last.code}}`, `{{outbox.0.destination}}`: the messages the service "sent".
 * - `{{totp}}`: the current TOTP code for the newest `SecretCode` an `AssociateSoftwareToken` returned.
 *
 * A string that is exactly one reference takes the referenced value as is (object, number…); otherwise each
 * reference is replaced by its text. Object keys are resolved too (e.g. identity-pool `Logins`).
 */
import { TOTP } from 'otpauth';
import { decodeJwt, looksLikeJwt } from './jwt';
import type { InboxMessage } from './types';

/** What references can read. */
export interface TemplateScope {
	/** Responses of earlier calls, by call id, in the order they ran. */
	results: Readonly<Record<string, unknown>>;
	outbox: readonly InboxMessage[];
	/** Current sandbox time in milliseconds (for `{{totp}}`). */
	now: number;
}

/** A reference that cannot be resolved; the message says which and why. */
export class TemplateError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'TemplateError';
	}
}

const REFERENCE = /\{\{\s*([^{}]+?)\s*\}\}/g;
const WHOLE = /^\{\{\s*([^{}]+?)\s*\}\}$/;

/** Resolves every reference in `value` (deeply). Pure. */
export function resolveTemplate<T>(value: T, scope: TemplateScope): T {
	return resolveValue(value, scope) as T;
}

/** The reference names used in a value, e.g. `['signUp.UserSub', 'outbox.last.code']`. */
export function referencesIn(value: unknown): string[] {
	const found: string[] = [];
	const visit = (item: unknown) => {
		if (typeof item === 'string')
			for (const match of item.matchAll(REFERENCE)) found.push(match[1]!);
		else if (Array.isArray(item)) item.forEach(visit);
		else if (item && typeof item === 'object')
			for (const [key, inner] of Object.entries(item)) {
				visit(key);
				visit(inner);
			}
	};
	visit(value);
	return found;
}

function resolveValue(value: unknown, scope: TemplateScope): unknown {
	if (typeof value === 'string') return resolveString(value, scope);
	if (Array.isArray(value)) return value.map((item) => resolveValue(item, scope));
	if (value && typeof value === 'object') {
		const out: Record<string, unknown> = {};
		for (const [key, inner] of Object.entries(value))
			out[String(resolveString(key, scope))] = resolveValue(inner, scope);
		return out;
	}
	return value;
}

function resolveString(text: string, scope: TemplateScope): unknown {
	const whole = WHOLE.exec(text);
	if (whole) return lookup(whole[1]!, scope);
	return text.replace(REFERENCE, (_, name: string) => {
		const found = lookup(name, scope);
		return typeof found === 'string' ? found : JSON.stringify(found);
	});
}

/** The value one reference names. */
export function lookup(name: string, scope: TemplateScope): unknown {
	if (name === 'totp') return totpCode(scope);
	const [head = '', ...path] = name.split('.');
	let current: unknown;
	if (head === 'outbox') {
		if (scope.outbox.length === 0)
			throw new TemplateError(
				`{{${name}}}: the outbox is empty; run the step that sends a code first`
			);
		current = scope.outbox;
	} else if (Object.hasOwn(scope.results, head)) {
		current = scope.results[head];
	} else {
		const known = Object.keys(scope.results);
		throw new TemplateError(
			`{{${name}}}: no earlier call "${head}" has succeeded yet${known.length ? ` (available: ${known.join(', ')})` : ''}; run the steps in order`
		);
	}
	const walked: string[] = [head];
	for (const segment of path) {
		current = step(current, segment);
		walked.push(segment);
		if (current === undefined)
			throw new TemplateError(`{{${name}}}: "${walked.join('.')}" is not in the response`);
	}
	return current;
}

function step(current: unknown, segment: string): unknown {
	// `{{signIn.AuthenticationResult.IdToken.claims.sub}}`: the decoded claims of a JWT.
	if (segment === 'claims' && looksLikeJwt(current)) return decodeJwt(current)?.claims;
	if (Array.isArray(current)) {
		if (segment === 'last') return current[current.length - 1];
		if (/^\d+$/.test(segment)) return current[Number(segment)];
		return undefined;
	}
	if (current && typeof current === 'object' && Object.hasOwn(current, segment))
		return (current as Record<string, unknown>)[segment];
	return undefined;
}

/** The newest `SecretCode` among the results (AssociateSoftwareToken's response). */
export function latestTotpSecret(results: Readonly<Record<string, unknown>>): string | undefined {
	let secret: string | undefined;
	for (const value of Object.values(results)) {
		if (
			value &&
			typeof value === 'object' &&
			typeof (value as { SecretCode?: unknown }).SecretCode === 'string'
		) {
			secret = (value as { SecretCode: string }).SecretCode;
		}
	}
	return secret;
}

/** A TOTP code (RFC 6238: SHA-1, 6 digits, 30 s) for `secret` (base32) at `now`. Pure. */
export function totpAt(secret: string, now: number): string {
	return new TOTP({ secret, algorithm: 'SHA1', digits: 6, period: 30 }).generate({
		timestamp: now,
	});
}

function totpCode(scope: TemplateScope): string {
	const secret = latestTotpSecret(scope.results);
	if (!secret)
		throw new TemplateError(
			'{{totp}}: no AssociateSoftwareToken response with a SecretCode yet; run that step first'
		);
	return totpAt(secret, scope.now);
}
