/**
 * Checks the whole authored content set (lessons, questions, glossary, scenarios) the way the build does:
 * each file against its schema, then the rules that span files (ids, references, links, coverage).
 * Pure: takes file texts, returns messages; the CLI, the build integration and the tests read files for it.
 */
import GithubSlugger from 'github-slugger';
import Fuse from 'fuse.js';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { z } from 'astro/zod';
import { formatIssues } from './format-issues';
import { glossarySchema, type GlossaryData } from './glossary';
import { lessonSchema, type LessonData } from './lesson';
import { markdownProblems } from './markdown-safety';
import { questionSchema, type QuestionData } from './question';
import { scenarioSchema, type ScenarioData } from './scenario';
import { EXAM_DOMAINS, EXAMS, LESSON_SLUGS, NOTES_SECTIONS } from './vocabulary';

/** A content file as read from disk; `path` is relative to the repository root. */
export interface ContentFile {
	path: string;
	text: string;
}

export interface Entry<Data> {
	path: string;
	slug: string;
	data: Data;
	body: string;
}

export interface ParsedQuestion extends Entry<QuestionData> {
	stem: string;
	explanation: string;
}

export interface ContentReport {
	errors: string[];
	warnings: string[];
	lessons: Entry<LessonData>[];
	questions: ParsedQuestion[];
	glossary: Entry<GlossaryData>[];
	scenarios: Entry<ScenarioData>[];
}

const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;
/** Fuse.js score (0 = identical) at or below which two stems are reported as near-duplicates. */
const NEAR_DUPLICATE_SCORE = 0.1;
const CHOOSE_WORDS: Record<number, string> = { 2: 'two', 3: 'three', 4: 'four' };
/** Options the exams never use (and that make a question guessable). */
const CATCH_ALL_OPTION = /^\s*(all|none|both|neither) of the (above|options|answers)\b/i;

/** Splits a Markdown file into parsed YAML frontmatter and body, or explains what is wrong. */
export function splitFrontmatter(
	path: string,
	text: string
): { data: unknown; body: string } | { error: string } {
	const match = FRONTMATTER.exec(text);
	if (!match) {
		return {
			error: `${path}: (frontmatter): must start with a YAML block between --- lines, found none`,
		};
	}
	try {
		return { data: parseYaml(match[1]!) ?? {}, body: text.slice(match[0].length) };
	} catch (error) {
		if (error instanceof YAMLParseError) {
			// linePos is 1-based within the YAML block; +1 for the opening --- line gives the file line.
			const line = (error.linePos?.[0]?.line ?? 0) + 1;
			return {
				error: `${path}: (frontmatter) line ${line}: must be valid YAML, found ${error.code}: ${error.message.split(/ at line \d+/)[0]}; quote values that contain ": " or start with a special character`,
			};
		}
		throw error;
	}
}

function parseEntry<Schema extends z.ZodType>(
	file: ContentFile,
	folder: string,
	extension: RegExp,
	schema: Schema,
	errors: string[]
): Entry<z.output<Schema>> | undefined {
	const split = splitFrontmatter(file.path, file.text);
	if ('error' in split) {
		errors.push(split.error);
		return undefined;
	}
	const result = schema.safeParse(split.data, { reportInput: true });
	if (!result.success) {
		errors.push(...formatIssues(file.path, result.error.issues));
		return undefined;
	}
	const slug = file.path.slice(folder.length + 1).replace(extension, '');
	return { path: file.path, slug, data: result.data, body: split.body };
}

/** Heading ids of a Markdown body, as the site generates them. */
export function headingIds(body: string): Set<string> {
	const slugger = new GithubSlugger();
	const ids = new Set<string>();
	for (const block of withoutCode(body).split('\n')) {
		const heading = /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(block);
		if (heading) ids.add(slugger.slug(plainText(heading[1]!)));
	}
	return ids;
}

function plainText(markdown: string): string {
	return markdown
		.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/[*`]/g, '')
		.replace(/(^|\s)_([^_]+)_(?=\s|$)/g, '$1$2')
		.replace(/<[^>]+>/g, '');
}

function withoutCode(body: string): string {
	return body.replace(/^(```|~~~)[\s\S]*?^\1[ \t]*$/gm, '');
}

