/** One exam-style question: the stem, options as radio buttons or check boxes, and after the reveal the marks and explanations. */
import type { Ref } from 'preact';
import { optionsToExplain, type BankQuestion, type GradeResult } from '../../lib/quiz';

interface Props {
	question: BankQuestion;
	/** Prefix for element ids, unique on the page. */
	idPrefix: string;
	selection: readonly string[];
	onToggle(optionId: string): void;
	/** The grading, once revealed; the options are then read-only and marked. */
	grade?: GradeResult | null;
	/** Shows the general explanation after the reveal (default true). */
	showExplanation?: boolean;
	/** Heading text above the stem, such as "Question 3 of 20". */
	heading: string;
	headingRef?: Ref<HTMLHeadingElement>;
	/** Extra line under the heading (lesson name, leech warning…). */
	meta?: preact.ComponentChildren;
}

const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six'];

/** Renders one question; the options become read-only and explained once `grade` is given. */
export function QuestionView({
	question,
	idPrefix,
	selection,
	onToggle,
	grade,
	showExplanation = true,
	heading,
	headingRef,
	meta,
}: Props) {
	const multi = question.type === 'multi';
	const explain = grade ? new Set(optionsToExplain(question, grade)) : new Set<string>();
	const instruction = multi
		? `Choose ${NUMBER_WORDS[question.answer.length] ?? question.answer.length} answers`
		: 'Choose one answer';
	return (
		<article class="question" aria-labelledby={`${idPrefix}-heading`}>
			<h2 id={`${idPrefix}-heading`} class="question-heading" tabIndex={-1} ref={headingRef}>
				{heading}
			</h2>
			{meta && <p class="question-meta muted">{meta}</p>}
			<div
				id={`${idPrefix}-stem`}
				class="question-stem"
				dangerouslySetInnerHTML={{ __html: question.stemHtml }}
			/>
			<fieldset class="options" aria-describedby={`${idPrefix}-stem`}>
				<legend class="options-legend">
					{instruction}
					<span class="muted"> · keys 1–{question.options.length}</span>
				</legend>
				{question.options.map((option, index) => {
					const checked = selection.includes(option.id);
					const inputId = `${idPrefix}-opt-${option.id}`;
					let status: string | null = null;
					let tone = '';
					if (grade) {
						if (option.correct && checked)
							[status, tone] = ['✓ Right answer, you chose it', 'right'];
						else if (option.correct) [status, tone] = ['✓ Right answer, you missed it', 'missed'];
						else if (checked) [status, tone] = ['✗ Wrong, you chose it', 'wrong'];
					}
					return (
						<div class={`option ${tone}`} key={option.id}>
							<label for={inputId} class="option-label">
								<input
									id={inputId}
									type={multi ? 'checkbox' : 'radio'}
									name={`${idPrefix}-options`}
									value={option.id}
									checked={checked}
									disabled={!!grade}
									onChange={() => onToggle(option.id)}
									aria-describedby={
										grade && (status || explain.has(option.id)) ? `${inputId}-why` : undefined
									}
								/>
								<span class="option-key" aria-hidden="true">
									{index + 1}
								</span>
								<span class="option-text" dangerouslySetInnerHTML={{ __html: option.html }} />
							</label>
							{grade && (status || explain.has(option.id)) && (
								<div class="option-why" id={`${inputId}-why`}>
									{status && <strong class="option-status">{status}. </strong>}
									{explain.has(option.id) && (
										<span dangerouslySetInnerHTML={{ __html: option.explanationHtml }} />
									)}
								</div>
							)}
						</div>
					);
				})}
			</fieldset>
			{grade && showExplanation && question.explanationHtml && (
				<section class="explanation" aria-label="Explanation">
					<h3>Explanation</h3>
					<div dangerouslySetInnerHTML={{ __html: question.explanationHtml }} />
					{question.sources.length > 0 && (
						<p class="sources muted">
							AWS documentation:{' '}
							{question.sources.map((url, i) => (
								<>
									{i > 0 && ', '}
									<a href={url} rel="noopener" target="_blank">
										{url
											.replace(/^https:\/\/docs\.aws\.amazon\.com\//, '')
											.replace(/\.html$/, '')
											.split('/')
											.pop()}
									</a>
								</>
							))}
						</p>
					)}
				</section>
			)}
		</article>
	);
}
