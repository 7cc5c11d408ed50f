/**
 * `npm run bench`: runs every `tests/bench/*.bench.ts` in turn. Each prints its own figures;
 * nothing here asserts a time (see README, "Measured figures").
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const only = process.argv[2];
const files = readdirSync(import.meta.dirname)
	.filter((name) => name.endsWith('.bench.ts') && (!only || name.includes(only)))
	.sort();
console.log(`node ${process.version}, ${process.platform}/${process.arch}`);
for (const name of files) {
	console.log(`\n## ${name}`);
	await import(pathToFileURL(join(import.meta.dirname, name)).href);
}
