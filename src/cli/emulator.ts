/**
 * `npm run emulator`: serves the Cognito sandbox over HTTP on http://localhost:9229, so the AWS CLI and any SDK
 * work against it with `--endpoint-url http://localhost:9229` (user pools, identity pools, Cognito Sync, STS).
 *
 * Options (README, "Local emulator"): `--port N` (default 9229), `--host H` (default 127.0.0.1), `--state FILE`
 * (loaded at start when present, written whenever the state changes), `--max-body BYTES` (default 1 MiB),
 * `--trace-limit N` (trace events kept, default 200), `--allow-host NAME` and `--allow-origin ORIGIN`
 * (repeatable, `*` for any; by default only localhost, 127.0.0.1 and [::1]), `--local-urls` (URLs the sandbox
 * hands out point back here), `--quiet`.
 *
 * Safety: any web page a developer visits could otherwise drive a local server from their browser (CORS, or
 * DNS rebinding, which needs no CORS), so requests whose Host header or Origin is not allowed are refused
 * with 403. Learner Lambda code runs in worker threads terminated at their deadline, so it cannot freeze the
 * server. Bad input never stops it: oversized bodies, malformed JSON, unknown operations and odd methods get
 * 4xx errors.
 *
 * Messages the sandbox "sends" (codes for sign-up, MFA, recovery) are printed on the console and listed at
 * `GET /_emulator/outbox` (newest last; `?destination=` filters), so the CLI can finish `confirm-sign-up`.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createSandbox, type Sandbox } from '../lib/cognito';
import { SANDBOX_SET_COOKIE_HEADER } from '../lib/cognito/oauth/http';
import { createNodeRuntime } from './node-runtime';
import { emulatorTls } from './emulator-tls';

/** How to start the emulator. */
export interface EmulatorOptions {
	port?: number;
	host?: string;
	/** JSON file the sandbox state is loaded from and saved to. */
	stateFile?: string;
	/** Largest request body accepted, in bytes. */
	maxBodyBytes?: number;
	/** Trace events kept in memory (oldest dropped first). */
	traceLimit?: number;
	/** Host header names served besides localhost, 127.0.0.1 and [::1]; `*` for any. */
	allowHosts?: string[];
	/** Origins allowed besides those on localhost, 127.0.0.1 and [::1]; `*` for any. */
	allowOrigins?: string[];
	/** Log one line per request (and every message sent) to stdout. */
	log?: boolean;
	/**
	 * Hand out URLs that point back at this emulator (token `iss`, JWKS, OpenID discovery, managed login),
	 * as `http://<host>:<port>/_host/<aws host>/<path>`, so unchanged OIDC clients and JWT verifiers work.
	 */
	localUrls?: boolean;
	/**
	 * Serve HTTPS with a certificate signed by a local CA kept in this folder (created on first use); print
	 * the CA path for `NODE_EXTRA_CA_CERTS`. Clients that refuse plain http (openid-client, aws-jwt-verify)
	 * then work unchanged.
	 */
	httpsDir?: string;
}

/** A started emulator: its server, sandbox and address, and how to stop it. */
export interface RunningEmulator {
	server: Server;
	sandbox: Sandbox;
	port: number;
	url: string;
	/** With `httpsDir`: the CA certificate file to trust (`NODE_EXTRA_CA_CERTS`). */
	caFile?: string;
	close(): Promise<void>;
}

/** Why the emulator refuses to start (a bad option or state file); the message says what to fix. */
export class EmulatorStartError extends Error {}

const DEFAULT_PORT = 9229;
const DEFAULT_MAX_BODY = 1024 * 1024;
const DEFAULT_TRACE_LIMIT = 200;
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
/** Headers browsers may read from responses (the SDKs need the request id and error type). */
const EXPOSED_HEADERS =
	'x-amzn-requestid, x-amzn-errortype, x-amzn-errormessage, x-amz-request-id, date, x-sandbox-notice';
const OUTBOX_PATH = '/_emulator/outbox';

class BodyTooLarge extends Error {}