/** Fenced ```mermaid blocks of a Markdown body. */
export function mermaidBlocks(body: string): string[] {
	return [...body.matchAll(/^```mermaid[ \t]*\r?\n([\s\S]*?)^```[ \t]*$/gm)].map(
		(match) => match[1]!
	);
}

/** Stem and explanation of a question body (split at the `## Explanation` heading). */
export function splitQuestionBody(body: string): { stem: string; explanation: string } {
	const [stem = '', ...rest] = body.split(/^##\s+Explanation\s*$/m);
	return { stem: stem.trim(), explanation: rest.join('').trim() };
}

/** Checks every file and the references between them. */
export function checkContent(files: readonly ContentFile[]): ContentReport {
	const errors: string[] = [];
	const warnings: string[] = [];
	const lessons: Entry<LessonData>[] = [];
	const questions: ParsedQuestion[] = [];
	const glossary: Entry<GlossaryData>[] = [];
	const scenarios: Entry<ScenarioData>[] = [];

	for (const file of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
		if (file.path.startsWith('content/lessons/')) {
			if (!/\.mdx?$/.test(file.path)) continue;
			const entry = parseEntry(file, 'content/lessons', /\.mdx?$/, lessonSchema, errors);
			if (entry) lessons.push(entry);
		} else if (file.path.startsWith('content/questions/')) {
			if (!file.path.endsWith('.md')) continue;
			const entry = parseEntry(file, 'content/questions', /\.md$/, questionSchema, errors);
			if (entry) questions.push({ ...entry, ...splitQuestionBody(entry.body) });
		} else if (file.path.startsWith('content/glossary/')) {
			if (!file.path.endsWith('.md')) continue;
			const entry = parseEntry(file, 'content/glossary', /\.md$/, glossarySchema, errors);
			if (entry) glossary.push(entry);
		} else if (file.path.startsWith('content/scenarios/')) {
			if (!file.path.endsWith('.md')) continue;
			const entry = parseEntry(file, 'content/scenarios', /\.md$/, scenarioSchema, errors);
			if (entry) scenarios.push(entry);
		}
	}

	const lessonBySlug = new Map(lessons.map((lesson) => [lesson.slug, lesson]));
	const glossarySlugs = new Set(glossary.map((term) => term.slug));
	const scenarioSlugs = new Set(scenarios.map((scenario) => scenario.slug));
	const anchorsBySlug = new Map(lessons.map((lesson) => [lesson.slug, headingIds(lesson.body)]));

	checkLessons(lessons, { anchorsBySlug, glossarySlugs, scenarioSlugs }, errors);
	checkQuestions(questions, lessonBySlug, scenarioSlugs, errors, warnings);
	checkScenarioLinks(lessons, questions, scenarios, errors);

	for (const term of glossary) {
		if (!lessonBySlug.has(term.data.lesson)) {
			errors.push(
				`${term.path}: lesson: must name an existing lesson file, found "${term.data.lesson}"`
			);
		} else if (term.data.anchor && !anchorsBySlug.get(term.data.lesson)?.has(term.data.anchor)) {
			errors.push(
				`${term.path}: anchor: must be a heading id in content/lessons/${term.data.lesson}.mdx, found "${term.data.anchor}"`
			);
		}
		term.data.confusedWith.forEach((other, index) => {
			if (!glossarySlugs.has(other)) {
				errors.push(
					`${term.path}: confusedWith[${index}]: must be a glossary term slug, found "${other}"`
				);
			}
		});
	}

	checkMarkdownSafety({ questions, glossary, scenarios }, errors);

	return { errors, warnings, lessons, questions, glossary, scenarios };
}

/**
 * Raw HTML and script URLs in the Markdown that the site turns into HTML (questions, glossary terms,
 * scenario introductions): one line per problem with the field. Lessons are MDX, compiled at build time
 * and never fed to `innerHTML`, so they are not checked here.
 */
function checkMarkdownSafety(
	content: {
		questions: readonly ParsedQuestion[];
		glossary: readonly Entry<GlossaryData>[];
		scenarios: readonly Entry<ScenarioData>[];
	},
	errors: string[]
): void {
	const report = (path: string, field: string, markdown: string, inline = false) => {
		for (const problem of markdownProblems(markdown, inline))
			errors.push(`${path}: ${field}: ${problem}`);
	};
	for (const question of content.questions) {
		report(question.path, 'stem', question.stem);
		report(question.path, 'explanation', question.explanation);
		question.data.options?.forEach((option, index) => {
			report(question.path, `options[${index}].text`, option.text, true);
			report(question.path, `options[${index}].explanation`, option.explanation, true);
		});
	}
	for (const term of content.glossary) report(term.path, '(body)', term.body);
	for (const scenario of content.scenarios) report(scenario.path, '(body)', scenario.body);
}

function checkLessons(
	lessons: Entry<LessonData>[],
	known: {
		anchorsBySlug: Map<string, Set<string>>;
		glossarySlugs: Set<string>;
		scenarioSlugs: Set<string>;
	},
	errors: string[]
): void {
	const orders = new Map<number, string>();
	const covered = new Set<string>();
	for (const lesson of lessons) {
		const { data, body, path } = lesson;
		if (!(LESSON_SLUGS as readonly string[]).includes(lesson.slug)) {
			errors.push(
				`${path}: (file name): must be one of the lesson slugs in src/schemas/vocabulary.ts, found "${lesson.slug}"`
			);
		}
		const clash = orders.get(data.order);
		if (clash)
			errors.push(`${path}: order: must be unique, found ${data.order} (also used by ${clash})`);
		orders.set(data.order, path);
		data.notes.forEach((section) => covered.add(section));

		const diagrams = mermaidBlocks(body);
		if (diagrams.length === 0)
			errors.push(`${path}: (body): must contain at least one \`\`\`mermaid diagram, found none`);
		diagrams.forEach((diagram, index) => {
			for (const directive of ['accTitle', 'accDescr']) {
				if (!new RegExp(`^\\s*${directive}\\s*[:{]`, 'm').test(diagram)) {
					errors.push(
						`${path}: mermaid[${index}]: must have an "${directive}:" line (text alternative for screen readers), found none`
					);
				}
			}
		});
		const traps = body.match(/<Callout\s+kind="traps"/g)?.length ?? 0;
		if (traps !== 1)
			errors.push(`${path}: (body): must have exactly one <Callout kind="traps">, found ${traps}`);
		const ids = known.anchorsBySlug.get(lesson.slug) ?? new Set();
		for (const heading of ['key-facts', 'recap']) {
			if (!ids.has(heading))
				errors.push(
					`${path}: (body): must have a "## ${heading === 'key-facts' ? 'Key facts' : 'Recap'}" section, found none`
				);
		}
		if (/^#\s/m.test(withoutCode(body)))
			errors.push(
				`${path}: (body): must not contain an h1 (# …); the title comes from frontmatter`
			);

		for (const match of withoutCode(body).matchAll(/\]\((\/[^)\s]*)\)|href="(\/[^"]*)"/g)) {
			const link = (match[1] ?? match[2])!;
			const problem = checkInternalLink(link, known);
			if (problem) errors.push(`${path}: (link ${link}): ${problem}`);
		}
		data.scenarios.forEach((scenario, index) => {
			if (!known.scenarioSlugs.has(scenario)) {
				errors.push(
					`${path}: scenarios[${index}]: must be a scenario in content/scenarios/, found "${scenario}"`
				);
			}
		});
	}
	if (lessons.length > 0) {
		for (const section of NOTES_SECTIONS) {
			if (!covered.has(section)) {
				errors.push(
					`content/lessons: notes: the notes section "${section}" must be listed in some lesson's "notes", found in none`
				);
			}
		}
	}
}

