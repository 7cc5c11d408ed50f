import {
	CreateIdentityPoolCommand,
	DeleteIdentityPoolCommand,
	DescribeIdentityCommand,
	DescribeIdentityPoolCommand,
	GetCredentialsForIdentityCommand,
	GetIdCommand,
	GetIdentityPoolRolesCommand,
	GetOpenIdTokenCommand,
	GetOpenIdTokenForDeveloperIdentityCommand,
	ListIdentitiesCommand,
	ListIdentityPoolsCommand,
	LookupDeveloperIdentityCommand,
	SetIdentityPoolRolesCommand,
	UpdateIdentityPoolCommand,
} from '@aws-sdk/client-cognito-identity';
import { createLocalJWKSet, decodeJwt, jwtVerify } from 'jose';
import { describe, expect, test } from 'vitest';
import { identitySandbox, NOW, ROLES } from '../../../fixtures/identity-sandbox';

async function errorOf(
	promise: Promise<unknown>
): Promise<{ name: string; message: string; status?: number }> {
	try {
		await promise;
	} catch (error) {
		const failure = error as {
			name: string;
			message: string;
			$metadata?: { httpStatusCode?: number };
		};
		return {
			name: failure.name,
			message: failure.message,
			status: failure.$metadata?.httpStatusCode,
		};
	}
	throw new Error('expected the call to fail');
}

async function setUp(options: { guests?: boolean; classic?: boolean; developer?: boolean } = {}) {
	const env = identitySandbox();
	const pool = await env.identity.send(
		new CreateIdentityPoolCommand({
			IdentityPoolName: 'demo_pool',
			AllowUnauthenticatedIdentities: options.guests ?? true,
			AllowClassicFlow: options.classic ?? false,
			SupportedLoginProviders: {
				'accounts.google.com': 'google-app.apps.googleusercontent.com',
				'graph.facebook.com': '1234567890',
			},
			DeveloperProviderName: options.developer ? 'login.example.app' : undefined,
			OpenIdConnectProviderARNs: ['arn:aws:iam::123456789012:oidc-provider/login.example.com'],
		})
	);
	const poolId = pool.IdentityPoolId!;
	await env.identity.send(
		new SetIdentityPoolRolesCommand({
			IdentityPoolId: poolId,
			Roles: { authenticated: ROLES.auth, unauthenticated: ROLES.unauth },
		})
	);
	const google = (sub: string, extra: Record<string, unknown> = {}) =>
		env.sandbox.mintProviderToken('accounts.google.com', {
			sub,
			aud: 'google-app.apps.googleusercontent.com',
			...extra,
		});
	return { ...env, poolId, google };
}

