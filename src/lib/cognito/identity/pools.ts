/**
 * Identity-pool configuration: the state shapes and the validation of `CreateIdentityPool`/`UpdateIdentityPool`
 * and `SetIdentityPoolRoles` input. Pure.
 */
import { type Dict, dict } from '../core/dict';
import { invalidParameter, ServiceError } from '../core/errors';
import {
	constraintError,
	ID_PATTERN,
	readBoolean,
	readString,
	readStringList,
	readStringMap,
} from './validation';

/** A `CognitoIdentityProviders` entry: a user pool app client the identity pool accepts ID tokens from. */
export interface CognitoIdentityProviderConfig {
	ProviderName: string;
	ClientId: string;
	ServerSideTokenCheck: boolean;
}

/** What `DescribeIdentityPool` returns. */
export interface IdentityPoolConfig {
	IdentityPoolId: string;
	IdentityPoolName: string;
	AllowUnauthenticatedIdentities: boolean;
	AllowClassicFlow: boolean;
	SupportedLoginProviders: Dict<string>;
	DeveloperProviderName?: string;
	OpenIdConnectProviderARNs: string[];
	CognitoIdentityProviders: CognitoIdentityProviderConfig[];
	SamlProviderARNs: string[];
	IdentityPoolTags: Dict<string>;
}

/** How a Rules mapping compares a claim with its value. */
export type MatchType = 'Equals' | 'Contains' | 'StartsWith' | 'NotEqual';

/** One rule of a Rules role mapping. */
export interface MappingRule {
	Claim: string;
	MatchType: MatchType;
	Value: string;
	RoleARN: string;
}

/** A `RoleMappings` value, keyed by provider. */
export interface RoleMapping {
	Type: 'Token' | 'Rules';
	AmbiguousRoleResolution?: 'AuthenticatedRole' | 'Deny';
	RulesConfiguration?: { Rules: MappingRule[] };
}

/** What `GetIdentityPoolRoles` returns (minus the pool id). */
export interface PoolRoles {
	Roles: Dict<string>;
	RoleMappings: Dict<RoleMapping>;
}

const NAME_PATTERN = '[\\w\\s+=,.@-]+';
const PROVIDER_KEY_PATTERN = '[\\w.;_/-]+';
const DEVELOPER_PROVIDER_PATTERN = '[\\w._-]+';
const COGNITO_PROVIDER_NAME_PATTERN = '[\\w._:/-]+';
const CLIENT_ID_PATTERN = '[\\w_]+';
const ROLE_ARN_MIN = 20;
const ROLE_ARN_MAX = 2048;
const MATCH_TYPES: MatchType[] = ['Equals', 'Contains', 'StartsWith', 'NotEqual'];

/** Reads and validates the configurable members of a pool (everything but the id). */
export function readPoolConfig(
	input: Record<string, unknown>,
	identityPoolId: string,
	existing?: IdentityPoolConfig
): IdentityPoolConfig {
	const name = readString(input, 'IdentityPoolName', {
		required: true,
		min: 1,
		max: 128,
		pattern: NAME_PATTERN,
	})!;
	const allowUnauthenticated = readBoolean(input, 'AllowUnauthenticatedIdentities', true)!;
	const allowClassicFlow = readBoolean(input, 'AllowClassicFlow') ?? false;
	const supported =
		readStringMap(input, 'SupportedLoginProviders', {
			maxEntries: 10,
			keyMax: 128,
			valueMax: 128,
			keyPattern: PROVIDER_KEY_PATTERN,
			valuePattern: PROVIDER_KEY_PATTERN,
		}) ?? {};
	const developerProviderName = readString(input, 'DeveloperProviderName', {
		min: 1,
		max: 128,
		pattern: DEVELOPER_PROVIDER_PATTERN,
	});
	if (
		existing?.DeveloperProviderName &&
		developerProviderName !== undefined &&
		developerProviderName !== existing.DeveloperProviderName
	) {
		throw invalidParameter('Cannot change the developer provider name once it is set.');
	}
	const oidc =
		readStringList(input, 'OpenIdConnectProviderARNs', {
			itemMin: ROLE_ARN_MIN,
			itemMax: ROLE_ARN_MAX,
		}) ?? [];
	const saml =
		readStringList(input, 'SamlProviderARNs', { itemMin: ROLE_ARN_MIN, itemMax: ROLE_ARN_MAX }) ??
		[];
	const cognitoProviders = readCognitoProviders(input.CognitoIdentityProviders);
	const tags =
		readStringMap(input, 'IdentityPoolTags', { maxEntries: 50, keyMax: 128, valueMax: 256 }) ??
		dict();
	return {
		IdentityPoolId: identityPoolId,
		IdentityPoolName: name,
		AllowUnauthenticatedIdentities: allowUnauthenticated,
		AllowClassicFlow: allowClassicFlow,
		SupportedLoginProviders: dict(supported),
		DeveloperProviderName: developerProviderName ?? existing?.DeveloperProviderName,
		OpenIdConnectProviderARNs: [...oidc],
		CognitoIdentityProviders: cognitoProviders,
		SamlProviderARNs: [...saml],
		IdentityPoolTags: dict(tags),
	};
}

