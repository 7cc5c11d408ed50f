/**
 * Reads a user-pool snapshot back into state, checking every field (../core/state-codec.ts): a
 * damaged or hand-edited snapshot is refused with the path of the first wrong field.
 */
import {
	array,
	boolean,
	type Decoder,
	dictOf,
	json,
	jsonObject,
	literal,
	mapOf,
	number,
	oneOf,
	optional,
	record,
	string,
} from '../core/state-codec';
import type {
	AuthEventContext,
	AuthEventRecord,
	AuthEventRisk,
	ClientRecord,
	CodeRecord,
	DeviceRecord,
	GroupRecord,
	MfaSetting,
	PasskeyRecord,
	PoolRecord,
	RefreshTokenRecord,
	ResourceServerRecord,
	RiskConfigurationRecord,
	SessionRecord,
	StoredKey,
	UserPoolsState,
	UserRecord,
} from './state';
import { managedLoginState } from '../oauth/state';
import { federationPoolState } from '../federation/state-decode';

/** A signing key pair as pools and key rings store it. */
export const storedKey = record<StoredKey>({
	kid: string,
	privateJwk: jsonObject,
	publicJwk: jsonObject,
});

const clientRecord: Decoder<ClientRecord> = (value, path) => {
	const client = jsonObject(value, path);
	string(client.ClientId, `${path}.ClientId`);
	string(client.ClientName, `${path}.ClientName`);
	string(client.UserPoolId, `${path}.UserPoolId`);
	number(client.CreationDate, `${path}.CreationDate`);
	number(client.LastModifiedDate, `${path}.LastModifiedDate`);
	return client as ClientRecord;
};

const groupRecord = record<GroupRecord>({
	GroupName: string,
	Description: optional(string),
	RoleArn: optional(string),
	Precedence: optional(number),
	CreationDate: number,
	LastModifiedDate: number,
});

const codeRecord = record<CodeRecord>({
	code: string,
	attribute: optional(string),
	issuedAt: number,
	expiresAt: number,
	failedAttempts: number,
	superseded: optional(array(string)),
});

const mfaSetting = record<MfaSetting>({ enabled: boolean, preferred: boolean });

const authEvent = record<AuthEventRecord>({
	id: string,
	type: oneOf('SignIn', 'SignUp', 'ForgotPassword', 'PasswordChange', 'ResendCode'),
	response: oneOf('Pass', 'Fail', 'InProgress'),
	at: number,
	challenges: array(
		record<AuthEventRecord['challenges'][number]>({
			ChallengeName: string,
			ChallengeResponse: oneOf('Success', 'Failure'),
		})
	),
	risk: optional(
		record<AuthEventRisk>({
			decision: oneOf('NoRisk', 'AccountTakeover', 'Block'),
			level: optional(oneOf('Low', 'Medium', 'High')),
			compromised: boolean,
			reasons: array(string),
		})
	),
	context: optional(
		record<AuthEventContext>({
			ipAddress: string,
			deviceId: optional(string),
			deviceName: optional(string),
			timezone: optional(string),
			place: optional(
				record<NonNullable<AuthEventContext['place']>>({
					country: string,
					city: string,
					latitude: number,
					longitude: number,
				})
			),
		})
	),
	feedback: optional(
		record<NonNullable<AuthEventRecord['feedback']>>({
			value: oneOf('Valid', 'Invalid'),
			provider: string,
			at: number,
		})
	),
	feedbackToken: optional(string),
});

const riskConfiguration = record<RiskConfigurationRecord>({
	CompromisedCredentialsRiskConfiguration: optional(jsonObject),
	AccountTakeoverRiskConfiguration: optional(jsonObject),
	RiskExceptionConfiguration: optional(jsonObject),
	LastModifiedDate: number,
});

const passkey = record<PasskeyRecord>({
	id: string,
	publicKey: jsonObject,
	alg: number,
	signCount: number,
	relyingPartyId: string,
	createdAt: number,
	attachment: optional(string),
	transports: optional(array(string)),
});

