/**
 * Learner variants of a scenario: the scenario with the learner's trigger code and request values, saved in the
 * browser, exported as a file and shared as a URL whose fragment carries the variant compressed (deflate-raw,
 * base64url), so no server ever sees it. Pure apart from the platform's CompressionStream.
 *
 * A variant file is `{ format, version, name, basedOn, savedAt, scenario }`, where `scenario` has the fields of a
 * scenario file's frontmatter. This module only reads the envelope; the scenario is checked by the content
 * schema (src/schemas/scenario.ts) in the browser adapter before anything uses it, and nothing in a variant runs
 * until the learner presses Run.
 */
import type { JsonObject, Scenario } from './types';

export const VARIANT_FORMAT = 'cognito-study/scenario-variant';
export const VARIANT_VERSION = 1;
/** The URL fragment prefix of a shared variant: `/simulator/<id>/#variant=<data>`. */
export const VARIANT_FRAGMENT = 'variant=';
/** Largest variant file or fragment read (a scenario with long trigger code is ~10 KB). */
export const VARIANT_MAX_BYTES = 256 * 1024;

/** The scenario fields a variant carries (a scenario file's frontmatter). */
export type VariantScenario = Omit<Scenario, 'id' | 'body'>;

/** A saved variant. */
export interface ScenarioVariant {
	format: typeof VARIANT_FORMAT;
	version: typeof VARIANT_VERSION;
	/** The learner's name for it. */
	name: string;
	/** Id of the scenario it was made from (its page and introduction). */
	basedOn: string;
	/** When it was saved (ms since the epoch). */
	savedAt: number;
	scenario: VariantScenario;
}

/** What the learner changed: trigger code by function ARN, request bodies by step id. */
export interface VariantEdits {
	code: Readonly<Record<string, string>>;
	requests: Readonly<Record<string, JsonObject>>;
}

/** A variant file or link that cannot be used; the message says why in one line. */
export class VariantError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'VariantError';
	}
}

/** The scenario with the learner's edits applied (a new object; `base` is untouched). Pure. */
export function applyEdits(base: Scenario, edits: VariantEdits): Scenario {
	return {
		...base,
		functions: base.functions.map((fn) =>
			Object.hasOwn(edits.code, fn.arn) ? { ...fn, code: edits.code[fn.arn]! } : fn
		),
		steps: base.steps.map((step) =>
			Object.hasOwn(edits.requests, step.id)
				? { ...step, request: structuredClone(edits.requests[step.id]!) }
				: step
		),
	};
}

/** A variant of `scenario` (already edited) named `name`. Pure. */
export function makeVariant(scenario: Scenario, name: string, savedAt: number): ScenarioVariant {
	const { id, body: _body, ...fields } = scenario;
	return {
		format: VARIANT_FORMAT,
		version: VARIANT_VERSION,
		name: name.trim().slice(0, 80) || `My ${scenario.title}`,
		basedOn: id,
		savedAt,
		scenario: structuredClone(fields),
	};
}

/**
 * Reads a variant envelope from parsed JSON and hands its scenario to `checkScenario` (the content schema), which
 * returns the checked scenario or throws a one-line message. Throws {@link VariantError}.
 */
export function readVariant(
	value: unknown,
	checkScenario: (scenario: unknown) => VariantScenario
): ScenarioVariant {
	if (!value || typeof value !== 'object' || Array.isArray(value))
		throw new VariantError('This is not a scenario variant: expected a JSON object.');
	const record = value as Record<string, unknown>;
	if (record.format !== VARIANT_FORMAT)
		throw new VariantError(
			`This is not a scenario variant: "format" must be "${VARIANT_FORMAT}", found ${JSON.stringify(record.format) ?? 'nothing'}.`
		);
	if (record.version !== VARIANT_VERSION)
		throw new VariantError(
			`This variant was saved by another version of the site: "version" must be ${VARIANT_VERSION}, found ${JSON.stringify(record.version) ?? 'nothing'}.`
		);
	if (typeof record.name !== 'string' || !record.name.trim())
		throw new VariantError('The variant has no name: "name" must be a non-empty string.');
	if (typeof record.basedOn !== 'string' || !/^[a-z0-9-]{1,80}$/.test(record.basedOn))
		throw new VariantError(
			'The variant does not say which scenario it comes from: "basedOn" must be a scenario id such as sign-up-email-verification.'
		);
	const savedAt =
		typeof record.savedAt === 'number' && Number.isFinite(record.savedAt) ? record.savedAt : 0;
	let scenario: VariantScenario;
	try {
		scenario = checkScenario(record.scenario);
	} catch (error) {
		throw new VariantError(
			`The variant's scenario is not valid: ${error instanceof Error ? error.message : String(error)}`
		);
	}
	return {
		format: VARIANT_FORMAT,
		version: VARIANT_VERSION,
		name: record.name.trim().slice(0, 80),
		basedOn: record.basedOn,
		savedAt,
		scenario,
	};
}

