/**
 * The client context of a request, as threat protection sees it: the IP address, its place in the bundled
 * table (./geo.ts) and the device.
 *
 * Where the data comes from, as in Cognito:
 * - Admin calls (AdminInitiateAuth, AdminRespondToAuthChallenge) send `ContextData` from the app's server:
 *   `IpAddress` (required), `ServerName`, `ServerPath`, `HttpHeaders` (the user agent is read from a
 *   `User-Agent` header) and `EncodedData`.
 * - Public calls send `UserContextData`: `EncodedData`, and `IpAddress`, which Cognito uses only when the app
 *   client has `EnablePropagateAdditionalUserContextData` (otherwise it takes the caller's own address).
 *
 * `EncodedData`: in AWS it is an opaque, signed fingerprint made by the `amazon-cognito-advanced-security-data`
 * library (Amplify, the SDKs' context-data collectors). The sandbox cannot read those, so it accepts one
 * documented JSON form instead and treats anything else as an unknown device:
 *
 *     {"DeviceId": "laptop-1", "DeviceName": "Chrome 126, Windows 10", "UserAgent": "Mozilla/5.0 …", "Timezone": "-07:00"}
 *
 * `DeviceId` (1–128 characters) is required and names the device; the other members are optional strings
 * (at most 256 characters each); other members are ignored. The sandbox has no network, so "the caller's own
 * address" is the loopback address 127.0.0.1.
 */
import { ServiceError } from '../core/errors';
import { type Location, locate } from './geo';
import { type Address, parseAddress } from './network';

/** The device a request came from, when `EncodedData` named one. */
export interface DeviceData {
	id: string;
	name?: string;
	userAgent?: string;
	timezone?: string;
}

export interface ClientContext {
	ipAddress: string;
	ipSource: 'UserContextData' | 'ContextData' | 'caller';
	address: Address;
	location: Location;
	/** Undefined: an unknown device (no `EncodedData`, or not the sandbox's JSON form). */
	device?: DeviceData;
	/** What `EventContextData.DeviceName` shows: the device's name, else its user agent. */
	deviceName?: string;
	/** Why some of the data was not used (shown in the trace). */
	notes: string[];
}

/** The address the sandbox reports for a caller it cannot see (it has no network). */
export const CALLER_ADDRESS = '127.0.0.1';
const MAX_ENCODED_DATA = 8192;
const MAX_FIELD = 256;

/** Reads `EncodedData` in the sandbox's JSON form; anything else → undefined (an unknown device) and a note. */
export function readEncodedData(encoded: unknown, notes: string[]): DeviceData | undefined {
	if (encoded === undefined || encoded === null || encoded === '') {
		notes.push('No EncodedData: the device is unknown.');
		return undefined;
	}
	const unknown = (why: string) => {
		notes.push(`EncodedData ${why}: the device is unknown.`);
		return undefined;
	};
	if (typeof encoded !== 'string') return unknown('is not a string');
	if (encoded.length > MAX_ENCODED_DATA)
		return unknown(`is longer than ${MAX_ENCODED_DATA} characters`);
	let data: unknown;
	try {
		data = JSON.parse(encoded);
	} catch {
		return unknown(
			"is not the sandbox's JSON form (real fingerprints from amazon-cognito-advanced-security-data are opaque to it)"
		);
	}
	if (typeof data !== 'object' || data === null || Array.isArray(data))
		return unknown('is JSON but not an object');
	const field = (name: string, max: number): string | undefined => {
		const value = Object.hasOwn(data as object, name)
			? (data as Record<string, unknown>)[name]
			: undefined;
		return typeof value === 'string' && value.length > 0 && value.length <= max ? value : undefined;
	};
	const id = field('DeviceId', 128);
	if (!id) return unknown('has no DeviceId (a string of 1–128 characters)');
	const name = field('DeviceName', MAX_FIELD);
	const userAgent = field('UserAgent', MAX_FIELD);
	const timezone = field('Timezone', MAX_FIELD);
	return {
		id,
		...(name ? { name } : {}),
		...(userAgent ? { userAgent } : {}),
		...(timezone ? { timezone } : {}),
	};
}

function invalidAddress(member: string): ServiceError {
	// Message chosen in the service's style; the AWS docs only say the address must be valid IPv4 or IPv6.
	return new ServiceError(
		'InvalidParameterException',
		`${member}.IpAddress must be a valid IPv4 or IPv6 address.`
	);
}

/** The `User-Agent` header among `ContextData.HttpHeaders` (names compared case-insensitively). */
function userAgentHeader(headers: unknown): string | undefined {
	if (!Array.isArray(headers)) return undefined;
	const header = headers.find(
		(h) => typeof h?.headerName === 'string' && h.headerName.toLowerCase() === 'user-agent'
	);
	const value = header?.headerValue;
	return typeof value === 'string' && value ? value.slice(0, MAX_FIELD) : undefined;
}

/**
 * The client context of a call from its input (`UserContextData` or `ContextData`) and its app client.
 * Throws `InvalidParameterException` for an IP address that is not one.
 */
export function readClientContext(
	input: { UserContextData?: Record<string, any>; ContextData?: Record<string, any> },
	client: Record<string, any>
): ClientContext {
	const notes: string[] = [];
	let ipAddress = CALLER_ADDRESS;
	let ipSource: ClientContext['ipSource'] = 'caller';
	let encoded: unknown;
	let headerAgent: string | undefined;
	if (input.ContextData) {
		ipAddress = input.ContextData.IpAddress;
		ipSource = 'ContextData';
		encoded = input.ContextData.EncodedData;
		headerAgent = userAgentHeader(input.ContextData.HttpHeaders);
		if (!parseAddress(ipAddress)) throw invalidAddress('ContextData');
	} else if (input.UserContextData) {
		encoded = input.UserContextData.EncodedData;
		const sent = input.UserContextData.IpAddress;
		if (sent !== undefined && sent !== '') {
			if (client.EnablePropagateAdditionalUserContextData !== true)
				notes.push(
					"UserContextData.IpAddress was ignored: the app client does not have EnablePropagateAdditionalUserContextData, so the caller's own address counts."
				);
			else {
				if (!parseAddress(sent)) throw invalidAddress('UserContextData');
				ipAddress = sent;
				ipSource = 'UserContextData';
			}
		}
	} else notes.push('No UserContextData or ContextData was sent.');
	const device = readEncodedData(encoded, notes);
	const address = parseAddress(ipAddress)!;
	const deviceName = device?.name ?? device?.userAgent ?? headerAgent;
	return {
		ipAddress,
		ipSource,
		address,
		location: locate(address),
		...(device ? { device } : {}),
		...(deviceName ? { deviceName } : {}),
		notes,
	};
}
