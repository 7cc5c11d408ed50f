/**
 * The search palette (Ctrl/Cmd+K or "/" on every page; loaded by app-shell.ts on first use, and the
 * index with it). A modal <dialog> (the browser traps focus and closes it on Escape; focus returns to
 * where it was) holding an ARIA 1.2 combobox: the input keeps focus, arrow keys move through a grouped
 * listbox, Enter opens the result, and a status region announces how many results there are.
 */
import { fetchJson } from './fetch-json';
import type { SearchKind, SearchRecord } from '../lib/search/build-index';
import { createSearcher, type SearchHit } from '../lib/search/query';
import { highlight, snippet } from '../lib/search/snippet';
import './palette.css';

const base = import.meta.env.BASE_URL.replace(/\/?$/, '/');
const KIND_LABELS: Record<SearchKind, string> = {
	lesson: 'Lessons',
	question: 'Questions',
	glossary: 'Glossary',
	scenario: 'Simulator scenarios',
};
/** Results shown per kind; "All results" opens the Search page for the rest. */
const PER_KIND = 6;

let searcher: Promise<(query: string, limit?: number) => SearchHit[]> | null = null;
let dialog: HTMLDialogElement | null = null;
let opener: HTMLElement | null = null;

function loadSearcher() {
	searcher ??= fetchJson<SearchRecord[]>(`${base}search-index.json`).then(createSearcher);
	searcher.catch(() => (searcher = null));
	return searcher;
}

/** Appends `text` to `parent` with the matched words in <mark>. */
function appendHighlighted(parent: HTMLElement, text: string, terms: string[]): void {
	for (const part of highlight(text, terms)) {
		parent.append(
			part.match
				? Object.assign(document.createElement('mark'), { textContent: part.text })
				: part.text
		);
	}
}

function element<K extends keyof HTMLElementTagNameMap>(
	tag: K,
	props: Partial<HTMLElementTagNameMap[K]> = {},
	attributes: Record<string, string> = {}
): HTMLElementTagNameMap[K] {
	const node = Object.assign(document.createElement(tag), props);
	for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
	return node;
}