const device = record<DeviceRecord>({
	key: string,
	groupKey: string,
	confirmed: boolean,
	remembered: boolean,
	name: optional(string),
	salt: optional(string),
	verifier: optional(string),
	createdAt: number,
	modifiedAt: number,
	lastAuthenticatedAt: number,
});

const userRecord = record<UserRecord>({
	username: string,
	attributes: dictOf(string),
	status: oneOf(
		'UNCONFIRMED',
		'CONFIRMED',
		'EXTERNAL_PROVIDER',
		'RESET_REQUIRED',
		'FORCE_CHANGE_PASSWORD'
	),
	enabled: boolean,
	password: optional(string),
	temporaryPasswordSetAt: optional(number),
	passwordHistory: array(string),
	createdAt: number,
	modifiedAt: number,
	groups: array(string),
	mfa: record<UserRecord['mfa']>({ sms: mfaSetting, totp: mfaSetting, email: mfaSetting }),
	totp: optional(
		record<NonNullable<UserRecord['totp']>>({
			secret: string,
			verified: boolean,
			friendlyName: optional(string),
		})
	),
	lastTotpStep: optional(number),
	pendingTotpSecret: optional(string),
	codes: mapOf(codeRecord) as Decoder<UserRecord['codes']>,
	failures: record<UserRecord['failures']>({ count: number, lastAt: number, lockedUntil: number }),
	srp: optional(
		record<NonNullable<UserRecord['srp']>>({ password: string, salt: string, verifier: string })
	),
	recentCalls: optional(mapOf(array(number))),
	authEvents: optional(array(authEvent)),
	passkeys: optional(array(passkey)),
	passkeyChallenge: optional(
		record<NonNullable<UserRecord['passkeyChallenge']>>({ challenge: string, expiresAt: number })
	),
	devices: optional(mapOf(device)),
	pendingAttributes: optional(dictOf(string)),
});

const sessionRecord = record<SessionRecord>({
	id: string,
	clientId: string,
	username: string,
	userExists: boolean,
	challenge: string,
	flow: string,
	expiresAt: number,
	used: boolean,
	data: jsonObject,
});

const refreshToken = record<RefreshTokenRecord>({
	clientId: string,
	username: string,
	sub: string,
	eventId: string,
	originJti: optional(string),
	authTime: number,
	issuedAt: number,
	expiresAt: number,
	revoked: boolean,
	rotatedAt: optional(number),
	deviceKey: optional(string),
	scopes: optional(array(string)),
});

const resourceServer = record<ResourceServerRecord>({
	Identifier: string,
	Name: string,
	Scopes: array(
		record<ResourceServerRecord['Scopes'][number]>({ ScopeName: string, ScopeDescription: string })
	),
});

const poolRecord = record<PoolRecord>({
	id: string,
	name: string,
	arn: string,
	createdAt: number,
	modifiedAt: number,
	settings: jsonObject,
	keys: record<PoolRecord['keys']>({ id: storedKey, access: storedKey }),
	clients: mapOf(clientRecord),
	groups: mapOf(groupRecord),
	users: mapOf(userRecord),
	sessions: mapOf(sessionRecord),
	refreshTokens: mapOf(refreshToken),
	revokedEvents: mapOf(number),
	// Format-1 snapshots of pools without resource servers have none.
	resourceServers: (value, path) =>
		value === undefined ? new Map() : mapOf(resourceServer)(value, path),
	domain: optional(json),
	managedLogin: optional(managedLoginState),
	federation: optional(federationPoolState),
	riskConfigurations: optional(mapOf(riskConfiguration)),
});

/** Format 1 kept a version inside the user-pool state; format 2 keeps only the top-level one. */
const stateRecord = record<UserPoolsState & { v?: number }>({
	v: optional(literal(1)),
	pools: mapOf(poolRecord),
	clientPools: mapOf(string),
});

/** The user-pool state in a snapshot (`path` is where it sits, for messages). */
export function decodeUserPoolsState(value: unknown, path: string): UserPoolsState {
	const { pools, clientPools } = stateRecord(value, path);
	return { pools, clientPools };
}
