/**
 * The guest's console formatting, close to Node's `util.format` / `util.inspect` (compact mode,
 * depth 2, breakLength 80, grouped number arrays, `<ref *1>` for cycles).
 *
 * Kept apart from the prelude because parsing it is about half the cost of starting an invocation:
 * the prelude asks the host for this source and evaluates it on the first `console` call only.
 * It evaluates to `(helpers) => ({ format, show })`, where `helpers` are built-ins the prelude
 * captured before learner code ran. Written with `String.raw`: no backticks or `${` inside.
 */
export const GUEST_CONSOLE = String.raw`(function (h) {
'use strict';
var join = h.join, push = h.push, pop = h.pop, slice = h.slice, split = h.split, replace = h.replace;
var indexOf = h.indexOf, test = h.test, toStr = h.toStr, strSlice = h.strSlice, padStart = h.padStart;
var padEnd = h.padEnd, keys = h.keys, getOwnSymbols = h.getOwnSymbols, getProto = h.getProto;
var getDesc = h.getDesc, isArray = h.isArray, isView = h.isView, StringCtor = h.StringCtor;
var ObjectCtor = h.ObjectCtor, PromiseCtor = h.PromiseCtor, ErrorCtor = h.ErrorCtor, MapCtor = h.MapCtor;
var SetCtor = h.SetCtor, RealDate = h.RealDate, dateToISO = h.dateToISO, dateGetTime = h.dateGetTime;
var mapForEach = h.mapForEach, setForEach = h.setForEach, fnToString = h.fnToString;
var regexpToString = h.regexpToString, symbolToString = h.symbolToString, stringify = h.stringify;
var mathMax = h.mathMax, mathMin = h.mathMin, mathFloor = h.mathFloor, mathSqrt = h.mathSqrt;
var mathRound = h.mathRound, frames = h.frames, NumberCtor = h.NumberCtor, parseIntFn = h.parseInt;
var parseFloatFn = h.parseFloat;
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
		var averageBias = mathSqrt(actualMax - totalLength / output.length);
		var biasedMax = mathMax(actualMax - 3 - averageBias, 1);
		var columns = mathMin(mathRound(mathSqrt(2.5 * biasedMax * outputLength) / biasedMax), mathFloor((80 - indentation) / actualMax), 12, 15);
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
			var max = mathMin(row + columns, outputLength), str = '', k = row;
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
				case '%d': return typeof a === 'bigint' ? a + 'n' : typeof a === 'object' ? 'NaN' : StringCtor(NumberCtor(a));
				case '%i': return typeof a === 'bigint' ? a + 'n' : StringCtor(parseIntFn(a, 10));
				case '%f': return StringCtor(parseFloatFn(a));
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
return { format: format, show: show };
})`;
