/**
 * The JavaScript that runs inside each fresh QuickJS context before the learner's code.
 *
 * It is kept as source text (not a host function turned into a string) so that bundlers, coverage
 * tools and minifiers can never inject helpers the guest does not have. Evaluated as a script, it
 * yields one function: `(hostLog, configJson, hostConsoleSource) => api`, where `api` is
 * `{ run, runTimer, uncaught }`.
 *
 * What it sets up, all inside the guest and gone when the context is disposed:
 * - `console.*`, formatted by ./guest-console.ts (loaded on first use) and sent to the host as strings;
 * - a deterministic clock: `Date.now()` / `new Date()` start at the sandbox clock's value and move
 *   only when a timer fires (timers run on virtual time, nothing waits for real) or when a busy
 *   wait keeps reading them; local time is UTC;
 * - `Math.random`, `crypto.randomUUID` and `crypto.getRandomValues` from a seeded generator;
 * - `module`, `exports`, a `require` that knows only `crypto`, `process.env`, and a `fetch` that
 *   refuses with a clear message (there is no network);
 * - `run(exports, eventJson)`: finds the handler, calls it Lambda-style (async, promise or
 *   callback) and settles with one JSON "outcome" string, using JSON functions captured before
 *   learner code could replace them.
 *
 * Written with `String.raw` so escapes reach the guest as written: no backticks or `${` inside.
 */
