/**
 * Island root of /simulator/: scenario picker (`?scenario=<id>`), step runner, request/response viewer, event
 * log, live sequence view, inbox, trigger editor and a free-form console, all over a sandbox running in a worker.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import {
	runSetup,
	runStep,
	type JsonObject,
	type Scenario,
	type StepResult,
} from '../../lib/simulator';
import { loadSession, saveSession, type SavedSession } from '../../client/simulator-store';
import { newSeed } from '../../client/simulator-client';
import { ConsolePanel, Outcome } from './ConsolePanel';
import { EventLog } from './EventLog';
import { InboxPanel } from './InboxPanel';
import { SequenceView } from './SequenceView';
import { TriggerEditor } from './TriggerEditor';
import { useSimulator } from './use-simulator';
import './simulator.css';
import { withBase } from '../../config/site';

/** A scenario as the page passes it (drafts already removed), with its introduction rendered to HTML. */
export type PageScenario = Scenario & { introHtml: string };

interface Props {
	scenarios: PageScenario[];
	/** Lesson titles by slug, for the "illustrates" links. */
	lessonTitles: Record<string, string>;
}

const SYNC_NOTICE =
	'Amazon Cognito Sync is closed to new customers since 30 July 2026; existing customers can keep using it. AWS AppSync is its successor for syncing app data.';

const FAST_FORWARD: Array<[label: string, ms: number]> = [
	['+5 min', 5 * 60_000],
	['+1 h', 3_600_000],
	['+1 day', 86_400_000],
];

const emptySession = (scenarioId: string | null): SavedSession => ({
	v: 1,
	scenarioId,
	setUp: false,
	results: {},
	steps: {},
});

function scenarioFromUrl(): string | null {
	return new URLSearchParams(location.search).get('scenario');
}

/** "1 h 5 min" for an offset in milliseconds. */
export function formatOffset(ms: number): string {
	if (ms <= 0) return 'real time';
	const minutes = Math.round(ms / 60_000);
	const days = Math.floor(minutes / 1440);
	const hours = Math.floor((minutes % 1440) / 60);
	const rest = minutes % 60;
	const parts = [days && `${days} d`, hours && `${hours} h`, rest && `${rest} min`].filter(Boolean);
	return `real time + ${parts.join(' ') || `${Math.round(ms / 1000)} s`}`;
}

