/**
 * Resource paths as API Gateway matches them: literal segments, `{name}` (one segment) and a trailing greedy
 * `{name+}`; the most specific match wins (literals before parameters before a greedy parameter), and an exact
 * HTTP method before `ANY`. Pure.
 */
import { dict, type Dict } from '../../core/dict';

export interface Match<T> {
	route: T;
	/** Path parameters by name (null-prototype: names and values are the caller's). */
	pathParameters: Dict<string>;
}

/** Specificity of a path template: higher wins. */
function score(template: string): number[] {
	const segments = template.split('/').filter(Boolean);
	const literal = segments.filter((segment) => !segment.startsWith('{')).length;
	const greedy = segments.some((segment) => segment.endsWith('+}')) ? 0 : 1;
	return [greedy, literal, segments.length];
}

/** Parameters of `path` under `template`, or undefined when it does not match. */
export function matchPath(template: string, path: string): Dict<string> | undefined {
	const want = template.split('/').filter(Boolean);
	const have = path.split('/').filter(Boolean);
	const parameters = dict<string>();
	for (let index = 0; index < want.length; index++) {
		const segment = want[index]!;
		const greedy = /^\{(.+)\+\}$/.exec(segment);
		if (greedy) {
			if (index !== want.length - 1 || have.length <= index) return undefined;
			parameters[greedy[1]!] = have.slice(index).map(decodeSegment).join('/');
			return parameters;
		}
		const value = have[index];
		if (value === undefined) return undefined;
		const name = /^\{(.+)\}$/.exec(segment)?.[1];
		if (name !== undefined) parameters[name] = decodeSegment(value);
		else if (segment !== value) return undefined;
	}
	return want.length === have.length ? parameters : undefined;
}

function decodeSegment(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}

/** The best route for `method` and `path`; `routes` give each a path template and method (`ANY` matches all). */
export function bestRoute<T>(
	routes: readonly T[],
	describe: (route: T) => { path: string; method: string },
	method: string,
	path: string
): Match<T> | undefined {
	let best: { match: Match<T>; rank: number[] } | undefined;
	for (const route of routes) {
		const { path: template, method: routeMethod } = describe(route);
		if (routeMethod !== 'ANY' && routeMethod !== method) continue;
		const pathParameters = matchPath(template, path);
		if (!pathParameters) continue;
		const rank = [...score(template), routeMethod === 'ANY' ? 0 : 1];
		if (!best || compare(rank, best.rank) > 0) best = { match: { route, pathParameters }, rank };
	}
	return best?.match;
}

function compare(a: number[], b: number[]): number {
	for (let index = 0; index < a.length; index++) {
		if (a[index] !== b[index]) return a[index]! - b[index]!;
	}
	return 0;
}
