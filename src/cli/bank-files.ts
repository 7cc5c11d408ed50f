/** Node adapter: reads the question bank from `content/questions` and lists ids that are taken. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { BankQuestion, GeneratedFile } from '../lib/bank';
import { checkContent } from '../schemas/check-content';
import { readContentFiles } from './read-content';

/** Every question that passes the check, plus the check's errors for question files. */
export function loadBank(root: string): { questions: BankQuestion[]; errors: string[] } {
	const report = checkContent(readContentFiles(root));
	return {
		questions: report.questions.map((question) => ({
			...question.data,
			stem: question.stem,
			explanation: question.explanation,
		})),
		errors: report.errors.filter((error) => error.startsWith('content/questions/')),
	};
}

/**
 * Ids that may not be used for a new question: every question file present, plus files deleted in
 * git history (an id is never reused, so retired ids stay taken). Git is optional.
 */
export function takenIds(root: string): Set<string> {
	const ids = new Set<string>();
	const toId = (path: string) => /^content\/questions\/(.+)\.md$/.exec(path)?.[1];
	for (const file of readContentFiles(root)) {
		const id = toId(file.path);
		if (id) ids.add(id);
	}
	try {
		const deleted = execFileSync(
			'git',
			['log', '--diff-filter=D', '--name-only', '--pretty=format:', '--', 'content/questions'],
			{
				cwd: root,
				encoding: 'utf8',
				stdio: ['ignore', 'pipe', 'ignore'],
			}
		);
		for (const line of deleted.split('\n')) {
			const id = toId(line.trim());
			if (id) ids.add(id);
		}
	} catch {
		// Not a git checkout: only the files present count.
	}
	return ids;
}

/** Writes files under `root`, creating folders; refuses (throws) if any already exists. */
export function writeNewFiles(root: string, files: readonly GeneratedFile[]): void {
	const clash = files.find((file) => existsSync(join(root, file.path)));
	if (clash)
		throw new Error(
			`${clash.path} already exists; nothing was written (ids are never reused, choose another id)`
		);
	for (const file of files) {
		const target = join(root, file.path);
		mkdirSync(dirname(target), { recursive: true });
		writeFileSync(target, file.text, { flag: 'wx' });
	}
}
