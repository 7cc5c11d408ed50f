/**
 * STS for the sandbox: `AssumeRoleWithWebIdentity` (the step identity pools take for you in the enhanced flow,
 * and you take yourself in the basic flow) and `GetCallerIdentity`, over the Query protocol as
 * `@aws-sdk/client-sts` sends them; plus `simulateRequest`, which evaluates an AWS request made with the issued
 * credentials against the assumed role's policies.
 *
 * Roles come from `defineRole` or the IAM endpoint. A role ARN that was never defined is refused with
 * `AccessDenied` when the sandbox is strict (`strictRoles`, the emulator), as AWS does; otherwise (the simulator)
 * it behaves as a role whose trust policy trusts `cognito-identity.amazonaws.com` for any identity pool and which
 * grants nothing (so is a role defined without a trust policy). Temporary keys (`ASIA…`) the sandbox never issued
 * are refused with `InvalidClientTokenId`; other callers (`AKIA…` developer keys) are treated as the account's IAM
 * user `developer`.
 */
import { permissionPoliciesOf, type SandboxContext } from '../core/context';
import { ServiceError } from '../core/errors';
import type { Caller, Snapshotting } from '../core/service';
import {
	array,
	type Decoder,
	dictOf,
	encodeState,
	jsonObject,
	mapOf,
	number,
	optional,
	record,
	string,
	tuple,
} from '../core/state-codec';
import type { IamEvaluator, PolicyDecision, RequestContext } from '../iam';
import {
	newAccessKeyId,
	newSecretAccessKey,
	newSessionToken,
	parseRoleArn,
	roleIdOf,
} from './credentials';
import {
	isoSeconds,
	queryResponse,
	serveQuery,
	STS_NAMESPACE,
	validationError,
} from './query-protocol';
import { contextKeysOf, decodeUnverified, type WebIdentityVerifier } from './web-identity';

export type { WebIdentityVerifier, WebIdentityVerification } from './web-identity';

/** Temporary credentials as the enhanced flow returns them. */
export interface IssuedCredentials {
	AccessKeyId: string;
	SecretKey: string;
	SessionToken: string;
	/** Epoch milliseconds. */
	Expiration: number;
}

/** One issued set of temporary credentials and what the session carries. */
export interface StsSession {
	accessKeyId: string;
	roleArn: string;
	assumedRoleArn: string;
	/** `AROA…:<session name>`, what `GetCallerIdentity` returns as `UserId`. */
	assumedRoleId: string;
	sessionName: string;
	sessionPolicies: object[];
	/** Context keys the session brings to every request (`cognito-identity.amazonaws.com:sub`, principal tags …). */
	contextKeys: RequestContext;
	identityId?: string;
	issuedAt: number;
	expiration: number;
}

/** The secret half of issued credentials. */
export interface SessionSecret {
	secret: string;
	token: string;
}

/** STS's part of a snapshot. */
export interface StsSnapshot {
	sessions: Map<string, StsSession>;
	secrets: Map<string, SessionSecret>;
}

/** The STS service: the Query protocol endpoint and what identity pools and the sandbox call directly. */
export interface StsService extends Snapshotting<StsSnapshot> {
	/** Serves `AssumeRoleWithWebIdentity` and `GetCallerIdentity` as `@aws-sdk/client-sts` sends them. */
	fetch(request: Request, caller: Caller): Promise<Response>;
	/** Used by identity pools' enhanced flow: checks the role's trust policy, then issues credentials. */
	assumeRoleWithWebIdentity(input: {
		roleArn: string;
		roleSessionName: string;
		webIdentityToken: string;
		sessionPolicies?: object[];
		durationSeconds?: number;
		identityId?: string;
	}): Promise<IssuedCredentials & { assumedRoleArn: string }>;
	/** Evaluates an AWS request made with issued credentials against the assumed role's policies. */
	simulateRequest(input: {
		accessKeyId: string;
		action: string;
		resource: string;
		context?: RequestContext;
	}): Promise<PolicyDecision & { principalArn: string }>;
	/** Lets an identity provider (the identity-pool service) vouch for the web identity tokens it issues. */
	registerWebIdentityProvider(verifier: WebIdentityVerifier): void;
	/** The session behind a sandbox-issued access key id, if any (expired sessions included). */
	sessionFor(accessKeyId: string | undefined): StsSession | undefined;
	/** The secret access key and session token issued with an access key id (to check SigV4 signatures). */
	secretFor(accessKeyId: string): SessionSecret | undefined;
}

