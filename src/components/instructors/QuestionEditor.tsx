/**
 * In-browser question editor for instructors: a form (no YAML), validated live with the same schema
 * and rules as the build (`checkContent` from src/schemas), a student-view preview, and a download of
 * the finished `<short-id>.md` file for `content/questions/<lesson>/`.
 */
import { useMemo, useRef, useState } from 'preact/hooks';
import {
	fileToQuestion,
	questionFileName,
	questionPath,
	questionToFile,
	withChoosePhrase,
} from '../../lib/bank';
import { checkContent } from '../../schemas/check-content';
import { EXAM_DOMAINS, EXAMS, OPTION_IDS, TOPICS } from '../../schemas/vocabulary';
import { downloadText } from '../../client/download';
import QuestionPreview from './QuestionPreview';
import '../questions/question-bank.css';
import './instructors.css';

interface Props {
	/** Lesson slugs with their titles, in course order. */
	lessons: { slug: string; title: string }[];
	/** Every id in the bank (ids are never reused). */
	existingIds: string[];
}

type QuestionType = 'single' | 'multi' | 'ordering' | 'matching';

interface Draft {
	lesson: string;
	shortId: string;
	type: QuestionType;
	difficulty: string;
	topics: string[];
	exams: string[];
	domains: string[];
	options: { text: string; explanation: string }[];
	/** Single/multi: right option ids. Ordering: option ids in order. Matching: `a=t1` pairs. */
	answer: string[];
	/** Matching only: target texts, t1, t2, … in order. */
	targets: string[];
	/** Single/multi: option ids that keep their place when shuffled. */
	pinned: string[];
	sources: string;
	stem: string;
	explanation: string;
}

const EMPTY_OPTION = { text: '', explanation: '' };
const NEW_DRAFT: Draft = {
	lesson: '',
	shortId: '',
	type: 'single',
	difficulty: '2',
	topics: [],
	exams: [],
	domains: [],
	options: [EMPTY_OPTION, EMPTY_OPTION, EMPTY_OPTION, EMPTY_OPTION],
	answer: [],
	targets: [],
	pinned: [],
	sources: '',
	stem: '',
	explanation: '',
};
const VERDICT = /^(Right|Wrong|Correct|Incorrect)\s*[:.-]\s*/i;

/** Field keys errors attach to; options use `option-<i>-text` / `option-<i>-explanation`. */
type FieldKey = string;

/** Frontmatter and body the draft turns into (the form adds "Right:"/"Wrong:" and "(Choose n.)"). */
export function draftToQuestion(draft: Draft) {
	const flow = isFlow(draft.type);
	const options = draft.options.map((option, index) => {
		const id = OPTION_IDS[index]!;
		const verdict = draft.answer.includes(id) ? 'Right' : 'Wrong';
		const text = option.explanation.trim().replace(VERDICT, '');
		return {
			id,
			text: option.text.trim(),
			// Ordering and matching explanations say why, with no verdict.
			explanation: text ? (flow ? text : `${verdict}: ${text}`) : '',
			...(!flow && draft.pinned.includes(id) ? { pinned: true } : {}),
		};
	});
	const stem = draft.stem.trim()
		? withChoosePhrase(draft.stem, draft.type, draft.answer.length)
		: '';
	const answer = flow ? draft.answer : OPTION_IDS.filter((id) => draft.answer.includes(id));
	return {
		id: `${draft.lesson || 'lesson'}/${draft.shortId.trim()}`,
		lesson: draft.lesson || undefined,
		topics: draft.topics,
		type: draft.type,
		difficulty: Number(draft.difficulty),
		exams: draft.exams,
		// Domains of an exam that was unticked again are dropped rather than reported.
		domains: draft.domains.filter((domain) => draft.exams.includes(domain.split('/')[0]!)),
		options,
		...(draft.type === 'matching'
			? {
					targets: draft.targets.map((text, index) => ({ id: `t${index + 1}`, text: text.trim() })),
				}
			: {}),
		answer,
		sources: draft.sources.split(/\s+/).filter(Boolean),
		stem,
		explanation: draft.explanation.trim(),
	};
}

/** Ordering and matching: every option is part of the answer. */
function isFlow(type: QuestionType): type is 'ordering' | 'matching' {
	return type === 'ordering' || type === 'matching';
}

