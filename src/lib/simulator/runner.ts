/**
 * Runs scenarios: set-up calls, then steps, each resolved against earlier results and checked against what the
 * scenario says should happen. Pure orchestration over an injected {@link RunContext}, so the same code drives the
 * sandbox in the browser's worker and in the headless Node test.
 */
import { browse, type BrowserState } from './browser';
import { lookup, resolveTemplate, TemplateError } from './template';
import type {
	CallOutcome,
	CheckValue,
	InboxMessage,
	JsonObject,
	Scenario,
	ScenarioCall,
	ScenarioRole,
	ScenarioStep,
	StepResult,
} from './types';

/** What the runner needs from its host. */
export interface RunContext {
	call(operation: string, request: JsonObject): Promise<CallOutcome>;
	defineFunction(arn: string, code: string): Promise<void> | void;
	defineRole(arn: string, role: { trustPolicy?: object; policies: object[] }): Promise<void> | void;
	/** The sandbox outbox, oldest first. */
	outbox(): readonly InboxMessage[] | Promise<readonly InboxMessage[]>;
	/** Current sandbox time in milliseconds. */
	now(): number | Promise<number>;
}

/**
 * Responses so far, by call id (set-up calls and steps share the namespace), and under {@link BROWSER_KEY} what
 * the scenario's browser remembers (cookies, the page on screen).
 */
export type Results = Record<string, unknown>;

/** Where the browser's state lives in {@link Results}; no call may take this id (the schema refuses it). */
export const BROWSER_KEY = 'browser';

/** Defines the scenario's functions, runs its set-up calls, then defines its roles; stops at the first failure. */
export async function runSetup(
	scenario: Pick<Scenario, 'roles' | 'functions' | 'setup'>,
	context: RunContext,
	results: Results = {},
	code: Readonly<Record<string, string>> = {}
): Promise<
	| { ok: true; results: Results }
	| { ok: false; results: Results; call: ScenarioCall; outcome: CallOutcome }
> {
	for (const fn of scenario.functions)
		await context.defineFunction(fn.arn, code[fn.arn] ?? fn.code);
	for (const call of scenario.setup) {
		const { outcome } = await runCall(call, results, context);
		if (!outcome.ok) return { ok: false, results, call, outcome };
	}
	// Roles come last so their trust policies can name what set-up created, e.g. {{identityPool.IdentityPoolId}}.
	const scope = { results, outbox: await context.outbox(), now: await context.now() };
	for (const role of scenario.roles) {
		let resolved: ScenarioRole;
		try {
			resolved = resolveTemplate(role, scope);
		} catch (error) {
			if (!(error instanceof TemplateError)) throw error;
			const outcome: CallOutcome = {
				ok: false,
				error: { type: 'TemplateError', message: error.message },
			};
			return {
				ok: false,
				results,
				call: { operation: 'DefineRole', request: { arn: role.arn } },
				outcome,
			};
		}
		await context.defineRole(resolved.arn, {
			trustPolicy: resolved.trustPolicy,
			policies: resolved.policies,
		});
	}
	return { ok: true, results };
}

/** Resolves and makes one call; a successful response is stored under the call's id. */
export async function runCall(
	call: ScenarioCall,
	results: Results,
	context: RunContext
): Promise<{ request?: JsonObject; outcome: CallOutcome }> {
	let request: JsonObject;
	try {
		request = resolveTemplate(call.request, {
			results,
			outbox: await context.outbox(),
			now: await context.now(),
		});
	} catch (error) {
		if (error instanceof TemplateError)
			return { outcome: { ok: false, error: { type: 'TemplateError', message: error.message } } };
		throw error;
	}
	let outcome: CallOutcome;
	if (call.operation.startsWith('Browser.')) {
		const state = (results[BROWSER_KEY] as BrowserState | undefined) ?? { cookies: [] };
		const browsed = await browse(
			call.operation.slice(8),
			request,
			state,
			(hop) => context.call('Sandbox.Fetch', hop),
			await context.now()
		);
		results[BROWSER_KEY] = browsed.state;
		outcome = browsed.outcome;
	} else {
		outcome = await context.call(call.operation, request);
	}
	if (outcome.ok && call.id) results[call.id] = outcome.response;
	return { request, outcome };
}

/** Runs one step and judges it against `expect` (and `decision`). */
export async function runStep(
	step: ScenarioStep,
	results: Results,
	context: RunContext
): Promise<StepResult> {
	const { request, outcome } = await runCall(step, results, context);
	let check = step.check;
	if (check) {
		try {
			check = resolveTemplate(check, {
				results,
				outbox: await context.outbox(),
				now: await context.now(),
			});
		} catch (error) {
			if (!(error instanceof TemplateError)) throw error;
			return { stepId: step.id, request, outcome, passed: false, verdict: error.message };
		}
	}
	return { stepId: step.id, request, outcome, ...judge({ ...step, check }, outcome) };
}

/** The outcome as a learner predicts it: the policy decision, `success`, or the error's type. */
export function outcomeKey(step: Pick<ScenarioStep, 'decision'>, outcome: CallOutcome): string {
	if (!outcome.ok) return outcome.error.type;
	if (step.decision) {
		const decision = (outcome.response as { Decision?: unknown } | undefined)?.Decision;
		return typeof decision === 'string' ? decision : 'success';
	}
	return 'success';
}

