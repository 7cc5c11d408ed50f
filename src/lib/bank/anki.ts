/**
 * Anki export: a tab-separated file with Anki's header lines (`#separator:tab`, `#html:true`,
 * `#notetype`, `#columns`, `#guid column`, `#tags column`), one note per question. The front shows
 * the stem and lettered options; the back shows the answer, each option's explanation and the
 * overall explanation. Tags carry the lesson, topics, type, difficulty and exams
 * (`lesson::tokens topic::jwt-verification type::multi difficulty::2 exam::DVA-C02`). Pure.
 */
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
		const letter = (id: string) => id.toUpperCase();
		const choose = question.type === 'multi' ? '' : '<p><em>Choose one.</em></p>';
		const front = `${markdownToHtml(question.stem)}${choose}<ol type="A">${question.options
			.map((option) => `<li>${inlineMarkdown(option.text)}</li>`)
			.join('')}</ol>`;
		const back = `<p><strong>Answer: ${question.answer.map(letter).join(', ')}</strong></p><ul>${question.options
			.map(
				(option) =>
					`<li><strong>${letter(option.id)}.</strong> ${inlineMarkdown(option.explanation)}</li>`
			)
			.join('')}</ul>${markdownToHtml(question.explanation)}`;
		return [`cognito-study:${question.id}`, field(front), field(back), ankiTags(question)].join(
			'\t'
		);
	});
	return `${[...header, ...notes].join('\n')}\n`;
}
