/**
 * The identity-provider operations of a user pool: `CreateIdentityProvider`, `DescribeIdentityProvider`,
 * `UpdateIdentityProvider`, `DeleteIdentityProvider`, `ListIdentityProviders` and
 * `GetIdentityProviderByIdentifier`. Input shapes (name pattern, lengths, the type enum) are checked by the
 * service model before these run; here are the rules the model does not express.
 */
import { type Dict, dict } from '../core/dict';
import { ServiceError } from '../core/errors';
import type { Env, Handler, PoolRecord } from '../user-pools/state';
import { getPool, invalidParameter, toEpochSeconds } from '../user-pools/util';
import { buildProviderDetails, visibleDetails } from './details';
import { buildAttributeMapping } from './mapping';
import {
	emptyFederationState,
	type FederationPoolState,
	type IdentityProviderRecord,
	type ProviderType,
} from './state';

/** Identity providers a user pool may have (the service quota). */
export const MAX_PROVIDERS = 300;

/** The social types, each of which must be named exactly as its type. */
const SOCIAL_TYPES = new Set<ProviderType>([
	'Google',
	'Facebook',
	'LoginWithAmazon',
	'SignInWithApple',
]);

/** A pool's federation state, created on first use. */
export const federationOf = (pool: PoolRecord): FederationPoolState =>
	(pool.federation ??= emptyFederationState());

/** The provider, or `ResourceNotFoundException`. */
export function requireProvider(pool: PoolRecord, name: string): IdentityProviderRecord {
	const provider = pool.federation?.providers.get(name);
	if (!provider)
		throw new ServiceError(
			'ResourceNotFoundException',
			`Identity provider ${name} does not exist.` // wording chosen
		);
	return provider;
}

/** The `IdentityProviderType` Describe/Create/Update return. */
export function describeProvider(pool: PoolRecord, provider: IdentityProviderRecord) {
	return {
		UserPoolId: pool.id,
		ProviderName: provider.ProviderName,
		ProviderType: provider.ProviderType,
		ProviderDetails: visibleDetails(provider.ProviderDetails),
		AttributeMapping: dict(provider.AttributeMapping),
		IdpIdentifiers: [...provider.IdpIdentifiers],
		LastModifiedDate: toEpochSeconds(provider.LastModifiedDate),
		CreationDate: toEpochSeconds(provider.CreationDate),
	};
}

/** Checks identifiers: no duplicates, none used by another provider of the pool. */
function checkIdentifiers(pool: PoolRecord, identifiers: string[], self?: string) {
	const seen = new Set<string>();
	for (const identifier of identifiers) {
		const taken = [...federationOf(pool).providers.values()].some(
			(provider) => provider.ProviderName !== self && provider.IdpIdentifiers.includes(identifier)
		);
		if (seen.has(identifier) || taken)
			throw invalidParameter(`Duplicate IdpIdentifier: ${identifier}.`); // wording chosen
		seen.add(identifier);
	}
}

const createIdentityProvider: Handler = async (input, env) => {
	const pool = getPool(env, input.UserPoolId);
	const name: string = input.ProviderName;
	const type: ProviderType = input.ProviderType;
	const state = federationOf(pool);
	if (SOCIAL_TYPES.has(type) && name !== type)
		throw invalidParameter(`The provider name for provider type ${type} must be ${type}.`); // wording chosen
	if (!SOCIAL_TYPES.has(type) && /^(cognito|COGNITO|Cognito)$/.test(name))
		throw invalidParameter(`${name} is a reserved provider name.`); // wording chosen
	if (state.providers.has(name))
		throw new ServiceError(
			'DuplicateProviderException',
			`A provider with the name ${name} already exists in this user pool.` // wording chosen
		);
	if (state.providers.size >= MAX_PROVIDERS)
		throw new ServiceError(
			'LimitExceededException',
			`The user pool has reached the limit of ${MAX_PROVIDERS} identity providers.` // wording chosen
		);
	const identifiers: string[] = input.IdpIdentifiers ?? [];
	checkIdentifiers(pool, identifiers);
	const AttributeMapping = buildAttributeMapping(pool, type, input.AttributeMapping);
	const ProviderDetails = await buildProviderDetails(env, type, input.ProviderDetails);
	const now = env.now();
	const provider: IdentityProviderRecord = {
		ProviderName: name,
		ProviderType: type,
		ProviderDetails,
		AttributeMapping,
		IdpIdentifiers: [...identifiers],
		CreationDate: now,
		LastModifiedDate: now,
	};
	state.providers.set(name, provider);
	return { IdentityProvider: describeProvider(pool, provider) };
};

