/**
 * SAML 2.0 responses: the mock IdP builds one with a signed assertion (XML-DSig, RSA-SHA256, exclusive
 * canonicalisation, enveloped); the user pool checks one as a service provider: the signature against the
 * metadata's certificate (never the certificate the response carries), issuer, audience
 * (`urn:amazon:cognito:sp:<poolId>`), recipient, validity window and `InResponseTo`.
 */
import { publicKeyOfCertificate, RSA_SHA256 } from './certificates';
import {
	base64OfText,
	childNamed,
	childrenNamed,
	descendantsNamed,
	type Element,
	loadXmlKit,
	NS,
	parseXml,
	serializeXml,
	textOf,
	textOfBase64,
	xmlEscape,
	XmlError,
} from './xml';
import { NAMEID_PERSISTENT } from './metadata';

const STATUS_SUCCESS = 'urn:oasis:names:tc:SAML:2.0:status:Success';
const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
/** How long an assertion is valid after it is issued. */
export const ASSERTION_LIFETIME_MS = 5 * 60_000;

/** What a mock IdP asserts about the user. */
export interface AssertionInput {
	issuer: string;
	nameId: string;
	nameIdFormat?: string;
	/** SAML attribute name → values. */
	attributes: Array<[string, string[]]>;
	audience: string;
	/** The ACS URL. */
	recipient: string;
	inResponseTo?: string;
	/** Epoch ms. */
	now: number;
	/** `_` + hex ids for the response and the assertion. */
	ids: { response: string; assertion: string; session: string };
}

const instant = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** A base64 `SAMLResponse` with a signed assertion. */
export async function buildSignedResponse(
	input: AssertionInput,
	signer: { privateKey: CryptoKey; certificate: string }
): Promise<string> {
	const { dsig } = await loadXmlKit();
	const issued = instant(input.now);
	const expires = instant(input.now + ASSERTION_LIFETIME_MS);
	const inResponseTo = input.inResponseTo ? ` InResponseTo="${xmlEscape(input.inResponseTo)}"` : '';
	const attributes = input.attributes
		.map(
			([name, values]) =>
				`<saml:Attribute Name="${xmlEscape(name)}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri">` +
				values
					.map(
						(value) =>
							`<saml:AttributeValue xmlns:xs="${NS.xs}" xmlns:xsi="${NS.xsi}" xsi:type="xs:string">${xmlEscape(value)}</saml:AttributeValue>`
					)
					.join('') +
				`</saml:Attribute>`
		)
		.join('');
	const xml =
		`<samlp:Response xmlns:samlp="${NS.protocol}" xmlns:saml="${NS.assertion}" ID="${input.ids.response}" Version="2.0" IssueInstant="${issued}" Destination="${xmlEscape(input.recipient)}"${inResponseTo}>` +
		`<saml:Issuer>${xmlEscape(input.issuer)}</saml:Issuer>` +
		`<samlp:Status><samlp:StatusCode Value="${STATUS_SUCCESS}"/></samlp:Status>` +
		`<saml:Assertion ID="${input.ids.assertion}" Version="2.0" IssueInstant="${issued}">` +
		`<saml:Issuer>${xmlEscape(input.issuer)}</saml:Issuer>` +
		`<saml:Subject><saml:NameID Format="${xmlEscape(input.nameIdFormat ?? NAMEID_PERSISTENT)}">${xmlEscape(input.nameId)}</saml:NameID>` +
		`<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="${expires}" Recipient="${xmlEscape(input.recipient)}"${inResponseTo}/></saml:SubjectConfirmation></saml:Subject>` +
		`<saml:Conditions NotBefore="${issued}" NotOnOrAfter="${expires}"><saml:AudienceRestriction><saml:Audience>${xmlEscape(input.audience)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
		`<saml:AuthnStatement AuthnInstant="${issued}" SessionIndex="${input.ids.session}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
		(attributes ? `<saml:AttributeStatement>${attributes}</saml:AttributeStatement>` : '') +
		`</saml:Assertion></samlp:Response>`;
	const xmlDocument = await parseXml(xml);
	const assertion = descendantsNamed(xmlDocument, NS.assertion, 'Assertion')[0]!;
	const signed = new dsig.SignedXml(xmlDocument as never);
	signed.XmlSignature.SignedInfo.CanonicalizationMethod.Algorithm = EXC_C14N;
	await signed.Sign(RSA_SHA256 as never, signer.privateKey, xmlDocument as never, {
		x509: [signer.certificate],
		references: [
			{ uri: `#${input.ids.assertion}`, hash: 'SHA-256', transforms: ['enveloped', 'exc-c14n'] },
		],
	});
	// The signature goes right after the assertion's Issuer, as the schema wants it.
	const signature = signed.GetXml() as unknown as Element;
	const issuer = childNamed(assertion, NS.assertion, 'Issuer')!;
	assertion.insertBefore(signature, issuer.nextSibling);
	return base64OfText(await serializeXml(xmlDocument));
}

