/**
 * In-browser import: pick a CSV or GIFT file; every question is validated with the build's rules.
 * Bad rows are all listed with their line numbers and nothing is offered; a clean file can be
 * downloaded as one `.md` file per question, or as one normalised GIFT file for `npm run questions:import`.
 */
import { useMemo, useState } from 'preact/hooks';
import {
	formatFromFileName,
	importQuestions,
	questionFileName,
	questionsToCsv,
	questionsToGift,
	scaffoldQuestion,
	type ImportResult,
} from '../../lib/bank';
import { downloadText } from '../../client/download';
import '../questions/question-bank.css';
import './instructors.css';

interface Props {
	/** Every id in the bank (an import may not reuse one). */
	existingIds: string[];
}

/** A CSV with every column and one example row per question type, to fill in a spreadsheet. */
function downloadTemplate(): void {
	const single = scaffoldQuestion({ lesson: 'tokens', id: 'example-single', topics: ['tokens'] });
	const multi = scaffoldQuestion({
		lesson: 'tokens',
		id: 'example-multi',
		type: 'multi',
		answer: ['a', 'c'],
		topics: ['tokens'],
	});
	downloadText('questions-template.csv', questionsToCsv([single, multi]), 'text/csv');
}

/** The import island. */
export default function ImportPanel({ existingIds }: Props) {
	const [result, setResult] = useState<(ImportResult & { name: string }) | undefined>();
	const [problem, setProblem] = useState<string | undefined>();
	const existing = useMemo(() => new Set(existingIds), [existingIds]);

	const onFile = async (event: Event) => {
		const file = (event.currentTarget as HTMLInputElement).files?.[0];
		setResult(undefined);
		setProblem(undefined);
		if (!file) return;
		const format = formatFromFileName(file.name);
		if (!format) {
			setProblem(`${file.name}: must end in .csv, .gift or .txt, found another kind of file`);
			return;
		}
		setResult({
			...importQuestions(await file.text(), { format, source: file.name, existingIds: existing }),
			name: file.name,
		});
	};

	return (
		<div class="import-panel">
			<div class="field">
				<label for="import-file">CSV or GIFT file</label>
				<input
					id="import-file"
					type="file"
					accept=".csv,.gift,.txt,text/csv,text/plain"
					aria-describedby="import-hint"
					onChange={onFile}
				/>
				<p id="import-hint" class="field-hint">
					Nothing leaves your browser. Every question is checked; if any is wrong, you get the full
					list and no files.
				</p>
				<p>
					<button type="button" class="button secondary" onClick={downloadTemplate}>
						Download a CSV template
					</button>
				</p>
			</div>
			<div role="status" aria-live="polite">
				{problem && <p class="field-error">{problem}</p>}
				{result && !result.ok && (
					<div class="import-report has-problems">
						<h4>
							{result.problems.length} problem{result.problems.length === 1 ? '' : 's'} in{' '}
							{result.name}; no files were made
						</h4>
						<ul>
							{result.problems.map((line) => (
								<li>
									<code>{line}</code>
								</li>
							))}
						</ul>
					</div>
				)}
				{result?.ok && (
					<div class="import-report is-ok">
						<h4>
							All {result.files.length} question{result.files.length === 1 ? '' : 's'} in{' '}
							{result.name} are valid
						</h4>
						<ul>
							{result.files.map((file) => (
								<li>
									<code>{file.path}</code>
								</li>
							))}
						</ul>
					</div>
				)}
			</div>
			{result?.ok && (
				<div class="editor-actions">
					<button
						type="button"
						class="button"
						onClick={() =>
							result.files.forEach((file, index) =>
								setTimeout(
									() =>
										downloadText(
											questionFileName(file.path.replace(/^content\/questions\/|\.md$/g, '')),
											file.text,
											'text/markdown'
										),
									index * 250
								)
							)
						}
					>
						Download {result.files.length} .md file{result.files.length === 1 ? '' : 's'}
					</button>
					<button
						type="button"
						class="button secondary"
						onClick={() => downloadText('questions-import.gift', questionsToGift(result.questions))}
					>
						Download as one GIFT file
					</button>
				</div>
			)}
		</div>
	);
}