const describeIdentityProvider: Handler = async (input, env) => {
	const pool = getPool(env, input.UserPoolId);
	return { IdentityProvider: describeProvider(pool, requireProvider(pool, input.ProviderName)) };
};

const updateIdentityProvider: Handler = async (input, env) => {
	const pool = getPool(env, input.UserPoolId);
	const provider = requireProvider(pool, input.ProviderName);
	if (input.IdpIdentifiers) checkIdentifiers(pool, input.IdpIdentifiers, provider.ProviderName);
	const AttributeMapping = input.AttributeMapping
		? buildAttributeMapping(pool, provider.ProviderType, input.AttributeMapping)
		: provider.AttributeMapping;
	const ProviderDetails = input.ProviderDetails
		? await buildProviderDetails(
				env,
				provider.ProviderType,
				input.ProviderDetails as Dict<string>,
				provider.ProviderDetails
			)
		: provider.ProviderDetails;
	Object.assign(provider, {
		AttributeMapping,
		ProviderDetails,
		...(input.IdpIdentifiers ? { IdpIdentifiers: [...input.IdpIdentifiers] } : {}),
		LastModifiedDate: env.now(),
	});
	return { IdentityProvider: describeProvider(pool, provider) };
};

const deleteIdentityProvider: Handler = async (input, env) => {
	const pool = getPool(env, input.UserPoolId);
	requireProvider(pool, input.ProviderName);
	pool.federation!.providers.delete(input.ProviderName);
	return {};
};

const listIdentityProviders: Handler = async (input, env: Env) => {
	const pool = getPool(env, input.UserPoolId);
	const all = [...federationOf(pool).providers.values()];
	const start = input.NextToken ? Number.parseInt(input.NextToken, 10) : 0;
	if (!Number.isInteger(start) || start < 0 || start > all.length)
		throw invalidParameter('Invalid pagination token.'); // wording chosen
	const limit = input.MaxResults || 60;
	return {
		Providers: all.slice(start, start + limit).map((provider) => ({
			ProviderName: provider.ProviderName,
			ProviderType: provider.ProviderType,
			LastModifiedDate: toEpochSeconds(provider.LastModifiedDate),
			CreationDate: toEpochSeconds(provider.CreationDate),
		})),
		...(start + limit < all.length ? { NextToken: String(start + limit) } : {}),
	};
};

const getIdentityProviderByIdentifier: Handler = async (input, env) => {
	const pool = getPool(env, input.UserPoolId);
	const provider = [...federationOf(pool).providers.values()].find((candidate) =>
		candidate.IdpIdentifiers.includes(input.IdpIdentifier)
	);
	if (!provider)
		throw new ServiceError(
			'ResourceNotFoundException',
			`Identity provider with identifier ${input.IdpIdentifier} does not exist.` // wording chosen
		);
	return { IdentityProvider: describeProvider(pool, provider) };
};

/** Identity-provider operations by name. */
export const PROVIDER_HANDLERS: Record<string, Handler> = {
	CreateIdentityProvider: createIdentityProvider,
	DescribeIdentityProvider: describeIdentityProvider,
	UpdateIdentityProvider: updateIdentityProvider,
	DeleteIdentityProvider: deleteIdentityProvider,
	ListIdentityProviders: listIdentityProviders,
	GetIdentityProviderByIdentifier: getIdentityProviderByIdentifier,
};
