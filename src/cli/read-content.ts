/** Node adapter: reads every authored content file under `content/` for the checker. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { ContentFile } from '../schemas/check-content';

/** All files under `<root>/content`, with repository-relative forward-slash paths. */
export function readContentFiles(root: string): ContentFile[] {
	const base = join(root, 'content');
	return readdirSync(base, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile() && /\.(md|mdx)$/.test(entry.name))
		.map((entry) => {
			const absolute = join(entry.parentPath, entry.name);
			return {
				path: relative(root, absolute).split(sep).join('/'),
				text: readFileSync(absolute, 'utf8'),
			};
		});
}
