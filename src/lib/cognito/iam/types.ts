/** Shapes shared by the IAM evaluator's modules. */

/** The request context keys a policy can test, e.g. `cognito-identity.amazonaws.com:sub`, `dynamodb:LeadingKeys`. */
export type RequestContext = Record<string, string | string[]>;

/** One statement of a policy document, as written (strings or arrays of strings). */
export interface PolicyStatement {
	Sid?: string;
	Effect: 'Allow' | 'Deny';
	Principal?: '*' | Record<string, string | string[]>;
	NotPrincipal?: '*' | Record<string, string | string[]>;
	Action?: string | string[];
	NotAction?: string | string[];
	Resource?: string | string[];
	NotResource?: string | string[];
	Condition?: Record<string, Record<string, unknown>>;
}

/** Allow or Deny, why, and the statement that decided it. */
export interface PolicyDecision {
	decision: 'Allow' | 'Deny';
	/** `explicit-deny` when a Deny statement matched, `implicit-deny` when nothing allowed it. */
	reason: 'allowed' | 'explicit-deny' | 'implicit-deny';
	/** The statement that decided it (the matching Allow or Deny), when there is one. */
	statement?: object;
	/** Index of that statement's policy in the list evaluated (session policies follow identity policies). */
	policyIndex?: number;
	/** For an implicit deny: which layer failed to allow (`identity` policies or the `session` policy). */
	missingAllowIn?: 'identity' | 'session';
}
