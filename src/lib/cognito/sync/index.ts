/** Cognito Sync (REST-JSON): STUB — being implemented (see issue 6). */
import type { SandboxContext } from '../core/context';
import { ServiceError } from '../core/errors';
import type { Caller } from '../core/service';
import type { IdentityService } from '../identity';
import type { StsService } from '../sts';

export interface SyncService {
	fetch(request: Request, caller: Caller): Promise<Response>;
	snapshot(): unknown;
	restore(state: unknown): void;
}

export function createSyncService(_context: SandboxContext, _deps: { identity: IdentityService; sts: StsService }): SyncService {
	return {
		fetch: async () => {
			throw new ServiceError('InternalErrorException', 'Cognito Sync is not implemented yet', 500);
		},
		snapshot: () => ({}),
		restore: () => {},
	};
}
