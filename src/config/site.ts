/** Site-wide constants (names, navigation, storage keys). No engine tuning lives here. */
export const SITE_TITLE = 'Cognito Study';
export const SITE_DESCRIPTION =
	'Learn Amazon Cognito for the AWS certification exams: lessons with diagrams, spaced-repetition practice and a safe in-browser Cognito simulator.';

/**
 * The path the site is served under, always ending in "/" (astro.config's `base`: "/" at a domain root,
 * "/cognito-study/" on a GitHub Pages project site). Outside Vite (Node tools) it is "/".
 */
export const BASE_PATH: string = (import.meta.env?.BASE_URL ?? '/').replace(/\/?$/, '/');

/**
 * A site path with the base path in front: every internal link, fetch and script URL goes through this.
 * @example withBase('/practice/?lesson=tokens') // "/cognito-study/practice/?lesson=tokens" under that base
 */
export function withBase(path: string): string {
	return BASE_PATH + path.replace(/^\//, '');
}

declare const __BUILD_ID__: string | undefined;
/** This build's id (astro.config), written into every page as `<html data-build>`; "dev" outside a build. */
export const BUILD_ID: string = typeof __BUILD_ID__ === 'string' ? __BUILD_ID__ : 'dev';

/** Prefix for every key this site stores in the browser. */
export const STORAGE_NAMESPACE = 'cognito-study';

/** Key under which the chosen colour theme ("light" | "dark") is remembered. */
export const THEME_STORAGE_KEY = `${STORAGE_NAMESPACE}:theme`;

export interface NavItem {
	label: string;
	href: string;
}

/** Main navigation, in order. */
export const NAV_ITEMS: readonly NavItem[] = [
	{ label: 'Learn', href: '/learn/' },
	{ label: 'Practice', href: '/practice/' },
	{ label: 'Simulator', href: '/simulator/' },
	{ label: 'Progress', href: '/progress/' },
	{ label: 'Search', href: '/search/' },
];
