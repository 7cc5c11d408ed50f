/**
 * The instructor editor's form state ("draft") and what it turns into: the question fields the file is
 * written from, the draft read back from an opened file, and the edits whose meaning depends on the
 * question type (changing the type, the number of options or targets, positions and matches). Pure.
 */
import { OPTION_IDS, type QuestionType } from '../../schemas/vocabulary';
import { withChoosePhrase } from './scaffold';

/** The editor form, field by field, as the instructor typed it. */
export interface QuestionDraft {
	lesson: string;
	shortId: string;
	type: QuestionType;
	difficulty: string;
	topics: string[];
	exams: string[];
	domains: string[];
	options: DraftOption[];
	/** Single/multi: right option ids. Ordering: option ids in order. Matching: `a=t1` pairs. */
	answer: string[];
	/** Matching only: target texts, t1, t2, … in order. */
	targets: string[];
	/** Single/multi: option ids that keep their place when shuffled. */
	pinned: string[];
	/** AWS documentation URLs separated by white space (one per line in the form). */
	sources: string;
	stem: string;
	explanation: string;
}

/** One option (single/multi), step (ordering) or item (matching). */
export interface DraftOption {
	text: string;
	explanation: string;
}

const EMPTY_OPTION: DraftOption = { text: '', explanation: '' };

