/**
 * The isolated runtime for learner Lambda code: cold start (loading the QuickJS WebAssembly module on
 * the first invocation), reloading it after a hostile invocation, and warm invocations.
 * `npm run bench runtime` runs only this file.
 */
import { performance } from 'node:perf_hooks';
import { createQuickJsRuntime } from '../../src/lib/cognito/runtime';
import { discardEngine, loadEngine } from '../../src/lib/cognito/runtime/engine';
import { printTimings, time } from './timing';

const limits = { timeoutMs: 5000, memoryBytes: 32 * 1024 * 1024 };
const runtime = createQuickJsRuntime({
	guestClock: { now: () => Date.parse('2026-01-01T00:00:00Z') },
});
const event = {
	version: '1',
	region: 'us-east-1',
	userPoolId: 'us-east-1_EXAMPLE',
	userName: 'alice',
	callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: '1example23456789' },
	triggerSource: 'PreSignUp_SignUp',
	request: { userAttributes: { email: 'alice@example.com' }, validationData: null },
	response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
};
const identity = 'export const handler = async (event) => event;';
const preSignUp = `export const handler = async (event) => {
	console.log('PreSignUp for', event.userName, event.request.userAttributes);
	if (event.request.userAttributes.email.endsWith('@example.com')) event.response.autoConfirmUser = true;
	return event;
};`;
const commonJs =
	'exports.handler = async (event, context) => ({ ...event, requestId: context.awsRequestId });';
const withTimer =
	'export const handler = async (event) => { await new Promise((r) => setTimeout(r, 100)); return event; };';

async function once(label: string, fn: () => Promise<unknown>) {
	const start = performance.now();
	const result = (await fn()) as { ok: boolean };
	const ms = performance.now() - start;
	if (!result.ok) throw new Error(`${label} failed: ${JSON.stringify(result)}`);
	return { label, runs: 1, medianMs: ms, p95Ms: ms, minMs: ms };
}

const cold = await once('cold start: import + instantiate WASM + first invocation', () =>
	runtime.invoke(identity, event, limits)
);
const second = await once('second invocation (first on a warm module)', () =>
	runtime.invoke(preSignUp, event, limits)
);
discardEngine(await loadEngine(limits.memoryBytes));
const reload = await once('after a discard: re-instantiate WASM + invocation', () =>
	runtime.invoke(identity, event, limits)
);

printTimings([
	cold,
	second,
	reload,
	await time(
		'warm: identity handler (ESM)',
		() => runtime.invoke(identity, event, limits),
		200,
		20
	),
	await time(
		'warm: PreSignUp handler with console.log',
		() => runtime.invoke(preSignUp, event, limits),
		200,
		20
	),
	await time('warm: CommonJS handler', () => runtime.invoke(commonJs, event, limits), 200, 20),
	await time(
		'warm: handler awaiting a 100 ms (virtual) timer',
		() => runtime.invoke(withTimer, event, limits),
		200,
		20
	),
	await time(
		'endless loop stopped at a 50 ms limit',
		() =>
			runtime.invoke('export const handler = async () => { for (;;) {} };', event, {
				...limits,
				timeoutMs: 50,
			}),
		10,
		1
	),
]);
