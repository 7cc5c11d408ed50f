import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readContentFiles } from '../../../src/cli/read-content';
import { checkContent } from '../../../src/schemas/check-content';
import { REPO_ROOT } from '../../fixtures/bank';

const TSX = join(REPO_ROOT, 'node_modules/.bin/tsx');
let root: string;

function run(script: string, args: string[]) {
	return spawnSync(TSX, [join(REPO_ROOT, 'src/cli', script), '--root', root, ...args], {
		cwd: root,
		encoding: 'utf8',
	});
}

beforeAll(() => {
	// A scratch repository with the real lessons and an empty bank.
	root = mkdtempSync(join(tmpdir(), 'question-new-'));
	cpSync(join(REPO_ROOT, 'content/lessons'), join(root, 'content/lessons'), { recursive: true });
	mkdirSync(join(root, 'content/questions'), { recursive: true });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('question:new', () => {
	test('scaffolds a file from flags that passes the content check', { timeout: 30_000 }, () => {
		const result = run('question-new.ts', [
			'--no-input',
			'--lesson',
			'tokens',
			'--id',
			'my-question',
			'--type',
			'multi',
			'--answer',
			'a,c',
			'--topics',
			'tokens,jwt-verification',
			'--exams',
			'DVA-C02,SCS-C02',
			'--domains',
			'dva-c02/1,SCS-C02/5',
		]);
		expect(result.stderr).toBe('');
		expect(result.status).toBe(0);
		expect(result.stdout).toContain('Created content/questions/tokens/my-question.md');
		const text = readFileSync(join(root, 'content/questions/tokens/my-question.md'), 'utf8');
		expect(text).toContain(
			'id: tokens/my-question\nlesson: tokens\ntopics: [tokens, jwt-verification]\ntype: multi'
		);
		expect(text).toContain('answer: [a, c]');
		expect(text).toContain('exams: [DVA-C02, SCS-C02]\ndomains: [DVA-C02/1, SCS-C02/5]');
		expect(text).toContain('(Choose two.)');
		const report = checkContent(readContentFiles(root));
		expect(report.errors.filter((error) => error.startsWith('content/questions'))).toEqual([]);
		expect(report.questions.map((question) => question.data.id)).toEqual(['tokens/my-question']);
	});

	test('warns about the TODO placeholders it leaves, without failing the check', () => {
		const report = checkContent(readContentFiles(root));
		expect(report.warnings).toEqual([
			'content/questions/tokens/my-question.md: (placeholders): still contains "TODO" from npm run question:new; replace it before publishing',
		]);
	});

	// `script` gives the CLI a real terminal, so it asks its questions; answers are typed one line at a time.
	test.skipIf(!existsSync('/usr/bin/script'))(
		'asks for each field in a terminal',
		{ timeout: 30_000 },
		() => {
			const answers = [
				'identity-pools',
				'guest-role',
				'multi',
				'1',
				'identity-pools, guest-access',
				'SAA-C03',
				'SAA-C03/1, SAA-C03/4',
				'A photo app lets visitors browse without signing in. Which two settings are needed?',
				'a,b',
				'https://docs.aws.amazon.com/cognito/latest/developerguide/identity-pools.html',
			];
			const command = `(sleep 1.5; for line in ${answers.map((answer) => `'${answer}'`).join(' ')}; do echo "$line"; sleep 0.2; done; sleep 3) | script -qec "${TSX} ${join(REPO_ROOT, 'src/cli/question-new.ts')} --root ${root}" /dev/null`;
			const output = execFileSync('sh', ['-c', command], { encoding: 'utf8' });
			expect(output).toContain('Lesson (cognito-overview');
			expect(output).toContain('SAA-C03/4 Design Cost-Optimized Architectures');
			expect(output).toContain('Created content/questions/identity-pools/guest-role.md');
			const text = readFileSync(
				join(root, 'content/questions/identity-pools/guest-role.md'),
				'utf8'
			);
			expect(text).toContain(
				'topics: [identity-pools, guest-access]\ntype: multi\ndifficulty: 1\nexams: [SAA-C03]\ndomains: [SAA-C03/1, SAA-C03/4]'
			);
			expect(text).toContain('Which two settings are needed? (Choose two.)');
			rmSync(join(root, 'content/questions/identity-pools'), { recursive: true });
		}
	);

	test('refuses to overwrite an existing question', { timeout: 30_000 }, () => {
		const before = readFileSync(join(root, 'content/questions/tokens/my-question.md'), 'utf8');
		const result = run('question-new.ts', [
			'--no-input',
			'--lesson',
			'tokens',
			'--id',
			'my-question',
		]);
		expect(result.status).toBe(1);
		expect(result.stderr).toContain('id: must be new, found "tokens/my-question"');
		expect(readFileSync(join(root, 'content/questions/tokens/my-question.md'), 'utf8')).toBe(
			before
		);
	});

	test('refuses a question the schema rejects and writes nothing', { timeout: 30_000 }, () => {
		const result = run('question-new.ts', [
			'--no-input',
			'--lesson',
			'tokens',
			'--id',
			'bad-one',
			'--topics',
			'tokenz',
		]);
		expect(result.status).toBe(1);
		expect(result.stderr).toContain('topics[0]: must be one of');
		expect(() => readFileSync(join(root, 'content/questions/tokens/bad-one.md'))).toThrow();
	});
});

describe('questions:import', () => {
	test(
		'writes nothing when a row is bad, and every file when all are good',
		{ timeout: 30_000 },
		() => {
			const bad = run('questions-import.ts', [join(REPO_ROOT, 'tests/fixtures/bank/mixed.csv')]);
			expect(bad.status).toBe(1);
			expect(bad.stderr).toContain('10 problems; nothing was written');
			expect(
				readContentFiles(root).filter((file) => file.path.includes('aud-claim-from-sheet'))
			).toEqual([]);

			const good = run('questions-import.ts', [join(REPO_ROOT, 'tests/fixtures/bank/good.csv')]);
			expect(good.status).toBe(0);
			const report = checkContent(readContentFiles(root));
			expect(report.errors.filter((error) => error.startsWith('content/questions'))).toEqual([]);
			expect(report.questions).toHaveLength(3);
		}
	);

	test('exports the imported questions to GIFT filtered by lesson', { timeout: 30_000 }, () => {
		const gift = execFileSync(
			TSX,
			[
				join(REPO_ROOT, 'src/cli/questions-export.ts'),
				'--root',
				root,
				'--format',
				'gift',
				'--lesson',
				'identity-pools',
			],
			{ encoding: 'utf8' }
		);
		expect(gift).toContain('::identity-pools/guest-and-signed-in::');
		expect(gift).not.toContain('tokens/');
	});
});
