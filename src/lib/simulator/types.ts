/**
 * Shapes shared by the simulator's pure parts: scenarios (as authored in content/scenarios), call outcomes and
 * step results. The content schema (src/schemas/scenario.ts) produces exactly these shapes.
 */

/** A JSON object as sent to or received from a service. */
export type JsonObject = Record<string, unknown>;

/** One API call a scenario makes: the operation and a request that may hold `{{…}}` references. */
export interface ScenarioCall {
	/** Name results are stored under, so later requests can say `{{<id>.Field}}`. */
	id?: string;
	/**
	 * Real operation name (`SignUp`, `GetId`), `Sandbox.*` / `Sync.*` (see sandbox-call.ts), or `Browser.Open` /
	 * `Browser.Submit` (a headless browser with cookies that follows redirects; see browser.ts).
	 */
	operation: string;
	/** Request body; strings may contain `{{…}}` references. */
	request: JsonObject;
}

/** One guided step. */
export interface ScenarioStep extends ScenarioCall {
	id: string;
	/** What the learner does in this step. */
	title: string;
	/** What to notice. */
	explain: string;
	/** `success`, or the exact exception name the call must fail with. */
	expect: string;
	/** For `Sandbox.SimulateRequest`: the policy decision expected. */
	decision?: 'Allow' | 'Deny';
	/** Fields the response (or, for an expected error, `{ type, message }`) must have, by path. */
	check?: Record<string, CheckValue>;
	/** Ask the learner to predict the outcome before the step runs. */
	predict?: Prediction;
}

/**
 * What a checked field must be: a value (strings may hold `{{…}}` references), or a rule on a string field
 * (`startsWith`, `contains`), or whether it is there at all (`present`).
 */
export type CheckValue =
	string | number | boolean | { startsWith: string } | { contains: string } | { present: boolean };

/** A prediction the learner makes before running a step: pick what the client will receive. */
export interface Prediction {
	/** The question, e.g. "What does the app receive?" */
	prompt: string;
	/** Two to five possible outcomes; exactly one is what the step expects. */
	choices: PredictionChoice[];
}

/** One possible outcome to predict. */
export interface PredictionChoice {
	/** `success`, an exception or error name, or a policy decision (`Allow`/`Deny`): compared with the run. */
	outcome: string;
	/** How the learner reads it, e.g. "Tokens, because the trigger confirmed her". */
	label: string;
	/** Why it is (or is not) what happens, shown after the run. */
	explain: string;
}

/** A Lambda function a scenario defines (its code is editable in the trigger editor). */
export interface ScenarioFunction {
	/** Short name shown in the editor's list. */
	name: string;
	/** Function ARN a pool's LambdaConfig names. */
	arn: string;
	/** Handler source (`export const handler = async (event) => …`). */
	code: string;
}

/** An IAM role a scenario defines. */
export interface ScenarioRole {
	/** Role ARN. */
	arn: string;
	/** Trust policy document; strings may hold `{{…}}` references. */
	trustPolicy?: object;
	/** Permission policy documents. */
	policies: object[];
}

/** A complete scenario. */
export interface Scenario {
	/** File name under content/scenarios without `.md`; used in `?scenario=<id>` links. */
	id: string;
	/** Title shown in the picker. */
	title: string;
	/** One sentence on what the learner will see. */
	summary: string;
	/** Lesson slugs the scenario illustrates. */
	lessons: string[];
	/** Hidden in the UI and skipped by the scenario test. */
	draft: boolean;
	/** Why it is a draft. */
	draftReason?: string;
	/** Lambda functions defined before set-up. */
	functions: ScenarioFunction[];
	/** IAM roles defined after set-up (their documents may reference set-up results). */
	roles: ScenarioRole[];
	/** Calls run before the first step. */
	setup: ScenarioCall[];
	/** Guided steps, in order. */
	steps: ScenarioStep[];
	/** Markdown body of the scenario file (an introduction). */
	body?: string;
}

/** How a call ended: the response, or the service error exactly as the service returned it. */
export type CallOutcome =
	{ ok: true; response: unknown } | { ok: false; error: { type: string; message: string } };

/** A message in the outbox (mirrors the sandbox's `OutboxMessage`). */
export interface InboxMessage {
	channel: 'EMAIL' | 'SMS';
	destination: string;
	subject?: string;
	body: string;
	code?: string;
	reason: string;
	at: number;
}

/** What running a step produced. */
export interface StepResult {
	stepId: string;
	/** The request after `{{…}}` references were resolved (absent when resolution failed). */
	request?: JsonObject;
	outcome: CallOutcome;
	/** Whether the outcome matches the step's `expect` (and `decision`). */
	passed: boolean;
	/** One sentence: what was expected and what happened. */
	verdict: string;
}
