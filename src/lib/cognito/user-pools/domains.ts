/** User pool domains: the prefix (`{prefix}.auth.{region}.amazoncognito.com`) or custom domain of managed login. */
import { ServiceError } from '../core/errors';
import type { Env, Handler, PoolRecord } from './state';
import { getPool, invalidParameter } from './util';

/** The host name of a pool's managed-login domain, if it has one. */
export function domainHost(env: Env, pool: PoolRecord): string | undefined {
	if (!pool.domain) return undefined;
	return pool.domain.CustomDomainConfig
		? pool.domain.Domain
		: `${pool.domain.Domain}.auth.${env.context.region}.amazoncognito.com`;
}

function poolOfDomain(env: Env, domain: string): PoolRecord | undefined {
	return [...env.state.pools.values()].find((pool) => pool.domain?.Domain === domain);
}

/** Version 1 (classic hosted UI) or 2 (managed login, not on the Lite plan). */
function checkVersion(pool: PoolRecord, version: number) {
	if (version !== 1 && version !== 2)
		throw invalidParameter(
			'ManagedLoginVersion must be 1 (classic hosted UI) or 2 (managed login).'
		);
	if (version === 2 && pool.settings.UserPoolTier === 'LITE')
		throw new ServiceError(
			'FeatureUnavailableInTierException',
			'Managed login is not available in the current feature plan (LITE).'
		);
}

const createUserPoolDomain: Handler = async (input, env) => {
	const pool = getPool(env, input.UserPoolId);
	const custom = !!input.CustomDomainConfig;
	if (!custom && /aws|amazon|cognito/.test(input.Domain))
		throw invalidParameter('Domain cannot contain reserved word: aws, amazon or cognito.');
	if (poolOfDomain(env, input.Domain))
		throw invalidParameter('Domain already associated with another user pool.');
	if (pool.domain && !pool.domain.CustomDomainConfig === !custom)
		throw invalidParameter(
			`User pool already has a ${custom ? 'custom' : 'prefix'} domain configured.`
		);
	const version = input.ManagedLoginVersion ?? 1;
	checkVersion(pool, version);
	pool.domain = {
		Domain: input.Domain,
		ManagedLoginVersion: version,
		...(custom ? { CustomDomainConfig: input.CustomDomainConfig } : {}),
	};
	return {
		ManagedLoginVersion: version,
		...(custom
			? {
					CloudFrontDomain: `d${env.context.randomString(13, 'abcdefghijklmnopqrstuvwxyz0123456789')}.cloudfront.net`,
				}
			: {}),
	};
};

const updateUserPoolDomain: Handler = async (input, env) => {
	const pool = getPool(env, input.UserPoolId);
	const domain = pool.domain;
	if (!domain || domain.Domain !== input.Domain)
		throw new ServiceError(
			'ResourceNotFoundException',
			`Domain ${input.Domain} does not exist for user pool ${pool.id}.` // wording ours
		);
	const version = input.ManagedLoginVersion ?? domain.ManagedLoginVersion;
	checkVersion(pool, version);
	if (input.CustomDomainConfig && !domain.CustomDomainConfig)
		throw invalidParameter('A prefix domain has no certificate to update.'); // wording ours
	pool.domain = {
		...domain,
		ManagedLoginVersion: version,
		...(input.CustomDomainConfig ? { CustomDomainConfig: input.CustomDomainConfig } : {}),
	};
	return {
		ManagedLoginVersion: version,
		...(domain.CustomDomainConfig ? { CloudFrontDomain: 'dsandbox.cloudfront.net' } : {}),
	};
};

const describeUserPoolDomain: Handler = async (input, env) => {
	const pool = poolOfDomain(env, input.Domain);
	if (!pool?.domain) return { DomainDescription: {} };
	return {
		DomainDescription: {
			UserPoolId: pool.id,
			AWSAccountId: env.context.accountId,
			Domain: pool.domain.Domain,
			S3Bucket: 'aws-cognito-prod-sandbox-assets',
			CloudFrontDistribution: pool.domain.CustomDomainConfig
				? 'dsandbox.cloudfront.net'
				: `${pool.domain.Domain}.auth.${env.context.region}.amazoncognito.com`,
			Version: '20260101000000',
			Status: 'ACTIVE',
			...(pool.domain.CustomDomainConfig
				? { CustomDomainConfig: pool.domain.CustomDomainConfig }
				: {}),
			ManagedLoginVersion: pool.domain.ManagedLoginVersion,
		},
	};
};

const deleteUserPoolDomain: Handler = async (input, env) => {
	const pool = getPool(env, input.UserPoolId);
	if (pool.domain?.Domain !== input.Domain)
		throw invalidParameter('No such domain or user pool exists.');
	delete pool.domain;
	return {};
};

/** Domain operations by name. */
export const DOMAIN_HANDLERS: Record<string, Handler> = {
	CreateUserPoolDomain: createUserPoolDomain,
	UpdateUserPoolDomain: updateUserPoolDomain,
	DescribeUserPoolDomain: describeUserPoolDomain,
	DeleteUserPoolDomain: deleteUserPoolDomain,
};
