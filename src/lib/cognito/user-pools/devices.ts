/**
 * Device tracking (`DeviceConfiguration`): new sign-ins get `NewDeviceMetadata`, clients confirm the
 * device with an SRP verifier of a device secret (ConfirmDevice), and a remembered device answers
 * DEVICE_SRP_AUTH / DEVICE_PASSWORD_VERIFIER instead of MFA. Plus the device management operations.
 */
import { ServiceError } from '../core/errors';
import { claimSignature, computeB, N, serverSessionKey, TIMESTAMP_PATTERN } from './srp';
import type { DeviceRecord, Env, Handler, PoolRecord, SessionRecord, UserRecord } from './state';
import { authenticateAccessToken } from './tokens';
import {
	getPool,
	invalidParameter,
	notAuthorized,
	randomBase64,
	requireUser,
	toEpochSeconds,
} from './util';

const deviceNotFound = () =>
	new ServiceError('ResourceNotFoundException', 'Device does not exist.');

/** Whether the pool tracks devices. */
export const tracksDevices = (pool: PoolRecord) => !!pool.settings.DeviceConfiguration;

/** The user's confirmed device with this key, if any. */
export function confirmedDevice(
	user: UserRecord,
	deviceKey: string | undefined
): DeviceRecord | undefined {
	const device = deviceKey ? user.devices?.get(deviceKey) : undefined;
	return device?.confirmed ? device : undefined;
}

/** Starts tracking a new device: the `NewDeviceMetadata` of an AuthenticationResult. */
export function newDevice(
	env: Env,
	user: UserRecord
): { DeviceKey: string; DeviceGroupKey: string } {
	const now = env.now();
	const key = `${env.context.region}_${env.context.uuid()}`;
	const groupKey = `-${env.context.randomString(9, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789')}`;
	(user.devices ??= new Map()).set(key, {
		key,
		groupKey,
		confirmed: false,
		remembered: false,
		createdAt: now,
		modifiedAt: now,
		lastAuthenticatedAt: now,
	});
	return { DeviceKey: key, DeviceGroupKey: groupKey };
}

