/**
 * In-browser question editor for instructors: a form (no YAML), validated live with the same schema
 * and rules as the build (`checkDraft`, which runs `checkContent` from src/schemas), a student-view
 * preview, and a download of the finished `<short-id>.md` file for `content/questions/<lesson>/`.
 * The form state and its rules live in src/lib/bank (question-draft, draft-check); the parts of the
 * form are in ./editor.
 */
import { useMemo, useRef, useState } from 'preact/hooks';
import { fileToQuestion, questionFileName, questionPath } from '../../lib/bank';
import { checkDraft, problemsInFormOrder } from '../../lib/bank/draft-check';
import { EMPTY_DRAFT, questionToDraft, type QuestionDraft } from '../../lib/bank/question-draft';
import { downloadText } from '../../client/download';
import { AnswerEditor } from './editor/AnswerEditor';
import { ExamDomainsFields } from './editor/ExamDomainsFields';
import { FilePreview } from './editor/FilePreview';
import { IdentityFields } from './editor/IdentityFields';
import { ProblemSummary } from './editor/ProblemSummary';
import { TopicsField } from './editor/TopicsField';
import { useFieldProblems } from './editor/use-field-problems';
import '../questions/question-bank.css';
import './instructors.css';

interface Props {
	/** Lesson slugs with their titles, in course order. */
	lessons: { slug: string; title: string }[];
	/** Every id in the bank (ids are never reused). */
	existingIds: string[];
}

/** The editor island. */
export default function QuestionEditor({ lessons, existingIds }: Props) {
	const [draft, setDraft] = useState<QuestionDraft>(EMPTY_DRAFT);
	const [submitted, setSubmitted] = useState(false);
	const [saved, setSaved] = useState<string | undefined>();
	const [openProblem, setOpenProblem] = useState<string | undefined>();
	const summaryRef = useRef<HTMLDivElement>(null);
	const existing = useMemo(() => new Set(existingIds), [existingIds]);
	const { question, text, errors } = useMemo(() => checkDraft(draft, existing), [draft, existing]);
	const problems = useFieldProblems(errors, submitted);
	const { touch, invalid, describedBy, errorText } = problems;

	const onChange = (next: QuestionDraft) => {
		setSaved(undefined);
		setDraft(next);
	};
	const update = (patch: Partial<QuestionDraft>) => onChange({ ...draft, ...patch });
	const fieldProps = { draft, onChange, problems };

	const problemList = problemsInFormOrder(errors);
	const onDownload = (event: Event) => {
		event.preventDefault();
		setSubmitted(true);
		if (problemList.length > 0) {
			setSaved(undefined);
			requestAnimationFrame(() => summaryRef.current?.focus());
			return;
		}
		downloadText(questionFileName(question.id), text, 'text/markdown');
		setSaved(
			`Downloaded ${questionFileName(question.id)}. Save it as ${questionPath(question.id)} in the repository, then run npm run questions:check.`
		);
	};
	const onOpenFile = async (event: Event) => {
		const file = (event.currentTarget as HTMLInputElement).files?.[0];
		if (!file) return;
		const parsed = fileToQuestion(file.name, await file.text());
		if ('error' in parsed) {
			setOpenProblem(parsed.error);
			return;
		}
		setOpenProblem(undefined);
		setDraft(questionToDraft(parsed.question));
		setSubmitted(true);
		setSaved(undefined);
	};
	const onStartAgain = () => {
		setDraft(EMPTY_DRAFT);
		problems.forgetTouched();
		setSubmitted(false);
		setSaved(undefined);
	};

	return (
		<div class="editor">
			<form class="editor-form" noValidate onSubmit={onDownload} aria-describedby="qe-intro">
				<p id="qe-intro" class="muted">
					Every field is checked as you type, with the same rules as{' '}
					<code>npm run questions:check</code>. Problems show next to a field once you have left it.
				</p>
				<div class="field editor-open">
					<label for="qe-open">Edit an existing file (optional)</label>
					<input
						id="qe-open"
						type="file"
						accept=".md,text/markdown"
						aria-describedby="qe-open-hint"
						onChange={onOpenFile}
					/>
					<p id="qe-open-hint" class="field-hint">
						Open a question <code>.md</code> file to change it; download it again under the same
						name.
					</p>
					{openProblem && (
						<p class="field-error" role="alert">
							{openProblem}
						</p>
					)}
				</div>

				<fieldset class="editor-group">
					<legend>Identity</legend>
					<IdentityFields {...fieldProps} lessons={lessons} />
					<ExamDomainsFields {...fieldProps} />
					<TopicsField {...fieldProps} />
				</fieldset>

				<fieldset class="editor-group">
					<legend>Question</legend>
					<div class="field">
						<label for="qe-stem">Stem</label>
						<textarea
							id="qe-stem"
							rows={5}
							value={draft.stem}
							aria-invalid={invalid('stem')}
							aria-describedby={describedBy('stem', true)}
							onInput={(event) => update({ stem: event.currentTarget.value })}
							onBlur={touch('stem')}
						/>
						<p id="qe-stem-hint" class="field-hint">
							A realistic scenario (app, constraint) ending with a question. Markdown works (
							<code>`code`</code>, <code>**bold**</code>).
							{draft.type === 'multi' &&
								' "(Choose two.)" or "(Choose three.)" is added to match the answer if you leave it out.'}
						</p>
						{errorText('stem')}
					</div>
				</fieldset>

				<AnswerEditor {...fieldProps} />

				<fieldset class="editor-group">
					<legend>Explanation and sources</legend>
					<div class="field">
						<label for="qe-explanation">Explanation</label>
						<textarea
							id="qe-explanation"
							rows={4}
							value={draft.explanation}
							aria-invalid={invalid('explanation')}
							aria-describedby={describedBy('explanation', true)}
							onInput={(event) => update({ explanation: event.currentTarget.value })}
							onBlur={touch('explanation')}
						/>
						<p id="qe-explanation-hint" class="field-hint">
							One short paragraph: the principle that decides the question, and a link to the lesson
							section, e.g. <code>[Tokens](/learn/tokens/)</code>.
						</p>
						{errorText('explanation')}
					</div>
					<div class="field">
						<label for="qe-sources">Sources</label>
						<textarea
							id="qe-sources"
							rows={2}
							value={draft.sources}
							spellcheck={false}
							aria-invalid={invalid('sources')}
							aria-describedby={describedBy('sources', true)}
							onInput={(event) => update({ sources: event.currentTarget.value })}
							onBlur={touch('sources')}
						/>
						<p id="qe-sources-hint" class="field-hint">
							AWS documentation URLs (https://docs.aws.amazon.com/…), one per line.
						</p>
						{errorText('sources')}
					</div>
				</fieldset>

				<ProblemSummary problems={problemList} submitted={submitted} summaryRef={summaryRef} />
				<div class="editor-actions">
					<button type="submit" class="button">
						Download {draft.shortId ? questionFileName(question.id) : 'the .md file'}
					</button>
					<button type="button" class="button secondary" onClick={onStartAgain}>
						Start a new question
					</button>
				</div>
				<p role="status" class="editor-saved">
					{saved}
				</p>
			</form>

			<FilePreview
				question={question}
				text={text}
				lessonTitle={lessons.find((lesson) => lesson.slug === draft.lesson)?.title}
				named={!!(draft.lesson && draft.shortId)}
			/>
		</div>
	);
}
