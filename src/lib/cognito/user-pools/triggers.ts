/**
 * Lambda triggers: builds the exact event, invokes the function named in the pool's `LambdaConfig`
 * (host functions directly under a 5-second timer, learner code through the isolated runtime), traces
 * the invocation, and turns failures into the service's exceptions.
 */
import { ServiceError } from '../core/errors';
import type { Env, PoolRecord } from './state';
import { clone } from './util';

/** The 5-second limit Cognito gives every trigger; it cannot be changed. */
export const TRIGGER_TIMEOUT_MS = 5000;
const MEMORY_BYTES = 128 * 1024 * 1024;
/** Attempts Cognito makes before reporting a timeout (the retries are reported, not waited out). */
const TIMEOUT_ATTEMPTS = 3;

/** The `LambdaConfig` keys (and the names the error messages use). */
export type TriggerName =
	| 'PreSignUp'
	| 'PostConfirmation'
	| 'PreAuthentication'
	| 'PostAuthentication'
	| 'DefineAuthChallenge'
	| 'CreateAuthChallenge'
	| 'VerifyAuthChallengeResponse'
	| 'PreTokenGeneration'
	| 'UserMigration'
	| 'CustomMessage'
	| 'CustomEmailSender'
	| 'CustomSMSSender'
	| 'InboundFederation';

/** `CLIENT_ID_NOT_APPLICABLE` is what admin operations without a client put in `callerContext.clientId`. */
export const NO_CLIENT = 'CLIENT_ID_NOT_APPLICABLE';

/** The function ARN and event version of a configured trigger, or undefined. */
export function triggerConfig(
	pool: PoolRecord,
	trigger: TriggerName
): { arn: string; version: string } | undefined {
	const config = pool.settings.LambdaConfig ?? {};
	if (trigger === 'PreTokenGeneration') {
		const versioned = config.PreTokenGenerationConfig;
		if (versioned?.LambdaArn)
			return {
				arn: versioned.LambdaArn,
				version:
					versioned.LambdaVersion === 'V2_0' ? '2' : versioned.LambdaVersion === 'V3_0' ? '3' : '1',
			};
		return config.PreTokenGeneration ? { arn: config.PreTokenGeneration, version: '1' } : undefined;
	}
	if (
		trigger === 'CustomEmailSender' ||
		trigger === 'CustomSMSSender' ||
		trigger === 'InboundFederation'
	) {
		return config[trigger]?.LambdaArn
			? { arn: config[trigger].LambdaArn, version: '1' }
			: undefined;
	}
	return typeof config[trigger] === 'string' ? { arn: config[trigger], version: '1' } : undefined;
}

/** Whether a trigger is configured. */
export const hasTrigger = (pool: PoolRecord, trigger: TriggerName) =>
	!!triggerConfig(pool, trigger);

export interface TriggerCall {
	triggerSource: string;
	/** `null` for machine-to-machine token requests, which have no user. */
	userName: string | null;
	clientId: string;
	request: Record<string, unknown>;
	response?: Record<string, unknown>;
}

export type Outcome =
	| { ok: true; value: unknown; logs: string[]; durationMs: number }
	| { ok: false; kind: string; message: string; logs: string[]; durationMs: number };

export async function invokeHost(fn: (event: object) => unknown, event: object): Promise<Outcome> {
	const started = globalThis.performance.now();
	let timer: ReturnType<typeof setTimeout> | undefined;
	const timeout = new Promise<Outcome>((resolve) => {
		timer = setTimeout(
			() =>
				resolve({
					ok: false,
					kind: 'timeout',
					message: 'Task timed out after 5.00 seconds',
					logs: [],
					durationMs: TRIGGER_TIMEOUT_MS,
				}),
			TRIGGER_TIMEOUT_MS
		);
	});
	const run = (async (): Promise<Outcome> => {
		try {
			const value = await fn(event);
			return { ok: true, value, logs: [], durationMs: globalThis.performance.now() - started };
		} catch (error) {
			const message = error instanceof Error ? error.message : String(error);
			return {
				ok: false,
				kind: 'error',
				message,
				logs: [],
				durationMs: globalThis.performance.now() - started,
			};
		}
	})();
	try {
		return await Promise.race([run, timeout]);
	} finally {
		clearTimeout(timer);
	}
}

/**
 * Runs a trigger if the pool configures it and returns the event the function returned (with its
 * `response`), or undefined when no trigger is configured.
 */
export async function runTrigger(
	env: Env,
	pool: PoolRecord,
	trigger: TriggerName,
	call: TriggerCall
): Promise<Record<string, any> | undefined> {
	const config = triggerConfig(pool, trigger);
	if (!config) return undefined;
	const event = {
		version: config.version,
		triggerSource: call.triggerSource,
		region: env.context.region,
		userPoolId: pool.id,
		userName: call.userName,
		callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: call.clientId },
		request: clone(call.request),
		response: clone(call.response ?? {}),
	};
	const code = env.context.functions.get(config.arn);
	let outcome: Outcome;
	if (code === undefined) {
		outcome = {
			ok: false,
			kind: 'not-found',
			message: 'ResourceNotFoundException',
			logs: [],
			durationMs: 0,
		};
	} else if (typeof code === 'string') {
		outcome = await env.context.runtime.invoke(code, clone(event), {
			timeoutMs: TRIGGER_TIMEOUT_MS,
			memoryBytes: MEMORY_BYTES,
		});
	} else {
		outcome = await invokeHost(code, clone(event));
	}
	let response: unknown;
	if (outcome.ok) {
		try {
			response = clone(outcome.value);
		} catch {
			response = undefined;
		}
	}
	env.context.emit({
		type: 'TriggerInvoked',
		trigger,
		triggerSource: call.triggerSource,
		functionArn: config.arn,
		event,
		...(outcome.ok ? { response } : { error: { kind: outcome.kind, message: outcome.message } }),
		logs: outcome.logs,
		durationMs: outcome.durationMs,
		attempts: !outcome.ok && outcome.kind === 'timeout' ? TIMEOUT_ATTEMPTS : 1,
		at: env.now(),
	});
	if (!outcome.ok) {
		if (outcome.kind === 'timeout')
			throw new ServiceError(
				'UnexpectedLambdaException',
				`${trigger} invocation failed due to error Socket timeout while invoking Lambda function.`
			);
		if (outcome.kind === 'not-found')
			throw new ServiceError(
				'UnexpectedLambdaException',
				`${trigger} invocation failed due to error ResourceNotFoundException.`
			);
		throw new ServiceError(
			'UserLambdaValidationException',
			`${trigger} failed with error ${outcome.message}.`
		);
	}
	if (!response || typeof response !== 'object' || Array.isArray(response))
		throw new ServiceError('InvalidLambdaResponseException', 'Unrecognizable lambda output');
	const result = response as Record<string, any>;
	if (
		result.response !== undefined &&
		result.response !== null &&
		(typeof result.response !== 'object' || Array.isArray(result.response))
	) {
		throw new ServiceError('InvalidLambdaResponseException', 'Unrecognizable lambda output');
	}
	result.response ??= {};
	return result;
}

/** Checks that optional response fields have the declared JSON type; otherwise the output is unrecognisable. */
export function expectTypes(
	response: Record<string, unknown>,
	types: Record<string, 'boolean' | 'string' | 'object'>
): void {
	for (const [field, type] of Object.entries(types)) {
		const value = response[field];
		if (value === undefined || value === null) continue;
		const actual = Array.isArray(value) ? 'array' : typeof value;
		if (actual !== type)
			throw new ServiceError('InvalidLambdaResponseException', 'Unrecognizable lambda output');
	}
}
