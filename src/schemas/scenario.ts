import { z } from 'astro/zod';
import './shared'; // Zod's no-eval setting, before any schema is defined.
import type { Scenario } from '../lib/simulator/types';
import { LESSON_SLUGS } from './vocabulary';

/** A call id: a camelCase name later requests use in `{{<id>.Field}}` (`browser` is the browser's own state). */
const callIdSchema = z
	.string()
	.regex(
		/^[a-z][A-Za-z0-9]*$/,
		'must be a camelCase name such as signUp (later requests say {{signUp.UserSub}})'
	)
	.refine((id) => id !== 'browser' && id !== 'outbox' && id !== 'totp', {
		message:
			'must not be browser, outbox or totp (those names are taken by {{browser…}}, {{outbox…}}, {{totp}})',
	});

/** What a step's caller receives: success, an exception, an OAuth error code or an HTTP status. */
const OUTCOME = /^(?:success|[A-Z][A-Za-z]+(?:Exception|Error)|[a-z]+(?:_[a-z]+)+|HTTP [1-5]\d\d)$/;
const OUTCOME_HINT =
	'must be "success", an exception name such as UsernameExistsException, an OAuth error such as invalid_grant, or "HTTP 403"';

/**
 * An operation: a real Cognito API name (`SignUp`, `GetId`, `cognito-identity:TagResource`), a Cognito Sync REST
 * operation (`Sync.UpdateRecords`), a sandbox helper (`Sandbox.SimulateRequest`, `Sandbox.AdvanceClock`,
 * `Sandbox.MintProviderToken`, `Sandbox.HttpRequest`…) or the headless browser (`Browser.Open`, `Browser.Submit`).
 */
const operationSchema = z
	.string()
	.regex(
		/^(?:(?:Sandbox|Sync)\.|cognito-identity:|cognito-idp:)?[A-Z][A-Za-z]+$|^Browser\.(?:Open|Submit)$/,
		'must be an API operation name such as SignUp, Sync.UpdateRecords, Sandbox.SimulateRequest or Browser.Open'
	)
	.describe('Real API operation name, Sync.<Operation>, Sandbox.<Helper> or Browser.Open/Submit');

/** A JSON request body; strings may hold `{{…}}` references. */
const requestSchema = z
	.record(z.string(), z.unknown())
	.default({})
	.describe(
		'Request body; {{<id>.Path}}, {{outbox.last.code}} and {{totp}} are resolved before the call'
	);

/** One set-up call (run before the steps, not shown as a step). */
export const scenarioCallSchema = z
	.object({
		/** Name the response is stored under, for `{{<id>.Field}}` references. */
		id: callIdSchema.optional(),
		/** Operation to call. */
		operation: operationSchema,
		/** Request body. */
		request: requestSchema,
	})
	.strict();

/** What a checked response field must be. */
const checkValueSchema = z.union(
	[
		z.string(),
		z.number(),
		z.boolean(),
		z.object({ startsWith: z.string().min(1) }).strict(),
		z.object({ contains: z.string().min(1) }).strict(),
		z.object({ present: z.boolean() }).strict(),
	],
	{ message: 'must be a value, or { startsWith: … }, { contains: … } or { present: true/false }' }
);

/** A prediction the learner makes before a step runs. */
const predictionSchema = z
	.object({
		/** The question, e.g. "What does the app receive?" */
		prompt: z.string().min(10).default('What will the app receive?'),
		/** Two to five outcomes to pick from; exactly one must be what the step expects. */
		choices: z
			.array(
				z
					.object({
						/** `success`, an exception or error name, or `Allow`/`Deny` for policy checks. */
						outcome: z
							.string()
							.refine((value) => OUTCOME.test(value) || value === 'Allow' || value === 'Deny', {
								message: `${OUTCOME_HINT}, or Allow / Deny`,
							}),
						/** How the learner reads it ("an UserNotConfirmedException error"). */
						label: z.string().min(3),
						/** Why it does or does not happen (shown after the run). */
						explain: z.string().min(10),
					})
					.strict()
			)
			.min(2)
			.max(5),
	})
	.strict();

/** One guided step of a simulator scenario. */
export const scenarioStepSchema = z
	.object({
		/** Name the response is stored under, for `{{<id>.Field}}` references in later steps. */
		id: callIdSchema,
		/** What the learner does in this step. */
		title: z.string().min(3),
		/** Operation to call. */
		operation: operationSchema,
		/** Request body. */
		request: requestSchema,
		/**
		 * What should happen: `success`, or the exact exception name the service returns (for `Browser.*` steps an
		 * OAuth error such as `invalid_grant`, or `HTTP 403`).
		 */
		expect: z.string().regex(OUTCOME, OUTCOME_HINT).default('success'),
		/** For `Sandbox.SimulateRequest` steps: the IAM decision expected. */
		decision: z.enum(['Allow', 'Deny']).optional(),
		/**
		 * Fields the response must have, by path (`AuthenticationResult.IdToken`, `Query.code`, `Alerts.0`); for an
		 * expected error, `type` and `message`. A value (may hold `{{…}}`), or `{ startsWith }`, `{ contains }`,
		 * `{ present }`.
		 */
		check: z.record(z.string().min(1), checkValueSchema).optional(),
		/** Ask the learner to predict the outcome before running the step. */
		predict: predictionSchema.optional(),
		/** What to watch for and why it matters. */
		explain: z.string().min(10),
	})
	.strict();

