/**
 * User pools (`cognito-idp`): an in-memory, API-faithful engine. Operations are validated against the
 * service model's input shapes (model/), then run by the handler of their module. State is plain JSON
 * (state.ts); CryptoKeys are cached outside it (tokens.ts).
 *
 * Module map: pools.ts (pools, MFA config, groups) · clients.ts · domains.ts · users.ts (sign-up,
 * recovery, migration) · admin-users.ts · auth.ts (InitiateAuth/RespondToAuthChallenge/refresh,
 * USER_AUTH) built on sign-in.ts, srp-flow.ts, custom-auth.ts, token-issue.ts · mfa.ts (TOTP,
 * preferences) · devices.ts · resources.ts (tags, resource servers) · self-service.ts (access-token operations, RevokeToken) · auth-events.ts (threat protection history; the risk
 * engine is ../risk) · triggers.ts ·
 * webauthn.ts (passkeys) · messages.ts · tokens.ts (keys, claims, JWKS) · srp.ts · password-policy.ts · sessions.ts ·
 * user-records.ts · util.ts.
 *
 * @example
 * const service = createUserPoolService(context);
 * const { UserPool } = await service.handle('CreateUserPool', { PoolName: 'demo' }, {});
 */
import type { SandboxContext } from '../core/context';
import { ServiceError } from '../core/errors';
import type { JsonService } from '../core/service';
import { ADMIN_USER_HANDLERS } from './admin-users';
import { AUTH_EVENT_HANDLERS } from './auth-events';
import { AUTH_HANDLERS } from './auth';
import { RISK_HANDLERS } from '../risk';
import { CLIENT_HANDLERS } from './clients';
import { DEVICE_HANDLERS } from './devices';
import { DOMAIN_HANDLERS } from './domains';
import { MFA_HANDLERS } from './mfa';
import { conformInput, validateInput } from './model/shape';
import { POOL_HANDLERS } from './pools';
import { RESOURCE_HANDLERS } from './resources';
import { SELF_SERVICE_HANDLERS } from './self-service';
import type { Env, Handler, UserPoolsState } from './state';
import { decodeJwt, jwksOf, openIdConfigurationOf, poolOfIssuer, verifySignature } from './tokens';
import { USER_HANDLERS } from './users';
import { WEBAUTHN_HANDLERS } from './webauthn';
import { BRANDING_HANDLERS } from '../oauth/branding';
import { findUser } from './util';
import { decodeUserPoolsState } from './state-decode';
import { encodeState } from '../core/state-codec';
import type { FederationDeps } from '../federation/deps';
import { LINK_HANDLERS } from '../federation/linking';
import { PROVIDER_HANDLERS } from '../federation/providers';

export interface UserPoolService extends JsonService {
	/**
	 * The engine's environment, for the browser-facing front ends of the same sandbox (../oauth, federation),
	 * which run the same sign-in logic. Read `env.state` on each use: `restore()` replaces it.
	 */
	readonly env: Env;
	/** JWKS or OpenID configuration document of a pool, or undefined for an unknown pool. */
	wellKnown(userPoolId: string, kind: 'jwks' | 'openid-configuration'): object | undefined;
	/**
	 * Verifies a user-pool ID token for an identity pool login (signature, expiry, issuer, token_use).
	 * With `serverSideTokenCheck`, also rejects tokens of users signed out globally, disabled or deleted.
	 * Throws `NotAuthorizedException` with the identity service's wording.
	 */
	verifyIdToken(
		token: string,
		options: { serverSideTokenCheck: boolean }
	): Promise<{ userPoolId: string; clientId: string; claims: Record<string, unknown> }>;
}

const HANDLERS: Record<string, Handler> = {
	...POOL_HANDLERS,
	...CLIENT_HANDLERS,
	...USER_HANDLERS,
	...ADMIN_USER_HANDLERS,
	...AUTH_HANDLERS,
	...MFA_HANDLERS,
	...SELF_SERVICE_HANDLERS,
	...DOMAIN_HANDLERS,
	...DEVICE_HANDLERS,
	...WEBAUTHN_HANDLERS,
	...RESOURCE_HANDLERS,
	...AUTH_EVENT_HANDLERS,
	...BRANDING_HANDLERS,
	...PROVIDER_HANDLERS,
	...LINK_HANDLERS,
	...RISK_HANDLERS,
};

/** The operations the sandbox implements (the model in ./model lists every one the service has). */
export const USER_POOL_OPERATIONS: readonly string[] = Object.keys(HANDLERS);

const emptyState = (): UserPoolsState => ({ pools: new Map(), clientPools: new Map() });

/**
 * Creates the user-pool service over the shared sandbox context. `federation` (the sandbox's fetch and mock
 * IdPs) lets the identity-provider operations discover OIDC issuers and read SAML metadata URLs.
 */
export function createUserPoolService(
	context: SandboxContext,
	federation?: FederationDeps
): UserPoolService {
	const env: Env = {
		context,
		state: emptyState(),
		now: () => context.clock.now(),
		...(federation ? { federation } : {}),
	};
	const notAuthorized = (message: string) => new ServiceError('NotAuthorizedException', message);

	return {
		env,
		has: (operation) => Object.hasOwn(HANDLERS, operation),
		async handle(operation, input) {
			const handler = HANDLERS[operation];
			if (!handler)
				throw new ServiceError('UnknownOperationException', `Unknown operation ${operation}`);
			validateInput(operation, input);
			return handler(conformInput(operation, input), env);
		},
		wellKnown(userPoolId, kind) {
			const pool = env.state.pools.get(userPoolId);
			if (!pool) return undefined;
			return kind === 'jwks' ? jwksOf(pool) : openIdConfigurationOf(env, pool);
		},
		async verifyIdToken(token, options) {
			const decoded = decodeJwt(token);
			if (!decoded)
				throw notAuthorized('Invalid login token. Not a valid OpenId Connect identity token.');
			const claims = decoded.payload;
			const pool = poolOfIssuer(env, claims.iss);
			if (!pool || claims.token_use !== 'id')
				throw notAuthorized("Invalid login token. Issuer doesn't match providerName");
			if (!(await verifySignature(pool.keys.id, token)))
				throw notAuthorized('Invalid login token. Signature verification failed.');
			if (typeof claims.exp !== 'number' || claims.exp * 1000 <= env.now())
				throw notAuthorized(
					`Invalid login token. Token expired: ${claims.exp} >= ${Math.floor(env.now() / 1000)}`
				);
			if (options.serverSideTokenCheck) {
				const user = findUser(pool, String(claims['cognito:username'] ?? ''));
				const revoked =
					typeof claims.event_id === 'string' && pool.revokedEvents.get(claims.event_id);
				if (!user || user.attributes.sub !== claims.sub || !user.enabled || revoked)
					throw notAuthorized('Invalid login token. Token is not valid any more.');
			}
			return { userPoolId: pool.id, clientId: String(claims.aud), claims };
		},
		snapshot: () => encodeState(env.state),
		decode: (snapshot, path) =>
			snapshot === undefined ? emptyState() : decodeUserPoolsState(snapshot, path),
		load(state) {
			env.state = state;
		},
	};
}
