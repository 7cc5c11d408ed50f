/** IAM policy evaluation: STUB — being implemented (see issue 6). */
import type { SandboxContext } from '../core/context';

/** The request context keys a policy can test, e.g. `cognito-identity.amazonaws.com:sub`, `dynamodb:LeadingKeys`. */
export type RequestContext = Record<string, string | string[]>;

export interface PolicyDecision {
	decision: 'Allow' | 'Deny';
	/** `explicit` when a Deny statement matched, `implicit` when nothing allowed it. */
	reason: 'allowed' | 'explicit-deny' | 'implicit-deny';
	/** The statement that decided it (the matching Allow or Deny), when there is one. */
	statement?: object;
	/** Index of that statement's policy in the list evaluated. */
	policyIndex?: number;
}

export interface IamEvaluator {
	/** Evaluates one action on one resource against identity policies (and optional session policies). */
	evaluate(input: { policies: object[]; sessionPolicies?: object[]; action: string; resource: string; context: RequestContext }): PolicyDecision;
	/** Evaluates a role trust policy for `sts:AssumeRoleWithWebIdentity` by a federated principal. */
	evaluateTrust(input: { trustPolicy: object; principal: { Federated: string }; action: string; context: RequestContext }): PolicyDecision;
}

export function createIamEvaluator(_context: SandboxContext): IamEvaluator {
	return {
		evaluate: () => ({ decision: 'Deny', reason: 'implicit-deny' }),
		evaluateTrust: () => ({ decision: 'Deny', reason: 'implicit-deny' }),
	};
}
