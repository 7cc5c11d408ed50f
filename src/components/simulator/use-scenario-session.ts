/**
 * The learner's place in a guided scenario and the actions that move it: choose a scenario, set it up, run a
 * step, "run from here" (a fresh sandbox replaying the earlier steps with the deployed code), run all, reset.
 * Saved in the browser after every change. Used by the shell (toolbar reset, trigger editor) and ScenarioPanel.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { runSetup, runStep, type Scenario, type StepResult } from '../../lib/simulator';
import { loadSession, saveSession, type SavedSession } from '../../client/simulator-store';
import type { SimulatorState } from './use-simulator';

/** A scenario as the page passes it (drafts already removed), with its introduction rendered to HTML. */
export type PageScenario = Scenario & { introHtml: string };

/** What the scenario parts of the page read and call. */
export interface ScenarioSession {
	session: SavedSession;
	/** The chosen scenario, if any. */
	scenario?: PageScenario;
	/** What is running now (shown to the learner), or null when idle. */
	busy: string | null;
	setupError: string;
	/** Set when a `?scenario=` link named no scenario. */
	unknownScenario: string | null;
	/** Code the sandbox runs now, by function ARN. */
	deployed: Readonly<Record<string, string>>;
	chooseScenario(id: string): void;
	/** Runs a step that has not run yet (setting the scenario up first if needed). */
	runStepAt(index: number): Promise<void>;
	/** Runs a step again as its text promises: fresh sandbox, set-up and earlier steps replayed, then this step. */
	runFromHere(index: number): Promise<void>;
	/** Runs every step that has not run yet. */
	runAll(): Promise<void>;
	/** A new empty sandbox with `seed` (the learner's deployed code is kept); the scenario starts over. */
	resetSandbox(seed: number): Promise<void>;
}

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

function describeOutcome(result: StepResult): string {
	return result.outcome.ok
		? result.verdict
		: `${result.outcome.error.type}: ${result.outcome.error.message}`;
}

/**
 * Scenario state over `sim`. `announce` speaks a result through the page's live region; `notify` shows a
 * lasting notice (e.g. the scenario starting over because the sandbox is new).
 */
export function useScenarioSession(
	sim: SimulatorState,
	scenarios: readonly PageScenario[],
	announce: (text: string) => void,
	notify: (text: string) => void
): ScenarioSession {
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
	const [setupError, setSetupError] = useState('');
	const unknownScenario = useRef(
		scenarioFromUrl() && !byId.has(scenarioFromUrl()!) ? scenarioFromUrl() : null
	);
	const scenario = session.scenarioId ? byId.get(session.scenarioId) : undefined;

	useEffect(() => saveSession(session), [session]);
	// A fresh sandbox (first visit, corrupt save) has none of the saved scenario's pools: start the scenario over.
	useEffect(() => {
		if (sim.ready && !sim.restored && session.setUp) {
			setSession(emptySession(session.scenarioId));
			notify('The scenario starts over because the sandbox is new.');
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
		announce(
			`Step ${index + 1}, ${step.title}: ${result.passed ? 'as expected' : 'not as expected'}. ${describeOutcome(result)}`
		);
		return next;
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

	/** Runs `work` unless something else runs, and always ends idle. */
	async function exclusive(work: () => Promise<void>) {
		if (busy) return;
		try {
			await work();
		} finally {
			setBusy(null);
		}
	}

	return {
		session,
		scenario,
		busy,
		setupError,
		unknownScenario: unknownScenario.current,
		deployed,
		chooseScenario,
		runStepAt: (index) =>
			exclusive(async () => {
				const ready = await ensureSetUp(session);
				if (ready) await runOne(ready, index);
			}),
		// Re-running in place would meet what the first run left behind (the user it signed up already exists).
		runFromHere: (index) =>
			exclusive(async () => {
				if (!scenario) return;
				let current = await ensureSetUp(await freshSandbox(status.seed));
				if (!current) return;
				for (let earlier = 0; earlier < index; earlier++) current = await runOne(current, earlier);
				await runOne(current, index);
			}),
		runAll: () =>
			exclusive(async () => {
				if (!scenario) return;
				let current = await ensureSetUp(session);
				if (!current) return;
				for (let index = 0; index < scenario.steps.length; index++) {
					if (current.steps[scenario.steps[index]!.id]) continue;
					current = await runOne(current, index);
				}
				const passed = scenario.steps.filter((step) => current!.steps[step.id]?.passed).length;
				announce(`Ran all steps: ${passed} of ${scenario.steps.length} as expected.`);
			}),
		resetSandbox: (seed) =>
			exclusive(async () => {
				await freshSandbox(seed);
				announce(`New empty sandbox with seed ${seed}.`);
			}),
	};
}