/** The simulator island (rendered client-only by src/pages/simulator.astro). */
export default function SimulatorApp({ scenarios, lessonTitles }: Props) {
	const sim = useSimulator();
	const { client, status } = sim;
	const byId = useMemo(
		() => new Map(scenarios.map((scenario) => [scenario.id, scenario])),
		[scenarios]
	);
	const [session, setSession] = useState<SavedSession>(() => {
		const saved = loadSession();
		const wanted = scenarioFromUrl();
		if (wanted && byId.has(wanted) && saved?.scenarioId !== wanted) return emptySession(wanted);
		if (saved && (saved.scenarioId === null || byId.has(saved.scenarioId))) return saved;
		return emptySession(wanted && byId.has(wanted) ? wanted : null);
	});
	const [busy, setBusy] = useState<string | null>(null);
	const [announcement, setAnnouncement] = useState('');
	const [setupError, setSetupError] = useState('');
	const [seedInput, setSeedInput] = useState('');
	const [sessionNotice, setSessionNotice] = useState('');
	const unknownScenario = useRef(
		scenarioFromUrl() && !byId.has(scenarioFromUrl()!) ? scenarioFromUrl() : null
	);
	const scenario = session.scenarioId ? byId.get(session.scenarioId) : undefined;

	useEffect(() => saveSession(session), [session]);
	useEffect(() => setSeedInput(String(status.seed)), [status.seed]);
	// A fresh sandbox (first visit, corrupt save) has none of the saved scenario's pools: start the scenario over.
	useEffect(() => {
		if (sim.ready && !sim.restored && session.setUp) {
			setSession(emptySession(session.scenarioId));
			setSessionNotice('The scenario starts over because the sandbox is new.');
		}
	}, [sim.ready]);

	const deployed = useMemo(
		() => Object.fromEntries(status.functions.map((fn) => [fn.arn, fn.code])),
		[status.functions]
	);

	function chooseScenario(id: string) {
		const url = new URL(location.href);
		if (id) url.searchParams.set('scenario', id);
		else url.searchParams.delete('scenario');
		history.replaceState(null, '', url);
		setSetupError('');
		setSession(emptySession(id || null));
	}

	async function ensureSetUp(current: SavedSession): Promise<SavedSession | null> {
		if (!scenario || current.setUp) return current;
		setBusy('Setting up the scenario…');
		const results = { ...current.results };
		const overrides = Object.fromEntries(
			scenario.functions.filter((fn) => deployed[fn.arn]).map((fn) => [fn.arn, deployed[fn.arn]!])
		);
		const outcome = await runSetup(scenario, client.runContext(), results, overrides);
		if (!outcome.ok) {
			const error = outcome.outcome.ok
				? ''
				: `${outcome.outcome.error.type}: ${outcome.outcome.error.message}`;
			setSetupError(`Set-up call ${outcome.call.id ?? outcome.call.operation} failed: ${error}`);
			return null;
		}
		setSetupError('');
		const next = { ...current, setUp: true, results };
		setSession(next);
		return next;
	}

	async function runOne(current: SavedSession, index: number): Promise<SavedSession> {
		const step = scenario!.steps[index]!;
		setBusy(`Running step ${index + 1}: ${step.title}…`);
		const results = { ...current.results };
		const result = await runStep(step, results, client.runContext());
		const next: SavedSession = {
			...current,
			results,
			steps: { ...current.steps, [step.id]: result },
		};
		setSession(next);
		setAnnouncement(
			`Step ${index + 1}, ${step.title}: ${result.passed ? 'as expected' : 'not as expected'}. ${describeOutcome(result)}`
		);
		return next;
	}

	async function runStepAt(index: number) {
		if (busy) return;
		try {
			const ready = await ensureSetUp(session);
			if (ready) await runOne(ready, index);
		} finally {
			setBusy(null);
		}
	}

	/**
	 * Runs a step again as its text promises: a fresh sandbox (same seed) with the code deployed now, the set-up
	 * and the earlier steps replayed, then this step. Re-running it in place would meet what the first run left
	 * behind (the user it signed up already exists).
	 */
	async function runFromHere(index: number) {
		if (busy || !scenario) return;
		try {
			const fresh = await freshSandbox(status.seed);
			let current = await ensureSetUp(fresh);
			if (!current) return;
			for (let earlier = 0; earlier < index; earlier++) current = await runOne(current, earlier);
			await runOne(current, index);
		} finally {
			setBusy(null);
		}
	}

	/** A new empty sandbox with `seed`, keeping the learner's deployed trigger code; returns the empty session. */
	async function freshSandbox(seed: number): Promise<SavedSession> {
		setBusy('Starting a fresh sandbox…');
		// The learner's edited trigger code survives; "Restore original" brings back the scenario's code.
		const edited = (scenario?.functions ?? [])
			.filter((fn) => deployed[fn.arn] !== undefined && deployed[fn.arn] !== fn.code)
			.map((fn) => [fn.arn, deployed[fn.arn]!] as const);
		await client.reset(seed);
		for (const [arn, code] of edited) await client.defineFunction(arn, code);
		sim.clearTrace();
		setSetupError('');
		const empty = emptySession(session.scenarioId);
		setSession(empty);
		return empty;
	}

	async function runAll() {
		if (busy || !scenario) return;
		try {
			let current = await ensureSetUp(session);
			if (!current) return;
			for (let index = 0; index < scenario.steps.length; index++) {
				if (current.steps[scenario.steps[index]!.id]) continue;
				current = await runOne(current, index);
			}
			const passed = scenario.steps.filter((step) => current!.steps[step.id]?.passed).length;
			setAnnouncement(`Ran all steps: ${passed} of ${scenario.steps.length} as expected.`);
		} finally {
			setBusy(null);
		}
	}

	async function resetSandbox(seed: number) {
		try {
			await freshSandbox(seed);
			setAnnouncement(`New empty sandbox with seed ${seed}.`);
		} finally {
			setBusy(null);
		}
	}

	async function fastForward(ms: number | null) {
		const offset = ms === null ? 0 : status.offsetMs + ms;
		await client.setOffset(offset);
		setAnnouncement(`Sandbox clock: ${formatOffset(offset)}.`);
	}

	async function deploy(arn: string, code: string) {
		await client.defineFunction(arn, code);
	}

	async function consoleCall(operation: string, request: JsonObject) {
		return client.call(operation, request);
	}

	const showsSync = scenario?.lessons.includes('cognito-sync-and-appsync') ?? false;
	const passedCount = scenario
		? scenario.steps.filter((step) => session.steps[step.id]?.passed).length
		: 0;

	return (
		<div class="simulator" aria-busy={busy ? 'true' : 'false'}>
			<section class="sim-toolbar card" aria-label="Sandbox">
				<p class="sim-local">
					<strong>Everything runs locally in your browser.</strong> No AWS account, nothing sent
					anywhere: the sandbox, its emails and its Lambda code run in a background worker on this
					page and are saved in this browser.
				</p>
				<div class="sim-controls">
					<form
						class="seed-form"
						onSubmit={(event) => {
							event.preventDefault();
							const seed = Number.parseInt(seedInput, 10);
							resetSandbox(Number.isFinite(seed) && seed > 0 ? seed : newSeed());
						}}
					>
						<label for="sim-seed">Seed</label>
						<input
							id="sim-seed"
							inputMode="numeric"
							size={8}
							value={seedInput}
							onInput={(event) => setSeedInput((event.target as HTMLInputElement).value)}
						/>
						<button type="submit" class="button secondary" disabled={!sim.ready || Boolean(busy)}>
							Reset sandbox
						</button>
					</form>
					<div class="clock" role="group" aria-label="Sandbox clock">
						<span>
							Clock: <strong data-testid="clock-offset">{formatOffset(status.offsetMs)}</strong>
						</span>
						{FAST_FORWARD.map(([label, ms]) => (
							<button
								key={label}
								type="button"
								class="button secondary small-button"
								disabled={!sim.ready}
								onClick={() => fastForward(ms)}
								aria-label={`Fast-forward ${label.slice(1)}`}
							>
								{label}
							</button>
						))}
						<button
							type="button"
							class="button secondary small-button"
							disabled={!sim.ready || status.offsetMs === 0}
							onClick={() => fastForward(null)}
						>
							Real time
						</button>
					</div>
				</div>
				<p class="small muted clock-hint">
					Fast-forward to watch things expire: challenge sessions after 3 min (+5 min), ID and
					access tokens after 1 h (+1 h), confirmation codes after 24 h (+1 day).
				</p>
				{(sim.notice || sessionNotice) && (
					<p class="sim-notice" role="alert">
						{sim.notice} {sessionNotice}
					</p>
				)}
				{!sim.ready && !sim.notice && <p class="muted">Starting the sandbox…</p>}
			</section>

			<div class="sim-live sr-only" aria-live="polite" role="status">
				{announcement}
			</div>

			<div class="sim-grid">
				<section class="sim-scenario card" aria-labelledby="scenario-heading">
					<h2 id="scenario-heading">Scenario</h2>
					{unknownScenario.current && (
						<p class="sim-notice">
							There is no scenario "{unknownScenario.current}"; pick one below.
						</p>
					)}
					<label for="scenario-picker">Choose a guided scenario</label>
					<select
						id="scenario-picker"
						value={session.scenarioId ?? ''}
						onChange={(event) => chooseScenario((event.target as HTMLSelectElement).value)}
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
							<div
								class="scenario-intro"
								dangerouslySetInnerHTML={{ __html: scenario.introHtml }}
							/>
							<p class="small">
								Illustrates:{' '}
								{scenario.lessons.map((slug, index) => (
									<>
										{index > 0 && ', '}
										<a href={withBase(`/learn/${slug}/`)}>{lessonTitles[slug] ?? slug}</a>
									</>
								))}
							</p>
							{showsSync && <p class="sim-notice">{SYNC_NOTICE}</p>}
							<div class="button-row">
								<button
									type="button"
									class="button"
									onClick={runAll}
									disabled={!sim.ready || Boolean(busy)}
								>
									Run all
								</button>
								<button
									type="button"
									class="button secondary"
									onClick={() => resetSandbox(status.seed)}
									disabled={!sim.ready || Boolean(busy)}
								>
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
							{setupError && (
								<p class="error-text" role="alert">
									{setupError}
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
													onClick={() => (result ? runFromHere(index) : runStepAt(index))}
													disabled={!sim.ready || Boolean(busy)}
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
												<strong>
													{step.decision
														? `${step.decision}`
														: step.expect === 'success'
															? 'success'
															: step.expect}
												</strong>
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
							Pick a scenario to follow guided steps, or use the console below to call any operation
							on your own sandbox.
						</p>
					)}
				</section>

				<div class="sim-side">
					<section class="card" aria-labelledby="inbox-heading">
						<h2 id="inbox-heading">Inbox</h2>
						<div aria-live="polite" data-testid="inbox">
							<InboxPanel messages={status.outbox} />
						</div>
					</section>
					<section class="card" aria-labelledby="sequence-heading">
						<h2 id="sequence-heading">Sequence</h2>
						<SequenceView events={sim.trace} />
					</section>
					{scenario && scenario.functions.length > 0 && (
						<section class="card" aria-labelledby="editor-heading">
							<h2 id="editor-heading">Trigger code</h2>
							<TriggerEditor functions={scenario.functions} deployed={deployed} onDeploy={deploy} />
						</section>
					)}
					{!scenario && (
						<section class="card" aria-labelledby="editor-heading">
							<h2 id="editor-heading">Lambda functions</h2>
							<FreePlayFunctions functions={status.functions} ready={sim.ready} onDeploy={deploy} />
						</section>
					)}
				</div>
			</div>

			<section class="card" aria-labelledby="log-heading">
				<h2 id="log-heading">Event log</h2>
				<p class="small muted">
					From the sandbox trace for this page visit: API calls, Lambda invocations (event,
					response, console output), messages, tokens, credentials and policy decisions.
				</p>
				<EventLog events={sim.trace} />
			</section>

			<section class="card" aria-labelledby="console-heading">
				<h2 id="console-heading">Console</h2>
				<details class="sync-notice">
					<summary>Cognito Sync in the console</summary>
					<p>{SYNC_NOTICE}</p>
				</details>
				<ConsolePanel call={consoleCall} />
			</section>
		</div>
	);
}

