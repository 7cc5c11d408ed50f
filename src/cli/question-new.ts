/**
 * `npm run question:new`: scaffolds a valid question file under content/questions/<lesson>/.
 * In a terminal it asks for each field; scripts pass flags instead:
 *   npm run question:new -- --lesson tokens --id aud-claim --type multi --answer a,c --topics tokens,jwt-verification
 * It refuses to overwrite a file or reuse an id, and runs the content check on the result.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import {
	DEFAULT_DOMAINS,
	fullId,
	questionPath,
	questionToFile,
	scaffoldQuestion,
	type ScaffoldOptions,
} from '../lib/bank';
import { checkContent } from '../schemas/check-content';
import {
	DOMAIN_IDS,
	EXAM_DOMAINS,
	EXAMS,
	LESSON_SLUGS,
	TOPICS,
	type Exam,
} from '../schemas/vocabulary';
import { takenIds, writeNewFiles } from './bank-files';
import { readContentFiles } from './read-content';

const HELP = `Usage: npm run question:new -- [flags]

Without flags in a terminal, asks for each field. Flags (lists are comma-separated):
  --lesson <slug>        one of: ${LESSON_SLUGS.join(', ')}
  --id <short-id>        kebab-case, e.g. aud-claim (the file is content/questions/<lesson>/<short-id>.md)
  --type single|multi    default single (4 options); multi has 5 options unless --options 6
  --difficulty 1|2|3     default 2
  --topics <list>        default: a topic for the lesson
  --exams <list>         default DVA-C02
  --domains <list>       exam-guide domains such as DVA-C02/2,SCS-C02/4 (see EXAM_DOMAINS in
                         src/schemas/vocabulary.ts); default: Security, Secure architectures or IAM
  --answer <list>        right option letters, default a (single) or a,b (multi)
  --options <n>          number of options (single: 4; multi: 5 or 6)
  --stem <text>          the question; multi stems must end with "(Choose two.)" or "(Choose three.)"
  --explanation <text>   the overall explanation
  --source <url>         an AWS documentation URL (repeatable)
  --root <dir>           repository root (default: current directory)
  --no-input             never prompt (the default when not in a terminal)
  --help`;

const list = (value: string | undefined) => value?.split(/[\s,;]+/).filter(Boolean);

async function main(): Promise<number> {
	const { values } = parseArgs({
		options: {
			lesson: { type: 'string' },
			id: { type: 'string' },
			type: { type: 'string' },
			difficulty: { type: 'string' },
			topics: { type: 'string' },
			exams: { type: 'string' },
			domains: { type: 'string' },
			answer: { type: 'string' },
			options: { type: 'string' },
			stem: { type: 'string' },
			explanation: { type: 'string' },
			source: { type: 'string', multiple: true },
			root: { type: 'string' },
			'no-input': { type: 'boolean' },
			help: { type: 'boolean' },
		},
	});
	if (values.help) {
		console.log(HELP);
		return 0;
	}
	const root = values.root ?? process.cwd();
	const interactive = process.stdin.isTTY && process.stdout.isTTY && !values['no-input'];
	const taken = takenIds(root);

	const answers: Record<string, string | undefined> = {
		...values,
		source: values.source?.join(','),
	} as unknown as Record<string, string | undefined>;
	if (interactive) {
		const rl = createInterface({ input: process.stdin, output: process.stdout });
		// Reading through the iterator queues lines, so pasted answers are not lost between prompts.
		const lines = rl[Symbol.asyncIterator]();
		const read = async (prompt: string) => {
			process.stdout.write(prompt);
			const next = await lines.next();
			if (next.done) {
				console.log('\nCancelled; nothing was written.');
				process.exit(130);
			}
			return String(next.value);
		};
		rl.on('SIGINT', () => {
			console.log('\nCancelled; nothing was written.');
			process.exit(130);
		});
		const ask = async (
			key: string,
			question: string,
			fallback?: string,
			valid?: (value: string) => string | undefined
		) => {
			if (answers[key]) return;
			for (;;) {
				const reply =
					(await read(`${question}${fallback ? ` [${fallback}]` : ''}: `)).trim() || fallback || '';
				const problem = valid?.(reply);
				if (!problem) {
					answers[key] = reply;
					return;
				}
				console.log(`  ${problem}`);
			}
		};
		console.log(
			'New question. Press Enter to accept the [default]; you can edit the file afterwards.\n'
		);
		await ask('lesson', `Lesson (${LESSON_SLUGS.join(', ')})`, undefined, (value) =>
			(LESSON_SLUGS as readonly string[]).includes(value)
				? undefined
				: 'must be one of the lesson slugs above'
		);
		await ask('id', 'Short id (kebab-case, describes the question)', undefined, (value) => {
			if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(value)) return 'must be kebab-case, e.g. aud-claim';
			return taken.has(fullId(answers.lesson!, value))
				? `"${fullId(answers.lesson!, value)}" is taken (ids are never reused)`
				: undefined;
		});
		await ask('type', 'Type (single or multi)', 'single', (value) =>
			value === 'single' || value === 'multi' ? undefined : 'must be single or multi'
		);
		await ask('difficulty', 'Difficulty (1 recall, 2 apply, 3 analyse)', '2', (value) =>
			/^[123]$/.test(value) ? undefined : 'must be 1, 2 or 3'
		);
		await ask(
			'topics',
			`Topics, comma-separated (see src/schemas/vocabulary.ts)`,
			undefined,
			(value) => {
				const bad = (list(value) ?? []).filter(
					(topic) => !(TOPICS as readonly string[]).includes(topic)
				);
				return !value
					? 'give at least one topic'
					: bad.length
						? `unknown topic(s): ${bad.join(', ')}`
						: undefined;
			}
		);
		await ask('exams', `Exams (${EXAMS.join(', ')})`, 'DVA-C02');
		const examList = list(answers.exams) ?? [];
		await ask(
			'domains',
			`Domains (${examList.flatMap((exam) => EXAM_DOMAINS[exam as Exam]?.map((d) => `${exam}/${d.number} ${d.name}`) ?? []).join('; ')})`,
			examList.map((exam) => DEFAULT_DOMAINS[exam as Exam] ?? `${exam}/1`).join(','),
			(value) => {
				const bad = (list(value) ?? []).filter(
					(domain) => !(DOMAIN_IDS as readonly string[]).includes(domain.toUpperCase())
				);
				return bad.length ? `unknown domain(s): ${bad.join(', ')}` : undefined;
			}
		);
		await ask('stem', 'Stem (the question; you can edit it later)', '');
		await ask('answer', 'Right option letter(s)', answers.type === 'multi' ? 'a,b' : 'a');
		await ask('source', 'AWS documentation URL', '');
		rl.close();
	}

	if (!answers.lesson || !answers.id) {
		console.error(
			`question:new needs --lesson and --id (or run it in a terminal to be asked).\n\n${HELP}`
		);
		return 2;
	}
	const options: ScaffoldOptions = {
		lesson: answers.lesson,
		id: answers.id,
		type:
			answers.type === 'multi'
				? 'multi'
				: answers.type === 'single' || !answers.type
					? 'single'
					: (answers.type as 'single'),
		difficulty: answers.difficulty ? Number(answers.difficulty) : undefined,
		topics: list(answers.topics),
		exams: list(answers.exams),
		domains: list(answers.domains)?.map((domain) => domain.toUpperCase()),
		answer: list(answers.answer?.toLowerCase()),
		optionCount: answers.options ? Number(answers.options) : undefined,
		stem: answers.stem || undefined,
		explanation: answers.explanation || undefined,
		sources: list(answers.source),
	};
	const question = scaffoldQuestion(options);
	const file = {
		path: questionPath(question.id),
		text: questionToFile({ ...question, type: answers.type ?? question.type }),
	};

	if (taken.has(question.id) || existsSync(join(root, file.path))) {
		console.error(
			`${file.path}: id: must be new, found "${question.id}", which is already used (ids are never reused); choose another --id. Nothing was written.`
		);
		return 1;
	}
	const lessons = readContentFiles(root).filter((entry) =>
		entry.path.startsWith('content/lessons/')
	);
	const report = checkContent([...lessons, file]);
	const problems = report.errors.filter(
		(error) => error.startsWith(file.path) || error.startsWith('content/questions')
	);
	if (problems.length > 0) {
		console.error(
			`The new question would not pass the check; nothing was written:\n${problems.join('\n')}`
		);
		return 1;
	}
	writeNewFiles(root, [file]);
	console.log(`Created ${file.path}\nReplace every TODO, then run: npm run questions:check`);
	return 0;
}

process.exitCode = await main();
