/** Isolated runtime for learner Lambda code: STUB — being implemented (see issue 6). */
import type { FunctionRuntime } from '../core/context';

export function createQuickJsRuntime(): FunctionRuntime {
	return {
		invoke: async () => ({ ok: false, kind: 'crash', message: 'The isolated runtime is not implemented yet', logs: [], durationMs: 0 }),
	};
}