/** Reads a `--state` file: a missing file means "start empty"; anything unreadable stops the start. */
function loadState(sandbox: Sandbox, file: string): void {
	const folder = dirname(resolve(file));
	if (!existsSync(folder) || !statSync(folder).isDirectory())
		throw new EmulatorStartError(
			`--state ${file}: the folder ${folder} does not exist, so the state could never be saved. Create it or choose another file.`
		);
	if (!existsSync(file)) return;
	let data: unknown;
	try {
		data = JSON.parse(readFileSync(file, 'utf8'));
	} catch (error) {
		throw new EmulatorStartError(
			`--state ${file}: not valid JSON (${error instanceof Error ? error.message : String(error)}). Fix the file or start with another one; it was left untouched.`
		);
	}
	try {
		sandbox.restore(data);
	} catch (error) {
		throw new EmulatorStartError(
			`--state ${file}: ${error instanceof Error ? error.message : String(error)}. The file was left untouched; fix it or start with another one.`
		);
	}
}

/** Starts the emulator; resolves once it listens. Throws {@link EmulatorStartError} for a bad state file. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
	const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
	const clock = { now: () => Date.now() };
	const random = () => Math.random();
	const runtime = createNodeRuntime({ guestClock: clock, random });
	// The port must be known before the sandbox spells local URLs: listen first, then create the sandbox.
	const tls = options.httpsDir
		? await emulatorTls(options.httpsDir, options.allowHosts ?? [])
		: undefined;
	const listener = (request: IncomingMessage, response: ServerResponse) => {
		response.setHeader('x-amzn-requestid', randomUUID());
		handle(request, response).catch((error: unknown) => {
			// Last resort: the sandbox already turns its own failures into service errors.
			if (!response.headersSent)
				sendJsonError(
					response,
					500,
					'InternalErrorException',
					error instanceof Error ? error.message : String(error)
				);
			else response.end();
		});
	};
	const server: Server = tls
		? (createHttpsServer({ key: tls.key, cert: tls.cert }, listener) as unknown as Server)
		: createServer(listener);
	await new Promise<void>((resolveListen, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? DEFAULT_PORT, options.host ?? '127.0.0.1', () => resolveListen());
	});
	const port = (server.address() as AddressInfo).port;
	const shownHost = !options.host || options.host === '0.0.0.0' ? '127.0.0.1' : options.host;
	const url = `${tls ? 'https' : 'http'}://${tls && shownHost === '127.0.0.1' ? 'localhost' : shownHost}:${port}`;
	const sandbox = createSandbox({
		clock,
		random,
		runtime,
		traceLimit: options.traceLimit ?? DEFAULT_TRACE_LIMIT,
		// Emulator users define roles through its IAM endpoint; a role nobody defined is refused, as in AWS.
		strictRoles: true,
		...(options.localUrls ? { baseUrl: url } : {}),
	});
	try {
		if (options.stateFile) loadState(sandbox, options.stateFile);
	} catch (error) {
		runtime.close();
		await new Promise((resolveClose) => server.close(resolveClose));
		throw error;
	}
	let savedState = options.stateFile ? JSON.stringify(sandbox.snapshot()) : '';
	const allowHosts = new Set(options.allowHosts ?? []);
	const allowOrigins = new Set(options.allowOrigins ?? []);

	sandbox.trace.subscribe((event) => {
		if (event.type === 'MessageSent' && options.log)
			console.log(
				`  ✉ ${event.channel} to ${event.destination} (${event.reason})${event.code ? `: code ${event.code}` : ''}`
			);
	});

	/** Whether a Host header names this machine (or a host the user allowed). */
	function hostAllowed(hostHeader: string | undefined): boolean {
		if (allowHosts.has('*')) return true;
		if (!hostHeader) return false;
		const name = hostHeader.replace(/:\d+$/, '').toLowerCase();
		return LOCAL_HOSTS.has(name) || allowHosts.has(name);
	}

	/** Whether a browser page from `origin` may call (no Origin: not a browser page, e.g. the CLI). */
	function originAllowed(origin: string | undefined): boolean {
		if (origin === undefined || allowOrigins.has('*') || allowOrigins.has(origin)) return true;
		try {
			const url = new URL(origin);
			return (
				(url.protocol === 'http:' || url.protocol === 'https:') && LOCAL_HOSTS.has(url.hostname)
			);
		} catch {
			return false;
		}
	}

	async function handle(request: IncomingMessage, response: ServerResponse) {
		const origin = request.headers.origin;
		if (!hostAllowed(request.headers.host)) {
			request.resume();
			sendJsonError(
				response,
				403,
				'AccessDeniedException',
				`Host ${request.headers.host ?? '(none)'} is not served. Start the emulator with --allow-host <name> to serve it.`
			);
			return;
		}
		if (!originAllowed(origin)) {
			request.resume();
			sendJsonError(
				response,
				403,
				'AccessDeniedException',
				`Requests from the page ${origin} are refused. Start the emulator with --allow-origin ${origin} to allow it.`
			);
			return;
		}
		if (origin !== undefined) setCors(request, response, origin);
		if (request.method === 'OPTIONS') {
			response.writeHead(204, { 'access-control-max-age': '86400' }).end();
			return;
		}
		const path = (request.url ?? '/').split('?')[0];
		if (request.method === 'GET' && path === OUTBOX_PATH) {
			request.resume();
			sendOutbox(request, response);
			return;
		}
		let body: Buffer;
		try {
			body = await readBody(request, maxBody);
		} catch (error) {
			if (!(error instanceof BodyTooLarge)) throw error;
			// Like the real endpoints: the request is refused whole and the connection is not reused.
			response.setHeader('connection', 'close');
			sendJsonError(
				response,
				413,
				'RequestEntityTooLargeException',
				`Request body of more than ${maxBody} bytes is too large.`
			);
			request.resume();
			return;
		}
		const headers = new Headers();
		for (const [name, value] of Object.entries(request.headers)) {
			if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
		}
		const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
		let outgoing: Request;
		try {
			outgoing = new Request(
				`${tls ? 'https' : 'http'}://${request.headers.host}${request.url ?? '/'}`,
				{
					method: request.method,
					headers,
					body: hasBody ? new Uint8Array(body) : undefined,
				}
			);
		} catch (error) {
			// Methods and URLs the Fetch API refuses (CONNECT, TRACE, a malformed path).
			sendJsonError(
				response,
				400,
				'UnknownOperationException',
				`No operation matches ${request.method} ${request.url}`
			);
			return;
		}
		const reply = await sandbox.fetch(outgoing);
		const out: Record<string, string | string[]> = {};
		reply.headers.forEach((value, name) => {
			if (name !== 'set-cookie' && name !== SANDBOX_SET_COOKIE_HEADER) out[name] = value;
		});
		// One header line per cookie (forEach would keep only the last); the sandbox's copy for browsers stays inside.
		const cookies = reply.headers.getSetCookie();
		if (cookies.length > 0) out['set-cookie'] = cookies;
		const payload = Buffer.from(await reply.arrayBuffer());
		response
			.writeHead(reply.status, { ...out, 'content-length': String(payload.length) })
			.end(payload);
		if (options.log)
			console.log(
				`${request.method} ${request.url} ${request.headers['x-amz-target'] ?? ''} → ${reply.status}`
			);
		if (options.stateFile && request.method !== 'GET') saveIfChanged(options.stateFile);
	}

	/** Writes the state only when it changed since the last write (reads never rewrite the file). */
	function saveIfChanged(file: string) {
		const text = JSON.stringify(sandbox.snapshot());
		if (text === savedState) return;
		// Next to the file, then renamed over it, so a crash never leaves half a file.
		const temporary = `${file}.tmp`;
		writeFileSync(temporary, text);
		renameSync(temporary, file);
		savedState = text;
	}

	function sendOutbox(request: IncomingMessage, response: ServerResponse) {
		const destination = new URL(request.url ?? '/', 'http://localhost').searchParams.get(
			'destination'
		);
		const messages = sandbox.outbox.filter(
			(message) => destination === null || message.destination === destination
		);
		const body = JSON.stringify({ messages });
		response
			.writeHead(200, {
				'content-type': 'application/json',
				'content-length': String(Buffer.byteLength(body)),
			})
			.end(body);
	}

	return {
		server,
		sandbox,
		port,
		url,
		...(tls ? { caFile: tls.caFile } : {}),
		close: () =>
			new Promise<void>((resolveClose) => {
				runtime.close();
				server.closeAllConnections();
				server.close(() => resolveClose());
			}),
	};
}