/** Which form field an error line (`<field path>: <message>`) belongs to. */
function fieldOf(path: string, message: string): FieldKey {
	const option = /^options\[(\d+)\]\.(text|explanation)/.exec(path);
	if (option) return `option-${option[1]}-${option[2]}`;
	const target = /^targets\[(\d+)\]\.text/.exec(path);
	if (target) return `target-${target[1]}-text`;
	if (path.startsWith('targets')) return 'targets';
	if (path.startsWith('options') || path.startsWith('answer')) return 'answer';
	if (path === '(body)')
		return /explanation/i.test(message) && !/stem/i.test(message) ? 'explanation' : 'stem';
	const root = /^[a-zA-Z]+/.exec(path)?.[0];
	if (root === 'id') return 'shortId';
	return root &&
		['lesson', 'topics', 'type', 'difficulty', 'exams', 'domains', 'sources'].includes(root)
		? root
		: 'form';
}

function validate(draft: Draft, existing: ReadonlySet<string>) {
	const question = draftToQuestion(draft);
	const path = questionPath(question.id);
	const text = questionToFile(question);
	const errors = new Map<FieldKey, string[]>();
	const add = (key: FieldKey, message: string) => {
		const list = errors.get(key) ?? [];
		if (!list.includes(message)) errors.set(key, [...list, message]);
	};
	if (!draft.shortId.trim()) add('shortId', 'must be filled in, found nothing');
	else if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(draft.shortId.trim()))
		add(
			'shortId',
			`must be kebab-case (lowercase letters, digits and single dashes), found "${draft.shortId}"`
		);
	else if (existing.has(question.id))
		add(
			'shortId',
			`must be new, found "${question.id}", which the bank already uses (ids are never reused)`
		);
	if (!draft.lesson) add('lesson', 'must be chosen, found nothing');
	// The build checks the body only once the frontmatter is valid; the form says it straight away.
	if (!draft.stem.trim()) add('stem', 'must be filled in');
	else if (draft.stem.trim().length < 20)
		add(
			'stem',
			`must be a full question of at least 20 characters, found ${draft.stem.trim().length}`
		);
	if (!draft.explanation.trim()) add('explanation', 'must be filled in');
	for (const line of checkContent([{ path, text }]).errors) {
		const rest = line.startsWith(`${path}: `) ? line.slice(path.length + 2) : line;
		const split = rest.indexOf(': ');
		const fieldPath = split >= 0 ? rest.slice(0, split) : '(frontmatter)';
		const message = split >= 0 ? rest.slice(split + 2) : rest;
		const key = fieldOf(fieldPath, message);
		if (
			(key === 'shortId' ||
				key === 'lesson' ||
				(key === 'stem' && /at least 20|must start with the question stem/.test(message)) ||
				(key === 'explanation' && /Explanation" section/.test(message))) &&
			errors.has(key)
		)
			continue;
		const plain = message.replace(
			/options\[(\d)\]/g,
			(_, index: string) => `option ${OPTION_IDS[Number(index)]?.toUpperCase() ?? index}`
		);
		add(
			key,
			fieldPath.includes('[') && !fieldPath.startsWith('options[')
				? `${fieldPath}: ${plain}`
				: plain
		);
	}
	// An empty field gets one plain message instead of every rule it breaks.
	const empty = (
		key: FieldKey,
		value: string | readonly string[],
		message = 'must be filled in'
	) => {
		if ((typeof value === 'string' ? value.trim() : value.join('')) === '' && errors.has(key))
			errors.set(key, [message]);
	};
	draft.options.forEach((option, index) => {
		empty(`option-${index}-text`, option.text);
		empty(`option-${index}-explanation`, option.explanation);
	});
	empty('stem', draft.stem);
	empty('explanation', draft.explanation);
	empty('sources', draft.sources, 'must list at least one AWS documentation URL');
	empty('topics', draft.topics, 'must include at least one topic');
	empty('exams', draft.exams, 'must include at least one exam');
	empty('domains', question.domains, 'must include at least one domain of each exam');
	draft.targets.forEach((target, index) => empty(`target-${index}-text`, target));
	empty(
		'answer',
		draft.answer,
		draft.type === 'ordering'
			? 'must give every step its position'
			: draft.type === 'matching'
				? 'must match every item to a target'
				: `must mark the right option${draft.type === 'multi' ? 's' : ''} ("Option … is a right answer")`
	);
	return { question, text, errors };
}

const TYPE_LABELS: Record<QuestionType, string> = {
	single: 'Single answer (4 options)',
	multi: 'Multiple response (5–6 options)',
	ordering: 'Ordering (3–6 steps to put in order)',
	matching: 'Matching (3–6 items to 3–8 targets)',
};

const LABELS: Record<string, string> = {
	lesson: 'Lesson',
	shortId: 'Short id',
	type: 'Type',
	difficulty: 'Difficulty',
	topics: 'Topics',
	exams: 'Exams',
	domains: 'Exam domains',
	answer: 'Options and answer',
	targets: 'Targets',
	sources: 'Sources',
	stem: 'Stem',
	explanation: 'Explanation',
	form: 'File',
};

function labelOf(key: FieldKey): string {
	const target = /^target-(\d+)-text$/.exec(key);
	if (target) return `Target ${Number(target[1]) + 1}`;
	const option = /^option-(\d+)-(text|explanation)$/.exec(key);
	if (option)
		return `Option ${OPTION_IDS[Number(option[1])]!.toUpperCase()} ${option[2] === 'text' ? 'text' : 'explanation'}`;
	return LABELS[key] ?? key;
}

const FORM_ORDER = [
	'lesson',
	'shortId',
	'type',
	'difficulty',
	'exams',
	'domains',
	'topics',
	'stem',
	'answer',
];

/** Position of a field in the form, so the problem list reads top to bottom. */
function formOrder(key: FieldKey): number {
	const option = /^option-(\d+)-(text|explanation)$/.exec(key);
	if (option) return FORM_ORDER.length + Number(option[1]) * 2 + (option[2] === 'text' ? 0 : 1);
	if (key === 'explanation') return 100;
	if (key === 'sources') return 101;
	const index = FORM_ORDER.indexOf(key);
	return index >= 0 ? index : 102;
}

/** Id of the control to focus for a field's problem. */
function targetId(key: FieldKey): string {
	if (key === 'answer') return 'qe-right-0';
	if (key === 'topics') return `qe-topic-${TOPICS[0]}`;
	if (key === 'exams') return `qe-exam-${EXAMS[0]}`;
	if (key === 'domains') return 'qe-domains';
	if (key === 'type') return 'qe-type-single';
	if (key === 'form') return 'qe-lesson';
	return `qe-${key}`;
}

/** The editor island. */
export default function QuestionEditor({ lessons, existingIds }: Props) {
	const [draft, setDraft] = useState<Draft>(NEW_DRAFT);
	const [touched, setTouched] = useState<ReadonlySet<FieldKey>>(new Set());
	const [submitted, setSubmitted] = useState(false);
	const [saved, setSaved] = useState<string | undefined>();
	const [openProblem, setOpenProblem] = useState<string | undefined>();
	const summaryRef = useRef<HTMLDivElement>(null);
	const existing = useMemo(() => new Set(existingIds), [existingIds]);
	const { question, text, errors } = useMemo(() => validate(draft, existing), [draft, existing]);

	const update = (patch: Partial<Draft>) => {
		setSaved(undefined);
		setDraft({ ...draft, ...patch });
	};
	const touch = (key: FieldKey) => () => {
		if (!touched.has(key)) setTouched(new Set([...touched, key]));
	};
	const visible = (key: FieldKey) => (submitted || touched.has(key) ? (errors.get(key) ?? []) : []);
	const describedBy = (key: FieldKey, hint = false) =>
		[hint ? `qe-${key}-hint` : '', visible(key).length ? `qe-${key}-error` : '']
			.filter(Boolean)
			.join(' ') || undefined;
	const errorText = (key: FieldKey) =>
		visible(key).length > 0 && (
			<p id={`qe-${key}-error`} class="field-error">
				<span aria-hidden="true">⚠ </span>
				{visible(key)
					.map((message) => `${labelOf(key)} ${message}.`)
					.join(' ')}
			</p>
		);
	const invalid = (key: FieldKey) => (visible(key).length > 0 ? true : undefined);

	const setType = (type: QuestionType) => {
		const count =
			type === 'single'
				? 4
				: type === 'multi'
					? Math.max(5, draft.options.length)
					: Math.min(6, Math.max(3, draft.options.length));
		const options = Array.from(
			{ length: count },
			(_, index) => draft.options[index] ?? EMPTY_OPTION
		);
		// The answer means something else for each type: start it again when the type changes family.
		const answer =
			isFlow(type) || isFlow(draft.type)
				? []
				: draft.answer.filter((id) => OPTION_IDS.indexOf(id as never) < count);
		update({
			type,
			options,
			answer: type === 'single' ? answer.slice(0, 1) : answer,
			targets: type === 'matching' ? (draft.targets.length ? draft.targets : ['', '', '']) : [],
			pinned: isFlow(type) ? [] : draft.pinned,
		});
	};
	const setOptionCount = (count: number) => {
		const options = Array.from(
			{ length: count },
			(_, index) => draft.options[index] ?? EMPTY_OPTION
		);
		const kept = (id: string) => OPTION_IDS.indexOf(id.split('=')[0] as never) < count;
		update({ options, answer: draft.answer.filter(kept) });
	};
	const setTargetCount = (count: number) =>
		update({
			targets: Array.from({ length: count }, (_, index) => draft.targets[index] ?? ''),
			answer: draft.answer.filter((pair) => Number(pair.split('=t')[1]) <= count),
		});
	/** Ordering: put a step at a position (1-based); the others keep their relative order. */
	const setPosition = (id: string, position: number) => {
		const rest = draft.answer.filter((other) => other !== id);
		rest.splice(Math.min(rest.length, position - 1), 0, id);
		update({ answer: rest });
	};
	/** Matching: set an item's target. */
	const setMatch = (id: string, target: string) =>
		update({
			answer: [
				...draft.answer.filter((pair) => !pair.startsWith(`${id}=`)),
				...(target ? [`${id}=${target}`] : []),
			].sort(),
		});
	const setOption = (index: number, patch: Partial<Draft['options'][number]>) =>
		update({
			options: draft.options.map((option, position) =>
				position === index ? { ...option, ...patch } : option
			),
		});
	const toggleList = (key: 'topics' | 'exams' | 'domains', value: string, on: boolean) =>
		update({
			[key]: on ? [...draft[key], value] : draft[key].filter((item) => item !== value),
		} as Partial<Draft>);
	const setRight = (id: string, on: boolean) =>
		update({
			answer:
				draft.type === 'single'
					? [id]
					: on
						? [...draft.answer, id]
						: draft.answer.filter((other) => other !== id),
		});

	const problems = [...errors.entries()].sort(([a], [b]) => formOrder(a) - formOrder(b));
	const onDownload = (event: Event) => {
		event.preventDefault();
		setSubmitted(true);
		if (problems.length > 0) {
			setSaved(undefined);
			requestAnimationFrame(() => summaryRef.current?.focus());
			return;
		}
		downloadText(questionFileName(question.id), text, 'text/markdown');
		setSaved(
			`Downloaded ${questionFileName(question.id)}. Save it as ${questionPath(question.id)} in the repository, then run npm run questions:check.`
		);
	};
	const onOpenFile = async (event: Event) => {
		const file = (event.currentTarget as HTMLInputElement).files?.[0];
		if (!file) return;
		const parsed = fileToQuestion(file.name, await file.text());
		if ('error' in parsed) {
			setOpenProblem(parsed.error);
			return;
		}
		setOpenProblem(undefined);
		const q = parsed.question as Record<string, any>;
		const options = Array.isArray(q.options) ? q.options : [];
		const answer = Array.isArray(q.answer) ? q.answer.map(String) : [];
		setDraft({
			lesson: String(q.lesson ?? ''),
			shortId:
				String(q.id ?? '')
					.split('/')
					.at(-1) ?? '',
			type:
				(['multi', 'ordering', 'matching'] as const).find((type) => type === q.type) ?? 'single',
			difficulty: String(q.difficulty ?? '2'),
			topics: Array.isArray(q.topics) ? q.topics.map(String) : [],
			exams: Array.isArray(q.exams) ? q.exams.map(String) : [],
			domains: Array.isArray(q.domains) ? q.domains.map(String) : [],
			options: options.map((option: Record<string, unknown>) => ({
				text: String(option.text ?? ''),
				explanation: String(option.explanation ?? '').replace(VERDICT, ''),
			})),
			answer,
			targets: Array.isArray(q.targets)
				? q.targets.map((target: Record<string, unknown>) => String(target.text ?? ''))
				: [],
			pinned: options
				.filter((option: Record<string, unknown>) => option.pinned === true)
				.map((option: Record<string, unknown>) => String(option.id)),
			sources: Array.isArray(q.sources) ? q.sources.join('\n') : '',
			stem: String(q.stem ?? ''),
			explanation: String(q.explanation ?? ''),
		});
		setSubmitted(true);
		setSaved(undefined);
	};

	const lessonTitle = lessons.find((lesson) => lesson.slug === draft.lesson)?.title;

	return (
		<div class="editor">
			<form class="editor-form" noValidate onSubmit={onDownload} aria-describedby="qe-intro">
				<p id="qe-intro" class="muted">
					Every field is checked as you type, with the same rules as{' '}
					<code>npm run questions:check</code>. Problems show next to a field once you have left it.
				</p>
				<div class="field editor-open">
					<label for="qe-open">Edit an existing file (optional)</label>
					<input
						id="qe-open"
						type="file"
						accept=".md,text/markdown"
						aria-describedby="qe-open-hint"
						onChange={onOpenFile}
					/>
					<p id="qe-open-hint" class="field-hint">
						Open a question <code>.md</code> file to change it; download it again under the same
						name.
					</p>
					{openProblem && (
						<p class="field-error" role="alert">
							{openProblem}
						</p>
					)}
				</div>

				<fieldset class="editor-group">
					<legend>Identity</legend>
					<div class="field-row">
						<div class="field">
							<label for="qe-lesson">Lesson</label>
							<select
								id="qe-lesson"
								value={draft.lesson}
								aria-invalid={invalid('lesson')}
								aria-describedby={describedBy('lesson')}
								onChange={(event) => update({ lesson: event.currentTarget.value })}
								onBlur={touch('lesson')}
							>
								<option value="">Choose a lesson…</option>
								{lessons.map((lesson) => (
									<option value={lesson.slug}>{lesson.title}</option>
								))}
							</select>
							{errorText('lesson')}
						</div>
						<div class="field">
							<label for="qe-shortId">Short id</label>
							<input
								id="qe-shortId"
								type="text"
								value={draft.shortId}
								spellcheck={false}
								autoComplete="off"
								aria-invalid={invalid('shortId')}
								aria-describedby={describedBy('shortId', true)}
								onInput={(event) => update({ shortId: event.currentTarget.value })}
								onBlur={touch('shortId')}
							/>
							<p id="qe-shortId-hint" class="field-hint">
								kebab-case, says what the question is about, e.g.{' '}
								<code>id-token-in-logins-map</code>. The full id is{' '}
								<code>{`${draft.lesson || '<lesson>'}/${draft.shortId || '<short-id>'}`}</code>; it
								never changes and is never reused.
							</p>
							{errorText('shortId')}
						</div>
					</div>
					<div class="field-row">
						<fieldset class="field" aria-describedby={describedBy('type')}>
							<legend>Type</legend>
							<div class="choice-row">
								{(['single', 'multi', 'ordering', 'matching'] as const).map((type) => (
									<label class="choice">
										<input
											id={`qe-type-${type}`}
											type="radio"
											name="qe-type"
											value={type}
											checked={draft.type === type}
											onChange={() => setType(type)}
										/>
										{TYPE_LABELS[type]}
									</label>
								))}
							</div>
							{errorText('type')}
						</fieldset>
						<div class="field">
							<label for="qe-difficulty">Difficulty</label>
							<select
								id="qe-difficulty"
								value={draft.difficulty}
								aria-invalid={invalid('difficulty')}
								aria-describedby={describedBy('difficulty')}
								onChange={(event) => update({ difficulty: event.currentTarget.value })}
							>
								<option value="1">1 · Recall a fact</option>
								<option value="2">2 · Apply it to a scenario</option>
								<option value="3">3 · Analyse or compare options</option>
							</select>
							{errorText('difficulty')}
						</div>
					</div>
					<fieldset
						class="field"
						aria-describedby={describedBy('exams')}
						aria-invalid={invalid('exams')}
						onFocusOut={touch('exams')}
					>
						<legend>Exams it suits</legend>
						<div class="choice-row">
							{EXAMS.map((exam) => (
								<label class="choice">
									<input
										id={`qe-exam-${exam}`}
										type="checkbox"
										checked={draft.exams.includes(exam)}
										onChange={(event) => toggleList('exams', exam, event.currentTarget.checked)}
									/>
									{exam}
								</label>
							))}
						</div>
						{errorText('exams')}
					</fieldset>
					<fieldset
						id="qe-domains"
						tabIndex={-1}
						class="field"
						aria-describedby={describedBy('domains', true)}
						aria-invalid={invalid('domains')}
						onFocusOut={touch('domains')}
					>
						<legend>Exam domains (from the exam guides)</legend>
						<p id="qe-domains-hint" class="field-hint">
							{draft.exams.length
								? 'At least one for each exam; the mock exam weights its draw by them.'
								: 'Choose the exams first.'}
						</p>
						{EXAMS.filter((exam) => draft.exams.includes(exam)).map((exam) => (
							<div class="choice-row" role="group" aria-label={`${exam} domains`}>
								{EXAM_DOMAINS[exam].map(({ number, name }) => (
									<label class="choice">
										<input
											type="checkbox"
											checked={draft.domains.includes(`${exam}/${number}`)}
											onChange={(event) =>
												toggleList('domains', `${exam}/${number}`, event.currentTarget.checked)
											}
										/>
										{exam} {number}: {name}
									</label>
								))}
							</div>
						))}
						{errorText('domains')}
					</fieldset>
					<fieldset
						class="field"
						aria-describedby={describedBy('topics', true)}
						onFocusOut={touch('topics')}
					>
						<legend>Topics (1 to 4)</legend>
						<p id="qe-topics-hint" class="field-hint">
							Chosen: {draft.topics.length ? draft.topics.join(', ') : 'none'}.
						</p>
						<div class="topic-grid">
							{TOPICS.map((topic) => (
								<label class="choice">
									<input
										id={`qe-topic-${topic}`}
										type="checkbox"
										checked={draft.topics.includes(topic)}
										onChange={(event) => toggleList('topics', topic, event.currentTarget.checked)}
									/>
									{topic}
								</label>
							))}
						</div>
						{errorText('topics')}
					</fieldset>
				</fieldset>

				<fieldset class="editor-group">
					<legend>Question</legend>
					<div class="field">
						<label for="qe-stem">Stem</label>
						<textarea
							id="qe-stem"
							rows={5}
							value={draft.stem}
							aria-invalid={invalid('stem')}
							aria-describedby={describedBy('stem', true)}
							onInput={(event) => update({ stem: event.currentTarget.value })}
							onBlur={touch('stem')}
						/>
						<p id="qe-stem-hint" class="field-hint">
							A realistic scenario (app, constraint) ending with a question. Markdown works (
							<code>`code`</code>, <code>**bold**</code>).
							{draft.type === 'multi' &&
								' "(Choose two.)" or "(Choose three.)" is added to match the answer if you leave it out.'}
						</p>
						{errorText('stem')}
					</div>
				</fieldset>

				<fieldset class="editor-group" aria-describedby={describedBy('answer', true)}>
					<legend>Options and answer</legend>
					<p id="qe-answer-hint" class="field-hint">
						{draft.type === 'ordering'
							? 'Write the steps in any order and give each its position; students always see them shuffled. Explain where each step comes and why.'
							: draft.type === 'matching'
								? 'Write the items (left) and the targets (right; extra targets make good distractors), then choose each item’s target. A target may fit several items. Explain why each item matches.'
								: `${draft.type === 'single' ? 'Mark the one right option.' : 'Mark the 2 or 3 right options.'} Explain every option in 1–3 sentences; "Right:" or "Wrong:" is added for you. Make wrong options plausible (real features used in the wrong place); no "all of the above".`}
					</p>
					{draft.type !== 'single' && (
						<div class="field field-inline">
							<label for="qe-count">
								Number of{' '}
								{draft.type === 'ordering'
									? 'steps'
									: draft.type === 'matching'
										? 'items'
										: 'options'}
							</label>
							<select
								id="qe-count"
								value={String(draft.options.length)}
								onChange={(event) => setOptionCount(Number(event.currentTarget.value))}
							>
								{(draft.type === 'multi' ? [5, 6] : [3, 4, 5, 6]).map((n) => (
									<option value={String(n)}>{n}</option>
								))}
							</select>
						</div>
					)}
					{draft.type === 'matching' && (
						<fieldset class="targets-editor" aria-describedby={describedBy('targets')}>
							<legend>Targets</legend>
							<div class="field field-inline">
								<label for="qe-target-count">Number of targets</label>
								<select
									id="qe-target-count"
									value={String(draft.targets.length)}
									onChange={(event) => setTargetCount(Number(event.currentTarget.value))}
								>
									{[3, 4, 5, 6, 7, 8].map((n) => (
										<option value={String(n)}>{n}</option>
									))}
								</select>
							</div>
							{errorText('targets')}
							{draft.targets.map((target, index) => (
								<div class="field">
									<label for={`qe-target-${index}-text`}>Target {index + 1}</label>
									<input
										id={`qe-target-${index}-text`}
										type="text"
										value={target}
										aria-invalid={invalid(`target-${index}-text`)}
										aria-describedby={describedBy(`target-${index}-text`)}
										onInput={(event) =>
											update({
												targets: draft.targets.map((other, position) =>
													position === index ? event.currentTarget.value : other
												),
											})
										}
										onBlur={touch(`target-${index}-text`)}
									/>
									{errorText(`target-${index}-text`)}
								</div>
							))}
						</fieldset>
					)}
					{errorText('answer')}
					{draft.options.map((option, index) => {
						const id = OPTION_IDS[index]!;
						const letter = id.toUpperCase();
						const flow = isFlow(draft.type);
						const noun =
							draft.type === 'ordering' ? 'Step' : draft.type === 'matching' ? 'Item' : 'Option';
						return (
							<fieldset
								class={`option-editor${!flow && draft.answer.includes(id) ? ' is-right' : ''}`}
							>
								<legend>
									{noun} {letter}
								</legend>
								{draft.type === 'ordering' ? (
									<div class="field field-inline">
										<label for={`qe-right-${index}`}>Position of step {letter}</label>
										<select
											id={`qe-right-${index}`}
											value={String(draft.answer.indexOf(id) + 1 || '')}
											onChange={(event) => setPosition(id, Number(event.currentTarget.value))}
										>
											<option value="">Choose…</option>
											{draft.options.map((_, position) => (
												<option value={String(position + 1)}>{position + 1}</option>
											))}
										</select>
									</div>
								) : draft.type === 'matching' ? (
									<div class="field field-inline">
										<label for={`qe-right-${index}`}>Item {letter} matches</label>
										<select
											id={`qe-right-${index}`}
											value={
												draft.answer.find((pair) => pair.startsWith(`${id}=`))?.split('=')[1] ?? ''
											}
											onChange={(event) => setMatch(id, event.currentTarget.value)}
										>
											<option value="">Choose…</option>
											{draft.targets.map((target, position) => (
												<option value={`t${position + 1}`}>
													Target {position + 1}
													{target ? `: ${target.slice(0, 40)}` : ''}
												</option>
											))}
										</select>
									</div>
								) : (
									<div class="choice-row">
										<label class="choice right-toggle">
											<input
												id={`qe-right-${index}`}
												type={draft.type === 'single' ? 'radio' : 'checkbox'}
												name="qe-right"
												checked={draft.answer.includes(id)}
												onChange={(event) => setRight(id, event.currentTarget.checked)}
											/>
											Option {letter} is a right answer
										</label>
										<label class="choice">
											<input
												id={`qe-pinned-${index}`}
												type="checkbox"
												checked={draft.pinned.includes(id)}
												onChange={(event) =>
													update({
														pinned: event.currentTarget.checked
															? [...draft.pinned, id]
															: draft.pinned.filter((other) => other !== id),
													})
												}
											/>
											Keep in place when shuffled
										</label>
									</div>
								)}
								<div class="field">
									<label for={`qe-option-${index}-text`}>
										{noun} {letter} text
									</label>
									<input
										id={`qe-option-${index}-text`}
										type="text"
										value={option.text}
										aria-invalid={invalid(`option-${index}-text`)}
										aria-describedby={describedBy(`option-${index}-text`)}
										onInput={(event) => setOption(index, { text: event.currentTarget.value })}
										onBlur={touch(`option-${index}-text`)}
									/>
									{errorText(`option-${index}-text`)}
								</div>
								<div class="field">
									<label for={`qe-option-${index}-explanation`}>
										{draft.type === 'ordering'
											? `Why step ${letter} comes where it does`
											: draft.type === 'matching'
												? `Why item ${letter} matches its target`
												: `Why option ${letter} is ${draft.answer.includes(id) ? 'right' : 'wrong'}`}
									</label>
									<textarea
										id={`qe-option-${index}-explanation`}
										rows={2}
										value={option.explanation}
										aria-invalid={invalid(`option-${index}-explanation`)}
										aria-describedby={describedBy(`option-${index}-explanation`)}
										onInput={(event) =>
											setOption(index, { explanation: event.currentTarget.value })
										}
										onBlur={touch(`option-${index}-explanation`)}
									/>
									{errorText(`option-${index}-explanation`)}
								</div>
							</fieldset>
						);
					})}
				</fieldset>

				<fieldset class="editor-group">
					<legend>Explanation and sources</legend>
					<div class="field">
						<label for="qe-explanation">Explanation</label>
						<textarea
							id="qe-explanation"
							rows={4}
							value={draft.explanation}
							aria-invalid={invalid('explanation')}
							aria-describedby={describedBy('explanation', true)}
							onInput={(event) => update({ explanation: event.currentTarget.value })}
							onBlur={touch('explanation')}
						/>
						<p id="qe-explanation-hint" class="field-hint">
							One short paragraph: the principle that decides the question, and a link to the lesson
							section, e.g. <code>[Tokens](/learn/tokens/)</code>.
						</p>
						{errorText('explanation')}
					</div>
					<div class="field">
						<label for="qe-sources">Sources</label>
						<textarea
							id="qe-sources"
							rows={2}
							value={draft.sources}
							spellcheck={false}
							aria-invalid={invalid('sources')}
							aria-describedby={describedBy('sources', true)}
							onInput={(event) => update({ sources: event.currentTarget.value })}
							onBlur={touch('sources')}
						/>
						<p id="qe-sources-hint" class="field-hint">
							AWS documentation URLs (https://docs.aws.amazon.com/…), one per line.
						</p>
						{errorText('sources')}
					</div>
				</fieldset>

				<div
					ref={summaryRef}
					tabIndex={-1}
					class={`editor-summary${problems.length ? ' has-problems' : ' is-ok'}`}
					aria-live="polite"
				>
					{problems.length === 0 ? (
						<p>
							<strong>No problems.</strong> The file passes the same check as the build.
						</p>
					) : submitted ? (
						<>
							<h3>
								{problems.length} field{problems.length === 1 ? ' needs' : 's need'} fixing before
								the download
							</h3>
							<ul>
								{problems.map(([key, messages]) => (
									<li>
										<a
											href={`#${targetId(key)}`}
											onClick={(event) => {
												const target = document.getElementById(targetId(key));
												if (target) {
													event.preventDefault();
													target.focus();
												}
											}}
										>
											{labelOf(key)}
										</a>
										: {messages.join('; ')}
									</li>
								))}
							</ul>
						</>
					) : (
						<p>
							{problems.length} field{problems.length === 1 ? '' : 's'} still to complete.
						</p>
					)}
				</div>
				<div class="editor-actions">
					<button type="submit" class="button">
						Download {draft.shortId ? questionFileName(question.id) : 'the .md file'}
					</button>
					<button
						type="button"
						class="button secondary"
						onClick={() => {
							setDraft(NEW_DRAFT);
							setTouched(new Set());
							setSubmitted(false);
							setSaved(undefined);
						}}
					>
						Start a new question
					</button>
				</div>
				<p role="status" class="editor-saved">
					{saved}
				</p>
			</form>

			<section class="editor-side" aria-labelledby="qe-preview-heading">
				<h3 id="qe-preview-heading">Preview: what students see</h3>
				<QuestionPreview idPrefix="qe-preview" lessonTitle={lessonTitle} question={question} />
				<details class="editor-file">
					<summary>
						The file it downloads (
						{draft.lesson && draft.shortId
							? questionPath(question.id)
							: 'content/questions/<lesson>/<short-id>.md'}
						)
					</summary>
					<pre tabIndex={0} aria-label="File text">
						<code>{text}</code>
					</pre>
				</details>
			</section>
		</div>
	);
}
