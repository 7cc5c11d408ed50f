/**
 * The isolated runtime for learners' Lambda trigger code: QuickJS compiled to WebAssembly
 * (quickjs-emscripten), a fresh QuickJS runtime and context per invocation.
 *
 * What the guest cannot do: reach the page, storage, the DOM or the network (none of those exist in
 * QuickJS; `fetch` rejects with a clear message), import modules (every `import`/`require` except
 * `crypto` fails with a clear message), see another invocation's state, or outlast its limits:
 * - time: an interrupt handler stops it at `timeoutMs` of host time (endless loops, endless
 *   promise chains, catastrophic regular expressions); timers run on virtual time, and one due past
 *   the limit ends the invocation as a timeout at once instead of being waited out;
 * - memory: the WebAssembly memory cannot grow past `memoryBytes` beyond its starting heap, and
 *   QuickJS's own limit is set too; running out fails as `crash` with an "out of memory" message;
 * - stack: QuickJS's stack limit turns deep recursion into "Maximum call stack size exceeded"; if
 *   the host's stack runs out first, the engine is discarded and reloaded for the next invocation.
 *
 * The guest's clock: `Date.now()` starts at `guestClock.now()` (pass the sandbox's clock for
 * deterministic runs) and advances only by virtual time: when a timer fires (timers never wait for
 * real) and, after the first 100 reads, by 1 ms per read, so a busy wait ends at once. Virtual
 * time counts towards `durationMs` and the time limit. The same code and event give the same
 * result; local time is UTC, as in Lambda. `Math.random` and `crypto.randomUUID` are seeded from
 * `random`.
 */
import type { FunctionRuntime, InvocationResult } from '../core/context';
import { type Engine, discardEngine, loadEngine } from './engine';
import { DEFAULT_LOG_LIMITS, type LogLimits } from './logs';
import { STACK_OVERFLOW_MESSAGE, engineFailureMessage } from './messages';
import { isChunkLoadError, STALE_BUILD_MESSAGE } from '../../stale-build';

export { DEFAULT_LOG_LIMITS, type LogLimits } from './logs';

/** Options for {@link createQuickJsRuntime}; every one has a default. */
export interface QuickJsRuntimeOptions {
	/** Host clock in milliseconds for deadlines and `durationMs` (default `globalThis.performance.now()`). */
	now?: () => number;
	/** The wall clock the guest's `Date` starts from (default the real clock). The sandbox passes its own. */
	guestClock?: { now(): number };
	/** Randomness for the guest's seed and request ids, in [0, 1) (default `globalThis.Math.random()`). */
	random?: () => number;
	/** QuickJS stack limit in bytes (default 256 KiB: about 1,000 nested calls, below the host's own stack). */
	maxStackBytes?: number;
	/** Caps on captured console output per invocation. */
	logLimits?: Partial<LogLimits>;
	/** `context.functionName` and `AWS_LAMBDA_FUNCTION_NAME` inside the guest (default `learner-function`). */
	functionName?: string;
}

const DEFAULT_MAX_STACK_BYTES = 256 * 1024;
/** Below this QuickJS cannot even create a context. */
const MIN_MEMORY_BYTES = 2 * 1024 * 1024;
/** The WebAssembly build cannot address more than 2 GiB; stay well inside it. */
const MAX_MEMORY_BYTES = 1024 * 1024 * 1024;
/** Lambda's own maximum; a missing or absurd limit never means "no limit". */
const MAX_TIMEOUT_MS = 900_000;

/** Lambda's defaults, used when a limit is missing or not a number. */
export const DEFAULT_LIMITS = { timeoutMs: 3000, memoryBytes: 128 * 1024 * 1024 };

const clamp = (value: number, min: number, max: number, fallback: number) =>
	Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;

/**
 * Creates the runtime a sandbox uses to run learner code. The WebAssembly module is loaded on the
 * first `invoke` (and shared with other runtimes); invocations run one at a time.
 *
 * @example
 * const runtime = createQuickJsRuntime({ guestClock: sandboxClock });
 * const result = await runtime.invoke(
 *   'export const handler = async (event) => { event.response.autoConfirmUser = true; return event; };',
 *   preSignUpEvent,
 *   { timeoutMs: 5000, memoryBytes: 32 * 1024 * 1024 }
 * );
 */
