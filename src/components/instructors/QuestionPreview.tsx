/**
 * The editor's live preview: the practice team's QuestionView (the component students answer in),
 * fed with the draft rendered and sanitised the way the build renders question files (Markdown via
 * marked, then DOMPurify).
 */
import { BASE_PATH } from '../../config/site';
import { sanitizeHtml } from '../../client/sanitize';
import { createMarkdownRenderer, withBaseLinks } from '../../lib/content/markdown';
import { useEffect, useState } from 'preact/hooks';
import { gradeAnswer, type BankQuestion as QuizQuestion, type GradeResult } from '../../lib/quiz';
import { QuestionView } from '../practice/QuestionView';
import '../practice/practice.css';

interface Props {
	/** Prefix for element ids, unique on the page. */
	idPrefix: string;
	/** Lesson title shown under the heading, as in a study session. */
	lessonTitle?: string;
	question: {
		id: string;
		lesson?: string;
		type: 'single' | 'multi';
		difficulty: number;
		topics: string[];
		exams: string[];
		stem: string;
		explanation: string;
		options: { id: string; text: string; explanation: string }[];
		answer: string[];
		sources: string[];
	};
}

// A draft is whatever was pasted or opened: sanitised like the build sanitises the bank.
const markdown = createMarkdownRenderer();
const block = (text: string) => withBaseLinks(sanitizeHtml(markdown.block(text)), BASE_PATH);
const inline = (text: string) => withBaseLinks(sanitizeHtml(markdown.inline(text)), BASE_PATH);

/** Converts the draft to the shape students' QuestionView renders. */
export function toQuizQuestion(question: Props['question']): QuizQuestion {
	return {
		id: question.id,
		lesson: question.lesson ?? '',
		topics: question.topics,
		type: question.type,
		difficulty: Math.min(3, Math.max(1, question.difficulty || 2)) as 1 | 2 | 3,
		exams: question.exams,
		stemHtml: block(question.stem || '*The stem appears here.*'),
		explanationHtml: block(question.explanation || '*The explanation appears here.*'),
		options: question.options.map((option) => {
			const html = inline(option.text || '…');
			return {
				id: option.id,
				html,
				text: option.text,
				explanationHtml: inline(option.explanation || '…'),
				correct: question.answer.includes(option.id),
			};
		}),
		answer: question.answer,
		sources: question.sources,
	};
}

/** Interactive preview of one question, answered like in Practice. */
export default function QuestionPreview({ idPrefix, lessonTitle, question }: Props) {
	const [selection, setSelection] = useState<string[]>([]);
	const [grade, setGrade] = useState<GradeResult | null>(null);
	const shape = `${question.type}:${question.options.length}:${question.answer.join()}`;
	useEffect(() => {
		setSelection([]);
		setGrade(null);
	}, [shape]);
	const quiz = toQuizQuestion(question);
	const toggle = (id: string) =>
		setSelection(
			question.type === 'multi'
				? selection.includes(id)
					? selection.filter((other) => other !== id)
					: [...selection, id]
				: [id]
		);

	// Keys 1–n pick options, as in Practice (the component's legend announces them).
	return (
		<form
			class="card question-card"
			onKeyDown={(event) => {
				const key = Number(event.key);
				if (
					grade ||
					!Number.isInteger(key) ||
					key < 1 ||
					key > quiz.options.length ||
					event.altKey ||
					event.ctrlKey ||
					event.metaKey
				)
					return;
				event.preventDefault();
				toggle(quiz.options[key - 1]!.id);
			}}
			onSubmit={(event) => {
				event.preventDefault();
				if (grade) {
					setGrade(null);
					setSelection([]);
				} else if (selection.length > 0) setGrade(gradeAnswer(quiz, selection));
			}}
		>
			<QuestionView
				question={quiz}
				idPrefix={idPrefix}
				selection={selection}
				onToggle={toggle}
				grade={grade}
				heading={grade ? (grade.correct ? '✓ Correct' : '✗ Incorrect') : 'Question'}
				meta={lessonTitle ?? 'Choose a lesson'}
			/>
			<div class="actions">
				<button type="submit" class="button" disabled={!grade && selection.length === 0}>
					{grade ? 'Try again' : 'Submit answer'}
				</button>
			</div>
		</form>
	);
}
