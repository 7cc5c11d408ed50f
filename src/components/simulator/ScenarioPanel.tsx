/**
 * The guided scenario: the picker (each scenario has its own page), the introduction, the learner's variants,
 * Run all / Reset and the step list. A step can ask for a prediction before it runs, and its request can be
 * edited. `?step=<id>` (from a question's "See it happen") brings that step into view; `#variant=…` opens a shared
 * variant. State and actions come from {@link useScenarioSession}.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { withBase } from '../../config/site';
import type { ScenarioStep, StepResult } from '../../lib/simulator';
import { Outcome } from './ConsolePanel';
import { PredictChoice } from './PredictChoice';
import { RequestEditor } from './RequestEditor';
import type { ScenarioSession, ScenarioSummary } from './use-scenario-session';
import { VariantsPanel } from './VariantsPanel';

interface Props {
	/** Every published scenario, for the picker. */
	catalog: readonly ScenarioSummary[];
	run: ScenarioSession;
	/** Whether the sandbox worker is ready. */
	ready: boolean;
	/** Reset the sandbox with the current seed. */
	onReset(): void;
}

export const SYNC_NOTICE =
	'Amazon Cognito Sync is closed to new customers since 30 July 2026; existing customers can keep using it. AWS AppSync is its successor for syncing app data.';

/** Picker, introduction, variants and steps (the panel's heading is the shell's). */
export function ScenarioPanel({ catalog, run, ready, onReset }: Props) {
	const { session, scenario, busy } = run;
	const idle = ready && !busy;
	const [notice, setNotice] = useState('');
	const passedCount = scenario
		? scenario.steps.filter((step) => session.steps[step.id]?.passed).length
		: 0;
	const focusedStep = useFocusedStep(scenario?.steps);
	useSharedVariant(run, ready, setNotice);

	return (
		<>
			{run.unknownScenario && (
				<p class="sim-notice">There is no scenario "{run.unknownScenario}"; pick one below.</p>
			)}
			<ScenarioPicker
				catalog={catalog}
				current={session.scenarioId}
				onChoose={run.chooseScenario}
			/>
			{scenario ? (
				<>
					<div class="scenario-intro" dangerouslySetInnerHTML={{ __html: scenario.introHtml }} />
					{scenario.lessons.includes('cognito-sync-and-appsync') && (
						<p class="sim-notice">{SYNC_NOTICE}</p>
					)}
					<VariantsPanel
						scenarioId={scenario.id}
						current={run.variantNow}
						activeName={session.variant?.name}
						onOpen={run.openVariant}
						onOriginal={run.openOriginal}
						disabled={!idle}
					/>
					{notice && (
						<p class="sim-notice" role="status">
							{notice}
						</p>
					)}
					<div class="button-row">
						<button type="button" class="button" onClick={run.runAll} disabled={!idle}>
							Run all
						</button>
						<button type="button" class="button secondary" onClick={onReset} disabled={!idle}>
							Reset
						</button>
						<span class="small muted">
							{passedCount} of {scenario.steps.length} steps as expected
						</span>
					</div>
					<p class="small muted">
						Reset starts the scenario again in an empty sandbox (same seed). Run all runs the steps
						that have not run, without predictions.
					</p>
					{busy && (
						<p class="small busy" aria-hidden="true">
							{busy}
						</p>
					)}
					{run.setupError && (
						<p class="error-text" role="alert">
							{run.setupError}
						</p>
					)}
					<ol class="steps">
						{scenario.steps.map((step, index) => (
							<StepItem
								key={step.id}
								step={step}
								index={index}
								run={run}
								idle={idle}
								focused={focusedStep === step.id}
							/>
						))}
					</ol>
				</>
			) : (
				<ScenarioList catalog={catalog} />
			)}
		</>
	);
}

/** Goes to a scenario's page (a form, so choosing does not navigate until the learner asks). */
function ScenarioPicker({
	catalog,
	current,
	onChoose,
}: {
	catalog: readonly ScenarioSummary[];
	current: string | null;
	onChoose(id: string): void;
}) {
	const [choice, setChoice] = useState(current ?? '');
	return (
		<form
			class="field-row scenario-picker"
			onSubmit={(event) => {
				event.preventDefault();
				if (choice !== (current ?? '')) onChoose(choice);
			}}
		>
			<label for="scenario-picker">Guided scenario</label>
			<select
				id="scenario-picker"
				value={choice}
				onChange={(event) => setChoice((event.target as HTMLSelectElement).value)}
			>
				<option value="">Free play (no scenario)</option>
				{catalog.map((item) => (
					<option key={item.id} value={item.id}>
						{item.title}
					</option>
				))}
			</select>
			<button type="submit" class="button secondary small-button">
				Open
			</button>
		</form>
	);
}

/** Free play: every scenario as a link to its page. */
function ScenarioList({ catalog }: { catalog: readonly ScenarioSummary[] }) {
	return (
		<>
			<p class="muted">
				Pick a scenario to follow guided steps, or use the console to call any operation on your own
				sandbox.
			</p>
			<ul class="scenario-list">
				{catalog.map((item) => (
					<li key={item.id}>
						<a href={withBase(`/simulator/${item.id}/`)}>{item.title}</a>
						<span class="small muted"> {item.summary}</span>
					</li>
				))}
			</ul>
		</>
	);
}

