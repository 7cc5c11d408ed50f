/** Identity pools (`cognito-identity`): STUB — being implemented (see issue 6). */
import type { SandboxContext } from '../core/context';
import { ServiceError } from '../core/errors';
import type { JsonService } from '../core/service';
import type { StsService } from '../sts';
import type { UserPoolService } from '../user-pools';

export interface IdentityService extends JsonService {
	/** Whether an identity exists in a pool (Sync uses it to guard datasets). */
	identityExists(identityPoolId: string, identityId: string): boolean;
}

export function createIdentityService(_context: SandboxContext, _deps: { userPools: UserPoolService; sts: StsService }): IdentityService {
	return {
		has: () => false,
		handle: async () => {
			throw new ServiceError('InternalErrorException', 'Identity pools are not implemented yet', 500);
		},
		identityExists: () => false,
		snapshot: () => ({}),
		restore: () => {},
	};
}
