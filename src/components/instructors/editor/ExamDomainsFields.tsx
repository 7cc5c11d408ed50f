/**
 * The exams a question suits and, for each exam ticked, its domains from the exam guide (the mock
 * exam weights its draw by them).
 */
import { toggled, type QuestionDraft } from '../../../lib/bank/question-draft';
import { EXAM_DOMAINS, EXAMS } from '../../../schemas/vocabulary';
import type { FieldProblems } from './use-field-problems';

interface Props {
	draft: QuestionDraft;
	onChange(draft: QuestionDraft): void;
	problems: FieldProblems;
}

export function ExamDomainsFields({ draft, onChange, problems }: Props) {
	const { touch, invalid, describedBy, errorText } = problems;
	return (
		<>
			<fieldset
				class="field"
				aria-describedby={describedBy('exams')}
				aria-invalid={invalid('exams')}
				onFocusOut={touch('exams')}
			>
				<legend>Exams it suits</legend>
				<div class="choice-row">
					{EXAMS.map((exam) => (
						<label class="choice">
							<input
								id={`qe-exam-${exam}`}
								type="checkbox"
								checked={draft.exams.includes(exam)}
								onChange={(event) =>
									onChange({
										...draft,
										exams: toggled(draft.exams, exam, event.currentTarget.checked),
									})
								}
							/>
							{exam}
						</label>
					))}
				</div>
				{errorText('exams')}
			</fieldset>
			<fieldset
				id="qe-domains"
				tabIndex={-1}
				class="field"
				aria-describedby={describedBy('domains', true)}
				aria-invalid={invalid('domains')}
				onFocusOut={touch('domains')}
			>
				<legend>Exam domains (from the exam guides)</legend>
				<p id="qe-domains-hint" class="field-hint">
					{draft.exams.length
						? 'At least one for each exam; the mock exam weights its draw by them.'
						: 'Choose the exams first.'}
				</p>
				{EXAMS.filter((exam) => draft.exams.includes(exam)).map((exam) => (
					<div class="choice-row" role="group" aria-label={`${exam} domains`}>
						{EXAM_DOMAINS[exam].map(({ number, name }) => (
							<label class="choice">
								<input
									type="checkbox"
									checked={draft.domains.includes(`${exam}/${number}`)}
									onChange={(event) =>
										onChange({
											...draft,
											domains: toggled(
												draft.domains,
												`${exam}/${number}`,
												event.currentTarget.checked
											),
										})
									}
								/>
								{exam} {number}: {name}
							</label>
						))}
					</div>
				))}
				{errorText('domains')}
			</fieldset>
		</>
	);
}