/** Why a response was refused (the description Cognito reports). */
export class SamlResponseError extends Error {}

/** What a valid response says. */
export interface VerifiedAssertion {
	issuer: string;
	nameId: string;
	/** SAML attribute name → values. */
	attributes: Map<string, string[]>;
	inResponseTo?: string;
	assertionId: string;
	/** The decoded XML (for the trace and the inbound federation trigger). */
	xml: string;
}

/** What the service provider expects. */
export interface ServiceProviderCheck {
	/** `urn:amazon:cognito:sp:<poolId>`. */
	audience: string;
	/** The ACS URL (`https://<domain>/saml2/idpresponse`), compared without its query. */
	acsUrl: string;
	/** The IdP's entity ID and signing certificates, from its metadata. */
	idpEntityId: string;
	certificates: string[];
	/** Epoch ms. */
	now: number;
}

const withoutQuery = (url: string) => url.split('?')[0]!.split('#')[0]!;

/** Verifies a signature element against the metadata certificates; the reference must be `#<id>` of `signed`. */
async function verifySignature(
	xmlDocument: unknown,
	signatureElement: Element,
	signed: Element,
	certificates: string[]
): Promise<boolean> {
	const { dsig } = await loadXmlKit();
	const id = signed.getAttribute('ID');
	const references = descendantsNamed(signatureElement, NS.dsig, 'Reference');
	if (!id || references.length !== 1 || references[0]!.getAttribute('URI') !== `#${id}`)
		return false;
	for (const certificate of certificates) {
		const key = await publicKeyOfCertificate(certificate).catch(() => undefined);
		if (!key) continue;
		try {
			const signedXml = new dsig.SignedXml(xmlDocument as never);
			signedXml.LoadXml(signatureElement as never);
			if (await signedXml.Verify(key)) return true;
		} catch {
			// A digest mismatch or a malformed signature: not valid with this key.
		}
	}
	return false;
}