/** A Lambda function the scenario defines; learners can edit and redeploy its code. */
export const scenarioFunctionSchema = z
	.object({
		/** Short name shown in the trigger editor. */
		name: z.string().min(2),
		/** Function ARN that a pool's `LambdaConfig` names. */
		arn: z
			.string()
			.regex(
				/^arn:aws:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+$/,
				'must be a Lambda function ARN such as arn:aws:lambda:us-east-1:123456789012:function:pre-sign-up'
			),
		/** Handler source, e.g. `export const handler = async (event) => { …; return event; };`. */
		code: z.string().min(10),
	})
	.strict();

/** An IAM role the scenario defines (trust policy and permission policies as JSON documents). */
export const scenarioRoleSchema = z
	.object({
		/** Role ARN. */
		arn: z
			.string()
			.regex(
				/^arn:aws:iam::\d{12}:role\/[\w+=,.@/-]+$/,
				'must be an IAM role ARN such as arn:aws:iam::123456789012:role/Cognito_Auth'
			),
		/** Trust policy document (who may assume the role). */
		trustPolicy: z.record(z.string(), z.unknown()).optional(),
		/** Permission policy documents. */
		policies: z.array(z.record(z.string(), z.unknown())).default([]),
	})
	.strict();

const REFERENCE = /\{\{\s*([^{}]+?)\s*\}\}/g;

function referencesIn(value: unknown): string[] {
	if (typeof value === 'string') return [...value.matchAll(REFERENCE)].map((match) => match[1]!);
	if (Array.isArray(value)) return value.flatMap(referencesIn);
	if (value && typeof value === 'object')
		return Object.entries(value).flatMap(([key, inner]) => [
			...referencesIn(key),
			...referencesIn(inner),
		]);
	return [];
}

/** Frontmatter of a simulator scenario `content/scenarios/<scenario-id>.md`. */
export const scenarioSchema = z
	.object({
		/** Scenario title shown in the simulator's list. */
		title: z.string().min(3),
		/** One sentence on what the learner will see. */
		summary: z.string().min(10).max(200),
		/** Lessons the scenario illustrates. */
		lessons: z.array(z.enum(LESSON_SLUGS)).min(1),
		/** Hidden from the simulator and skipped by the scenario test (say why in `draftReason`). */
		draft: z.boolean().default(false),
		/** Why the scenario is a draft, e.g. the engine operation it still needs. */
		draftReason: z.string().min(5).optional(),
		/** Lambda functions the scenario defines (editable in the trigger editor). */
		functions: z.array(scenarioFunctionSchema).default([]),
		/** IAM roles the scenario defines. */
		roles: z.array(scenarioRoleSchema).default([]),
		/** Calls that prepare the sandbox (pool, client, identity pool…), run before the first step. */
		setup: z.array(scenarioCallSchema).default([]),
		/** Guided steps, in order. */
		steps: z.array(scenarioStepSchema).default([]),
	})
	.strict()
	.superRefine((data, ctx) => {
		if (data.draft && !data.draftReason) {
			ctx.addIssue({
				code: 'custom',
				path: ['draftReason'],
				message: 'must say why the scenario is a draft when draft is true',
			});
		}
		const seen = new Set<string>();
		const calls = [
			...data.setup.map((call, index) => ({ call, path: ['setup', index] as (string | number)[] })),
			...data.steps.map((call, index) => ({ call, path: ['steps', index] as (string | number)[] })),
		];
		for (const { call, path } of calls) {
			for (const reference of referencesIn(call.request)) {
				const head = reference.split('.')[0]!;
				if (head === 'outbox' || head === 'totp' || head === 'browser') continue;
				if (!seen.has(head)) {
					ctx.addIssue({
						code: 'custom',
						path: [...path, 'request'],
						message: `must only reference earlier call ids, outbox, browser or totp, found "{{${reference}}}"${seen.size ? ` (earlier ids: ${[...seen].join(', ')})` : ''}`,
					});
				}
			}
			if (call.id) {
				if (seen.has(call.id))
					ctx.addIssue({
						code: 'custom',
						path: [...path, 'id'],
						message: `must be unique in the scenario, found "${call.id}" twice`,
					});
				seen.add(call.id);
			}
		}
		data.steps.forEach((step, index) => {
			if (step.predict) {
				const expected = step.decision ?? step.expect;
				const outcomes = step.predict.choices.map((choice) => choice.outcome);
				const right = outcomes.filter((outcome) => outcome === expected).length;
				if (right !== 1)
					ctx.addIssue({
						code: 'custom',
						path: ['steps', index, 'predict', 'choices'],
						message: `must have exactly one choice with outcome "${expected}" (what the step expects), found ${right}`,
					});
				const repeated = outcomes.find((outcome, at) => outcomes.indexOf(outcome) !== at);
				if (repeated)
					ctx.addIssue({
						code: 'custom',
						path: ['steps', index, 'predict', 'choices'],
						message: `must not repeat an outcome, found "${repeated}" twice`,
					});
			}
			if (step.decision && step.operation !== 'Sandbox.SimulateRequest') {
				ctx.addIssue({
					code: 'custom',
					path: ['steps', index, 'decision'],
					message: `only applies to Sandbox.SimulateRequest steps, found it on ${step.operation}`,
				});
			}
		});
	});

export type ScenarioData = z.infer<typeof scenarioSchema>;

type Assert<T extends true> = T;
/** Compile-time check: parsed frontmatter is a runnable scenario (plus the id and body the loader adds). */
export type ScenarioDataIsRunnable = Assert<
	ScenarioData extends Omit<Scenario, 'id' | 'body'> ? true : false
>;