/** Identity pools ask for one-hour credentials; STS's own default is the same. */
const DEFAULT_DURATION_SECONDS = 3600;
/** Roles default to a one-hour maximum session duration. */
const DEFAULT_MAX_SESSION_SECONDS = 3600;
const ASSUME_ACTION = 'sts:AssumeRoleWithWebIdentity';
const TAG_ACTION = 'sts:TagSession';

/** The trust policy of an undefined role: any identity pool's tokens may assume it (with session tags). */
export const DEFAULT_COGNITO_TRUST_POLICY = Object.freeze({
	Version: '2012-10-17',
	Statement: [
		{
			Effect: 'Allow',
			Principal: { Federated: 'cognito-identity.amazonaws.com' },
			Action: [ASSUME_ACTION, TAG_ACTION],
		},
	],
});

/** Creates the STS service over the sandbox context and the IAM evaluator. */
export function createStsService(context: SandboxContext, deps: { iam: IamEvaluator }): StsService {
	let sessions = new Map<string, StsSession>();
	const verifiers = new Map<string, WebIdentityVerifier>();

	async function assumeRoleWithWebIdentity(input: {
		roleArn: string;
		roleSessionName: string;
		webIdentityToken: string;
		sessionPolicies?: object[];
		durationSeconds?: number;
		identityId?: string;
	}) {
		const session = await assume(input);
		return {
			AccessKeyId: session.accessKeyId,
			SecretKey: sessionSecrets.get(session.accessKeyId)!.secret,
			SessionToken: sessionSecrets.get(session.accessKeyId)!.token,
			Expiration: session.expiration,
			assumedRoleArn: session.assumedRoleArn,
		};
	}

	function sessionOf(accessKeyId: string | undefined): StsSession | undefined {
		return accessKeyId === undefined ? undefined : sessions.get(accessKeyId);
	}

	// Secrets live beside the sessions so snapshots can keep them without widening StsSession.
	let sessionSecrets = new Map<string, SessionSecret>();

	async function assume(input: {
		roleArn: string;
		roleSessionName: string;
		webIdentityToken: string;
		sessionPolicies?: object[];
		durationSeconds?: number;
		identityId?: string;
	}): Promise<StsSession & { claims: Record<string, unknown>; provider: string }> {
		const role = parseRoleArn(input.roleArn);
		if (!role) throw validationError(`${input.roleArn} is invalid`);
		if (!/^[\w+=,.@-]{2,64}$/.test(input.roleSessionName)) {
			throw validationError(
				`1 validation error detected: Value '${input.roleSessionName}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`
			);
		}
		const durationSeconds = input.durationSeconds ?? DEFAULT_DURATION_SECONDS;
		if (durationSeconds < 900 || durationSeconds > 43200) {
			throw validationError(
				`1 validation error detected: Value '${durationSeconds}' at 'durationSeconds' failed to satisfy constraint: Member must have value between 900 and 43200`
			);
		}
		const definition = context.roles.get(input.roleArn);
		if (durationSeconds > (definition?.maxSessionDuration ?? DEFAULT_MAX_SESSION_SECONDS)) {
			throw validationError(
				'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.'
			);
		}

		const unverified = decodeUnverified(input.webIdentityToken);
		if (!unverified)
			throw new ServiceError(
				'InvalidIdentityToken',
				"Couldn't retrieve verification key from your identity provider,  please reference AssumeRoleWithWebIdentity documentation for requirements"
			);
		const verifier = [...verifiers.values()].find(
			(candidate) => candidate.issuer === unverified.iss
		);
		if (!verifier)
			throw new ServiceError(
				'InvalidIdentityToken',
				`No OpenIDConnect provider found in your account for ${String(unverified.iss)}`
			);
		const verification = await verifier.verify(input.webIdentityToken);
		if (!verification.ok) {
			if (verification.expired)
				throw new ServiceError(
					'ExpiredTokenException',
					'Token expired: current date/time must be before the expiration date/time.'
				);
			throw new ServiceError('InvalidIdentityToken', verification.message);
		}
		const claims = verification.claims;
		const contextKeys = contextKeysOf(verifier.provider, claims);

		// Strict: AWS answers an unknown role exactly like an untrusting one (it never says which).
		const trustPolicy =
			definition?.trustPolicy ??
			(context.strictRoles && !definition ? {} : DEFAULT_COGNITO_TRUST_POLICY);
		// Session tags (attributes for access control) also need sts:TagSession in the trust policy.
		const hasTags = Object.keys(contextKeys).some((key) => key.startsWith('aws:PrincipalTag/'));
		for (const action of hasTags ? [ASSUME_ACTION, TAG_ACTION] : [ASSUME_ACTION]) {
			const trust = deps.iam.evaluateTrust({
				trustPolicy,
				principal: { Federated: verifier.provider },
				action,
				context: contextKeys,
			});
			context.emit({
				type: 'PolicyEvaluated',
				principalArn: verifier.provider,
				action,
				resource: input.roleArn,
				decision: trust.decision,
				statement: trust.statement,
				at: context.clock.now(),
			});
			if (trust.decision !== 'Allow')
				throw new ServiceError('AccessDenied', `Not authorized to perform ${action}`, 403);
		}

		const now = context.clock.now();
		const accessKeyId = newAccessKeyId(context);
		sessionSecrets.set(accessKeyId, {
			secret: newSecretAccessKey(context),
			token: newSessionToken(context),
		});
		const session: StsSession = {
			accessKeyId,
			roleArn: input.roleArn,
			assumedRoleArn: `arn:${role.partition}:sts::${role.account}:assumed-role/${role.name}/${input.roleSessionName}`,
			assumedRoleId: `${roleIdOf(input.roleArn)}:${input.roleSessionName}`,
			sessionName: input.roleSessionName,
			sessionPolicies: input.sessionPolicies ?? [],
			contextKeys: {
				...contextKeys,
				'aws:PrincipalArn': input.roleArn,
				'aws:userid': `${roleIdOf(input.roleArn)}:${input.roleSessionName}`,
			},
			identityId: input.identityId ?? (typeof claims.sub === 'string' ? claims.sub : undefined),
			issuedAt: now,
			expiration: now + durationSeconds * 1000,
		};
		sessions.set(accessKeyId, session);
		context.emit({
			type: 'CredentialsIssued',
			identityId: session.identityId ?? '',
			roleArn: input.roleArn,
			accessKeyId,
			expiration: session.expiration,
			at: now,
		});
		return { ...session, claims, provider: verifier.provider };
	}

	async function simulateRequest(input: {
		accessKeyId: string;
		action: string;
		resource: string;
		context?: RequestContext;
	}) {
		const session = sessionOf(input.accessKeyId);
		if (!session)
			throw new ServiceError(
				'InvalidClientTokenId',
				'The security token included in the request is invalid.',
				403
			);
		if (context.clock.now() >= session.expiration)
			throw new ServiceError(
				'ExpiredToken',
				'The security token included in the request is expired',
				403
			);
		const policies = permissionPoliciesOf(context.roles.get(session.roleArn));
		const requestContext: RequestContext = {
			...session.contextKeys,
			'aws:CurrentTime': isoSeconds(context.clock.now()),
			'aws:EpochTime': String(Math.floor(context.clock.now() / 1000)),
			...(input.context ?? {}),
		};
		const decision = deps.iam.evaluate({
			policies,
			sessionPolicies: session.sessionPolicies,
			action: input.action,
			resource: input.resource,
			context: requestContext,
		});
		context.emit({
			type: 'PolicyEvaluated',
			principalArn: session.assumedRoleArn,
			action: input.action,
			resource: input.resource,
			decision: decision.decision,
			statement: decision.statement,
			at: context.clock.now(),
		});
		return { ...decision, principalArn: session.assumedRoleArn };
	}

	async function handleQuery(
		fields: Record<string, string>,
		caller: Caller,
		requestId: string
	): Promise<Response> {
		const action = fields.Action ?? '';
		if (fields.Version !== undefined && fields.Version !== '2011-06-15') {
			throw new ServiceError(
				'InvalidAction',
				`Could not find operation ${action} for version ${fields.Version}`
			);
		}
		if (action === 'AssumeRoleWithWebIdentity') {
			for (const [field, member] of [
				['RoleArn', 'roleArn'],
				['RoleSessionName', 'roleSessionName'],
				['WebIdentityToken', 'webIdentityToken'],
			] as const) {
				if (!fields[field])
					throw validationError(
						`1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`
					);
			}
			let sessionPolicies: object[] = [];
			if (fields.Policy) {
				try {
					sessionPolicies = [JSON.parse(fields.Policy)];
				} catch {
					throw new ServiceError(
						'MalformedPolicyDocument',
						'The policy is not in the valid JSON format.'
					);
				}
			}
			const duration = fields.DurationSeconds ? Number(fields.DurationSeconds) : undefined;
			const session = await assume({
				roleArn: fields.RoleArn!,
				roleSessionName: fields.RoleSessionName!,
				webIdentityToken: fields.WebIdentityToken!,
				sessionPolicies,
				durationSeconds: duration,
			});
			const secrets = sessionSecrets.get(session.accessKeyId)!;
			return queryResponse(
				action,
				// Element order as real STS responses list them.
				{
					Audience: String(session.claims.aud ?? ''),
					AssumedRoleUser: { AssumedRoleId: session.assumedRoleId, Arn: session.assumedRoleArn },
					Provider: session.provider,
					Credentials: {
						AccessKeyId: session.accessKeyId,
						SecretAccessKey: secrets.secret,
						SessionToken: secrets.token,
						Expiration: isoSeconds(session.expiration),
					},
					SubjectFromWebIdentityToken: String(session.claims.sub ?? ''),
				},
				requestId
			);
		}
		if (action === 'GetCallerIdentity') {
			return queryResponse(action, callerIdentity(caller), requestId);
		}
		throw new ServiceError(
			'InvalidAction',
			`Could not find operation ${action} for version 2011-06-15`
		);
	}

	function callerIdentity(caller: Caller): Record<string, string> {
		const session = sessionOf(caller.accessKeyId);
		if (session) {
			if (context.clock.now() >= session.expiration)
				throw new ServiceError(
					'ExpiredToken',
					'The security token included in the request is expired',
					403
				);
			return {
				UserId: session.assumedRoleId,
				Account: parseRoleArn(session.roleArn)?.account ?? context.accountId,
				Arn: session.assumedRoleArn,
			};
		}
		if (caller.accessKeyId?.startsWith('ASIA'))
			throw new ServiceError(
				'InvalidClientTokenId',
				'The security token included in the request is invalid.',
				403
			);
		return {
			UserId: 'AIDASANDBOXDEVELOPER',
			Account: context.accountId,
			Arn: `arn:aws:iam::${context.accountId}:user/developer`,
		};
	}

	return {
		fetch: (request, caller) =>
			serveQuery(
				context,
				request,
				{ service: 'sts', namespace: STS_NAMESPACE, redact },
				(fields, requestId) => handleQuery(fields, caller, requestId)
			),
		assumeRoleWithWebIdentity,
		simulateRequest,
		registerWebIdentityProvider(verifier) {
			verifiers.set(verifier.issuer, verifier);
		},
		sessionFor: sessionOf,
		secretFor: (accessKeyId) => sessionSecrets.get(accessKeyId),
		snapshot: () => encodeState({ sessions, secrets: sessionSecrets }),
		decode: (snapshot, path) =>
			snapshot === undefined
				? { sessions: new Map(), secrets: new Map() }
				: decodeStsSnapshot(snapshot, path),
		load(saved) {
			sessions = saved.sessions;
			sessionSecrets = saved.secrets;
		},
	};
}

