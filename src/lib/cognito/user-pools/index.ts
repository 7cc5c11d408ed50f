/** User pools (`cognito-idp`): STUB — being implemented (see issue 6). */
import type { SandboxContext } from '../core/context';
import { ServiceError } from '../core/errors';
import type { JsonService } from '../core/service';

export interface UserPoolService extends JsonService {
	/** JWKS or OpenID configuration document of a pool, or undefined for an unknown pool. */
	wellKnown(userPoolId: string, kind: 'jwks' | 'openid-configuration'): object | undefined;
	/**
	 * Verifies a user-pool ID token for an identity pool login (signature, expiry, issuer, token_use).
	 * With `serverSideTokenCheck`, also rejects tokens of users signed out globally, disabled or deleted.
	 * Throws `NotAuthorizedException` with the identity service's wording.
	 */
	verifyIdToken(token: string, options: { serverSideTokenCheck: boolean }): Promise<{ userPoolId: string; clientId: string; claims: Record<string, unknown> }>;
}

export function createUserPoolService(_context: SandboxContext): UserPoolService {
	const notYet = () => new ServiceError('InternalErrorException', 'User pools are not implemented yet', 500);
	return {
		has: () => false,
		handle: async () => {
			throw notYet();
		},
		wellKnown: () => undefined,
		verifyIdToken: async () => {
			throw notYet();
		},
		snapshot: () => ({}),
		restore: () => {},
	};
}
