/**
 * Federated users in the pool: linking (AdminLinkProviderForUser and its rules, linking from the pre sign-up
 * trigger), AdminDisableProviderForUser, PreSignUp_ExternalProvider, the inbound federation trigger,
 * immutable and required mapped attributes, disabled users.
 */
import { beforeEach, describe, expect, test } from 'vitest';
import {
	errorOf,
	exchangeCode,
	federatedPool,
	google,
	signInVia,
} from '../../../fixtures/federation';
import {
	claimsOf,
	PASSWORD,
	userPoolSandbox,
	type Json,
	type UserPoolSandbox,
} from '../../../fixtures/user-pool-sandbox';

const arn = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;
const alice = { user_id: '111', email: 'alice@example.com', name: 'Alice' };
const link = (poolId: string, destination: Json, source: Json) =>
	({ UserPoolId: poolId, DestinationUser: destination, SourceUser: source }) as Json;
const cognitoUser = (username: string) => ({
	ProviderName: 'Cognito',
	ProviderAttributeValue: username,
});
const googleUser = (id: string) => ({
	ProviderName: 'Google',
	ProviderAttributeName: 'Cognito_Subject',
	ProviderAttributeValue: id,
});

describe('federated users', { timeout: 30_000 }, () => {
	let t: UserPoolSandbox;
	let poolId: string;
	let clientId: string;

	async function setUp(mapping?: Json, pool: Json = {}) {
		({ poolId, clientId } = await federatedPool(t, google(mapping), pool));
	}
	async function nativeUser(username: string) {
		await t.call('AdminCreateUser', {
			UserPoolId: poolId,
			Username: username,
			UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }],
			MessageAction: 'SUPPRESS',
		});
		await t.call('AdminSetUserPassword', {
			UserPoolId: poolId,
			Username: username,
			Password: PASSWORD,
			Permanent: true,
		});
	}

	beforeEach(() => {
		t = userPoolSandbox(81);
	});

	test('a linked Google identity signs in as the existing local user (not added to the provider group)', async () => {
		await setUp();
		await nativeUser('alice');
		await t.call('AdminLinkProviderForUser', link(poolId, cognitoUser('alice'), googleUser('111')));
		const linked = await t.call('AdminGetUser', { UserPoolId: poolId, Username: 'alice' });
		const identities = JSON.parse(
			linked.UserAttributes.find((a: Json) => a.Name === 'identities').Value
		);
		expect(identities).toEqual([
			expect.objectContaining({
				userId: '111',
				providerName: 'Google',
				providerType: 'Google',
				primary: 'false',
			}),
		]);
		const claims = claimsOf(
			(await exchangeCode(t, clientId, await signInVia(t, clientId, 'Google', alice))).id_token
		);
		expect(claims['cognito:username']).toBe('alice');
		expect(claims['cognito:groups']).toBeUndefined();
		expect((await t.call('ListUsers', { UserPoolId: poolId })).Users).toHaveLength(1);
		// The local user still signs in with the password.
		await t.call('InitiateAuth', {
			ClientId: clientId,
			AuthFlow: 'USER_PASSWORD_AUTH',
			AuthParameters: { USERNAME: 'alice', PASSWORD },
		});
	});

	test('linking rules: source kinds, unknown users, identities that already signed in, repeats, five at most', async () => {
		await setUp();
		await nativeUser('alice');
		const fail = (input: Json) => t.failure('AdminLinkProviderForUser', input);
		expect(
			await fail(
				link(poolId, cognitoUser('alice'), {
					...cognitoUser('bob'),
					ProviderAttributeName: 'Cognito_Subject',
				})
			)
		).toBe(
			'InvalidParameterException: Invalid SourceUser: Cognito users with a username/password may not be passed in as a SourceUser, only as a DestinationUser'
		);
		expect(
			await fail(
				link(poolId, cognitoUser('alice'), { ...googleUser('1'), ProviderAttributeName: 'email' })
			)
		).toBe(
			'InvalidParameterException: Invalid SourceUser: ProviderAttributeName must be Cognito_Subject for Google.'
		);
		expect(await fail(link(poolId, cognitoUser('nobody'), googleUser('1')))).toBe(
			'UserNotFoundException: User does not exist.'
		);
		await signInVia(t, clientId, 'Google', { ...alice, user_id: '222' });
		expect(await fail(link(poolId, cognitoUser('alice'), googleUser('222')))).toBe(
			'InvalidParameterException: Merging is not currently supported, provide a SourceUser that has not been signed up in order to link'
		);
		await t.call('AdminLinkProviderForUser', link(poolId, cognitoUser('alice'), googleUser('1')));
		expect(await fail(link(poolId, cognitoUser('alice'), googleUser('1')))).toBe(
			'InvalidParameterException: SourceUser is already linked to DestinationUser'
		);
		for (const id of ['2', '3', '4', '5'])
			await t.call('AdminLinkProviderForUser', link(poolId, cognitoUser('alice'), googleUser(id)));
		expect(await fail(link(poolId, cognitoUser('alice'), googleUser('6')))).toBe(
			'LimitExceededException: A user can have at most 5 linked identities.'
		);
	});

	test('AdminDisableProviderForUser: unlinking sends the identity to its own profile; Cognito disables the password', async () => {
		await setUp();
		await nativeUser('alice');
		await t.call('AdminLinkProviderForUser', link(poolId, cognitoUser('alice'), googleUser('111')));
		await t.call('AdminDisableProviderForUser', { UserPoolId: poolId, User: googleUser('111') });
		const claims = claimsOf(
			(await exchangeCode(t, clientId, await signInVia(t, clientId, 'Google', alice))).id_token
		);
		expect(claims['cognito:username']).toBe('Google_111');
		await t.call('AdminDisableProviderForUser', {
			UserPoolId: poolId,
			User: {
				ProviderName: 'Cognito',
				ProviderAttributeName: 'Cognito_Subject',
				ProviderAttributeValue: 'alice',
			},
		});
		expect(
			await t.failure('InitiateAuth', {
				ClientId: clientId,
				AuthFlow: 'USER_PASSWORD_AUTH',
				AuthParameters: { USERNAME: 'alice', PASSWORD },
			})
		).toBe('NotAuthorizedException: Incorrect username or password.');
		// Disabling a federated profile's only identity stops its sign-ins.
		await t.call('AdminDisableProviderForUser', { UserPoolId: poolId, User: googleUser('111') });
		expect(errorOf(await signInVia(t, clientId, 'Google', alice))).toBe('User is disabled.');
		expect(
			await t.failure('AdminDisableProviderForUser', {
				UserPoolId: poolId,
				User: googleUser('999'),
			})
		).toBe('UserNotFoundException: User does not exist.');
	});

	test('PreSignUp_ExternalProvider: the exact event, autoVerifyEmail, and a failing function', async () => {
		const events: Json[] = [];
		let fail = false;
		t.sandbox.defineFunction(arn('pre'), (event) => {
			events.push(structuredClone(event as Json));
			if (fail) throw new Error('not from our domain');
			return { ...(event as Json), response: { autoVerifyEmail: true } };
		});
		await setUp({ email: 'email', name: 'name' }, { LambdaConfig: { PreSignUp: arn('pre') } });
		fail = true;
		expect(errorOf(await signInVia(t, clientId, 'Google', { ...alice, user_id: '1' }))).toBe(
			'PreSignUp failed with error not from our domain.'
		);
		fail = false;
		const claims = claimsOf(
			(
				await exchangeCode(
					t,
					clientId,
					await signInVia(t, clientId, 'Google', { ...alice, email_verified: false })
				)
			).id_token
		);
		expect(claims.email_verified).toBe(true);
		expect(events[1]).toEqual({
			version: '1',
			triggerSource: 'PreSignUp_ExternalProvider',
			region: 'us-east-1',
			userPoolId: poolId,
			userName: 'Google_111',
			callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId },
			request: {
				userAttributes: { email: 'alice@example.com', name: 'Alice' },
				validationData: null,
			},
			response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
		});
		// Returning users do not run pre sign-up again.
		await signInVia(t, clientId, 'Google', alice);
		expect(events).toHaveLength(2);
	});

	test('linking from pre sign-up: the first sign-in fails with "Already found an entry", the next is the linked user', async () => {
		t.sandbox.defineFunction(arn('pre'), async (event) => {
			const e = event as Json;
			if (e.triggerSource !== 'PreSignUp_ExternalProvider') return e;
			const [, id] = (e.userName as string).split('_');
			await t.call('AdminLinkProviderForUser', link(poolId, cognitoUser('alice'), googleUser(id!)));
			return e;
		});
		await setUp(undefined, { LambdaConfig: { PreSignUp: arn('pre') } });
		await nativeUser('alice');
		expect(errorOf(await signInVia(t, clientId, 'Google', alice))).toBe(
			'Already found an entry for username Google_111'
		);
		const claims = claimsOf(
			(await exchangeCode(t, clientId, await signInVia(t, clientId, 'Google', alice))).id_token
		);
		expect(claims['cognito:username']).toBe('alice');
	});

	test('an immutable mapped attribute: the first sign-in works, the next ones fail', async () => {
		await setUp(
			{ email: 'email', 'custom:dept': 'hd' },
			{ Schema: [{ Name: 'dept', AttributeDataType: 'String', Mutable: false }] }
		);
		// Google puts the Workspace domain in `hd`; the mock sends what the consent page sends, so use a claim it has.
		await t.call('UpdateIdentityProvider', {
			UserPoolId: poolId,
			ProviderName: 'Google',
			AttributeMapping: { email: 'email', 'custom:dept': 'name' },
		});
		await exchangeCode(t, clientId, await signInVia(t, clientId, 'Google', alice));
		expect(errorOf(await signInVia(t, clientId, 'Google', alice))).toBe(
			'Invalid user attributes: custom:dept: Attribute cannot be updated.'
		);
	});

	test('required attributes the IdP does not send: "attributes required"; bad formats are refused', async () => {
		await setUp({ email: 'email' }, { Schema: [{ Name: 'name', Required: true }] });
		expect(errorOf(await signInVia(t, clientId, 'Google', alice))).toBe(
			'attributes required: [name]'
		);
		await t.call('UpdateIdentityProvider', {
			UserPoolId: poolId,
			ProviderName: 'Google',
			AttributeMapping: { email: 'email', name: 'name' },
		});
		expect(
			errorOf(await signInVia(t, clientId, 'Google', { ...alice, email: 'not-an-email' }))
		).toBe('Invalid user attributes: Invalid email address format.');
	});

	test('the inbound federation trigger replaces the IdP attributes before mapping', async () => {
		const events: Json[] = [];
		t.sandbox.defineFunction(arn('inbound'), (event) => {
			events.push(structuredClone(event as Json));
			return {
				...(event as Json),
				response: { userAttributesToMap: { email: 'rewritten@example.com' } },
			};
		});
		await setUp(undefined, {
			LambdaConfig: { InboundFederation: { LambdaVersion: 'V1_0', LambdaArn: arn('inbound') } },
		});
		const claims = claimsOf(
			(await exchangeCode(t, clientId, await signInVia(t, clientId, 'Google', alice))).id_token
		);
		expect(claims.email).toBe('rewritten@example.com');
		expect(claims.name).toBeUndefined();
		expect(events[0]).toMatchObject({
			triggerSource: 'InboundFederation_ExternalProvider',
			userName: 'Google_111',
			request: {
				providerName: 'Google',
				providerType: 'Google',
				attributes: { idToken: { sub: '111', email: 'alice@example.com' } },
			},
		});
	});
});
