import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { SearchKind, SearchRecord } from '../../lib/search/build-index';
import { createSearcher } from '../../lib/search/query';
import { fetchJson } from '../../client/fetch-json';

const KIND_LABELS: Record<SearchKind, string> = {
	lesson: 'Lessons',
	glossary: 'Glossary',
	question: 'Questions',
};

/** The Search page: loads the static index once, then searches as the learner types. */
export default function SearchApp({ indexUrl }: { indexUrl: string }) {
	const [records, setRecords] = useState<SearchRecord[] | null>(null);
	const [failed, setFailed] = useState(false);
	const [query, setQuery] = useState(() => new URLSearchParams(location.search).get('q') ?? '');
	const input = useRef<HTMLInputElement>(null);

	useEffect(() => {
		fetchJson<SearchRecord[]>(indexUrl)
			.then(setRecords)
			.catch(() => setFailed(true));
		input.current?.focus();
	}, [indexUrl]);

	useEffect(() => {
		const url = new URL(location.href);
		if (query) url.searchParams.set('q', query);
		else url.searchParams.delete('q');
		history.replaceState(null, '', url);
	}, [query]);

	const search = useMemo(() => (records ? createSearcher(records) : null), [records]);
	const hits = search ? search(query) : [];
	const groups = (Object.keys(KIND_LABELS) as SearchKind[])
		.map((kind) => ({ kind, hits: hits.filter((hit) => hit.record.kind === kind) }))
		.filter((group) => group.hits.length > 0);

	return (
		<div class="search">
			<form role="search" onSubmit={(event) => event.preventDefault()}>
				<label for="search-query">Search lessons, glossary and questions</label>
				<input
					id="search-query"
					ref={input}
					type="search"
					value={query}
					placeholder="e.g. preferred_role, ALB, passkeys"
					autoComplete="off"
					onInput={(event) => setQuery(event.currentTarget.value)}
				/>
			</form>
			<p class="status" role="status" aria-live="polite">
				{failed
					? 'The search index could not be loaded. If you are offline, open this page once while online.'
					: !records
						? 'Loading the search index…'
						: query.trim().length < 2
							? `Type at least two characters to search ${records.length} entries.`
							: `${hits.length} result${hits.length === 1 ? '' : 's'} for “${query.trim()}”.`}
			</p>
			{groups.map((group) => (
				<section key={group.kind} aria-labelledby={`results-${group.kind}`}>
					<h2 id={`results-${group.kind}`}>{KIND_LABELS[group.kind]}</h2>
					<ul class="results">
						{group.hits.map(({ record }) => (
							<li key={record.url}>
								<a href={record.url}>{record.title}</a>
								<span class="context">{record.context}</span>
								<p>{snippet(record.text, query)}</p>
							</li>
						))}
					</ul>
				</section>
			))}
		</div>
	);
}

/** The part of `text` around the first query word, so the learner sees why it matched. */
export function snippet(text: string, query: string, width = 180): string {
	const word = query.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
	const at = word ? text.toLowerCase().indexOf(word) : -1;
	if (at < 0 || text.length <= width)
		return text.length > width ? `${text.slice(0, width)}…` : text;
	const start = Math.max(0, at - width / 3);
	return `${start > 0 ? '…' : ''}${text.slice(start, start + width)}${start + width < text.length ? '…' : ''}`;
}
