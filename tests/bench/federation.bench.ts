/**
 * Federated sign-in round trips through `sandbox.fetch`, request by request as a browser makes them (no page
 * parsing, so the figures are the engine's): the app's authorize request, the mock IdP's answer, managed
 * login's `/oauth2/idpresponse` (code exchange at the IdP, ID-token verification with its JWKS, the user
 * update) or `/saml2/idpresponse` (XML-signature check against the metadata certificate), and the app's code
 * exchange at `/oauth2/token`. The first SAML sign-in also loads the XML libraries and makes the IdP's
 * certificate; it is timed on its own.
 */
import { performance } from 'node:perf_hooks';
import { createSandbox } from '../../src/lib/cognito';
import { APP, federatedPool, google, LOGIN } from '../fixtures/federation';
import { mulberry32 } from '../fixtures/random';
import { printTimings, time } from './timing';

const sandbox = createSandbox({
	clock: { now: () => Date.parse('2026-01-01T00:00:00Z') },
	random: mulberry32(7),
});
async function call(operation: string, input: object) {
	const response = await sandbox.fetch(
		new Request('http://localhost/', {
			method: 'POST',
			headers: {
				'x-amz-target': `AWSCognitoIdentityProviderService.${operation}`,
				'content-type': 'application/x-amz-json-1.1',
			},
			body: JSON.stringify(input),
		})
	);
	if (response.status !== 200) throw new Error(`${operation}: ${await response.text()}`);
	return response.json();
}
// The fixture expects the test sandbox's shape: the raw caller and the sandbox.
const t = { sandbox, call } as unknown as Parameters<typeof federatedPool>[0];
const { poolId, clientId } = await federatedPool(t, google());
await call('CreateIdentityProvider', {
	UserPoolId: poolId,
	ProviderName: 'CorpSSO',
	ProviderType: 'SAML',
	ProviderDetails: { MetadataURL: 'https://sso.corp.example/metadata' },
	AttributeMapping: { email: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress' },
});
await call('UpdateUserPoolClient', {
	UserPoolId: poolId,
	ClientId: clientId,
	SupportedIdentityProviders: ['Google', 'CorpSSO'],
	CallbackURLs: [APP],
	AllowedOAuthFlows: ['code'],
	AllowedOAuthScopes: ['openid', 'email'],
	AllowedOAuthFlowsUserPoolClient: true,
});

const location = (response: Response) => {
	const to = response.headers.get('location');
	if (response.status !== 302 || !to)
		throw new Error(`expected a redirect, got ${response.status}`);
	return to;
};
const post = (url: string, fields: Record<string, string>) =>
	sandbox.fetch(
		new Request(url, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams(fields),
		})
	);
const authorize = (provider: string) =>
	sandbox.fetch(
		new Request(
			`${LOGIN}/oauth2/authorize?client_id=${clientId}&redirect_uri=${encodeURIComponent(APP)}&response_type=code&scope=openid+email&identity_provider=${provider}`
		)
	);
async function tokens(callback: string) {
	const code = new URL(callback).searchParams.get('code');
	if (!code) throw new Error(`no code: ${callback}`);
	const response = await post(`${LOGIN}/oauth2/token`, {
		grant_type: 'authorization_code',
		client_id: clientId,
		code,
		redirect_uri: APP,
	});
	if (response.status !== 200) throw new Error(await response.text());
	return response.json();
}

let n = 0;
async function googleRoundTrip() {
	const atGoogle = new URL(location(await authorize('Google')));
	const answer = location(
		await post(atGoogle.toString(), {
			...Object.fromEntries(atGoogle.searchParams),
			decision: 'allow',
			user_id: String(++n % 50),
			email: 'a@example.com',
			name: 'A',
		})
	);
	return tokens(location(await sandbox.fetch(new Request(answer))));
}
async function samlRoundTrip() {
	const atIdp = new URL(location(await authorize('CorpSSO')));
	const page = await (
		await post(`${atIdp.origin}${atIdp.pathname}`, {
			SAMLRequest: atIdp.searchParams.get('SAMLRequest')!,
			RelayState: atIdp.searchParams.get('RelayState')!,
			binding: 'redirect',
			decision: 'allow',
			user_id: `u${++n % 50}`,
			email: 'b@corp.example',
			name: 'B',
		})
	).text();
	const samlResponse = /name="SAMLResponse" value="([^"]+)"/.exec(page)![1]!;
	const callback = location(
		await post(`${LOGIN}/saml2/idpresponse`, {
			SAMLResponse: samlResponse,
			RelayState: atIdp.searchParams.get('RelayState')!,
		})
	);
	return tokens(callback);
}

const cold = performance.now();
await samlRoundTrip();
const samlColdMs = performance.now() - cold;

printTimings([
	await time('Google: authorize → consent → idpresponse → code → tokens', googleRoundTrip, 30),
	await time('SAML: AuthnRequest → IdP → signed assertion → code → tokens', samlRoundTrip, 30),
]);
console.log(
	`First SAML sign-in (loads the XML libraries, makes the IdP certificate): ${samlColdMs.toFixed(0)} ms`
);
