/**
 * Learner-facing failure messages. Where Lambda has a well-known wording (`Task timed out after
 * 5.00 seconds`, `index.handler is undefined or not exported`) it is kept, with a hint added.
 */

/** An error as read out of the guest. */
export interface GuestError {
	name: string;
	message: string;
	/** Stack frames only (`    at f (index.mjs:3:9)`), without the sandbox's own frames. */
	stack?: string;
}

const MB = 1024 * 1024;

export function timeoutMessage(timeoutMs: number): string {
	return `Task timed out after ${(timeoutMs / 1000).toFixed(2)} seconds`;
}

export function memoryMessage(memoryBytes: number): string {
	return `Runtime exited with error: out of memory. The function used more than its ${Math.round(memoryBytes / MB)} MB memory limit.`;
}

export const STACK_OVERFLOW_MESSAGE = 'Maximum call stack size exceeded';

/** `line 3, column 9` from the first frame in the learner's file, if there is one. */
export function locationOf(error: GuestError, filename: string): string | undefined {
	const match = new RegExp(`${filename.replace('.', '\\.')}:(\\d+):(\\d+)`).exec(error.stack ?? '');
	return match ? `line ${match[1]}, column ${match[2]}` : undefined;
}

export function syntaxErrorMessage(error: GuestError, filename: string): string {
	const where = locationOf(error, filename);
	return `SyntaxError: ${error.message}${where ? ` at ${where}` : ''} of ${filename}`;
}

export function handlerNotFoundMessage(filename: string, found: string): string {
	const name = `${filename.replace(/\.m?js$/, '')}.handler`;
	const problem =
		found === 'undefined'
			? `${name} is undefined or not exported`
			: `${name} is not a function (it is ${found === 'object' ? 'an object or null' : `a ${found}`})`;
	return `${problem}. Export a function named handler, e.g. export const handler = async (event) => { return event; };`;
}

/** The code threw while loading, before the handler could run. */
export function initErrorMessage(error: GuestError, filename: string): string {
	const where = locationOf(error, filename);
	return `The function failed while loading, before the handler ran: ${error.name}: ${error.message}${where ? ` (${where})` : ''}`;
}

/** The host could not finish the invocation (a WebAssembly trap, the host stack overflowing). */
export function engineFailureMessage(detail: string): string {
	return `Runtime exited with error: the sandbox's JavaScript engine stopped (${detail}). It has been restarted for the next invocation.`;
}

/**
 * Logged when the handler's promise can never settle (nothing left to run, no callback called).
 * Lambda's Node.js runtime then returns `null`, and so does the sandbox.
 */
export const NEVER_SETTLED_NOTE =
	'[sandbox] The handler finished without a result: its promise never settled and no timer or callback is left to settle it, so the invocation returned null (as Lambda does). Return a value, resolve the promise or call the callback.';
