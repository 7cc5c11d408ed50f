/**
 * Checks an AWS Signature Version 4 `Authorization` header against the secret the sandbox's STS issued with the
 * access key id: the request is signed again with `@smithy/signature-v4` (the SDK's own signer) over exactly the
 * headers the caller signed, and the signatures compared. Also the date window (5 minutes either way, on the
 * sandbox clock) and the session token. Used where AWS verifies signatures itself: API Gateway's `AWS_IAM`
 * methods and AppSync's `AWS_IAM` mode.
 */
import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import { dict } from '../core/dict';
import type { StsService, StsSession } from '../sts';

/** Why a signature was refused, with AWS's wording for it. */
export type SigV4Problem =
	| 'missing' // no Authorization header at all
	| 'incomplete' // an Authorization header that is not a complete SigV4 one
	| 'unknown-key' // an access key id (or session token) this sandbox never issued
	| 'expired' // the credentials have expired
	| 'signature' // the signature does not match
	| 'clock'; // signed more than 5 minutes away from now

export type SigV4Check =
	| { ok: true; session: StsSession; service: string; region: string }
	| { ok: false; problem: SigV4Problem; message: string };

const SKEW_MS = 5 * 60 * 1000;

const INVALID_TOKEN = 'The security token included in the request is invalid.';

/** `20260101T000000Z` ⇄ epoch ms. */
const amzDate = (ms: number) => new Date(ms).toISOString().replace(/[-:]|\.\d{3}/g, '');
function parseAmzDate(text: string): number | undefined {
	const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
	if (match)
		return Date.UTC(+match[1]!, +match[2]! - 1, +match[3]!, +match[4]!, +match[5]!, +match[6]!);
	const parsed = Date.parse(text);
	return Number.isNaN(parsed) ? undefined : parsed;
}

interface ParsedAuthorization {
	accessKeyId: string;
	date: string;
	region: string;
	service: string;
	signedHeaders: string[];
	signature: string;
}

/** The parts of `AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`, or what is missing. */
function parseAuthorization(
	header: string,
	hasDate: boolean
): ParsedAuthorization | { missing: string } {
	const scheme = /^AWS4-HMAC-SHA256\s+(.*)$/s.exec(header);
	const parameters = new Map<string, string>();
	for (const part of (scheme?.[1] ?? '').split(',')) {
		const [key, ...value] = part.trim().split('=');
		if (key && value.length > 0) parameters.set(key, value.join('='));
	}
	const credential = /^([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request$/.exec(
		parameters.get('Credential') ?? ''
	);
	const problems = [
		credential ? '' : "Authorization header requires 'Credential' parameter.",
		parameters.get('Signature') ? '' : "Authorization header requires 'Signature' parameter.",
		parameters.get('SignedHeaders')
			? ''
			: "Authorization header requires 'SignedHeaders' parameter.",
		hasDate
			? ''
			: "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
	].filter(Boolean);
	if (!scheme || !credential || problems.length > 0)
		return { missing: `${problems.join(' ')} Authorization=${header}` };
	return {
		accessKeyId: credential[1]!,
		date: credential[2]!,
		region: credential[3]!,
		service: credential[4]!,
		signedHeaders: parameters.get('SignedHeaders')!.toLowerCase().split(';'),
		signature: parameters.get('Signature')!,
	};
}

/**
 * Checks the request's SigV4 signature. `body` is the request body already read (the caller still needs it).
 * `now` is the sandbox clock.
 */
export async function checkSigV4(
	request: Request,
	body: Uint8Array,
	deps: { sts: StsService; now: number }
): Promise<SigV4Check> {
	const header = request.headers.get('authorization');
	if (!header) return { ok: false, problem: 'missing', message: 'Missing Authentication Token' };
	const dateHeader = request.headers.get('x-amz-date') ?? request.headers.get('date');
	const parsed = parseAuthorization(header, dateHeader !== null);
	if ('missing' in parsed) return { ok: false, problem: 'incomplete', message: parsed.missing };

	const signedAt = parseAmzDate(dateHeader!);
	if (signedAt === undefined)
		return {
			ok: false,
			problem: 'incomplete',
			message: `Date must be in ISO-8601 'basic format'. Got '${dateHeader}'.`,
		};
	if (signedAt < deps.now - SKEW_MS)
		return {
			ok: false,
			problem: 'clock',
			message: `Signature expired: ${amzDate(signedAt)} is now earlier than ${amzDate(deps.now - SKEW_MS)} (${amzDate(deps.now)} - 5 min.)`,
		};
	if (signedAt > deps.now + SKEW_MS)
		return {
			ok: false,
			problem: 'clock',
			message: `Signature not yet current: ${amzDate(signedAt)} is still later than ${amzDate(deps.now + SKEW_MS)} (${amzDate(deps.now)} + 5 min.)`,
		};

	const session = deps.sts.sessionFor(parsed.accessKeyId);
	const secret = session && deps.sts.secretFor(parsed.accessKeyId);
	if (!session || !secret) return { ok: false, problem: 'unknown-key', message: INVALID_TOKEN };
	if (request.headers.get('x-amz-security-token') !== secret.token)
		return { ok: false, problem: 'unknown-key', message: INVALID_TOKEN };
	if (deps.now >= session.expiration)
		return {
			ok: false,
			problem: 'expired',
			message: 'The security token included in the request is expired',
		};

	const url = new URL(request.url);
	// Exactly the headers the caller signed (header names are the caller's: a null-prototype object).
	const headers = dict<string>();
	for (const name of parsed.signedHeaders) {
		const value =
			name === 'host' ? (request.headers.get('host') ?? url.host) : request.headers.get(name);
		if (value !== null) headers[name] = value;
	}
	const query = dict<string | string[]>();
	for (const [key, value] of url.searchParams) {
		const earlier = query[key];
		query[key] =
			earlier === undefined ? value : [...(Array.isArray(earlier) ? earlier : [earlier]), value];
	}
	const signer = new SignatureV4({
		credentials: { accessKeyId: parsed.accessKeyId, secretAccessKey: secret.secret },
		region: parsed.region,
		service: parsed.service,
		sha256: Sha256,
		uriEscapePath: parsed.service !== 's3',
	});
	const signed = await signer.sign(
		{
			method: request.method,
			protocol: url.protocol,
			hostname: url.hostname,
			port: url.port ? Number(url.port) : undefined,
			path: url.pathname,
			query,
			headers,
			body: body.byteLength > 0 ? body : undefined,
		},
		{
			signingDate: new Date(signedAt),
			signableHeaders: new Set(parsed.signedHeaders),
			signingRegion: parsed.region,
			signingService: parsed.service,
		}
	);
	const expected = /Signature=([0-9a-f]+)/.exec(String(signed.headers.authorization))?.[1];
	if (expected !== parsed.signature)
		return {
			ok: false,
			problem: 'signature',
			message:
				'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
		};
	return { ok: true, session, service: parsed.service, region: parsed.region };
}
