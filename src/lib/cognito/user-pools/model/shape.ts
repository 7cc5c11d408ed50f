/**
 * Input validation as the real service does it: Smithy constraints from the service model (required
 * members, lengths, ranges, patterns, enums), reported in AWS's "N validation errors detected" form.
 * Wrong JSON types are a `SerializationException`, as the JSON 1.1 protocol reports them.
 */
import { dict } from '../../core/dict';
import { ServiceError } from '../../core/errors';
import { OPERATION_INPUTS, SHAPES } from './shapes';

/** One shape of the service model, in the compact form of shapes.ts. */
export interface Shape {
	t: string;
	req?: string[];
	m?: Record<string, string>;
	i?: string;
	k?: string;
	v?: string;
	min?: number;
	max?: number;
	p?: string;
	e?: string[];
	s?: boolean;
	/** A free-form JSON document (a WebAuthn credential, managed login settings). */
	doc?: boolean;
}

/** The model's PasswordType pattern is looser in the service: inner spaces are fine, outer ones are not. */
const SERVICE_PATTERNS: Record<string, RegExp> = {
	PasswordType: /^\S(?:.*\S)?$/su,
};

const compiled = new Map<string, RegExp | null>();

function patternOf(shapeName: string, pattern: string): RegExp | null {
	const special = SERVICE_PATTERNS[shapeName];
	if (special) return special;
	let regex = compiled.get(pattern);
	if (regex === undefined) {
		let source = pattern;
		let flags = 'u';
		if (source.startsWith('(?s)')) {
			source = source.slice(4);
			flags += 's';
		}
		try {
			regex = new RegExp(`^(?:${source})$`, flags);
		} catch {
			regex = null;
		}
		compiled.set(pattern, regex);
	}
	return regex;
}

/** `ClientId` → `clientId`, as AWS names members in validation messages. */
const memberPath = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

function describeValue(value: unknown): string {
	if (value === null || value === undefined) return 'null';
	if (typeof value === 'string') return `'${value}'`;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	if (Array.isArray(value)) return `[${value.map(describeValue).join(', ')}]`;
	return JSON.stringify(value);
}

function serializationError(expected: string, value: unknown): ServiceError {
	const kind = Array.isArray(value)
		? 'START_ARRAY'
		: value === null
			? 'VALUE_NULL'
			: typeof value === 'object'
				? 'START_OBJECT'
				: typeof value === 'string'
					? 'VALUE_STRING'
					: typeof value === 'boolean'
						? 'VALUE_BOOLEAN'
						: 'VALUE_NUMBER';
	return new ServiceError('SerializationException', `${kind} can not be converted to ${expected}`);
}

/**
 * Checks `input` against the operation's input shape; throws `InvalidParameterException` with AWS's
 * "N validation error(s) detected: …" message, or `SerializationException` for wrong JSON types.
 */
export function validateInput(operation: string, input: Record<string, unknown>): void {
	const shapeName = OPERATION_INPUTS[operation];
	if (!shapeName) return;
	const problems: string[] = [];
	checkStructure(shapeName, input, '', problems);
	if (problems.length) {
		const count = problems.length;
		throw new ServiceError(
			'InvalidParameterException',
			`${count} validation error${count > 1 ? 's' : ''} detected: ${problems.join('; ')}`
		);
	}
}

function checkStructure(
	shapeName: string,
	value: Record<string, unknown>,
	path: string,
	problems: string[]
) {
	const shape = SHAPES[shapeName]!;
	for (const member of shape.req ?? []) {
		if (value[member] === undefined || value[member] === null)
			problems.push(
				`Value null at '${path}${memberPath(member)}' failed to satisfy constraint: Member must not be null`
			);
	}
	for (const [member, memberShape] of Object.entries(shape.m ?? {})) {
		const memberValue = value[member];
		if (memberValue === undefined || memberValue === null) continue;
		check(memberShape, memberValue, `${path}${memberPath(member)}`, problems);
	}
}

