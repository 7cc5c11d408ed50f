/**
 * The sandbox's mock identity providers, one set for the whole sandbox: Google, Facebook, Login with Amazon
 * and Sign in with Apple on their real host names, generic OpenID Connect issuers and SAML 2.0 IdPs on the
 * hosts they were stood up at. User pools federate with them through their real endpoints (a browser, the
 * emulator or the sandbox's own fetch all reach them), and identity pools' `Logins` tokens
 * (`sandbox.mintProviderToken`) are signed with the same keys.
 *
 * A generic OIDC issuer or SAML IdP is stood up when a learner names one that nothing else serves: an OIDC
 * identity provider's `oidc_issuer`, a SAML provider's `MetadataURL`, an OIDC provider name in an identity
 * pool's Logins. AWS and loopback hosts are never taken over.
 */
import type { SandboxContext } from '../../core/context';
import type { Snapshotting, WebFrontEnd } from '../../core/service';
import { encodeState } from '../../core/state-codec';
import { createKeyRing, type SigningKey } from '../../identity/key-ring';
import type { MockIdpRegistry } from '../deps';
import { idpName, serveOAuth, type IdpEnv } from './oauth-idp';
import { oidcRoute, socialRoute, SOCIAL_HOSTS, SOCIAL_ISSUERS, type OAuthRoute } from './routes';
import { serveSamlIdp } from './saml-idp';
import {
	decodeMockIdps,
	emptyMockIdpState,
	type MockIdpSnapshot,
	type MockIdpState,
} from './state';

/** Hosts never taken over by a mock IdP (the sandbox's own AWS endpoints, loopback). */
const RESERVED =
	/(^|\.)(amazonaws\.com|amazoncognito\.com|amazon\.com|apple\.com|google\.com|googleapis\.com|facebook\.com|localhost)$|^127\.|^\[::1\]$/;

/** The identity-pool `Logins` keys of the social providers, with the provider each is. */
const LOGIN_PROVIDERS: Record<string, Exclude<OAuthRoute['kind'], 'OIDC'>> = {
	'accounts.google.com': 'Google',
	'graph.facebook.com': 'Facebook',
	'www.amazon.com': 'LoginWithAmazon',
	'appleid.apple.com': 'SignInWithApple',
};

/** The mock IdPs of one sandbox. */
export interface MockIdps extends MockIdpRegistry, Snapshotting<MockIdpSnapshot> {
	frontEnd: WebFrontEnd;
	/** The signing key and issuer of an identity-pool `Logins` provider (social, OIDC name or SAML ARN). */
	loginKey(provider: string): Promise<{ key: SigningKey; issuer: string }>;
}

/** Creates the mock IdPs over the sandbox context. */
export function createMockIdps(context: SandboxContext): MockIdps {
	let state: MockIdpState = emptyMockIdpState();
	const keys = createKeyRing(context);
	const env: IdpEnv = { context, state: () => state, key: (name) => keys.get(name) };

	/** The generic OIDC route of a request, if an issuer stood up on its host matches. */
	function genericRoute(host: string, path: string): OAuthRoute | undefined {
		for (const issuer of state.oidcIssuers.keys()) {
			const target = context.urls.target(new URL(issuer));
			if (target.host !== host) continue;
			const route = oidcRoute(issuer, target.path.replace(/\/+$/, ''), path);
			if (route) return route;
		}
		return undefined;
	}

	const hostOf = (url: string) => {
		try {
			return context.urls.target(new URL(url)).host;
		} catch {
			return undefined;
		}
	};

	const registry: MockIdps = {
		frontEnd: {
			serves: (host) =>
				SOCIAL_HOSTS.has(host) ||
				state.samlHosts.has(host) ||
				[...state.oidcIssuers.keys()].some((issuer) => hostOf(issuer) === host),
			async fetch(request, target) {
				const route =
					socialRoute(target.host, target.path) ?? genericRoute(target.host, target.path);
				if (route) return serveOAuth(env, route, request, target);
				if (state.samlHosts.has(target.host)) return serveSamlIdp(env, request, target);
				return new Response('Not Found', {
					status: 404,
					headers: { 'content-type': 'text/plain' },
				});
			},
		},
		standUpAt(url, kind) {
			const host = hostOf(url);
			if (!host || RESERVED.test(host) || SOCIAL_HOSTS.has(host)) return;
			if (kind === 'OIDC' && !state.oidcIssuers.has(url))
				state.oidcIssuers.set(url, context.clock.now());
			if (kind === 'SAML' && !state.samlHosts.has(host))
				state.samlHosts.set(host, context.clock.now());
		},
		async loginKey(provider) {
			const social = LOGIN_PROVIDERS[provider];
			if (social) {
				// Google's and Apple's ID tokens carry their issuer; Facebook's and Amazon's tokens are opaque
				// in reality, so their stand-in JWTs name the Logins key as issuer, as before.
				const issuer =
					social === 'Google' || social === 'SignInWithApple'
						? SOCIAL_ISSUERS[social]
						: `https://${provider}`;
				return { key: await keys.get(social), issuer };
			}
			if (provider.startsWith('arn:'))
				return { key: await keys.get(`SAML-ARN ${provider}`), issuer: provider };
			const issuer = `https://${provider}`;
			registry.standUpAt(issuer, 'OIDC');
			return { key: await keys.get(idpName({ kind: 'OIDC', issuer })), issuer };
		},
		snapshot: () => encodeState({ state, keys: keys.snapshot() }),
		decode: (snapshot, path) => decodeMockIdps(snapshot, path),
		load(saved) {
			state = saved.state;
			keys.load(saved.keys);
		},
	};
	return registry;
}

export type { IdpProfile } from './specs';