function build(): HTMLDialogElement {
	const root = element('dialog', { className: 'palette' }, { 'aria-labelledby': 'palette-title' });
	const title = element('h2', {
		id: 'palette-title',
		className: 'sr-only',
		textContent: 'Search the site',
	});
	const field = element('div', { className: 'palette-field' });
	const input = element(
		'input',
		{
			type: 'text',
			id: 'palette-input',
			autocomplete: 'off',
			spellcheck: false,
			placeholder: 'Search lessons, questions, terms, scenarios',
		},
		{
			role: 'combobox',
			'aria-expanded': 'false',
			'aria-controls': 'palette-results',
			'aria-autocomplete': 'list',
			'aria-label': 'Search lessons, questions, glossary and simulator scenarios',
			enterkeyhint: 'go',
		}
	);
	// Named by its visible text first ("Esc"), so voice control users can say what they see.
	const close = element('button', {
		type: 'button',
		className: 'palette-close',
		textContent: 'Esc',
	});
	close.append(element('span', { className: 'sr-only', textContent: ', close search' }));
	field.append(input, close);
	const results = element(
		'div',
		{ id: 'palette-results', className: 'palette-results' },
		{ role: 'listbox', 'aria-label': 'Results' }
	);
	const status = element('p', { className: 'sr-only' }, { role: 'status' });
	const footer = element('p', { className: 'palette-footer' });
	const all = element('a', {
		textContent: 'All results on the Search page',
		href: `${base}search/`,
	});
	footer.append(
		element('span', { textContent: '↑ ↓ to move · Enter to open · Esc to close' }),
		all
	);
	root.append(title, field, results, status, footer);

	let options: HTMLAnchorElement[] = [];
	let active = -1;
	let latest = 0;

	const setActive = (index: number) => {
		options[active]?.setAttribute('aria-selected', 'false');
		active = options.length === 0 ? -1 : (index + options.length) % options.length;
		const option = options[active];
		if (option) {
			option.setAttribute('aria-selected', 'true');
			input.setAttribute('aria-activedescendant', option.id);
			option.scrollIntoView({ block: 'nearest' });
		} else input.removeAttribute('aria-activedescendant');
	};

	const render = (query: string, hits: SearchHit[]) => {
		results.replaceChildren();
		options = [];
		active = -1;
		const groups = new Map<SearchKind, SearchHit[]>();
		for (const hit of hits) {
			const group = groups.get(hit.record.kind) ?? [];
			if (group.length < PER_KIND) groups.set(hit.record.kind, [...group, hit]);
		}
		for (const [kind, group] of groups) {
			const list = element('ul', {}, { role: 'group', 'aria-labelledby': `palette-group-${kind}` });
			list.append(
				element(
					'li',
					{
						id: `palette-group-${kind}`,
						className: 'palette-group',
						textContent: KIND_LABELS[kind],
					},
					{ role: 'presentation' }
				)
			);
			for (const hit of group) {
				const option = element(
					'a',
					{
						id: `palette-option-${options.length}`,
						href: hit.record.url,
						className: 'palette-option',
						tabIndex: -1,
					},
					{ role: 'option', 'aria-selected': 'false' }
				);
				const heading = element('span', { className: 'palette-title' });
				appendHighlighted(heading, hit.record.title, hit.terms);
				const context = element('span', {
					className: 'palette-context',
					textContent: hit.record.context,
				});
				const excerpt = element('span', { className: 'palette-snippet' });
				appendHighlighted(excerpt, snippet(hit.record.text, hit.terms, 140), hit.terms);
				option.append(heading, context, excerpt);
				option.addEventListener('mousemove', () => {
					const index = options.indexOf(option);
					if (index !== active) setActive(index);
				});
				options.push(option);
				const item = element('li', {}, { role: 'presentation' });
				item.append(option);
				list.append(item);
			}
			results.append(list);
		}
		input.setAttribute('aria-expanded', String(options.length > 0));
		all.href = `${base}search/${query ? `?q=${encodeURIComponent(query)}` : ''}`;
		if (options.length > 0) setActive(0);
	};

	const update = async () => {
		const query = input.value.trim();
		const ticket = ++latest;
		if (query.length < 2) {
			render('', []);
			status.textContent = query ? 'Type at least two characters.' : '';
			return;
		}
		try {
			const search = await loadSearcher();
			if (ticket !== latest) return;
			const hits = search(query, 60);
			render(query, hits);
			const shown = options.length;
			status.textContent =
				shown === 0
					? `No results for ${query}.`
					: `${shown} result${shown === 1 ? '' : 's'} for ${query}. Use the up and down arrows to choose one.`;
		} catch {
			if (ticket !== latest) return;
			render(query, []);
			status.textContent = navigator.onLine
				? 'The search index could not be loaded. Reload the page and try again.'
				: 'The search index is not available offline yet: open any page once while online.';
		}
	};

	input.addEventListener('input', () => void update());
	input.addEventListener('keydown', (event) => {
		if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
			event.preventDefault();
			setActive(active + (event.key === 'ArrowDown' ? 1 : -1));
		} else if (event.key === 'Enter') {
			event.preventDefault();
			const option = options[active];
			if (option) location.assign(option.href);
			else if (input.value.trim()) location.assign(all.href);
		}
	});
	close.addEventListener('click', () => root.close());
	// A click on the backdrop (outside the panel) closes the palette.
	root.addEventListener('click', (event) => {
		if (event.target === root) root.close();
	});
	root.addEventListener('close', () => {
		document.documentElement.classList.remove('palette-open');
		if (opener?.isConnected) opener.focus();
	});
	document.body.append(root);
	return root;
}

/** Opens the palette (or, when it is open, selects its query so the learner can type a new one). */
export function openPalette(from: HTMLElement | null): void {
	dialog ??= build();
	const input = dialog.querySelector<HTMLInputElement>('#palette-input')!;
	if (!dialog.open) {
		opener = from;
		document.documentElement.classList.add('palette-open');
		dialog.showModal();
		void loadSearcher();
	}
	input.focus();
	input.select();
}