function describeOutcome(result: StepResult): string {
	return result.outcome.ok
		? result.verdict
		: `${result.outcome.error.type}: ${result.outcome.error.message}`;
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

const STARTER_CODE = `// A Lambda trigger. Name this function's ARN in a pool's LambdaConfig (use the console below).
export const handler = async (event) => {
  console.log(event.triggerSource, JSON.stringify(event.request));
  return event;
};
`;

/** Free play: edit any function the sandbox knows, or define a new one by name. */
function FreePlayFunctions({
	functions,
	ready,
	onDeploy,
}: {
	functions: Array<{ arn: string; code: string }>;
	ready: boolean;
	onDeploy(arn: string, code: string): Promise<void>;
}) {
	const [name, setName] = useState('my-trigger');
	const [error, setError] = useState('');
	const editable = functions.map((fn) => ({
		name: fn.arn.split(':function:')[1] ?? fn.arn,
		arn: fn.arn,
		code: fn.code,
	}));
	const deployed = Object.fromEntries(functions.map((fn) => [fn.arn, fn.code]));
	return (
		<>
			<form
				class="field-row"
				onSubmit={async (event) => {
					event.preventDefault();
					if (!/^[A-Za-z0-9_-]{1,64}$/.test(name)) {
						setError('Use 1–64 letters, digits, hyphens or underscores.');
						return;
					}
					setError('');
					await onDeploy(`arn:aws:lambda:us-east-1:123456789012:function:${name}`, STARTER_CODE);
				}}
			>
				<label for="new-function">New function name</label>
				<input
					id="new-function"
					value={name}
					onInput={(event) => setName((event.target as HTMLInputElement).value)}
					aria-describedby="new-function-error"
				/>
				<button type="submit" class="button secondary small-button" disabled={!ready}>
					Create
				</button>
			</form>
			<p id="new-function-error" class="error-text small">
				{error}
			</p>
			{editable.length > 0 ? (
				<TriggerEditor
					key={editable.map((fn) => fn.arn).join()}
					functions={editable}
					deployed={deployed}
					onDeploy={onDeploy}
				/>
			) : (
				<p class="muted small">
					No functions yet. Create one, then name its ARN in a pool's LambdaConfig from the console.
				</p>
			)}
		</>
	);
}
