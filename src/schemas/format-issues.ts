/**
 * Turns schema issues into one line per problem: `<file>: <field path>: <what was expected>, found <what was found>`.
 * Pure; used by the build (content check integration), `npm run questions:check` and the in-browser editor.
 */
import type { z } from 'astro/zod';

/** `answer[1]`, `options[2].explanation`, or `(frontmatter)` for the root. */
export function formatPath(path: readonly PropertyKey[]): string {
	if (path.length === 0) return '(frontmatter)';
	return path
		.map((key, index) =>
			typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`
		)
		.join('');
}

/** Describes a found value briefly: `"f"`, `12`, `a list of 3`, `nothing`. */
export function describeValue(value: unknown): string {
	if (value === undefined) return 'nothing (the field is missing)';
	if (value === null) return 'null';
	if (typeof value === 'string')
		return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	if (Array.isArray(value)) return `a list of ${value.length}`;
	if (value instanceof Date) return `the date ${value.toISOString().slice(0, 10)}`;
	return 'an object';
}

const TYPE_NAMES: Record<string, string> = {
	string: 'text',
	number: 'a number',
	int: 'a whole number',
	boolean: 'true or false',
	array: 'a list',
	object: 'a mapping of fields',
	date: 'a date (YYYY-MM-DD)',
};

/** The message part of one issue, in the form "must be …, found …". */
export function describeIssue(issue: z.core.$ZodIssue): string {
	const found = describeValue(issue.input);
	switch (issue.code) {
		case 'invalid_type':
			return `must be ${TYPE_NAMES[issue.expected] ?? issue.expected}, found ${found}`;
		case 'invalid_value': {
			const allowed = issue.values.map((value) => JSON.stringify(value));
			const suggestion =
				typeof issue.input === 'string'
					? closest(issue.input, issue.values.map(String))
					: undefined;
			return `must be one of ${allowed.join(', ')}, found ${found}${suggestion ? `; did you mean "${suggestion}"?` : ''}`;
		}
		case 'unrecognized_keys':
			return issue.keys
				.map((key) => `unknown field "${key}"; remove it or fix its spelling`)
				.join('; ');
		case 'too_small':
		case 'too_big': {
			const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
			const word = issue.code === 'too_small' ? 'at least' : 'at most';
			if (issue.origin === 'string') {
				const length = typeof issue.input === 'string' ? issue.input.length : 0;
				return `must have ${word} ${bound} characters, found ${length}`;
			}
			if (issue.origin === 'array' || issue.origin === 'set') {
				const length = Array.isArray(issue.input) ? issue.input.length : 0;
				return `must have ${word} ${bound} item${bound === 1 ? '' : 's'}, found ${length}`;
			}
			return `must be ${word} ${bound}, found ${found}`;
		}
		case 'invalid_format':
			return issue.message.startsWith('must')
				? `${issue.message}, found ${found}`
				: `must be a valid ${issue.format}, found ${found}`;
		case 'invalid_union':
			// A schema that names its forms (`z.union([...], { message })`) says so; otherwise a generic line.
			return issue.message.startsWith('must ')
				? `${issue.message}, found ${found}`
				: `does not match any allowed form, found ${found}`;
		default:
			return issue.message;
	}
}

/** One line per issue, prefixed with the file. */
export function formatIssues(file: string, issues: readonly z.core.$ZodIssue[]): string[] {
	return issues.map((issue) => `${file}: ${formatPath(issue.path)}: ${describeIssue(issue)}`);
}

/** The allowed value nearest to `input` (edit distance ≤ 3), for "did you mean" hints. */
export function closest(input: string, allowed: readonly string[]): string | undefined {
	let best: string | undefined;
	let bestDistance = 4;
	for (const candidate of allowed) {
		const distance = editDistance(input.toLowerCase(), candidate.toLowerCase());
		if (distance < bestDistance) {
			best = candidate;
			bestDistance = distance;
		}
	}
	return best;
}

function editDistance(a: string, b: string): number {
	let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
	for (let i = 1; i <= a.length; i++) {
		const current = [i];
		for (let j = 1; j <= b.length; j++) {
			current[j] = Math.min(
				previous[j]! + 1,
				current[j - 1]! + 1,
				previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)
			);
		}
		previous = current;
	}
	return previous[b.length]!;
}
