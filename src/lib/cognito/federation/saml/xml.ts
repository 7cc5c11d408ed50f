/**
 * XML for SAML: parsing (`@xmldom/xmldom`, which also runs in a Web Worker, where there is no DOMParser),
 * XML digital signatures (`xmldsigjs`, over WebCrypto) and X.509 certificates (`pkijs`). All three are loaded
 * on first use, so pages and tests that never touch SAML never download them.
 *
 * Untrusted XML is parsed strictly: any parse error stops it, and documents with a DOCTYPE are refused
 * outright (no entities, so no entity expansion or external entities).
 */

/** The namespaces SAML 2.0 documents use. */
export const NS = {
	protocol: 'urn:oasis:names:tc:SAML:2.0:protocol',
	assertion: 'urn:oasis:names:tc:SAML:2.0:assertion',
	metadata: 'urn:oasis:names:tc:SAML:2.0:metadata',
	dsig: 'http://www.w3.org/2000/09/xmldsig#',
	xmlenc: 'http://www.w3.org/2001/04/xmlenc#',
	xsi: 'http://www.w3.org/2001/XMLSchema-instance',
	xs: 'http://www.w3.org/2001/XMLSchema',
} as const;

/** Thrown for XML that cannot be read; the message says why, in plain words. */
export class XmlError extends Error {}

import type { Document, Element, Node } from '@xmldom/xmldom';

export type { Document, Element, Node } from '@xmldom/xmldom';

type XmlDom = typeof import('@xmldom/xmldom');
type XmlDsig = typeof import('xmldsigjs');
type Pki = typeof import('pkijs');
type Asn1 = typeof import('asn1js');

/** The loaded libraries. */
export interface XmlKit {
	dom: XmlDom;
	dsig: XmlDsig;
	pki: Pki;
	asn1: Asn1;
}

let kit: Promise<XmlKit> | undefined;

/** Loads the XML libraries once (dynamic imports: a separate chunk in the browser). */
export function loadXmlKit(): Promise<XmlKit> {
	kit ??= (async () => {
		const [dom, core, dsig, pki, asn1] = await Promise.all([
			import('@xmldom/xmldom'),
			import('xml-core'),
			import('xmldsigjs'),
			import('pkijs'),
			import('asn1js'),
		]);
		// xmldsigjs finds its DOM through xml-core; a worker has no DOMParser of its own.
		core.setNodeDependencies({
			DOMParser: dom.DOMParser,
			XMLSerializer: dom.XMLSerializer,
			DOMImplementation: dom.DOMImplementation,
		});
		dsig.Application.setEngine('WebCrypto', globalThis.crypto as never);
		return { dom, dsig, pki, asn1 };
	})();
	return kit;
}

/** Parses untrusted XML strictly; throws {@link XmlError}. */
export async function parseXml(text: string): Promise<Document> {
	const { dom } = await loadXmlKit();
	if (/<!DOCTYPE/i.test(text)) throw new XmlError('a DOCTYPE is not allowed');
	try {
		const xmlDocument = new dom.DOMParser({ onError: dom.onErrorStopParsing }).parseFromString(
			text,
			'application/xml'
		);
		if (!xmlDocument.documentElement) throw new XmlError('no root element');
		return xmlDocument;
	} catch (error) {
		if (error instanceof XmlError) throw error;
		throw new XmlError(
			`not well-formed XML (${error instanceof Error ? error.message.split('\n')[0] : error})`
		);
	}
}

/** Serialises a node. */
export async function serializeXml(node: Node): Promise<string> {
	const { dom } = await loadXmlKit();
	return new dom.XMLSerializer().serializeToString(node);
}

/** The element children of `parent` named `localName` in `namespace`. */
export function childrenNamed(
	parent: Element | Document,
	namespace: string,
	localName: string
): Element[] {
	const out: Element[] = [];
	const nodes = parent.childNodes;
	for (let i = 0; i < nodes.length; i++) {
		const node = nodes.item(i) as Element;
		if (node.nodeType === 1 && node.namespaceURI === namespace && node.localName === localName)
			out.push(node);
	}
	return out;
}

/** The first element child named `localName` in `namespace`, or undefined. */
export const childNamed = (parent: Element | Document, namespace: string, localName: string) =>
	childrenNamed(parent, namespace, localName)[0];

/** Every descendant element named `localName` in `namespace`. */
export function descendantsNamed(
	parent: Element | Document,
	namespace: string,
	localName: string
): Element[] {
	return Array.from(parent.getElementsByTagNameNS(namespace, localName) as ArrayLike<Element>);
}

/** The text content of an element, trimmed. */
export const textOf = (element: Element | undefined) => (element?.textContent ?? '').trim();

/** Escapes text for an XML attribute value or text node. */
export function xmlEscape(value: string): string {
	return value
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&apos;');
}

/** Base64 of bytes (btoa over a binary string: available in browsers, workers and Node). */
export function toBase64(bytes: Uint8Array): string {
	let binary = '';
	for (let i = 0; i < bytes.length; i += 0x8000)
		binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
	return btoa(binary);
}

/** Bytes of base64 (whitespace ignored); throws {@link XmlError} when it is not base64. */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
	try {
		return Uint8Array.from(atob(text.replace(/\s+/g, '')), (c) => c.charCodeAt(0));
	} catch {
		throw new XmlError('not base64');
	}
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
/** UTF-8 text → base64. */
export const base64OfText = (text: string) => toBase64(encoder.encode(text));
/** Base64 → UTF-8 text; throws {@link XmlError}. */
export const textOfBase64 = (text: string) => decoder.decode(fromBase64(text));
