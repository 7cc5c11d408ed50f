/** The editor's "Identity" fields: lesson, short id, question type and difficulty. */
import { withType, type QuestionDraft } from '../../../lib/bank/question-draft';
import type { DraftFieldProps } from './use-field-problems';

const TYPE_LABELS: Record<QuestionDraft['type'], string> = {
	single: 'Single answer (4 options)',
	multi: 'Multiple response (5–6 options)',
	ordering: 'Ordering (3–6 steps to put in order)',
	matching: 'Matching (3–6 items to 3–8 targets)',
};

interface Props extends DraftFieldProps {
	/** Lesson slugs with their titles, in course order. */
	lessons: { slug: string; title: string }[];
}

export function IdentityFields({ draft, onChange, problems, lessons }: Props) {
	const { touch, invalid, describedBy, errorText } = problems;
	return (
		<>
			<div class="field-row">
				<div class="field">
					<label for="qe-lesson">Lesson</label>
					<select
						id="qe-lesson"
						value={draft.lesson}
						aria-invalid={invalid('lesson')}
						aria-describedby={describedBy('lesson')}
						onChange={(event) => onChange({ ...draft, lesson: event.currentTarget.value })}
						onBlur={touch('lesson')}
					>
						<option value="">Choose a lesson…</option>
						{lessons.map((lesson) => (
							<option value={lesson.slug}>{lesson.title}</option>
						))}
					</select>
					{errorText('lesson')}
				</div>
				<div class="field">
					<label for="qe-shortId">Short id</label>
					<input
						id="qe-shortId"
						type="text"
						value={draft.shortId}
						spellcheck={false}
						autoComplete="off"
						aria-invalid={invalid('shortId')}
						aria-describedby={describedBy('shortId', true)}
						onInput={(event) => onChange({ ...draft, shortId: event.currentTarget.value })}
						onBlur={touch('shortId')}
					/>
					<p id="qe-shortId-hint" class="field-hint">
						kebab-case, says what the question is about, e.g. <code>id-token-in-logins-map</code>.
						The full id is{' '}
						<code>{`${draft.lesson || '<lesson>'}/${draft.shortId || '<short-id>'}`}</code>; it
						never changes and is never reused.
					</p>
					{errorText('shortId')}
				</div>
			</div>
			<div class="field-row">
				<fieldset class="field" aria-describedby={describedBy('type')}>
					<legend>Type</legend>
					<div class="choice-row">
						{(['single', 'multi', 'ordering', 'matching'] as const).map((type) => (
							<label class="choice">
								<input
									id={`qe-type-${type}`}
									type="radio"
									name="qe-type"
									value={type}
									checked={draft.type === type}
									onChange={() => onChange(withType(draft, type))}
								/>
								{TYPE_LABELS[type]}
							</label>
						))}
					</div>
					{errorText('type')}
				</fieldset>
				<div class="field">
					<label for="qe-difficulty">Difficulty</label>
					<select
						id="qe-difficulty"
						value={draft.difficulty}
						aria-invalid={invalid('difficulty')}
						aria-describedby={describedBy('difficulty')}
						onChange={(event) => onChange({ ...draft, difficulty: event.currentTarget.value })}
					>
						<option value="1">1 · Recall a fact</option>
						<option value="2">2 · Apply it to a scenario</option>
						<option value="3">3 · Analyse or compare options</option>
					</select>
					{errorText('difficulty')}
				</div>
			</div>
		</>
	);
}
