/**
 * One invocation of learner code in a brand-new QuickJS runtime and context, from start to
 * disposal, synchronously: nothing else can run on the shared WebAssembly module meanwhile, and
 * nothing of this invocation (globals, tampered built-ins, timers, memory) outlives it.
 */
import type {
	QuickJSContext,
	QuickJSHandle,
	QuickJSRuntime,
	QuickJSWASMModule,
} from 'quickjs-emscripten-core';
import type { InvocationResult } from '../core/context';
import { GUEST_CONSOLE } from './guest-console';
import { GUEST_PRELUDE } from './guest-prelude';
import { LogCollector, type LogLimits } from './logs';
import {
	type GuestError,
	NEVER_SETTLED_NOTE,
	STACK_OVERFLOW_MESSAGE,
	handlerNotFoundMessage,
	initErrorMessage,
	memoryMessage,
	syntaxErrorMessage,
	timeoutMessage,
} from './messages';
import {
	CRYPTO_MODULE_SOURCE,
	MODULE_SHAPE,
	SCRIPT_SHAPE,
	type SourceShape,
	importRefusal,
	sourceShape,
} from './source';

/** Everything one invocation needs besides the code and the event. */
export interface InvocationSettings {
	timeoutMs: number;
	memoryBytes: number;
	/** QuickJS's own stack limit; deep recursion fails with a RangeError-like message below it. */
	maxStackBytes: number;
	/** Host clock in milliseconds, for the deadline and `durationMs`. */
	now: () => number;
	/** What the guest's `Date.now()` returns when the handler starts (ms since the epoch). */
	guestNowMs: number;
	/** Seed for the guest's `Math.random` and `crypto`. */
	seed: number;
	requestId: string;
	functionName: string;
	logLimits: LogLimits;
	/** Called if disposing this invocation's runtime failed, so the module is no longer trusted. */
	onEngineDamaged: () => void;
	/** Whether the module's memory is (nearly) exhausted; tells QuickJS's bare `null` OOM apart. */
	memoryNearlyFull: () => boolean;
	/** The module's memory size in bytes (it only grows). */
	memorySize: () => number;
}

/**
 * Thrown when the engine itself failed mid-call (a WebAssembly trap, the host's own stack
 * overflowing inside QuickJS): its state can no longer be trusted, so the caller discards it.
 */
export class EngineFailure extends Error {
	constructor(
		readonly detail: string,
		readonly logs: string[],
		readonly durationMs: number
	) {
		super(detail);
		this.name = 'EngineFailure';
	}
}

/** Lambda's limit on a synchronous invocation's response payload. */
const MAX_RESPONSE_BYTES = 6_291_556;
/** Pending jobs run per batch between deadline checks. */
const JOB_BATCH = 512;

type Outcome =
	| { ok: true; json: string; elapsed: number }
	| {
			ok: false;
			kind: 'error' | 'crash';
			name: string;
			message: string;
			stack?: string;
			elapsed: number;
	  };

