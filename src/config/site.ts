/** Site-wide constants (names, navigation, storage keys). No engine tuning lives here. */
export const SITE_TITLE = 'Cognito Study';
export const SITE_DESCRIPTION =
	'Learn Amazon Cognito for the AWS certification exams: lessons with diagrams, spaced-repetition practice and a safe in-browser Cognito simulator.';

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
