/**
 * Calls a Lambda function the gateways name (an API Gateway Lambda authorizer, an AppSync Lambda authorizer):
 * learner code through the isolated runtime, host functions directly, each traced as a `TriggerInvoked` event.
 */
import type { SandboxContext } from '../core/context';
import { invokeHost, type Outcome } from '../user-pools/triggers';
import { clone } from '../user-pools/util';

/** The sandbox's limit for learner code (Cognito's trigger limit); real authorizers have their own timeouts. */
const TIMEOUT_MS = 5000;
const MEMORY_BYTES = 128 * 1024 * 1024;

/** Runs the function `arn` with `event`; `kind: 'not-found'` when no function has that ARN. */
export async function invokeLambda(
	context: SandboxContext,
	arn: string,
	event: object,
	trace: { trigger: string; source: string }
): Promise<Outcome> {
	const code = context.functions.get(arn);
	const outcome: Outcome =
		code === undefined
			? {
					ok: false,
					kind: 'not-found',
					message: 'ResourceNotFoundException',
					logs: [],
					durationMs: 0,
				}
			: typeof code === 'string'
				? await context.runtime.invoke(code, clone(event), {
						timeoutMs: TIMEOUT_MS,
						memoryBytes: MEMORY_BYTES,
					})
				: await invokeHost(code, clone(event));
	let response: unknown;
	if (outcome.ok) {
		try {
			response = clone(outcome.value);
		} catch {
			response = undefined;
		}
	}
	context.emit({
		type: 'TriggerInvoked',
		trigger: trace.trigger,
		triggerSource: trace.source,
		functionArn: arn,
		event,
		...(outcome.ok ? { response } : { error: { kind: outcome.kind, message: outcome.message } }),
		logs: outcome.logs,
		durationMs: outcome.durationMs,
		attempts: 1,
		at: context.clock.now(),
	});
	return outcome.ok ? { ...outcome, value: response } : outcome;
}
