/**
 * Runs every scenario in content/scenarios headlessly against the real sandbox and checks each step's expected
 * outcome, so scenarios cannot silently rot when the engine changes. Drafts are skipped with their reason.
 */
import { describe, expect, test } from 'vitest';
import { runScenario } from '../../../../src/lib/simulator';
import { headlessContext, loadScenarios } from '../../../fixtures/scenarios';

const scenarios = loadScenarios();

describe('content/scenarios', () => {
	test('there are scenarios to run', () => {
		expect(scenarios.filter((scenario) => !scenario.draft).length).toBeGreaterThanOrEqual(6);
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
});
