/**
 * Enterprise SAML federation over HTTP against `sandbox.fetch`: metadata, SP-initiated sign-in (AuthnRequest
 * with the HTTP-Redirect binding, signed response posted to /saml2/idpresponse), IdP-initiated sign-in, the
 * signature checked by xmldsigjs against the metadata certificate, and tampered or misdirected responses
 * refused with the service's errors.
 */
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { APP, appBrowser, exchangeCode, federatedPool, LOGIN } from '../../../fixtures/federation';
import {
	NOW,
	userPoolSandbox,
	type Json,
	type UserPoolSandbox,
} from '../../../fixtures/user-pool-sandbox';

const IDP = 'https://sso.corp.example';
const EMAIL_CLAIM = 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress';

/** A pool with a `custom:groups` attribute and the CorpSSO SAML provider (metadata by URL). */
function samlPool(t: UserPoolSandbox, details: Json = {}, pool: Json = {}) {
	return federatedPool(
		t,
		{
			ProviderName: 'CorpSSO',
			ProviderType: 'SAML',
			ProviderDetails: { MetadataURL: `${IDP}/metadata`, ...details },
			AttributeMapping: {
				email: EMAIL_CLAIM,
				'custom:groups': 'http://schemas.xmlsoap.org/claims/Group',
			},
		},
		{
			...pool,
			Schema: [
				{ Name: 'groups', AttributeDataType: 'String', Mutable: true },
				...(pool.Schema ?? []),
			],
		}
	);
}