export const GUEST_PRELUDE = String.raw`(function (hostLog, configJson, hostConsoleSource) {
'use strict';
var g = globalThis;
var parse = JSON.parse, stringify = JSON.stringify;
var call = Function.prototype.call;
// Captured so that learner code replacing built-ins cannot break the sandbox's own plumbing.
var uncurry = function (fn) { return call.bind(fn); };
var join = uncurry(Array.prototype.join), push = uncurry(Array.prototype.push);
var slice = uncurry(Array.prototype.slice), split = uncurry(String.prototype.split);
var replace = uncurry(String.prototype.replace), indexOf = uncurry(String.prototype.indexOf);
var test = uncurry(RegExp.prototype.test), toStr = uncurry(Object.prototype.toString);
var strSlice = uncurry(String.prototype.slice), padStart = uncurry(String.prototype.padStart), padEnd = uncurry(String.prototype.padEnd);
var keys = Object.keys, getOwnSymbols = Object.getOwnPropertySymbols, getProto = Object.getPrototypeOf;
var getDesc = Object.getOwnPropertyDescriptor, defineProp = Object.defineProperty;
var isArray = Array.isArray, isView = ArrayBuffer.isView, StringCtor = String, ObjectCtor = Object;
var PromiseCtor = Promise, resolved = Promise.resolve.bind(Promise), thenOf = uncurry(Promise.prototype.then);
var ErrorCtor = Error, TypeErrorCtor = TypeError, MapCtor = Map, SetCtor = Set, RealDate = Date;
var construct = Reflect.construct, dateToISO = uncurry(Date.prototype.toISOString);
var dateGetTime = uncurry(Date.prototype.getTime);
var mapForEach = uncurry(Map.prototype.forEach), setForEach = uncurry(Set.prototype.forEach);
var mapSet = uncurry(Map.prototype.set), mapDelete = uncurry(Map.prototype.delete), pop = uncurry(Array.prototype.pop);
var fnToString = uncurry(Function.prototype.toString), regexpToString = uncurry(RegExp.prototype.toString);
var symbolToString = uncurry(Symbol.prototype.toString), mathMax = Math.max, mathFloor = Math.floor;
var config = parse(configJson);

function hide(target, name, value) {
	defineProp(target, name, { value: value, writable: true, configurable: true, enumerable: false });
}

// ---- seeded randomness (mulberry32) -------------------------------------------------------------
var seed = config.seed >>> 0;
function random() {
	seed = (seed + 0x6d2b79f5) >>> 0;
	var t = seed;
	t = Math.imul(t ^ (t >>> 15), t | 1);
	t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
	return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
hide(Math, 'random', function random_() { return random(); });
function randomUUID() {
	var hex = '0123456789abcdef', out = '';
	for (var i = 0; i < 36; i++) {
		if (i === 8 || i === 13 || i === 18 || i === 23) out += '-';
		else if (i === 14) out += '4';
		else if (i === 19) out += hex[8 + mathFloor(random() * 4)];
		else out += hex[mathFloor(random() * 16)];
	}
	return out;
}
var cryptoObject = {
	randomUUID: randomUUID,
	getRandomValues: function getRandomValues(array) {
		if (!isView(array)) throw new TypeErrorCtor('getRandomValues expects an integer typed array');
		var bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
		for (var i = 0; i < bytes.length; i++) bytes[i] = mathFloor(random() * 256);
		return array;
	},
};
hide(g, 'crypto', cryptoObject);

// ---- virtual clock and timers ------------------------------------------------------------------
var elapsed = 0; // virtual milliseconds since the invocation started
// The clock is fixed for ordinary code, but a loop that keeps reading it (a busy wait) sees it move
// 1 ms per read after the first 100: the wait ends at once, deterministically, and its virtual time
// still counts towards the duration and the time limit.
var reads = 0;
function clockNow() {
	if (++reads > 100) elapsed += 1;
	return config.now + elapsed;
}
// Local time is UTC, as in Lambda, whatever the host's time zone: QuickJS would otherwise ask the
// host for its offset, which differs between learners' machines.
var LOCAL_ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?$/;
function utcArgs(args) {
	if (args.length >= 2) return [RealDate.UTC.apply(undefined, args)];
	if (args.length === 1 && typeof args[0] === 'string' && test(LOCAL_ISO, args[0])) return [args[0] + 'Z'];
	return args;
}
function SandboxDate() {
	var args = slice(arguments);
	if (new.target === undefined) return utcString(new RealDate(clockNow()));
	return construct(RealDate, args.length === 0 ? [clockNow()] : utcArgs(args), new.target);
}
var DP = RealDate.prototype, utcGet = {}, DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
var MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
['FullYear', 'Month', 'Date', 'Day', 'Hours', 'Minutes', 'Seconds', 'Milliseconds'].forEach(function (unit) {
	utcGet[unit] = uncurry(DP['getUTC' + unit]);
	hide(DP, 'get' + unit, DP['getUTC' + unit]);
	if (unit !== 'Day') hide(DP, 'set' + unit, DP['setUTC' + unit]);
});
function two(n) { return padStart(StringCtor(n), 2, '0'); }
function datePart(d) { return DAYS[utcGet.Day(d)] + ' ' + MONTHS[utcGet.Month(d)] + ' ' + two(utcGet.Date(d)) + ' ' + padStart(StringCtor(utcGet.FullYear(d)), 4, '0'); }
function timePart(d) { return two(utcGet.Hours(d)) + ':' + two(utcGet.Minutes(d)) + ':' + two(utcGet.Seconds(d)) + ' GMT+0000 (Coordinated Universal Time)'; }
function valid(d) { var t = dateGetTime(d); return t === t; }
function utcString(d) { return valid(d) ? datePart(d) + ' ' + timePart(d) : 'Invalid Date'; }
function localeDate(d) { return (utcGet.Month(d) + 1) + '/' + utcGet.Date(d) + '/' + utcGet.FullYear(d); }
function localeTime(d) {
	var h = utcGet.Hours(d);
	return (h % 12 === 0 ? 12 : h % 12) + ':' + two(utcGet.Minutes(d)) + ':' + two(utcGet.Seconds(d)) + (h < 12 ? ' AM' : ' PM');
}
hide(DP, 'getTimezoneOffset', function getTimezoneOffset() { return valid(this) ? 0 : NaN; });
hide(DP, 'toString', function toString() { return utcString(this); });
hide(DP, 'toDateString', function toDateString() { return valid(this) ? datePart(this) : 'Invalid Date'; });
hide(DP, 'toTimeString', function toTimeString() { return valid(this) ? timePart(this) : 'Invalid Date'; });
hide(DP, 'toLocaleString', function toLocaleString() { return valid(this) ? localeDate(this) + ', ' + localeTime(this) : 'Invalid Date'; });
hide(DP, 'toLocaleDateString', function toLocaleDateString() { return valid(this) ? localeDate(this) : 'Invalid Date'; });
hide(DP, 'toLocaleTimeString', function toLocaleTimeString() { return valid(this) ? localeTime(this) : 'Invalid Date'; });
SandboxDate.prototype = RealDate.prototype;
hide(RealDate.prototype, 'constructor', SandboxDate);
hide(SandboxDate, 'now', function now() { return clockNow(); });
hide(SandboxDate, 'parse', function parse(text) { return RealDate.parse.apply(undefined, utcArgs([StringCtor(text)])); });
hide(SandboxDate, 'UTC', RealDate.UTC);
defineProp(SandboxDate, 'name', { value: 'Date' });
defineProp(SandboxDate, 'length', { value: 7 });
hide(g, 'Date', SandboxDate);

var timers = new MapCtor(), nextTimerId = 1, timerSeq = 0, uncaught = null;
function addTimer(fn, ms, args, repeat) {
	if (typeof fn !== 'function') throw new TypeErrorCtor('The "callback" argument must be of type function');
	var delay = mathMax(1, Number(ms) || 0);
	var id = nextTimerId++;
	mapSet(timers, id, { fn: fn, args: args, at: elapsed + delay, seq: timerSeq++, every: repeat ? delay : 0 });
	return id;
}
function clearTimer(id) { mapDelete(timers, typeof id === 'object' && id !== null ? id.id : id); }
hide(g, 'setTimeout', function setTimeout(fn, ms) { return addTimer(fn, ms, slice(arguments, 2), false); });
hide(g, 'setInterval', function setInterval(fn, ms) { return addTimer(fn, ms, slice(arguments, 2), true); });
hide(g, 'setImmediate', function setImmediate(fn) { return addTimer(fn, 0, slice(arguments, 1), false); });
hide(g, 'clearTimeout', clearTimer);
hide(g, 'clearInterval', clearTimer);
hide(g, 'clearImmediate', clearTimer);
hide(g, 'queueMicrotask', function queueMicrotask(fn) {
	if (typeof fn !== 'function') throw new TypeErrorCtor('The "callback" argument must be of type function');
	thenOf(resolved(), function () { fn(); });
});

// Fires the earliest timer. Returns 1 if one ran, 0 if none is left, -1 if the next one is due
// after the time limit, counting the real milliseconds already spent (the host then reports a
// timeout without waiting it out).
function runTimer(realMs) {
	var next = null;
	mapForEach(timers, function (t, id) {
		if (next === null || t.at < next.t.at || (t.at === next.t.at && t.seq < next.t.seq)) next = { id: id, t: t };
	});
	if (next === null) return 0;
	if (next.t.at + realMs > config.timeoutMs) return -1;
	elapsed = mathMax(elapsed, next.t.at);
	if (next.t.every) { next.t.at += next.t.every; next.t.seq = timerSeq++; } else mapDelete(timers, next.id);
	try { next.t.fn.apply(undefined, next.t.args); } catch (e) { if (uncaught === null) uncaught = { error: e }; }
	return 1;
}

// ---- console --------------------------------------------------------------------------------
function frames(stack) {
	var lines = split(StringCtor(stack || ''), '\n'), out = [];
	for (var i = 0; i < lines.length; i++) {
		if (lines[i] !== '' && indexOf(lines[i], '<sandbox>') === -1 && indexOf(lines[i], '(native)') === -1) push(out, lines[i]);
	}
	return join(out, '\n');
}

// The formatter is parsed on first use (see ./guest-console.ts); most handlers never log.
var evalGlobal = g.eval, consoleImpl = null;
var helpers = {
	join: join, push: push, pop: pop, slice: slice, split: split, replace: replace, indexOf: indexOf,
	test: test, toStr: toStr, strSlice: strSlice, padStart: padStart, padEnd: padEnd, keys: keys,
	getOwnSymbols: getOwnSymbols, getProto: getProto, getDesc: getDesc, isArray: isArray, isView: isView,
	StringCtor: StringCtor, ObjectCtor: ObjectCtor, PromiseCtor: PromiseCtor, ErrorCtor: ErrorCtor,
	MapCtor: MapCtor, SetCtor: SetCtor, RealDate: RealDate, dateToISO: dateToISO, dateGetTime: dateGetTime,
	mapForEach: mapForEach, setForEach: setForEach, fnToString: fnToString, regexpToString: regexpToString,
	symbolToString: symbolToString, stringify: stringify, mathMax: mathMax, mathMin: Math.min,
	mathFloor: mathFloor, mathSqrt: Math.sqrt, mathRound: Math.round, frames: frames, NumberCtor: Number,
	parseInt: parseInt, parseFloat: parseFloat,
};
function formatter() {
	if (consoleImpl === null) consoleImpl = evalGlobal(hostConsoleSource())(helpers);
	return consoleImpl;
}
function format(args) { return formatter().format(args); }
function show(value, top, depth) { return formatter().show(value, top, depth); }
var LEVELS = { log: 0, info: 0, debug: 0, warn: 1, error: 2 };
var sandboxConsole = {};
keys(LEVELS).forEach(function (name) {
	hide(sandboxConsole, name, function () { hostLog(LEVELS[name], format(slice(arguments))); });
});
hide(sandboxConsole, 'trace', function () { hostLog(2, 'Trace: ' + format(slice(arguments))); });
hide(sandboxConsole, 'dir', function (value, options) { hostLog(0, show(value, false, options && options.depth !== undefined ? options.depth : 2)); });
hide(sandboxConsole, 'table', function (value) { hostLog(0, show(value, false)); });
hide(sandboxConsole, 'assert', function (condition) {
	if (!condition) hostLog(2, 'Assertion failed' + (arguments.length > 1 ? ': ' + format(slice(arguments, 1)) : ''));
});
hide(g, 'console', sandboxConsole);

// ---- CommonJS shims, process.env, no network ---------------------------------------------------
var moduleObject = { exports: {} };
hide(g, 'module', moduleObject);
hide(g, 'exports', moduleObject.exports);
hide(g, 'require', function require(name) {
	if (name === 'crypto' || name === 'node:crypto') return cryptoObject;
	var err = new ErrorCtor("Cannot find module '" + name + "': the Cognito sandbox runs your function on its own, without packages or Node built-ins (only 'crypto' is provided). Write the code inline.");
	err.code = 'MODULE_NOT_FOUND';
	throw err;
});
hide(g, 'process', { env: { AWS_LAMBDA_FUNCTION_NAME: config.functionName, AWS_LAMBDA_FUNCTION_MEMORY_SIZE: StringCtor(config.memoryMb), TZ: ':UTC' } });
hide(g, 'fetch', function fetch(resource) {
	return PromiseCtor.reject(new TypeErrorCtor('fetch failed: the Cognito sandbox has no network, so the request to ' + StringCtor(resource && resource.url || resource) + ' was not sent.'));
});

// ---- invocation ----------------------------------------------------------------------------------
function describe(kind, e) {
	var outcome = { ok: false, kind: kind };
	try {
		if (e instanceof ErrorCtor || (e !== null && typeof e === 'object' && typeof e.message === 'string' && typeof e.name === 'string')) {
			outcome.name = StringCtor(e.name);
			outcome.message = StringCtor(e.message);
			outcome.stack = frames(e.stack);
		} else {
			outcome.name = e === null ? 'null' : typeof e;
			outcome.message = StringCtor(e);
		}
	} catch (e2) {
		outcome.name = 'handled';
		outcome.message = 'The function threw a value that cannot be turned into a message.';
	}
	return outcome;
}
function success(value) {
	var json;
	try { json = stringify(value === undefined ? null : value); }
	catch (e) { return { ok: false, kind: 'error', name: 'Runtime.MarshalError', message: 'Unable to stringify the response: ' + StringCtor(e && e.message) }; }
	return { ok: true, json: json === undefined ? 'null' : json };
}
function seal(outcome) { outcome.elapsed = elapsed; return stringify(outcome); }
function run(exportsOrPromise, eventJson) {
	return new PromiseCtor(function (settle, fail) {
		// Any failure inside the plumbing (out of memory while writing the outcome, say) rejects the
		// outer promise instead of leaving it pending, so the host can tell what happened.
		function guard(promise) { thenOf(promise, undefined, fail); }
		guard(thenOf(resolved(exportsOrPromise), function (ns) {
			var handler = ns && ns.handler;
			if (handler === undefined && moduleObject.exports) handler = moduleObject.exports.handler;
			if (typeof handler !== 'function') {
				return settle(seal({ ok: false, kind: 'crash', name: 'Runtime.HandlerNotFound', message: handler === undefined ? 'undefined' : typeof handler }));
			}
			var done = false;
			function finish(outcome) { if (!done) { done = true; settle(seal(outcome)); } }
			function callback(err, value) { finish(err === null || err === undefined ? success(value) : describe('error', err)); }
			var context = {
				functionName: config.functionName,
				functionVersion: '$LATEST',
				memoryLimitInMB: StringCtor(config.memoryMb),
				awsRequestId: config.requestId,
				logGroupName: '/aws/lambda/' + config.functionName,
				logStreamName: 'sandbox',
				callbackWaitsForEmptyEventLoop: true,
				getRemainingTimeInMillis: function () { return mathMax(0, config.timeoutMs - elapsed); },
				succeed: function (value) { callback(null, value); },
				fail: function (err) { finish(describe('error', err)); },
				done: callback,
			};
			var result;
			try { result = handler(parse(eventJson), context, callback); }
			catch (e) { return finish(describe('error', e)); }
			if (result !== null && (typeof result === 'object' || typeof result === 'function') && typeof result.then === 'function') {
				guard(thenOf(resolved(result), function (value) { finish(success(value)); }, function (e) { finish(describe('error', e)); }));
			} else if (handler.length < 3) {
				// A plain (non-async) handler without a callback parameter: take its return value.
				finish(success(result));
			}
		}, function (e) { settle(seal(describe('crash', e))); }));
	});
}
return {
	run: run,
	runTimer: runTimer,
	// An error thrown by a timer callback ends the invocation, as an uncaught exception does in Node.
	uncaught: function () { return uncaught === null ? '' : seal(describe('error', uncaught.error)); },
};
})`;