export function createQuickJsRuntime(options: QuickJsRuntimeOptions = {}): FunctionRuntime {
	const guestClock = options.guestClock ?? { now: () => globalThis.Date.now() };
	const random = options.random ?? (() => globalThis.Math.random());
	return {
		invoke: (code, event, limits) =>
			runIsolated(code, event, limits, invocationIdentity(guestClock, random), options),
	};
}

/** What makes one invocation reproducible: the guest's start time, its random seed and its request id. */
export interface InvocationIdentity {
	guestNowMs: number;
	seed: number;
	requestId: string;
}

/** Draws an invocation's identity from the sandbox's clock and randomness (the same draws wherever it runs). */
export function invocationIdentity(
	guestClock: { now(): number },
	random: () => number
): InvocationIdentity {
	return {
		guestNowMs: guestClock.now(),
		seed: Math.floor(random() * 2 ** 32),
		requestId: uuid(random),
	};
}

/**
 * Runs one invocation in this thread with QuickJS: the interrupt handler stops guest bytecode at the
 * limit, but a single long call inside a built-in (a huge `indexOf`) is only stopped by terminating the
 * thread, which is what ./supervised.ts does around this function.
 */
export async function runIsolated(
	code: string,
	event: object,
	limits: { timeoutMs: number; memoryBytes: number },
	identity: InvocationIdentity,
	options: Omit<QuickJsRuntimeOptions, 'guestClock' | 'random'> & {
		/** Called once the engine is loaded, just before guest code starts. */
		onStart?: () => void;
	} = {}
): Promise<InvocationResult> {
	const now = options.now ?? (() => globalThis.performance.now());
	const maxStackBytes = options.maxStackBytes ?? DEFAULT_MAX_STACK_BYTES;
	const logLimits: LogLimits = { ...DEFAULT_LOG_LIMITS, ...options.logLimits };
	const functionName = options.functionName ?? 'learner-function';
	const memoryBytes = clamp(
		limits.memoryBytes,
		MIN_MEMORY_BYTES,
		MAX_MEMORY_BYTES,
		DEFAULT_LIMITS.memoryBytes
	);
	const timeoutMs = clamp(limits.timeoutMs, 1, MAX_TIMEOUT_MS, DEFAULT_LIMITS.timeoutMs);
	let engine: Engine;
	let invocation: typeof import('./invoke');
	try {
		// Loaded with the engine, so pages that never run learner code do not download either.
		[engine, invocation] = await Promise.all([loadEngine(memoryBytes), import('./invoke')]);
	} catch (error) {
		return {
			ok: false,
			kind: 'crash',
			// A tab left open across a deploy asks for a script the server no longer has.
			message: isChunkLoadError(error)
				? STALE_BUILD_MESSAGE
				: `The sandbox's JavaScript engine could not be loaded: ${String(error)}`,
			logs: [],
			durationMs: 0,
		};
	}
	const settings = {
		timeoutMs,
		memoryBytes,
		maxStackBytes,
		now,
		...identity,
		functionName,
		logLimits,
		onEngineDamaged: () => discardEngine(engine),
		memoryNearlyFull: () => engine.memoryNearlyFull(),
		memorySize: () => engine.memorySize(),
	};
	options.onStart?.();
	try {
		return invocation.runInvocation(engine.module, code, event, settings);
	} catch (error) {
		if (!(error instanceof invocation.EngineFailure)) throw error;
		discardEngine(engine);
		const stackOverflow = /call stack|stack overflow|too much recursion/i.test(error.detail);
		return {
			ok: false,
			kind: stackOverflow ? 'error' : 'crash',
			message: stackOverflow ? STACK_OVERFLOW_MESSAGE : engineFailureMessage(error.detail),
			logs: error.logs,
			durationMs: error.durationMs,
		};
	}
}

function uuid(random: () => number): string {
	const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
	hex[12] = '4';
	hex[16] = '89ab'[Math.floor(random() * 4)]!;
	const s = hex.join('');
	return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}
