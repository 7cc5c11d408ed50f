/**
 * Recognises a script of the running page that can no longer be loaded because a newer build replaced it
 * on the server (a tab left open across a deploy). Pages then say "a new version is available: reload"
 * instead of showing a confusing error. Pure.
 */

/** Window event any part of a page can dispatch to show that notice (src/client/app-shell.ts). */
export const STALE_BUILD_EVENT = 'cognito-study:stale-build';

/**
 * What a feature that needed the missing script reports in its place (the simulator's trigger runtime
 * returns it as its error message, so the page can tell it apart from an error in learner code).
 */
export const STALE_BUILD_MESSAGE =
	'A new version of this site is available: reload the page to keep going (a part of this page was replaced by the update).';

/** The messages browsers and Vite give when a dynamically imported module or its CSS fails to load. */
const CHUNK_LOAD_FAILURE = new RegExp(
	[
		'Failed to fetch dynamically imported module', // Chromium
		'error loading dynamically imported module', // Firefox
		'Importing a module script failed', // Safari
		'Unable to preload CSS', // Vite's preload helper
		'Failed to load module script', // a <script type="module"> answered with HTML (404 page)
	].join('|'),
	'i'
);

/** True when `error` (an Error, a rejection reason or a message) is a failed script load. */
export function isChunkLoadError(error: unknown): boolean {
	const message =
		error instanceof Error
			? `${error.name}: ${error.message}`
			: typeof error === 'string'
				? error
				: '';
	return CHUNK_LOAD_FAILURE.test(message);
}
