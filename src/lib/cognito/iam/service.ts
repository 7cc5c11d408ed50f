/**
 * A small IAM endpoint (`iam.amazonaws.com`, Query protocol, version 2010-05-08) over the sandbox's role registry,
 * so AWS CLI and SDK users define the roles their identity pools hand out: `CreateRole`, `GetRole`, `ListRoles`,
 * `UpdateAssumeRolePolicy`, `DeleteRole`, `PutRolePolicy`, `GetRolePolicy`, `ListRolePolicies`, `DeleteRolePolicy`.
 * Roles made here are the same records `defineRole` writes (policies given to `defineRole` are unnamed and not
 * listed by `ListRolePolicies`). Policy documents come back URL-encoded, as IAM returns them (the AWS CLI decodes
 * them). Errors and messages are IAM's (`NoSuchEntity`, `EntityAlreadyExists`, `DeleteConflict`,
 * `MalformedPolicyDocument`, `ValidationError`).
 */
import type { RoleDefinition, SandboxContext } from '../core/context';
import { dict } from '../core/dict';
import { ServiceError } from '../core/errors';
import type { Caller } from '../core/service';
import { parseRoleArn, roleIdOf } from '../sts/credentials';
import { queryResponse, serveQuery, type XmlValue } from '../sts/query-protocol';
import type { PolicyDecision } from './types';

export const IAM_NAMESPACE = 'https://iam.amazonaws.com/doc/2010-05-08/';
const VERSION = '2010-05-08';
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const POLICY_NAME = /^[\w+=,.@-]{1,128}$/;
const ROLE_PATH = /^(\/|\/[\u0021-\u007E]{1,510}\/)$/;
const DEFAULT_MAX_SESSION_SECONDS = 3600;

/** What the IAM endpoint needs from STS: who a sandbox-issued key belongs to, and what its role may do. */
export interface IamCallerCheck {
	/** `undefined` for callers without sandbox-issued credentials (developer keys act as an administrator). */
	decide(
		caller: Caller,
		action: string,
		resource: string
	): Promise<(PolicyDecision & { principalArn: string }) | undefined>;
}

type Fields = Record<string, string>;

const validation = (member: string, value: string | undefined, constraint: string) =>
	new ServiceError(
		'ValidationError',
		`1 validation error detected: Value ${value === undefined ? 'null' : `'${value}'`} at '${member}' failed to satisfy constraint: ${constraint}`
	);

function required(fields: Fields, field: string, member: string, pattern?: RegExp): string {
	const value = fields[field];
	if (value === undefined || value === '')
		throw validation(member, undefined, 'Member must not be null');
	if (pattern && !pattern.test(value))
		throw validation(
			member,
			value,
			`Member must satisfy regular expression pattern: ${pattern.source.replace(/^\^|\$$/g, '')}`
		);
	return value;
}

/** A policy document as IAM accepts it: JSON text of an object with a `Statement`. */
function policyDocument(text: string): object {
	let document: unknown;
	try {
		document = JSON.parse(text);
	} catch {
		throw new ServiceError('MalformedPolicyDocument', 'This policy contains invalid Json');
	}
	if (
		!document ||
		typeof document !== 'object' ||
		Array.isArray(document) ||
		!('Statement' in document)
	)
		throw new ServiceError('MalformedPolicyDocument', 'Syntax errors in policy.');
	return document;
}

/** IAM returns policy documents URL-encoded (RFC 3986). */
const encodedPolicy = (document: object | undefined) =>
	encodeURIComponent(JSON.stringify(document ?? {}));

const isoMillis = (epochMs: number) => new Date(epochMs).toISOString();

