/**
 * How each mock OAuth 2.0 / OpenID Connect provider looks from outside: its hosts and endpoint paths, its
 * consent wording, the ids it gives users, and the exact shapes of its token responses, ID tokens and
 * profile (userinfo) documents, as the real providers document them.
 */

/** Who signs in at a mock IdP: the learner fills these in on its page. */
export interface IdpProfile {
	/** The user's id at the provider (Google/Apple/OIDC `sub`, Facebook `id`, Amazon `user_id`, SAML NameID). */
	id: string;
	email: string;
	emailVerified: boolean;
	name: string;
	groups: string[];
}

/** The kinds of mock OAuth provider. */
export type OAuthKind = 'Google' | 'Facebook' | 'LoginWithAmazon' | 'SignInWithApple' | 'OIDC';

/** What an endpoint needs to build a response. */
export interface TokenContext {
	profile: IdpProfile;
	clientId: string;
	scope: string[];
	nonce?: string;
	/** Epoch seconds. */
	now: number;
	/** The issuer URL (generic OIDC issuers differ; the social ones are fixed). */
	issuer: string;
}

/** A mock provider's behaviour. */
export interface OAuthSpec {
	kind: OAuthKind;
	brand: string;
	/** Whether it issues an ID token (and serves JWKS and discovery). */
	oidc: boolean;
	/** Apple posts the answer back to the app (`response_mode=form_post`). */
	formPost: boolean;
	/** Facebook appends `#_=_` to its redirects. */
	fragment?: string;
	/** A new user id, from the injected randomness. */
	newId(random: (length: number, alphabet: string) => string): string;
	/** The access token string (opaque, in the provider's style). */
	accessToken(random: (length: number, alphabet: string) => string): string;
	/** The ID token claims (OIDC providers only; `iss`, `aud`, `iat`, `exp` are added). */
	idClaims?(context: TokenContext): Record<string, unknown>;
	/** The token endpoint's JSON (without `id_token`, which is added for OIDC providers). */
	tokenResponse(accessToken: string, context: TokenContext): Record<string, unknown>;
	/** The profile document its userinfo / profile / Graph endpoint returns. */
	profileDocument(context: TokenContext, fields?: string[]): Record<string, unknown>;
	/** What the consent page says is shared. */
	consent: string;
}

const DIGITS = '0123456789';
const HEX = '0123456789abcdef';
const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

const givenName = (name: string) => name.trim().split(/\s+/)[0] ?? '';
const familyName = (name: string) => name.trim().split(/\s+/).slice(1).join(' ');

/** Standard OIDC claims of a profile for the scopes granted. */
function oidcProfileClaims(context: TokenContext, withGroups: boolean): Record<string, unknown> {
	const { profile, scope } = context;
	return {
		sub: profile.id,
		...(scope.includes('email')
			? { email: profile.email, email_verified: profile.emailVerified }
			: {}),
		...(scope.includes('profile')
			? {
					name: profile.name,
					given_name: givenName(profile.name),
					family_name: familyName(profile.name),
				}
			: {}),
		...(withGroups && profile.groups.length ? { groups: profile.groups } : {}),
	};
}

export const GOOGLE: OAuthSpec = {
	kind: 'Google',
	brand: 'Google',
	oidc: true,
	formPost: false,
	newId: (random) => `1${random(20, DIGITS)}`,
	accessToken: (random) => `ya29.a0${random(150, B64URL)}`,
	idClaims: (context) => ({
		azp: context.clientId,
		...oidcProfileClaims(context, false),
		...(context.nonce ? { nonce: context.nonce } : {}),
	}),
	tokenResponse: (accessToken, context) => ({
		access_token: accessToken,
		expires_in: 3599,
		scope: context.scope
			.map((scope) =>
				scope === 'email' || scope === 'profile'
					? `https://www.googleapis.com/auth/userinfo.${scope}`
					: scope
			)
			.join(' '),
		token_type: 'Bearer',
	}),
	profileDocument: (context) => oidcProfileClaims(context, false),
	consent: 'your name, email address and profile picture',
};

