/**
 * The simulator's pure parts: scenario types, `{{…}}` reference resolution, the step runner, calls into a sandbox
 * by operation name, JWT decoding and the trace → sequence-diagram model. No DOM; the worker and page live in
 * src/client and src/components/simulator.
 */
export * from './types';
export {
	resolveTemplate,
	referencesIn,
	lookup,
	latestTotpSecret,
	totpAt,
	TemplateError,
	type TemplateScope,
} from './template';
export {
	runSetup,
	runCall,
	runStep,
	runScenario,
	judge,
	checkField,
	outcomeKey,
	expectedKey,
	gradePrediction,
	BROWSER_KEY,
	type RunContext,
	type Results,
} from './runner';
export { callSandbox, SYNC_ROUTES, type CallHooks, type CallableSandbox } from './sandbox-call';
export {
	browse,
	readPage,
	cookieHeader,
	storeCookies,
	BROWSER_OPERATIONS,
	type BrowserState,
	type BrowserResponse,
	type BrowserCookie,
	type PageForm,
} from './browser';
export { decodeJwt, findJwts, looksLikeJwt, type DecodedJwt } from './jwt';
export {
	traceToSequence,
	labelParts,
	type Lane,
	type LaneId,
	type SequenceModel,
	type SequenceRow,
} from './sequence';
export { createSeededRandom, type SeededRandom } from './random';
export {
	applyEdits,
	makeVariant,
	readVariant,
	parseVariantFile,
	variantFileText,
	variantFragment,
	variantFromFragment,
	VariantError,
	VARIANT_FORMAT,
	VARIANT_FRAGMENT,
	type ScenarioVariant,
	type VariantEdits,
	type VariantScenario,
} from './variants';
export { passkeyOperation, PASSKEY_OPERATIONS } from './passkey';