const STATIC_ROUTES = new Set([
	'/',
	'/learn/',
	'/practice/',
	'/simulator/',
	'/progress/',
	'/search/',
	'/glossary/',
	'/questions/',
	'/instructors/',
]);

function checkInternalLink(
	link: string,
	known: { anchorsBySlug: Map<string, Set<string>>; glossarySlugs: Set<string> }
): string | undefined {
	const [path = '', anchor] = link.split('#');
	const lessonMatch = /^\/learn\/([a-z0-9-]+)\/?$/.exec(path);
	if (lessonMatch) {
		const anchors = known.anchorsBySlug.get(lessonMatch[1]!);
		if (!anchors) return `must point to an existing lesson, found "${lessonMatch[1]}"`;
		if (anchor && !anchors.has(anchor))
			return `must point to a heading of that lesson, found "#${anchor}"`;
		return undefined;
	}
	if (path === '/glossary/' || path === '/glossary') {
		if (anchor && !known.glossarySlugs.has(anchor))
			return `must point to a glossary term, found "#${anchor}"`;
		return undefined;
	}
	const normalised = path.endsWith('/') ? path : `${path}/`;
	return STATIC_ROUTES.has(normalised)
		? undefined
		: `must point to a page of this site, found "${path}"`;
}

/**
 * Links between lessons, questions and scenarios: a lesson's `scenarios` and a scenario's `lessons` name each
 * other (both ways), and a question's "See it happen" (`scenario`, `scenarioStep`) opens a published scenario at
 * a step it has.
 */