describe('enterprise SAML federation', { timeout: 30_000 }, () => {
	let t: UserPoolSandbox;
	beforeEach(() => {
		t = userPoolSandbox(61);
	});
	afterEach(() => vi.useRealTimers());

	test('the provider reads the IdP metadata: SSO URL and a signing certificate', async () => {
		const { provider } = await samlPool(t);
		expect(provider.ProviderDetails.SSORedirectBindingURI).toBe(`${IDP}/sso`);
		expect(provider.ProviderDetails.SLORedirectBindingURI).toBe(`${IDP}/slo`);
		const metadata = await (await t.sandbox.fetch(new Request(`${IDP}/metadata`))).text();
		expect(metadata).toContain(`entityID="${IDP}/metadata"`);
		expect(metadata).toMatch(/<ds:X509Certificate>MII/);
	});

	test('SP-initiated: AuthnRequest → IdP sign-in → signed assertion → tokens with identities', async () => {
		const { poolId, clientId } = await samlPool(t);
		const b = appBrowser(t);
		await b.open(
			`${LOGIN}/oauth2/authorize?client_id=${clientId}&redirect_uri=${encodeURIComponent(APP)}&response_type=code&scope=openid+email&state=s1&identity_provider=CorpSSO`
		);
		const idpUrl = new URL(b.page.url);
		expect(idpUrl.origin + idpUrl.pathname).toBe(`${IDP}/sso`);
		expect(b.page.document.body.textContent).toContain(`urn:amazon:cognito:sp:${poolId}`);
		await b.submit('Sign in', {
			user_id: 'jdoe',
			email: 'jdoe@corp.example',
			groups: 'finance, admins',
		});
		// The IdP shows the signed response it is about to post to the ACS.
		expect(b.page.document.querySelector('form')?.getAttribute('action')).toBe(
			`${LOGIN}/saml2/idpresponse`
		);
		expect(b.page.document.querySelector('pre')?.textContent).toContain('<ds:SignatureValue>');
		await b.submit('Continue');
		const tokens = await exchangeCode(t, clientId, b.page.url);

		vi.useFakeTimers({ toFake: ['Date'], now: NOW + 60_000 });
		const jwks = await (
			await t.sandbox.fetch(new Request(`http://localhost/${poolId}/.well-known/jwks.json`))
		).json();
		const verifier = CognitoJwtVerifier.create({ userPoolId: poolId, tokenUse: 'id', clientId });
		verifier.cacheJwks(jwks);
		const claims = await verifier.verify(tokens.id_token);
		expect(claims['cognito:username']).toBe('CorpSSO_jdoe');
		expect(claims.email).toBe('jdoe@corp.example');
		expect(claims['custom:groups']).toBe('[finance, admins]');
		expect(claims.identities).toEqual([
			{
				userId: 'jdoe',
				providerName: 'CorpSSO',
				providerType: 'SAML',
				issuer: `${IDP}/metadata`,
				primary: 'true',
				dateCreated: String(NOW),
			},
		]);
		expect(claims['cognito:groups']).toEqual([`${poolId}_CorpSSO`]);
	});

	test('a tampered assertion is refused: the signature no longer verifies', async () => {
		const { clientId } = await samlPool(t);
		const b = appBrowser(t);
		await b.open(
			`${LOGIN}/oauth2/authorize?client_id=${clientId}&redirect_uri=${encodeURIComponent(APP)}&response_type=code&scope=openid&identity_provider=CorpSSO`
		);
		await b.submit('Sign in', { user_id: 'mallory', email: 'mallory@corp.example' });
		const form = b.page.document.querySelector('form')!;
		const field = form.querySelector('input[name="SAMLResponse"]') as HTMLInputElement;
		const xml = Buffer.from(field.value, 'base64').toString('utf8');
		field.value = Buffer.from(xml.replace('mallory@corp.example', 'ceo@corp.example')).toString(
			'base64'
		);
		await b.submit('Continue');
		const url = new URL(b.page.url);
		expect(url.searchParams.get('error')).toBe('invalid_request');
		expect(url.searchParams.get('error_description')).toBe(
			'Error in SAML response processing: SAML Assertion signature is invalid'
		);
		expect(
			await t.call('ListUsers', {
				UserPoolId: (await t.call('ListUserPools', { MaxResults: 1 })).UserPools[0].Id,
			})
		).toMatchObject({
			Users: [],
		});
	});

	test('IdP-initiated sign-in needs IDPInit; with it the ACS URL carries the app’s parameters', async () => {
		const { poolId, clientId } = await samlPool(t, { IDPInit: 'true' });
		const acs = `${LOGIN}/saml2/idpresponse?identity_provider=CorpSSO&client_id=${clientId}&redirect_uri=${encodeURIComponent(APP)}&response_type=code&scope=openid`;
		const b = appBrowser(t);
		await b.open(`${IDP}/start`);
		await b.submit('Sign in and send', {
			acs_url: acs,
			audience: `urn:amazon:cognito:sp:${poolId}`,
			user_id: 'kim',
			email: 'kim@corp.example',
		});
		await b.submit('Continue');
		expect(new URL(b.page.url).searchParams.get('code')).toBeTruthy();

		await t.call('UpdateIdentityProvider', {
			UserPoolId: poolId,
			ProviderName: 'CorpSSO',
			ProviderDetails: { MetadataURL: `${IDP}/metadata`, IDPInit: 'false' },
		});
		await b.open(`${IDP}/start`);
		await b.submit('Sign in and send', {
			acs_url: acs,
			audience: `urn:amazon:cognito:sp:${poolId}`,
			user_id: 'kim',
			email: 'kim@corp.example',
		});
		await b.submit('Continue');
		expect(b.page.status).toBe(400);
		expect(b.page.document.body.textContent).toContain(
			'Invalid samlResponse or relayState from identity provider'
		);
	});

	test('a response for another service provider (audience) is refused', async () => {
		const { clientId } = await samlPool(t, { IDPInit: 'true' });
		const acs = `${LOGIN}/saml2/idpresponse?identity_provider=CorpSSO&client_id=${clientId}&redirect_uri=${encodeURIComponent(APP)}&response_type=code&scope=openid`;
		const b = appBrowser(t);
		await b.open(`${IDP}/start`);
		await b.submit('Sign in and send', {
			acs_url: acs,
			audience: 'urn:amazon:cognito:sp:us-east-1_Other',
			user_id: 'kim',
			email: 'k@corp.example',
		});
		await b.submit('Continue');
		expect(new URL(b.page.url).searchParams.get('error_description')).toMatch(
			/^Invalid SAML response received: Audience restriction/
		);
	});

	test('a required attribute the IdP does not send: "The attribute is required"', async () => {
		const { clientId } = await samlPool(t, {}, { Schema: [{ Name: 'name', Required: true }] });
		const b = appBrowser(t);
		await b.open(
			`${LOGIN}/oauth2/authorize?client_id=${clientId}&redirect_uri=${encodeURIComponent(APP)}&response_type=code&scope=openid&identity_provider=CorpSSO`
		);
		await b.submit('Sign in', { user_id: 'nameless', email: 'n@corp.example' });
		await b.submit('Continue');
		expect(new URL(b.page.url).searchParams.get('error_description')).toBe(
			'Invalid SAML response received: Invalid user attributes: name: The attribute is required'
		);
	});
});