/** Runs `code`'s handler with `event`; never throws except {@link EngineFailure}. */
export function runInvocation(
	module: QuickJSWASMModule,
	code: string,
	event: object,
	settings: InvocationSettings
): InvocationResult {
	const { now, timeoutMs, memoryBytes } = settings;
	const started = now();
	const deadline = started + timeoutMs;
	const memoryAtStart = settings.memorySize();
	const logs = new LogCollector(settings.logLimits);
	let interrupted = false;
	let outOfMemory = false;
	let shape: SourceShape = sourceShape(code);

	const realMs = () => now() - started;
	const round = (ms: number) => Math.round(ms * 100) / 100;
	const done = (
		result:
			| { ok: true; value: unknown }
			| { ok: false; kind: 'error' | 'timeout' | 'crash'; message: string },
		virtualMs = 0
	): InvocationResult => ({
		...result,
		logs: logs.finish(),
		durationMs: round(
			result.ok === false && result.kind === 'timeout'
				? Math.max(realMs(), timeoutMs)
				: realMs() + virtualMs
		),
	});
	const timedOut = () => done({ ok: false, kind: 'timeout', message: timeoutMessage(timeoutMs) });
	// QuickJS's out-of-memory paths are not all clean (the next invocation on the same module has hit
	// "memory access out of bounds"), so after one the whole module is replaced, not reused.
	let discard = false;
	const memoryExceeded = () => {
		discard = true;
		return done({ ok: false, kind: 'crash', message: memoryMessage(memoryBytes) });
	};
	/** Maps an error that escaped the guest's own plumbing (interrupt, out of memory...). */
	const escaped = (
		error: GuestError,
		fallback: (error: GuestError) => InvocationResult
	): InvocationResult => {
		if (interrupted) return timedOut();
		// With no memory left even for an error object, QuickJS throws a bare null instead.
		if (
			isOutOfMemory(error) ||
			outOfMemory ||
			(error.name === 'null' && settings.memoryNearlyFull())
		)
			return memoryExceeded();
		return fallback(error);
	};

	let eventJson: string;
	try {
		eventJson = JSON.stringify(event) ?? 'null';
	} catch (error) {
		return done({
			ok: false,
			kind: 'crash',
			message: `The event could not be serialised to JSON: ${String(error)}`,
		});
	}

	let runtime: QuickJSRuntime | undefined;
	let context: QuickJSContext | undefined;
	const handles: QuickJSHandle[] = [];
	let healthy = true;
	try {
		runtime = module.newRuntime({
			memoryLimitBytes: memoryBytes,
			maxStackSizeBytes: settings.maxStackBytes,
			// Called by QuickJS every few thousand operations; once true it stays true, so nothing of
			// this invocation runs again after the deadline.
			interruptHandler: () => (interrupted ||= now() > deadline),
			moduleLoader: (name) =>
				name === 'crypto' || name === 'node:crypto'
					? CRYPTO_MODULE_SOURCE
					: { error: new Error(importRefusal(name)) },
		});
		const ctx = (context = runtime.newContext());
		const rt = runtime;
		const keep = (handle: QuickJSHandle) => (handles.push(handle), handle);

		const hostLog = keep(
			ctx.newFunction('hostLog', (_level, message) => {
				// Checked before copying, so a flood of huge messages costs the host nothing.
				if (logs.accepts() && message && ctx.typeof(message) === 'string')
					logs.add(ctx.getString(message));
			})
		);
		const config = JSON.stringify({
			now: settings.guestNowMs,
			seed: settings.seed,
			timeoutMs,
			memoryMb: Math.round(memoryBytes / (1024 * 1024)),
			requestId: settings.requestId,
			functionName: settings.functionName,
		});

		const factory = ctx.evalCode(GUEST_PRELUDE, '<sandbox>', { type: 'global' });
		if (factory.error)
			return escaped(readError(ctx, keep(factory.error)), (e) =>
				done({ ok: false, kind: 'crash', message: `The sandbox could not start: ${e.message}` })
			);
		// The console formatter's source, handed over on the guest's first console call.
		const consoleSource = keep(
			ctx.newFunction('hostConsoleSource', () => ctx.newString(GUEST_CONSOLE))
		);
		const api = ctx.callFunction(
			keep(factory.value),
			ctx.undefined,
			hostLog,
			keep(ctx.newString(config)),
			consoleSource
		);
		if (api.error)
			return escaped(readError(ctx, keep(api.error)), (e) =>
				done({ ok: false, kind: 'crash', message: `The sandbox could not start: ${e.message}` })
			);
		const apiHandle = keep(api.value);
		const run = keep(ctx.getProp(apiHandle, 'run'));
		const runTimer = keep(ctx.getProp(apiHandle, 'runTimer'));
		const uncaught = keep(ctx.getProp(apiHandle, 'uncaught'));

		// Evaluate in the guessed form; if that does not parse, try the other form. Modules are never
		// compiled without running: freeing a compiled-only module corrupts QuickJS's module list.
		const syntaxFailure = (e: GuestError) =>
			done({ ok: false, kind: 'crash', message: syntaxErrorMessage(e, shape.filename) });
		const initFailure = (e: GuestError) =>
			done({ ok: false, kind: 'crash', message: initErrorMessage(e, shape.filename) });
		let evaluated: ReturnType<QuickJSContext['evalCode']>;
		if (shape.type === 'global') {
			const scriptError = parseError(ctx, code, SCRIPT_SHAPE);
			if (scriptError && scriptError.name !== 'SyntaxError')
				return escaped(scriptError, initFailure);
			if (scriptError) {
				// An `export` the line-start guess missed? Then it parses as a module.
				const asModule = ctx.evalCode(code, MODULE_SHAPE.filename, { type: 'module' });
				if (asModule.error) {
					const moduleError = readError(ctx, keep(asModule.error));
					if (moduleError.name === 'SyntaxError') return escaped(scriptError, syntaxFailure);
					shape = MODULE_SHAPE;
					return escaped(moduleError, initFailure);
				}
				shape = MODULE_SHAPE;
				evaluated = asModule;
			} else {
				evaluated = ctx.evalCode(code, SCRIPT_SHAPE.filename, { type: 'global' });
			}
		} else {
			evaluated = ctx.evalCode(code, MODULE_SHAPE.filename, { type: 'module' });
			if (evaluated.error) {
				const moduleError = readError(ctx, keep(evaluated.error));
				if (moduleError.name === 'SyntaxError' && !parseError(ctx, code, SCRIPT_SHAPE)) {
					// `import`/`export` only at the start of a line inside a string or comment: a script.
					shape = SCRIPT_SHAPE;
					evaluated = ctx.evalCode(code, SCRIPT_SHAPE.filename, { type: 'global' });
				} else {
					return escaped(
						moduleError,
						moduleError.name === 'SyntaxError' ? syntaxFailure : initFailure
					);
				}
			}
		}
		if (evaluated.error) return escaped(readError(ctx, keep(evaluated.error)), initFailure);
		const exportsHandle = keep(evaluated.value);

		const invocation = ctx.callFunction(
			run,
			ctx.undefined,
			shape.type === 'module' ? exportsHandle : ctx.undefined,
			keep(ctx.newString(eventJson))
		);
		if (invocation.error)
			return escaped(readError(ctx, keep(invocation.error)), (e) =>
				done({ ok: false, kind: 'crash', message: initErrorMessage(e, shape.filename) })
			);
		const promise = keep(invocation.value);

		// Drive the guest's event loop: jobs first, then the next (virtual) timer, until it settles.
		let outcomeJson: string | undefined;
		for (;;) {
			const state = ctx.getPromiseState(promise);
			if (state.type === 'fulfilled') {
				outcomeJson = ctx.getString(keep(state.value));
				break;
			}
			if (state.type === 'rejected') {
				return escaped(readError(ctx, keep(state.error)), (e) => done(handlerError(e, logs)));
			}
			if (interrupted || now() > deadline) return timedOut();
			const jobs = rt.executePendingJobs(JOB_BATCH);
			if (jobs.error) {
				// A job failed outside any promise the guest watches: only interrupts and memory matter.
				if (isOutOfMemory(readError(ctx, keep(jobs.error)))) outOfMemory = true;
				if (interrupted) return timedOut();
				continue;
			}
			if (jobs.value > 0) continue;
			const thrown = callString(ctx, uncaught);
			if (thrown) {
				outcomeJson = thrown;
				break;
			}
			const tick = ctx.callFunction(runTimer, ctx.undefined, keep(ctx.newNumber(realMs())));
			if (tick.error)
				return escaped(readError(ctx, keep(tick.error)), (e) => done(handlerError(e, logs)));
			const fired = ctx.getNumber(keep(tick.value));
			if (fired === 1) continue;
			if (fired === -1) return timedOut(); // the next timer is due after the limit: not waited out
			// A promise chain that ran out of memory dies quietly (its rejection reaches no handler), leaving
			// the handler unsettled: with the memory at its cap, that is the out-of-memory it was.
			const grewToCap = settings.memorySize() > memoryAtStart && settings.memoryNearlyFull();
			if (outOfMemory || grewToCap) return memoryExceeded();
			logs.add(NEVER_SETTLED_NOTE);
			return done({ ok: true, value: null });
		}
		const outcome = JSON.parse(outcomeJson) as Outcome;
		// Virtual time (timers, busy waits) counts towards the limit as real time does.
		if (outcome.elapsed + realMs() > timeoutMs) return timedOut();
		return fromOutcome(outcome, shape, logs, done, escaped);
	} catch (error) {
		healthy = false;
		throw new EngineFailure(
			error instanceof Error ? `${error.name}: ${error.message}` : String(error),
			logs.finish(),
			round(realMs())
		);
	} finally {
		// After a host-level failure or running out of memory the module is discarded whole;
		// disposing could trap again.
		if (discard) settings.onEngineDamaged();
		else if (healthy) {
			try {
				for (const handle of handles.reverse()) if (handle.alive) handle.dispose();
				context?.dispose();
				runtime?.dispose();
			} catch {
				settings.onEngineDamaged();
			}
		}
	}
}

