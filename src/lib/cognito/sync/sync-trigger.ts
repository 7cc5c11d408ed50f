/**
 * Cognito Events: the `SyncTrigger` Lambda function a pool names with `SetCognitoEvents`. It receives the
 * changes of an UpdateRecords call and returns them, possibly modified; Cognito Sync writes what it returns.
 */
import type { SandboxContext } from '../core/context';
import { type Dict, dict } from '../core/dict';
import { ServiceError } from '../core/errors';

/** One changed record as the SyncTrigger event describes it. */
export interface DatasetRecordChange {
	oldValue?: string | null;
	newValue?: string | null;
	op: 'replace' | 'remove';
}

/** The documented event (version 2). */
export interface SyncTriggerEvent {
	version: 2;
	eventType: 'SyncTrigger';
	region: string;
	identityPoolId: string;
	identityId: string;
	datasetName: string;
	datasetRecords: Record<string, DatasetRecordChange>;
}

/** Cognito gives the function 5 seconds. */
const TIMEOUT_MS = 5000;
const MEMORY_BYTES = 128 * 1024 * 1024;

/** Invokes the function and returns the changes to write; errors surface as Cognito Sync reports them. */
export async function runSyncTrigger(
	context: SandboxContext,
	functionArn: string,
	event: SyncTriggerEvent
): Promise<Dict<DatasetRecordChange>> {
	const code = context.functions.get(functionArn);
	const at = context.clock.now();
	const report = (outcome: {
		response?: unknown;
		error?: { kind: string; message: string };
		logs?: string[];
		durationMs?: number;
	}) =>
		context.emit({
			type: 'TriggerInvoked',
			trigger: 'SyncTrigger',
			triggerSource: 'SyncTrigger',
			functionArn,
			event,
			response: outcome.response,
			error: outcome.error,
			logs: outcome.logs ?? [],
			durationMs: outcome.durationMs ?? 0,
			attempts: 1,
			at,
		});
	if (code === undefined) {
		report({ error: { kind: 'crash', message: 'Function not found' } });
		throw new ServiceError(
			'InvalidConfigurationException',
			`The SyncTrigger function ${functionArn} does not exist.`
		);
	}
	let value: unknown;
	if (typeof code === 'function') {
		try {
			value = await code(structuredClone(event));
			report({ response: value });
		} catch (error) {
			const message = error instanceof Error ? error.message : String(error);
			report({ error: { kind: 'error', message } });
			throw new ServiceError(
				'InvalidLambdaFunctionOutputException',
				`The SyncTrigger function failed: ${message}`
			);
		}
	} else {
		const result = await context.runtime.invoke(code, event, {
			timeoutMs: TIMEOUT_MS,
			memoryBytes: MEMORY_BYTES,
		});
		if (!result.ok) {
			report({
				error: { kind: result.kind, message: result.message },
				logs: result.logs,
				durationMs: result.durationMs,
			});
			if (result.kind === 'timeout')
				throw new ServiceError(
					'LambdaSocketTimeoutException',
					'The SyncTrigger function timed out.',
					500
				);
			throw new ServiceError(
				'InvalidLambdaFunctionOutputException',
				`The SyncTrigger function failed: ${result.message}`
			);
		}
		value = result.value;
		report({ response: value, logs: result.logs, durationMs: result.durationMs });
	}
	return readChanges(value);
}

function readChanges(value: unknown): Dict<DatasetRecordChange> {
	const records = (value as { datasetRecords?: unknown } | null)?.datasetRecords;
	if (!records || typeof records !== 'object' || Array.isArray(records)) {
		throw new ServiceError(
			'InvalidLambdaFunctionOutputException',
			'The SyncTrigger function must return the event with its datasetRecords.'
		);
	}
	const changes = dict<DatasetRecordChange>();
	for (const [key, change] of Object.entries(records as Record<string, unknown>)) {
		const entry = change as DatasetRecordChange | null;
		if (
			!entry ||
			(entry.op !== 'replace' && entry.op !== 'remove') ||
			(entry.op === 'replace' && typeof entry.newValue !== 'string')
		) {
			throw new ServiceError(
				'InvalidLambdaFunctionOutputException',
				`Invalid datasetRecords entry for key ${key}.`
			);
		}
		changes[key] = entry;
	}
	return changes;
}