function StepItem({
	step,
	index,
	run,
	idle,
	focused,
}: {
	step: ScenarioStep;
	index: number;
	run: ScenarioSession;
	idle: boolean;
	focused: boolean;
}) {
	const { session, original } = run;
	const result = session.steps[step.id];
	const picked = session.predictions?.[step.id];
	// A step that asks for a prediction runs once the learner has made one (Run all skips predictions).
	const waitsForPrediction = Boolean(step.predict && !picked && !result);
	const originalRequest = original?.steps.find((item) => item.id === step.id)?.request;
	const edited = Boolean(session.requests?.[step.id]);
	const [editorKey, setEditorKey] = useState(0);
	return (
		<li
			class={`step ${result ? (result.passed ? 'passed' : 'failed') : ''} ${focused ? 'focused' : ''}`}
			data-step={step.id}
			id={`step-${step.id}`}
		>
			<div class="step-head">
				<h3 tabIndex={-1}>
					<span class="step-number">{index + 1}.</span> {step.title}
				</h3>
				<button
					type="button"
					class="button small-button"
					onClick={() => (result ? run.runFromHere(index) : run.runStepAt(index))}
					disabled={!idle || waitsForPrediction}
					aria-label={`${result ? 'Run from here' : 'Run step'} ${index + 1}: ${step.title}`}
					aria-describedby={waitsForPrediction ? `predict-hint-${step.id}` : undefined}
					title={
						result
							? 'Replays the set-up and the steps before this one in a fresh sandbox with the code deployed now, then runs this step'
							: undefined
					}
				>
					{result ? 'Run from here' : 'Run step'}
				</button>
			</div>
			<p class="step-meta small">
				<code>{step.operation}</code>
				{(!step.predict || result) && (
					<>
						{' '}
						· expects <strong>{step.decision ?? step.expect}</strong>
					</>
				)}
				{result && (
					<span class={`verdict ${result.passed ? 'ok' : 'bad'}`}>
						{' '}
						· {result.passed ? '✓ as expected' : '✗ not as expected'}
					</span>
				)}
			</p>
			{step.predict && (
				<PredictChoice
					stepId={step.id}
					predict={step.predict}
					decision={step.decision}
					picked={picked}
					result={result}
					disabled={!idle}
					onPick={(outcome) => run.predict(step.id, outcome)}
				/>
			)}
			{waitsForPrediction && (
				<p id={`predict-hint-${step.id}`} class="small muted">
					The explanation shows after the run.
				</p>
			)}
			{(!step.predict || result) && <p class="step-explain">{step.explain}</p>}
			<RequestEditor
				key={editorKey}
				stepId={step.id}
				request={step.request}
				edited={edited}
				disabled={!idle}
				onChange={(request) => run.setRequest(step.id, request)}
				onRestore={() => {
					run.setRequest(step.id, undefined);
					setEditorKey((key) => key + 1);
				}}
			/>
			{edited && originalRequest && (
				<p class="small muted">This step runs with your edited request.</p>
			)}
			{result && <StepResultView result={result} />}
		</li>
	);
}

/** The step `?step=<id>` names (a question's "See it happen"), scrolled into view and focused once. */
function useFocusedStep(steps: readonly ScenarioStep[] | undefined): string | null {
	const [stepId] = useState(() => new URLSearchParams(location.search).get('step'));
	const done = useRef(false);
	useEffect(() => {
		if (done.current || !stepId || !steps?.some((step) => step.id === stepId)) return;
		done.current = true;
		const item = document.getElementById(`step-${stepId}`);
		item?.scrollIntoView({ block: 'start' });
		item?.querySelector<HTMLElement>('h3')?.focus({ preventScroll: true });
	}, [steps, stepId]);
	return stepId;
}

/**
 * A shared link (`#variant=…`) opens its variant once the sandbox is ready (a fresh sandbox, nothing run). A
 * damaged or invalid link changes nothing and says why.
 */
function useSharedVariant(run: ScenarioSession, ready: boolean, setNotice: (text: string) => void) {
	const done = useRef(false);
	useEffect(() => {
		if (!ready || done.current || !run.original || !location.hash.startsWith('#variant=')) return;
		done.current = true;
		import('../../client/scenario-variants')
			.then(({ variantFromLocation }) => variantFromLocation())
			.then(async (variant) => {
				if (!variant) return;
				if (variant.basedOn !== run.original!.id) {
					setNotice(
						`The link is for another scenario (${variant.basedOn}), so nothing was opened here.`
					);
					return;
				}
				// A reload of the same link keeps the progress made with it.
				const same =
					run.session.variant?.name === variant.name &&
					JSON.stringify(run.session.variant.scenario) === JSON.stringify(variant.scenario);
				if (same) {
					setNotice(`The shared variant "${variant.name}" is in use, with your progress.`);
					return;
				}
				await run.openVariant(variant);
				setNotice(
					`Opened the shared variant "${variant.name}". Nothing has run: read its trigger code and requests, then press Run.`
				);
			})
			.catch((error: unknown) =>
				setNotice(
					`The shared link could not be opened, and nothing changed: ${error instanceof Error ? error.message : String(error)}`
				)
			);
	}, [ready, run.original]);
}

function StepResultView({ result }: { result: StepResult }) {
	return (
		<div class="step-result">
			<p class={`small ${result.passed ? 'ok-text' : 'error-text'}`}>{result.verdict}</p>
			{result.request && (
				<details class="step-request">
					<summary>Request sent</summary>
					<pre class="json-pre" tabindex={0}>
						{JSON.stringify(result.request, null, 2)}
					</pre>
				</details>
			)}
			<details class="step-response" open>
				<summary>{result.outcome.ok ? 'Response' : 'Error returned'}</summary>
				<Outcome outcome={result.outcome} />
			</details>
		</div>
	);
}
