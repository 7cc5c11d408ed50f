import {
	CreateIdentityPoolCommand,
	GetCredentialsForIdentityCommand,
	GetIdCommand,
	GetOpenIdTokenCommand,
	SetIdentityPoolRolesCommand,
} from '@aws-sdk/client-cognito-identity';
import { AssumeRoleWithWebIdentityCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { describe, expect, test } from 'vitest';
import {
	cognitoTrustPolicy,
	identitySandbox,
	NOW,
	ROLES,
} from '../../../fixtures/identity-sandbox';

async function classicPool() {
	const env = identitySandbox();
	const pool = await env.identity.send(
		new CreateIdentityPoolCommand({
			IdentityPoolName: 'classic',
			AllowUnauthenticatedIdentities: true,
			AllowClassicFlow: true,
			SupportedLoginProviders: { 'accounts.google.com': 'google-app' },
		})
	);
	const poolId = pool.IdentityPoolId!;
	env.sandbox.defineRole(ROLES.auth, {
		trustPolicy: cognitoTrustPolicy(poolId, 'authenticated'),
		policies: [],
	});
	env.sandbox.defineRole(ROLES.unauth, {
		trustPolicy: cognitoTrustPolicy(poolId, 'unauthenticated'),
		policies: [],
	});
	const guestToken = async () => {
		const { IdentityId } = await env.identity.send(new GetIdCommand({ IdentityPoolId: poolId }));
		return {
			IdentityId: IdentityId!,
			Token: (await env.identity.send(new GetOpenIdTokenCommand({ IdentityId }))).Token!,
		};
	};
	return { ...env, poolId, guestToken };
}

async function errorOf(promise: Promise<unknown>) {
	try {
		await promise;
	} catch (error) {
		const failure = error as {
			name: string;
			message: string;
			$metadata?: { httpStatusCode?: number };
			Type?: string;
		};
		return {
			name: failure.name,
			message: failure.message,
			status: failure.$metadata?.httpStatusCode,
		};
	}
	throw new Error('expected the call to fail');
}

describe('AssumeRoleWithWebIdentity (basic flow)', () => {
	test('a Cognito token assumes a role that trusts its pool and amr', async () => {
		const { sts, stsAs, guestToken, poolId } = await classicPool();
		const { IdentityId, Token } = await guestToken();
		const result = await sts.send(
			new AssumeRoleWithWebIdentityCommand({
				RoleArn: ROLES.unauth,
				RoleSessionName: 'web-session',
				WebIdentityToken: Token,
			})
		);
		expect(result.Credentials?.AccessKeyId).toMatch(/^ASIA/);
		expect(result.Credentials?.Expiration?.getTime()).toBe(NOW + 3600_000);
		expect(result.AssumedRoleUser?.Arn).toBe(
			'arn:aws:sts::123456789012:assumed-role/Cognito_DemoUnauth_Role/web-session'
		);
		expect(result.AssumedRoleUser?.AssumedRoleId).toMatch(/^AROA[A-Z2-7]{17}:web-session$/);
		expect(result.SubjectFromWebIdentityToken).toBe(IdentityId);
		expect(result.Audience).toBe(poolId);
		expect(result.Provider).toBe('cognito-identity.amazonaws.com');
		const caller = await stsAs({
			AccessKeyId: result.Credentials!.AccessKeyId,
			SecretKey: result.Credentials!.SecretAccessKey,
			SessionToken: result.Credentials!.SessionToken,
		}).send(new GetCallerIdentityCommand({}));
		expect(caller).toMatchObject({
			Account: '123456789012',
			Arn: result.AssumedRoleUser?.Arn,
			UserId: result.AssumedRoleUser?.AssumedRoleId,
		});
	});

	test('a role that trusts only authenticated identities refuses a guest token with AccessDenied (403)', async () => {
		const { sts, guestToken } = await classicPool();
		const { Token } = await guestToken();
		expect(
			await errorOf(
				sts.send(
					new AssumeRoleWithWebIdentityCommand({
						RoleArn: ROLES.auth,
						RoleSessionName: 's1',
						WebIdentityToken: Token,
					})
				)
			)
		).toEqual({
			name: 'AccessDenied',
			message: 'Not authorized to perform sts:AssumeRoleWithWebIdentity',
			status: 403,
		});
	});

	test('the XML error envelope is the real one', async () => {
		const { sandbox, guestToken } = await classicPool();
		const { Token } = await guestToken();
		const response = await sandbox.fetch(
			new Request('http://localhost/', {
				method: 'POST',
				headers: { 'content-type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams({
					Action: 'AssumeRoleWithWebIdentity',
					Version: '2011-06-15',
					RoleArn: ROLES.auth,
					RoleSessionName: 'raw',
					WebIdentityToken: Token,
				}).toString(),
			})
		);
		expect(response.status).toBe(403);
		expect(await response.text()).toMatch(
			/^<ErrorResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/"><Error><Type>Sender<\/Type><Code>AccessDenied<\/Code><Message>Not authorized to perform sts:AssumeRoleWithWebIdentity<\/Message><\/Error><RequestId>[0-9a-f-]{36}<\/RequestId><\/ErrorResponse>$/
		);
	});

	test('an undefined role trusts any pool and grants nothing', async () => {
		const { sts, sandbox, guestToken } = await classicPool();
		const { Token } = await guestToken();
		const result = await sts.send(
			new AssumeRoleWithWebIdentityCommand({
				RoleArn: 'arn:aws:iam::123456789012:role/NeverDefined',
				RoleSessionName: 'x1',
				WebIdentityToken: Token,
			})
		);
		const decision = await sandbox.simulateRequest({
			accessKeyId: result.Credentials!.AccessKeyId!,
			action: 's3:GetObject',
			resource: 'arn:aws:s3:::b/k',
		});
		expect(decision).toMatchObject({ decision: 'Deny', reason: 'implicit-deny' });
	});

	test('expired and foreign tokens', async () => {
		const { sts, guestToken, clock, sandbox } = await classicPool();
		const { Token } = await guestToken();
		clock.advance(601_000);
		expect(
			(
				await errorOf(
					sts.send(
						new AssumeRoleWithWebIdentityCommand({
							RoleArn: ROLES.unauth,
							RoleSessionName: 's2',
							WebIdentityToken: Token,
						})
					)
				)
			).name
		).toBe('ExpiredTokenException');
		// An OIDC provider the account never registered with IAM (the sandbox knows only the social ones).
		const foreign = await sandbox.mintProviderToken('login.example.org', {
			sub: 'u',
			aud: 'client',
		});
		expect(
			await errorOf(
				sts.send(
					new AssumeRoleWithWebIdentityCommand({
						RoleArn: ROLES.unauth,
						RoleSessionName: 's3',
						WebIdentityToken: foreign,
					})
				)
			)
		).toMatchObject({
			name: 'InvalidIdentityTokenException',
			message: 'No OpenIDConnect provider found in your account for https://login.example.org',
		});
		expect(
			(
				await errorOf(
					sts.send(
						new AssumeRoleWithWebIdentityCommand({
							RoleArn: ROLES.unauth,
							RoleSessionName: 's4',
							WebIdentityToken: 'not-a-jwt',
						})
					)
				)
			).name
		).toBe('InvalidIdentityTokenException');
	});

	test('parameter validation and session duration', async () => {
		const { sts, guestToken } = await classicPool();
		const { Token } = await guestToken();
		expect(
			(
				await errorOf(
					sts.send(
						new AssumeRoleWithWebIdentityCommand({
							RoleArn: ROLES.unauth,
							RoleSessionName: 'bad name!',
							WebIdentityToken: Token,
						})
					)
				)
			).name
		).toBe('ValidationError');
		expect(
			await errorOf(
				sts.send(
					new AssumeRoleWithWebIdentityCommand({
						RoleArn: ROLES.unauth,
						RoleSessionName: 'long',
						WebIdentityToken: Token,
						DurationSeconds: 7200,
					})
				)
			)
		).toMatchObject({
			name: 'ValidationError',
			message: 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
		});
		const short = await sts.send(
			new AssumeRoleWithWebIdentityCommand({
				RoleArn: ROLES.unauth,
				RoleSessionName: 'short',
				WebIdentityToken: Token,
				DurationSeconds: 900,
			})
		);
		expect(short.Credentials?.Expiration?.getTime()).toBe(NOW + 900_000);
	});
});

