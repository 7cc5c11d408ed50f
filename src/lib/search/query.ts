/** Fuzzy search over the site index (fuse.js). Pure. */
import Fuse from 'fuse.js';
import type { SearchRecord } from './build-index';

export interface SearchHit {
	record: SearchRecord;
	/** 0 is a perfect match. */
	score: number;
}

/** Returns a search function over `records`; results are best first. */
export function createSearcher(records: readonly SearchRecord[]) {
	const fuse = new Fuse(records, {
		keys: [
			{ name: 'title', weight: 3 },
			{ name: 'text', weight: 1 },
		],
		includeScore: true,
		ignoreLocation: true,
		threshold: 0.3,
		minMatchCharLength: 2,
	});
	return (query: string, limit = 30): SearchHit[] => {
		const trimmed = query.trim();
		if (trimmed.length < 2) return [];
		return fuse
			.search(trimmed, { limit })
			.map((hit) => ({ record: hit.item, score: hit.score ?? 0 }));
	};
}