function checkScenarioLinks(
	lessons: Entry<LessonData>[],
	questions: ParsedQuestion[],
	scenarios: Entry<ScenarioData>[],
	errors: string[]
): void {
	const bySlug = new Map(scenarios.map((scenario) => [scenario.slug, scenario]));
	const lessonBySlug = new Map(lessons.map((lesson) => [lesson.slug, lesson]));
	for (const lesson of lessons) {
		lesson.data.scenarios.forEach((slug, index) => {
			const scenario = bySlug.get(slug);
			if (!scenario) return; // reported by checkLessons
			if (scenario.data.draft)
				errors.push(
					`${lesson.path}: scenarios[${index}]: must be a published scenario, found the draft "${slug}"; remove it until the draft is done`
				);
			else if (!scenario.data.lessons.includes(lesson.slug as never))
				errors.push(
					`${lesson.path}: scenarios[${index}]: must be a scenario whose "lessons" list ${lesson.slug}, found "${slug}"; add ${lesson.slug} to content/scenarios/${slug}.md or remove it here`
				);
		});
	}
	if (lessons.length > 0)
		for (const scenario of scenarios) {
			if (scenario.data.draft) continue;
			scenario.data.lessons.forEach((slug, index) => {
				const lesson = lessonBySlug.get(slug);
				if (lesson && !lesson.data.scenarios.includes(scenario.slug))
					errors.push(
						`${scenario.path}: lessons[${index}]: must be a lesson that lists this scenario, found "${slug}"; add ${scenario.slug} to "scenarios" in ${lesson.path}`
					);
			});
		}
	for (const { data, path } of questions) {
		if (!data.scenario) continue;
		const scenario = bySlug.get(data.scenario);
		if (!scenario) continue; // reported by checkQuestions
		if (scenario.data.draft) {
			errors.push(
				`${path}: scenario: must be a published scenario, found the draft "${data.scenario}"`
			);
			continue;
		}
		if (data.scenarioStep && !scenario.data.steps.some((step) => step.id === data.scenarioStep))
			errors.push(
				`${path}: scenarioStep: must be a step id of content/scenarios/${data.scenario}.md (${scenario.data.steps.map((step) => step.id).join(', ')}), found "${data.scenarioStep}"`
			);
	}
}

