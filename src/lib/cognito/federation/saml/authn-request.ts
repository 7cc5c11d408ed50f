/**
 * SP-initiated SAML sign-in: the `AuthnRequest` a user pool sends to the IdP with the HTTP-Redirect binding
 * (raw DEFLATE, base64, URL parameter `SAMLRequest`), and the IdP reading it back. DEFLATE is the platform's
 * `CompressionStream('deflate-raw')` (browsers, workers and Node alike).
 */
import { BINDING_POST, NAMEID_PERSISTENT } from './metadata';
import { childNamed, fromBase64, NS, parseXml, textOf, toBase64, xmlEscape, XmlError } from './xml';

/** What an AuthnRequest carries. */
export interface AuthnRequest {
	id: string;
	issuer: string;
	acsUrl: string;
	destination?: string;
}

async function pipe(
	bytes: Uint8Array,
	stream: CompressionStream | DecompressionStream
): Promise<Uint8Array> {
	const out = new Response(
		new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(stream)
	);
	return new Uint8Array(await out.arrayBuffer());
}

/** The `SAMLRequest` value of the HTTP-Redirect binding for an AuthnRequest. */
export async function encodeRedirectRequest(
	request: AuthnRequest & { destination: string; now: number }
): Promise<string> {
	const xml =
		`<samlp:AuthnRequest xmlns:samlp="${NS.protocol}" xmlns:saml="${NS.assertion}" ID="${xmlEscape(request.id)}" Version="2.0" ` +
		`IssueInstant="${new Date(request.now).toISOString().replace(/\.\d{3}Z$/, 'Z')}" Destination="${xmlEscape(request.destination)}" ` +
		`AssertionConsumerServiceURL="${xmlEscape(request.acsUrl)}" ProtocolBinding="${BINDING_POST}">` +
		`<saml:Issuer>${xmlEscape(request.issuer)}</saml:Issuer>` +
		`<samlp:NameIDPolicy Format="${NAMEID_PERSISTENT}" AllowCreate="true"/></samlp:AuthnRequest>`;
	return toBase64(await pipe(new TextEncoder().encode(xml), new CompressionStream('deflate-raw')));
}

/** Reads a `SAMLRequest` (HTTP-Redirect: deflated; HTTP-POST: plain base64); throws {@link XmlError}. */
export async function decodeRequest(
	value: string,
	binding: 'redirect' | 'post'
): Promise<AuthnRequest> {
	const bytes = fromBase64(value);
	let xml: string;
	try {
		xml = new TextDecoder().decode(
			binding === 'redirect' ? await pipe(bytes, new DecompressionStream('deflate-raw')) : bytes
		);
	} catch {
		throw new XmlError('the SAMLRequest is not DEFLATE-compressed');
	}
	const xmlDocument = await parseXml(xml);
	const root = xmlDocument.documentElement!;
	if (root.namespaceURI !== NS.protocol || root.localName !== 'AuthnRequest')
		throw new XmlError('the SAMLRequest is not an AuthnRequest');
	const id = root.getAttribute('ID') ?? '';
	const acsUrl = root.getAttribute('AssertionConsumerServiceURL') ?? '';
	if (!id || !acsUrl)
		throw new XmlError('the AuthnRequest has no ID or AssertionConsumerServiceURL');
	return {
		id,
		issuer: textOf(childNamed(root, NS.assertion, 'Issuer')),
		acsUrl,
		...(root.getAttribute('Destination') ? { destination: root.getAttribute('Destination')! } : {}),
	};
}
