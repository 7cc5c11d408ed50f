/**
 * An Application Load Balancer listener with `authenticate-cognito` rules, served on its DNS name
 * `<name>-<number>.<region>.elb.amazonaws.com`:
 * - an unauthenticated request gets, per `onUnauthenticatedRequest`, a 302 to the user pool's managed login
 *   (`authenticate`, the default), 401 (`deny`) or goes to the target without claims (`allow`);
 * - `/oauth2/idpresponse` on the ALB host exchanges the code at the pool's `/oauth2/token` (as a confidential
 *   client, with its secret) and reads `/oauth2/userInfo`, through the sandbox itself; an IdP error is HTTP 561;
 * - the session lives in the `AWSELBAuthSessionCookie-0` (-1, … when larger than 4,000 characters) cookie;
 * - the target receives `x-amzn-oidc-accesstoken`, `x-amzn-oidc-identity` and `x-amzn-oidc-data`, a JWT the ALB
 *   signs with ES256 (header `kid`, `signer` = the ALB ARN, `client`, `iss`, `exp`; base64url segments keep their
 *   `=` padding, as ALB's do), whose public key is served as PEM at
 *   `https://public-keys.auth.elb.<region>.amazonaws.com/<kid>`.
 * The mock target answers with what it received. Differences: the session cookie is signed (HMAC), not encrypted,
 * and expired access tokens are not refreshed (the user signs in again).
 */
import { exportJWK, exportSPKI, generateKeyPair, importJWK, type JWK } from 'jose';
import type { SandboxContext } from '../core/context';
import { dict } from '../core/dict';
import {
	array,
	type Decoder,
	json,
	number,
	oneOf,
	optional,
	record,
	string,
} from '../core/state-codec';
import { cookiesOf } from '../oauth/http';
import type { GatewayRequest } from './api-gateway/events';
import type { Served } from './api-gateway/rest';
import { DefinitionError, identifierDecoder } from './definitions';
import { userPoolIssuer } from './jwt';

/** One listener rule: a path pattern (`*`, `?`) and, optionally, an `authenticate-cognito` action. */
export interface AlbRule {
	pathPattern?: string;
	authenticateCognito?: {
		userPoolArn: string;
		userPoolClientId: string;
		/** The domain prefix (`my-app`) or a custom domain (`auth.example.com`). */
		userPoolDomain: string;
		onUnauthenticatedRequest?: 'authenticate' | 'deny' | 'allow';
		/** Default `openid`. */
		scope?: string;
		/** Default `AWSELBAuthSessionCookie`. */
		sessionCookieName?: string;
		/** Seconds (default 604,800: 7 days). */
		sessionTimeout?: number;
	};
}

export interface LoadBalancerDefinition {
	/** 1–32 letters, digits and hyphens. */
	name: string;
	/** Rules in priority order; the first whose path pattern matches applies (none: forward without sign-in). */
	rules: AlbRule[];
}

/** A load balancer as stored: its definition, names and keys. */
export interface StoredLoadBalancer {
	definition: LoadBalancerDefinition;
	arn: string;
	host: string;
	/** Key id of the ES256 key (a UUID, as ALB's are). */
	kid: string;
	privateJwk: JWK;
	publicPem: string;
	/** Signs the session cookie. */
	cookieSecret: string;
}

const COOKIE_SHARD = 4000;
const STATE_TTL_MS = 15 * 60 * 1000;
/** Lifetime of an `x-amzn-oidc-data` token (the sandbox's choice; ALB's tokens are short-lived). */
const DATA_TOKEN_SECONDS = 120;
const DEFAULT_SESSION_SECONDS = 604_800;
const KEYS_HOST = /^public-keys\.auth\.elb\.([a-z0-9-]+)\.amazonaws\.com$/;

const decoder = record<LoadBalancerDefinition>({
	name: identifierDecoder(
		/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$/,
		'a load balancer name (1-32 letters, digits, hyphens)'
	),
	rules: array(
		record<AlbRule>({
			pathPattern: optional(string),
			authenticateCognito: optional(
				record<NonNullable<AlbRule['authenticateCognito']>>({
					userPoolArn: identifierDecoder(
						/^arn:aws[\w-]*:cognito-idp:[\w-]+:\d{12}:userpool\/[\w-]+_[0-9a-zA-Z]+$/,
						'a user pool ARN'
					),
					userPoolClientId: string,
					userPoolDomain: identifierDecoder(
						/^[a-z0-9.-]{1,253}$/,
						'a domain prefix or custom domain'
					),
					onUnauthenticatedRequest: optional(oneOf('authenticate', 'deny', 'allow')),
					scope: optional(string),
					sessionCookieName: optional(identifierDecoder(/^[\w-]{1,64}$/, 'a cookie name')),
					sessionTimeout: optional(number),
				})
			),
		})
	),
});

