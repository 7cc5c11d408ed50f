/**
 * Machine-to-machine access tokens (`client_credentials`): no user, so `sub` is the app client id; the claims
 * a client-credentials token carries (`sub`, `token_use`, `scope`, `auth_time`, `iss`, `exp`, `iat`,
 * `version`, `jti`, `client_id`); pre token generation runs only as version 3 (`V3_0`) on the Essentials and
 * Plus plans, with `TokenGeneration_ClientCredentials`, and may change claims and scopes of the access token.
 */
import { dict } from '../core/dict';
import type { ClientRecord, Env, PoolRecord } from '../user-pools/state';
import { applyClaimChanges, applyScopeChanges } from '../user-pools/token-issue';
import { issuerOf, signToken, validitySeconds } from '../user-pools/tokens';
import { expectTypes, runTrigger, triggerConfig } from '../user-pools/triggers';

export async function issueClientCredentialsToken(
	env: Env,
	pool: PoolRecord,
	client: ClientRecord,
	scopes: string[],
	metadata: Record<string, string> | undefined
): Promise<{ accessToken: string; expiresIn: number }> {
	const iat = Math.floor(env.now() / 1000);
	const lifetime = validitySeconds(client, 'AccessToken');
	let access = dict<unknown>({
		sub: client.ClientId,
		token_use: 'access',
		scope: scopes.join(' '),
		auth_time: iat,
		iss: issuerOf(env, pool),
		exp: iat + lifetime,
		iat,
		version: 2,
		jti: env.context.uuid(),
		client_id: client.ClientId,
	});
	const config = triggerConfig(pool, 'PreTokenGeneration');
	if (config?.version === '3' && pool.settings.UserPoolTier !== 'LITE') {
		const trigger = await runTrigger(env, pool, 'PreTokenGeneration', {
			triggerSource: 'TokenGeneration_ClientCredentials',
			userName: null,
			clientId: client.ClientId,
			request: {
				userAttributes: {},
				groupConfiguration: null,
				scopes,
				...(metadata ? { clientMetadata: metadata } : {}),
			},
			response: { claimsAndScopeOverrideDetails: null },
		});
		if (trigger) {
			expectTypes(trigger.response, { claimsAndScopeOverrideDetails: 'object' });
			const generation = trigger.response.claimsAndScopeOverrideDetails?.accessTokenGeneration;
			applyClaimChanges(access, generation, false);
			applyScopeChanges(access, scopes, generation);
			// Keep the service's order: anything a trigger added goes before `exp`.
			const tail = ['exp', 'iat', 'version', 'jti', 'client_id'];
			const reordered = dict<unknown>();
			for (const [name, value] of Object.entries(access))
				if (!tail.includes(name)) reordered[name] = value;
			for (const name of tail) reordered[name] = access[name];
			access = reordered;
		}
	}
	const accessToken = await signToken(pool.keys.access, access);
	env.context.emit({
		type: 'TokenIssued',
		tokenUse: 'access',
		userPoolId: pool.id,
		clientId: client.ClientId,
		username: '',
		grantType: 'client_credentials',
		claims: access,
		at: env.now(),
	});
	return { accessToken, expiresIn: lifetime };
}
