import {
	CreateIdentityPoolCommand,
	GetCredentialsForIdentityCommand,
	GetIdCommand,
	GetOpenIdTokenForDeveloperIdentityCommand,
	GetPrincipalTagAttributeMapCommand,
	SetIdentityPoolRolesCommand,
	SetPrincipalTagAttributeMapCommand,
} from '@aws-sdk/client-cognito-identity';
import { describe, expect, test } from 'vitest';
import { identitySandbox, ROLES } from '../../../fixtures/identity-sandbox';

/** A trust policy for authenticated identities of one pool, with or without sts:TagSession. */
const trust = (poolId: string, tagSession: boolean) => ({
	Version: '2012-10-17',
	Statement: [
		{
			Effect: 'Allow',
			Principal: { Federated: 'cognito-identity.amazonaws.com' },
			Action: tagSession
				? ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession']
				: 'sts:AssumeRoleWithWebIdentity',
			Condition: {
				StringEquals: { 'cognito-identity.amazonaws.com:aud': poolId },
				'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
			},
		},
	],
});

const perUserByTag = {
	Version: '2012-10-17',
	Statement: [
		{
			Effect: 'Allow',
			Action: 's3:GetObject',
			Resource: 'arn:aws:s3:::bucket/${aws:PrincipalTag/username}/*',
		},
		{
			Effect: 'Allow',
			Action: 'dynamodb:Query',
			Resource: '*',
			Condition: { StringEquals: { 'aws:PrincipalTag/team': 'blue' } },
		},
	],
};

async function setUp(tagSession = true) {
	const env = identitySandbox();
	const pool = await env.identity.send(
		new CreateIdentityPoolCommand({
			IdentityPoolName: 'abac',
			AllowUnauthenticatedIdentities: false,
			SupportedLoginProviders: { 'accounts.google.com': 'google-app' },
			DeveloperProviderName: 'login.abac',
		})
	);
	const poolId = pool.IdentityPoolId!;
	env.sandbox.defineRole(ROLES.auth, {
		trustPolicy: trust(poolId, tagSession),
		policies: [perUserByTag],
	});
	await env.identity.send(
		new SetIdentityPoolRolesCommand({
			IdentityPoolId: poolId,
			Roles: { authenticated: ROLES.auth },
		})
	);
	const signIn = async (claims: Record<string, unknown> = {}) => {
		const token = await env.sandbox.mintProviderToken('accounts.google.com', {
			sub: 'g-123',
			aud: 'google-app',
			...claims,
		});
		const { IdentityId } = await env.identity.send(
			new GetIdCommand({ IdentityPoolId: poolId, Logins: { 'accounts.google.com': token } })
		);
		return env.identity.send(
			new GetCredentialsForIdentityCommand({ IdentityId, Logins: { 'accounts.google.com': token } })
		);
	};
	return { ...env, poolId, signIn };
}

describe('attributes for access control', () => {
	test('default mappings tag the session with username (sub) and client (aud)', async () => {
		const { identity, sandbox, poolId, signIn } = await setUp();
		const set = await identity.send(
			new SetPrincipalTagAttributeMapCommand({
				IdentityPoolId: poolId,
				IdentityProviderName: 'accounts.google.com',
				UseDefaults: true,
			})
		);
		expect(set).toMatchObject({
			UseDefaults: true,
			PrincipalTags: { username: 'sub', client: 'aud' },
		});
		expect(
			await identity.send(
				new GetPrincipalTagAttributeMapCommand({
					IdentityPoolId: poolId,
					IdentityProviderName: 'accounts.google.com',
				})
			)
		).toMatchObject({ UseDefaults: true });
		const { Credentials } = await signIn();
		const key = Credentials!.AccessKeyId!;
		expect(
			(
				await sandbox.simulateRequest({
					accessKeyId: key,
					action: 's3:GetObject',
					resource: 'arn:aws:s3:::bucket/g-123/photo.png',
				})
			).decision
		).toBe('Allow');
		expect(
			(
				await sandbox.simulateRequest({
					accessKeyId: key,
					action: 's3:GetObject',
					resource: 'arn:aws:s3:::bucket/someone/photo.png',
				})
			).decision
		).toBe('Deny');
	});

	test('custom mappings read any claim', async () => {
		const { identity, sandbox, poolId, signIn } = await setUp();
		await identity.send(
			new SetPrincipalTagAttributeMapCommand({
				IdentityPoolId: poolId,
				IdentityProviderName: 'accounts.google.com',
				UseDefaults: false,
				PrincipalTags: { team: 'hd', username: 'email' },
			})
		);
		const { Credentials } = await signIn({ hd: 'blue', email: 'ann@example.com' });
		expect(
			(
				await sandbox.simulateRequest({
					accessKeyId: Credentials!.AccessKeyId!,
					action: 'dynamodb:Query',
					resource: 'arn:aws:dynamodb:us-east-1:123456789012:table/T',
				})
			).decision
		).toBe('Allow');
		expect(
			(
				await sandbox.simulateRequest({
					accessKeyId: Credentials!.AccessKeyId!,
					action: 's3:GetObject',
					resource: 'arn:aws:s3:::bucket/ann@example.com/x',
				})
			).decision
		).toBe('Allow');
	});

	test('developer-authenticated PrincipalTags reach the session', async () => {
		const { identity, sandbox, poolId } = await setUp();
		const issued = await identity.send(
			new GetOpenIdTokenForDeveloperIdentityCommand({
				IdentityPoolId: poolId,
				Logins: { 'login.abac': 'user-7' },
				PrincipalTags: { team: 'blue' },
			})
		);
		const { Credentials } = await identity.send(
			new GetCredentialsForIdentityCommand({
				IdentityId: issued.IdentityId,
				Logins: { 'cognito-identity.amazonaws.com': issued.Token! },
			})
		);
		expect(
			(
				await sandbox.simulateRequest({
					accessKeyId: Credentials!.AccessKeyId!,
					action: 'dynamodb:Query',
					resource: '*',
				})
			).decision
		).toBe('Allow');
	});

	test('without sts:TagSession in the trust policy, tagged sessions are refused', async () => {
		const { identity, sandbox, poolId, signIn } = await setUp(false);
		await identity.send(
			new SetPrincipalTagAttributeMapCommand({
				IdentityPoolId: poolId,
				IdentityProviderName: 'accounts.google.com',
				UseDefaults: true,
			})
		);
		await expect(signIn()).rejects.toMatchObject({
			name: 'InvalidIdentityPoolConfigurationException',
		});
		const denied = sandbox.trace.filter(
			(event) => event.type === 'PolicyEvaluated' && event.decision === 'Deny'
		);
		expect(denied.at(-1)).toMatchObject({ action: 'sts:TagSession', resource: ROLES.auth });
	});

	test('no map for the provider: no tags, and tag-less trust policies work', async () => {
		const { identity, poolId, signIn } = await setUp(false);
		await expect(
			identity.send(
				new GetPrincipalTagAttributeMapCommand({
					IdentityPoolId: poolId,
					IdentityProviderName: 'accounts.google.com',
				})
			)
		).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
		expect((await signIn()).Credentials?.AccessKeyId).toMatch(/^ASIA/);
	});
});