export const storedLoadBalancer: Decoder<StoredLoadBalancer> = record<StoredLoadBalancer>({
	definition: decoder,
	arn: string,
	host: string,
	kid: string,
	privateJwk: json,
	publicPem: string,
	cookieSecret: string,
});

const b64url = (bytes: Uint8Array, pad = false) => {
	let text = btoa(String.fromCharCode(...bytes))
		.replace(/\+/g, '-')
		.replace(/\//g, '_');
	if (!pad) text = text.replace(/=+$/, '');
	return text;
};
const utf8 = (text: string) => new TextEncoder().encode(text);

function globMatches(pattern: string, path: string): boolean {
	const body = pattern
		.replace(/[.+^${}()|[\]\\]/g, '\\$&')
		.replace(/\*/g, '.*')
		.replace(/\?/g, '.');
	return new RegExp(`^${body}$`, 's').test(path);
}

export function createLoadBalancers(
	context: SandboxContext,
	deps: {
		fetch: (request: Request) => Promise<Response>;
		balancers: () => Map<string, StoredLoadBalancer>;
	}
) {
	// Sign-ins under way, by `state` (the ALB's own nonce): kept in memory only, like the short-lived state
	// cookie real ALBs set; bounded.
	const pending = new Map<
		string,
		{ host: string; rule: number; returnTo: string; expires: number }
	>();
	const signingKeys = new Map<string, Promise<CryptoKey>>();

	async function define(input: LoadBalancerDefinition) {
		let definition: LoadBalancerDefinition;
		try {
			definition = decoder(input, '');
		} catch (error) {
			throw new DefinitionError(
				`Load balancer: ${error instanceof Error ? error.message : String(error)}`
			);
		}
		const number = context.randomString(10, '0123456789').replace(/^0/, '1');
		const id = context.randomString(16, '0123456789abcdef');
		const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
		const stored: StoredLoadBalancer = {
			definition,
			arn: `arn:aws:elasticloadbalancing:${context.region}:${context.accountId}:loadbalancer/app/${definition.name}/${id}`,
			host: `${definition.name.toLowerCase()}-${number}.${context.region}.elb.amazonaws.com`,
			kid: context.uuid(),
			privateJwk: await exportJWK(privateKey),
			publicPem: await exportSPKI(publicKey),
			cookieSecret: context.randomString(
				43,
				'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
			),
		};
		deps.balancers().set(stored.host, stored);
		return {
			arn: stored.arn,
			dnsName: stored.host,
			url: context.urls.url(stored.host),
			callbackUrl: context.urls.url(stored.host, '/oauth2/idpresponse'),
		};
	}

	function keyOf(balancer: StoredLoadBalancer): Promise<CryptoKey> {
		let key = signingKeys.get(balancer.kid);
		if (!key) {
			key = importJWK(balancer.privateJwk, 'ES256') as Promise<CryptoKey>;
			signingKeys.set(balancer.kid, key);
		}
		return key;
	}

	async function hmac(secret: string, text: string): Promise<string> {
		const key = await crypto.subtle.importKey(
			'raw',
			utf8(secret),
			{ name: 'HMAC', hash: 'SHA-256' },
			false,
			['sign']
		);
		return b64url(new Uint8Array(await crypto.subtle.sign('HMAC', key, utf8(text))));
	}

	/** The ALB-signed `x-amzn-oidc-data` JWT (ES256, padded base64url segments). */
	async function dataToken(
		balancer: StoredLoadBalancer,
		issuer: string,
		clientId: string,
		claims: Record<string, unknown>
	) {
		const exp = Math.floor(context.clock.now() / 1000) + DATA_TOKEN_SECONDS;
		const header = {
			alg: 'ES256',
			kid: balancer.kid,
			signer: balancer.arn,
			iss: issuer,
			client: clientId,
			exp,
		};
		const signingInput = `${b64url(utf8(JSON.stringify(header)), true)}.${b64url(utf8(JSON.stringify({ ...claims, exp, iss: issuer })), true)}`;
		const signature = await crypto.subtle.sign(
			{ name: 'ECDSA', hash: 'SHA-256' },
			await keyOf(balancer),
			utf8(signingInput)
		);
		return `${signingInput}.${b64url(new Uint8Array(signature), true)}`;
	}

	/** The session from the cookie shards, when it is intact and current. */
	async function readSession(balancer: StoredLoadBalancer, request: Request, cookieName: string) {
		let cookies: Map<string, string>;
		try {
			cookies = cookiesOf(request);
		} catch {
			return undefined;
		}
		let value = '';
		for (let shard = 0; cookies.has(`${cookieName}-${shard}`); shard++)
			value += cookies.get(`${cookieName}-${shard}`);
		const [body = '', mac = ''] = value.split('.');
		if (!body || mac !== (await hmac(balancer.cookieSecret, body))) return undefined;
		try {
			const session = JSON.parse(
				new TextDecoder().decode(
					Uint8Array.from(atob(body.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0))
				)
			);
			return session.expires > context.clock.now() && session.accessExpires > context.clock.now()
				? (session as {
						accessToken: string;
						claims: Record<string, unknown>;
						expires: number;
						accessExpires: number;
					})
				: undefined;
		} catch {
			return undefined;
		}
	}

	function domainHostOf(domain: string) {
		return domain.includes('.') ? domain : `${domain}.auth.${context.region}.amazoncognito.com`;
	}

	const respond = (
		status: number,
		body: string,
		headers: Record<string, string> = {},
		requestId = ''
	) =>
		new Response(body, {
			status,
			headers: { 'content-type': 'text/html', 'x-amzn-requestid': requestId, ...headers },
		});

	/** The mock target: what the application behind the ALB receives. */
	function forward(incoming: GatewayRequest, extra: Record<string, string>): Response {
		const headers = dict({ ...incoming.headers, ...extra });
		return new Response(
			JSON.stringify({
				method: incoming.method,
				path: incoming.fullPath,
				query: incoming.query,
				headers,
			}),
			{ status: 200, headers: { 'content-type': 'application/json' } }
		);
	}

	async function callback(balancer: StoredLoadBalancer, incoming: GatewayRequest): Promise<Served> {
		const state = incoming.query.state?.[0] ?? '';
		const code = incoming.query.code?.[0];
		const started = pending.get(state);
		pending.delete(state);
		// The rule that sent the browser to sign in.
		const auth = started && balancer.definition.rules[started.rule]?.authenticateCognito;
		if (
			!started ||
			started.host !== balancer.host ||
			started.expires < context.clock.now() ||
			!auth ||
			!code
		)
			return {
				response: respond(401, '<html><body><h1>401 Authorization Required</h1></body></html>'),
				authorization: 'authenticate-cognito',
				reason: 'no sign-in under way for this state, or no code',
			};
		const poolId = auth.userPoolArn.slice(auth.userPoolArn.indexOf('/') + 1);
		const idp = domainHostOf(auth.userPoolDomain);
		const refusal = (reason: string): Served => ({
			// ALB's own status for a failed exchange with the identity provider.
			response: respond(561, '<html><body><h1>561 Authentication Error</h1></body></html>'),
			authorization: 'authenticate-cognito',
			reason,
		});
		const described = await deps.fetch(
			new Request(context.urls.url(`cognito-idp.${context.region}.amazonaws.com`, '/'), {
				method: 'POST',
				headers: {
					'x-amz-target': 'AWSCognitoIdentityProviderService.DescribeUserPoolClient',
					'content-type': 'application/x-amz-json-1.1',
				},
				body: JSON.stringify({ UserPoolId: poolId, ClientId: auth.userPoolClientId }),
			})
		);
		const secret = described.ok
			? ((await described.json()) as { UserPoolClient?: { ClientSecret?: unknown } }).UserPoolClient
					?.ClientSecret
			: undefined;
		if (typeof secret !== 'string')
			return refusal('the app client has no secret (ALB needs a confidential client)');
		const token = await deps.fetch(
			new Request(context.urls.url(idp, '/oauth2/token'), {
				method: 'POST',
				headers: {
					'content-type': 'application/x-www-form-urlencoded',
					authorization: `Basic ${btoa(`${auth.userPoolClientId}:${secret}`)}`,
				},
				body: new URLSearchParams({
					grant_type: 'authorization_code',
					code,
					client_id: auth.userPoolClientId,
					redirect_uri: context.urls.url(balancer.host, '/oauth2/idpresponse'),
				}).toString(),
			})
		);
		const tokens = (await token.json().catch(() => ({}))) as {
			access_token?: unknown;
			id_token?: unknown;
			refresh_token?: unknown;
			expires_in?: unknown;
			error?: unknown;
		};
		if (!token.ok || typeof tokens.access_token !== 'string')
			return refusal(`the token endpoint answered ${token.status} ${tokens.error ?? ''}`.trim());
		const userInfo = await deps.fetch(
			new Request(context.urls.url(idp, '/oauth2/userInfo'), {
				headers: { authorization: `Bearer ${tokens.access_token}` },
			})
		);
		if (!userInfo.ok) return refusal(`the userInfo endpoint answered ${userInfo.status}`);
		const claims = (await userInfo.json()) as Record<string, unknown>;
		const now = context.clock.now();
		// Like ALB's (encrypted) session, it holds all three tokens, which is why it usually needs two shards.
		const session = {
			accessToken: tokens.access_token,
			idToken: tokens.id_token,
			refreshToken: tokens.refresh_token,
			claims,
			expires: now + (auth.sessionTimeout ?? DEFAULT_SESSION_SECONDS) * 1000,
			accessExpires: now + Number(tokens.expires_in ?? 3600) * 1000,
		};
		const body = b64url(utf8(JSON.stringify(session)));
		const value = `${body}.${await hmac(balancer.cookieSecret, body)}`;
		const name = auth.sessionCookieName ?? 'AWSELBAuthSessionCookie';
		const expires = new Date(session.expires).toUTCString();
		const headers = new Headers({ location: started.returnTo });
		for (let shard = 0; shard * COOKIE_SHARD < value.length; shard++)
			headers.append(
				'set-cookie',
				`${name}-${shard}=${value.slice(shard * COOKIE_SHARD, (shard + 1) * COOKIE_SHARD)}; Expires=${expires}; Path=/; Secure; HttpOnly; SameSite=None`
			);
		return {
			response: new Response(null, { status: 302, headers }),
			authorization: 'authenticate-cognito',
		};
	}

	async function serve(
		balancer: StoredLoadBalancer,
		request: Request,
		incoming: GatewayRequest
	): Promise<Served> {
		if (incoming.fullPath === '/oauth2/idpresponse') return callback(balancer, incoming);
		const rule = balancer.definition.rules.find((candidate) =>
			globMatches(candidate.pathPattern ?? '*', incoming.fullPath)
		);
		const auth = rule?.authenticateCognito;
		if (!auth) return { response: forward(incoming, {}), authorization: 'forward' };
		const session = await readSession(
			balancer,
			request,
			auth.sessionCookieName ?? 'AWSELBAuthSessionCookie'
		);
		if (session) {
			const poolId = auth.userPoolArn.slice(auth.userPoolArn.indexOf('/') + 1);
			return {
				response: forward(incoming, {
					'x-amzn-oidc-accesstoken': session.accessToken,
					'x-amzn-oidc-identity': String(session.claims.sub ?? ''),
					'x-amzn-oidc-data': await dataToken(
						balancer,
						userPoolIssuer(context, poolId),
						auth.userPoolClientId,
						session.claims
					),
				}),
				authorization: 'authenticate-cognito',
			};
		}
		switch (auth.onUnauthenticatedRequest ?? 'authenticate') {
			case 'allow':
				return { response: forward(incoming, {}), authorization: 'authenticate-cognito (allow)' };
			case 'deny':
				return {
					response: respond(401, '<html><body><h1>401 Authorization Required</h1></body></html>'),
					authorization: 'authenticate-cognito (deny)',
					reason: 'no session and on_unauthenticated_request is deny',
				};
			default: {
				const state = context.randomString(
					32,
					'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
				);
				if (pending.size >= 1000) pending.delete(pending.keys().next().value!);
				const search = new URL(request.url).search;
				pending.set(state, {
					host: balancer.host,
					rule: balancer.definition.rules.indexOf(rule!),
					returnTo: context.urls.url(balancer.host, `${incoming.fullPath}${search}`),
					expires: context.clock.now() + STATE_TTL_MS,
				});
				const authorize = new URLSearchParams({
					client_id: auth.userPoolClientId,
					redirect_uri: context.urls.url(balancer.host, '/oauth2/idpresponse'),
					response_type: 'code',
					scope: auth.scope ?? 'openid',
					state,
				});
				return {
					response: new Response(null, {
						status: 302,
						headers: {
							location: context.urls.url(
								domainHostOf(auth.userPoolDomain),
								`/oauth2/authorize?${authorize}`
							),
						},
					}),
					authorization: 'authenticate-cognito',
					reason: 'no session: sent to managed login',
				};
			}
		}
	}

	/** `GET https://public-keys.auth.elb.<region>.amazonaws.com/<kid>`: the PEM public key. */
	function publicKey(region: string, kid: string): Response {
		const balancer =
			region === context.region
				? [...deps.balancers().values()].find((candidate) => candidate.kid === kid)
				: undefined;
		return balancer
			? new Response(balancer.publicPem, {
					status: 200,
					headers: { 'content-type': 'application/x-pem-file' },
				})
			: new Response('Not Found', { status: 404, headers: { 'content-type': 'text/plain' } });
	}

	return {
		define,
		serve,
		publicKey,
		servesKeys: (host: string) => KEYS_HOST.exec(host)?.[1],
		flush() {
			pending.clear();
			signingKeys.clear();
		},
	};
}
