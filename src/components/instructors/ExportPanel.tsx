/**
 * In-browser export of the whole bank or a filter of it, to Moodle GIFT, an Anki TSV or CSV
 * (the same converters as `npm run questions:export`).
 */
import { useEffect, useState } from 'preact/hooks';
import {
	filterQuestions,
	questionsToAnki,
	questionsToCsv,
	questionsToGift,
	type BankQuestion,
} from '../../lib/bank';
import { downloadText } from '../../client/download';
import { fetchJson } from '../../client/fetch-json';
import '../questions/question-bank.css';
import './instructors.css';

interface Props {
	/** URL of the bank as authored (`{ questions: BankQuestion[] }`), loaded when the panel appears. */
	source: string;
	lessons: { slug: string; title: string }[];
	topics: readonly string[];
	exams: readonly string[];
}

const FORMATS = {
	gift: {
		label: 'Moodle GIFT (.gift)',
		extension: 'gift',
		run: questionsToGift,
		type: 'text/plain',
	},
	anki: {
		label: 'Anki notes (.tsv)',
		extension: 'tsv',
		run: questionsToAnki,
		type: 'text/tab-separated-values',
	},
	csv: { label: 'Spreadsheet (.csv)', extension: 'csv', run: questionsToCsv, type: 'text/csv' },
} as const;

/** The export island. */
export default function ExportPanel({ source, lessons, topics, exams }: Props) {
	const [questions, setQuestions] = useState<BankQuestion[] | undefined>();
	const [loadError, setLoadError] = useState<string | undefined>();
	useEffect(() => {
		fetchJson<{ questions: BankQuestion[] }>(source)
			.then((data) => setQuestions(data.questions))
			.catch((error: Error) =>
				setLoadError(
					`Could not load the bank (${error.message}). Use npm run questions:export instead.`
				)
			);
	}, [source]);
	const [format, setFormat] = useState<keyof typeof FORMATS>('gift');
	const [lesson, setLesson] = useState('');
	const [topic, setTopic] = useState('');
	const [type, setType] = useState('');
	const [difficulty, setDifficulty] = useState('');
	const [exam, setExam] = useState('');
	const chosen = filterQuestions(questions ?? [], {
		lesson,
		topic,
		type,
		exam,
		difficulty: difficulty ? Number(difficulty) : undefined,
	});
	const name = `cognito-questions${lesson ? `-${lesson}` : ''}.${FORMATS[format].extension}`;

	return (
		<form
			class="export-panel"
			onSubmit={(event) => {
				event.preventDefault();
				if (chosen.length) downloadText(name, FORMATS[format].run(chosen), FORMATS[format].type);
			}}
		>
			<fieldset class="field">
				<legend>Format</legend>
				<div class="choice-row">
					{(Object.keys(FORMATS) as (keyof typeof FORMATS)[]).map((key) => (
						<label class="choice">
							<input
								type="radio"
								name="export-format"
								value={key}
								checked={format === key}
								onChange={() => setFormat(key)}
							/>
							{FORMATS[key].label}
						</label>
					))}
				</div>
			</fieldset>
			<div class="bank-filters export-filters">
				<div class="bank-field">
					<label for="export-lesson">Lesson</label>
					<select
						id="export-lesson"
						value={lesson}
						onChange={(event) => setLesson(event.currentTarget.value)}
					>
						<option value="">All lessons</option>
						{lessons.map((item) => (
							<option value={item.slug}>{item.title}</option>
						))}
					</select>
				</div>
				<div class="bank-field">
					<label for="export-topic">Topic</label>
					<select
						id="export-topic"
						value={topic}
						onChange={(event) => setTopic(event.currentTarget.value)}
					>
						<option value="">All topics</option>
						{topics.map((item) => (
							<option value={item}>{item}</option>
						))}
					</select>
				</div>
				<div class="bank-field">
					<label for="export-type">Type</label>
					<select
						id="export-type"
						value={type}
						onChange={(event) => setType(event.currentTarget.value)}
					>
						<option value="">Any type</option>
						<option value="single">Single answer</option>
						<option value="multi">Multiple response</option>
					</select>
				</div>
				<div class="bank-field">
					<label for="export-difficulty">Difficulty</label>
					<select
						id="export-difficulty"
						value={difficulty}
						onChange={(event) => setDifficulty(event.currentTarget.value)}
					>
						<option value="">Any difficulty</option>
						<option value="1">1 · Recall</option>
						<option value="2">2 · Apply</option>
						<option value="3">3 · Analyse</option>
					</select>
				</div>
				<div class="bank-field">
					<label for="export-exam">Exam</label>
					<select
						id="export-exam"
						value={exam}
						onChange={(event) => setExam(event.currentTarget.value)}
					>
						<option value="">Any exam</option>
						{exams.map((item) => (
							<option value={item}>{item}</option>
						))}
					</select>
				</div>
			</div>
			<div class="editor-actions">
				<button type="submit" class="button" disabled={chosen.length === 0}>
					Download {chosen.length} question{chosen.length === 1 ? '' : 's'} as{' '}
					{FORMATS[format].extension.toUpperCase()}
				</button>
				<span role="status" class="muted">
					{loadError ??
						(!questions
							? 'Loading the bank…'
							: chosen.length === 0
								? 'No question matches these filters.'
								: name)}
				</span>
			</div>
		</form>
	);
}