export const FACEBOOK: OAuthSpec = {
	kind: 'Facebook',
	brand: 'Facebook',
	oidc: false,
	formPost: false,
	fragment: '#_=_',
	newId: (random) => `10${random(14, DIGITS)}`,
	accessToken: (random) => `EAA${random(180, B64URL.slice(0, 62))}`,
	tokenResponse: (accessToken) => ({
		access_token: accessToken,
		token_type: 'bearer',
		expires_in: 5183944,
	}),
	profileDocument: ({ profile, scope }, fields = ['id', 'name']) => {
		const all: Record<string, unknown> = {
			id: profile.id,
			name: profile.name,
			first_name: givenName(profile.name),
			last_name: familyName(profile.name),
			...(scope.includes('email') ? { email: profile.email } : {}),
		};
		const out: Record<string, unknown> = {};
		for (const field of fields) if (Object.hasOwn(all, field)) out[field] = all[field];
		out.id = profile.id;
		return out;
	},
	consent: 'your name, profile picture and email address',
};

export const AMAZON: OAuthSpec = {
	kind: 'LoginWithAmazon',
	brand: 'Login with Amazon',
	oidc: false,
	formPost: false,
	newId: (random) => `amzn1.account.${random(28, UPPER_ALNUM)}`,
	accessToken: (random) => `Atza|${random(200, B64URL.slice(0, 62))}`,
	tokenResponse: (accessToken) => ({
		access_token: accessToken,
		refresh_token: `Atzr|${accessToken.slice(5, 120)}`,
		token_type: 'bearer',
		expires_in: 3600,
	}),
	profileDocument: ({ profile, scope }) => ({
		user_id: profile.id,
		name: profile.name,
		email: profile.email,
		...(scope.includes('postal_code') ? { postal_code: '98109' } : {}),
	}),
	consent: 'your name, email address and user id',
};

export const APPLE: OAuthSpec = {
	kind: 'SignInWithApple',
	brand: 'Sign in with Apple',
	oidc: true,
	formPost: true,
	newId: (random) => `00${random(4, DIGITS)}.${random(32, HEX)}.${random(4, DIGITS)}`,
	accessToken: (random) =>
		`a${random(31, HEX)}.0.r${random(3, 'abcdefghijklmnopqrstuvwxyz')}.${random(22, B64URL)}`,
	idClaims: (context) => ({
		sub: context.profile.id,
		...(context.nonce ? { nonce: context.nonce } : {}),
		...(context.scope.includes('email')
			? {
					email: context.profile.email,
					// Apple sends these two as strings.
					email_verified: String(context.profile.emailVerified),
					is_private_email: 'false',
				}
			: {}),
		auth_time: context.now,
		nonce_supported: true,
	}),
	tokenResponse: (accessToken) => ({
		access_token: accessToken,
		token_type: 'Bearer',
		expires_in: 3600,
		refresh_token: `r${accessToken.slice(1, 40)}`,
	}),
	profileDocument: (context) => ({ sub: context.profile.id }),
	consent: 'your name and email address',
};

/** A generic OpenID Connect provider at a configurable issuer. */
export const GENERIC_OIDC: OAuthSpec = {
	kind: 'OIDC',
	brand: 'OpenID Connect provider',
	oidc: true,
	formPost: false,
	newId: (random) => {
		const hex = random(32, HEX);
		return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
	},
	accessToken: (random) => random(43, B64URL),
	idClaims: (context) => ({
		...oidcProfileClaims(context, true),
		...(context.nonce ? { nonce: context.nonce } : {}),
		auth_time: context.now,
	}),
	tokenResponse: (accessToken, context) => ({
		access_token: accessToken,
		token_type: 'Bearer',
		expires_in: 3600,
		scope: context.scope.join(' '),
	}),
	profileDocument: (context) => oidcProfileClaims(context, true),
	consent: 'your profile, email address and groups',
};

/** Every OAuth spec by kind. */
export const OAUTH_SPECS: Record<OAuthKind, OAuthSpec> = {
	Google: GOOGLE,
	Facebook: FACEBOOK,
	LoginWithAmazon: AMAZON,
	SignInWithApple: APPLE,
	OIDC: GENERIC_OIDC,
};