describe('identity pool set-up', () => {
	test('CreateIdentityPool returns the pool as DescribeIdentityPool does, with a region:uuid id', async () => {
		const { identity, poolId } = await setUp({ developer: true });
		expect(poolId).toMatch(
			/^us-east-1:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
		);
		const described = await identity.send(
			new DescribeIdentityPoolCommand({ IdentityPoolId: poolId })
		);
		expect(described).toMatchObject({
			IdentityPoolId: poolId,
			IdentityPoolName: 'demo_pool',
			AllowUnauthenticatedIdentities: true,
			AllowClassicFlow: false,
			DeveloperProviderName: 'login.example.app',
			SupportedLoginProviders: {
				'accounts.google.com': 'google-app.apps.googleusercontent.com',
				'graph.facebook.com': '1234567890',
			},
			OpenIdConnectProviderARNs: ['arn:aws:iam::123456789012:oidc-provider/login.example.com'],
			CognitoIdentityProviders: [],
		});
	});

	test('a malformed pool id fails validation with the real wording', async () => {
		const { identity } = await setUp();
		expect(
			await errorOf(identity.send(new GetIdCommand({ IdentityPoolId: 'us-east-2:mock' })))
		).toEqual({
			name: 'ValidationException',
			message:
				"1 validation error detected: Value 'us-east-2:mock' at 'identityPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+:[0-9a-f-]+",
			status: 400,
		});
	});

	test('an unknown pool is ResourceNotFoundException', async () => {
		const { identity } = await setUp();
		const missing = 'us-east-1:00000000-0000-4000-8000-000000000000';
		expect(
			await errorOf(identity.send(new GetIdCommand({ IdentityPoolId: missing })))
		).toMatchObject({
			name: 'ResourceNotFoundException',
			message: `IdentityPool '${missing}' not found.`,
		});
	});

	test('SetIdentityPoolRoles replaces roles and mappings wholesale', async () => {
		const { identity, poolId } = await setUp();
		await identity.send(
			new SetIdentityPoolRolesCommand({
				IdentityPoolId: poolId,
				Roles: { authenticated: ROLES.admin },
				RoleMappings: { 'graph.facebook.com': { Type: 'Token', AmbiguousRoleResolution: 'Deny' } },
			})
		);
		const roles = await identity.send(new GetIdentityPoolRolesCommand({ IdentityPoolId: poolId }));
		expect(roles.Roles).toEqual({ authenticated: ROLES.admin });
		expect(roles.RoleMappings).toEqual({
			'graph.facebook.com': { Type: 'Token', AmbiguousRoleResolution: 'Deny' },
		});
		await identity.send(
			new SetIdentityPoolRolesCommand({
				IdentityPoolId: poolId,
				Roles: { unauthenticated: ROLES.unauth },
			})
		);
		const replaced = await identity.send(
			new GetIdentityPoolRolesCommand({ IdentityPoolId: poolId })
		);
		expect(replaced.Roles).toEqual({ unauthenticated: ROLES.unauth });
		expect(replaced.RoleMappings).toBeUndefined();
	});

	test('UpdateIdentityPool, ListIdentityPools and DeleteIdentityPool', async () => {
		const { identity, poolId } = await setUp();
		const updated = await identity.send(
			new UpdateIdentityPoolCommand({
				IdentityPoolId: poolId,
				IdentityPoolName: 'renamed',
				AllowUnauthenticatedIdentities: false,
			})
		);
		expect(updated).toMatchObject({
			IdentityPoolName: 'renamed',
			AllowUnauthenticatedIdentities: false,
			SupportedLoginProviders: {},
		});
		expect(
			(await identity.send(new ListIdentityPoolsCommand({ MaxResults: 10 }))).IdentityPools
		).toEqual([{ IdentityPoolId: poolId, IdentityPoolName: 'renamed' }]);
		await identity.send(new DeleteIdentityPoolCommand({ IdentityPoolId: poolId }));
		expect(
			(await errorOf(identity.send(new DescribeIdentityPoolCommand({ IdentityPoolId: poolId }))))
				.name
		).toBe('ResourceNotFoundException');
	});
});