function fromOutcome(
	outcome: Outcome,
	shape: SourceShape,
	logs: LogCollector,
	done: (
		result:
			| { ok: true; value: unknown }
			| { ok: false; kind: 'error' | 'timeout' | 'crash'; message: string },
		virtualMs?: number
	) => InvocationResult,
	escaped: (
		error: GuestError,
		fallback: (error: GuestError) => InvocationResult
	) => InvocationResult
): InvocationResult {
	if (outcome.ok) {
		if (outcome.json.length > MAX_RESPONSE_BYTES) {
			return done(
				{
					ok: false,
					kind: 'error',
					message: `Response payload size (${outcome.json.length} bytes) exceeded maximum allowed payload size (${MAX_RESPONSE_BYTES} bytes).`,
				},
				outcome.elapsed
			);
		}
		return done({ ok: true, value: JSON.parse(outcome.json) as unknown }, outcome.elapsed);
	}
	if (outcome.name === 'Runtime.HandlerNotFound') {
		return done(
			{
				ok: false,
				kind: 'crash',
				message: handlerNotFoundMessage(shape.filename, outcome.message),
			},
			outcome.elapsed
		);
	}
	if (outcome.kind === 'crash')
		return escaped(outcome, (e) =>
			done(
				{ ok: false, kind: 'crash', message: initErrorMessage(e, shape.filename) },
				outcome.elapsed
			)
		);
	return escaped(outcome, (e) => done(handlerError(e, logs), outcome.elapsed));
}