function check(shapeName: string, value: unknown, path: string, problems: string[]) {
	const shape = SHAPES[shapeName];
	if (!shape) return;
	const fail = (constraint: string) =>
		problems.push(
			`Value ${shape.s ? '' : `${describeValue(value)} `}at '${path}' failed to satisfy constraint: Member must ${constraint}`
		);
	switch (shape.t) {
		case 'string': {
			if (typeof value !== 'string') throw serializationError('String', value);
			const length = [...value].length;
			if (shape.e && !shape.e.includes(value))
				fail(`satisfy enum value set: [${shape.e.join(', ')}]`);
			if (shape.min !== undefined && length < shape.min)
				fail(`have length greater than or equal to ${shape.min}`);
			if (shape.max !== undefined && length > shape.max)
				fail(`have length less than or equal to ${shape.max}`);
			if (shape.p && length > 0) {
				const regex = patternOf(shapeName, shape.p);
				if (regex && !regex.test(value)) fail(`satisfy regular expression pattern: ${shape.p}`);
			}
			return;
		}
		case 'integer':
		case 'long': {
			if (typeof value !== 'number' || !Number.isFinite(value))
				throw serializationError('Integer', value);
			if (!Number.isInteger(value)) throw serializationError('Integer', String(value));
			if (shape.min !== undefined && value < shape.min)
				fail(`have value greater than or equal to ${shape.min}`);
			if (shape.max !== undefined && value > shape.max)
				fail(`have value less than or equal to ${shape.max}`);
			return;
		}
		case 'boolean':
			if (typeof value !== 'boolean') throw serializationError('Boolean', value);
			return;
		case 'timestamp':
			if (typeof value !== 'number') throw serializationError('Timestamp', value);
			return;
		case 'blob':
			if (typeof value !== 'string') throw serializationError('Blob', value);
			return;
		case 'list': {
			if (!Array.isArray(value)) throw serializationError('List', value);
			if (shape.min !== undefined && value.length < shape.min)
				fail(`have length greater than or equal to ${shape.min}`);
			if (shape.max !== undefined && value.length > shape.max)
				fail(`have length less than or equal to ${shape.max}`);
			value.forEach((item, index) => {
				const itemPath = `${path}.${index + 1}.member`;
				if (item === null || item === undefined)
					problems.push(
						`Value null at '${itemPath}' failed to satisfy constraint: Member must not be null`
					);
				else check(shape.i!, item, itemPath, problems);
			});
			return;
		}
		case 'map': {
			if (typeof value !== 'object' || value === null || Array.isArray(value))
				throw serializationError('Map', value);
			const entries = Object.entries(value as Record<string, unknown>);
			if (shape.max !== undefined && entries.length > shape.max)
				fail(`have length less than or equal to ${shape.max}`);
			for (const [key, entry] of entries) {
				check(shape.k!, key, `${path}.${key}.key`, problems);
				if (entry === null || entry === undefined)
					problems.push(
						`Value null at '${path}.${key}.value' failed to satisfy constraint: Member must not be null`
					);
				else check(shape.v!, entry, `${path}.${key}.value`, problems);
			}
			return;
		}
		case 'structure': {
			if (typeof value !== 'object' || value === null || Array.isArray(value))
				throw serializationError('Structure', value);
			checkStructure(shapeName, value as Record<string, unknown>, `${path}.`, problems);
			return;
		}
	}
}

/**
 * The input as the handlers may use it (call after {@link validateInput}): members the model does not
 * define are dropped, as the JSON 1.1 services ignore them, and every map (`ClientMetadata`,
 * `AuthParameters`, tags, …) becomes a null-prototype object, so a key a caller chose, such as
 * `__proto__` or `constructor`, stays data and never reaches an object's prototype.
 */
export function conformInput(
	operation: string,
	input: Record<string, unknown>
): Record<string, any> {
	const shapeName = OPERATION_INPUTS[operation];
	return (shapeName ? conform(shapeName, input) : nullPrototypeCopy(input)) as Record<string, any>;
}

/** Operations newer than the generated model: keep every member, with null-prototype objects. */
function nullPrototypeCopy(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(nullPrototypeCopy);
	if (value === null || typeof value !== 'object') return value;
	return dict(Object.entries(value).map(([key, item]) => [key, nullPrototypeCopy(item)] as const));
}

function conform(shapeName: string, value: unknown): unknown {
	const shape = SHAPES[shapeName];
	if (!shape || value === null || typeof value !== 'object') return value;
	if (shape.t === 'list' && Array.isArray(value))
		return value.map((item) => conform(shape.i!, item));
	if (shape.t === 'map')
		return dict(
			Object.entries(value).map(([key, item]) => [key, conform(shape.v!, item)] as const)
		);
	if (shape.t !== 'structure') return value;
	// Documents (a WebAuthn credential, managed login settings) are free-form JSON.
	if (shape.doc) return nullPrototypeCopy(value);
	const out: Record<string, unknown> = {};
	for (const [member, memberShape] of Object.entries(shape.m ?? {})) {
		if (!Object.hasOwn(value, member)) continue;
		const memberValue = (value as Record<string, unknown>)[member];
		if (memberValue !== undefined) out[member] = conform(memberShape, memberValue);
	}
	return out;
}
