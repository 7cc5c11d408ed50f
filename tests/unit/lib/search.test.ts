import { describe, expect, test } from 'vitest';
import {
	buildSearchIndex,
	lessonRecords,
	markdownToText,
} from '../../../src/lib/search/build-index';
import { createSearcher } from '../../../src/lib/search/query';

const lesson = {
	slug: 'tokens',
	title: 'Tokens',
	body: 'Intro about JWTs.\n\n## The ID token\n\nIt has an `aud` claim.\n\n```mermaid\nsequenceDiagram\n  A->>B: secretdiagramword\n```\n\n### Claims: `cognito:groups`\n\nGroups claim.\n',
};

describe('lessonRecords', () => {
	test('makes one record per section, anchored like the page headings', () => {
		expect(lessonRecords(lesson).map((record) => [record.title, record.url])).toEqual([
			['Tokens', '/learn/tokens/'],
			['The ID token', '/learn/tokens/#the-id-token'],
			['Claims: cognito:groups', '/learn/tokens/#claims-cognitogroups'],
		]);
	});

	test('leaves diagrams and Markdown punctuation out of the text', () => {
		expect(
			markdownToText(
				'**Bold** [link](/x) <Callout kind="traps">trap</Callout>\n```mermaid\nA-->B\n```'
			)
		).toBe('Bold link trap');
	});
});

describe('createSearcher', () => {
	const records = buildSearchIndex({
		lessons: [lesson],
		glossary: [
			{ slug: 'id-token', term: 'ID token', aliases: [], body: 'A JWT that proves who signed in.' },
		],
		questions: [
			{
				id: 'tokens/which-claim',
				lessonTitle: 'Tokens',
				stem: 'Which claim holds the app client ID in an ID token?',
			},
		],
	});
	const search = createSearcher(records);

	test('finds sections, glossary terms and questions, best first', () => {
		const hits = search('ID token');
		expect(hits.length).toBeGreaterThanOrEqual(3);
		expect(hits[0]!.record.title).toMatch(/ID token/);
		expect(new Set(hits.map((hit) => hit.record.kind))).toEqual(
			new Set(['lesson', 'glossary', 'question'])
		);
	});

	test('tolerates a typo', () => {
		expect(search('cognito:grups')[0]?.record.url).toBe('/learn/tokens/#claims-cognitogroups');
	});

	test('ignores one-letter queries', () => {
		expect(search('a')).toEqual([]);
	});

	test('does not index diagram sources', () => {
		expect(search('secretdiagramword')).toEqual([]);
	});
});
