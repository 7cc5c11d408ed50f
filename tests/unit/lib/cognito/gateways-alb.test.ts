/**
 * An ALB listener rule with `authenticate-cognito`: 302 to managed login, the callback on the ALB host exchanging
 * the code, the sharded `AWSELBAuthSessionCookie`, the `x-amzn-oidc-*` headers the target receives (the data token
 * verified with aws-jwt-verify's `AlbJwtVerifier` against the key the sandbox serves as PEM), and
 * `on_unauthenticated_request` deny / allow.
 */
import { AlbJwtVerifier } from 'aws-jwt-verify';
import { AlbJwksCache } from 'aws-jwt-verify/alb-cache';
import { describe, expect, test, vi } from 'vitest';
import { createSandbox } from '../../../../src/lib/cognito';
import { browser, confirmedUser, managedLoginPool } from '../../../fixtures/managed-login';
import { mulberry32 } from '../../../fixtures/random';
import { NOW, PASSWORD, userPoolSandbox } from '../../../fixtures/user-pool-sandbox';

// Each test creates a user pool (RSA keys) and signs in through the managed login pages.
vi.setConfig({ testTimeout: 30_000 });

async function albWith(
	onUnauthenticatedRequest?: 'authenticate' | 'deny' | 'allow',
	baseUrl?: string
) {
	const t = userPoolSandbox(5);
	const sandbox = baseUrl
		? createSandbox({ clock: t.clock, random: mulberry32(5), baseUrl })
		: t.sandbox;
	const call = async (operation: string, input: object) => {
		const response = await sandbox.fetch(
			new Request('http://localhost/', {
				method: 'POST',
				headers: {
					'X-Amz-Target': `AWSCognitoIdentityProviderService.${operation}`,
					'Content-Type': 'application/x-amz-json-1.1',
				},
				body: JSON.stringify(input),
			})
		);
		return response.json();
	};
	const env = { ...t, sandbox, call } as typeof t;
	const { poolId, clientId } = await managedLoginPool(env, { secret: true });
	await confirmedUser(env, poolId);
	const { UserPool } = await call('DescribeUserPool', { UserPoolId: poolId });
	const alb = await sandbox.defineLoadBalancer({
		name: 'web-alb',
		rules: [
			{ pathPattern: '/public/*' },
			{
				authenticateCognito: {
					userPoolArn: UserPool.Arn,
					userPoolClientId: clientId,
					userPoolDomain: 'demo-auth',
					...(onUnauthenticatedRequest ? { onUnauthenticatedRequest } : {}),
				},
			},
		],
	});
	const { UserPoolClient } = await call('DescribeUserPoolClient', {
		UserPoolId: poolId,
		ClientId: clientId,
	});
	await call('UpdateUserPoolClient', {
		UserPoolId: poolId,
		ClientId: clientId,
		AllowedOAuthFlowsUserPoolClient: true,
		AllowedOAuthFlows: ['code'],
		AllowedOAuthScopes: ['openid', 'email', 'profile'],
		CallbackURLs: [...UserPoolClient.CallbackURLs, alb.callbackUrl],
		SupportedIdentityProviders: ['COGNITO'],
	});
	return { sandbox, alb, poolId, clientId };
}

/** Signs in through the ALB: app → 302 managed login → sign-in form → ALB callback → 302 back with cookies. */
async function signInThroughAlb(
	setup: Awaited<ReturnType<typeof albWith>>,
	path = '/app/page?x=1'
) {
	const b = browser(setup.sandbox);
	const first = await b.go(`${setup.alb.url}${path}`);
	expect(first.status).toBe(302);
	const authorize = new URL(first.headers.get('location')!);
	const login = await b.go(authorize.toString());
	const loginPage = login.status === 302 ? await b.go(login.headers.get('location')!) : login;
	const signedIn = await b.submit(loginPage, { username: 'carol', password: PASSWORD });
	expect(signedIn.status).toBe(302);
	const callback = signedIn.headers.get('location')!;
	const back = await b.go(callback);
	return { b, first, authorize, callback, back };
}

