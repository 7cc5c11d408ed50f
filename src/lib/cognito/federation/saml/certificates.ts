/**
 * X.509 certificates for the SAML parts: the mock IdP's self-signed signing certificate (what its metadata
 * publishes) and reading the public key out of a certificate found in metadata. Built with `pkijs` over
 * WebCrypto (loaded lazily with the other XML libraries).
 */
import { fromBase64, loadXmlKit, toBase64, XmlError } from './xml';

/** RSASSA-PKCS1-v1_5 with SHA-256: what SAML's `rsa-sha256` is in WebCrypto. */
export const RSA_SHA256 = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;

/** A self-signed certificate (base64 DER, as `<ds:X509Certificate>` holds it) for `publicKey`. */
export async function selfSignedCertificate(
	keys: { publicKey: CryptoKey; privateKey: CryptoKey },
	commonName: string,
	serial: number,
	validity: { from: Date; to: Date }
): Promise<string> {
	const { pki, asn1 } = await loadXmlKit();
	const certificate = new pki.Certificate();
	certificate.version = 2;
	certificate.serialNumber = new asn1.Integer({ value: serial });
	for (const name of [certificate.issuer, certificate.subject])
		name.typesAndValues.push(
			new pki.AttributeTypeAndValue({
				type: '2.5.4.3', // commonName
				value: new asn1.Utf8String({ value: commonName }),
			})
		);
	certificate.notBefore.value = validity.from;
	certificate.notAfter.value = validity.to;
	await certificate.subjectPublicKeyInfo.importKey(keys.publicKey);
	await certificate.sign(keys.privateKey, 'SHA-256');
	return toBase64(new Uint8Array(certificate.toSchema(true).toBER(false)));
}

/** The RSA public key in a base64 DER certificate, for verifying `rsa-sha256` signatures. */
export async function publicKeyOfCertificate(base64: string): Promise<CryptoKey> {
	const { pki } = await loadXmlKit();
	let certificate: InstanceType<typeof pki.Certificate>;
	try {
		certificate = pki.Certificate.fromBER(fromBase64(base64));
	} catch {
		throw new XmlError('the certificate is not a valid X.509 certificate');
	}
	const spki = certificate.subjectPublicKeyInfo.toSchema().toBER(false);
	try {
		return await crypto.subtle.importKey('spki', spki, RSA_SHA256, true, ['verify']);
	} catch {
		throw new XmlError('the certificate does not hold an RSA public key');
	}
}
