/**
 * The search palette's engine over the full site index (every lesson section, question, glossary term and
 * scenario, built from content/ the way src/pages/search-index.json.ts builds it): index size, time to
 * build the in-memory index on first open, and query latency (target: p95 under 10 ms in Node).
 */
import { gzipSync } from 'node:zlib';
import { performance } from 'node:perf_hooks';
import { readContentFiles } from '../../src/cli/read-content';
import { checkContent } from '../../src/schemas/check-content';
import { buildSearchIndex } from '../../src/lib/search/build-index';
import { createSearcher } from '../../src/lib/search/query';
import { highlight, snippet } from '../../src/lib/search/snippet';
import { printTimings, time } from './timing';

const report = checkContent(readContentFiles(process.cwd()));
const titles = new Map(report.lessons.map((lesson) => [lesson.slug, lesson.data.title]));
const records = buildSearchIndex({
	lessons: report.lessons
		.sort((a, b) => a.data.order - b.data.order)
		.map((lesson) => ({ slug: lesson.slug, title: lesson.data.title, body: lesson.body })),
	glossary: report.glossary.map((term) => ({
		slug: term.slug,
		term: term.data.term,
		aliases: term.data.aliases,
		body: term.body,
	})),
	questions: report.questions.map((question) => ({
		id: question.data.id,
		lessonTitle: titles.get(question.data.lesson) ?? question.data.lesson,
		stem: question.stem,
	})),
	scenarios: report.scenarios
		.filter((scenario) => !scenario.data.draft)
		.map((scenario) => ({
			id: scenario.slug,
			title: scenario.data.title,
			summary: scenario.data.summary,
			body: scenario.body,
		})),
});
const json = JSON.stringify(records);
const counts = Object.entries(
	records.reduce<Record<string, number>>((all, record) => {
		all[record.kind] = (all[record.kind] ?? 0) + 1;
		return all;
	}, {})
)
	.map(([kind, count]) => `${count} ${kind}`)
	.join(', ');
console.log(
	`index: ${records.length} records (${counts}); ${(json.length / 1024).toFixed(1)} KiB JSON, ${(gzipSync(json).length / 1024).toFixed(1)} KiB gzip`
);

/** What learners type: exact terms, several words, prefixes while typing, and typos. */
const QUERIES = [
	'id token',
	'preferred_role',
	'logins map',
	'pre token generation',
	'refresh token rotation',
	'ALB',
	'passkeys',
	'srp',
	'identity pool guest access',
	'trust polcy',
	'cognito:grups',
	'acess token scope',
	'lambda trigers',
	'enhanced flow',
	'GetCredentialsForIdentity',
	'custom auth challenge',
	'mfa totp',
	'sync conflict',
	'us',
	'aut',
];

const search = createSearcher(records);
const perQuery: number[] = [];
for (let round = 0; round < 30; round++) {
	for (const query of QUERIES) {
		const start = performance.now();
		const hits = search(query, 60);
		// What the palette does with each shown result: highlight its title and cut its snippet.
		for (const hit of hits.slice(0, 24)) {
			highlight(hit.record.title, hit.terms);
			highlight(snippet(hit.record.text, hit.terms, 140), hit.terms);
		}
		if (round > 1) perQuery.push(performance.now() - start);
	}
}
perQuery.sort((a, b) => a - b);
const at = (q: number) => perQuery[Math.min(perQuery.length - 1, Math.floor(q * perQuery.length))]!;
console.log(
	`query + highlight over the full index (${perQuery.length} queries of ${QUERIES.length} kinds): median ${at(0.5).toFixed(2)} ms, p95 ${at(0.95).toFixed(2)} ms, max ${at(1).toFixed(2)} ms (target p95 < 10 ms)`
);
printTimings([
	await time('build the in-memory index (first open)', () => createSearcher(records), 10),
]);