/** Parses a variant file's text (JSON). Throws {@link VariantError}. */
export function parseVariantFile(
	text: string,
	checkScenario: (scenario: unknown) => VariantScenario
): ScenarioVariant {
	if (new TextEncoder().encode(text).length > VARIANT_MAX_BYTES)
		throw new VariantError(
			`The file is too large for a scenario variant (more than ${VARIANT_MAX_BYTES / 1024} KB).`
		);
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch (error) {
		throw new VariantError(
			`The file is not JSON: ${error instanceof Error ? error.message : String(error)}`
		);
	}
	return readVariant(value, checkScenario);
}

/** The variant as a file's text (pretty JSON). */
export const variantFileText = (variant: ScenarioVariant) =>
	`${JSON.stringify(variant, null, 2)}\n`;

/** The URL fragment (without `#`) that carries a variant. */
export async function variantFragment(variant: ScenarioVariant): Promise<string> {
	const bytes = new TextEncoder().encode(JSON.stringify(variant));
	const compressed = await pipe(bytes, new CompressionStream('deflate-raw'));
	return VARIANT_FRAGMENT + toBase64Url(compressed);
}

/** Reads a variant from a URL fragment (with or without `#`). Throws {@link VariantError}. */
export async function variantFromFragment(
	fragment: string,
	checkScenario: (scenario: unknown) => VariantScenario
): Promise<ScenarioVariant> {
	const data = fragment.replace(/^#/, '');
	if (!data.startsWith(VARIANT_FRAGMENT))
		throw new VariantError('The link carries no scenario variant.');
	const encoded = data.slice(VARIANT_FRAGMENT.length);
	if (!/^[A-Za-z0-9_-]+$/.test(encoded) || encoded.length > VARIANT_MAX_BYTES)
		throw new VariantError('The link is damaged: the variant is not valid base64url.');
	let text: string;
	try {
		const inflated = await pipe(
			fromBase64Url(encoded),
			new DecompressionStream('deflate-raw'),
			VARIANT_MAX_BYTES
		);
		text = new TextDecoder('utf-8', { fatal: true }).decode(inflated);
	} catch (error) {
		throw new VariantError(
			error instanceof VariantError
				? error.message
				: 'The link is damaged: its variant does not decompress (was it cut off?).'
		);
	}
	return parseVariantFile(text, checkScenario);
}

/** Runs bytes through a (de)compression stream, refusing output beyond `limit` bytes (a zip bomb). */
async function pipe(
	bytes: Uint8Array,
	transform: CompressionStream | DecompressionStream,
	limit = Infinity
): Promise<Uint8Array> {
	const writer = transform.writable.getWriter();
	void writer.write(bytes as Uint8Array<ArrayBuffer>).catch(() => {});
	void writer.close().catch(() => {});
	const chunks: Uint8Array[] = [];
	let size = 0;
	const reader = transform.readable.getReader();
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.length;
		if (size > limit) {
			await reader.cancel();
			throw new VariantError(
				`The link's variant is too large (more than ${limit / 1024} KB once decompressed).`
			);
		}
		chunks.push(value);
	}
	const out = new Uint8Array(size);
	let offset = 0;
	for (const chunk of chunks) {
		out.set(chunk, offset);
		offset += chunk.length;
	}
	return out;
}

function toBase64Url(bytes: Uint8Array): string {
	let binary = '';
	for (let index = 0; index < bytes.length; index += 0x8000)
		binary += String.fromCharCode(...bytes.subarray(index, index + 0x8000));
	return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
	const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
	return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}
