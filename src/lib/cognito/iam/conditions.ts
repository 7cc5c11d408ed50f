/**
 * The `Condition` block: operators (String*, Numeric*, Date*, Bool, Null, Arn*), the `ForAnyValue:` and
 * `ForAllValues:` set qualifiers and the `…IfExists` suffix. Blocks AND together; the values listed for one
 * key OR together. Pure.
 */
import { own } from '../core/dict';
import { arnMatches, globMatches } from './patterns';
import type { RequestContext } from './types';
import { contextValue, substituteVariables } from './variables';

type Comparator = (actual: string, expected: string) => boolean;

/** Positive comparators; a `Not` operator is the negation of its positive twin. */
const COMPARATORS: Record<string, Comparator> = {
	stringequals: (a, e) => a === e,
	stringequalsignorecase: (a, e) => a.toLowerCase() === e.toLowerCase(),
	stringlike: (a, e) => globMatches(e, a),
	numericequals: (a, e) => toNumber(a) === toNumber(e),
	numericlessthan: (a, e) => toNumber(a) < toNumber(e),
	numericlessthanequals: (a, e) => toNumber(a) <= toNumber(e),
	numericgreaterthan: (a, e) => toNumber(a) > toNumber(e),
	numericgreaterthanequals: (a, e) => toNumber(a) >= toNumber(e),
	dateequals: (a, e) => toDate(a) === toDate(e),
	datelessthan: (a, e) => toDate(a) < toDate(e),
	datelessthanequals: (a, e) => toDate(a) <= toDate(e),
	dategreaterthan: (a, e) => toDate(a) > toDate(e),
	dategreaterthanequals: (a, e) => toDate(a) >= toDate(e),
	bool: (a, e) => a.toLowerCase() === e.toLowerCase(),
	arnequals: (a, e) => arnMatches(e, a),
	arnlike: (a, e) => arnMatches(e, a),
	binaryequals: (a, e) => a === e,
};

const NEGATED: Record<string, string> = {
	stringnotequals: 'stringequals',
	stringnotequalsignorecase: 'stringequalsignorecase',
	stringnotlike: 'stringlike',
	numericnotequals: 'numericequals',
	datenotequals: 'dateequals',
	arnnotequals: 'arnequals',
	arnnotlike: 'arnlike',
};

/** Thrown for an operator the evaluator does not know; IAM rejects such policies when they are saved. */
export class UnsupportedConditionOperator extends Error {}

/** Whether every operator block of a statement's `Condition` holds for the request context. */
export function conditionsHold(
	condition: Record<string, Record<string, unknown>> | undefined,
	context: RequestContext
): boolean {
	if (!condition || typeof condition !== 'object') return true;
	for (const [operatorName, block] of Object.entries(condition)) {
		if (!block || typeof block !== 'object') return false;
		for (const [key, expected] of Object.entries(block)) {
			if (!operatorHolds(operatorName, key, expected, context)) return false;
		}
	}
	return true;
}

function operatorHolds(
	operatorName: string,
	key: string,
	expectedRaw: unknown,
	context: RequestContext
): boolean {
	let name = operatorName.toLowerCase();
	let setQualifier: 'any' | 'all' | undefined;
	if (name.startsWith('foranyvalue:')) {
		setQualifier = 'any';
		name = name.slice('foranyvalue:'.length);
	} else if (name.startsWith('forallvalues:')) {
		setQualifier = 'all';
		name = name.slice('forallvalues:'.length);
	}
	const ifExists = name.endsWith('ifexists');
	if (ifExists) name = name.slice(0, -'ifexists'.length);

	const raw = contextValue(context, key);
	const actual = raw === undefined ? [] : Array.isArray(raw) ? raw.map(String) : [String(raw)];
	const expectedList = (Array.isArray(expectedRaw) ? expectedRaw : [expectedRaw]).map((value) =>
		String(value)
	);

	if (name === 'null') {
		const wantsAbsent = expectedList.some((value) => value.toLowerCase() === 'true');
		return wantsAbsent ? actual.length === 0 : actual.length > 0;
	}

	// Operator names come from policy documents: own-property look-ups only (`constructor` is no operator).
	const negated = Object.hasOwn(NEGATED, name);
	const comparator = own(COMPARATORS, negated ? NEGATED[name]! : name);
	if (!comparator)
		throw new UnsupportedConditionOperator(`Unsupported condition operator ${operatorName}`);
	// Variables in condition values resolve against the same request context; unresolved ones never match.
	const expected = expectedList
		.map((value) => substituteVariables(value, context))
		.filter((value): value is string => value !== undefined);
	const matchesAny = (value: string) => expected.some((candidate) => comparator(value, candidate));
	const valueHolds = (value: string) => (negated ? !matchesAny(value) : matchesAny(value));

	if (setQualifier === 'any') return actual.some(valueHolds);
	if (setQualifier === 'all') return actual.every(valueHolds);
	if (actual.length === 0) return ifExists || negated;
	// A plain operator on a multivalued key: positive matches if any value matches, negated if none does.
	return negated ? actual.every(valueHolds) : actual.some(valueHolds);
}

function toNumber(value: string): number {
	const number = Number(value);
	return Number.isFinite(number) ? number : Number.NaN;
}

function toDate(value: string): number {
	// Dates may be ISO 8601 strings or epoch seconds.
	return /^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value);
}
