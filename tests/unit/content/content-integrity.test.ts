import { describe, expect, test } from 'vitest';
import {
	checkContent,
	findBankGaps,
	MIN_SCENARIO_LINK_PERCENT,
} from '../../../src/schemas/check-content';
import { readContentFiles } from '../../../src/cli/read-content';
import { LESSON_SLUGS, NOTES_SECTIONS } from '../../../src/schemas/vocabulary';
import { NOTES_TO_LESSONS } from '../../fixtures/notes-map';

/** The real content in content/, checked exactly as the build checks it. */
const report = checkContent(readContentFiles(process.cwd()));

describe('content integrity', () => {
	test('every content file passes its schema and every reference resolves', () => {
		expect(report.errors).toEqual([]);
	});

	test('there is one lesson per lesson slug, in order', () => {
		const lessons = [...report.lessons].sort((a, b) => a.data.order - b.data.order);
		expect(lessons.map((lesson) => lesson.slug)).toEqual([...LESSON_SLUGS]);
	});

	test('every section of the notes maps to the lessons that teach it', () => {
		expect(Object.keys(NOTES_TO_LESSONS).sort()).toEqual([...NOTES_SECTIONS].sort());
		for (const [section, slugs] of Object.entries(NOTES_TO_LESSONS)) {
			for (const slug of slugs) {
				const lesson = report.lessons.find((entry) => entry.slug === slug);
				expect(lesson?.data.notes, `${slug} should list "${section}"`).toContain(section);
			}
		}
	});

	test('at least 40% of the questions open a scenario with "See it happen"', () => {
		expect(findBankGaps(report.questions).scenarioLinks.percent).toBeGreaterThanOrEqual(
			MIN_SCENARIO_LINK_PERCENT
		);
	});
});
