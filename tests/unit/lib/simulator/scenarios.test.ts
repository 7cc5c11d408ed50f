/**
 * Runs every scenario in content/scenarios headlessly against the real sandbox and checks each step's expected
 * outcome, so scenarios cannot silently rot when the engine changes. Drafts are skipped with their reason.
 */
import { describe, expect, test } from 'vitest';
import { runScenario } from '../../../../src/lib/simulator';
import { LESSON_SLUGS } from '../../../../src/schemas/vocabulary';
import { headlessContext, loadScenarios } from '../../../fixtures/scenarios';

const scenarios = loadScenarios();

describe('content/scenarios', () => {
	const published = scenarios.filter((scenario) => !scenario.draft);

	test('there are at least 24 scenarios, and every lesson has two or more', () => {
		expect(published.length).toBeGreaterThanOrEqual(24);
		const thin = LESSON_SLUGS.filter(
			(slug) => published.filter((scenario) => scenario.lessons.includes(slug)).length < 2
		);
		expect(thin).toEqual([]);
	});

	test('a step that asks for a prediction offers what the step expects', () => {
		for (const scenario of published)
			for (const step of scenario.steps.filter((item) => item.predict))
				expect(step.predict!.choices.map((choice) => choice.outcome)).toContain(
					step.decision ?? step.expect
				);
	});

	for (const scenario of scenarios) {
		test(`${scenario.id}: every step ends as the scenario says`, async (context) => {
			if (scenario.draft) {
				console.log(`skipped draft scenario ${scenario.id}: ${scenario.draftReason}`);
				context.skip(`draft: ${scenario.draftReason}`);
			}
			const { context: run } = headlessContext();
			const result = await runScenario(scenario, run);
			expect(result.setupError).toBeUndefined();
			const report = result.steps.map(
				(step) => `${step.stepId}: ${step.passed ? 'ok' : step.verdict}`
			);
			expect(report).toEqual(scenario.steps.map((step) => `${step.id}: ok`));
		}, 30_000);
	}
	// The simulator runs these in a browser worker, where Request/Response drop Cookie and Set-Cookie: the scenarios
	// that go through managed login, an identity provider or the ALB must still pass there.
	for (const scenario of scenarios.filter(
		(item) => !item.draft && JSON.stringify(item.steps).includes('"Browser.')
	)) {
		test(`${scenario.id}: passes in a browser-like runtime too`, async () => {
			const { context: run } = headlessContext(1, { likeBrowser: true });
			const result = await runScenario(scenario, run);
			expect(result.setupError).toBeUndefined();
			expect(
				result.steps.map((step) => `${step.stepId}: ${step.passed ? 'ok' : step.verdict}`)
			).toEqual(scenario.steps.map((step) => `${step.id}: ok`));
		}, 30_000);
	}
});