function readBody(request: IncomingMessage, maxBytes: number): Promise<Buffer> {
	return new Promise((resolveBody, reject) => {
		const declared = Number(request.headers['content-length']);
		if (Number.isFinite(declared) && declared > maxBytes) return reject(new BodyTooLarge());
		const chunks: Buffer[] = [];
		let size = 0;
		let refused = false;
		request.on('data', (chunk: Buffer) => {
			if (refused) return;
			size += chunk.length;
			if (size > maxBytes) {
				refused = true;
				// Nothing received so far is kept.
				chunks.length = 0;
				reject(new BodyTooLarge());
				return;
			}
			chunks.push(chunk);
		});
		request.on('end', () => {
			if (!refused) resolveBody(Buffer.concat(chunks));
		});
		request.on('error', reject);
	});
}

function setCors(request: IncomingMessage, response: ServerResponse, origin: string) {
	response.setHeader('access-control-allow-origin', origin);
	response.setHeader('vary', 'origin');
	response.setHeader('access-control-allow-methods', 'GET, POST, PUT, DELETE, OPTIONS');
	response.setHeader(
		'access-control-allow-headers',
		request.headers['access-control-request-headers'] ?? '*'
	);
	response.setHeader('access-control-expose-headers', EXPOSED_HEADERS);
}

