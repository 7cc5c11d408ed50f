/**
 * The live summary under the form: "No problems", how many fields are left, or (after a download
 * attempt) every problem with a link that moves focus to its field.
 */
import type { Ref } from 'preact';
import { fieldLabel, type DraftField } from '../../../lib/bank/draft-check';
import { EXAMS, TOPICS } from '../../../schemas/vocabulary';

interface Props {
	/** `[field, messages]` pairs in form order. */
	problems: Array<[DraftField, string[]]>;
	/** Whether a download was attempted (then each problem is listed). */
	submitted: boolean;
	/** Focused when a download attempt finds problems. */
	summaryRef: Ref<HTMLDivElement>;
}

/** Id of the control to focus for a field's problem. */
function controlId(key: DraftField): string {
	if (key === 'answer') return 'qe-right-0';
	if (key === 'topics') return `qe-topic-${TOPICS[0]}`;
	if (key === 'exams') return `qe-exam-${EXAMS[0]}`;
	if (key === 'domains') return 'qe-domains';
	if (key === 'type') return 'qe-type-single';
	if (key === 'form') return 'qe-lesson';
	return `qe-${key}`;
}

export function ProblemSummary({ problems, submitted, summaryRef }: Props) {
	return (
		<div
			ref={summaryRef}
			tabIndex={-1}
			class={`editor-summary${problems.length ? ' has-problems' : ' is-ok'}`}
			aria-live="polite"
		>
			{problems.length === 0 ? (
				<p>
					<strong>No problems.</strong> The file passes the same check as the build.
				</p>
			) : submitted ? (
				<>
					<h3>
						{problems.length} field{problems.length === 1 ? ' needs' : 's need'} fixing before the
						download
					</h3>
					<ul>
						{problems.map(([key, messages]) => (
							<li>
								<a
									href={`#${controlId(key)}`}
									onClick={(event) => {
										const control = document.getElementById(controlId(key));
										if (control) {
											event.preventDefault();
											control.focus();
										}
									}}
								>
									{fieldLabel(key)}
								</a>
								: {messages.join('; ')}
							</li>
						))}
					</ul>
				</>
			) : (
				<p>
					{problems.length} field{problems.length === 1 ? '' : 's'} still to complete.
				</p>
			)}
		</div>
	);
}
