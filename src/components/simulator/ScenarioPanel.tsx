/**
 * The guided scenario: picker (`?scenario=<id>`), introduction, lesson links, Run all / Reset and the step list
 * with each step's request, outcome and verdict. State and actions come from {@link useScenarioSession}.
 */
import { withBase } from '../../config/site';
import type { StepResult } from '../../lib/simulator';
import { Outcome } from './ConsolePanel';
import type { PageScenario, ScenarioSession } from './use-scenario-session';

interface Props {
	scenarios: readonly PageScenario[];
	/** Lesson titles by slug, for the "illustrates" links. */
	lessonTitles: Readonly<Record<string, string>>;
	run: ScenarioSession;
	/** Whether the sandbox worker is ready. */
	ready: boolean;
	/** Reset the sandbox with the current seed. */
	onReset(): void;
}

export const SYNC_NOTICE =
	'Amazon Cognito Sync is closed to new customers since 30 July 2026; existing customers can keep using it. AWS AppSync is its successor for syncing app data.';

/** Picker, introduction and steps (the panel's heading is the shell's). */
export function ScenarioPanel({ scenarios, lessonTitles, run, ready, onReset }: Props) {
	const { session, scenario, busy } = run;
	const idle = ready && !busy;
	const passedCount = scenario
		? scenario.steps.filter((step) => session.steps[step.id]?.passed).length
		: 0;
	return (
		<>
			{run.unknownScenario && (
				<p class="sim-notice">There is no scenario "{run.unknownScenario}"; pick one below.</p>
			)}
			<label for="scenario-picker">Choose a guided scenario</label>
			<select
				id="scenario-picker"
				value={session.scenarioId ?? ''}
				onChange={(event) => run.chooseScenario((event.target as HTMLSelectElement).value)}
			>
				<option value="">Free play (no scenario)</option>
				{scenarios.map((item) => (
					<option key={item.id} value={item.id}>
						{item.title}
					</option>
				))}
			</select>
			{scenario ? (
				<>
					<h3 class="scenario-title">{scenario.title}</h3>
					<p>{scenario.summary}</p>
					<div class="scenario-intro" dangerouslySetInnerHTML={{ __html: scenario.introHtml }} />
					<p class="small">
						Illustrates:{' '}
						{scenario.lessons.map((slug, index) => (
							<>
								{index > 0 && ', '}
								<a href={withBase(`/learn/${slug}/`)}>{lessonTitles[slug] ?? slug}</a>
							</>
						))}
					</p>
					{scenario.lessons.includes('cognito-sync-and-appsync') && (
						<p class="sim-notice">{SYNC_NOTICE}</p>
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
						Reset starts the scenario again in an empty sandbox (same seed).
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
						{scenario.steps.map((step, index) => {
							const result = session.steps[step.id];
							return (
								<li
									key={step.id}
									class={`step ${result ? (result.passed ? 'passed' : 'failed') : ''}`}
									data-step={step.id}
								>
									<div class="step-head">
										<h4>
											<span class="step-number">{index + 1}.</span> {step.title}
										</h4>
										<button
											type="button"
											class="button small-button"
											onClick={() => (result ? run.runFromHere(index) : run.runStepAt(index))}
											disabled={!idle}
											aria-label={`${result ? 'Run from here' : 'Run step'} ${index + 1}: ${step.title}`}
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
										<code>{step.operation}</code> · expects{' '}
										<strong>{step.decision ?? step.expect}</strong>
										{result && (
											<span class={`verdict ${result.passed ? 'ok' : 'bad'}`}>
												{' '}
												· {result.passed ? '✓ as expected' : '✗ not as expected'}
											</span>
										)}
									</p>
									<p class="step-explain">{step.explain}</p>
									{result && <StepResultView result={result} />}
								</li>
							);
						})}
					</ol>
				</>
			) : (
				<p class="muted">
					Pick a scenario to follow guided steps, or use the console to call any operation on your
					own sandbox.
				</p>
			)}
		</>
	);
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