describe('GetCallerIdentity', () => {
	test('developer keys are the account user; unknown or expired session keys are refused', async () => {
		const { sts, stsAs, identity, poolId, clock } = await classicPool();
		expect(await sts.send(new GetCallerIdentityCommand({}))).toMatchObject({
			Arn: 'arn:aws:iam::123456789012:user/developer',
			Account: '123456789012',
		});
		expect(
			(
				await errorOf(
					stsAs({ AccessKeyId: 'ASIAUNKNOWNUNKNOWN12', SecretKey: 'x', SessionToken: 'y' }).send(
						new GetCallerIdentityCommand({})
					)
				)
			).name
		).toBe('InvalidClientTokenId');
		await identity.send(
			new SetIdentityPoolRolesCommand({
				IdentityPoolId: poolId,
				Roles: { unauthenticated: ROLES.unauth },
			})
		);
		const { IdentityId } = await identity.send(new GetIdCommand({ IdentityPoolId: poolId }));
		const { Credentials } = await identity.send(
			new GetCredentialsForIdentityCommand({ IdentityId })
		);
		clock.advance(3600_000);
		expect(await errorOf(stsAs(Credentials!).send(new GetCallerIdentityCommand({})))).toMatchObject(
			{ name: 'ExpiredToken', status: 403 }
		);
	});
});

