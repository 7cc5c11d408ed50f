/**
 * Policy variables: `${cognito-identity.amazonaws.com:sub}`, `${aws:PrincipalTag/team}`, with an optional
 * default (`${aws:username, 'anonymous'}`) and the escapes `${*}`, `${?}`, `${$}`. Pure.
 */
import type { RequestContext } from './types';

const VARIABLE = /\$\{([^}]*)\}/g;

/** Case-insensitive lookup of a context key (IAM condition keys are case-insensitive). */
export function contextValue(context: RequestContext, key: string): string | string[] | undefined {
	// Keys come from policy documents: own properties only, so `${constructor}` never resolves.
	if (Object.hasOwn(context, key)) return context[key];
	const lower = key.toLowerCase();
	for (const [name, value] of Object.entries(context))
		if (name.toLowerCase() === lower) return value;
	return undefined;
}

/**
 * Replaces the policy variables in `text`. Returns undefined when a variable has no single value and no
 * default: IAM then treats the policy element as not matching.
 */
export function substituteVariables(text: string, context: RequestContext): string | undefined {
	if (!text.includes('${')) return text;
	let unresolved = false;
	const result = text.replace(VARIABLE, (_whole, inner: string) => {
		const trimmed = inner.trim();
		if (trimmed === '*' || trimmed === '?' || trimmed === '$') return trimmed;
		const [, key = '', fallback] = /^([^,]+?)\s*(?:,\s*'([^']*)')?$/.exec(trimmed) ?? [];
		const value = contextValue(context, key.trim());
		if (typeof value === 'string') return value;
		if (fallback !== undefined) return fallback;
		unresolved = true;
		return '';
	});
	return unresolved ? undefined : result;
}
