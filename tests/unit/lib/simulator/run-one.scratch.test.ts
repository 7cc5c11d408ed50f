import { test } from 'vitest';
import { runScenario } from '../../../../src/lib/simulator';
import { headlessContext, loadScenarios } from '../../../fixtures/scenarios';
test('scratch', async () => {
	const wanted = (process.env.SCEN ?? '').split(',');
	for (const scenario of loadScenarios().filter((s) => wanted.includes(s.id))) {
		const { context } = headlessContext();
		const result = await runScenario(scenario, context);
		console.log(scenario.id, result.setupError ?? '');
		for (const step of result.steps)
			console.log(step.stepId, step.passed ? 'ok' : 'FAIL', step.verdict, process.env.V ? JSON.stringify(step.outcome).slice(0, 1500) : '');
	}
}, 120000);
