import {
	CreateIdentityPoolCommand,
	DescribeIdentityCommand,
	GetIdCommand,
	GetOpenIdTokenForDeveloperIdentityCommand,
	LookupDeveloperIdentityCommand,
	MergeDeveloperIdentitiesCommand,
	UnlinkDeveloperIdentityCommand,
	UnlinkIdentityCommand,
} from '@aws-sdk/client-cognito-identity';
import { AssumeRoleWithWebIdentityCommand } from '@aws-sdk/client-sts';
import { describe, expect, test } from 'vitest';
import { identitySandbox } from '../../../fixtures/identity-sandbox';

async function setUp() {
	const env = identitySandbox();
	const pool = await env.identity.send(
		new CreateIdentityPoolCommand({
			IdentityPoolName: 'links',
			AllowUnauthenticatedIdentities: true,
			SupportedLoginProviders: {
				'accounts.google.com': 'google-app',
				'graph.facebook.com': 'fb-app',
			},
			DeveloperProviderName: 'login.links',
		})
	);
	return { ...env, poolId: pool.IdentityPoolId! };
}

describe('unlinking and merging', () => {
	test('UnlinkIdentity removes a login once the caller proves the identity', async () => {
		const { identity, sandbox, poolId } = await setUp();
		const google = await sandbox.mintProviderToken('accounts.google.com', {
			sub: 'g1',
			aud: 'google-app',
		});
		const facebook = await sandbox.mintProviderToken('graph.facebook.com', {
			sub: 'f1',
			aud: 'fb-app',
		});
		const { IdentityId } = await identity.send(
			new GetIdCommand({
				IdentityPoolId: poolId,
				Logins: { 'accounts.google.com': google, 'graph.facebook.com': facebook },
			})
		);
		const stranger = await sandbox.mintProviderToken('accounts.google.com', {
			sub: 'g2',
			aud: 'google-app',
		});
		await identity.send(
			new GetIdCommand({ IdentityPoolId: poolId, Logins: { 'accounts.google.com': stranger } })
		);
		await expect(
			identity.send(
				new UnlinkIdentityCommand({
					IdentityId,
					Logins: { 'accounts.google.com': stranger },
					LoginsToRemove: ['graph.facebook.com'],
				})
			)
		).rejects.toMatchObject({ name: 'NotAuthorizedException' });
		await identity.send(
			new UnlinkIdentityCommand({
				IdentityId,
				Logins: { 'accounts.google.com': google },
				LoginsToRemove: ['graph.facebook.com'],
			})
		);
		expect((await identity.send(new DescribeIdentityCommand({ IdentityId }))).Logins).toEqual([
			'accounts.google.com',
		]);
		const again = await identity.send(
			new GetIdCommand({ IdentityPoolId: poolId, Logins: { 'graph.facebook.com': facebook } })
		);
		expect(again.IdentityId).not.toBe(IdentityId);
	});

	test('MergeDeveloperIdentities and UnlinkDeveloperIdentity', async () => {
		const { identity, poolId } = await setUp();
		const token = (user: string) =>
			identity.send(
				new GetOpenIdTokenForDeveloperIdentityCommand({
					IdentityPoolId: poolId,
					Logins: { 'login.links': user },
				})
			);
		const source = await token('old-account');
		const destination = await token('new-account');
		const merged = await identity.send(
			new MergeDeveloperIdentitiesCommand({
				IdentityPoolId: poolId,
				DeveloperProviderName: 'login.links',
				SourceUserIdentifier: 'old-account',
				DestinationUserIdentifier: 'new-account',
			})
		);
		expect(merged.IdentityId).toBe(destination.IdentityId);
		expect((await token('old-account')).IdentityId).toBe(destination.IdentityId);
		const lookup = await identity.send(
			new LookupDeveloperIdentityCommand({
				IdentityPoolId: poolId,
				IdentityId: destination.IdentityId,
				MaxResults: 10,
			})
		);
		expect(lookup.DeveloperUserIdentifierList?.sort()).toEqual(['new-account', 'old-account']);
		await expect(
			identity.send(new DescribeIdentityCommand({ IdentityId: source.IdentityId }))
		).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
		await identity.send(
			new UnlinkDeveloperIdentityCommand({
				IdentityPoolId: poolId,
				IdentityId: destination.IdentityId,
				DeveloperProviderName: 'login.links',
				DeveloperUserIdentifier: 'old-account',
			})
		);
		const after = await identity.send(
			new LookupDeveloperIdentityCommand({
				IdentityPoolId: poolId,
				IdentityId: destination.IdentityId,
				MaxResults: 10,
			})
		);
		expect(after.DeveloperUserIdentifierList).toEqual(['new-account']);
		await expect(
			identity.send(
				new UnlinkDeveloperIdentityCommand({
					IdentityPoolId: poolId,
					IdentityId: destination.IdentityId,
					DeveloperProviderName: 'login.links',
					DeveloperUserIdentifier: 'old-account',
				})
			)
		).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
	});
});

describe('web identity federation without an identity pool', () => {
	test('STS accepts a mock Google token for a role that trusts accounts.google.com', async () => {
		const { sandbox, sts } = await setUp();
		const role = 'arn:aws:iam::123456789012:role/GoogleUsers';
		sandbox.defineRole(role, {
			trustPolicy: {
				Statement: [
					{
						Effect: 'Allow',
						Principal: { Federated: 'accounts.google.com' },
						Action: 'sts:AssumeRoleWithWebIdentity',
						Condition: { StringEquals: { 'accounts.google.com:aud': 'google-app' } },
					},
				],
			},
			policies: [],
		});
		const good = await sandbox.mintProviderToken('accounts.google.com', {
			sub: 'g9',
			aud: 'google-app',
		});
		const result = await sts.send(
			new AssumeRoleWithWebIdentityCommand({
				RoleArn: role,
				RoleSessionName: 'google-session',
				WebIdentityToken: good,
			})
		);
		expect(result).toMatchObject({
			Provider: 'accounts.google.com',
			Audience: 'google-app',
			SubjectFromWebIdentityToken: 'g9',
		});
		const other = await sandbox.mintProviderToken('accounts.google.com', {
			sub: 'g9',
			aud: 'another-app',
		});
		await expect(
			sts.send(
				new AssumeRoleWithWebIdentityCommand({
					RoleArn: role,
					RoleSessionName: 'google-session',
					WebIdentityToken: other,
				})
			)
		).rejects.toMatchObject({ name: 'AccessDenied' });
	});
});
