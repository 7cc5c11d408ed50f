/**
 * The user-pool engine's state. Times are epoch milliseconds from the injected clock. CryptoKeys are
 * never stored here (see tokens.ts).
 *
 * N.B. Every collection keyed by a name a caller chooses (pool and client ids, usernames, group names,
 * session ids, refresh tokens, device keys) is a `Map`, and attribute maps are null-prototype `Dict`s,
 * never plain objects, so names
 * such as `__proto__` or `constructor` are data like any other. `snapshot()` encodes the maps as JSON
 * (../core/state-codec.ts) and `restore()` decodes and checks them (./state-decode.ts).
 */
import type { JWK } from 'jose';
import type { SandboxContext } from '../core/context';
import type { Dict } from '../core/dict';
import type { ManagedLoginState } from '../oauth/state';
import type { FederationDeps } from '../federation/deps';
import type { FederationPoolState } from '../federation/state';

/** A signing key pair, exported as JWKs. */
export interface StoredKey {
	kid: string;
	privateJwk: JWK;
	publicJwk: JWK;
}

/** The whole engine state. */
export interface UserPoolsState {
	pools: Map<string, PoolRecord>;
	/** App client id → user pool id, so public operations (which only name the client) find their pool. */
	clientPools: Map<string, string>;
}

/** One user pool. `settings` holds the `UserPoolType` fields as configured (after defaults). */
export interface PoolRecord {
	id: string;
	name: string;
	arn: string;
	createdAt: number;
	modifiedAt: number;
	settings: PoolSettings;
	keys: { id: StoredKey; access: StoredKey };
	clients: Map<string, ClientRecord>;
	groups: Map<string, GroupRecord>;
	/** Keyed by `userKey()` (the username, lower-cased in case-insensitive pools). */
	users: Map<string, UserRecord>;
	sessions: Map<string, SessionRecord>;
	refreshTokens: Map<string, RefreshTokenRecord>;
	/** Authentication events (the `event_id` of their tokens) whose access tokens are revoked. */
	revokedEvents: Map<string, number>;
	/** Resource servers (OAuth custom scopes) by identifier. */
	resourceServers: Map<string, ResourceServerRecord>;
	/** Managed login: authorization codes, browser sessions and branding (../oauth/state.ts). */
	managedLogin?: ManagedLoginState;
	/**
	 * Threat protection's risk configurations (SetRiskConfiguration): by app client id, and `ALL` for the
	 * pool's own, which applies to every client without one. Absent in older snapshots.
	 */
	riskConfigurations?: Map<string, RiskConfigurationRecord>;
	/** The pool's domain (prefix or custom), when one is configured. */
	domain?: {
		Domain: string;
		ManagedLoginVersion: number;
		CustomDomainConfig?: { CertificateArn: string };
	};
	/** Identity providers, provider links and federated sign-ins under way (../federation). */
	federation?: FederationPoolState;
}

/** A resource server (OAuth custom scopes), as `ResourceServerType` spells it. */
export interface ResourceServerRecord {
	Identifier: string;
	Name: string;
	Scopes: Array<{ ScopeName: string; ScopeDescription: string }>;
}

/** `UserPoolType` members the sandbox keeps, as the API spells them. */
export type PoolSettings = Record<string, any>;

/** `UserPoolClientType` as the API spells it, plus the creation times in ms. */
export type ClientRecord = Record<string, any> & {
	ClientId: string;
	ClientName: string;
	UserPoolId: string;
	CreationDate: number;
	LastModifiedDate: number;
};

export interface GroupRecord {
	GroupName: string;
	Description?: string;
	RoleArn?: string;
	Precedence?: number;
	CreationDate: number;
	LastModifiedDate: number;
}

/** What a one-time code proves, and so where it is checked. */
export type CodePurpose = 'SIGN_UP' | 'FORGOT_PASSWORD' | 'VERIFY_email' | 'VERIFY_phone_number';

export interface CodeRecord {
	code: string;
	/** The attribute the code was sent to (`email`/`phone_number`), which confirming it verifies. */
	attribute?: string;
	issuedAt: number;
	expiresAt: number;
	failedAttempts: number;
	/** Codes this one superseded: sending one of them is an ExpiredCodeException, not a mismatch. */
	superseded?: string[];
}

export interface MfaSetting {
	enabled: boolean;
	preferred: boolean;
}

export type UserStatus =
	'UNCONFIRMED' | 'CONFIRMED' | 'EXTERNAL_PROVIDER' | 'RESET_REQUIRED' | 'FORCE_CHANGE_PASSWORD';

