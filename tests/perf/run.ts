/** `npm run perf`: browser measurements of the built site (build first). Each file prints its own figures. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const only = process.argv[2];
for (const name of readdirSync(import.meta.dirname)
	.filter((file) => file.endsWith('.perf.ts') && (!only || file.includes(only)))
	.sort()) {
	console.log(`\n## ${name}`);
	await import(pathToFileURL(join(import.meta.dirname, name)).href);
}
