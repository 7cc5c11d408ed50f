/**
 * Which role an identity gets in the enhanced flow: default roles, Rules mappings (in order, first match wins)
 * and Token mappings (`cognito:preferred_role`, `cognito:roles`, `CustomRoleArn`), with
 * `AmbiguousRoleResolution` when nothing decides. Pure.
 */
import { own } from '../core/dict';
import { ServiceError } from '../core/errors';
import type { MappingRule, PoolRoles } from './pools';

/** A login presented in this call, with the key its role mapping would be filed under and its claims. */
export interface LoginForRoles {
	/** `RoleMappings` key: the provider name, or `cognito-idp.<region>.amazonaws.com/<poolId>:<clientId>`. */
	mappingKey: string;
	claims: Record<string, unknown>;
}

/** The error when no usable role is configured. */
export const invalidPoolConfiguration = () =>
	new ServiceError(
		'InvalidIdentityPoolConfigurationException',
		'Invalid identity pool configuration. Check assigned IAM roles for this pool.'
	);

/** Where the decision came from, for the trace and the simulator's explanation. */
export type RoleSource =
	| 'unauthenticated-default'
	| 'authenticated-default'
	| 'rule'
	| 'token-custom'
	| 'token-preferred'
	| 'token-single'
	| 'ambiguous-default';

/** Resolves the role ARN or throws the service's error. */
export function resolveRole(
	roles: PoolRoles | undefined,
	authenticated: boolean,
	logins: LoginForRoles[],
	customRoleArn?: string
): { roleArn: string; source: RoleSource; rule?: MappingRule } {
	const defaults: { authenticated?: string; unauthenticated?: string } = {
		authenticated: own(roles?.Roles, 'authenticated'),
		unauthenticated: own(roles?.Roles, 'unauthenticated'),
	};
	if (!authenticated) {
		if (!defaults.unauthenticated) throw invalidPoolConfiguration();
		return { roleArn: defaults.unauthenticated, source: 'unauthenticated-default' };
	}
	const mapped = logins.find(
		(login) => roles !== undefined && Object.hasOwn(roles.RoleMappings, login.mappingKey)
	);
	if (!mapped) {
		if (!defaults.authenticated) throw invalidPoolConfiguration();
		return { roleArn: defaults.authenticated, source: 'authenticated-default' };
	}
	const mapping = roles!.RoleMappings[mapped.mappingKey]!;
	const ambiguous = () => {
		if (mapping.AmbiguousRoleResolution === 'Deny')
			throw new ServiceError(
				'NotAuthorizedException',
				'The ambiguous role mapping rules denied this request.'
			);
		if (!defaults.authenticated) throw invalidPoolConfiguration();
		return { roleArn: defaults.authenticated, source: 'ambiguous-default' as const };
	};

	if (mapping.Type === 'Rules') {
		for (const rule of mapping.RulesConfiguration?.Rules ?? []) {
			if (ruleMatches(rule, mapped.claims[rule.Claim]))
				return { roleArn: rule.RoleARN, source: 'rule', rule };
		}
		return ambiguous();
	}

	const tokenRoles = asStrings(mapped.claims['cognito:roles']);
	if (customRoleArn) {
		if (tokenRoles.includes(customRoleArn))
			return { roleArn: customRoleArn, source: 'token-custom' };
		throw new ServiceError(
			'NotAuthorizedException',
			'The ambiguous role mapping rules denied this request.'
		);
	}
	const preferred = mapped.claims['cognito:preferred_role'];
	if (typeof preferred === 'string' && preferred)
		return { roleArn: preferred, source: 'token-preferred' };
	if (tokenRoles.length === 1) return { roleArn: tokenRoles[0]!, source: 'token-single' };
	return ambiguous();
}

/** One rule against one claim; a claim may be a string or, like `cognito:groups`, a list. */
export function ruleMatches(rule: MappingRule, claim: unknown): boolean {
	if (claim === undefined || claim === null) return false;
	const values = asStrings(claim);
	switch (rule.MatchType) {
		case 'Equals':
			return values.some((value) => value === rule.Value);
		case 'Contains':
			return values.some((value) => value.includes(rule.Value));
		case 'StartsWith':
			return values.some((value) => value.startsWith(rule.Value));
		case 'NotEqual':
			return values.every((value) => value !== rule.Value);
	}
}

function asStrings(claim: unknown): string[] {
	if (claim === undefined || claim === null) return [];
	if (Array.isArray(claim)) return claim.map(String);
	return [typeof claim === 'string' ? claim : JSON.stringify(claim)];
}