/** Creates the IAM endpoint over the sandbox's role registry. */
export function createIamService(context: SandboxContext, callers: IamCallerCheck) {
	const noSuchRole = (name: string) =>
		new ServiceError('NoSuchEntity', `The role with name ${name} cannot be found.`, 404);

	/** The role of this account with that name (IAM role names are unique ignoring case). */
	function findRole(name: string): { arn: string; role: RoleDefinition } | undefined {
		for (const [arn, role] of context.roles) {
			const parsed = parseRoleArn(arn);
			if (
				parsed &&
				parsed.account === context.accountId &&
				parsed.name.toLowerCase() === name.toLowerCase()
			)
				return { arn, role };
		}
		return undefined;
	}

	function requireRole(name: string) {
		const found = findRole(name);
		if (!found) throw noSuchRole(name);
		return found;
	}

	function roleXml(arn: string, role: RoleDefinition): Record<string, XmlValue | undefined> {
		const path = /:role(\/.*\/|\/)[^/]+$/.exec(arn)?.[1] ?? '/';
		return {
			Path: path,
			RoleName: parseRoleArn(arn)!.name,
			RoleId: roleIdOf(arn),
			Arn: arn,
			CreateDate: isoMillis(role.createdAt ?? 0),
			AssumeRolePolicyDocument: encodedPolicy(role.trustPolicy),
			Description: role.description,
			MaxSessionDuration: role.maxSessionDuration ?? DEFAULT_MAX_SESSION_SECONDS,
		};
	}

	/** Sandbox-issued credentials need an IAM permission for the action, like any AWS principal. */
	async function authorize(caller: Caller, action: string, resource: string) {
		const decision = await callers.decide(caller, action, resource);
		if (decision && decision.decision !== 'Allow')
			throw new ServiceError(
				'AccessDenied',
				`User: ${decision.principalArn} is not authorized to perform: ${action} on resource: ${resource} ` +
					(decision.reason === 'explicit-deny'
						? 'with an explicit deny in an identity-based policy'
						: `because no identity-based policy allows the ${action} action`),
				403
			);
	}

	const roleArnFor = (name: string, path = '/') =>
		`arn:aws:iam::${context.accountId}:role${path}${name}`;

	type Handler = (fields: Fields, caller: Caller) => Promise<Record<string, XmlValue | undefined>>;
	const handlers = new Map<string, Handler>([
		[
			'CreateRole',
			async (fields, caller) => {
				const name = required(fields, 'RoleName', 'roleName', ROLE_NAME);
				const path = fields.Path ?? '/';
				if (!ROLE_PATH.test(path))
					throw validation(
						'path',
						path,
						'Member must satisfy regular expression pattern: (\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)'
					);
				const trust = policyDocument(
					required(fields, 'AssumeRolePolicyDocument', 'assumeRolePolicyDocument')
				);
				const maxSession = readMaxSession(fields);
				const description = fields.Description;
				if (description !== undefined && description.length > 1000)
					throw validation(
						'description',
						description,
						'Member must have length less than or equal to 1000'
					);
				const arn = roleArnFor(name, path);
				await authorize(caller, 'iam:CreateRole', arn);
				if (findRole(name))
					throw new ServiceError(
						'EntityAlreadyExists',
						`Role with name ${name} already exists.`,
						409
					);
				const role: RoleDefinition = {
					trustPolicy: trust,
					policies: [],
					inlinePolicies: dict(),
					createdAt: context.clock.now(),
					...(description !== undefined ? { description } : {}),
					...(maxSession !== undefined ? { maxSessionDuration: maxSession } : {}),
				};
				context.roles.set(arn, role);
				return { Role: roleXml(arn, role) };
			},
		],
		[
			'GetRole',
			async (fields, caller) => {
				const name = required(fields, 'RoleName', 'roleName', ROLE_NAME);
				await authorize(caller, 'iam:GetRole', roleArnFor(name));
				const { arn, role } = requireRole(name);
				return { Role: { ...roleXml(arn, role), RoleLastUsed: {} } };
			},
		],
		[
			'ListRoles',
			async (fields, caller) => {
				await authorize(caller, 'iam:ListRoles', `arn:aws:iam::${context.accountId}:role/`);
				const prefix = fields.PathPrefix ?? '/';
				const roles = [...context.roles]
					.filter(([arn]) => parseRoleArn(arn)?.account === context.accountId)
					.map(([arn, role]) => roleXml(arn, role))
					.filter((role) => String(role.Path).startsWith(prefix));
				return { Roles: roles as XmlValue[], IsTruncated: 'false' };
			},
		],
		[
			'UpdateAssumeRolePolicy',
			async (fields, caller) => {
				const name = required(fields, 'RoleName', 'roleName', ROLE_NAME);
				const trust = policyDocument(required(fields, 'PolicyDocument', 'policyDocument'));
				await authorize(caller, 'iam:UpdateAssumeRolePolicy', roleArnFor(name));
				requireRole(name).role.trustPolicy = trust;
				return {};
			},
		],
		[
			'DeleteRole',
			async (fields, caller) => {
				const name = required(fields, 'RoleName', 'roleName', ROLE_NAME);
				await authorize(caller, 'iam:DeleteRole', roleArnFor(name));
				const { arn, role } = requireRole(name);
				if (role.policies.length > 0 || Object.keys(role.inlinePolicies ?? {}).length > 0)
					throw new ServiceError(
						'DeleteConflict',
						'Cannot delete entity, must delete policies first.',
						409
					);
				context.roles.delete(arn);
				return {};
			},
		],
		[
			'PutRolePolicy',
			async (fields, caller) => {
				const name = required(fields, 'RoleName', 'roleName', ROLE_NAME);
				const policyName = required(fields, 'PolicyName', 'policyName', POLICY_NAME);
				const document = policyDocument(required(fields, 'PolicyDocument', 'policyDocument'));
				await authorize(caller, 'iam:PutRolePolicy', roleArnFor(name));
				const { role } = requireRole(name);
				const policies = dict(role.inlinePolicies);
				policies[policyName] = document;
				role.inlinePolicies = policies;
				return {};
			},
		],
		[
			'GetRolePolicy',
			async (fields, caller) => {
				const name = required(fields, 'RoleName', 'roleName', ROLE_NAME);
				const policyName = required(fields, 'PolicyName', 'policyName', POLICY_NAME);
				await authorize(caller, 'iam:GetRolePolicy', roleArnFor(name));
				const { arn, role } = requireRole(name);
				const document = inlinePolicy(role, policyName);
				return {
					RoleName: parseRoleArn(arn)!.name,
					PolicyName: policyName,
					PolicyDocument: encodedPolicy(document),
				};
			},
		],
		[
			'ListRolePolicies',
			async (fields, caller) => {
				const name = required(fields, 'RoleName', 'roleName', ROLE_NAME);
				await authorize(caller, 'iam:ListRolePolicies', roleArnFor(name));
				const { role } = requireRole(name);
				return {
					PolicyNames: Object.keys(role.inlinePolicies ?? {}).sort(),
					IsTruncated: 'false',
				};
			},
		],
		[
			'DeleteRolePolicy',
			async (fields, caller) => {
				const name = required(fields, 'RoleName', 'roleName', ROLE_NAME);
				const policyName = required(fields, 'PolicyName', 'policyName', POLICY_NAME);
				await authorize(caller, 'iam:DeleteRolePolicy', roleArnFor(name));
				const { role } = requireRole(name);
				inlinePolicy(role, policyName);
				const remaining = dict(role.inlinePolicies);
				delete remaining[policyName];
				role.inlinePolicies = remaining;
				return {};
			},
		],
	]);

	function inlinePolicy(role: RoleDefinition, policyName: string): object {
		const policies = role.inlinePolicies;
		if (!policies || !Object.hasOwn(policies, policyName))
			throw new ServiceError(
				'NoSuchEntity',
				`The role policy with name ${policyName} cannot be found.`,
				404
			);
		return policies[policyName]!;
	}

	return {
		/** Serves one IAM Query request. */
		fetch: (request: Request, caller: Caller) =>
			serveQuery(
				context,
				request,
				{ service: 'iam', namespace: IAM_NAMESPACE },
				async (fields, requestId) => {
					const action = fields.Action ?? '';
					const handler = handlers.get(action);
					if (!handler || (fields.Version !== undefined && fields.Version !== VERSION))
						throw new ServiceError(
							'InvalidAction',
							`Could not find operation ${action} for version ${fields.Version ?? VERSION}`
						);
					return queryResponse(action, await handler(fields, caller), requestId, IAM_NAMESPACE);
				}
			),
	};
}

export type IamService = ReturnType<typeof createIamService>;

function readMaxSession(fields: Fields): number | undefined {
	const text = fields.MaxSessionDuration;
	if (text === undefined) return undefined;
	const value = Number(text);
	if (!Number.isInteger(value) || value < 3600)
		throw validation(
			'maxSessionDuration',
			text,
			'Member must have value greater than or equal to 3600'
		);
	if (value > 43200)
		throw validation(
			'maxSessionDuration',
			text,
			'Member must have value less than or equal to 43200'
		);
	return value;
}