/** Checks a base64 `SAMLResponse` as the user pool does; throws {@link SamlResponseError}. */
export async function verifyResponse(
	encoded: string,
	expected: ServiceProviderCheck
): Promise<VerifiedAssertion> {
	let xml: string;
	let xmlDocument;
	try {
		xml = textOfBase64(encoded);
		xmlDocument = await parseXml(xml);
	} catch (error) {
		throw new SamlResponseError(
			`Invalid SAML response received: ${error instanceof XmlError ? error.message : 'unreadable'}`
		);
	}
	const response = xmlDocument.documentElement!;
	if (response.namespaceURI !== NS.protocol || response.localName !== 'Response')
		throw new SamlResponseError(
			'Invalid SAML response received: the xmlDocument is not a SAML Response'
		);
	const status = childNamed(
		childNamed(response, NS.protocol, 'Status') ?? response,
		NS.protocol,
		'StatusCode'
	);
	if (status?.getAttribute('Value') !== STATUS_SUCCESS)
		throw new SamlResponseError(
			`Invalid SAML response received: the IdP answered with status ${status?.getAttribute('Value') ?? '(none)'}`
		);
	const assertions = childrenNamed(response, NS.assertion, 'Assertion');
	if (childrenNamed(response, NS.assertion, 'EncryptedAssertion').length)
		throw new SamlResponseError(
			'Invalid SAML response received: encrypted assertions are not enabled for this IdP'
		);
	if (assertions.length !== 1)
		throw new SamlResponseError('Invalid SAML response received: expected exactly one Assertion');
	const assertion = assertions[0]!;
	const destination = response.getAttribute('Destination');
	if (destination && withoutQuery(destination) !== withoutQuery(expected.acsUrl))
		throw new SamlResponseError(
			'Invalid SAML response received: Destination does not match the ACS URL'
		);

	// Either the assertion or the whole response must carry a valid signature by the IdP's key.
	const assertionSignature = childNamed(assertion, NS.dsig, 'Signature');
	const responseSignature = childNamed(response, NS.dsig, 'Signature');
	const valid =
		(assertionSignature &&
			(await verifySignature(xmlDocument, assertionSignature, assertion, expected.certificates))) ||
		(responseSignature &&
			(await verifySignature(xmlDocument, responseSignature, response, expected.certificates)));
	if (!valid)
		throw new SamlResponseError(
			assertionSignature || responseSignature
				? 'Error in SAML response processing: SAML Assertion signature is invalid'
				: 'Error in SAML response processing: SAML Assertion is not signed'
		);

	const issuer = textOf(childNamed(assertion, NS.assertion, 'Issuer'));
	if (issuer !== expected.idpEntityId)
		throw new SamlResponseError(
			`Invalid SAML response received: Issuer ${issuer} does not match the IdP's entity ID`
		);
	const conditions = childNamed(assertion, NS.assertion, 'Conditions');
	const notBefore = Date.parse(conditions?.getAttribute('NotBefore') ?? '');
	const notOnOrAfter = Date.parse(conditions?.getAttribute('NotOnOrAfter') ?? '');
	if (
		(Number.isFinite(notBefore) && expected.now < notBefore) ||
		(Number.isFinite(notOnOrAfter) && expected.now >= notOnOrAfter)
	)
		throw new SamlResponseError(
			'Invalid SAML response received: the assertion is expired or not yet valid'
		);
	const audiences = descendantsNamed(conditions ?? assertion, NS.assertion, 'Audience').map(
		(element) => textOf(element)
	);
	if (!audiences.includes(expected.audience))
		throw new SamlResponseError(
			`Invalid SAML response received: Audience restriction does not include ${expected.audience}`
		);
	const subject = childNamed(assertion, NS.assertion, 'Subject');
	const nameId = textOf(subject && childNamed(subject, NS.assertion, 'NameID'));
	if (!nameId)
		throw new SamlResponseError('Invalid SAML response received: the assertion has no NameID');
	const confirmation =
		subject && descendantsNamed(subject, NS.assertion, 'SubjectConfirmationData')[0];
	const recipient = confirmation?.getAttribute('Recipient');
	if (recipient && withoutQuery(recipient) !== withoutQuery(expected.acsUrl))
		throw new SamlResponseError(
			'Invalid SAML response received: Recipient does not match the ACS URL'
		);
	const confirmationEnd = Date.parse(confirmation?.getAttribute('NotOnOrAfter') ?? '');
	if (Number.isFinite(confirmationEnd) && expected.now >= confirmationEnd)
		throw new SamlResponseError(
			'Invalid SAML response received: the assertion is expired or not yet valid'
		);

	const attributes = new Map<string, string[]>();
	for (const attribute of descendantsNamed(assertion, NS.assertion, 'Attribute')) {
		const name = attribute.getAttribute('Name');
		if (!name) continue;
		const values = childrenNamed(attribute, NS.assertion, 'AttributeValue').map((value) =>
			textOf(value)
		);
		attributes.set(name, [...(attributes.get(name) ?? []), ...values]);
	}
	const inResponseTo =
		confirmation?.getAttribute('InResponseTo') ||
		response.getAttribute('InResponseTo') ||
		undefined;
	return {
		issuer,
		nameId,
		attributes,
		...(inResponseTo ? { inResponseTo } : {}),
		assertionId: assertion.getAttribute('ID') ?? '',
		xml,
	};
}
