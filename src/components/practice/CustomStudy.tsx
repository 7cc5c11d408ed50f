/** Custom study: pick questions by lesson, topic, type, difficulty, exam, or "answered wrong recently". */
import { useState } from 'preact/hooks';
import {
	filterQuestions,
	orderForStudy,
	type QuestionType,
	type StudyFilter,
} from '../../lib/quiz';
import { plural, type Practice } from './use-practice';

const TYPE_LABELS: Record<QuestionType, string> = {
	single: 'One answer',
	multi: 'Several answers',
	ordering: 'Put in order',
	matching: 'Match pairs',
};

function toggle<T>(list: T[], value: T): T[] {
	return list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
}

function CheckGroup<T extends string | number>({
	legend,
	values,
	selected,
	label,
	onChange,
}: {
	legend: string;
	values: readonly T[];
	selected: T[];
	label(value: T): string;
	onChange(next: T[]): void;
}) {
	return (
		<fieldset class="check-group">
			<legend>{legend}</legend>
			{values.map((value) => (
				<label key={String(value)} class="check">
					<input
						type="checkbox"
						checked={selected.includes(value)}
						onChange={() => onChange(toggle(selected, value))}
					/>
					{label(value)}
				</label>
			))}
		</fieldset>
	);
}

/** The custom-study form; `onStart` receives the chosen question ids in study order. */
export function CustomStudy({
	practice,
	onStart,
	onExit,
}: {
	practice: Practice;
	onStart(ids: string[], title: string): void;
	onExit(): void;
}) {
	const [lessons, setLessons] = useState<string[]>([]);
	const [topics, setTopics] = useState<string[]>([]);
	const [types, setTypes] = useState<QuestionType[]>([]);
	const [difficulties, setDifficulties] = useState<number[]>([]);
	const [exams, setExams] = useState<string[]>(practice.data.exam ? [practice.data.exam] : []);
	const [wrongOnly, setWrongOnly] = useState(false);
	const [wrongDays, setWrongDays] = useState(7);
	const [flaggedOnly, setFlaggedOnly] = useState(
		() => new URLSearchParams(location.search).get('flagged') === '1'
	);
	const [limit, setLimit] = useState(20);
	const questions = practice.bank.questions;
	const allTopics = [...new Set(questions.flatMap((q) => q.topics))].sort();
	const allExams = [...new Set(questions.flatMap((q) => q.exams))].sort();
	const filter: StudyFilter = {
		lessons,
		topics,
		types,
		difficulties,
		exams,
		wrongWithinDays: wrongOnly ? wrongDays : null,
		flaggedOnly,
	};
	const now = Date.now();
	const matches = filterQuestions(questions, filter, practice.cards, now);
	const lessonTitle = (slug: string) =>
		practice.bank.lessons.find((l) => l.slug === slug)?.title ?? slug;
	return (
		<section class="card custom" aria-labelledby="custom-heading">
			<h2 id="custom-heading">Custom study</h2>
			<p class="muted">
				Leave a group empty to include everything. Answers count as reviews for your schedule.
			</p>
			<form
				onSubmit={(event) => {
					event.preventDefault();
					const ids = orderForStudy(
						matches.map((q) => q.id),
						practice.cards,
						now,
						practice.data.settings
					).slice(0, Math.max(1, limit));
					if (ids.length) onStart(ids, 'Custom study');
				}}
			>
				<div class="filters">
					<CheckGroup
						legend="Lessons"
						values={practice.bank.lessons
							.filter((l) => questions.some((q) => q.lesson === l.slug))
							.map((l) => l.slug)}
						selected={lessons}
						label={lessonTitle}
						onChange={setLessons}
					/>
					<div>
						<CheckGroup
							legend="Type"
							values={['single', 'multi', 'ordering', 'matching'] as const}
							selected={types}
							label={(t) => TYPE_LABELS[t]}
							onChange={setTypes}
						/>
						<CheckGroup
							legend="Difficulty"
							values={[1, 2, 3]}
							selected={difficulties}
							label={(d) => ['Recall', 'Apply', 'Analyse'][d - 1]!}
							onChange={setDifficulties}
						/>
						<CheckGroup
							legend="Exam"
							values={allExams}
							selected={exams}
							label={(e) => e}
							onChange={setExams}
						/>
						<fieldset class="check-group">
							<legend>History</legend>
							<label class="check">
								<input
									type="checkbox"
									checked={wrongOnly}
									onChange={() => setWrongOnly(!wrongOnly)}
								/>
								Answered wrong in the last
							</label>{' '}
							<label>
								<span class="sr-only">Days</span>
								<input
									type="number"
									class="narrow"
									min={1}
									max={365}
									value={wrongDays}
									onInput={(e) => setWrongDays(Number(e.currentTarget.value) || 1)}
								/>
							</label>{' '}
							days
							<label class="check">
								<input
									type="checkbox"
									checked={flaggedOnly}
									onChange={() => setFlaggedOnly(!flaggedOnly)}
								/>
								Flagged questions only
							</label>
						</fieldset>
					</div>
					<details class="topics">
						<summary>Topics {topics.length > 0 && `(${topics.length} chosen)`}</summary>
						<CheckGroup
							legend="Topics"
							values={allTopics}
							selected={topics}
							label={(t) => t.replace(/-/g, ' ')}
							onChange={setTopics}
						/>
					</details>
				</div>
				<p role="status" aria-live="polite">
					<strong>{plural(matches.length, 'question')}</strong> match.
				</p>
				<div class="actions">
					<label>
						At most{' '}
						<input
							type="number"
							class="narrow"
							min={1}
							max={500}
							value={limit}
							onInput={(e) => setLimit(Number(e.currentTarget.value) || 1)}
						/>{' '}
						questions
					</label>
					<button type="submit" class="button" disabled={matches.length === 0}>
						Start custom study
					</button>
					<button type="button" class="button secondary" onClick={onExit}>
						Back
					</button>
				</div>
			</form>
		</section>
	);
}
