/**
 * Anki export: a tab-separated file with Anki's header lines (`#separator:tab`, `#html:true`,
 * `#notetype`, `#columns`, `#guid column`, `#tags column`), one note per question. The front shows
 * the stem and lettered options; the back shows the answer, each option's explanation and the
 * overall explanation. Ordering questions show the steps in a fixed shuffle (seeded by the id, so the
 * file never gives the order away) and the back lists them in order; matching questions show the
 * lettered items and numbered targets, and the back lists each pair. Tags carry the lesson, topics,
 * type, difficulty and exams
 * (`lesson::tokens topic::jwt-verification type::multi difficulty::2 exam::DVA-C02`). Pure.
 */
import { seededRandom, shuffle } from '../quiz/random';
import { parseMatchPair } from '../../schemas/vocabulary';
import { inlineMarkdown, markdownToHtml } from './markdown';
import type { BankQuestion } from './types';

/** Column names written in the `#columns:` header. */
export const ANKI_COLUMNS = ['GUID', 'Front', 'Back', 'Tags'] as const;

/** A field value safe inside a TSV line: no tabs or line breaks (HTML breaks instead). */
function field(html: string): string {
	return html.replace(/\t/g, ' ').replace(/\r?\n/g, '<br>');
}

/** The tags of one question, space-separated, Anki hierarchical style. */
export function ankiTags(
	question: Pick<BankQuestion, 'lesson' | 'topics' | 'type' | 'difficulty' | 'exams'>
): string {
	return [
		`lesson::${question.lesson}`,
		...question.topics.map((topic) => `topic::${topic}`),
		`type::${question.type}`,
		`difficulty::${question.difficulty}`,
		...question.exams.map((exam) => `exam::${exam}`),
		'cognito-study',
	].join(' ');
}

/**
 * Exports questions as an Anki-importable TSV (File → Import in Anki 2.1.55+). Pure.
 * @example questionsToAnki(bank).split('\n')[0] // "#separator:tab"
 */
export function questionsToAnki(
	questions: readonly BankQuestion[],
	deck = 'Cognito Study'
): string {
	const header = [
		'#separator:tab',
		'#html:true',
		'#notetype:Basic',
		`#deck:${deck}`,
		`#columns:${ANKI_COLUMNS.join('\t')}`,
		'#guid column:1',
		'#tags column:4',
	];
	const notes = questions.map((question) => {
		const { front, back } = ankiSides(question);
		return [
			`cognito-study:${question.id}`,
			field(`${markdownToHtml(question.stem)}${front}`),
			field(`${back}${markdownToHtml(question.explanation)}`),
			ankiTags(question),
		].join('\t');
	});
	return `${[...header, ...notes].join('\n')}\n`;
}

const letter = (id: string) => id.toUpperCase();

/** A 32-bit hash of a string (FNV-1a), to seed the fixed shuffle of an ordering question's steps. */
function hashString(text: string): number {
	let hash = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
	return hash >>> 0;
}

/** The part of the front after the stem, and the back before the overall explanation. */
function ankiSides(question: BankQuestion): { front: string; back: string } {
	const explain = (id: string) =>
		inlineMarkdown(question.options.find((option) => option.id === id)?.explanation ?? '');
	const text = (id: string) =>
		inlineMarkdown(question.options.find((option) => option.id === id)?.text ?? id);
	if (question.type === 'ordering') {
		const shown = shuffle(question.options, seededRandom(hashString(question.id)));
		return {
			front: `<p><em>Put the steps in order.</em></p><ol type="A">${shown
				.map((option) => `<li>${inlineMarkdown(option.text)}</li>`)
				.join('')}</ol>`,
			back: `<p><strong>Order: ${question.answer
				.map((id) => letter(String.fromCharCode(97 + shown.findIndex((o) => o.id === id))))
				.join(', ')}</strong></p><ol>${question.answer
				.map((id) => `<li>${text(id)}: ${explain(id)}</li>`)
				.join('')}</ol>`,
		};
	}
	if (question.type === 'matching') {
		const targets = question.targets ?? [];
		const number = (id: string) => targets.findIndex((target) => target.id === id) + 1;
		const pairs = question.answer.map((pair) => parseMatchPair(pair)!).filter(Boolean);
		return {
			front: `<p><em>Match each item to a target.</em></p><ol type="A">${question.options
				.map((option) => `<li>${inlineMarkdown(option.text)}</li>`)
				.join('')}</ol><ol>${targets
				.map((target) => `<li>${inlineMarkdown(target.text)}</li>`)
				.join('')}</ol>`,
			back: `<p><strong>${pairs
				.map((pair) => `${letter(pair.option)} → ${number(pair.target)}`)
				.join(', ')}</strong></p><ul>${pairs
				.map(
					(pair) =>
						`<li><strong>${letter(pair.option)} → ${number(pair.target)}.</strong> ${explain(pair.option)}</li>`
				)
				.join('')}</ul>`,
		};
	}
	const choose = question.type === 'multi' ? '' : '<p><em>Choose one.</em></p>';
	return {
		front: `${choose}<ol type="A">${question.options
			.map((option) => `<li>${inlineMarkdown(option.text)}</li>`)
			.join('')}</ol>`,
		back: `<p><strong>Answer: ${question.answer.map(letter).join(', ')}</strong></p><ul>${question.options
			.map(
				(option) =>
					`<li><strong>${letter(option.id)}.</strong> ${inlineMarkdown(option.explanation)}</li>`
			)
			.join('')}</ul>`,
	};
}
