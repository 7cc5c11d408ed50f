/**
 * Managed login through `sandbox.fetch`: authorize → sign-in page → password POST → token endpoint (PKCE),
 * a silent sign-in from the session cookie (authorize → code → token), and a client_credentials token.
 */
import { createSandbox } from '../../src/lib/cognito';
import { mulberry32 } from '../fixtures/random';
import { authorizeUrl, browser, CALLBACK, HOST, pkce } from '../fixtures/managed-login';
import { printTimings, time } from './timing';

let now = Date.parse('2026-01-01T00:00:00Z');
const sandbox = createSandbox({ clock: { now: () => now }, random: mulberry32(42) });
const call = async (operation: string, body: object) => {
	const response = await sandbox.fetch(
		new Request('http://localhost/', {
			method: 'POST',
			headers: { 'x-amz-target': `AWSCognitoIdentityProviderService.${operation}` },
			body: JSON.stringify(body),
		})
	);
	if (response.status !== 200) throw new Error(`${operation}: ${await response.text()}`);
	return response.json();
};
const { UserPool } = await call('CreateUserPool', { PoolName: 'bench' });
await call('CreateResourceServer', {
	UserPoolId: UserPool.Id,
	Identifier: 'api',
	Name: 'API',
	Scopes: [{ ScopeName: 'read', ScopeDescription: 'r' }],
});
const { UserPoolClient: web } = await call('CreateUserPoolClient', {
	UserPoolId: UserPool.Id,
	ClientName: 'web',
	AllowedOAuthFlowsUserPoolClient: true,
	AllowedOAuthFlows: ['code'],
	AllowedOAuthScopes: ['openid', 'email'],
	CallbackURLs: [CALLBACK],
});
const { UserPoolClient: m2m } = await call('CreateUserPoolClient', {
	UserPoolId: UserPool.Id,
	ClientName: 'm2m',
	GenerateSecret: true,
	AllowedOAuthFlowsUserPoolClient: true,
	AllowedOAuthFlows: ['client_credentials'],
	AllowedOAuthScopes: ['api/read'],
});
await call('CreateUserPoolDomain', { UserPoolId: UserPool.Id, Domain: 'demo-auth' });
await call('AdminCreateUser', {
	UserPoolId: UserPool.Id,
	Username: 'bench',
	MessageAction: 'SUPPRESS',
});
await call('AdminSetUserPassword', {
	UserPoolId: UserPool.Id,
	Username: 'bench',
	Password: 'Passw0rd!',
	Permanent: true,
});
const { verifier, challenge } = await pkce();

const token = (body: Record<string, string>, headers: Record<string, string> = {}) =>
	sandbox.fetch(
		new Request(`https://${HOST}/oauth2/token`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
			body: new URLSearchParams(body).toString(),
		})
	);
const start = {
	response_type: 'code',
	client_id: web.ClientId,
	redirect_uri: CALLBACK,
	scope: 'openid email',
	code_challenge: challenge,
	code_challenge_method: 'S256',
};

async function roundTrip(b = browser(sandbox)) {
	const first = await b.go(authorizeUrl(start));
	let location = first.headers.get('location')!;
	if (new URL(location).pathname === '/login') {
		const page = await b.go(location);
		location = (await b.submit(page, { username: 'bench', password: 'Passw0rd!' })).headers.get(
			'location'
		)!;
	}
	const code = new URL(location).searchParams.get('code')!;
	const response = await token({
		grant_type: 'authorization_code',
		client_id: web.ClientId,
		code,
		redirect_uri: CALLBACK,
		code_verifier: verifier,
	});
	if (response.status !== 200) throw new Error(await response.text());
	now += 1000;
}

const signedIn = browser(sandbox);
await roundTrip(signedIn);
const basic = `Basic ${Buffer.from(`${m2m.ClientId}:${m2m.ClientSecret}`).toString('base64')}`;
printTimings([
	await time(
		'Managed login: authorize → sign-in page → password → code → token (PKCE)',
		() => roundTrip(),
		40
	),
	await time(
		'Managed login: silent sign-in from the session cookie → code → token',
		() => roundTrip(signedIn),
		40
	),
	await time(
		'client_credentials token (M2M)',
		async () => {
			const response = await token({ grant_type: 'client_credentials' }, { authorization: basic });
			if (response.status !== 200) throw new Error(await response.text());
		},
		40
	),
]);
