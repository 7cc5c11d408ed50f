/**
 * One question in the bank browser: its details, the stem and the options in a shuffled order (the
 * same seeded shuffle as Practice), and on demand the answer with every explanation.
 */
import { SeeItHappen } from '../simulator/SeeItHappen';
import { displayLetter, matchesOf, presentation, type BankQuestion } from '../../lib/quiz';

const DIFFICULTY = ['', 'Recall', 'Apply', 'Analyse'];
const TYPE_LABEL = { single: 'Single answer', ordering: 'Put in order', matching: 'Matching' };

interface Props {
	question: BankQuestion;
	seed: number | undefined;
	open: boolean;
	onToggle(): void;
	lessonTitle: string;
	lessonUrl: string | null;
}

export function BankQuestionCard({
	question,
	seed,
	open,
	onToggle,
	lessonTitle,
	lessonUrl,
}: Props) {
	const key = question.id.replace(/\W/g, '-');
	const view = presentation(question, seed ?? 0);
	const byId = new Map(question.options.map((option) => [option.id, option]));
	const letterOf = new Map(view.options.map((id, index) => [id, displayLetter(index)]));
	const targets = new Map((question.targets ?? []).map((target) => [target.id, target]));
	const numberOf = new Map(view.targets.map((id, index) => [id, index + 1]));
	const flow = question.type === 'ordering' || question.type === 'matching';
	const answerText =
		question.type === 'ordering'
			? question.answer.map((id) => letterOf.get(id)).join(', ')
			: question.type === 'matching'
				? [...matchesOf(question.answer)]
						.map(([option, target]) => `${letterOf.get(option)} → ${numberOf.get(target)}`)
						.join(', ')
				: view.options
						.filter((id) => question.answer.includes(id))
						.map((id) => letterOf.get(id))
						.join(', ');
	const pairs = matchesOf(question.answer);
	return (
		<article class="bank-question card" aria-labelledby={`bq-${key}`} tabIndex={-1}>
			<h2 id={`bq-${key}`} class="bank-question-title">
				<span class="bank-lesson">{lessonTitle}</span>
				<span class="bank-id">{question.id.split('/')[1]}</span>
			</h2>
			<ul class="bank-tags" aria-label="Details">
				<li>
					{question.type === 'multi'
						? `Choose ${question.answer.length}`
						: TYPE_LABEL[question.type]}
				</li>
				<li>
					Difficulty {question.difficulty} · {DIFFICULTY[question.difficulty]}
				</li>
				{question.exams.map((exam) => (
					<li>{exam}</li>
				))}
				{question.topics.map((topic) => (
					<li class="bank-topic">{topic}</li>
				))}
			</ul>
			<div class="bank-stem" dangerouslySetInnerHTML={{ __html: question.stemHtml }} />
			<ol class="bank-options">
				{view.options.map((id) => {
					const option = byId.get(id)!;
					const letter = letterOf.get(id)!;
					return (
						<li class={open && !flow ? (option.correct ? 'is-right' : 'is-wrong') : undefined}>
							<span class="bank-letter" aria-hidden="true">
								{letter}
							</span>
							<span class="bank-option-text">
								<span class="sr-only">{letter}. </span>
								<span dangerouslySetInnerHTML={{ __html: option.html }} />
							</span>
							{open && !flow && option.correct && <span class="bank-verdict">✓ Right answer</span>}
						</li>
					);
				})}
			</ol>
			{question.type === 'matching' && (
				<>
					<p class="bank-subheading">Targets</p>
					<ol class="bank-targets">
						{view.targets.map((id) => (
							<li dangerouslySetInnerHTML={{ __html: targets.get(id)!.html }} />
						))}
					</ol>
				</>
			)}
			<button
				type="button"
				class="button secondary bank-toggle"
				aria-expanded={open}
				aria-controls={`ba-${key}`}
				onClick={onToggle}
			>
				{open ? 'Hide answer' : 'Show answer and explanations'}
			</button>
			<div id={`ba-${key}`} class="bank-answer" hidden={!open}>
				{open && (
					<>
						<p class="bank-answer-key">
							<strong>
								{question.type === 'ordering' ? 'Order' : 'Answer'}: {answerText}
							</strong>
						</p>
						<ul class="bank-explanations">
							{(question.type === 'ordering' ? question.answer : view.options).map((id) => {
								const option = byId.get(id)!;
								const target = pairs.get(id);
								return (
									<li class={flow || option.correct ? 'is-right' : 'is-wrong'}>
										<strong>
											{letterOf.get(id)}
											{target ? ` → ${numberOf.get(target)}` : ''}.
										</strong>{' '}
										<span dangerouslySetInnerHTML={{ __html: option.explanationHtml }} />
									</li>
								);
							})}
						</ul>
						<h3 class="bank-subheading">Explanation</h3>
						<div dangerouslySetInnerHTML={{ __html: question.explanationHtml }} />
						<p class="bank-sources">
							Sources:{' '}
							{question.sources.map((url, index) => (
								<>
									{index > 0 && ', '}
									<a href={url}>
										{url
											.replace(/^https:\/\/(docs\.aws\.amazon\.com\/)?/, '')
											.replace(/\.html$/, '')}
									</a>
								</>
							))}
						</p>
						{lessonUrl && (
							<p class="bank-sources">
								Lesson: <a href={lessonUrl}>{lessonTitle}</a>
							</p>
						)}
						<SeeItHappen link={question.seeItHappen} />
					</>
				)}
			</div>
		</article>
	);
}