describe('ALB authenticate-cognito', () => {
	test('sends the browser to managed login and back, then forwards the OIDC headers', async () => {
		const setup = await albWith();
		expect(setup.alb.dnsName).toMatch(/^web-alb-\d{10}\.us-east-1\.elb\.amazonaws\.com$/);
		const { b, authorize, callback, back } = await signInThroughAlb(setup);
		expect(`${authorize.origin}${authorize.pathname}`).toBe(
			'https://demo-auth.auth.us-east-1.amazoncognito.com/oauth2/authorize'
		);
		expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
			client_id: setup.clientId,
			redirect_uri: `https://${setup.alb.dnsName}/oauth2/idpresponse`,
			response_type: 'code',
			scope: 'openid',
		});
		expect(callback.startsWith(`https://${setup.alb.dnsName}/oauth2/idpresponse?code=`)).toBe(true);
		expect(back.status).toBe(302);
		expect(back.headers.get('location')).toBe(`https://${setup.alb.dnsName}/app/page?x=1`);
		const cookies = back.headers.getSetCookie();
		expect(cookies[0]).toMatch(
			/^AWSELBAuthSessionCookie-0=[\w.-]+; Expires=.*; Path=\/; Secure; HttpOnly; SameSite=None$/
		);
		// The session holds the tokens and claims, so it is large: sharded like ALB's.
		expect(cookies.map((cookie) => cookie.split('=')[0])).toEqual([
			'AWSELBAuthSessionCookie-0',
			'AWSELBAuthSessionCookie-1',
		]);

		const target = await (await b.go(`${setup.alb.url}/app/page?x=1`)).json();
		const headers = target.headers;
		expect(headers['x-amzn-oidc-identity']).toMatch(/^[0-9a-f-]{36}$/);
		expect(headers['x-amzn-oidc-accesstoken'].split('.')).toHaveLength(3);
		const data: string = headers['x-amzn-oidc-data'];
		// ALB keeps base64 padding in its JWT segments.
		const [rawHeader] = data.split('.');
		const header = JSON.parse(Buffer.from(rawHeader!, 'base64').toString());
		expect(header).toMatchObject({ alg: 'ES256', signer: setup.alb.arn, client: setup.clientId });
		expect(header.kid).toMatch(
			/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
		);

		// aws-jwt-verify's ALB verifier, fetching the PEM key from the sandbox's key host.
		const jwksCache = new AlbJwksCache({
			fetcher: {
				fetch: async (uri: string) => {
					expect(uri).toBe(`https://public-keys.auth.elb.us-east-1.amazonaws.com/${header.kid}`);
					const response = await setup.sandbox.fetch(new Request(uri));
					expect(response.headers.get('content-type')).toBe('application/x-pem-file');
					const pem = await response.text();
					expect(pem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
					return pem;
				},
			} as never,
		});
		const issuer = `https://cognito-idp.us-east-1.amazonaws.com/${setup.poolId}`;
		const verifier = AlbJwtVerifier.create(
			{ albArn: setup.alb.arn, issuer, clientId: setup.clientId },
			{ jwksCache }
		);
		// The verifier checks `exp` against the wall clock; the sandbox's clock is fixed at NOW.
		vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
		try {
			const payload = await verifier.verify(data);
			expect(payload).toMatchObject({
				sub: headers['x-amzn-oidc-identity'],
				email: 'carol@example.com',
				iss: `https://cognito-idp.us-east-1.amazonaws.com/${setup.poolId}`,
			});
			// A token from another ALB (another signer) is refused; so is a tampered one.
			const other = AlbJwtVerifier.create(
				{
					albArn: setup.alb.arn.replace(/[0-9a-f]{16}$/, '0000000000000000'),
					issuer,
					clientId: setup.clientId,
				},
				{ jwksCache }
			);
			await expect(other.verify(data)).rejects.toThrow(/ALB ARN not allowed/);
			const [h, p, sig] = data.split('.');
			const forgedPayload = Buffer.from(
				JSON.stringify({ ...payload, email: 'mallory@example.com' })
			).toString('base64url');
			await expect(verifier.verify(`${h}.${forgedPayload}.${sig}`)).rejects.toThrow(/signature/i);
			expect(p).not.toBe(forgedPayload);
			vi.setSystemTime(NOW + 121 * 1000);
			await expect(verifier.verify(data)).rejects.toThrow(/expired/i);
		} finally {
			vi.useRealTimers();
		}
	});

	test('deny answers 401; allow forwards without claims; open paths need no sign-in', async () => {
		const deny = await albWith('deny');
		const refused = await deny.sandbox.fetch(new Request(`${deny.alb.url}/app`));
		expect(refused.status).toBe(401);
		const open = await deny.sandbox.fetch(new Request(`${deny.alb.url}/public/logo.png`));
		expect(open.status).toBe(200);
		const allow = await albWith('allow');
		const anonymous = await (await allow.sandbox.fetch(new Request(`${allow.alb.url}/app`))).json();
		expect(anonymous.headers['x-amzn-oidc-data']).toBeUndefined();
	});

	test('a tampered session cookie or a forged callback gets no access', async () => {
		const setup = await albWith();
		const { b } = await signInThroughAlb(setup);
		const value = b.jar.get('AWSELBAuthSessionCookie-0')!.value;
		b.jar.set('AWSELBAuthSessionCookie-0', { value: `x${value.slice(1)}`, path: '/' });
		expect((await b.go(`${setup.alb.url}/app`)).status).toBe(302);
		const forged = await setup.sandbox.fetch(
			new Request(`${setup.alb.url}/oauth2/idpresponse?code=abc&state=never-issued`)
		);
		expect(forged.status).toBe(401);
	});

	test('the ALB and its keys survive a snapshot', async () => {
		const setup = await albWith();
		const { b } = await signInThroughAlb(setup);
		const copy = createSandbox({ clock: { now: () => NOW }, random: mulberry32(1) });
		copy.restore(setup.sandbox.snapshot());
		expect(copy.snapshot()).toEqual(setup.sandbox.snapshot());
		const kid = JSON.parse(
			Buffer.from(
				(await (await b.go(`${setup.alb.url}/app`)).json()).headers['x-amzn-oidc-data'].split(
					'.'
				)[0],
				'base64'
			).toString()
		).kid;
		const pem = await (
			await copy.fetch(new Request(`https://public-keys.auth.elb.us-east-1.amazonaws.com/${kid}`))
		).text();
		expect(pem).toContain('BEGIN PUBLIC KEY');
	});

	test('local URL style: every redirect points back at the local server', async () => {
		const setup = await albWith('authenticate', 'http://localhost:9229');
		expect(setup.alb.url).toBe(`http://localhost:9229/_host/${setup.alb.dnsName}`);
		const first = await setup.sandbox.fetch(new Request(`${setup.alb.url}/app`));
		expect(first.headers.get('location')).toMatch(
			/^http:\/\/localhost:9229\/_host\/demo-auth\.auth\.us-east-1\.amazoncognito\.com\/oauth2\/authorize\?/
		);
	});
});