/** The handler threw or rejected: Lambda's `errorMessage`, with the stack logged as Lambda does. */
function handlerError(
	error: GuestError,
	logs: LogCollector
): { ok: false; kind: 'error'; message: string } {
	if (error.name === 'InternalError' && error.message === 'stack overflow') {
		logs.add(`Invoke Error: RangeError: ${STACK_OVERFLOW_MESSAGE}`);
		return { ok: false, kind: 'error', message: STACK_OVERFLOW_MESSAGE };
	}
	logs.add(`Invoke Error: ${error.name}: ${error.message}${error.stack ? `\n${error.stack}` : ''}`);
	return { ok: false, kind: 'error', message: error.message };
}

function isOutOfMemory(error: GuestError): boolean {
	return error.name === 'InternalError' && error.message === 'out of memory';
}

/** Compiles a script without running it; returns the error if the code does not parse as one. */
function parseError(ctx: QuickJSContext, code: string, shape: SourceShape): GuestError | undefined {
	const compiled = ctx.evalCode(code, shape.filename, { type: 'global', compileOnly: true });
	if (compiled.error) {
		const error = readError(ctx, compiled.error);
		if (compiled.error.alive) compiled.error.dispose();
		return error;
	}
	compiled.value.dispose();
	return undefined;
}

/** Calls a guest function returning a string (`''` if it failed). */
function callString(ctx: QuickJSContext, fn: QuickJSHandle): string {
	const result = ctx.callFunction(fn, ctx.undefined);
	if (result.error) {
		if (result.error.alive) result.error.dispose();
		return '';
	}
	const text = ctx.typeof(result.value) === 'string' ? ctx.getString(result.value) : '';
	result.value.dispose();
	return text;
}

/** Reads name, message and stack out of a guest error (or any thrown value) without trusting it. */
function readError(ctx: QuickJSContext, handle: QuickJSHandle): GuestError {
	try {
		const dumped = ctx.dump(handle) as unknown;
		if (dumped !== null && typeof dumped === 'object') {
			const { name, message, stack } = dumped as Record<string, unknown>;
			return {
				name: typeof name === 'string' ? name : 'Error',
				message: typeof message === 'string' ? message : String(message ?? ''),
				stack:
					typeof stack === 'string'
						? stack
								.split('\n')
								.filter((line) => line && !line.includes('<sandbox>'))
								.join('\n')
						: undefined,
			};
		}
		return { name: dumped === null ? 'null' : typeof dumped, message: String(dumped) };
	} catch {
		return { name: 'Error', message: 'an error that could not be read' };
	}
}
