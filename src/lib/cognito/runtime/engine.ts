/**
 * Loads the QuickJS WebAssembly module on first use and shares it: every invocation gets its own
 * QuickJS runtime and context (see ./invoke.ts), so sharing the module shares no guest state.
 *
 * Loading: the "singlefile" browser build embeds the .wasm bytes in its JavaScript, so any bundler
 * (Vite/Astro, esbuild) and Node load it with no asset URL to resolve. Both imports are dynamic, so
 * the engine (about 760 KB minified, 285 KB gzipped, in a Vite build) is fetched only when a
 * learner's trigger first runs.
 *
 * Memory: QuickJS's own limit (`setMemoryLimit`) only bounds single allocations in the prebuilt
 * module (malloc_usable_size is unavailable under Emscripten, justjake/quickjs-emscripten#271), so
 * the module is also given a WebAssembly.Memory that cannot grow past its starting heap plus the
 * memory limit. When it is full, malloc fails and QuickJS throws "out of memory" in the guest.
 */
import type { QuickJSWASMModule } from 'quickjs-emscripten-core';

const PAGE_BYTES = 64 * 1024;
/** The build's INITIAL_MEMORY: static data, the C stack and the first heap pages. */
const BASE_BYTES = 16 * 1024 * 1024;

/** A loaded module and whether it can still be trusted. */
export interface Engine {
	readonly module: QuickJSWASMModule;
	/** Bytes available to guests beyond the starting heap. */
	readonly memoryBytes: number;
	/** Set by {@link discardEngine}; a broken engine is never handed out again. */
	broken: boolean;
	/** True when the WebAssembly memory has grown (nearly) to its cap. */
	memoryNearlyFull(): boolean;
	/** The WebAssembly memory's size in bytes now (it grows, never shrinks). */
	memorySize(): number;
}

// One module per memory cap (the cap is fixed when a module is created). Cognito uses one.
const engines = new Map<number, { promise: Promise<Engine>; engine?: Engine }>();

/** The shared engine whose memory is capped at `memoryBytes` (rounded up to 64 KiB pages). */
export function loadEngine(memoryBytes: number): Promise<Engine> {
	const pages = Math.ceil(memoryBytes / PAGE_BYTES);
	const cached = engines.get(pages);
	if (cached && !cached.engine?.broken) return cached.promise;
	const slot: { promise: Promise<Engine>; engine?: Engine } = { promise: instantiate(pages) };
	engines.set(pages, slot);
	slot.promise.then(
		(engine) => (slot.engine = engine),
		// A failed load is not cached: the next invocation tries again.
		() => engines.get(pages) === slot && engines.delete(pages)
	);
	return slot.promise;
}

/** Marks an engine whose state may be damaged; the next invocation loads a fresh one. */
export function discardEngine(engine: Engine): void {
	engine.broken = true;
}

async function instantiate(pages: number): Promise<Engine> {
	const [{ newQuickJSWASMModuleFromVariant, newVariant }, variant] = await Promise.all([
		import('quickjs-emscripten-core'),
		import('@jitl/quickjs-singlefile-browser-release-sync'),
	]);
	// Declared locally: the engine tsconfig has neither the DOM lib nor Node's WebAssembly types.
	const wasm = (
		globalThis as unknown as {
			WebAssembly: {
				Memory: new (descriptor: { initial: number; maximum: number }) => { buffer: ArrayBuffer };
			};
		}
	).WebAssembly;
	const basePages = BASE_BYTES / PAGE_BYTES;
	const wasmMemory = new wasm.Memory({ initial: basePages, maximum: basePages + pages });
	// Emscripten prints aborts (e.g. a failed assertion while freeing a runtime after an out-of-memory
	// error) to the console; the runtime already reports and recovers from them, so keep quiet.
	// (`print`/`printErr` are standard Emscripten module options the loader's type does not list.)
	const emscriptenModule = { print: () => {}, printErr: () => {} } as object;
	// The loader types `wasmMemory` with the DOM's WebAssembly.Memory, which the engine tsconfig lacks.
	type VariantOptions = NonNullable<Parameters<typeof newVariant>[1]>;
	const module = await newQuickJSWASMModuleFromVariant(
		newVariant(variant.default, {
			wasmMemory: wasmMemory as unknown as VariantOptions['wasmMemory'],
			emscriptenModule,
		})
	);
	const capBytes = (basePages + pages) * PAGE_BYTES;
	return {
		module,
		memoryBytes: pages * PAGE_BYTES,
		broken: false,
		// Growth stops short of the cap when the last request was larger than the room left.
		memoryNearlyFull: () => wasmMemory.buffer.byteLength >= capBytes - pages * PAGE_BYTES * 0.25,
		memorySize: () => wasmMemory.buffer.byteLength,
	};
}