function checkQuestions(
	questions: ParsedQuestion[],
	lessonBySlug: Map<string, Entry<LessonData>>,
	scenarioSlugs: Set<string>,
	errors: string[],
	warnings: string[]
): void {
	const seen = new Map<string, string>();
	const notesNumbers = new Map<number, string>();
	for (const question of questions) {
		const { data, path } = question;
		if (data.id !== question.slug) {
			errors.push(
				`${path}: id: must equal the file path "${question.slug}", found "${data.id}"; rename the file or fix the id`
			);
		}
		const previous = seen.get(data.id);
		if (previous)
			errors.push(`${path}: id: must be unique, found "${data.id}" (also in ${previous})`);
		seen.set(data.id, path);
		if (lessonBySlug.size > 0 && !lessonBySlug.has(data.lesson)) {
			errors.push(`${path}: lesson: must name an existing lesson file, found "${data.lesson}"`);
		}
		// Like the lesson: checked when the content set has scenarios (an import checks one file on its own).
		if (data.scenario && scenarioSlugs.size > 0 && !scenarioSlugs.has(data.scenario)) {
			errors.push(
				`${path}: scenario: must be a scenario in content/scenarios/, found "${data.scenario}"`
			);
		}
		if (question.stem.length < 20) {
			errors.push(
				`${path}: (body): must start with the question stem, found ${question.stem.length} characters`
			);
		}
		if (!question.explanation) {
			errors.push(
				`${path}: (body): must have a "## Explanation" section after the stem, found none`
			);
		}
		data.options.forEach((option, index) => {
			if (CATCH_ALL_OPTION.test(option.text)) {
				errors.push(
					`${path}: options[${index}].text: must be a real answer, found "${option.text}"; the AWS exams never use "all/none of the above", so write a plausible distractor`
				);
			}
		});
		if (data.fromNotes) {
			const twin = notesNumbers.get(data.fromNotes.number);
			if (twin)
				errors.push(
					`${path}: fromNotes.number: must be unique, found ${data.fromNotes.number} (also in ${twin})`
				);
			else notesNumbers.set(data.fromNotes.number, path);
		}
		if (
			/\bTODO\b/.test(
				question.stem +
					question.explanation +
					data.options.map((option) => option.text + option.explanation).join(' ') +
					(data.targets ?? []).map((target) => target.text).join(' ')
			)
		) {
			warnings.push(
				`${path}: (placeholders): still contains "TODO" from npm run question:new; replace it before publishing`
			);
		}
		const chooseMatch = /\(Choose (two|three|four)\.?\)/i.exec(question.stem);
		if (data.type === 'multi') {
			const expected = CHOOSE_WORDS[data.answer.length];
			if (!chooseMatch) {
				errors.push(
					`${path}: (body): a multi question's stem must say "(Choose ${expected}.)", found no such phrase`
				);
			} else if (chooseMatch[1]!.toLowerCase() !== expected) {
				errors.push(
					`${path}: (body): stem says "Choose ${chooseMatch[1]}" but answer has ${data.answer.length} ids; make them agree`
				);
			}
		} else if (chooseMatch) {
			errors.push(
				data.type === 'single'
					? `${path}: (body): a single-answer stem must not say "Choose ${chooseMatch[1]}"; set type: multi or remove it`
					: `${path}: (body): an ${data.type} stem must not say "Choose ${chooseMatch[1]}"; ask the learner to ${data.type === 'ordering' ? 'put the steps in order' : 'match each item'} instead`
			);
		}
	}

	// Near-duplicate stems are worth a look but may be deliberate (a warning, not an error).
	const fuse = new Fuse(questions, {
		keys: ['stem'],
		includeScore: true,
		threshold: NEAR_DUPLICATE_SCORE,
		ignoreLocation: true,
	});
	const reported = new Set<string>();
	for (const question of questions) {
		for (const hit of fuse.search(question.stem.slice(0, 120))) {
			const pair = [question.data.id, hit.item.data.id].sort().join(' ↔ ');
			// Fuse's own threshold is loose for long patterns, so the cut-off is applied to the score here.
			if (
				hit.item !== question &&
				(hit.score ?? 1) <= NEAR_DUPLICATE_SCORE &&
				!reported.has(pair)
			) {
				reported.add(pair);
				warnings.push(
					`${question.path}: (body): stem is very similar to ${hit.item.path} (score ${(hit.score ?? 0).toFixed(3)}); check they are not duplicates`
				);
			}
		}
	}
}

