/**
 * Site search over the index from build-index.ts (MiniSearch: an inverted index with prefix and
 * edit-distance matching, so "grups" finds "groups" and a query runs in well under a millisecond over the
 * whole site; `npm run bench` prints the figures). Pure.
 */
import MiniSearch from 'minisearch';
import type { SearchRecord } from './build-index';

export interface SearchHit {
	record: SearchRecord;
	/** Higher is better. */
	score: number;
	/** The words of the record that matched (lower case), for highlighting. */
	terms: string[];
}

/** Allowed typos: none for short words, one for 4–7 letters, two from 8 letters on. */
function fuzziness(term: string): number | false {
	return term.length < 4 ? false : term.length < 8 ? 1 : 2;
}

/** Returns a search function over `records`; results are best first. */
export function createSearcher(records: readonly SearchRecord[]) {
	const index = new MiniSearch<SearchRecord & { id: number }>({
		fields: ['title', 'text', 'context'],
		searchOptions: {
			boost: { title: 3, context: 0.5 },
			prefix: (term) => term.length >= 2,
			fuzzy: (term) => fuzziness(term),
			maxFuzzy: 2,
		},
	});
	index.addAll(records.map((record, id) => ({ ...record, id })));
	return (query: string, limit = 30): SearchHit[] => {
		const trimmed = query.trim();
		if (trimmed.length < 2) return [];
		// Every word must match; if that finds nothing, any word may.
		let results = index.search(trimmed, { combineWith: 'AND' });
		if (results.length === 0) results = index.search(trimmed, { combineWith: 'OR' });
		return results.slice(0, limit).map((result) => ({
			record: records[result.id as number]!,
			score: result.score,
			terms: result.terms,
		}));
	};
}