function sendJsonError(response: ServerResponse, status: number, type: string, message: string) {
	const body = JSON.stringify({ __type: type, message });
	response
		.writeHead(status, {
			'content-type': 'application/x-amz-json-1.1',
			'x-amzn-errortype': type,
			'content-length': String(Buffer.byteLength(body)),
		})
		.end(body);
}

const USAGE =
	'Options: --port N, --host H, --state FILE, --max-body BYTES, --trace-limit N, --allow-host NAME, --allow-origin ORIGIN, --local-urls, --https [DIR], --quiet';

/** A whole number in [min, max], or a start error naming the option. */
function wholeNumber(flag: string, text: string, min: number, max: number): number {
	const value = Number(text);
	if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < min || value > max)
		throw new EmulatorStartError(
			`${flag} must be a whole number from ${min} to ${max}, found "${text}"`
		);
	return value;
}

/** Parses `--port 9229 --state file.json --max-body 1048576 --host 0.0.0.0 --allow-host box.local --quiet`. */
export function parseArguments(argv: string[]): EmulatorOptions {
	const options: EmulatorOptions = { log: true };
	for (let index = 0; index < argv.length; index++) {
		const flag = argv[index]!;
		const value = () => {
			const next = argv[++index];
			if (next === undefined || next.startsWith('--'))
				throw new EmulatorStartError(`${flag} needs a value. ${USAGE}`);
			return next;
		};
		if (flag === '--port') options.port = wholeNumber(flag, value(), 0, 65535);
		else if (flag === '--state') options.stateFile = value();
		else if (flag === '--host') options.host = value();
		else if (flag === '--max-body') options.maxBodyBytes = wholeNumber(flag, value(), 1, 2 ** 30);
		else if (flag === '--trace-limit')
			options.traceLimit = wholeNumber(flag, value(), 1, 1_000_000);
		else if (flag === '--allow-host') (options.allowHosts ??= []).push(value().toLowerCase());
		else if (flag === '--allow-origin') {
			const origin = value();
			if (origin !== '*' && !/^https?:\/\/[^/]+$/.test(origin))
				throw new EmulatorStartError(
					`--allow-origin must be an origin such as http://classroom.local:4321 (scheme, host and port, no path) or *, found "${origin}"`
				);
			(options.allowOrigins ??= []).push(origin);
		} else if (flag === '--quiet') options.log = false;
		else if (flag === '--local-urls') options.localUrls = true;
		else if (flag === '--https') {
			// An optional folder for the CA and certificate (default .emulator-tls in the working directory).
			const next = argv[index + 1];
			options.httpsDir =
				next !== undefined && !next.startsWith('--') ? argv[++index]! : '.emulator-tls';
		} else throw new EmulatorStartError(`Unknown option ${flag}. ${USAGE}`);
	}
	return options;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	try {
		const options = parseArguments(process.argv.slice(2));
		const running = await startEmulator(options);
		console.log(`Cognito sandbox emulator on ${running.url} (use --endpoint-url ${running.url})`);
		console.log(`Messages and codes: ${running.url}${OUTBOX_PATH}`);
		if (running.caFile)
			console.log(
				`HTTPS with a local CA: trust it with NODE_EXTRA_CA_CERTS=${running.caFile} (Node clients) or import it into your browser.`
			);
		if (options.host && !LOCAL_HOSTS.has(options.host) && !options.allowHosts?.length)
			console.log(
				`Listening on ${options.host}: requests are served only when their Host header is localhost; add --allow-host <name> for the names other machines use.`
			);
		console.log(
			'Cognito Sync is closed to new customers since 30 July 2026; AWS AppSync is its successor.'
		);
	} catch (error) {
		console.error(error instanceof Error ? error.message : String(error));
		process.exit(1);
	}
}
