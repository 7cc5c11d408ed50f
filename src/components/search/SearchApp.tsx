import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { SearchKind, SearchRecord } from '../../lib/search/build-index';
import { createSearcher } from '../../lib/search/query';
import { highlight, snippet } from '../../lib/search/snippet';
import { fetchJson } from '../../client/fetch-json';

const KIND_LABELS: Record<SearchKind, string> = {
	lesson: 'Lessons',
	glossary: 'Glossary',
	question: 'Questions',
	scenario: 'Simulator scenarios',
};

/** `text` with the matched words in <mark>. */
function Highlighted({ text, terms }: { text: string; terms: string[] }) {
	return (
		<>{highlight(text, terms).map((part) => (part.match ? <mark>{part.text}</mark> : part.text))}</>
	);
}

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
						{group.hits.map(({ record, terms }) => (
							<li key={record.url}>
								<a href={record.url}>
									<Highlighted text={record.title} terms={terms} />
								</a>
								<span class="context">{record.context}</span>
								<p>
									<Highlighted text={snippet(record.text, terms, 180)} terms={terms} />
								</p>
							</li>
						))}
					</ul>
				</section>
			))}
		</div>
	);
}
