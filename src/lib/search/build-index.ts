/**
 * Builds the site search index from lessons, glossary terms, questions and simulator scenarios at build
 * time. Pure.
 * Lessons are split into one record per section so a hit lands on the right heading.
 */
import GithubSlugger from 'github-slugger';

export type SearchKind = 'lesson' | 'question' | 'glossary' | 'scenario';

export interface SearchRecord {
	kind: SearchKind;
	/** What the result shows as its title. */
	title: string;
	/** Where the result sits, e.g. the lesson title for a section. */
	context: string;
	/** Plain text that is searched and shown as a snippet. */
	text: string;
	url: string;
}

export interface LessonSource {
	slug: string;
	title: string;
	body: string;
}

export interface GlossarySource {
	slug: string;
	term: string;
	aliases: string[];
	body: string;
}

export interface QuestionSource {
	id: string;
	lessonTitle: string;
	stem: string;
	/** Option, step and target texts, searched after the stem. */
	options?: string[];
}

export interface ScenarioSource {
	id: string;
	title: string;
	summary: string;
	body: string;
}

const MAX_TEXT = 600;

/** Markdown/MDX to searchable plain text: no diagrams, tags or Markdown punctuation. */
export function markdownToText(markdown: string): string {
	return markdown
		.replace(/^```mermaid[\s\S]*?^```/gm, ' ')
		.replace(/^```\w*\n?|^```$/gm, ' ')
		.replace(/<[^>]+>/g, ' ')
		.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/^\s*\|?\s*:?-{3,}.*$/gm, ' ')
		.replace(/[*_`#>|]/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
}

/** One record per `##`/`###` section of a lesson, plus one for its introduction. */
export function lessonRecords(lesson: LessonSource): SearchRecord[] {
	const slugger = new GithubSlugger();
	const records: SearchRecord[] = [];
	let heading = lesson.title;
	let anchor = '';
	let buffer: string[] = [];
	let inFence = false;
	const flush = () => {
		const text = markdownToText(buffer.join('\n'));
		if (text) {
			records.push({
				kind: 'lesson',
				title: heading,
				context: heading === lesson.title ? 'Lesson' : lesson.title,
				text: text.slice(0, MAX_TEXT),
				url: `/learn/${lesson.slug}/${anchor ? `#${anchor}` : ''}`,
			});
		}
		buffer = [];
	};
	for (const line of lesson.body.split('\n')) {
		if (/^(```|~~~)/.test(line)) inFence = !inFence;
		const match = inFence ? null : /^#{2,3}\s+(.+?)\s*$/.exec(line);
		if (match) {
			flush();
			heading = match[1]!.replace(/[*`]/g, '');
			anchor = slugger.slug(heading);
		} else {
			buffer.push(line);
		}
	}
	flush();
	return records;
}

/** All records for the site search. */
export function buildSearchIndex(input: {
	lessons: LessonSource[];
	glossary: GlossarySource[];
	questions: QuestionSource[];
	scenarios?: ScenarioSource[];
}): SearchRecord[] {
	return [
		...input.lessons.flatMap(lessonRecords),
		...input.glossary.map((entry) => ({
			kind: 'glossary' as const,
			title: entry.term,
			context: entry.aliases.length ? `Glossary · also ${entry.aliases.join(', ')}` : 'Glossary',
			text: markdownToText(entry.body).slice(0, MAX_TEXT),
			url: `/glossary/#${entry.slug}`,
		})),
		...input.questions.map((question) => ({
			kind: 'question' as const,
			title: markdownToText(question.stem).slice(0, 140),
			context: `Question · ${question.lessonTitle}`,
			text: markdownToText([question.stem, ...(question.options ?? [])].join('\n')).slice(
				0,
				MAX_TEXT
			),
			url: `/questions/?id=${encodeURIComponent(question.id)}`,
		})),
		...(input.scenarios ?? []).map((scenario) => ({
			kind: 'scenario' as const,
			title: scenario.title,
			context: 'Simulator scenario',
			text: `${scenario.summary} ${markdownToText(scenario.body)}`.slice(0, MAX_TEXT),
			url: `/simulator/${encodeURIComponent(scenario.id)}/`,
		})),
	];
}
