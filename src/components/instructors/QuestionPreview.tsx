/**
 * The editor's live preview: the practice team's QuestionView (the component students answer in),
 * fed with the draft rendered and sanitised the way the build renders question files (Markdown via
 * marked, then DOMPurify), in a shuffled order as students see it ("Shuffle again" shows another).
 */
import { BASE_PATH } from '../../config/site';
import { sanitizeHtml } from '../../client/sanitize';
import { createMarkdownRenderer, withBaseLinks } from '../../lib/content/markdown';
import { useEffect, useState } from 'preact/hooks';
import {
	gradeAnswer,
	isComplete,
	presentation,
	updateResponse,
	type BankQuestion as QuizQuestion,
	type GradeResult,
	type QuestionType,
	type ResponseChange,
} from '../../lib/quiz';
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
		type: QuestionType;
		difficulty: number;
		topics: string[];
		exams: string[];
		stem: string;
		explanation: string;
		options: { id: string; text: string; explanation: string; pinned?: boolean }[];
		targets?: { id: string; text: string }[];
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
				correct:
					question.type === 'ordering' || question.type === 'matching'
						? true
						: question.answer.includes(option.id),
				...(option.pinned ? { pinned: true } : {}),
			};
		}),
		...(question.type === 'matching'
			? {
					targets: (question.targets ?? []).map((target) => ({
						id: target.id,
						html: inline(target.text || '…'),
						text: target.text,
					})),
				}
			: {}),
		answer: question.answer,
		sources: question.sources,
	};
}

/** Interactive preview of one question, answered like in Practice. */
export default function QuestionPreview({ idPrefix, lessonTitle, question }: Props) {
	const [selection, setSelection] = useState<string[]>([]);
	const [grade, setGrade] = useState<GradeResult | null>(null);
	const [seed, setSeed] = useState(1);
	const shape = `${question.type}:${question.options.length}:${question.targets?.length ?? 0}:${question.answer.join()}`;
	useEffect(() => {
		setSelection([]);
		setGrade(null);
	}, [shape]);
	const quiz = toQuizQuestion(question);
	const view = presentation(quiz, seed);
	const respond = (change: ResponseChange) =>
		setSelection((current) => updateResponse(quiz.type, current, change));

	// Keys 1–n pick options in the order shown, as in Practice (the component's legend announces them).
	return (
		<form
			class="card question-card"
			onKeyDown={(event) => {
				const key = Number(event.key);
				if (
					grade ||
					quiz.type === 'matching' ||
					!Number.isInteger(key) ||
					key < 1 ||
					key > view.options.length ||
					event.altKey ||
					event.ctrlKey ||
					event.metaKey
				)
					return;
				event.preventDefault();
				respond({ kind: 'pick', optionId: view.options[key - 1]! });
			}}
			onSubmit={(event) => {
				event.preventDefault();
				if (grade) {
					setGrade(null);
					setSelection([]);
				} else if (isComplete(quiz, selection)) setGrade(gradeAnswer(quiz, selection));
			}}
		>
			<QuestionView
				question={quiz}
				view={view}
				idPrefix={idPrefix}
				selection={selection}
				onRespond={respond}
				grade={grade}
				heading={grade ? (grade.correct ? '✓ Correct' : '✗ Incorrect') : 'Question'}
				meta={lessonTitle ?? 'Choose a lesson'}
			/>
			<div class="actions">
				<button type="submit" class="button" disabled={!grade && !isComplete(quiz, selection)}>
					{grade ? 'Try again' : 'Submit answer'}
				</button>
				<button
					type="button"
					class="button secondary"
					onClick={() => {
						setSeed((n) => n + 1);
						setSelection([]);
						setGrade(null);
					}}
				>
					Shuffle again
				</button>
			</div>
		</form>
	);
}
