/**
 * Federated sign-in round trips through `sandbox.fetch`, as a browser makes them: the app's authorize request,
 * the mock IdP's page and answer, `/oauth2/idpresponse` or `/saml2/idpresponse` (code exchange, ID-token
 * verification with the IdP's JWKS, or the XML-signature check), the user pool's code and its token exchange
 * (through the test stand-in of the OAuth endpoints). The first SAML sign-in also loads the XML libraries and
 * makes the IdP's certificate; it is timed on its own.
 */
import { performance } from 'node:perf_hooks';
import { createSandbox } from '../../src/lib/cognito';
import { exchangeCode, federatedPool, google, signInVia } from '../fixtures/federation';
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
// The fixtures expect the test sandbox's shape: the caller and the sandbox.
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
	CallbackURLs: ['https://app.example.com/callback'],
	AllowedOAuthFlows: ['code'],
	AllowedOAuthScopes: ['openid', 'email'],
	AllowedOAuthFlowsUserPoolClient: true,
});

let n = 0;
const googleRoundTrip = async () =>
	exchangeCode(
		t,
		clientId,
		await signInVia(t, clientId, 'Google', { user_id: String(++n % 50), email: 'a@example.com' })
	);
const samlRoundTrip = async () =>
	exchangeCode(
		t,
		clientId,
		await signInVia(t, clientId, 'CorpSSO', { user_id: `u${++n % 50}`, email: 'b@corp.example' })
	);

const cold = performance.now();
await samlRoundTrip();
const samlColdMs = performance.now() - cold;

printTimings([
	await time(
		'Google sign-in round trip (authorize → consent → idpresponse → code → tokens)',
		googleRoundTrip,
		30
	),
	await time(
		'SAML sign-in round trip (AuthnRequest → IdP → signed assertion → tokens)',
		samlRoundTrip,
		30
	),
]);
console.log(
	`First SAML sign-in (loads the XML libraries, makes the IdP certificate): ${samlColdMs.toFixed(0)} ms`
);
