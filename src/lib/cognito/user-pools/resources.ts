/** Tags on a user pool (by ARN) and resource servers (the custom OAuth scopes app clients may allow). */
import { ServiceError } from '../core/errors';
import type { Env, Handler, PoolRecord } from './state';
import { getPool, invalidParameter } from './util';

function poolOfArn(env: Env, arn: string): PoolRecord {
	const pool = [...env.state.pools.values()].find((p) => p.arn === arn);
	if (!pool) throw new ServiceError('ResourceNotFoundException', `Resource ${arn} does not exist.`);
	return pool;
}

const tagResource: Handler = async (input, env) => {
	const pool = poolOfArn(env, input.ResourceArn);
	pool.settings.UserPoolTags = { ...(pool.settings.UserPoolTags ?? {}), ...input.Tags };
	return {};
};

const untagResource: Handler = async (input, env) => {
	const pool = poolOfArn(env, input.ResourceArn);
	const tags = { ...(pool.settings.UserPoolTags ?? {}) };
	for (const key of input.TagKeys as string[]) delete tags[key];
	pool.settings.UserPoolTags = tags;
	return {};
};

const listTagsForResource: Handler = async (input, env) => ({
	Tags: poolOfArn(env, input.ResourceArn).settings.UserPoolTags ?? {},
});

/** Every custom scope of a pool, as `identifier/scope`. */
export const customScopesOf = (pool: PoolRecord) =>
	[...pool.resourceServers.values()].flatMap((server) =>
		server.Scopes.map((scope) => `${server.Identifier}/${scope.ScopeName}`)
	);

function describeServer(pool: PoolRecord, identifier: string) {
	const server = pool.resourceServers.get(identifier);
	if (!server)
		throw new ServiceError(
			'ResourceNotFoundException',
			`Resource server ${identifier} does not exist.`
		);
	return {
		UserPoolId: pool.id,
		Identifier: server.Identifier,
		Name: server.Name,
		Scopes: server.Scopes,
	};
}

function storeServer(pool: PoolRecord, input: Record<string, any>) {
	const scopes: Array<{ ScopeName: string; ScopeDescription: string }> = input.Scopes ?? [];
	const names = scopes.map((s) => s.ScopeName);
	if (new Set(names).size !== names.length)
		throw invalidParameter('Scope names must be unique within a resource server.');
	pool.resourceServers.set(input.Identifier, {
		Identifier: input.Identifier,
		Name: input.Name,
		Scopes: scopes,
	});
	return { ResourceServer: describeServer(pool, input.Identifier) };
}

const createResourceServer: Handler = async (input, env) => {
	const pool = getPool(env, input.UserPoolId);
	if (pool.resourceServers.has(input.Identifier))
		throw invalidParameter(`A resource server with identifier ${input.Identifier} already exists.`);
	return storeServer(pool, input);
};

const updateResourceServer: Handler = async (input, env) => {
	const pool = getPool(env, input.UserPoolId);
	describeServer(pool, input.Identifier);
	return storeServer(pool, input);
};

const deleteResourceServer: Handler = async (input, env) => {
	const pool = getPool(env, input.UserPoolId);
	describeServer(pool, input.Identifier);
	pool.resourceServers.delete(input.Identifier);
	return {};
};

const listResourceServers: Handler = async (input, env) => {
	const pool = getPool(env, input.UserPoolId);
	const identifiers = [...pool.resourceServers.keys()].sort();
	const start = input.NextToken ? Number(input.NextToken) : 0;
	const limit = input.MaxResults || 50;
	return {
		ResourceServers: identifiers.slice(start, start + limit).map((id) => describeServer(pool, id)),
		...(start + limit < identifiers.length ? { NextToken: String(start + limit) } : {}),
	};
};

/** Tag and resource-server operations by name. */
export const RESOURCE_HANDLERS: Record<string, Handler> = {
	TagResource: tagResource,
	UntagResource: untagResource,
	ListTagsForResource: listTagsForResource,
	CreateResourceServer: createResourceServer,
	DescribeResourceServer: async (input, env) => ({
		ResourceServer: describeServer(getPool(env, input.UserPoolId), input.Identifier),
	}),
	UpdateResourceServer: updateResourceServer,
	DeleteResourceServer: deleteResourceServer,
	ListResourceServers: listResourceServers,
};
