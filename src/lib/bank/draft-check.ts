/**
 * Checks an editor draft with exactly the rules of the build (`checkContent` on the file text it turns
 * into) and maps every problem line to the form field it belongs to, in plain words: one message per
 * empty field instead of every rule it breaks, option letters instead of `options[2]`. Pure.
 */
import { checkContent } from '../../schemas/check-content';
import { OPTION_IDS } from '../../schemas/vocabulary';
import { draftToQuestion, type DraftQuestion, type QuestionDraft } from './question-draft';
import { questionPath, questionToFile } from './question-file';

/**
 * A form field problems attach to: a draft key (`lesson`, `stem`, …), `answer`, `targets`, `form`
 * (the file as a whole), `option-<i>-text`, `option-<i>-explanation` or `target-<i>-text` (0-based).
 */
export type DraftField = string;

/** What {@link checkDraft} finds: the question, its file text and the problems per field. */
export interface DraftCheck {
	question: DraftQuestion;
	text: string;
	errors: Map<DraftField, string[]>;
}

/** Which form field an error line (`<field path>: <message>`) of the content check belongs to. */
export function fieldOf(path: string, message: string): DraftField {
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

/** A content-check message that repeats what the form's own first check of a field already says. */
function repeatsFormCheck(key: DraftField, message: string): boolean {
	return (
		key === 'shortId' ||
		key === 'lesson' ||
		(key === 'stem' && /at least 20|must start with the question stem/.test(message)) ||
		(key === 'explanation' && /Explanation" section/.test(message))
	);
}

/** What the answer field says when nothing is chosen yet, by question type. */
function emptyAnswerMessage(type: QuestionDraft['type']): string {
	if (type === 'ordering') return 'must give every step its position';
	if (type === 'matching') return 'must match every item to a target';
	return `must mark the right option${type === 'multi' ? 's' : ''} ("Option … is a right answer")`;
}

/**
 * The draft's question, file text and problems per field, as the build would report them, worded for
 * the form. `existingIds` are the bank's ids (an id is never reused). Pure.
 * @example checkDraft(EMPTY_DRAFT, new Set()).errors.get('shortId') // ['must be filled in, found nothing']
 */
export function checkDraft(draft: QuestionDraft, existingIds: ReadonlySet<string>): DraftCheck {
	const question = draftToQuestion(draft);
	const path = questionPath(question.id);
	const text = questionToFile(question);
	const errors = new Map<DraftField, string[]>();
	const add = (key: DraftField, message: string) => {
		const list = errors.get(key) ?? [];
		if (!list.includes(message)) errors.set(key, [...list, message]);
	};
	const shortId = draft.shortId.trim();
	if (!shortId) add('shortId', 'must be filled in, found nothing');
	else if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(shortId))
		add(
			'shortId',
			`must be kebab-case (lowercase letters, digits and single dashes), found "${draft.shortId}"`
		);
	else if (existingIds.has(question.id))
		add(
			'shortId',
			`must be new, found "${question.id}", which the bank already uses (ids are never reused)`
		);
	if (!draft.lesson) add('lesson', 'must be chosen, found nothing');
	// The build checks the body only once the frontmatter is valid; the form says it straight away.
	const stem = draft.stem.trim();
	if (!stem) add('stem', 'must be filled in');
	else if (stem.length < 20)
		add('stem', `must be a full question of at least 20 characters, found ${stem.length}`);
	if (!draft.explanation.trim()) add('explanation', 'must be filled in');

	for (const line of checkContent([{ path, text }]).errors) {
		const rest = line.startsWith(`${path}: `) ? line.slice(path.length + 2) : line;
		const split = rest.indexOf(': ');
		const fieldPath = split >= 0 ? rest.slice(0, split) : '(frontmatter)';
		const message = split >= 0 ? rest.slice(split + 2) : rest;
		const key = fieldOf(fieldPath, message);
		if (repeatsFormCheck(key, message) && errors.has(key)) continue;
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
		key: DraftField,
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
	empty('answer', draft.answer, emptyAnswerMessage(draft.type));
	return { question, text, errors };
}

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

/** The name of a field as the form labels it ("Option B explanation", "Target 3"). */
export function fieldLabel(key: DraftField): string {
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

/** Position of a field in the form, so a problem list reads top to bottom. */
function formOrder(key: DraftField): number {
	const option = /^option-(\d+)-(text|explanation)$/.exec(key);
	if (option) return FORM_ORDER.length + Number(option[1]) * 2 + (option[2] === 'text' ? 0 : 1);
	if (key === 'explanation') return 100;
	if (key === 'sources') return 101;
	const index = FORM_ORDER.indexOf(key);
	return index >= 0 ? index : 102;
}

/** The problems of {@link checkDraft} as `[field, messages]` pairs in form order. Pure. */
export function problemsInFormOrder(
	errors: ReadonlyMap<DraftField, string[]>
): Array<[DraftField, string[]]> {
	return [...errors.entries()].sort(([a], [b]) => formOrder(a) - formOrder(b));
}
