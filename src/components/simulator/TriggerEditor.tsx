/**
 * Edits a scenario's Lambda function code with CodeMirror 6 (JavaScript) and deploys it into the sandbox worker.
 * CodeMirror is imported on first render, so pages that never open the editor do not load it.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ScenarioFunction } from '../../lib/simulator';

interface Props {
	functions: readonly ScenarioFunction[];
	/** Code currently deployed in the sandbox, by ARN. */
	deployed: Readonly<Record<string, string>>;
	onDeploy(arn: string, code: string): Promise<void>;
}

type EditorHandle = { getCode(): string; setCode(code: string): void; destroy(): void };

/** Function picker, code editor, Deploy and Restore original. */
export function TriggerEditor({ functions, deployed, onDeploy }: Props) {
	const [arn, setArn] = useState(functions[0]?.arn ?? '');
	const [message, setMessage] = useState('');
	const [loading, setLoading] = useState(true);
	const host = useRef<HTMLDivElement>(null);
	const editor = useRef<EditorHandle | null>(null);
	const fn = functions.find((item) => item.arn === arn) ?? functions[0];
	const code = fn ? (deployed[fn.arn] ?? fn.code) : '';
	// What the sandbox runs, read when the editor finishes loading (the status may arrive before or after).
	const latestCode = useRef(code);
	latestCode.current = code;
	const [edited, setEdited] = useState(false);

	useEffect(() => {
		if (!functions.some((item) => item.arn === arn)) setArn(functions[0]?.arn ?? '');
	}, [functions]);

	useEffect(() => {
		let cancelled = false;
		(async () => {
			const [
				{ EditorView, basicSetup },
				{ javascript },
				{ HighlightStyle, syntaxHighlighting },
				{ tags },
			] = await Promise.all([
				import('codemirror'),
				import('@codemirror/lang-javascript'),
				import('@codemirror/language'),
				import('@lezer/highlight'),
			]);
			// Colours come from CSS custom properties, so the editor follows the site's light and dark themes.
			const highlight = HighlightStyle.define([
				{
					tag: [tags.keyword, tags.controlKeyword, tags.operatorKeyword, tags.modifier],
					color: 'var(--cm-keyword)',
				},
				{ tag: [tags.string, tags.special(tags.string), tags.regexp], color: 'var(--cm-string)' },
				{
					tag: [tags.comment, tags.lineComment, tags.blockComment],
					color: 'var(--cm-comment)',
					fontStyle: 'italic',
				},
				{ tag: [tags.number, tags.bool, tags.null, tags.atom], color: 'var(--cm-number)' },
				{
					tag: [tags.definition(tags.variableName), tags.function(tags.variableName)],
					color: 'var(--cm-def)',
				},
				{ tag: [tags.propertyName], color: 'var(--cm-property)' },
			]);
			if (cancelled || !host.current) return;
			const view = new EditorView({
				doc: latestCode.current,
				parent: host.current,
				extensions: [
					basicSetup,
					javascript(),
					syntaxHighlighting(highlight),
					EditorView.contentAttributes.of({ 'aria-label': 'Trigger code (JavaScript)' }),
					EditorView.lineWrapping,
					EditorView.updateListener.of((update) => {
						if (update.docChanged) setEdited(update.state.doc.toString() !== latestCode.current);
					}),
				],
			});
			editor.current = {
				getCode: () => view.state.doc.toString(),
				setCode: (next) =>
					view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: next } }),
				destroy: () => view.destroy(),
			};
			setLoading(false);
		})();
		return () => {
			cancelled = true;
			editor.current?.destroy();
			editor.current = null;
		};
	}, []);

	// The editor shows what the sandbox runs: on load, when the learner picks another function, and when the
	// sandbox's copy changes (a reload restores the deployed code after the editor has mounted).
	useEffect(() => {
		if (editor.current && editor.current.getCode() !== code) editor.current.setCode(code);
		setEdited(false);
	}, [arn, code, loading]);
	useEffect(() => setMessage(''), [arn]);

	if (!fn) return <p class="muted">This scenario defines no Lambda functions.</p>;

	async function deploy() {
		const source = editor.current?.getCode() ?? code;
		setMessage('Deploying…');
		await onDeploy(fn!.arn, source);
		setMessage(`Deployed ${fn!.name}. Run a step to invoke it.`);
		setEdited(false);
	}

	return (
		<div class="trigger-editor">
			<div class="field-row">
				<label for="trigger-function">Function</label>
				<select
					id="trigger-function"
					value={fn.arn}
					onChange={(event) => setArn((event.target as HTMLSelectElement).value)}
				>
					{functions.map((item) => (
						<option key={item.arn} value={item.arn}>
							{item.name}
						</option>
					))}
				</select>
			</div>
			<p class="small muted">
				<code>{fn.arn}</code>. Runs isolated (QuickJS) with a 5-second limit;{' '}
				<code>console.log</code> goes to the event log.
			</p>
			<div class="code-host" ref={host} data-testid="trigger-code">
				{loading && (
					<textarea
						class="code-fallback"
						aria-label="Trigger code (loading editor)"
						value={code}
						readOnly
						rows={10}
					/>
				)}
			</div>
			<div class="button-row">
				<button type="button" class="button" onClick={deploy} disabled={loading}>
					Deploy
				</button>
				<button
					type="button"
					class="button secondary"
					disabled={loading}
					onClick={async () => {
						editor.current?.setCode(fn.code);
						await onDeploy(fn.arn, fn.code);
						setMessage(`Restored and deployed the original ${fn.name}.`);
					}}
				>
					Restore original
				</button>
			</div>
			<p class="small" role="status">
				{edited
					? 'Edited, not deployed: steps still run the deployed code until you press Deploy.'
					: message}
			</p>
		</div>
	);
}
