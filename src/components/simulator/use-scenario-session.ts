/**
 * The learner's place in a guided scenario and the actions that move it: choose a scenario, set it up, run a
 * step, "run from here" (a fresh sandbox replaying the earlier steps with the deployed code), run all, reset.
 * Saved in the browser after every change. Used by the shell (toolbar reset, trigger editor) and ScenarioPanel.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import {
	applyEdits,
	makeVariant,
	runSetup,
	runStep,
	type JsonObject,
	type Scenario,
	type ScenarioVariant,
	type StepResult,
} from '../../lib/simulator';
import { loadSession, saveSession, type SavedSession } from '../../client/simulator-store';
import { withBase } from '../../config/site';
import type { SimulatorState } from './use-simulator';

/** A scenario as the page passes it (drafts already removed), with its introduction rendered to HTML. */
export type PageScenario = Scenario & { introHtml: string };

/** A published scenario as the picker lists it. */
export interface ScenarioSummary {
	id: string;
	title: string;
	summary: string;
	lessons: string[];
}

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
	/** The published scenario of this page, before the learner's variant and edits. */
	original?: PageScenario;
	/** Edits a step's request (undefined: back to the scenario's own). */
	setRequest(stepId: string, request: JsonObject | undefined): void;
	/** Records the learner's prediction for a step. */
	predict(stepId: string, outcome: string): void;
	/** The scenario as the learner has it now (deployed trigger code included), as a variant named `name`. */
	variantNow(name: string): ScenarioVariant;
	/** Uses a variant: a fresh sandbox (nothing deployed, nothing run) and the scenario as the variant has it. */
	openVariant(variant: ScenarioVariant): Promise<void>;
	/** Back to the published scenario in a fresh sandbox. */
	openOriginal(): Promise<void>;
	/** Runs a step that has not run yet (setting the scenario up first if needed). */
	runStepAt(index: number): Promise<void>;
	/** Runs a step again as its text promises: fresh sandbox, set-up and earlier steps replayed, then this step. */
	runFromHere(index: number): Promise<void>;
	/** Runs every step that has not run yet. */
	runAll(): Promise<void>;
	/** A new empty sandbox with `seed` (the learner's deployed code is kept); the scenario starts over. */
	resetSandbox(seed: number): Promise<void>;
}

/** What survives a fresh sandbox: the variant in use, the request edits and the predictions. */
const keptEdits = ({ variant, requests, predictions }: SavedSession): Partial<SavedSession> => ({
	...(variant ? { variant } : {}),
	...(requests ? { requests } : {}),
	...(predictions ? { predictions } : {}),
});

const emptySession = (scenarioId: string | null): SavedSession => ({
	v: 1,
	scenarioId,
	setUp: false,
	results: {},
	steps: {},
});

/** The scenario an old-style `?scenario=<id>` link names. */
function scenarioFromUrl(): string | null {
	return new URLSearchParams(location.search).get('scenario');
}

/** `/simulator/?scenario=<id>` (old links, bookmarks) goes to the scenario's own page, keeping `step`. */
export function useOldScenarioLinks(
	scenarios: readonly PageScenario[],
	catalog: readonly ScenarioSummary[]
) {
	useLayoutEffect(() => {
		const wanted = scenarioFromUrl();
		if (scenarios.length > 0 || !wanted || !catalog.some((item) => item.id === wanted)) return;
		const step = new URLSearchParams(location.search).get('step');
		location.replace(
			withBase(
				`/simulator/${wanted}/${step ? `?step=${encodeURIComponent(step)}` : ''}${location.hash}`
			)
		);
	}, []);
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
	// A scenario page passes its one scenario; the free-play page passes none.
	const pageScenarioId = scenarios.length === 1 ? scenarios[0]!.id : null;
	const [session, setSession] = useState<SavedSession>(() => {
		const saved = loadSession();
		return saved && saved.scenarioId === pageScenarioId ? saved : emptySession(pageScenarioId);
	});
	const [busy, setBusy] = useState<string | null>(null);
	const [setupError, setSetupError] = useState('');
	// An old `/simulator/?scenario=<id>` link: the shell sends known ids to their page; this is the rest.
	const unknownScenario = useRef(pageScenarioId ? null : scenarioFromUrl());
	const original = session.scenarioId ? byId.get(session.scenarioId) : undefined;
	// What runs: the variant in use (if any) with the learner's request edits, keeping the page's introduction.
	const scenario = useMemo<PageScenario | undefined>(() => {
		if (!original) return undefined;
		const base = session.variant
			? { ...session.variant.scenario, id: original.id, introHtml: original.introHtml }
			: original;
		return {
			...applyEdits(base, { code: {}, requests: session.requests ?? {} }),
			introHtml: base.introHtml,
		};
	}, [original, session.variant, session.requests]);

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

	/** Each scenario has its own page (`/simulator/<id>/`); free play is `/simulator/`. */
	function chooseScenario(id: string) {
		location.assign(withBase(id ? `/simulator/${id}/` : '/simulator/'));
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
		// The variant and request edits stay: a fresh sandbox replays the learner's version.
		const empty = { ...keptEdits(session), ...emptySession(session.scenarioId) };
		setSession(empty);
		return empty;
	}

	/** A fresh sandbox with nothing deployed, then the session `next` (a variant opened, or the original). */
	async function startOver(next: SavedSession, message: string) {
		setBusy('Starting a fresh sandbox…');
		await client.reset(status.seed);
		sim.clearTrace();
		setSetupError('');
		setSession(next);
		announce(message);
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
		original,
		setRequest(stepId, request) {
			const requests = { ...session.requests };
			if (request) requests[stepId] = request;
			else delete requests[stepId];
			setSession({ ...session, requests });
		},
		predict(stepId, outcome) {
			setSession({ ...session, predictions: { ...session.predictions, [stepId]: outcome } });
		},
		variantNow(name) {
			const code = Object.fromEntries(
				(scenario?.functions ?? [])
					.filter((fn) => deployed[fn.arn] !== undefined)
					.map((fn) => [fn.arn, deployed[fn.arn]!])
			);
			// The rendered introduction is the page's, not part of the scenario file a variant carries.
			const { introHtml: _introHtml, ...plain } = scenario!;
			return makeVariant(applyEdits(plain, { code, requests: {} }), name, Date.now());
		},
		openVariant: (variant) =>
			exclusive(() =>
				startOver(
					{
						...emptySession(session.scenarioId),
						variant: { name: variant.name, scenario: variant.scenario },
					},
					`Opened the variant "${variant.name}" in a fresh sandbox. Nothing has run; review it, then press Run.`
				)
			),
		openOriginal: () =>
			exclusive(() =>
				startOver(
					emptySession(session.scenarioId),
					'Back to the original scenario, in a fresh sandbox.'
				)
			),
		resetSandbox: (seed) =>
			exclusive(async () => {
				await freshSandbox(seed);
				announce(`New empty sandbox with seed ${seed}.`);
			}),
	};
}
