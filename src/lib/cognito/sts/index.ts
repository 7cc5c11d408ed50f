/** STS (Query protocol): STUB — being implemented (see issue 6). */
import type { SandboxContext } from '../core/context';
import { ServiceError } from '../core/errors';
import type { Caller } from '../core/service';
import type { IamEvaluator, PolicyDecision, RequestContext } from '../iam';

export interface IssuedCredentials {
	AccessKeyId: string;
	SecretKey: string;
	SessionToken: string;
	/** Epoch milliseconds. */
	Expiration: number;
}

export interface StsService {
	/** Serves `AssumeRoleWithWebIdentity` and `GetCallerIdentity` as `@aws-sdk/client-sts` sends them. */
	fetch(request: Request, caller: Caller): Promise<Response>;
	/** Used by identity pools' enhanced flow: checks the role's trust policy, then issues credentials. */
	assumeRoleWithWebIdentity(input: { roleArn: string; roleSessionName: string; webIdentityToken: string; sessionPolicies?: object[]; durationSeconds?: number; identityId?: string }): Promise<IssuedCredentials & { assumedRoleArn: string }>;
	/** Evaluates an AWS request made with issued credentials against the assumed role's policies. */
	simulateRequest(input: { accessKeyId: string; action: string; resource: string; context?: RequestContext }): Promise<PolicyDecision & { principalArn: string }>;
	snapshot(): unknown;
	restore(state: unknown): void;
}

export function createStsService(_context: SandboxContext, _deps: { iam: IamEvaluator }): StsService {
	const notYet = () => new ServiceError('InternalErrorException', 'STS is not implemented yet', 500);
	return {
		fetch: async () => {
			throw notYet();
		},
		assumeRoleWithWebIdentity: async () => {
			throw notYet();
		},
		simulateRequest: async () => {
			throw notYet();
		},
		snapshot: () => ({}),
		restore: () => {},
	};
}
