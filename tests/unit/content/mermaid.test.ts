// @vitest-environment jsdom
import { describe, expect, test } from 'vitest';
import mermaid from 'mermaid';
import { checkContent, mermaidBlocks } from '../../../src/schemas/check-content';
import { readContentFiles } from '../../../src/cli/read-content';

const lessons = checkContent(readContentFiles(process.cwd())).lessons;
const diagrams = lessons.flatMap((lesson) =>
	mermaidBlocks(lesson.body).map((source, index) => ({
		name: `${lesson.slug} diagram ${index + 1}`,
		source,
	}))
);

describe('lesson diagrams', () => {
	test('the parser rejects a broken diagram', async () => {
		await expect(mermaid.parse('flowchart TD\n  A-->B(')).rejects.toThrow(/Parse error/);
	});

	test.each(diagrams)('$name parses', async ({ source }) => {
		await expect(mermaid.parse(source)).resolves.toBeTruthy();
	});
});
