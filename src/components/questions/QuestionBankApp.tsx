/**
 * The /questions bank browser island: filters (lesson, topic, type, difficulty, exam), fuse.js
 * fuzzy search, and per question a disclosure button that reveals the answer and explanations.
 * Data: the practice team's static bank `/data/questions.json` (QuestionBank in src/lib/quiz/types.ts),
 * fetched once; HTML in it is rendered at build time from the authors' Markdown.
 */
import { fetchJson } from '../../client/fetch-json';
import { randomSeed } from '../../client/random-seed';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { BankQuestionCard } from './BankQuestionCard';
// Not the lib/bank barrel: that would bring the instructors' YAML and schema code (~220 KB) to students.
import { createBankSearch, htmlToPlainText, type BrowseQuestion } from '../../lib/bank/browse';
import type { BankFilter } from '../../lib/bank/types';
import { unpackQuestionBank, type QuestionBankFile } from '../../lib/quiz/bank';
import type { QuestionBank } from '../../lib/quiz/types';
import './question-bank.css';

interface Props {
	/** URL of the bank JSON (`/data/questions.json`). */
	source: string;
	/** Lessons in course order (the JSON's own list replaces it once loaded). */
	lessons: { slug: string; title: string }[];
	topics: readonly string[];
	exams: readonly string[];
}

/**
 * Questions drawn at a time: the page stays light (fast to draw, to scan with a screen reader and to
 * check with axe) however large the bank grows; "Show more" adds the next ones.
 */
export const PAGE_SIZE = 25;
const EMPTY: Required<Record<keyof BankFilter, string>> = {
	lesson: '',
	topic: '',
	type: '',
	difficulty: '',
	exam: '',
};

/** Maps the practice bank's questions to the browser's records (adds plain text for the search). */
export function toBrowseQuestions(bank: QuestionBank): BrowseQuestion[] {
	return bank.questions.map((question) => ({
		...question,
		text: htmlToPlainText(
			[
				question.stemHtml,
				...question.options.map((option) => `${option.html} ${option.explanationHtml}`),
				...(question.targets ?? []).map((target) => target.html),
				question.explanationHtml,
			].join(' ')
		),
	}));
}

