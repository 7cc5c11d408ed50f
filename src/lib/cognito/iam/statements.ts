/** Reading policy documents and matching one statement against a request. Pure. */
import { own } from '../core/dict';
import { conditionsHold } from './conditions';
import { actionMatches, resourceMatches } from './patterns';
import type { PolicyStatement, RequestContext } from './types';
import { substituteVariables } from './variables';

/** The statements of a policy document (an object or its JSON text); malformed documents yield none. */
export function statementsOf(policy: unknown): PolicyStatement[] {
	let document = policy;
	if (typeof document === 'string') {
		try {
			document = JSON.parse(document);
		} catch {
			return [];
		}
	}
	if (!document || typeof document !== 'object') return [];
	const statement = (document as { Statement?: unknown }).Statement;
	const list = Array.isArray(statement) ? statement : statement ? [statement] : [];
	return list.filter(
		(entry): entry is PolicyStatement =>
			!!entry &&
			typeof entry === 'object' &&
			((entry as PolicyStatement).Effect === 'Allow' ||
				(entry as PolicyStatement).Effect === 'Deny')
	);
}

/** A string-or-array policy element as an array. */
export function asList(value: unknown): string[] {
	if (value === undefined || value === null) return [];
	return (Array.isArray(value) ? value : [value]).map((item) => String(item));
}

/** Whether the statement's Action/NotAction covers `action`. */
export function statementCoversAction(statement: PolicyStatement, action: string): boolean {
	if (statement.Action !== undefined)
		return asList(statement.Action).some((pattern) => actionMatches(pattern, action));
	if (statement.NotAction !== undefined)
		return !asList(statement.NotAction).some((pattern) => actionMatches(pattern, action));
	return false;
}

/** Whether the statement's Resource/NotResource covers `resource`, after substituting policy variables. */
export function statementCoversResource(
	statement: PolicyStatement,
	resource: string,
	context: RequestContext
): boolean {
	const matchesAny = (patterns: string[]) =>
		patterns.some((pattern) => {
			const resolved = substituteVariables(pattern, context);
			return resolved !== undefined && resourceMatches(resolved, resource);
		});
	if (statement.Resource !== undefined) return matchesAny(asList(statement.Resource));
	if (statement.NotResource !== undefined) return !matchesAny(asList(statement.NotResource));
	return false;
}

/** Whether a statement applies to an identity-based request (action, resource and conditions). */
export function statementApplies(
	statement: PolicyStatement,
	action: string,
	resource: string,
	context: RequestContext
): boolean {
	return (
		statementCoversAction(statement, action) &&
		statementCoversResource(statement, resource, context) &&
		conditionsHold(statement.Condition, context)
	);
}

/** Whether a trust-policy statement names the principal (`"*"`, or `{ Federated: … }` and the like). */
export function statementCoversPrincipal(
	statement: PolicyStatement,
	principal: Record<string, string>
): boolean {
	const named = (block: PolicyStatement['Principal']) => {
		if (block === '*') return true;
		if (!block || typeof block !== 'object') return false;
		return Object.entries(principal).some(([kind, id]) =>
			asList(own(block, kind)).some((value) => value === '*' || value === id)
		);
	};
	if (statement.Principal !== undefined) return named(statement.Principal);
	if (statement.NotPrincipal !== undefined) return !named(statement.NotPrincipal);
	return false;
}