export interface UserRecord {
	username: string;
	/** Attribute name → value as strings (`email_verified` is `'true'`/`'false'`); always has `sub`. */
	attributes: Dict<string>;
	status: UserStatus;
	enabled: boolean;
	/**
	 * Kept in clear: this is a teaching sandbox, the simulator may show it, and SRP verifiers are
	 * derived from it on demand. Undefined for passwordless users.
	 */
	password?: string;
	/** When a temporary password (FORCE_CHANGE_PASSWORD) was set, to expire it. */
	temporaryPasswordSetAt?: number;
	passwordHistory: string[];
	createdAt: number;
	modifiedAt: number;
	groups: string[];
	mfa: { sms: MfaSetting; totp: MfaSetting; email: MfaSetting };
	totp?: { secret: string; verified: boolean; friendlyName?: string };
	/** The last TOTP time step used (codes are accepted once). */
	lastTotpStep?: number;
	/** A secret from AssociateSoftwareToken not yet verified. */
	pendingTotpSecret?: string;
	codes: Map<CodePurpose, CodeRecord>;
	/** Failed sign-ins, for the lockout (2^(n-5) s after the fifth). */
	failures: { count: number; lastAt: number; lockedUntil: number };
	/** SRP salt and verifier for the current password (hex), derived lazily. */
	srp?: { password: string; salt: string; verifier: string };
	/** Times (ms) of recent calls of rate-limited operations, by operation, for the per-user hourly caps. */
	recentCalls?: Map<string, number[]>;
	/** Authentication events, newest last (recorded only with threat protection on). */
	authEvents?: AuthEventRecord[];
	/** Registered passkeys. */
	passkeys?: PasskeyRecord[];
	/** The pending passkey registration challenge (base64url) and its expiry. */
	passkeyChallenge?: { challenge: string; expiresAt: number };
	/** Tracked devices by device key (device tracking, `DeviceConfiguration`). */
	devices?: Map<string, DeviceRecord>;
	/** Attribute changes waiting for verification (AttributesRequireVerificationBeforeUpdate). */
	pendingAttributes?: Dict<string>;
}

/** One authentication event, as AdminListUserAuthEvents reports it. */
export interface AuthEventRecord {
	id: string;
	type: 'SignIn' | 'SignUp' | 'ForgotPassword' | 'PasswordChange' | 'ResendCode';
	response: 'Pass' | 'Fail' | 'InProgress';
	at: number;
	challenges: Array<{ ChallengeName: string; ChallengeResponse: 'Success' | 'Failure' }>;
	/** Threat protection's verdict (`EventRisk`); absent: no risk. */
	risk?: AuthEventRisk;
	/** What the client sent (`EventContextData`), with the place from the bundled table (../risk/geo.ts). */
	context?: AuthEventContext;
	/** `EventFeedback`, once the user or an administrator gave it. */
	feedback?: { value: 'Valid' | 'Invalid'; provider: string; at: number };
	/** The token a notification email carries, which UpdateAuthEventFeedback needs. */
	feedbackToken?: string;
}

export interface AuthEventRisk {
	decision: 'NoRisk' | 'AccountTakeover' | 'Block';
	level?: 'Low' | 'Medium' | 'High';
	compromised: boolean;
	/** The reasons behind the decision, one line per factor (the trace has the full evaluation). */
	reasons: string[];
}

export interface AuthEventContext {
	ipAddress: string;
	deviceId?: string;
	deviceName?: string;
	timezone?: string;
	place?: { country: string; city: string; latitude: number; longitude: number };
}

/** A `RiskConfigurationType` as SetRiskConfiguration stored it (API-shaped), with its time in ms. */
export interface RiskConfigurationRecord {
	CompromisedCredentialsRiskConfiguration?: Record<string, any>;
	AccountTakeoverRiskConfiguration?: Record<string, any>;
	RiskExceptionConfiguration?: Record<string, any>;
	LastModifiedDate: number;
}

/** A passkey (WebAuthn credential): its id, public key and signature counter. */
export interface PasskeyRecord {
	id: string;
	publicKey: JWK;
	/** COSE algorithm: -7 (ES256) or -257 (RS256). */
	alg: number;
	signCount: number;
	relyingPartyId: string;
	createdAt: number;
	attachment?: string;
	transports?: string[];
}

/** A device a user signed in from; confirmed devices carry the SRP salt and verifier of the device secret. */
export interface DeviceRecord {
	key: string;
	groupKey: string;
	confirmed: boolean;
	remembered: boolean;
	name?: string;
	/** Hex. */
	salt?: string;
	/** Hex. */
	verifier?: string;
	createdAt: number;
	modifiedAt: number;
	lastAuthenticatedAt: number;
}

/** A challenge session: bound to one user, client and challenge; single use; expires. */
export interface SessionRecord {
	id: string;
	clientId: string;
	/** Internal username, or the typed name when the user does not exist (simulated flows). */
	username: string;
	userExists: boolean;
	challenge: string;
	flow: string;
	expiresAt: number;
	used: boolean;
	/** Challenge-specific data: SRP secrets, the code sent, custom-auth history, … */
	data: Record<string, any>;
}

export interface RefreshTokenRecord {
	clientId: string;
	username: string;
	sub: string;
	eventId: string;
	originJti?: string;
	authTime: number;
	issuedAt: number;
	expiresAt: number;
	revoked: boolean;
	/** Rotation: when this token was exchanged for a new one (grace period counts from here). */
	rotatedAt?: number;
	deviceKey?: string;
	/** OAuth scopes of a token issued through the OAuth endpoints (kept on refresh). */
	scopes?: string[];
}

/** What every operation handler gets. */
export interface Env {
	context: SandboxContext;
	state: UserPoolsState;
	now(): number;
	/** The sandbox's fetch, mock IdPs and OAuth seam, for the identity-provider operations (../federation). */
	federation?: FederationDeps;
}

/** An operation handler: validated input in, response out (throws ServiceError). */
export type Handler = (input: Record<string, any>, env: Env) => Promise<unknown>;
