/**
 * The AWS Query protocol as STS speaks it: form-encoded requests in, XML out, and the
 * `<ErrorResponse>` envelope `@aws-sdk/client-sts` parses for errors. Pure string building.
 */
import { ServiceError } from '../core/errors';

const NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';

/** An XML element tree: nested objects become child elements, undefined members are left out. */
export type XmlValue = string | number | { [element: string]: XmlValue | undefined };

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
	return Object.entries(value)
		.filter(([, child]) => child !== undefined)
		.map(([name, child]) => `<${name}>${toXml(child!)}</${name}>`)
		.join('');
}

/** `<{Action}Response><{Action}Result>…</{Action}Result><ResponseMetadata>…</ResponseMetadata></…>`. */
export function queryResponse(
	action: string,
	result: Record<string, XmlValue | undefined>,
	requestId: string
): Response {
	const body =
		`<${action}Response xmlns="${NAMESPACE}"><${action}Result>${toXml(result as XmlValue)}</${action}Result>` +
		`<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`;
	return new Response(body, {
		status: 200,
		headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
	});
}

/** STS error codes that are the caller's fault are `Sender`; everything else is `Receiver`. */
export function queryErrorResponse(error: ServiceError, requestId: string): Response {
	const type = error.status >= 500 ? 'Receiver' : 'Sender';
	const body =
		`<ErrorResponse xmlns="${NAMESPACE}"><Error><Type>${type}</Type><Code>${escapeXml(error.type)}</Code>` +
		`<Message>${escapeXml(error.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
	return new Response(body, {
		status: error.status,
		headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
	});
}

/** The form fields of a Query request (`Action=…&Version=…&RoleArn=…`). */
export function parseForm(text: string): Record<string, string> {
	const fields: Record<string, string> = {};
	for (const [key, value] of new URLSearchParams(text)) fields[key] = value;
	return fields;
}

/** STS's own error for bad parameters: `ValidationError` with the "1 validation error detected" wording. */
export function validationError(message: string): ServiceError {
	return new ServiceError('ValidationError', message);
}

/** Timestamps in Query XML are ISO 8601 with second precision, e.g. `2026-01-01T01:00:00Z`. */
export function isoSeconds(epochMs: number): string {
	return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
