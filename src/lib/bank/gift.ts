/**
 * Moodle GIFT import and export for multiple-choice questions.
 *
 * Export writes one question per block: metadata the GIFT format has no place for (topics,
 * difficulty, exams, sources…) goes in `// key: value` comment lines, which Moodle ignores and this
 * importer reads back, so GIFT → files → GIFT is lossless. Single-answer questions use `=right`
 * and `~wrong`; multiple-response questions use `~%50%right` / `~%-100%wrong` weights. Option
 * explanations are per-answer feedback (`#…`), the overall explanation is general feedback (`####…`).
 * Matching questions use GIFT's native matching block (`=item -> target`; an unused target is
 * `= -> target`); GIFT has no per-pair feedback, so their explanations and the authored target order
 * travel in `// explanations:` and `// targets:` JSON comments. GIFT has no ordering type: an ordering
 * question is written as a matching question that pairs each step with its position ("Step 1"…),
 * which Moodle grades pair by pair, and `// type: ordering` makes this importer read it back as an
 * ordering question. Special characters `~ = # { } :` and `\` are escaped with a backslash,
 * newlines as `\n`. Pure.
 */
import { OPTION_IDS } from '../../schemas/vocabulary';
import type { BankQuestion, QuestionCandidate } from './types';

/** GIFT-escapes text: `~ = # { } : \` get a backslash, newlines become `\n`. */
export function escapeGift(text: string): string {
	return text.replace(/[~=#{}:\\]/g, '\\$&').replace(/\r?\n/g, '\\n');
}

/** Reverses {@link escapeGift}. */
export function unescapeGift(text: string): string {
	return text.replace(/\\(.)/g, (_, char: string) => (char === 'n' ? '\n' : char));
}

function weight(count: number): string {
	return String(Math.round((100 / count) * 100000) / 100000);
}

/**
 * Exports questions to GIFT text, grouped under a `$CATEGORY: cognito-study/<lesson>` line per lesson. Pure.
 * @example questionsToGift(bank) // "$CATEGORY: cognito-study/tokens\n\n// topics: tokens\n…"
 */
export function questionsToGift(questions: readonly BankQuestion[]): string {
	const blocks: string[] = [];
	let category: string | undefined;
	for (const question of questions) {
		if (question.lesson !== category) {
			category = question.lesson;
			blocks.push(`$CATEGORY: cognito-study/${category}`);
		}
		const meta = [
			`// topics: ${question.topics.join(', ')}`,
			`// type: ${question.type}`,
			`// difficulty: ${question.difficulty}`,
			`// exams: ${question.exams.join(', ')}`,
			`// domains: ${question.domains.join(', ')}`,
			`// sources: ${question.sources.join(' ')}`,
			...(question.scenario ? [`// scenario: ${question.scenario}`] : []),
			...(question.scenarioStep ? [`// scenarioStep: ${question.scenarioStep}`] : []),
			...(question.fromNotes ? [`// fromNotes: ${JSON.stringify(question.fromNotes)}`] : []),
		];
		const answers = giftAnswers(question);
		if (question.type === 'ordering' || question.type === 'matching') {
			const explanations = Object.fromEntries(
				question.options.map((option) => [option.id, option.explanation])
			);
			meta.push(`// explanations: ${JSON.stringify(explanations)}`);
			if (question.targets)
				meta.push(`// targets: ${JSON.stringify(question.targets.map((target) => target.text))}`);
		}
		const pinned = question.options.filter((option) => option.pinned).map((option) => option.id);
		if (pinned.length) meta.push(`// pinned: ${pinned.join(', ')}`);
		blocks.push(
			[
				...meta,
				`::${escapeGift(question.id)}::[markdown]${escapeGift(question.stem)} {`,
				...answers,
				`\t####${escapeGift(question.explanation)}`,
				'}',
			].join('\n')
		);
	}
	return `${blocks.join('\n\n')}\n`;
}

/** Position label of an ordering step in GIFT ("Step 1"…). */
const STEP_LABEL = /^Step (\d+)$/;

/** The lines inside `{ … }` for one question. */
function giftAnswers(question: BankQuestion): string[] {
	if (question.type === 'ordering') {
		return question.options.map(
			(option) => `\t=${escapeGift(option.text)} -> Step ${question.answer.indexOf(option.id) + 1}`
		);
	}
	if (question.type === 'matching') {
		const targets = question.targets ?? [];
		const text = (id: string) => targets.find((target) => target.id === id)?.text ?? id;
		const pairs = new Map(
			question.answer.map((pair) => {
				const [option = '', target = ''] = pair.split('=').map((part) => part.trim());
				return [option, target];
			})
		);
		const used = new Set(pairs.values());
		return [
			...question.options.map(
				(option) =>
					`\t=${escapeGift(option.text)} -> ${escapeGift(text(pairs.get(option.id) ?? ''))}`
			),
			...targets
				.filter((target) => !used.has(target.id))
				.map((target) => `\t= -> ${escapeGift(target.text)}`),
		];
	}
	return question.options.map((option) => {
		const right = question.answer.includes(option.id);
		const mark =
			question.type === 'single'
				? right
					? '='
					: '~'
				: right
					? `~%${weight(question.answer.length)}%`
					: '~%-100%';
		return `\t${mark}${escapeGift(option.text)}#${escapeGift(option.explanation)}`;
	});
}

/** Index of the first unescaped occurrence of `token` at or after `from`, or -1. */
function findUnescaped(text: string, token: string, from = 0): number {
	for (let index = from; index < text.length; index++) {
		if (text[index] === '\\') {
			index++;
			continue;
		}
		if (text.startsWith(token, index)) return index;
	}
	return -1;
}

interface GiftAnswer {
	weight: number;
	text: string;
	feedback: string;
	/** For a matching pair `=left -> right`: both sides, unescaped. */
	pair?: { left: string; right: string };
}

function splitAnswers(block: string): { answers: GiftAnswer[]; general: string; leftover: string } {
	const general = findUnescaped(block, '####');
	const generalText = general >= 0 ? block.slice(general + 4) : '';
	const body = general >= 0 ? block.slice(0, general) : block;
	const answers: GiftAnswer[] = [];
	const starts: number[] = [];
	for (let index = 0; index < body.length; index++) {
		if (body[index] === '\\') {
			index++;
			continue;
		}
		if (body[index] === '=' || body[index] === '~') starts.push(index);
	}
	const leftover = body.slice(0, starts[0] ?? body.length);
	starts.forEach((start, position) => {
		let raw = body.slice(start + 1, starts[position + 1] ?? body.length);
		let value = body[start] === '=' ? 100 : 0;
		const percent = /^\s*%(-?\d+(?:\.\d+)?)%/.exec(raw);
		if (percent) {
			value = Number(percent[1]);
			raw = raw.slice(percent[0].length);
		}
		const hash = findUnescaped(raw, '#');
		const text = hash >= 0 ? raw.slice(0, hash) : raw;
		const arrow = findUnescaped(text, '->');
		answers.push({
			weight: value,
			text: unescapeGift(text.trim()),
			feedback: unescapeGift(hash >= 0 ? raw.slice(hash + 1).trim() : ''),
			...(arrow >= 0
				? {
						pair: {
							left: unescapeGift(text.slice(0, arrow).trim()),
							right: unescapeGift(text.slice(arrow + 2).trim()),
						},
					}
				: {}),
		});
	});
	return { answers, general: unescapeGift(generalText.trim()), leftover };
}

function list(value: string): string[] {
	return value.split(/[\s,;]+/).filter(Boolean);
}

/**
 * Reads GIFT text into import candidates (validate them with `validateCandidates`). Each question
 * notes the line it starts on; shapes the bank cannot hold (true/false, matching, short answer,
 * more than six options) are reported as problems. Pure.
 */
export function parseGiftQuestions(text: string): { candidates: QuestionCandidate[] } {
	const candidates: QuestionCandidate[] = [];
	const lines = text
		.replace(/^\uFEFF/, '')
		.replace(/\r\n?/g, '\n')
		.split('\n');
	let category: string | undefined;
	let index = 0;
	while (index < lines.length) {
		if (lines[index]!.trim() === '') {
			index++;
			continue;
		}
		const startLine = index + 1;
		const block: string[] = [];
		while (index < lines.length && lines[index]!.trim() !== '') block.push(lines[index++]!);

		const meta: Record<string, string> = {};
		const content: string[] = [];
		for (const line of block) {
			const comment = /^\s*\/\/\s*([A-Za-z]+):\s*(.*)$/.exec(line);
			const categoryLine = /^\s*\$CATEGORY:\s*(.*)$/.exec(line);
			if (comment) meta[comment[1]!] = comment[2]!.trim();
			else if (categoryLine) category = categoryLine[1]!.trim().split('/').at(-1);
			else if (!/^\s*\/\//.test(line)) content.push(line);
		}
		if (content.length === 0) continue;
		const questionLine = startLine + block.findIndex((line) => content[0] === line);
		candidates.push(readQuestion(content.join('\n'), questionLine, meta, category));
	}
	return { candidates };
}

function readQuestion(
	source: string,
	line: number,
	meta: Record<string, string>,
	category: string | undefined
): QuestionCandidate {
	const problems: string[] = [];
	let rest = source.trim();
	let title = '';
	if (rest.startsWith('::')) {
		const end = findUnescaped(rest, '::', 2);
		title = unescapeGift(rest.slice(2, end >= 0 ? end : undefined)).trim();
		rest = end >= 0 ? rest.slice(end + 2) : '';
	}
	rest = rest.trimStart().replace(/^\[(markdown|plain|html|moodle)\]/, '');
	const open = findUnescaped(rest, '{');
	const close = open >= 0 ? findUnescaped(rest, '}', open) : -1;
	const stem = unescapeGift((open >= 0 ? rest.slice(0, open) : rest).trim());
	const block = open >= 0 && close >= 0 ? rest.slice(open + 1, close) : '';
	if (open < 0 || close < 0)
		problems.push('(answers): must have an answer block { … }, found none');
	if (close >= 0 && rest.slice(close + 1).trim()) {
		problems.push(
			`(answers): must be the end of the question, found text after "}" (fill-in-the-blank questions are not supported)`
		);
	}
	const { answers, general, leftover } = splitAnswers(block);
	const trimmedBlock = block.trim();
	if (/^(T|F|TRUE|FALSE)\b/.test(trimmedBlock)) {
		problems.push(
			'type: must be a multiple-choice, matching or ordering question, found a true/false question; rewrite it with four options'
		);
	} else if (answers.some((answer) => answer.pair)) {
		return readMatching(answers, { line, title, stem, general, meta, category, problems });
	} else if (answers.length > 0 && answers.every((answer) => answer.weight > 0)) {
		problems.push(
			'type: must be a multiple-choice question with wrong options (~), found only right answers (a short-answer question)'
		);
	} else if (open >= 0 && close >= 0 && answers.length === 0) {
		problems.push(
			`(answers): must list options as =right or ~wrong, found ${leftover.trim() ? `"${leftover.trim().slice(0, 30)}"` : 'an empty block'}`
		);
	}
	if (answers.length > OPTION_IDS.length) {
		problems.push(
			`options: must have at most ${OPTION_IDS.length} options, found ${answers.length}`
		);
	}

	const right = answers
		.map((answer, position) => (answer.weight > 0 ? OPTION_IDS[position] : undefined))
		.filter(Boolean);
	const pinned = meta.pinned !== undefined ? list(meta.pinned) : [];
	const fields: Record<string, unknown> = {
		...commonFields({ title, meta, category }),
		type:
			meta.type ??
			(right.length > 1 || answers.some((answer) => answer.weight < 0) ? 'multi' : 'single'),
		options: answers.slice(0, OPTION_IDS.length).map((answer, position) => ({
			id: OPTION_IDS[position],
			text: answer.text,
			explanation: answer.feedback,
			...(pinned.includes(OPTION_IDS[position]!) ? { pinned: true } : {}),
		})),
		answer: right,
	};
	readJsonMeta(meta, 'fromNotes', fields, problems);
	return { line, fields, stem, explanation: general, problems };
}

interface QuestionContext {
	line: number;
	title: string;
	stem: string;
	general: string;
	meta: Record<string, string>;
	category: string | undefined;
	problems: string[];
}

/** The fields every question type shares, from the title, the category and the comment lines. */
function commonFields({
	title,
	meta,
	category,
}: Pick<QuestionContext, 'title' | 'meta' | 'category'>): Record<string, unknown> {
	const lesson = meta.lesson ?? (title.includes('/') ? title.split('/')[0] : category);
	const id = title.includes('/') || !title ? title : `${lesson ?? ''}/${title}`;
	return {
		id: id || undefined,
		lesson,
		topics: meta.topics !== undefined ? list(meta.topics) : undefined,
		difficulty:
			meta.difficulty === undefined
				? undefined
				: /^\d+$/.test(meta.difficulty)
					? Number(meta.difficulty)
					: meta.difficulty,
		exams: meta.exams !== undefined ? list(meta.exams) : undefined,
		domains: meta.domains !== undefined ? list(meta.domains) : undefined,
		scenario: meta.scenario || undefined,
		scenarioStep: meta.scenarioStep || undefined,
		sources: meta.sources !== undefined ? list(meta.sources) : undefined,
	};
}

/** Parses a `// key: {json}` comment into `fields[key]`, or notes the problem. */
function readJsonMeta(
	meta: Record<string, string>,
	key: string,
	fields: Record<string, unknown>,
	problems: string[]
): unknown {
	if (!meta[key]) return undefined;
	try {
		return (fields[key] = JSON.parse(meta[key]));
	} catch {
		problems.push(`${key}: must be JSON on one comment line, found "${meta[key].slice(0, 30)}"`);
		return undefined;
	}
}

/**
 * A matching block `{ =item -> target … }`: a matching question, or an ordering question when the
 * comments say `// type: ordering` (its targets are the positions "Step 1"…).
 */
function readMatching(answers: GiftAnswer[], context: QuestionContext): QuestionCandidate {
	const { line, stem, general, meta, problems } = context;
	const explanations: Record<string, unknown> = {};
	const explained = readJsonMeta(meta, 'explanations', explanations, problems);
	const explanationOf = (id: string) =>
		typeof explained === 'object' && explained !== null
			? String((explained as Record<string, unknown>)[id] ?? '')
			: '';
	const pairs = answers.filter((answer) => answer.pair?.left);
	const extra = answers.filter((answer) => answer.pair && !answer.pair.left);
	const options = pairs.slice(0, OPTION_IDS.length).map((answer, position) => ({
		id: OPTION_IDS[position]!,
		text: answer.pair!.left,
		explanation: explanationOf(OPTION_IDS[position]!),
	}));
	const base = { ...commonFields(context), options };
	if (meta.type === 'ordering') {
		const positions = pairs.map((answer) => STEP_LABEL.exec(answer.pair!.right)?.[1]);
		if (positions.some((position) => position === undefined)) {
			problems.push('answer: an ordering question must pair each step with "Step 1", "Step 2"…');
		}
		const answer = options
			.map((option, index) => [Number(positions[index] ?? 0), option.id] as const)
			.sort((a, b) => a[0] - b[0])
			.map(([, id]) => id);
		return {
			line,
			fields: { ...base, type: 'ordering', answer },
			stem,
			explanation: general,
			problems,
		};
	}
	const authored: Record<string, unknown> = {};
	const listed = readJsonMeta(meta, 'targets', authored, problems);
	const texts = Array.isArray(listed)
		? listed.map(String)
		: [...new Set([...pairs, ...extra].map((answer) => answer.pair!.right))];
	const targets = texts.map((text, index) => ({ id: `t${index + 1}`, text }));
	const idOf = (text: string) => targets.find((target) => target.text === text)?.id ?? '?';
	const answer = options.map((option, index) => `${option.id}=${idOf(pairs[index]!.pair!.right)}`);
	return {
		line,
		fields: { ...base, type: 'matching', targets, answer },
		stem,
		explanation: general,
		problems,
	};
}
