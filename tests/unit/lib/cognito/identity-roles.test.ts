import {
	CreateIdentityPoolCommand,
	GetCredentialsForIdentityCommand,
	GetIdCommand,
	SetIdentityPoolRolesCommand,
	type RoleMapping,
} from '@aws-sdk/client-cognito-identity';
import { describe, expect, test } from 'vitest';
import { identitySandbox, ROLES } from '../../../fixtures/identity-sandbox';

const OIDC = 'login.example.com';

async function roleFor(
	mapping: RoleMapping | undefined,
	claims: Record<string, unknown>,
	options: { customRoleArn?: string; defaults?: Record<string, string> } = {}
) {
	const env = identitySandbox();
	const pool = await env.identity.send(
		new CreateIdentityPoolCommand({
			IdentityPoolName: 'roles',
			AllowUnauthenticatedIdentities: true,
			OpenIdConnectProviderARNs: [`arn:aws:iam::123456789012:oidc-provider/${OIDC}`],
		})
	);
	await env.identity.send(
		new SetIdentityPoolRolesCommand({
			IdentityPoolId: pool.IdentityPoolId,
			Roles: options.defaults ?? { authenticated: ROLES.auth, unauthenticated: ROLES.unauth },
			RoleMappings: mapping ? { [OIDC]: mapping } : undefined,
		})
	);
	const token = await env.sandbox.mintProviderToken(OIDC, {
		sub: 'user-1',
		aud: 'client',
		...claims,
	});
	const { IdentityId } = await env.identity.send(
		new GetIdCommand({ IdentityPoolId: pool.IdentityPoolId, Logins: { [OIDC]: token } })
	);
	try {
		await env.identity.send(
			new GetCredentialsForIdentityCommand({
				IdentityId,
				Logins: { [OIDC]: token },
				CustomRoleArn: options.customRoleArn,
			})
		);
	} catch (error) {
		return `${(error as Error).name}: ${(error as Error).message}`;
	}
	const issued = env.sandbox.trace.filter((event) => event.type === 'CredentialsIssued').at(-1);
	return issued && 'roleArn' in issued ? issued.roleArn : undefined;
}

const rules = (
	...list: Array<[string, 'Equals' | 'Contains' | 'StartsWith' | 'NotEqual', string, string]>
) => ({
	Type: 'Rules' as const,
	AmbiguousRoleResolution: 'AuthenticatedRole' as const,
	RulesConfiguration: {
		Rules: list.map(([Claim, MatchType, Value, RoleARN]) => ({ Claim, MatchType, Value, RoleARN })),
	},
});

