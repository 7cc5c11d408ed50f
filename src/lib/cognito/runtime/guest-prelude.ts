/**
 * The JavaScript that runs inside each fresh QuickJS context before the learner's code.
 *
 * It is kept as source text (not a host function turned into a string) so that bundlers, coverage
 * tools and minifiers can never inject helpers the guest does not have. Evaluated as a script, it
 * yields one function: `(hostLog, configJson) => api`, where `api` is `{ run, runTimer }`.
 *
 * What it sets up, all inside the guest and gone when the context is disposed:
 * - `console.*` formatted close to Node's `util.format`/`util.inspect`, sent to the host as strings;
 * - a deterministic clock: `Date.now()` / `new Date()` start at the sandbox clock's value and move
 *   only when a timer fires (timers run on virtual time, nothing waits for real);
 * - `Math.random`, `crypto.randomUUID` and `crypto.getRandomValues` from a seeded generator;
 * - `module`, `exports`, a `require` that knows only `crypto`, `process.env`, and a `fetch` that
 *   refuses with a clear message (there is no network);
 * - `run(exports, eventJson)`: finds the handler, calls it Lambda-style (async, promise or
 *   callback) and settles with one JSON "outcome" string, using JSON functions captured before
 *   learner code could replace them.
 *
 * Written with `String.raw` so escapes reach the guest as written: no backticks or `${` inside.
 */
