/**
 * SAML 2.0 IdP metadata: the document a mock IdP publishes, and what a user pool reads from the metadata it is
 * given (`MetadataFile` or `MetadataURL`): the IdP's entity ID, signing certificates and endpoints.
 */
import {
	childNamed,
	childrenNamed,
	descendantsNamed,
	NS,
	parseXml,
	textOf,
	xmlEscape,
	XmlError,
} from './xml';

export const BINDING_REDIRECT = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';
export const BINDING_POST = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST';
export const NAMEID_PERSISTENT = 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent';
export const NAMEID_EMAIL = 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress';

/** What an IdP's metadata says. */
export interface IdpMetadata {
	entityId: string;
	/** Base64 DER certificates whose keys may sign responses and assertions. */
	signingCertificates: string[];
	ssoRedirect?: string;
	ssoPost?: string;
	sloRedirect?: string;
	wantAuthnRequestsSigned: boolean;
}

/** The metadata XML a mock IdP publishes. */
export function idpMetadataXml(idp: {
	entityId: string;
	certificate: string;
	ssoUrl: string;
	sloUrl: string;
}): string {
	const location = (url: string) => xmlEscape(url);
	return (
		`<?xml version="1.0" encoding="UTF-8"?>` +
		`<md:EntityDescriptor xmlns:md="${NS.metadata}" xmlns:ds="${NS.dsig}" entityID="${xmlEscape(idp.entityId)}">` +
		`<md:IDPSSODescriptor WantAuthnRequestsSigned="false" protocolSupportEnumeration="${NS.protocol}">` +
		`<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${idp.certificate}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>` +
		`<md:SingleLogoutService Binding="${BINDING_REDIRECT}" Location="${location(idp.sloUrl)}"/>` +
		`<md:NameIDFormat>${NAMEID_PERSISTENT}</md:NameIDFormat>` +
		`<md:NameIDFormat>${NAMEID_EMAIL}</md:NameIDFormat>` +
		`<md:SingleSignOnService Binding="${BINDING_REDIRECT}" Location="${location(idp.ssoUrl)}"/>` +
		`<md:SingleSignOnService Binding="${BINDING_POST}" Location="${location(idp.ssoUrl)}"/>` +
		`</md:IDPSSODescriptor></md:EntityDescriptor>`
	);
}

/** Reads IdP metadata; throws {@link XmlError} saying what is missing. */
export async function parseIdpMetadata(xml: string): Promise<IdpMetadata> {
	const xmlDocument = await parseXml(xml);
	const root = xmlDocument.documentElement!;
	const entity =
		root.namespaceURI === NS.metadata && root.localName === 'EntityDescriptor'
			? root
			: descendantsNamed(xmlDocument, NS.metadata, 'EntityDescriptor')[0];
	if (!entity) throw new XmlError('no EntityDescriptor element');
	const entityId = entity.getAttribute('entityID') ?? '';
	if (!entityId) throw new XmlError('the EntityDescriptor has no entityID');
	const descriptor = childNamed(entity, NS.metadata, 'IDPSSODescriptor');
	if (!descriptor) throw new XmlError('no IDPSSODescriptor element');
	const signingCertificates = childrenNamed(descriptor, NS.metadata, 'KeyDescriptor')
		.filter((key) => (key.getAttribute('use') ?? 'signing') === 'signing')
		.flatMap((key) => descendantsNamed(key, NS.dsig, 'X509Certificate'))
		.map((certificate) => textOf(certificate).replace(/\s+/g, ''))
		.filter(Boolean);
	if (!signingCertificates.length) throw new XmlError('no signing certificate (KeyDescriptor)');
	const service = (name: string, binding: string) =>
		childrenNamed(descriptor, NS.metadata, name)
			.find((element) => element.getAttribute('Binding') === binding)
			?.getAttribute('Location') ?? undefined;
	const ssoRedirect = service('SingleSignOnService', BINDING_REDIRECT);
	const ssoPost = service('SingleSignOnService', BINDING_POST);
	if (!ssoRedirect && !ssoPost) throw new XmlError('no SingleSignOnService endpoint');
	return {
		entityId,
		signingCertificates,
		...(ssoRedirect ? { ssoRedirect } : {}),
		...(ssoPost ? { ssoPost } : {}),
		...(service('SingleLogoutService', BINDING_REDIRECT)
			? { sloRedirect: service('SingleLogoutService', BINDING_REDIRECT) }
			: {}),
		wantAuthnRequestsSigned: descriptor.getAttribute('WantAuthnRequestsSigned') === 'true',
	};
}
