/**
 * Runs scenarios: set-up calls, then steps, each resolved against earlier results and checked against what the
 * scenario says should happen. Pure orchestration over an injected {@link RunContext}, so the same code drives the
 * sandbox in the browser's worker and in the headless Node test.
 */
import { resolveTemplate, TemplateError } from './template';
import type {
	CallOutcome,
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

/** Responses so far, by call id (set-up calls and steps share the namespace). */
export type Results = Record<string, unknown>;

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
	const outcome = await context.call(call.operation, request);
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
	return { stepId: step.id, request, outcome, ...judge(step, outcome) };
}

/** Whether an outcome is what the step expects, with a one-sentence verdict. Pure. */
export function judge(
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
