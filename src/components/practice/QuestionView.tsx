/**
 * One exam-style question in the order the learner sees it (`view`, a seeded shuffle): the stem, the
 * response controls for its type, and after the reveal the marks and every explanation.
 */
import { SeeItHappen } from '../simulator/SeeItHappen';
import type { Ref } from 'preact';
import type { BankQuestion, GradeResult, Presentation, ResponseChange } from '../../lib/quiz';
import { ChoiceOptions } from './ChoiceOptions';
import { MatchingItems } from './MatchingItems';
import { OrderingSteps } from './OrderingSteps';

/** What every response control receives. */
export interface ResponseProps {
	question: BankQuestion;
	view: Presentation;
	idPrefix: string;
	/** The response so far (option ids, steps in order, or pairs). */
	selection: readonly string[];
	onRespond(change: ResponseChange): void;
	/** The grading once revealed; the controls are then read-only and explained. */
	grade?: GradeResult | null;
}

interface Props extends ResponseProps {
	/** Shows the general explanation after the reveal (default true). */
	showExplanation?: boolean;
	/** Heading text above the stem, such as "Question 3 of 20". */
	heading: string;
	headingRef?: Ref<HTMLHeadingElement>;
	/** Extra line under the heading (lesson name, leech warning…). */
	meta?: preact.ComponentChildren;
}

/** Renders one question; the controls become read-only and explained once `grade` is given. */
export function QuestionView({
	showExplanation = true,
	heading,
	headingRef,
	meta,
	...response
}: Props) {
	const { question, idPrefix, grade } = response;
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
			{question.type === 'ordering' ? (
				<OrderingSteps {...response} />
			) : question.type === 'matching' ? (
				<MatchingItems {...response} />
			) : (
				<ChoiceOptions {...response} />
			)}
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
					<SeeItHappen link={question.seeItHappen} />
				</section>
			)}
		</article>
	);
}
