/**
 * Input validation for `cognito-identity` operations, worded as the service words model-constraint failures:
 * `ValidationException: 1 validation error detected: Value 'x' at 'identityPoolId' failed to satisfy constraint: …`
 * (observed for GetId with a malformed pool id). Semantic problems use `InvalidParameterException`.
 */
import { type Dict, dict } from '../core/dict';
import { ServiceError } from '../core/errors';

/** `IdentityPoolId`/`IdentityId`: `region:guid`, at most 55 characters. */
export const ID_PATTERN = '[\\w-]+:[0-9a-f-]+';

function memberName(field: string): string {
	return field.charAt(0).toLowerCase() + field.slice(1);
}

/** A `ValidationException` for one failed constraint. */
export function constraintError(field: string, value: unknown, constraint: string): ServiceError {
	const shown =
		value === undefined || value === null
			? 'null'
			: `'${typeof value === 'string' ? value : JSON.stringify(value)}'`;
	return new ServiceError(
		'ValidationException',
		`1 validation error detected: Value ${shown} at '${memberName(field)}' failed to satisfy constraint: ${constraint}`
	);
}

/** Reads a string member, checking presence, type, length and pattern. */
export function readString(
	input: Record<string, unknown>,
	field: string,
	rules: { required?: boolean; min?: number; max?: number; pattern?: string } = {}
): string | undefined {
	const value = input[field];
	if (value === undefined || value === null) {
		if (rules.required) throw constraintError(field, undefined, 'Member must not be null');
		return undefined;
	}
	if (typeof value !== 'string')
		throw new ServiceError(
			'SerializationException',
			`STRING_VALUE can not be converted to ${field}`
		);
	if (rules.min !== undefined && value.length < rules.min)
		throw constraintError(
			field,
			value,
			`Member must have length greater than or equal to ${rules.min}`
		);
	if (rules.max !== undefined && value.length > rules.max)
		throw constraintError(
			field,
			value,
			`Member must have length less than or equal to ${rules.max}`
		);
	if (rules.pattern && !new RegExp(`^(?:${rules.pattern})$`, 'u').test(value))
		throw constraintError(
			field,
			value,
			`Member must satisfy regular expression pattern: ${rules.pattern}`
		);
	return value;
}

/** Reads a boolean member. */
export function readBoolean(
	input: Record<string, unknown>,
	field: string,
	required = false
): boolean | undefined {
	const value = input[field];
	if (value === undefined || value === null) {
		if (required) throw constraintError(field, undefined, 'Member must not be null');
		return undefined;
	}
	if (typeof value !== 'boolean')
		throw new ServiceError(
			'SerializationException',
			`${JSON.stringify(value)} can not be converted to a Boolean`
		);
	return value;
}

/** Reads an integer member within a range. */
export function readInteger(
	input: Record<string, unknown>,
	field: string,
	rules: { required?: boolean; min?: number; max?: number } = {}
): number | undefined {
	const value = input[field];
	if (value === undefined || value === null) {
		if (rules.required) throw constraintError(field, undefined, 'Member must not be null');
		return undefined;
	}
	if (typeof value !== 'number' || !Number.isInteger(value))
		throw new ServiceError(
			'SerializationException',
			`${JSON.stringify(value)} can not be converted to an Integer`
		);
	if (rules.min !== undefined && value < rules.min)
		throw constraintError(
			field,
			value,
			`Member must have value greater than or equal to ${rules.min}`
		);
	if (rules.max !== undefined && value > rules.max)
		throw constraintError(
			field,
			value,
			`Member must have value less than or equal to ${rules.max}`
		);
	return value;
}

/** Reads a string→string map member with key/value length and pattern constraints and a size limit. */
export function readStringMap(
	input: Record<string, unknown>,
	field: string,
	rules: {
		required?: boolean;
		maxEntries?: number;
		keyMax?: number;
		valueMax?: number;
		keyPattern?: string;
		valuePattern?: string;
	} = {}
): Dict<string> | undefined {
	const value = input[field];
	if (value === undefined || value === null) {
		if (rules.required) throw constraintError(field, undefined, 'Member must not be null');
		return undefined;
	}
	if (typeof value !== 'object' || Array.isArray(value))
		throw new ServiceError('SerializationException', `Start of list found where not expected`);
	const entries = Object.entries(value as Record<string, unknown>);
	if (rules.maxEntries !== undefined && entries.length > rules.maxEntries)
		throw constraintError(
			field,
			value,
			`Member must have length less than or equal to ${rules.maxEntries}`
		);
	for (const [key, item] of entries) {
		if (typeof item !== 'string')
			throw new ServiceError('SerializationException', `Unexpected value type in ${field}`);
		if (key.length < 1 || (rules.keyMax !== undefined && key.length > rules.keyMax))
			throw constraintError(
				field,
				value,
				`Map keys must satisfy constraint: [Member must have length less than or equal to ${rules.keyMax}, Member must have length greater than or equal to 1]`
			);
		if (rules.keyPattern && !new RegExp(`^(?:${rules.keyPattern})$`, 'u').test(key))
			throw constraintError(
				field,
				value,
				`Map keys must satisfy constraint: [Member must satisfy regular expression pattern: ${rules.keyPattern}]`
			);
		if (item.length < 1 || (rules.valueMax !== undefined && item.length > rules.valueMax))
			throw constraintError(
				field,
				value,
				`Map value must satisfy constraint: [Member must have length less than or equal to ${rules.valueMax}, Member must have length greater than or equal to 1]`
			);
		if (rules.valuePattern && !new RegExp(`^(?:${rules.valuePattern})$`, 'u').test(item))
			throw constraintError(
				field,
				value,
				`Map value must satisfy constraint: [Member must satisfy regular expression pattern: ${rules.valuePattern}]`
			);
	}
	return dict(entries as Array<[string, string]>);
}

/** Reads a list of strings with per-item length limits. */
export function readStringList(
	input: Record<string, unknown>,
	field: string,
	rules: { itemMin?: number; itemMax?: number } = {}
): string[] | undefined {
	const value = input[field];
	if (value === undefined || value === null) return undefined;
	if (!Array.isArray(value) || value.some((item) => typeof item !== 'string'))
		throw new ServiceError('SerializationException', `Unexpected value type in ${field}`);
	for (const item of value as string[]) {
		if (
			(rules.itemMin !== undefined && item.length < rules.itemMin) ||
			(rules.itemMax !== undefined && item.length > rules.itemMax)
		) {
			throw constraintError(
				field,
				value,
				`Member must satisfy constraint: [Member must have length less than or equal to ${rules.itemMax}, Member must have length greater than or equal to ${rules.itemMin}]`
			);
		}
	}
	return value as string[];
}

/** The Logins map every data-plane operation takes (≤10 entries, key 1–128, token 1–50000). */
export function readLogins(
	input: Record<string, unknown>,
	required = false
): Record<string, string> | undefined {
	return readStringMap(input, 'Logins', { required, maxEntries: 10, keyMax: 128, valueMax: 50000 });
}
