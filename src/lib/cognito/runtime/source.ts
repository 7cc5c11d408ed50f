/**
 * How learner source is evaluated: as an ES module (`export const handler = ...`) or as a CommonJS
 * script (`exports.handler = ...`, `module.exports.handler = ...`), the two forms Lambda accepts.
 */

/** Evaluation mode and the file name errors and stack traces mention (Lambda's defaults). */
export interface SourceShape {
	type: 'module' | 'global';
	filename: 'index.mjs' | 'index.js';
}

// An `import`/`export` statement at the start of a line. Dynamic `import(...)` and `import.meta`
// are not statements and are allowed in scripts, so they do not count.
const MODULE_SYNTAX = /^[ \t]*(?:export[\s{*]|import[ \t]*[\w{*'"])/m;

/** Guesses the form from the text; the caller retries the other form if parsing fails. */
export function sourceShape(code: string): SourceShape {
	return MODULE_SYNTAX.test(code) ? MODULE_SHAPE : SCRIPT_SHAPE;
}

export const MODULE_SHAPE: SourceShape = { type: 'module', filename: 'index.mjs' };
export const SCRIPT_SHAPE: SourceShape = { type: 'global', filename: 'index.js' };

/** The only module the guest may import: `crypto`, backed by the prelude's seeded `globalThis.crypto`. */
export const CRYPTO_MODULE_SOURCE = [
	'const c = globalThis.crypto;',
	'export const randomUUID = () => c.randomUUID();',
	'export const getRandomValues = (array) => c.getRandomValues(array);',
	'export default c;',
].join('\n');

/** Message for any other `import` (static or dynamic) or `require`. */
export function importRefusal(name: string): string {
	return `Cannot import '${name}': the Cognito sandbox runs your function on its own, without packages or Node built-ins (only 'crypto' is provided). Write the code inline.`;
}