/** The outcome a step expects, in {@link outcomeKey}'s terms. */
export const expectedKey = (step: Pick<ScenarioStep, 'decision' | 'expect'>): string =>
	step.decision ?? step.expect;

/**
 * Grades a prediction against what the run gave (not against the file: an edited trigger changes the outcome,
 * and the learner predicted this run). `choice` is the picked outcome.
 */
export function gradePrediction(
	step: Pick<ScenarioStep, 'decision' | 'predict'>,
	choice: string,
	outcome: CallOutcome
): { correct: boolean; actual: string; picked?: string; happened?: string; verdict: string } {
	const actual = outcomeKey(step, outcome);
	const choices = step.predict?.choices ?? [];
	const picked = choices.find((item) => item.outcome === choice);
	const happened = choices.find((item) => item.outcome === actual);
	const correct = choice === actual;
	const verdict = correct
		? `Right: ${happened?.label ?? actual}.`
		: happened
			? `Not this time: you predicted "${picked?.label ?? choice}", and the app received ${happened.label}.`
			: `Not this time: the app received ${actual}, which none of the choices describes (did an edit change the outcome?).`;
	return {
		correct,
		actual,
		...(picked ? { picked: picked.explain } : {}),
		...(happened ? { happened: happened.explain } : {}),
		verdict,
	};
}

/**
 * Whether an outcome is what the step expects (and has the fields its `check` names, already resolved), with a
 * one-sentence verdict. Pure.
 */
export function judge(
	step: Pick<ScenarioStep, 'expect' | 'decision' | 'check'>,
	outcome: CallOutcome
): { passed: boolean; verdict: string } {
	const judged = judgeOutcome(step, outcome);
	if (!judged.passed || !step.check) return judged;
	const subject = outcome.ok ? outcome.response : outcome.error;
	for (const [path, wanted] of Object.entries(step.check)) {
		const problem = checkField(subject, path, wanted);
		if (problem)
			return { passed: false, verdict: `${judged.verdict.replace(/\.$/, '')}, but ${problem}` };
	}
	return judged;
}

/** Why the field at `path` is not `wanted`, or undefined when it is. */
export function checkField(subject: unknown, path: string, wanted: CheckValue): string | undefined {
	let value: unknown;
	try {
		value = lookup(`subject.${path}`, { results: { subject }, outbox: [], now: 0 });
	} catch {
		value = undefined;
	}
	const shown = (item: unknown) =>
		typeof item === 'string' && item.length > 80 ? `"${item.slice(0, 77)}…"` : JSON.stringify(item);
	if (typeof wanted === 'object') {
		if ('present' in wanted)
			return (value !== undefined) === wanted.present
				? undefined
				: `${path} is ${wanted.present ? 'missing' : `there (${shown(value)})`}.`;
		if (typeof value !== 'string') return `${path} is ${shown(value) ?? 'missing'}, not a string.`;
		if ('startsWith' in wanted)
			return value.startsWith(wanted.startsWith)
				? undefined
				: `${path} is ${shown(value)}, which does not start with "${wanted.startsWith}".`;
		return value.includes(wanted.contains)
			? undefined
			: `${path} is ${shown(value)}, which does not contain "${wanted.contains}".`;
	}
	return value === wanted
		? undefined
		: `${path} is ${shown(value) ?? 'missing'}, not ${shown(wanted)}.`;
}

function judgeOutcome(
	step: Pick<ScenarioStep, 'expect' | 'decision'>,
	outcome: CallOutcome
): { passed: boolean; verdict: string } {
	if (step.expect === 'success') {
		if (!outcome.ok)
			return {
				passed: false,
				verdict: `Expected success, got ${outcome.error.type}: ${outcome.error.message}`,
			};
		if (step.decision) {
			const decision = (outcome.response as { Decision?: string } | undefined)?.Decision;
			return decision === step.decision
				? { passed: true, verdict: `Policy decision ${decision}, as expected.` }
				: {
						passed: false,
						verdict: `Expected the policy decision ${step.decision}, got ${decision ?? 'none'}.`,
					};
		}
		return { passed: true, verdict: 'Succeeded, as expected.' };
	}
	if (outcome.ok)
		return { passed: false, verdict: `Expected ${step.expect}, but the call succeeded.` };
	return outcome.error.type === step.expect
		? { passed: true, verdict: `Failed with ${outcome.error.type}, as expected.` }
		: {
				passed: false,
				verdict: `Expected ${step.expect}, got ${outcome.error.type}: ${outcome.error.message}`,
			};
}

/** Runs set-up and every step in order (for tests and "Run all"); returns each step's result. */
export async function runScenario(
	scenario: Scenario,
	context: RunContext
): Promise<{ setupError?: string; steps: StepResult[]; results: Results }> {
	const setup = await runSetup(scenario, context);
	if (!setup.ok) {
		const error = setup.outcome.ok
			? ''
			: `${setup.outcome.error.type}: ${setup.outcome.error.message}`;
		return {
			setupError: `Set-up call ${setup.call.id ?? setup.call.operation} failed with ${error}`,
			steps: [],
			results: setup.results,
		};
	}
	const steps: StepResult[] = [];
	for (const step of scenario.steps) steps.push(await runStep(step, setup.results, context));
	return { steps, results: setup.results };
}