/** The trace keeps the request but not the bearer token itself. */
function redact(fields: Record<string, string>): Record<string, string> {
	return fields.WebIdentityToken
		? { ...fields, WebIdentityToken: `${fields.WebIdentityToken.slice(0, 16)}…` }
		: fields;
}

const stsSession = record<StsSession>({
	accessKeyId: string,
	roleArn: string,
	assumedRoleArn: string,
	assumedRoleId: string,
	sessionName: string,
	sessionPolicies: array(jsonObject),
	contextKeys: dictOf((value, path) =>
		(Array.isArray(value) ? array(string) : string)(value, path)
	),
	identityId: optional(string),
	issuedAt: number,
	expiration: number,
});
const sessionSecret = record<SessionSecret>({ secret: string, token: string });

/** Decodes STS's part of a snapshot (format 1 kept the secrets as a list of pairs). */
const decodeStsSnapshot: Decoder<StsSnapshot> = (value, path) => {
	const saved = record<{ sessions: Map<string, StsSession>; secrets: unknown }>({
		sessions: mapOf(stsSession),
		secrets: (secrets) => secrets,
	})(value, path);
	const secrets = Array.isArray(saved.secrets)
		? new Map(
				array(tuple<[string, SessionSecret]>(string, sessionSecret))(
					saved.secrets,
					`${path}.secrets`
				)
			)
		: mapOf(sessionSecret)(saved.secrets, `${path}.secrets`);
	return { sessions: saved.sessions, secrets };
};
