/**
 * Question file text ⇄ structured question. The text is the exact format of
 * `content/questions/<lesson>/<short-id>.md`: YAML frontmatter in a stable key order, then the stem
 * and a `## Explanation` section. Pure; shipped to the browser (the editor) and used by the CLI.
 */
import { splitFrontmatter, splitQuestionBody } from '../../schemas/check-content';
import type { BankQuestion } from './types';

/** Frontmatter keys in the order every generated file uses. */
export const FIELD_ORDER = [
	'id',
	'lesson',
	'topics',
	'type',
	'difficulty',
	'exams',
	'domains',
	'options',
	'targets',
	'answer',
	'scenario',
	'scenarioStep',
	'sources',
	'fromNotes',
] as const;

const OPTION_ORDER = ['id', 'text', 'explanation', 'pinned'] as const;
const FROM_NOTES_ORDER = ['number', 'originalAnswer', 'corrected'] as const;
const PLAIN = /^[A-Za-z0-9][A-Za-z0-9._/=-]*$/;
const RESERVED =
	/^(true|false|yes|no|on|off|null|y|n|~|[-+]?(\d[\d_]*)?(\.\d*)?([eE][-+]?\d+)?|0x[0-9a-f]+|0o[0-7]+|\.inf|\.nan)$/i;

/** Repository-relative path of a question file: `content/questions/<id>.md`. */
export function questionPath(id: string): string {
	return `content/questions/${id}.md`;
}

/** A YAML scalar that reads back as exactly `value`: plain when safe, otherwise double-quoted. */
export function yamlScalar(value: unknown): string {
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	if (value === null || value === undefined) return 'null';
	const text = String(value);
	if (PLAIN.test(text) && !RESERVED.test(text)) return text;
	// JSON strings are valid YAML double-quoted strings (same escapes), so this always round-trips.
	return JSON.stringify(text);
}

/** Always double-quoted, as the authoring guide asks for free text. */
function quoted(value: unknown): string {
	return JSON.stringify(String(value ?? ''));
}

function flowList(values: unknown): string {
	const list = Array.isArray(values) ? values : values === undefined ? [] : [values];
	return `[${list.map(yamlScalar).join(', ')}]`;
}

function mapping(value: Record<string, unknown>, order: readonly string[]): string {
	const keys = [
		...order.filter((key) => key in value),
		...Object.keys(value).filter((key) => !order.includes(key)),
	];
	return `{ ${keys.map((key) => `${key}: ${key === 'originalAnswer' ? quoted(value[key]) : yamlScalar(value[key])}`).join(', ')} }`;
}

/**
 * Serialises a question (or an import candidate's fields) to the file text. Keys come in
 * {@link FIELD_ORDER}; unknown keys follow, so the schema can still report them. Pure.
 * @example questionToFile(question) // "---\nid: tokens/x\nlesson: tokens\n…"
 */
export function questionToFile(
	question: { [key: string]: unknown; stem?: string; explanation?: string } | BankQuestion
): string {
	const {
		stem = '',
		explanation = '',
		...fields
	} = question as Record<string, unknown> & { stem?: string; explanation?: string };
	const keys = [
		...FIELD_ORDER.filter((key) => fields[key] !== undefined),
		...Object.keys(fields).filter(
			(key) => !(FIELD_ORDER as readonly string[]).includes(key) && fields[key] !== undefined
		),
	];
	const lines: string[] = [];
	for (const key of keys) {
		const value = fields[key];
		switch (key) {
			case 'topics':
			case 'exams':
			case 'domains':
			case 'answer':
				lines.push(`${key}: ${flowList(value)}`);
				break;
			case 'options':
			case 'targets':
				if (!Array.isArray(value) || value.length === 0) {
					lines.push(`${key}: ${Array.isArray(value) ? '[]' : yamlScalar(value)}`);
					break;
				}
				lines.push(`${key}:`);
				for (const option of value) {
					const record = (option ?? {}) as Record<string, unknown>;
					const optionKeys = [
						...OPTION_ORDER,
						...Object.keys(record).filter((k) => !(OPTION_ORDER as readonly string[]).includes(k)),
					];
					optionKeys
						.filter((optionKey) => record[optionKey] !== undefined)
						.forEach((optionKey, index) => {
							const item = record[optionKey];
							const rendered =
								optionKey === 'id' || typeof item === 'boolean' ? yamlScalar(item) : quoted(item);
							lines.push(`${index === 0 ? '  - ' : '    '}${optionKey}: ${rendered}`);
						});
				}
				break;
			case 'sources':
				if (!Array.isArray(value) || value.length === 0) {
					lines.push(`sources: ${Array.isArray(value) ? '[]' : quoted(value)}`);
					break;
				}
				lines.push('sources:');
				for (const source of Array.isArray(value) ? value : [value])
					lines.push(`  - ${quoted(source)}`);
				break;
			case 'fromNotes':
				lines.push(
					`fromNotes: ${typeof value === 'object' && value ? mapping(value as Record<string, unknown>, FROM_NOTES_ORDER) : yamlScalar(value)}`
				);
				break;
			default:
				lines.push(`${key}: ${Array.isArray(value) ? flowList(value) : yamlScalar(value)}`);
		}
	}
	const body = `${stem.trim()}\n\n## Explanation\n\n${explanation.trim()}\n`;
	return `---\n${lines.join('\n')}\n---\n${body}`;
}

/**
 * Parses a question file's text into frontmatter fields plus stem and explanation, without
 * validating them (run the schema or `checkContent` for that). Pure.
 */
export function fileToQuestion(
	path: string,
	text: string
):
	| { question: Record<string, unknown> & { stem: string; explanation: string } }
	| { error: string } {
	const split = splitFrontmatter(path, text);
	if ('error' in split) return split;
	const data =
		typeof split.data === 'object' && split.data !== null
			? (split.data as Record<string, unknown>)
			: {};
	return { question: { ...data, ...splitQuestionBody(split.body) } };
}

/** The file name a question is saved under: `<short-id>.md` (the part of the id after the lesson). */
export function questionFileName(id: string): string {
	return `${id.split('/').at(-1) || 'question'}.md`;
}

/** Plain copy of a question with keys in file order (for stable comparisons and exports). Pure. */
export function normaliseQuestion(question: BankQuestion): BankQuestion {
	const ordered: Record<string, unknown> = {};
	for (const key of FIELD_ORDER) if (question[key] !== undefined) ordered[key] = question[key];
	return {
		...(ordered as unknown as BankQuestion),
		stem: question.stem.trim(),
		explanation: question.explanation.trim(),
	};
}
