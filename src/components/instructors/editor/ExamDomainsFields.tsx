/**
 * The exams a question suits and, for each exam ticked, its domains from the exam guide (the mock
 * exam weights its draw by them).
 */
import { EXAM_DOMAINS, EXAMS } from '../../../schemas/vocabulary';
import { TickBoxes } from './TickBoxes';
import type { DraftFieldProps } from './use-field-problems';

const EXAM_ITEMS = EXAMS.map((exam) => ({ value: exam, label: exam, id: `qe-exam-${exam}` }));

export function ExamDomainsFields({ draft, onChange, problems }: DraftFieldProps) {
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
					<TickBoxes
						items={EXAM_ITEMS}
						chosen={draft.exams}
						onChange={(exams) => onChange({ ...draft, exams })}
					/>
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
						<TickBoxes
							items={EXAM_DOMAINS[exam].map(({ number, name }) => ({
								value: `${exam}/${number}`,
								label: `${exam} ${number}: ${name}`,
							}))}
							chosen={draft.domains}
							onChange={(domains) => onChange({ ...draft, domains })}
						/>
					</div>
				))}
				{errorText('domains')}
			</fieldset>
		</>
	);
}