/** Filterable, searchable list of every question with answers on demand. */
export default function QuestionBankApp({ source, lessons: initialLessons, topics, exams }: Props) {
	const [questions, setQuestions] = useState<BrowseQuestion[] | undefined>();
	const [lessons, setLessons] =
		useState<{ slug: string; title: string; url?: string | null }[]>(initialLessons);
	const [loadError, setLoadError] = useState<string | undefined>();
	useEffect(() => {
		fetchJson<QuestionBankFile>(source)
			.then((file) => {
				const bank = unpackQuestionBank(file);
				setQuestions(toBrowseQuestions(bank));
				setLessons(bank.lessons.map(({ slug, title, url }) => ({ slug, title, url })));
			})
			.catch((error: Error) =>
				setLoadError(
					`The question bank could not be loaded (${error.message}). Reload the page to try again.`
				)
			);
	}, [source]);
	const search = useMemo(() => createBankSearch(questions ?? []), [questions]);
	const [query, setQuery] = useState('');
	const [filter, setFilter] = useState(EMPTY);
	const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
	const [only, setOnly] = useState<string | null>(null);
	// Each question keeps one shuffled option order while the page is open.
	const seeds = useRef(new Map<string, number>());
	for (const question of questions ?? [])
		if (!seeds.current.has(question.id)) seeds.current.set(question.id, randomSeed());
	const lessonTitle = useMemo(
		() => new Map(lessons.map((lesson) => [lesson.slug, lesson.title])),
		[lessons]
	);

	const lessonUrl = useMemo(
		() => new Map(lessons.map((lesson) => [lesson.slug, lesson.url ?? null])),
		[lessons]
	);

	// Deep links such as /questions/?lesson=tokens&type=multi preselect the filters.
	useEffect(() => {
		const params = new URLSearchParams(window.location.search);
		setFilter((current) => {
			const next = { ...current };
			for (const key of Object.keys(EMPTY) as (keyof BankFilter)[])
				next[key] = params.get(key) ?? '';
			return next;
		});
		setQuery(params.get('q') ?? '');
		// /questions/?id=<lesson>/<short-id> (search results link here) shows that one question, opened.
		const id = params.get('id');
		if (id) {
			setOnly(id);
			setOpen(new Set([id]));
		}
	}, []);

	const matches = search(query, {
		lesson: filter.lesson || undefined,
		topic: filter.topic || undefined,
		type: filter.type || undefined,
		difficulty: filter.difficulty ? Number(filter.difficulty) : undefined,
		exam: filter.exam || undefined,
	});
	const shown = only ? (questions ?? []).filter((question) => question.id === only) : matches;
	const [limit, setLimit] = useState(PAGE_SIZE);
	const firstAdded = useRef<number | null>(null);
	const list = useRef<HTMLOListElement>(null);
	// A new search or filter starts again at the first page.
	useEffect(() => setLimit(PAGE_SIZE), [query, filter, only]);
	// After "Show more", focus moves to the first question added, so keyboard users continue from there.
	useEffect(() => {
		if (firstAdded.current === null) return;
		list.current?.querySelectorAll<HTMLElement>('.bank-question')[firstAdded.current]?.focus();
		firstAdded.current = null;
	}, [limit]);
	const visible = shown.slice(0, limit);
	const usedTopics = topics.filter(
		(topic) => !questions || questions.some((question) => question.topics.includes(topic))
	);
	const set = (key: keyof BankFilter) => (event: Event) =>
		setFilter({ ...filter, [key]: (event.currentTarget as HTMLSelectElement).value });
	const toggle = (id: string) => {
		const next = new Set(open);
		if (next.has(id)) next.delete(id);
		else next.add(id);
		setOpen(next);
	};
	const filtered = query !== '' || Object.values(filter).some(Boolean);

	return (
		<div class="bank">
			<form
				class="bank-filters"
				role="search"
				aria-label="Filter questions"
				onSubmit={(event) => event.preventDefault()}
			>
				<div class="bank-field bank-field-search">
					<label for="bank-query">Search</label>
					<input
						id="bank-query"
						type="search"
						value={query}
						placeholder="e.g. refresh token, SAML, policy variable"
						onInput={(event) => setQuery(event.currentTarget.value)}
					/>
				</div>
				<div class="bank-field">
					<label for="bank-lesson">Lesson</label>
					<select id="bank-lesson" value={filter.lesson} onChange={set('lesson')}>
						<option value="">All lessons</option>
						{lessons.map((lesson) => (
							<option value={lesson.slug}>{lesson.title}</option>
						))}
					</select>
				</div>
				<div class="bank-field">
					<label for="bank-topic">Topic</label>
					<select id="bank-topic" value={filter.topic} onChange={set('topic')}>
						<option value="">All topics</option>
						{usedTopics.map((topic) => (
							<option value={topic}>{topic}</option>
						))}
					</select>
				</div>
				<div class="bank-field">
					<label for="bank-type">Type</label>
					<select id="bank-type" value={filter.type} onChange={set('type')}>
						<option value="">Any type</option>
						<option value="single">Single answer</option>
						<option value="multi">Multiple response</option>
						<option value="ordering">Ordering</option>
						<option value="matching">Matching</option>
					</select>
				</div>
				<div class="bank-field">
					<label for="bank-difficulty">Difficulty</label>
					<select id="bank-difficulty" value={filter.difficulty} onChange={set('difficulty')}>
						<option value="">Any difficulty</option>
						<option value="1">1 · Recall</option>
						<option value="2">2 · Apply</option>
						<option value="3">3 · Analyse</option>
					</select>
				</div>
				<div class="bank-field">
					<label for="bank-exam">Exam</label>
					<select id="bank-exam" value={filter.exam} onChange={set('exam')}>
						<option value="">Any exam</option>
						{exams.map((exam) => (
							<option value={exam}>{exam}</option>
						))}
					</select>
				</div>
				<div class="bank-field bank-field-action">
					<button
						type="button"
						class="button secondary"
						disabled={!filtered}
						onClick={() => {
							setFilter(EMPTY);
							setQuery('');
						}}
					>
						Clear filters
					</button>
				</div>
			</form>

			{only && (
				<p>
					<button type="button" class="button secondary" onClick={() => setOnly(null)}>
						Show all questions
					</button>
				</p>
			)}
			<p class="bank-count" role="status" aria-live="polite">
				{loadError ??
					(questions
						? `Showing ${visible.length} of ${shown.length} questions${shown.length < questions.length ? ` (${questions.length} in the bank)` : ''}`
						: 'Loading the question bank…')}
			</p>

			{!questions ? null : shown.length === 0 ? (
				<p class="bank-empty">No question matches. Try fewer filters or other words.</p>
			) : (
				<ol class="bank-list" ref={list}>
					{visible.map((question) => (
						<li key={question.id}>
							<BankQuestionCard
								question={question}
								seed={seeds.current.get(question.id)}
								open={open.has(question.id)}
								onToggle={() => toggle(question.id)}
								lessonTitle={lessonTitle.get(question.lesson) ?? question.lesson}
								lessonUrl={lessonUrl.get(question.lesson) ?? null}
							/>
						</li>
					))}
				</ol>
			)}
			{questions && shown.length > visible.length && (
				<p class="bank-more">
					<button
						type="button"
						class="button secondary"
						onClick={() => {
							firstAdded.current = visible.length;
							setLimit(limit + PAGE_SIZE);
						}}
					>
						Show {Math.min(PAGE_SIZE, shown.length - visible.length)} more questions
					</button>{' '}
					<span class="muted">{shown.length - visible.length} not shown yet</span>
				</p>
			)}
		</div>
	);
}