/** Rows of the per-lesson summary: counts by type and difficulty. */
export function summariseBank(questions: readonly ParsedQuestion[]) {
	return LESSON_SLUGS.map((lesson) => {
		const own = questions.filter((question) => question.data.lesson === lesson);
		const count = (predicate: (question: ParsedQuestion) => boolean) =>
			own.filter(predicate).length;
		return {
			lesson,
			single: count((question) => question.data.type === 'single'),
			multi: count((question) => question.data.type === 'multi'),
			ordering: count((question) => question.data.type === 'ordering'),
			matching: count((question) => question.data.type === 'matching'),
			easy: count((question) => question.data.difficulty === 1),
			medium: count((question) => question.data.difficulty === 2),
			hard: count((question) => question.data.difficulty === 3),
			total: own.length,
		};
	});
}

/** What an instructor should look at next: thin lessons, the multiple-response share, the notes' questions, answer letters. */
export interface BankGaps {
	/** Lessons with fewer than `minimum` questions. */
	thinLessons: string[];
	/** Share of multiple-response questions, 0–100 (the bank aims for at least 25). */
	multiPercent: number;
	/** Numbers (1–5) of the seed notes' questions not yet in the bank. */
	missingNotesQuestions: number[];
	/** How often each letter is the right answer of a single-answer question (a well-spread bank has no favourite). */
	singleAnswerLetters: Record<string, number>;
	/** Questions with a "See it happen" link (`scenario`), and their share of the bank, 0–100 (rounded down). */
	scenarioLinks: { linked: number; percent: number };
}

/** The share of the bank's questions that must link to a scenario (`npm run questions:check` fails below it). */
export const MIN_SCENARIO_LINK_PERCENT = 40;

/** Gaps in the bank as a whole. Pure. */
export function findBankGaps(questions: readonly ParsedQuestion[], minimum = 12): BankGaps {
	const rows = summariseBank(questions);
	const multi = questions.filter((question) => question.data.type === 'multi').length;
	const linked = questions.filter((question) => question.data.scenario).length;
	const notes = new Set(
		questions.map((question) => question.data.fromNotes?.number).filter(Boolean)
	);
	const letters: Record<string, number> = { a: 0, b: 0, c: 0, d: 0 };
	for (const question of questions) {
		if (question.data.type === 'single')
			letters[question.data.answer[0]!] = (letters[question.data.answer[0]!] ?? 0) + 1;
	}
	return {
		thinLessons: rows.filter((row) => row.total < minimum).map((row) => row.lesson),
		multiPercent: questions.length ? Math.round((100 * multi) / questions.length) : 0,
		missingNotesQuestions: [1, 2, 3, 4, 5].filter((number) => !notes.has(number)),
		singleAnswerLetters: letters,
		scenarioLinks: {
			linked,
			percent: questions.length ? Math.floor((100 * linked) / questions.length) : 0,
		},
	};
}

/** One exam-guide domain with how many questions of that exam test it. */
export interface DomainSpread {
	exam: (typeof EXAMS)[number];
	domain: string;
	name: string;
	/** The domain's weight in the exam guide, % of scored content. */
	weight: number;
	/** Questions that name this domain. */
	questions: number;
	/** Those questions as a share of the exam's questions, 0–100 (a question may name several domains). */
	percent: number;
}

/** How the bank's questions spread over each exam's domains, to compare with the exam guides' weights. Pure. */
export function summariseDomains(questions: readonly ParsedQuestion[]): DomainSpread[] {
	return EXAMS.flatMap((exam) => {
		const own = questions.filter((question) => question.data.exams.includes(exam));
		return EXAM_DOMAINS[exam].map(({ number, name, weight }) => {
			const domain = `${exam}/${number}`;
			const count = own.filter((question) => question.data.domains.includes(domain)).length;
			return {
				exam,
				domain,
				name,
				weight,
				questions: count,
				percent: own.length ? Math.round((100 * count) / own.length) : 0,
			};
		});
	});
}