describe('GetId and the enhanced flow', () => {
	test('a guest gets an identity and one-hour credentials of the unauthenticated role', async () => {
		const { identity, poolId, sandbox } = await setUp();
		const { IdentityId } = await identity.send(new GetIdCommand({ IdentityPoolId: poolId }));
		expect(IdentityId).toMatch(/^us-east-1:[0-9a-f-]{36}$/);
		const result = await identity.send(new GetCredentialsForIdentityCommand({ IdentityId }));
		expect(result.IdentityId).toBe(IdentityId);
		expect(result.Credentials?.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
		expect(result.Credentials?.SecretKey).toHaveLength(40);
		expect(result.Credentials?.Expiration?.getTime()).toBe(NOW + 3600_000);
		const issued = sandbox.trace.filter((event) => event.type === 'CredentialsIssued');
		expect(issued).toEqual([
			{
				type: 'CredentialsIssued',
				identityId: IdentityId,
				roleArn: ROLES.unauth,
				accessKeyId: result.Credentials?.AccessKeyId,
				expiration: NOW + 3600_000,
				at: NOW,
			},
		]);
	});

	test('guests are refused when the pool does not allow them', async () => {
		const { identity, poolId } = await setUp({ guests: false });
		expect(
			await errorOf(identity.send(new GetIdCommand({ IdentityPoolId: poolId })))
		).toMatchObject({
			name: 'NotAuthorizedException',
			message: 'Unauthenticated access is not supported for this identity pool.',
			status: 400,
		});
	});

	test('the same Google user gets the same identity; credentials use the authenticated role', async () => {
		const { identity, poolId, google, sandbox } = await setUp();
		const token = await google('google-user-1');
		const first = await identity.send(
			new GetIdCommand({ IdentityPoolId: poolId, Logins: { 'accounts.google.com': token } })
		);
		const again = await identity.send(
			new GetIdCommand({
				IdentityPoolId: poolId,
				Logins: { 'accounts.google.com': await google('google-user-1') },
			})
		);
		expect(again.IdentityId).toBe(first.IdentityId);
		const credentials = await identity.send(
			new GetCredentialsForIdentityCommand({
				IdentityId: first.IdentityId,
				Logins: { 'accounts.google.com': token },
			})
		);
		expect(
			sandbox.trace.filter((event) => event.type === 'CredentialsIssued').at(-1)
		).toMatchObject({ roleArn: ROLES.auth, accessKeyId: credentials.Credentials?.AccessKeyId });
		const described = await identity.send(
			new DescribeIdentityCommand({ IdentityId: first.IdentityId })
		);
		expect(described.Logins).toEqual(['accounts.google.com']);
	});

	test('tokens are checked: provider, audience, expiry, signature', async () => {
		const { identity, poolId, google, sandbox, clock } = await setUp();
		const wrongAudience = await sandbox.mintProviderToken('accounts.google.com', {
			sub: 'u',
			aud: 'someone-else',
		});
		expect(
			await errorOf(
				identity.send(
					new GetIdCommand({
						IdentityPoolId: poolId,
						Logins: { 'accounts.google.com': wrongAudience },
					})
				)
			)
		).toMatchObject({
			name: 'NotAuthorizedException',
			message: 'Invalid login token. Incorrect token audience.',
		});
		const amazon = await sandbox.mintProviderToken('www.amazon.com', { sub: 'u', aud: 'amzn' });
		expect(
			await errorOf(
				identity.send(
					new GetIdCommand({ IdentityPoolId: poolId, Logins: { 'www.amazon.com': amazon } })
				)
			)
		).toMatchObject({
			name: 'NotAuthorizedException',
			message: 'Token is not from a supported provider of this identity pool.',
		});
		const expiring = await google('u');
		clock.advance(3601_000);
		const expired = await errorOf(
			identity.send(
				new GetIdCommand({ IdentityPoolId: poolId, Logins: { 'accounts.google.com': expiring } })
			)
		);
		expect(expired.name).toBe('NotAuthorizedException');
		expect(expired.message).toMatch(/^Invalid login token\. Token expired: \d+ >= \d+$/);
		const forged = (await google('u')).slice(0, -4) + 'AAAA';
		expect(
			await errorOf(
				identity.send(
					new GetIdCommand({ IdentityPoolId: poolId, Logins: { 'accounts.google.com': forged } })
				)
			)
		).toMatchObject({
			name: 'NotAuthorizedException',
			message: 'Invalid login token. Not a valid OpenId Connect identity token.',
		});
	});

	test('a pool without providers says so', async () => {
		const env = identitySandbox();
		const pool = await env.identity.send(
			new CreateIdentityPoolCommand({
				IdentityPoolName: 'bare',
				AllowUnauthenticatedIdentities: true,
			})
		);
		const token = await env.sandbox.mintProviderToken('accounts.google.com', {
			sub: 'u',
			aud: 'x',
		});
		expect(
			await errorOf(
				env.identity.send(
					new GetIdCommand({
						IdentityPoolId: pool.IdentityPoolId,
						Logins: { 'accounts.google.com': token },
					})
				)
			)
		).toMatchObject({
			name: 'NotAuthorizedException',
			message: `Identity pool - ${pool.IdentityPoolId} does not have identity providers configured.`,
		});
	});

	test("an authenticated identity needs its login: none → forbidden, another user → logins don't match", async () => {
		const { identity, poolId, google } = await setUp();
		const { IdentityId } = await identity.send(
			new GetIdCommand({
				IdentityPoolId: poolId,
				Logins: { 'accounts.google.com': await google('alice') },
			})
		);
		await identity.send(
			new GetIdCommand({
				IdentityPoolId: poolId,
				Logins: { 'accounts.google.com': await google('bob') },
			})
		);
		expect(
			await errorOf(identity.send(new GetCredentialsForIdentityCommand({ IdentityId })))
		).toMatchObject({
			name: 'NotAuthorizedException',
			message: `Access to Identity '${IdentityId}' is forbidden.`,
		});
		expect(
			await errorOf(
				identity.send(
					new GetCredentialsForIdentityCommand({
						IdentityId,
						Logins: { 'accounts.google.com': await google('bob') },
					})
				)
			)
		).toMatchObject({
			name: 'NotAuthorizedException',
			message:
				"Logins don't match. Please include at least one valid login for this identity or identity pool.",
		});
	});

	test('an unknown identity is ResourceNotFoundException', async () => {
		const { identity } = await setUp();
		const missing = 'us-east-1:00000000-0000-4000-8000-000000000000';
		expect(
			await errorOf(identity.send(new GetCredentialsForIdentityCommand({ IdentityId: missing })))
		).toMatchObject({
			name: 'ResourceNotFoundException',
			message: `Identity '${missing}' not found.`,
		});
	});

	test('a guest who signs in keeps the identity (the login is linked)', async () => {
		const { identity, poolId, google } = await setUp();
		const { IdentityId } = await identity.send(new GetIdCommand({ IdentityPoolId: poolId }));
		const token = await google('carol');
		await identity.send(
			new GetCredentialsForIdentityCommand({ IdentityId, Logins: { 'accounts.google.com': token } })
		);
		expect(
			(
				await identity.send(
					new GetIdCommand({ IdentityPoolId: poolId, Logins: { 'accounts.google.com': token } })
				)
			).IdentityId
		).toBe(IdentityId);
	});

	test('logins spread over two identities are merged into one', async () => {
		const { identity, poolId, google, sandbox } = await setUp();
		const facebook = await sandbox.mintProviderToken('graph.facebook.com', {
			sub: 'fb-9',
			aud: '1234567890',
		});
		const viaGoogle = await identity.send(
			new GetIdCommand({
				IdentityPoolId: poolId,
				Logins: { 'accounts.google.com': await google('dave') },
			})
		);
		const viaFacebook = await identity.send(
			new GetIdCommand({ IdentityPoolId: poolId, Logins: { 'graph.facebook.com': facebook } })
		);
		expect(viaFacebook.IdentityId).not.toBe(viaGoogle.IdentityId);
		const both = await identity.send(
			new GetIdCommand({
				IdentityPoolId: poolId,
				Logins: { 'accounts.google.com': await google('dave'), 'graph.facebook.com': facebook },
			})
		);
		expect(both.IdentityId).toBe(viaGoogle.IdentityId);
		expect(
			(
				await identity.send(new DescribeIdentityCommand({ IdentityId: both.IdentityId }))
			).Logins?.sort()
		).toEqual(['accounts.google.com', 'graph.facebook.com']);
		const list = await identity.send(
			new ListIdentitiesCommand({ IdentityPoolId: poolId, MaxResults: 60 })
		);
		expect(list.Identities?.map((entry) => entry.IdentityId)).toEqual([viaGoogle.IdentityId]);
	});

	test('OIDC providers registered by ARN are accepted under their name', async () => {
		const { identity, poolId, sandbox } = await setUp();
		const token = await sandbox.mintProviderToken('login.example.com', {
			sub: 'oidc-1',
			aud: 'any-client',
		});
		const { IdentityId } = await identity.send(
			new GetIdCommand({ IdentityPoolId: poolId, Logins: { 'login.example.com': token } })
		);
		const credentials = await identity.send(
			new GetCredentialsForIdentityCommand({ IdentityId, Logins: { 'login.example.com': token } })
		);
		expect(credentials.Credentials?.AccessKeyId).toMatch(/^ASIA/);
	});

	test('SAML providers are keyed by their provider ARN', async () => {
		const env = identitySandbox();
		const samlArn = 'arn:aws:iam::123456789012:saml-provider/CorporateIdP';
		const pool = await env.identity.send(
			new CreateIdentityPoolCommand({
				IdentityPoolName: 'saml',
				AllowUnauthenticatedIdentities: false,
				SamlProviderARNs: [samlArn],
			})
		);
		await env.identity.send(
			new SetIdentityPoolRolesCommand({
				IdentityPoolId: pool.IdentityPoolId,
				Roles: { authenticated: ROLES.auth },
			})
		);
		const assertion = await env.sandbox.mintProviderToken(samlArn, { sub: 'employee-1' });
		const { IdentityId } = await env.identity.send(
			new GetIdCommand({ IdentityPoolId: pool.IdentityPoolId, Logins: { [samlArn]: assertion } })
		);
		const credentials = await env.identity.send(
			new GetCredentialsForIdentityCommand({ IdentityId, Logins: { [samlArn]: assertion } })
		);
		expect(credentials.Credentials?.AccessKeyId).toMatch(/^ASIA/);
		expect((await env.identity.send(new DescribeIdentityCommand({ IdentityId }))).Logins).toEqual([
			samlArn,
		]);
	});

	test('a role whose trust policy refuses the pool is a pool misconfiguration', async () => {
		const { identity, poolId, sandbox } = await setUp();
		sandbox.defineRole(ROLES.unauth, {
			trustPolicy: {
				Version: '2012-10-17',
				Statement: [
					{
						Effect: 'Allow',
						Principal: { Federated: 'cognito-identity.amazonaws.com' },
						Action: 'sts:AssumeRoleWithWebIdentity',
						Condition: {
							StringEquals: { 'cognito-identity.amazonaws.com:aud': 'us-east-1:another-pool' },
						},
					},
				],
			},
			policies: [],
		});
		const { IdentityId } = await identity.send(new GetIdCommand({ IdentityPoolId: poolId }));
		expect(
			await errorOf(identity.send(new GetCredentialsForIdentityCommand({ IdentityId })))
		).toMatchObject({
			name: 'InvalidIdentityPoolConfigurationException',
			message: 'Invalid identity pool configuration. Check assigned IAM roles for this pool.',
		});
	});

	test('no role configured is a pool misconfiguration', async () => {
		const env = identitySandbox();
		const pool = await env.identity.send(
			new CreateIdentityPoolCommand({
				IdentityPoolName: 'noroles',
				AllowUnauthenticatedIdentities: true,
			})
		);
		const { IdentityId } = await env.identity.send(
			new GetIdCommand({ IdentityPoolId: pool.IdentityPoolId })
		);
		expect(
			(await errorOf(env.identity.send(new GetCredentialsForIdentityCommand({ IdentityId })))).name
		).toBe('InvalidIdentityPoolConfigurationException');
	});
});

describe('basic (classic) flow', () => {
	test('GetOpenIdToken issues a 10-minute Cognito token with aud, sub and amr', async () => {
		const { identity, poolId, google } = await setUp({ classic: true });
		const token = await google('erin');
		const { IdentityId } = await identity.send(
			new GetIdCommand({ IdentityPoolId: poolId, Logins: { 'accounts.google.com': token } })
		);
		const result = await identity.send(
			new GetOpenIdTokenCommand({ IdentityId, Logins: { 'accounts.google.com': token } })
		);
		const claims = decodeJwt(result.Token!);
		expect(claims).toMatchObject({
			iss: 'https://cognito-identity.amazonaws.com',
			aud: poolId,
			sub: IdentityId,
			amr: ['authenticated', 'accounts.google.com', 'accounts.google.com:erin'],
		});
		expect(claims.exp! - claims.iat!).toBe(600);
	});

	test('identity tokens verify against the sandbox JWKS (/.well-known/jwks_uri)', async () => {
		const { identity, poolId, sandbox } = await setUp({ classic: true });
		const { IdentityId } = await identity.send(new GetIdCommand({ IdentityPoolId: poolId }));
		const { Token } = await identity.send(new GetOpenIdTokenCommand({ IdentityId }));
		const jwks = await (
			await sandbox.fetch(new Request('http://localhost/.well-known/jwks_uri'))
		).json();
		const { payload, protectedHeader } = await jwtVerify(Token!, createLocalJWKSet(jwks), {
			issuer: 'https://cognito-identity.amazonaws.com',
			audience: poolId,
			currentDate: new Date(NOW),
		});
		expect(protectedHeader.alg).toBe('RS256');
		expect(payload.sub).toBe(IdentityId);
	});

	test('guests get amr unauthenticated', async () => {
		const { identity, poolId } = await setUp({ classic: true });
		const { IdentityId } = await identity.send(new GetIdCommand({ IdentityPoolId: poolId }));
		const result = await identity.send(new GetOpenIdTokenCommand({ IdentityId }));
		expect(decodeJwt(result.Token!).amr).toEqual(['unauthenticated']);
	});

	test('refused when classic flow is off, and with RoleMappings', async () => {
		const off = await setUp({ classic: false });
		const { IdentityId } = await off.identity.send(
			new GetIdCommand({ IdentityPoolId: off.poolId })
		);
		expect(
			await errorOf(off.identity.send(new GetOpenIdTokenCommand({ IdentityId })))
		).toMatchObject({
			name: 'InvalidParameterException',
			message: 'Basic (classic) flow is not enabled, please use enhanced flow.',
		});

		const mapped = await setUp({ classic: true });
		await mapped.identity.send(
			new SetIdentityPoolRolesCommand({
				IdentityPoolId: mapped.poolId,
				Roles: { unauthenticated: ROLES.unauth },
				RoleMappings: {
					'accounts.google.com': { Type: 'Token', AmbiguousRoleResolution: 'AuthenticatedRole' },
				},
			})
		);
		const guest = await mapped.identity.send(new GetIdCommand({ IdentityPoolId: mapped.poolId }));
		expect(
			await errorOf(
				mapped.identity.send(new GetOpenIdTokenCommand({ IdentityId: guest.IdentityId }))
			)
		).toMatchObject({
			name: 'InvalidParameterException',
			message: 'Basic (classic) flow is not supported with RoleMappings, please use enhanced flow.',
		});
	});
});

describe('developer-authenticated identities', () => {
	test('the backend gets a 15-minute token; the client trades it for credentials', async () => {
		const { identity, poolId, sandbox } = await setUp({ developer: true });
		const issued = await identity.send(
			new GetOpenIdTokenForDeveloperIdentityCommand({
				IdentityPoolId: poolId,
				Logins: { 'login.example.app': 'user-42' },
				PrincipalTags: { team: 'blue' },
			})
		);
		const claims = decodeJwt(issued.Token!);
		expect(claims).toMatchObject({
			aud: poolId,
			sub: issued.IdentityId,
			amr: ['authenticated', 'login.example.app', `login.example.app:${poolId}:user-42`],
		});
		expect(claims.exp! - claims.iat!).toBe(900);
		const again = await identity.send(
			new GetOpenIdTokenForDeveloperIdentityCommand({
				IdentityPoolId: poolId,
				Logins: { 'login.example.app': 'user-42' },
				TokenDuration: 3600,
			})
		);
		expect(again.IdentityId).toBe(issued.IdentityId);
		const credentials = await identity.send(
			new GetCredentialsForIdentityCommand({
				IdentityId: issued.IdentityId,
				Logins: { 'cognito-identity.amazonaws.com': issued.Token! },
			})
		);
		const decision = await sandbox.simulateRequest({
			accessKeyId: credentials.Credentials!.AccessKeyId!,
			action: 's3:GetObject',
			resource: 'arn:aws:s3:::b/k',
		});
		expect(decision.principalArn).toBe(
			'arn:aws:sts::123456789012:assumed-role/Cognito_DemoAuth_Role/CognitoIdentityCredentials'
		);
		const lookup = await identity.send(
			new LookupDeveloperIdentityCommand({
				IdentityPoolId: poolId,
				DeveloperUserIdentifier: 'user-42',
				MaxResults: 10,
			})
		);
		expect(lookup).toMatchObject({
			IdentityId: issued.IdentityId,
			DeveloperUserIdentifierList: ['user-42'],
		});
	});

	test('a developer user already linked elsewhere cannot be attached to another identity', async () => {
		const { identity, poolId } = await setUp({ developer: true });
		await identity.send(
			new GetOpenIdTokenForDeveloperIdentityCommand({
				IdentityPoolId: poolId,
				Logins: { 'login.example.app': 'user-1' },
			})
		);
		const other = await identity.send(
			new GetOpenIdTokenForDeveloperIdentityCommand({
				IdentityPoolId: poolId,
				Logins: { 'login.example.app': 'user-2' },
			})
		);
		expect(
			(
				await errorOf(
					identity.send(
						new GetOpenIdTokenForDeveloperIdentityCommand({
							IdentityPoolId: poolId,
							IdentityId: other.IdentityId,
							Logins: { 'login.example.app': 'user-1' },
						})
					)
				)
			).name
		).toBe('DeveloperUserAlreadyRegisteredException');
	});

	test('a token from another pool does not match', async () => {
		const { identity, poolId } = await setUp({ developer: true });
		const second = await identity.send(
			new CreateIdentityPoolCommand({
				IdentityPoolName: 'second',
				AllowUnauthenticatedIdentities: false,
				DeveloperProviderName: 'login.other',
			})
		);
		const foreign = await identity.send(
			new GetOpenIdTokenForDeveloperIdentityCommand({
				IdentityPoolId: second.IdentityPoolId,
				Logins: { 'login.other': 'x' },
			})
		);
		const mine = await identity.send(
			new GetOpenIdTokenForDeveloperIdentityCommand({
				IdentityPoolId: poolId,
				Logins: { 'login.example.app': 'x' },
			})
		);
		expect(
			await errorOf(
				identity.send(
					new GetCredentialsForIdentityCommand({
						IdentityId: mine.IdentityId,
						Logins: { 'cognito-identity.amazonaws.com': foreign.Token! },
					})
				)
			)
		).toMatchObject({
			name: 'NotAuthorizedException',
			message: 'Invalid login token. Incorrect token audience.',
		});
	});
});
