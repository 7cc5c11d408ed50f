/**
 * What managed login keeps per user pool: authorization codes (single use, 5 minutes), browser sessions
 * (the 1-hour session cookie), classic hosted UI customisations and managed login branding styles.
 * Every collection is a `Map` keyed by a value the service or the caller chose; `managedLoginState`
 * decodes a snapshot of it (see ../core/state-codec.ts).
 */
import {
	array,
	boolean,
	type Decoder,
	json,
	mapOf,
	number,
	oneOf,
	optional,
	record,
	string,
} from '../core/state-codec';

/** An authorization code and the tokens it redeems for (minted when the user signed in). */
export interface AuthorizationCodeRecord {
	clientId: string;
	/** The `redirect_uri` of the authorize request: the token request must repeat it exactly. */
	redirectUri: string;
	scopes: string[];
	/** PKCE `code_challenge` (S256), when the authorize request sent one. */
	codeChallenge?: string;
	username: string;
	tokens: { idToken?: string; accessToken: string; refreshToken: string; expiresIn: number };
	expiresAt: number;
}

/** A managed login session: what the `cognito` cookie names (silent sign-in for an hour). */
export interface LoginSessionRecord {
	username: string;
	sub: string;
	/** `auth_time` of the sign-in (epoch seconds), kept by tokens issued from the session. */
	authTime: number;
	expiresAt: number;
}

/** A classic hosted UI customisation (`SetUICustomization`), for one client or `ALL`. */
export interface UiCustomizationRecord {
	ClientId: string;
	CSS?: string;
	/** Base64 logo (PNG or JPEG). */
	ImageFile?: string;
	ImageType?: 'png' | 'jpeg';
	CreationDate: number;
	LastModifiedDate: number;
}

/** One managed login branding asset (`AssetType`), bytes in base64. */
export interface BrandingAsset {
	Category: string;
	ColorMode: string;
	Extension: string;
	Bytes?: string;
	ResourceId?: string;
}

/** A managed login branding style, assigned to one app client. */
export interface BrandingRecord {
	ManagedLoginBrandingId: string;
	ClientId: string;
	UseCognitoProvidedValues: boolean;
	Settings?: Record<string, unknown>;
	Assets: BrandingAsset[];
	CreationDate: number;
	LastModifiedDate: number;
}

export interface ManagedLoginState {
	codes: Map<string, AuthorizationCodeRecord>;
	sessions: Map<string, LoginSessionRecord>;
	/** Keyed by client id or `ALL`. */
	ui: Map<string, UiCustomizationRecord>;
	/** Keyed by branding id. */
	brandings: Map<string, BrandingRecord>;
}

export const emptyManagedLogin = (): ManagedLoginState => ({
	codes: new Map(),
	sessions: new Map(),
	ui: new Map(),
	brandings: new Map(),
});

const codeRecord = record<AuthorizationCodeRecord>({
	clientId: string,
	redirectUri: string,
	scopes: array(string),
	codeChallenge: optional(string),
	username: string,
	tokens: record<AuthorizationCodeRecord['tokens']>({
		idToken: optional(string),
		accessToken: string,
		refreshToken: string,
		expiresIn: number,
	}),
	expiresAt: number,
});

const sessionRecord = record<LoginSessionRecord>({
	username: string,
	sub: string,
	authTime: number,
	expiresAt: number,
});

const uiRecord = record<UiCustomizationRecord>({
	ClientId: string,
	CSS: optional(string),
	ImageFile: optional(string),
	ImageType: optional(oneOf('png', 'jpeg')),
	CreationDate: number,
	LastModifiedDate: number,
});

const brandingRecord = record<BrandingRecord>({
	ManagedLoginBrandingId: string,
	ClientId: string,
	UseCognitoProvidedValues: boolean,
	Settings: optional(json),
	Assets: array(
		record<BrandingAsset>({
			Category: string,
			ColorMode: string,
			Extension: string,
			Bytes: optional(string),
			ResourceId: optional(string),
		})
	),
	CreationDate: number,
	LastModifiedDate: number,
});

/** Decodes the managed login part of a pool in a snapshot. */
export const managedLoginState: Decoder<ManagedLoginState> = record<ManagedLoginState>({
	codes: mapOf(codeRecord),
	sessions: mapOf(sessionRecord),
	ui: mapOf(uiRecord),
	brandings: mapOf(brandingRecord),
});

/** The managed login state of a pool, created on first use. */
export function managedLoginOf(pool: { managedLogin?: ManagedLoginState }): ManagedLoginState {
	return (pool.managedLogin ??= emptyManagedLogin());
}