/** The form of a new question: a single-answer question with four empty options. */
export const EMPTY_DRAFT: QuestionDraft = {
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

/** A verdict the author typed (or the file carries) at the start of an option explanation. */
const VERDICT = /^(Right|Wrong|Correct|Incorrect)\s*[:.-]\s*/i;

/** Ordering and matching: every option is part of the answer, and explanations carry no verdict. */
export function isFlowType(type: QuestionType): type is 'ordering' | 'matching' {
	return type === 'ordering' || type === 'matching';
}

/**
 * Frontmatter fields and body of the file the draft turns into: "Right:"/"Wrong:" are added to choice
 * explanations, "(Choose n.)" to a multiple-response stem, and domains of an exam that was unticked
 * again are dropped rather than reported. Pure.
 * @example draftToQuestion({ ...EMPTY_DRAFT, lesson: 'tokens', shortId: 'aud' }).id // 'tokens/aud'
 */
export function draftToQuestion(draft: QuestionDraft) {
	const flow = isFlowType(draft.type);
	const options = draft.options.map((option, index) => {
		const id = OPTION_IDS[index]!;
		const verdict = draft.answer.includes(id) ? 'Right' : 'Wrong';
		const text = option.explanation.trim().replace(VERDICT, '');
		return {
			id,
			text: option.text.trim(),
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

/** The question fields a draft produces (see {@link draftToQuestion}). */
export type DraftQuestion = ReturnType<typeof draftToQuestion>;

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);
const records = (value: unknown): Record<string, unknown>[] =>
	Array.isArray(value) ? value.map((item) => (item ?? {}) as Record<string, unknown>) : [];

/**
 * The draft for an opened question file (the output of `fileToQuestion`), unvalidated: whatever is
 * missing or of the wrong kind becomes an empty field, so the live check reports it. Pure.
 */
export function questionToDraft(question: Record<string, unknown>): QuestionDraft {
	const options = records(question.options);
	return {
		lesson: String(question.lesson ?? ''),
		shortId:
			String(question.id ?? '')
				.split('/')
				.at(-1) ?? '',
		type:
			(['multi', 'ordering', 'matching'] as const).find((type) => type === question.type) ??
			'single',
		difficulty: String(question.difficulty ?? '2'),
		topics: strings(question.topics),
		exams: strings(question.exams),
		domains: strings(question.domains),
		options: options.map((option) => ({
			text: String(option.text ?? ''),
			explanation: String(option.explanation ?? '').replace(VERDICT, ''),
		})),
		answer: strings(question.answer),
		targets: records(question.targets).map((target) => String(target.text ?? '')),
		pinned: options.filter((option) => option.pinned === true).map((option) => String(option.id)),
		sources: strings(question.sources).join('\n'),
		stem: String(question.stem ?? ''),
		explanation: String(question.explanation ?? ''),
	};
}

/** `count` options: the first ones kept, new ones empty. */
function resized(options: readonly DraftOption[], count: number): DraftOption[] {
	return Array.from({ length: count }, (_, index) => options[index] ?? EMPTY_OPTION);
}

/** Whether an answer entry (`b`, or `b=t2` for matching) names one of the first `count` options. */
const withinOptions = (count: number) => (entry: string) =>
	OPTION_IDS.indexOf(entry.split('=')[0] as never) < count;

/**
 * The draft with another question type: 4 options for single answer, 5–6 for multiple response, 3–6
 * steps or items; the answer starts again when the type changes family (choice ⇄ flow), since it
 * means something else. Pure.
 */
export function withType(draft: QuestionDraft, type: QuestionType): QuestionDraft {
	const count =
		type === 'single'
			? 4
			: type === 'multi'
				? Math.max(5, draft.options.length)
				: Math.min(6, Math.max(3, draft.options.length));
	const answer =
		isFlowType(type) || isFlowType(draft.type) ? [] : draft.answer.filter(withinOptions(count));
	return {
		...draft,
		type,
		options: resized(draft.options, count),
		answer: type === 'single' ? answer.slice(0, 1) : answer,
		targets: type === 'matching' ? (draft.targets.length ? draft.targets : ['', '', '']) : [],
		pinned: isFlowType(type) ? [] : draft.pinned,
	};
}

/** The draft with `count` options (steps, items); answers naming removed options are dropped. Pure. */
export function withOptionCount(draft: QuestionDraft, count: number): QuestionDraft {
	return {
		...draft,
		options: resized(draft.options, count),
		answer: draft.answer.filter(withinOptions(count)),
	};
}

/** Matching: the draft with `count` targets; pairs to removed targets are dropped. Pure. */
export function withTargetCount(draft: QuestionDraft, count: number): QuestionDraft {
	return {
		...draft,
		targets: Array.from({ length: count }, (_, index) => draft.targets[index] ?? ''),
		answer: draft.answer.filter((pair) => Number(pair.split('=t')[1]) <= count),
	};
}

/** Ordering: step `id` put at `position` (1-based); the others keep their relative order. Pure. */
export function withStepPosition(
	draft: QuestionDraft,
	id: string,
	position: number
): QuestionDraft {
	const rest = draft.answer.filter((other) => other !== id);
	rest.splice(Math.min(rest.length, position - 1), 0, id);
	return { ...draft, answer: rest };
}

/** Ordering: the 1-based position of step `id`, or 0 when it has none yet. */
export function stepPosition(draft: QuestionDraft, id: string): number {
	return draft.answer.indexOf(id) + 1;
}

/** Matching: item `id` matched to `target` (`t1`…), or to nothing when `target` is empty. Pure. */
export function withMatch(draft: QuestionDraft, id: string, target: string): QuestionDraft {
	return {
		...draft,
		answer: [
			...draft.answer.filter((pair) => !pair.startsWith(`${id}=`)),
			...(target ? [`${id}=${target}`] : []),
		].sort(),
	};
}

/** Matching: the target item `id` is matched to, or '' when none. */
export function matchOf(draft: QuestionDraft, id: string): string {
	return draft.answer.find((pair) => pair.startsWith(`${id}=`))?.split('=')[1] ?? '';
}

/** Single/multi: option `id` marked right (single: the only one) or not. Pure. */
export function withRightOption(draft: QuestionDraft, id: string, right: boolean): QuestionDraft {
	return {
		...draft,
		answer:
			draft.type === 'single'
				? [id]
				: right
					? [...draft.answer, id]
					: draft.answer.filter((other) => other !== id),
	};
}

/** `list` with `value` added (`on`) or removed. Pure. */
export function toggled(list: readonly string[], value: string, on: boolean): string[] {
	return on ? [...list, value] : list.filter((item) => item !== value);
}

/** The draft with option `index` changed. Pure. */
export function withOption(
	draft: QuestionDraft,
	index: number,
	patch: Partial<DraftOption>
): QuestionDraft {
	return {
		...draft,
		options: draft.options.map((option, position) =>
			position === index ? { ...option, ...patch } : option
		),
	};
}

/** Matching: the draft with target `index` (0-based) set to `text`. Pure. */
export function withTarget(draft: QuestionDraft, index: number, text: string): QuestionDraft {
	return {
		...draft,
		targets: draft.targets.map((other, position) => (position === index ? text : other)),
	};
}
