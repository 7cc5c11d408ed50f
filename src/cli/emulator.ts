/**
 * `npm run emulator`: serves the Cognito sandbox over HTTP on http://localhost:9229, so the AWS CLI and any SDK
 * work against it with `--endpoint-url http://localhost:9229` (user pools, identity pools, Cognito Sync, STS).
 *
 * Options: `--port N` (default 9229), `--host H` (default 127.0.0.1), `--state FILE` (load at start when present,
 * save after each request that may change state), `--max-body BYTES` (default 1 MiB), `--quiet`.
 * State stays in memory unless `--state` is given. Bad input never stops the server: oversized bodies, malformed
 * JSON and unknown operations get the services' own errors.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { createSandbox, type Sandbox } from '../lib/cognito';

/** How to start the emulator. */
export interface EmulatorOptions {
	port?: number;
	host?: string;
	/** JSON file the sandbox state is loaded from and saved to. */
	stateFile?: string;
	/** Largest request body accepted, in bytes. */
	maxBodyBytes?: number;
	/** Log one line per request to stdout. */
	log?: boolean;
}

/** A started emulator: its server, sandbox and address, and how to stop it. */
export interface RunningEmulator {
	server: Server;
	sandbox: Sandbox;
	port: number;
	url: string;
	close(): Promise<void>;
}

const DEFAULT_PORT = 9229;
const DEFAULT_MAX_BODY = 1024 * 1024;
/** Headers browsers may read from responses (the SDKs need the request id and error type). */
const EXPOSED_HEADERS =
	'x-amzn-requestid, x-amzn-errortype, x-amzn-errormessage, x-amz-request-id, date, x-sandbox-notice';

class BodyTooLarge extends Error {}

/** Starts the emulator; resolves once it listens. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
	const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY;
	const sandbox = createSandbox();
	if (options.stateFile && existsSync(options.stateFile))
		sandbox.restore(JSON.parse(readFileSync(options.stateFile, 'utf8')));

	const server = createServer((request, response) => {
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
	});

	async function handle(request: IncomingMessage, response: ServerResponse) {
		setCors(request, response);
		if (request.method === 'OPTIONS') {
			response.writeHead(204, { 'access-control-max-age': '86400' }).end();
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
		const url = `http://${request.headers.host ?? 'localhost'}${request.url ?? '/'}`;
		const headers = new Headers();
		for (const [name, value] of Object.entries(request.headers)) {
			if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
		}
		const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
		const reply = await sandbox.fetch(
			new Request(url, {
				method: request.method,
				headers,
				body: hasBody ? new Uint8Array(body) : undefined,
			})
		);
		const out: Record<string, string> = {};
		reply.headers.forEach((value, name) => {
			out[name] = value;
		});
		const payload = Buffer.from(await reply.arrayBuffer());
		response
			.writeHead(reply.status, { ...out, 'content-length': String(payload.length) })
			.end(payload);
		if (options.log)
			console.log(
				`${request.method} ${request.url} ${request.headers['x-amz-target'] ?? ''} → ${reply.status}`
			);
		if (options.stateFile && request.method !== 'GET') saveState(sandbox, options.stateFile);
	}

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? DEFAULT_PORT, options.host ?? '127.0.0.1', () => resolve());
	});
	const port = (server.address() as AddressInfo).port;
	return {
		server,
		sandbox,
		port,
		url: `http://${options.host ?? '127.0.0.1'}:${port}`,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

function readBody(request: IncomingMessage, maxBytes: number): Promise<Buffer> {
	return new Promise((resolve, reject) => {
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
				reject(new BodyTooLarge());
				return;
			}
			chunks.push(chunk);
		});
		request.on('end', () => {
			if (!refused) resolve(Buffer.concat(chunks));
		});
		request.on('error', reject);
	});
}

function setCors(request: IncomingMessage, response: ServerResponse) {
	response.setHeader('access-control-allow-origin', request.headers.origin ?? '*');
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

/** Writes the snapshot next to the file and renames it over, so a crash never leaves half a file. */
function saveState(sandbox: Sandbox, file: string) {
	const temporary = `${file}.tmp`;
	writeFileSync(temporary, JSON.stringify(sandbox.snapshot()));
	renameSync(temporary, file);
}

/** Parses `--port 9229 --state file.json --max-body 1048576 --host 0.0.0.0 --quiet`. */
export function parseArguments(argv: string[]): EmulatorOptions {
	const options: EmulatorOptions = { log: true };
	for (let index = 0; index < argv.length; index++) {
		const flag = argv[index];
		const value = () => {
			const next = argv[++index];
			if (next === undefined) throw new Error(`${flag} needs a value`);
			return next;
		};
		if (flag === '--port') options.port = Number(value());
		else if (flag === '--state') options.stateFile = value();
		else if (flag === '--host') options.host = value();
		else if (flag === '--max-body') options.maxBodyBytes = Number(value());
		else if (flag === '--quiet') options.log = false;
		else
			throw new Error(
				`Unknown option ${flag}. Options: --port N, --state FILE, --host H, --max-body BYTES, --quiet`
			);
	}
	if (
		options.port !== undefined &&
		!(Number.isInteger(options.port) && options.port >= 0 && options.port < 65536)
	)
		throw new Error('--port must be 0–65535');
	return options;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	try {
		const running = await startEmulator(parseArguments(process.argv.slice(2)));
		console.log(`Cognito sandbox emulator on ${running.url} (use --endpoint-url ${running.url})`);
		console.log(
			'Cognito Sync is closed to new customers since 30 July 2026; AWS AppSync is its successor.'
		);
	} catch (error) {
		console.error(error instanceof Error ? error.message : String(error));
		process.exit(1);
	}
}
