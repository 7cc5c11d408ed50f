/** The editor's side panel: the question as students see it, and the text of the file it downloads. */
import type { DraftQuestion } from '../../../lib/bank/question-draft';
import { questionPath } from '../../../lib/bank';
import QuestionPreview from '../QuestionPreview';

interface Props {
	question: DraftQuestion;
	/** The file text the download saves. */
	text: string;
	lessonTitle?: string;
	/** Whether lesson and short id are filled in (then the file's path is known). */
	named: boolean;
}

export function FilePreview({ question, text, lessonTitle, named }: Props) {
	return (
		<section class="editor-side" aria-labelledby="qe-preview-heading">
			<h3 id="qe-preview-heading">Preview: what students see</h3>
			<QuestionPreview idPrefix="qe-preview" lessonTitle={lessonTitle} question={question} />
			<details class="editor-file">
				<summary>
					The file it downloads (
					{named ? questionPath(question.id) : 'content/questions/<lesson>/<short-id>.md'})
				</summary>
				<pre tabIndex={0} aria-label="File text">
					<code>{text}</code>
				</pre>
			</details>
		</section>
	);
}