describe('role resolution', () => {
	test('without mappings: the default authenticated role', async () => {
		expect(await roleFor(undefined, {})).toBe(ROLES.auth);
	});

	test('rules: each match type', async () => {
		expect(await roleFor(rules(['dept', 'Equals', 'eng', ROLES.admin]), { dept: 'eng' })).toBe(
			ROLES.admin
		);
		expect(
			await roleFor(rules(['email', 'Contains', '@example.com', ROLES.admin]), {
				email: 'a@example.com',
			})
		).toBe(ROLES.admin);
		expect(
			await roleFor(rules(['email', 'StartsWith', 'admin', ROLES.admin]), { email: 'admin@x.org' })
		).toBe(ROLES.admin);
		expect(await roleFor(rules(['tier', 'NotEqual', 'free', ROLES.admin]), { tier: 'paid' })).toBe(
			ROLES.admin
		);
		expect(
			await roleFor(rules(['cognito:groups', 'Contains', 'adm', ROLES.admin]), {
				'cognito:groups': ['users', 'admins'],
			})
		).toBe(ROLES.admin);
	});

	test('rules are evaluated in order and the first match wins', async () => {
		const mapping = rules(
			['dept', 'StartsWith', 'e', ROLES.readers],
			['dept', 'Equals', 'eng', ROLES.admin]
		);
		expect(await roleFor(mapping, { dept: 'eng' })).toBe(ROLES.readers);
	});

	test('a NotEqual rule on a missing claim is skipped', async () => {
		expect(await roleFor(rules(['tier', 'NotEqual', 'free', ROLES.admin]), {})).toBe(ROLES.auth);
	});

	test('no rule matches: AuthenticatedRole falls back, Deny refuses', async () => {
		expect(await roleFor(rules(['dept', 'Equals', 'eng', ROLES.admin]), { dept: 'sales' })).toBe(
			ROLES.auth
		);
		const deny = {
			...rules(['dept', 'Equals', 'eng', ROLES.admin]),
			AmbiguousRoleResolution: 'Deny' as const,
		};
		expect(await roleFor(deny, { dept: 'sales' })).toBe(
			'NotAuthorizedException: The ambiguous role mapping rules denied this request.'
		);
	});

	test('token: cognito:preferred_role, a single cognito:roles entry, CustomRoleArn, ambiguity', async () => {
		const token = { Type: 'Token' as const, AmbiguousRoleResolution: 'AuthenticatedRole' as const };
		const deny = { Type: 'Token' as const, AmbiguousRoleResolution: 'Deny' as const };
		const both = [ROLES.admin, ROLES.readers];
		expect(
			await roleFor(token, { 'cognito:preferred_role': ROLES.admin, 'cognito:roles': both })
		).toBe(ROLES.admin);
		expect(await roleFor(token, { 'cognito:roles': [ROLES.readers] })).toBe(ROLES.readers);
		expect(
			await roleFor(
				token,
				{ 'cognito:roles': both, 'cognito:preferred_role': ROLES.admin },
				{ customRoleArn: ROLES.readers }
			)
		).toBe(ROLES.readers);
		expect(await roleFor(deny, { 'cognito:roles': both }, { customRoleArn: ROLES.unauth })).toBe(
			'NotAuthorizedException: The ambiguous role mapping rules denied this request.'
		);
		expect(await roleFor(token, { 'cognito:roles': both })).toBe(ROLES.auth);
		expect(await roleFor(deny, { 'cognito:roles': both })).toBe(
			'NotAuthorizedException: The ambiguous role mapping rules denied this request.'
		);
		expect(
			await roleFor(
				token,
				{ 'cognito:roles': both },
				{ defaults: { unauthenticated: ROLES.unauth } }
			)
		).toBe(
			'InvalidIdentityPoolConfigurationException: Invalid identity pool configuration. Check assigned IAM roles for this pool.'
		);
	});

	test('SetIdentityPoolRoles validates mappings', async () => {
		const env = identitySandbox();
		const pool = await env.identity.send(
			new CreateIdentityPoolCommand({
				IdentityPoolName: 'v',
				AllowUnauthenticatedIdentities: false,
			})
		);
		const attempt = (RoleMappings: Record<string, unknown>) =>
			env.identity
				.send(
					new SetIdentityPoolRolesCommand({
						IdentityPoolId: pool.IdentityPoolId,
						Roles: {},
						RoleMappings: RoleMappings as Record<string, RoleMapping>,
					})
				)
				.then(
					() => 'ok',
					(error: Error) => `${error.name}: ${error.message}`
				);
		expect(await attempt({ [OIDC]: { Type: 'Token' } })).toBe(
			'InvalidParameterException: AmbiguousRoleResolution must be specified for Token and Rules type'
		);
		expect(await attempt({ [OIDC]: { Type: 'Other', AmbiguousRoleResolution: 'Deny' } })).toBe(
			"ValidationException: 1 validation error detected: Value 'Other' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [Rules, Token]"
		);
		expect(
			await attempt({
				[OIDC]: {
					Type: 'Rules',
					AmbiguousRoleResolution: 'Deny',
					RulesConfiguration: {
						Rules: [{ Claim: 'a', MatchType: 'Like', Value: 'b', RoleARN: ROLES.admin }],
					},
				},
			})
		).toMatch(/^ValidationException: .*'matchType'/);
	});
});
