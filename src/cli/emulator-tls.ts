/**
 * TLS for `npm run emulator -- --https`: a local certificate authority and a server certificate it signs, made
 * with `selfsigned` (RSA 2048, SHA-256) and kept in a folder so the CA stays the same from run to run. Clients
 * that insist on HTTPS (openid-client, aws-jwt-verify) then work unchanged once Node trusts the CA:
 * `NODE_EXTRA_CA_CERTS=<folder>/ca.pem`.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generate } from 'selfsigned';

export interface EmulatorTls {
	key: string;
	cert: string;
	/** Absolute path of the CA certificate (PEM) to trust. */
	caFile: string;
}

const DAY_MS = 86_400_000;

/**
 * Loads the CA in `folder` (creating it on first use) and issues a fresh server certificate for
 * `localhost`, `127.0.0.1`, `::1` and `hosts`, valid for 30 days.
 */
export async function emulatorTls(folder: string, hosts: string[] = []): Promise<EmulatorTls> {
	const dir = resolve(folder);
	mkdirSync(dir, { recursive: true });
	const caFile = join(dir, 'ca.pem');
	const caKeyFile = join(dir, 'ca-key.pem');
	let ca: { key: string; cert: string };
	if (existsSync(caFile) && existsSync(caKeyFile)) {
		ca = { key: readFileSync(caKeyFile, 'utf8'), cert: readFileSync(caFile, 'utf8') };
	} else {
		const now = Date.now();
		const made = await generate(
			[{ name: 'commonName', value: 'Cognito sandbox emulator local CA' }],
			{
				keySize: 2048,
				algorithm: 'sha256',
				notBeforeDate: new Date(now - DAY_MS),
				notAfterDate: new Date(now + 3650 * DAY_MS),
				extensions: [
					{ name: 'basicConstraints', cA: true, critical: true },
					{ name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
				],
			}
		);
		ca = { key: made.private, cert: made.cert };
		writeFileSync(caKeyFile, ca.key, { mode: 0o600 });
		writeFileSync(caFile, ca.cert);
	}
	const names = [...new Set(['localhost', ...hosts.filter((h) => h !== '*')])];
	const now = Date.now();
	const server = await generate([{ name: 'commonName', value: 'localhost' }], {
		keySize: 2048,
		algorithm: 'sha256',
		notBeforeDate: new Date(now - DAY_MS),
		notAfterDate: new Date(now + 30 * DAY_MS),
		ca,
		extensions: [
			{ name: 'basicConstraints', cA: false },
			{ name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
			{ name: 'extKeyUsage', serverAuth: true },
			{
				name: 'subjectAltName',
				altNames: [
					...names.map((value) => ({ type: 2 as const, value })),
					{ type: 7 as const, ip: '127.0.0.1' },
					{ type: 7 as const, ip: '::1' },
				],
			},
		],
	});
	return { key: server.private, cert: server.cert, caFile };
}
