/**
 * Wildcard and ARN matching as IAM does it: `*` matches any run of characters, `?` exactly one.
 * Actions compare case-insensitively; resources and ARNs case-sensitively. Pure.
 */

const compiled = new Map<string, RegExp>();

/** Whether `value` matches the IAM glob `pattern` (`*`, `?`). */
export function globMatches(pattern: string, value: string, ignoreCase = false): boolean {
	const cacheKey = (ignoreCase ? 'i:' : 's:') + pattern;
	let regex = compiled.get(cacheKey);
	if (!regex) {
		const body = pattern
			.split('')
			.map((char) =>
				char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.+^${}()|[\]\\/-]/g, '\\$&')
			)
			.join('');
		regex = new RegExp(`^${body}$`, ignoreCase ? 'is' : 's');
		// A small bound keeps fuzzed or learner-made patterns from growing the cache without limit.
		if (compiled.size > 2000) compiled.clear();
		compiled.set(cacheKey, regex);
	}
	return regex.test(value);
}

/** Whether an action such as `dynamodb:PutItem` matches a policy action such as `dynamodb:*` or `*`. */
export function actionMatches(pattern: string, action: string): boolean {
	return pattern === '*' || globMatches(pattern, action, true);
}

/** Whether a resource ARN matches a policy `Resource` entry (a glob over the whole ARN). */
export function resourceMatches(pattern: string, resource: string): boolean {
	return pattern === '*' || globMatches(pattern, resource);
}

/**
 * `ArnLike`/`ArnEquals`: compares the six colon-separated ARN parts one by one, so a `*` in one part never
 * spills into the next (the resource part, the sixth, keeps any further colons).
 */
export function arnMatches(pattern: string, arn: string): boolean {
	const patternParts = splitArn(pattern);
	const arnParts = splitArn(arn);
	if (!patternParts || !arnParts) return pattern === arn;
	return patternParts.every((part, index) => globMatches(part, arnParts[index]!));
}

function splitArn(arn: string): string[] | undefined {
	const parts = arn.split(':');
	if (parts.length < 6 || parts[0] !== 'arn') return undefined;
	return [...parts.slice(0, 5), parts.slice(5).join(':')];
}
