/** How long the content check (run before every build) takes over the real content folder. */
import { checkContent } from '../../src/schemas/check-content';
import { readContentFiles } from '../../src/cli/read-content';
import { printTimings, time } from './timing';

const files = readContentFiles(process.cwd());
const report = checkContent(files);
console.log(
	`${files.length} files: ${report.lessons.length} lessons, ${report.questions.length} questions`
);
printTimings([
	await time('read content/ from disk', () => readContentFiles(process.cwd()), 10),
	await time('checkContent (schemas, references, near-duplicates)', () => checkContent(files), 10),
]);
