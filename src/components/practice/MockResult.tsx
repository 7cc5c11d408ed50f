/**
 * The result of a mock exam: the scaled score against the exam's pass line, right answers by exam-guide
 * domain and by lesson, and a review of every question with filters (wrong only, flagged only, by lesson).
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import {
	EXAM_FORMATS,
	filterMockItems,
	presentation,
	SCALED,
	type MockExamState,
	type MockGroupResult,
	type MockResult,
} from '../../lib/quiz';
import { EXAM_DOMAINS, type Exam } from '../../schemas/vocabulary';
import { mockSeed } from './MockExam';
import { QuestionView } from './QuestionView';
import { plural, type Practice } from './use-practice';

function domainName(key: string): string {
	const [exam, number] = key.split('/') as [Exam, string];
	const domain = EXAM_DOMAINS[exam]?.find((d) => String(d.number) === number);
	return domain ? `${number}. ${domain.name} (${domain.weight} %)` : key;
}

function GroupTable({
	caption,
	heading,
	rows,
	name,
}: {
	caption: string;
	heading: string;
	rows: MockGroupResult[];
	name(key: string): string;
}) {
	return (
		<div class="table-scroll">
			<table>
				<caption class="sr-only">{caption}</caption>
				<thead>
					<tr>
						<th scope="col">{heading}</th>
						<th scope="col">Right</th>
						<th scope="col">Share</th>
					</tr>
				</thead>
				<tbody>
					{rows.map((row) => (
						<tr key={row.key}>
							<th scope="row">{name(row.key)}</th>
							<td>
								{row.correct} of {row.total}
							</td>
							<td>{Math.round((row.correct / row.total) * 100)} %</td>
						</tr>
					))}
				</tbody>
			</table>
		</div>
	);
}

export function MockResultView({
	practice,
	state,
	result,
	onNew,
	onExit,
}: {
	practice: Practice;
	state: MockExamState;
	result: MockResult;
	onNew(): void;
	onExit(): void;
}) {
	const headingRef = useRef<HTMLHeadingElement>(null);
	const [wrongOnly, setWrongOnly] = useState(false);
	const [flaggedOnly, setFlaggedOnly] = useState(false);
	const [lesson, setLesson] = useState('');
	useEffect(() => headingRef.current?.focus(), []);
	const title = (slug: string) => practice.bank.lessons.find((l) => l.slug === slug)?.title ?? slug;
	const x = (score: number) => ((score - SCALED.min) / (SCALED.max - SCALED.min)) * 100;
	const shown = filterMockItems(result.items, { wrongOnly, flaggedOnly, lesson: lesson || null });
	const exam = result.exam ? `${result.exam} ` : '';
	return (
		<section class="mock-result" aria-labelledby="result-heading">
			<div class="card">
				<h2 id="result-heading" tabIndex={-1} ref={headingRef}>
					{exam}Mock exam result: {result.scaled} — {result.passed ? 'pass' : 'below the pass line'}
				</h2>
				<p>
					<strong>{result.scaled}</strong> out of 1000 (pass line {result.pass}
					{result.exam ? ` for ${result.exam} ${EXAM_FORMATS[result.exam].title}` : ''}).{' '}
					{result.correct} of {result.total} right
					{result.answered < result.total && `, ${result.total - result.answered} not answered`}, in{' '}
					{Math.round(result.durationMs / 60000)} min
					{state.timedOut && ' (time ran out)'}.
				</p>
				<div class="score-scale">
					<svg
						class="score-bar"
						viewBox="0 0 100 14"
						preserveAspectRatio="none"
						role="img"
						aria-label={`Scaled score ${result.scaled} on a scale from 100 to 1000; pass line ${result.pass}`}
					>
						<rect x="0" y="3" width="100" height="8" class="track" />
						<rect
							x="0"
							y="3"
							width={x(result.scaled)}
							height="8"
							class={result.passed ? 'fill pass' : 'fill'}
						/>
						<line x1={x(result.pass)} x2={x(result.pass)} y1="0" y2="14" class="target" />
					</svg>
					<div class="score-ticks" aria-hidden="true">
						<span>100</span>
						<span style={{ left: `${x(result.pass)}%` }}>pass {result.pass}</span>
						<span>1000</span>
					</div>
				</div>
				<p class="muted small">
					The scaled score is this site’s estimate: {result.pass / 10} % right maps to {result.pass}{' '}
					and the scale is linear on each side. AWS does not publish its scaling, and its exams also
					carry 15 unscored questions.
				</p>
				<div class="actions">
					<button type="button" class="button" onClick={onNew}>
						New mock exam
					</button>
					<button type="button" class="button secondary" onClick={onExit}>
						Practice home
					</button>
				</div>
			</div>
			{result.byDomain.length > 0 ? (
				<>
					<h3>By exam-guide domain</h3>
					<GroupTable
						caption="Right answers by exam-guide domain"
						heading="Domain"
						rows={result.byDomain}
						name={domainName}
					/>
				</>
			) : (
				result.exam && (
					<p class="muted">
						No breakdown by domain: the questions do not name their {result.exam} domains yet.
					</p>
				)
			)}
			<h3>By lesson</h3>
			<GroupTable
				caption="Right answers by lesson"
				heading="Lesson"
				rows={result.byLesson}
				name={title}
			/>
			<h3 id="review-heading">Review your answers</h3>
			<form
				class="review-filters"
				aria-labelledby="review-heading"
				onSubmit={(e) => e.preventDefault()}
			>
				<label class="check">
					<input type="checkbox" checked={wrongOnly} onChange={() => setWrongOnly(!wrongOnly)} />
					Wrong only
				</label>
				<label class="check">
					<input
						type="checkbox"
						checked={flaggedOnly}
						onChange={() => setFlaggedOnly(!flaggedOnly)}
					/>
					Flagged only
				</label>
				<label>
					Lesson{' '}
					<select value={lesson} onChange={(e) => setLesson(e.currentTarget.value)}>
						<option value="">All lessons</option>
						{result.byLesson.map((row) => (
							<option value={row.key} key={row.key}>
								{title(row.key)}
							</option>
						))}
					</select>
				</label>
				<p role="status" class="muted">
					Showing {plural(shown.length, 'question')} of {result.total}.
				</p>
			</form>
			<ol class="review-list">
				{shown.map(({ item, index }) => {
					const question = practice.questions.get(item.questionId)!;
					return (
						<li key={item.questionId} value={index + 1}>
							<details class="card">
								<summary>
									Question {index + 1}:{' '}
									{item.grade.correct ? '✓ right' : item.answered ? '✗ wrong' : '— not answered'}
									{item.flagged && ' · flagged'} · <span class="muted">{title(item.lesson)}</span>
								</summary>
								<QuestionView
									question={question}
									view={presentation(question, mockSeed(state, item.questionId))}
									idPrefix={`review-${index}`}
									selection={item.grade.picked}
									onRespond={() => {}}
									grade={item.grade}
									heading={`Question ${index + 1}`}
								/>
							</details>
						</li>
					);
				})}
			</ol>
		</section>
	);
}