export const GUEST_PRELUDE = String.raw`(function (hostLog, configJson) {
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
var dateToString = uncurry(Date.prototype.toString), dateGetTime = uncurry(Date.prototype.getTime);
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
function clockNow() { return config.now + elapsed; }
function SandboxDate() {
	var args = slice(arguments);
	if (new.target === undefined) return dateToString(new RealDate(clockNow()));
	return construct(RealDate, args.length === 0 ? [clockNow()] : args, new.target);
}
SandboxDate.prototype = RealDate.prototype;
hide(RealDate.prototype, 'constructor', SandboxDate);
hide(SandboxDate, 'now', function now() { return clockNow(); });
hide(SandboxDate, 'parse', RealDate.parse);
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

// ---- console: close to Node's util.format / util.inspect --------------------------------------
var IDENT = /^[A-Za-z_$][A-Za-z_$0-9]*$/;
function quote(s) {
	var q = indexOf(s, "'") === -1 ? "'" : indexOf(s, '"') === -1 ? '"' : "'";
	var out = replace(s, /[\\\n\r\t\b\f\v\x00-\x1f\x7f]/g, function (c) {
		var named = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f', '\v': '\\v' }[c];
		return named || '\\x' + padStart(c.charCodeAt(0).toString(16), 2, '0');
	});
	if (q === "'") out = replace(out, /'/g, "\\'");
	return q + out + q;
}
function frames(stack) {
	var lines = split(StringCtor(stack || ''), '\n'), out = [];
	for (var i = 0; i < lines.length; i++) {
		if (lines[i] !== '' && indexOf(lines[i], '<sandbox>') === -1 && indexOf(lines[i], '(native)') === -1) push(out, lines[i]);
	}
	return join(out, '\n');
}
function errorHeader(e) {
	var name = e.name, message = e.message;
	return (name === undefined ? 'Error' : StringCtor(name)) + (message ? ': ' + StringCtor(message) : '');
}
function fnDescription(v) {
	var src = '';
	try { src = fnToString(v); } catch (e) {}
	if (strSlice(src, 0, 6) === 'class ') return '[class ' + (v.name || '(anonymous)') + ']';
	var kind = strSlice(src, 0, 6) === 'async ' ? 'AsyncFunction' : 'Function';
	return '[' + kind + (v.name ? ': ' + v.name : ' (anonymous)') + ']';
}
function typedName(v) { var t = toStr(v); return strSlice(t, 8, t.length - 1); }
function inspect(value, ctx, depth) {
	if (value === null) return 'null';
	var type = typeof value;
	if (type === 'string') return depth === 0 && ctx.top ? value : quote(value.length > 10000 ? strSlice(value, 0, 10000) + '... ' + (value.length - 10000) + ' more characters' : value);
	if (type === 'number') return value === 0 && 1 / value < 0 ? '-0' : StringCtor(value);
	if (type === 'bigint') return StringCtor(value) + 'n';
	if (type === 'undefined' || type === 'boolean') return StringCtor(value);
	if (type === 'symbol') return symbolToString(value);
	if (type === 'function') return fnDescription(value);
	for (var c = 0; c < ctx.seen.length; c++) if (ctx.seen[c] === value) { ctx.circular = value; return '[Circular *1]'; }
	if (value instanceof ErrorCtor) {
		var stack = frames(value.stack);
		return depth === 0 ? errorHeader(value) + (stack ? '\n' + stack : '') : '[' + errorHeader(value) + ']';
	}
	if (value instanceof RealDate) { var time = dateGetTime(value); return time === time ? dateToISO(value) : 'Invalid Date'; }
	if (value instanceof RegExp) return regexpToString(value);
	if (value instanceof PromiseCtor) return 'Promise { <unknown> }';
	var tag = typedName(value), proto = getProto(value), entries = [], braces, prefix = '', shownMore = false;
	if (depth > ctx.depth) {
		// Like Node, empty arrays and plain objects are still shown past the depth limit.
		if (isArray(value)) return value.length === 0 ? '[]' : '[Array]';
		if (proto === ObjectCtor.prototype && keys(value).length === 0) return '{}';
		return '[' + (tag === 'Object' ? 'Object' : tag) + ']';
	}
	push(ctx.seen, value);
	ctx.current = depth;
	if (isArray(value) || (isView(value) && !(value instanceof DataView))) {
		braces = ['[', ']'];
		if (!isArray(value)) prefix = tag + '(' + value.length + ') ';
		var shown = value.length > 100 ? 100 : value.length, holes = 0;
		for (var i = 0; i < shown; i++) {
			if (!(i in value)) { holes++; continue; }
			if (holes) { push(entries, '<' + holes + ' empty item' + (holes > 1 ? 's' : '') + '>'); holes = 0; }
			push(entries, inspect(value[i], ctx, depth + 1));
		}
		if (holes) push(entries, '<' + holes + ' empty item' + (holes > 1 ? 's' : '') + '>');
		if (value.length > shown) { shownMore = true; push(entries, '... ' + (value.length - shown) + ' more item' + (value.length - shown > 1 ? 's' : '')); }
	} else if (value instanceof MapCtor) {
		braces = ['{', '}'];
		prefix = 'Map(' + value.size + ') ';
		mapForEach(value, function (v, k) { push(entries, inspect(k, ctx, depth + 1) + ' => ' + inspect(v, ctx, depth + 1)); });
	} else if (value instanceof SetCtor) {
		braces = ['{', '}'];
		prefix = 'Set(' + value.size + ') ';
		setForEach(value, function (v) { push(entries, inspect(v, ctx, depth + 1)); });
	} else {
		braces = ['{', '}'];
		if (proto === null) prefix = '[Object: null prototype] ';
		else if (proto !== ObjectCtor.prototype && proto.constructor && proto.constructor.name) prefix = proto.constructor.name + ' ';
	}
	if (!isArray(value) && !isView(value)) {
		var props = keys(value), symbols = getOwnSymbols(value);
		for (var s = 0; s < symbols.length; s++) { var d0 = getDesc(value, symbols[s]); if (d0 && d0.enumerable) push(props, symbols[s]); }
		for (var p = 0; p < props.length; p++) {
			var key = props[p], desc = getDesc(value, key);
			var label = typeof key === 'symbol' ? symbolToString(key) : test(IDENT, key) ? key : quote(key);
			var shownValue = desc && (desc.get || desc.set) ? (desc.get ? (desc.set ? '[Getter/Setter]' : '[Getter]') : '[Setter]') : inspect(value[key], ctx, depth + 1);
			push(entries, label + ': ' + shownValue);
		}
	}
	pop(ctx.seen);
	if (ctx.circular === value) prefix = '<ref *1> ' + prefix;
	if (entries.length === 0) return prefix + braces[0] + braces[1];
	var count = entries.length;
	if (braces[0] === '[' && count > 6) entries = groupArrayElements(entries, value, depth * 2, shownMore);
	// Node's compact mode (breakLength 80): one line when short enough and at most 3 levels deep.
	var width = prefix.length + braces[0].length + 10 + depth * 2;
	for (var w = 0; w < entries.length; w++) width += entries[w].length + 2;
	var oneLine = join(entries, ', ');
	if (ctx.current - depth < 3 && count === entries.length && width <= 80 && indexOf(oneLine, '\n') === -1) {
		return prefix + braces[0] + ' ' + oneLine + ' ' + braces[1];
	}
	var pad = '\n' + padStart('', (depth + 1) * 2, ' ');
	return prefix + braces[0] + pad + join(entries, ',' + pad) + '\n' + padStart('', depth * 2, ' ') + braces[1];
}
// Node's groupArrayElements: long arrays of short items are laid out in aligned columns.
function groupArrayElements(output, value, indentation, hasMore) {
	var totalLength = 0, maxLength = 0, outputLength = output.length - (hasMore ? 1 : 0), dataLen = [];
	for (var i = 0; i < outputLength; i++) {
		var len = output[i].length;
		dataLen[i] = len;
		totalLength += len + 2;
		if (maxLength < len) maxLength = len;
	}
	var actualMax = maxLength + 2;
	if (actualMax * 3 + indentation < 80 && (totalLength / actualMax > 5 || maxLength <= 6)) {
		var averageBias = Math.sqrt(actualMax - totalLength / output.length);
		var biasedMax = mathMax(actualMax - 3 - averageBias, 1);
		var columns = Math.min(Math.round(Math.sqrt(2.5 * biasedMax * outputLength) / biasedMax), mathFloor((80 - indentation) / actualMax), 12, 15);
		if (columns <= 1) return output;
		var tmp = [], maxLineLength = [];
		for (var col = 0; col < columns; col++) {
			var lineLength = 0;
			for (var j = col; j < output.length; j += columns) if (dataLen[j] > lineLength) lineLength = dataLen[j];
			push(maxLineLength, lineLength + 2);
		}
		var numeric = true;
		for (var n = 0; n < outputLength; n++) if (typeof value[n] !== 'number' && typeof value[n] !== 'bigint') { numeric = false; break; }
		for (var row = 0; row < outputLength; row += columns) {
			var max = Math.min(row + columns, outputLength), str = '', k = row;
			for (; k < max - 1; k++) {
				var cell = output[k] + ', ';
				str += numeric ? padStart(cell, maxLineLength[k - row], ' ') : padEnd(cell, maxLineLength[k - row], ' ');
			}
			str += numeric ? padStart(output[k], maxLineLength[k - row] - 2, ' ') : output[k];
			push(tmp, str);
		}
		if (hasMore) push(tmp, output[outputLength]);
		return tmp;
	}
	return output;
}
function show(value, top, depth) {
	try { return inspect(value, { seen: [], depth: depth === undefined ? 2 : depth, current: 0, top: top }, 0); }
	catch (e) { try { return StringCtor(value); } catch (e2) { return '[value that cannot be printed]'; } }
}
function format(args) {
	var first = args[0], rest = 1, out = '';
	if (typeof first === 'string' && indexOf(first, '%') !== -1) {
		out = replace(first, /%[sdifjoOc%]/g, function (spec) {
			if (spec === '%%') return '%';
			if (rest >= args.length) return spec;
			var a = args[rest++];
			switch (spec) {
				case '%s': return typeof a === 'string' ? a : typeof a === 'bigint' ? a + 'n' : typeof a === 'object' && a !== null ? show(a, false, 0) : show(a, true);
				case '%d': return typeof a === 'bigint' ? a + 'n' : typeof a === 'object' ? 'NaN' : StringCtor(Number(a));
				case '%i': return typeof a === 'bigint' ? a + 'n' : StringCtor(parseInt(a, 10));
				case '%f': return StringCtor(parseFloat(a));
				case '%j': try { return stringify(a); } catch (e) { return '[Circular]'; }
				case '%o': case '%O': return show(a, false, spec === '%o' ? 4 : 2);
				default: return ''; // %c: CSS, ignored as in Node
			}
		});
	} else if (args.length > 0) {
		out = show(first, true);
	}
	for (var i = rest; i < args.length; i++) out += ' ' + show(args[i], true);
	return out;
}
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
