/**
 * The bank browser's data and search: questions as plain, pre-rendered records (built at build
 * time by src/pages/questions.astro) and a fuse.js fuzzy search over them. Pure.
 */
import Fuse from 'fuse.js';
import { filterQuestions } from './filter';
import type { BankFilter } from './types';
import type { BankQuestion as QuizQuestion } from '../quiz/types';

/** One question as the bank browser shows it: the Practice bank's question plus its plain text. */
export type BrowseQuestion = QuizQuestion & {
	/** Plain text of stem, options, targets and explanations, for the fuzzy search. */
	text: string;
};

/** Removes tags and decodes the common entities, for search text. */
export function htmlToPlainText(html: string): string {
	return html
		.replace(/<[^>]+>/g, ' ')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&#39;|&#x27;/g, "'")
		.replace(/&amp;/g, '&')
		.replace(/\s+/g, ' ')
		.trim();
}

/**
 * Returns a search function: questions matching `filter` and, when `query` is not blank, ranked by
 * fuzzy match on id, stem, options and explanations. Pure (the index is built once).
 */
export function createBankSearch(questions: readonly BrowseQuestion[]) {
	const fuse = new Fuse(questions, {
		keys: [
			{ name: 'id', weight: 0.5 },
			{ name: 'text', weight: 1 },
			{ name: 'topics', weight: 0.5 },
		],
		threshold: 0.3,
		ignoreLocation: true,
		minMatchCharLength: 2,
	});
	return (query: string, filter: BankFilter): BrowseQuestion[] => {
		const ranked = query.trim() ? fuse.search(query.trim()).map((hit) => hit.item) : questions;
		return filterQuestions(ranked, filter);
	};
}