const base64ToHex = (value: string) =>
	Array.from(atob(value), (c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join('');

/** DEVICE_SRP_AUTH answered with SRP_A: returns the DEVICE_PASSWORD_VERIFIER parameters and session data. */
export async function deviceSrpStart(
	env: Env,
	user: UserRecord,
	responses: Record<string, string>
) {
	if (!responses.SRP_A) throw invalidParameter('Missing required parameter SRP_A');
	if (!responses.DEVICE_KEY) throw invalidParameter('Missing required parameter DEVICE_KEY');
	const device = confirmedDevice(user, responses.DEVICE_KEY);
	if (!device?.verifier || !device.salt) throw deviceNotFound();
	if (!/^[0-9a-fA-F]+$/.test(responses.SRP_A) || BigInt(`0x${responses.SRP_A}`) % N === 0n)
		throw notAuthorized('Incorrect username or password.');
	const b = BigInt(`0x${env.context.randomString(64, '0123456789abcdef')}`) || 1n;
	const B = await computeB(device.verifier, b);
	const secretBlock = randomBase64(env, 1024);
	return {
		parameters: {
			SALT: device.salt,
			SRP_B: B.toString(16),
			SECRET_BLOCK: secretBlock,
			USERNAME: user.username,
			DEVICE_KEY: device.key,
		},
		data: {
			deviceKey: device.key,
			A: responses.SRP_A,
			B: B.toString(16),
			b: b.toString(16),
			secretBlock,
		},
	};
}

/** DEVICE_PASSWORD_VERIFIER: checks the claim signed with the device secret. */
export async function deviceSrpVerify(
	env: Env,
	user: UserRecord,
	session: SessionRecord,
	responses: Record<string, string>
): Promise<DeviceRecord> {
	for (const name of ['PASSWORD_CLAIM_SIGNATURE', 'PASSWORD_CLAIM_SECRET_BLOCK', 'TIMESTAMP'])
		if (!responses[name]) throw invalidParameter(`Missing required parameter ${name}`);
	if (!TIMESTAMP_PATTERN.test(responses.TIMESTAMP!))
		throw invalidParameter('TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.');
	const device = confirmedDevice(user, session.data.deviceKey);
	if (!device?.verifier || responses.PASSWORD_CLAIM_SECRET_BLOCK !== session.data.secretBlock)
		throw notAuthorized('Incorrect username or password.');
	const key = await serverSessionKey(
		BigInt(`0x${session.data.A}`),
		BigInt(`0x${session.data.B}`),
		BigInt(`0x${session.data.b}`),
		device.verifier
	);
	const expected = await claimSignature(
		key,
		device.groupKey,
		device.key,
		session.data.secretBlock,
		responses.TIMESTAMP!
	);
	if (expected !== responses.PASSWORD_CLAIM_SIGNATURE)
		throw notAuthorized('Incorrect username or password.');
	device.lastAuthenticatedAt = env.now();
	return device;
}

/** The `DeviceType` shape. */
function describeDevice(device: DeviceRecord) {
	return {
		DeviceKey: device.key,
		DeviceAttributes: [
			{ Name: 'device_status', Value: 'valid' },
			...(device.name ? [{ Name: 'device_name', Value: device.name }] : []),
			{
				Name: 'dev:device_remembered_status',
				Value: device.remembered ? 'remembered' : 'not_remembered',
			},
		],
		DeviceCreateDate: toEpochSeconds(device.createdAt),
		DeviceLastModifiedDate: toEpochSeconds(device.modifiedAt),
		DeviceLastAuthenticatedDate: toEpochSeconds(device.lastAuthenticatedAt),
	};
}

function deviceOf(user: UserRecord, deviceKey: string): DeviceRecord {
	const device = user.devices?.get(deviceKey);
	if (!device) throw deviceNotFound();
	return device;
}

function listDevices(user: UserRecord, input: Record<string, any>) {
	const devices = [...(user.devices?.values() ?? [])].filter((d) => d.confirmed);
	const start = input.PaginationToken ? Number(input.PaginationToken) : 0;
	const limit = input.Limit || 60;
	return {
		Devices: devices.slice(start, start + limit).map(describeDevice),
		...(start + limit < devices.length ? { PaginationToken: String(start + limit) } : {}),
	};
}

/** The user behind a device call: from the access token, or (admin) from the pool and username. */
async function owner(
	env: Env,
	input: Record<string, any>,
	admin: boolean
): Promise<{ pool: PoolRecord; user: UserRecord }> {
	if (admin) {
		const pool = getPool(env, input.UserPoolId);
		return { pool, user: requireUser(pool, input.Username) };
	}
	if (!input.AccessToken) throw invalidParameter('Missing required parameter AccessToken');
	return authenticateAccessToken(env, input.AccessToken);
}

const confirmDevice: Handler = async (input, env) => {
	const { pool, user } = await authenticateAccessToken(env, input.AccessToken);
	const device = deviceOf(user, input.DeviceKey);
	const config = input.DeviceSecretVerifierConfig ?? {};
	if (!config.PasswordVerifier || !config.Salt)
		throw invalidParameter(
			'DeviceSecretVerifierConfig with PasswordVerifier and Salt is required.'
		);
	try {
		device.verifier = base64ToHex(config.PasswordVerifier);
		device.salt = base64ToHex(config.Salt);
	} catch {
		throw invalidParameter('DeviceSecretVerifierConfig must be base64.');
	}
	const optIn = !!pool.settings.DeviceConfiguration?.DeviceOnlyRememberedOnUserPrompt;
	Object.assign(device, {
		confirmed: true,
		remembered: !optIn,
		...(input.DeviceName ? { name: input.DeviceName } : {}),
		modifiedAt: env.now(),
	});
	return { UserConfirmationNecessary: optIn };
};

const updateDeviceStatus =
	(admin: boolean): Handler =>
	async (input, env) => {
		const { user } = await owner(env, input, admin);
		const device = deviceOf(user, input.DeviceKey);
		device.remembered = input.DeviceRememberedStatus === 'remembered';
		device.modifiedAt = env.now();
		return {};
	};

const getDevice =
	(admin: boolean): Handler =>
	async (input, env) => {
		const { user } = await owner(env, input, admin);
		return { Device: describeDevice(deviceOf(user, input.DeviceKey)) };
	};

const forgetDevice =
	(admin: boolean): Handler =>
	async (input, env) => {
		const { user } = await owner(env, input, admin);
		deviceOf(user, input.DeviceKey);
		user.devices!.delete(input.DeviceKey);
		return {};
	};

/** Device operations by name. */
export const DEVICE_HANDLERS: Record<string, Handler> = {
	ConfirmDevice: confirmDevice,
	UpdateDeviceStatus: updateDeviceStatus(false),
	AdminUpdateDeviceStatus: updateDeviceStatus(true),
	GetDevice: getDevice(false),
	AdminGetDevice: getDevice(true),
	ForgetDevice: forgetDevice(false),
	AdminForgetDevice: forgetDevice(true),
	ListDevices: async (input, env) => listDevices((await owner(env, input, false)).user, input),
	AdminListDevices: async (input, env) => listDevices((await owner(env, input, true)).user, input),
};
