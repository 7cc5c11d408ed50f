/** Placeholder replaced below. */
import type { Practice } from './use-practice';
export function OptimiserPanel(_: { practice: Practice }) {
	return null;
}