describe('simulateRequest', () => {
	async function enhanced() {
		const env = identitySandbox();
		const pool = await env.identity.send(
			new CreateIdentityPoolCommand({
				IdentityPoolName: 'sim',
				AllowUnauthenticatedIdentities: true,
				SupportedLoginProviders: { 'accounts.google.com': 'google-app' },
			})
		);
		const poolId = pool.IdentityPoolId!;
		const perUser = {
			Version: '2012-10-17',
			Statement: [
				{
					Sid: 'OwnItems',
					Effect: 'Allow',
					Action: ['dynamodb:GetItem', 'dynamodb:PutItem'],
					Resource: 'arn:aws:dynamodb:us-east-1:123456789012:table/Notes',
					Condition: {
						'ForAllValues:StringEquals': {
							'dynamodb:LeadingKeys': ['${cognito-identity.amazonaws.com:sub}'],
						},
					},
				},
				{
					Sid: 'OwnPrefix',
					Effect: 'Allow',
					Action: 's3:PutObject',
					Resource: 'arn:aws:s3:::bucket/${cognito-identity.amazonaws.com:sub}/*',
				},
				{ Sid: 'EverythingIam', Effect: 'Allow', Action: 'iam:*', Resource: '*' },
			],
		};
		env.sandbox.defineRole(ROLES.auth, {
			trustPolicy: cognitoTrustPolicy(poolId, 'authenticated'),
			policies: [perUser],
		});
		env.sandbox.defineRole(ROLES.unauth, {
			trustPolicy: cognitoTrustPolicy(poolId, 'unauthenticated'),
			policies: [perUser],
		});
		await env.identity.send(
			new SetIdentityPoolRolesCommand({
				IdentityPoolId: poolId,
				Roles: { authenticated: ROLES.auth, unauthenticated: ROLES.unauth },
			})
		);
		return { ...env, poolId };
	}

	test('DynamoDB LeadingKeys and the S3 prefix follow the identity id', async () => {
		const { identity, sandbox, poolId } = await enhanced();
		const token = await sandbox.mintProviderToken('accounts.google.com', {
			sub: 'g',
			aud: 'google-app',
		});
		const { IdentityId } = await identity.send(
			new GetIdCommand({ IdentityPoolId: poolId, Logins: { 'accounts.google.com': token } })
		);
		const { Credentials } = await identity.send(
			new GetCredentialsForIdentityCommand({ IdentityId, Logins: { 'accounts.google.com': token } })
		);
		const key = Credentials!.AccessKeyId!;
		const table = 'arn:aws:dynamodb:us-east-1:123456789012:table/Notes';
		expect(
			await sandbox.simulateRequest({
				accessKeyId: key,
				action: 'dynamodb:PutItem',
				resource: table,
				context: { 'dynamodb:LeadingKeys': [IdentityId!] },
			})
		).toMatchObject({ decision: 'Allow', statement: { Sid: 'OwnItems' } });
		expect(
			(
				await sandbox.simulateRequest({
					accessKeyId: key,
					action: 'dynamodb:PutItem',
					resource: table,
					context: { 'dynamodb:LeadingKeys': ['someone-else'] },
				})
			).decision
		).toBe('Deny');
		expect(
			(
				await sandbox.simulateRequest({
					accessKeyId: key,
					action: 's3:PutObject',
					resource: `arn:aws:s3:::bucket/${IdentityId}/file`,
				})
			).decision
		).toBe('Allow');
		expect(
			(
				await sandbox.simulateRequest({
					accessKeyId: key,
					action: 's3:PutObject',
					resource: 'arn:aws:s3:::bucket/other/file',
				})
			).decision
		).toBe('Deny');
		expect(
			(await sandbox.simulateRequest({ accessKeyId: key, action: 'iam:CreateUser', resource: '*' }))
				.decision
		).toBe('Allow');
		const evaluated = sandbox.trace.filter(
			(event) => event.type === 'PolicyEvaluated' && event.action === 's3:PutObject'
		);
		expect(evaluated.map((event) => 'decision' in event && event.decision)).toEqual([
			'Allow',
			'Deny',
		]);
	});

	test('guest credentials are scoped down: the role allows iam:*, the session policy does not', async () => {
		const { identity, sandbox, poolId } = await enhanced();
		const { IdentityId } = await identity.send(new GetIdCommand({ IdentityPoolId: poolId }));
		const { Credentials } = await identity.send(
			new GetCredentialsForIdentityCommand({ IdentityId })
		);
		const key = Credentials!.AccessKeyId!;
		expect(
			await sandbox.simulateRequest({ accessKeyId: key, action: 'iam:CreateUser', resource: '*' })
		).toMatchObject({ decision: 'Deny', reason: 'implicit-deny', missingAllowIn: 'session' });
		expect(
			(
				await sandbox.simulateRequest({
					accessKeyId: key,
					action: 's3:PutObject',
					resource: `arn:aws:s3:::bucket/${IdentityId}/f`,
				})
			).decision
		).toBe('Allow');
	});

	test('unknown and expired keys', async () => {
		const { identity, sandbox, poolId, clock } = await enhanced();
		await expect(
			sandbox.simulateRequest({ accessKeyId: 'ASIANOPE', action: 's3:GetObject', resource: '*' })
		).rejects.toMatchObject({ type: 'InvalidClientTokenId' });
		const { IdentityId } = await identity.send(new GetIdCommand({ IdentityPoolId: poolId }));
		const { Credentials } = await identity.send(
			new GetCredentialsForIdentityCommand({ IdentityId })
		);
		clock.advance(3600_000);
		await expect(
			sandbox.simulateRequest({
				accessKeyId: Credentials!.AccessKeyId!,
				action: 's3:GetObject',
				resource: '*',
			})
		).rejects.toMatchObject({ type: 'ExpiredToken' });
	});
});