function readCognitoProviders(value: unknown): CognitoIdentityProviderConfig[] {
	if (value === undefined || value === null) return [];
	if (!Array.isArray(value))
		throw new ServiceError(
			'SerializationException',
			'Start of structure or map found where not expected.'
		);
	return value.map((entry) => {
		if (!entry || typeof entry !== 'object' || Array.isArray(entry))
			throw new ServiceError(
				'SerializationException',
				'Unexpected value type in CognitoIdentityProviders'
			);
		const record = entry as Record<string, unknown>;
		const providerName = readString(record, 'ProviderName', {
			min: 1,
			max: 128,
			pattern: COGNITO_PROVIDER_NAME_PATTERN,
		});
		const clientId = readString(record, 'ClientId', {
			min: 1,
			max: 128,
			pattern: CLIENT_ID_PATTERN,
		});
		if (!providerName || !clientId)
			throw invalidParameter(
				'ProviderName and ClientId are required for every CognitoIdentityProvider.'
			);
		return {
			ProviderName: providerName,
			ClientId: clientId,
			ServerSideTokenCheck: readBoolean(record, 'ServerSideTokenCheck') ?? false,
		};
	});
}

/** Reads `Roles` and `RoleMappings` of `SetIdentityPoolRoles` (a full replace of both). */
export function readPoolRoles(input: Record<string, unknown>): PoolRoles {
	const roles = readStringMap(input, 'Roles', {
		required: true,
		maxEntries: 2,
		keyMax: 128,
		valueMax: ROLE_ARN_MAX,
	});
	for (const [kind, arn] of Object.entries(roles!)) {
		if (kind !== 'authenticated' && kind !== 'unauthenticated')
			throw invalidParameter(
				`Invalid role type: ${kind}. Valid types are authenticated and unauthenticated.`
			);
		if (arn.length < ROLE_ARN_MIN)
			throw constraintError(
				'Roles',
				roles,
				`Map value must satisfy constraint: [Member must have length greater than or equal to ${ROLE_ARN_MIN}]`
			);
	}
	const rawMappings = input.RoleMappings;
	const mappings = dict<RoleMapping>();
	if (rawMappings !== undefined && rawMappings !== null) {
		if (typeof rawMappings !== 'object' || Array.isArray(rawMappings))
			throw new ServiceError('SerializationException', 'Start of list found where not expected');
		const entries = Object.entries(rawMappings as Record<string, unknown>);
		if (entries.length > 10)
			throw constraintError(
				'RoleMappings',
				rawMappings,
				'Member must have length less than or equal to 10'
			);
		for (const [provider, mapping] of entries) {
			if (provider.length < 1 || provider.length > 128)
				throw constraintError(
					'RoleMappings',
					rawMappings,
					'Map keys must satisfy constraint: [Member must have length less than or equal to 128, Member must have length greater than or equal to 1]'
				);
			mappings[provider] = readRoleMapping(mapping);
		}
	}
	return { Roles: dict(roles!), RoleMappings: mappings };
}

function readRoleMapping(value: unknown): RoleMapping {
	if (!value || typeof value !== 'object' || Array.isArray(value))
		throw new ServiceError('SerializationException', 'Unexpected value type in RoleMappings');
	const record = value as Record<string, unknown>;
	const type = readString(record, 'Type', { required: true });
	if (type !== 'Token' && type !== 'Rules')
		throw constraintError('Type', type, 'Member must satisfy enum value set: [Rules, Token]');
	const ambiguous = readString(record, 'AmbiguousRoleResolution');
	if (ambiguous !== undefined && ambiguous !== 'AuthenticatedRole' && ambiguous !== 'Deny')
		throw constraintError(
			'AmbiguousRoleResolution',
			ambiguous,
			'Member must satisfy enum value set: [AuthenticatedRole, Deny]'
		);
	if (!ambiguous)
		throw invalidParameter('AmbiguousRoleResolution must be specified for Token and Rules type');
	const mapping: RoleMapping = { Type: type, AmbiguousRoleResolution: ambiguous };
	if (type === 'Rules') {
		const config = record.RulesConfiguration as { Rules?: unknown } | undefined;
		const rules = config && typeof config === 'object' ? config.Rules : undefined;
		if (!Array.isArray(rules) || rules.length === 0)
			throw invalidParameter(
				'RulesConfiguration with at least one rule is required for Rules type'
			);
		if (rules.length > 25)
			throw constraintError('Rules', rules, 'Member must have length less than or equal to 25');
		mapping.RulesConfiguration = { Rules: rules.map(readRule) };
	}
	return mapping;
}

function readRule(value: unknown): MappingRule {
	if (!value || typeof value !== 'object' || Array.isArray(value))
		throw new ServiceError('SerializationException', 'Unexpected value type in Rules');
	const record = value as Record<string, unknown>;
	const claim = readString(record, 'Claim', {
		required: true,
		min: 1,
		max: 64,
		pattern: '[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+',
	})!;
	const matchType = readString(record, 'MatchType', { required: true }) as MatchType;
	if (!MATCH_TYPES.includes(matchType))
		throw constraintError(
			'MatchType',
			matchType,
			`Member must satisfy enum value set: [${MATCH_TYPES.join(', ')}]`
		);
	const ruleValue = readString(record, 'Value', { required: true, min: 1, max: 128 })!;
	const roleArn = readString(record, 'RoleARN', {
		required: true,
		min: ROLE_ARN_MIN,
		max: ROLE_ARN_MAX,
	})!;
	return { Claim: claim, MatchType: matchType, Value: ruleValue, RoleARN: roleArn };
}

/** Validates an `IdentityPoolId` member (required, ≤55, `region:guid`). */
export function readPoolId(input: Record<string, unknown>, field = 'IdentityPoolId'): string {
	return readString(input, field, { required: true, min: 1, max: 55, pattern: ID_PATTERN })!;
}

/** Validates an `IdentityId` member. */
export function readIdentityId(
	input: Record<string, unknown>,
	required = true
): string | undefined {
	return readString(input, 'IdentityId', { required, min: 1, max: 55, pattern: ID_PATTERN });
}
