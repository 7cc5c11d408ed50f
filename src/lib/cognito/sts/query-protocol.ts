/**
 * The AWS Query protocol as STS and IAM speak it: form-encoded requests in, XML out, and the
 * `<ErrorResponse>` envelope `@aws-sdk/client-sts` and botocore parse for errors. Pure string building.
 */
import type { SandboxContext } from '../core/context';
import { dict } from '../core/dict';
import { ServiceError } from '../core/errors';

/** STS's XML namespace; IAM passes its own. */
export const STS_NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';

/**
 * An XML element tree: nested objects become child elements, arrays become `<member>` lists (as Query
 * lists are serialised), undefined members are left out.
 */
export type XmlValue = string | number | XmlValue[] | { [element: string]: XmlValue | undefined };

/** Escapes text for an XML element body. */
export function escapeXml(text: string): string {
	return text
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&apos;');
}

function toXml(value: XmlValue): string {
	if (typeof value !== 'object') return escapeXml(String(value));
	if (Array.isArray(value)) return value.map((item) => `<member>${toXml(item)}</member>`).join('');
	return Object.entries(value)
		.filter(([, child]) => child !== undefined)
		.map(([name, child]) => `<${name}>${toXml(child!)}</${name}>`)
		.join('');
}

/** `<{Action}Response><{Action}Result>…</{Action}Result><ResponseMetadata>…</ResponseMetadata></…>`. */
export function queryResponse(
	action: string,
	result: Record<string, XmlValue | undefined>,
	requestId: string,
	namespace = STS_NAMESPACE
): Response {
	const body =
		`<${action}Response xmlns="${namespace}"><${action}Result>${toXml(result as XmlValue)}</${action}Result>` +
		`<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`;
	return new Response(body, {
		status: 200,
		headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
	});
}

/** STS error codes that are the caller's fault are `Sender`; everything else is `Receiver`. */
export function queryErrorResponse(
	error: ServiceError,
	requestId: string,
	namespace = STS_NAMESPACE
): Response {
	const type = error.status >= 500 ? 'Receiver' : 'Sender';
	const body =
		`<ErrorResponse xmlns="${namespace}"><Error><Type>${type}</Type><Code>${escapeXml(error.type)}</Code>` +
		`<Message>${escapeXml(error.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
	return new Response(body, {
		status: error.status,
		headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
	});
}

/** The form fields of a Query request (`Action=…&Version=…&RoleArn=…`), in a null-prototype object. */
export function parseForm(text: string): Record<string, string> {
	return dict(new URLSearchParams(text));
}

/**
 * Serves one Query request: reads the form, runs `handle`, traces the call (with `redact` hiding secrets) and
 * turns failures into the `<ErrorResponse>` envelope.
 */
export async function serveQuery(
	context: SandboxContext,
	request: Request,
	options: {
		service: string;
		namespace: string;
		redact?: (fields: Record<string, string>) => Record<string, string>;
	},
	handle: (fields: Record<string, string>, requestId: string) => Promise<Response>
): Promise<Response> {
	const requestId = context.uuid();
	let fields: Record<string, string> = {};
	const trace = (outcome: { response?: unknown; error?: { type: string; message: string } }) =>
		context.emit({
			type: 'ApiCall',
			service: options.service,
			operation: fields.Action ?? '',
			request: options.redact ? options.redact(fields) : { ...fields },
			...outcome,
			at: context.clock.now(),
		});
	try {
		fields = parseForm(await request.text());
		const response = await handle(fields, requestId);
		trace({ response: { status: response.status } });
		return response;
	} catch (error) {
		const failure =
			error instanceof ServiceError
				? error
				: new ServiceError(
						'InternalFailure',
						error instanceof Error ? error.message : String(error),
						500
					);
		trace({ error: { type: failure.type, message: failure.message } });
		return queryErrorResponse(failure, requestId, options.namespace);
	}
}

/** STS's own error for bad parameters: `ValidationError` with the "1 validation error detected" wording. */
export function validationError(message: string): ServiceError {
	return new ServiceError('ValidationError', message);
}

/** Timestamps in Query XML are ISO 8601 with second precision, e.g. `2026-01-01T01:00:00Z`. */
export function isoSeconds(epochMs: number): string {
	return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
