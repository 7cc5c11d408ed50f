import { describe, expect, test } from 'vitest';
import {
	checkField,
	gradePrediction,
	outcomeKey,
	judge,
	runScenario,
	runStep,
	type CallOutcome,
	type RunContext,
	type Scenario,
} from '../../../../src/lib/simulator';
import { headlessContext } from '../../../fixtures/scenarios';

/** A fake host that records calls and answers from a table. */
function fakeContext(answers: Record<string, CallOutcome>) {
	const calls: Array<[string, unknown]> = [];
	const defined: string[] = [];
	const context: RunContext = {
		call: async (operation, request) => {
			calls.push([operation, request]);
			return answers[operation] ?? { ok: true, response: {} };
		},
		defineFunction: (arn) => void defined.push(`function ${arn}`),
		defineRole: (arn, role) => void defined.push(`role ${arn} ${JSON.stringify(role.trustPolicy)}`),
		outbox: () => [],
		now: () => 0,
	};
	return { context, calls, defined };
}

const scenario = (overrides: Partial<Scenario> = {}): Scenario => ({
	id: 'demo',
	title: 'Demo',
	summary: 'A demo scenario.',
	lessons: ['user-pools'],
	draft: false,
	functions: [
		{
			name: 'fn',
			arn: 'arn:aws:lambda:us-east-1:123456789012:function:fn',
			code: 'export const handler = async (e) => e;',
		},
	],
	roles: [
		{ arn: 'arn:aws:iam::123456789012:role/R', trustPolicy: { aud: '{{pool.Id}}' }, policies: [] },
	],
	setup: [{ id: 'pool', operation: 'CreateThing', request: {} }],
	steps: [
		{
			id: 'one',
			title: 'One',
			operation: 'UseThing',
			request: { Id: '{{pool.Id}}' },
			expect: 'success',
			explain: 'Uses the thing.',
		},
		{
			id: 'two',
			title: 'Two',
			operation: 'BreakThing',
			request: {},
			expect: 'NotAuthorizedException',
			explain: 'Breaks the thing.',
		},
	],
	...overrides,
});

describe('judge', () => {
	test('compares success, exception names and policy decisions', () => {
		const ok: CallOutcome = { ok: true, response: { Decision: 'Deny' } };
		const failed: CallOutcome = {
			ok: false,
			error: { type: 'NotAuthorizedException', message: 'Incorrect username or password.' },
		};
		expect(judge({ expect: 'success' }, ok)).toEqual({
			passed: true,
			verdict: 'Succeeded, as expected.',
		});
		expect(judge({ expect: 'success' }, failed)).toEqual({
			passed: false,
			verdict: 'Expected success, got NotAuthorizedException: Incorrect username or password.',
		});
		expect(judge({ expect: 'NotAuthorizedException' }, failed).passed).toBe(true);
		expect(judge({ expect: 'UserNotFoundException' }, failed).verdict).toBe(
			'Expected UserNotFoundException, got NotAuthorizedException: Incorrect username or password.'
		);
		expect(judge({ expect: 'NotAuthorizedException' }, ok).verdict).toBe(
			'Expected NotAuthorizedException, but the call succeeded.'
		);
		expect(judge({ expect: 'success', decision: 'Deny' }, ok).passed).toBe(true);
		expect(judge({ expect: 'success', decision: 'Allow' }, ok).verdict).toBe(
			'Expected the policy decision Allow, got Deny.'
		);
	});
});

describe('runScenario', () => {
	test('defines functions, runs set-up, defines roles with resolved references, then runs each step', async () => {
		const { context, calls, defined } = fakeContext({
			CreateThing: { ok: true, response: { Id: 't-1' } },
			BreakThing: { ok: false, error: { type: 'NotAuthorizedException', message: 'no' } },
		});
		const result = await runScenario(scenario(), context);
		expect(defined).toEqual([
			'function arn:aws:lambda:us-east-1:123456789012:function:fn',
			'role arn:aws:iam::123456789012:role/R {"aud":"t-1"}',
		]);
		expect(calls).toEqual([
			['CreateThing', {}],
			['UseThing', { Id: 't-1' }],
			['BreakThing', {}],
		]);
		expect(result.steps.map((step) => step.passed)).toEqual([true, true]);
		expect(result.results).toEqual({ pool: { Id: 't-1' }, one: {} });
	});

	test('stops at a failing set-up call and says which', async () => {
		const { context } = fakeContext({
			CreateThing: { ok: false, error: { type: 'InvalidParameterException', message: 'bad' } },
		});
		const result = await runScenario(scenario(), context);
		expect(result.setupError).toBe('Set-up call pool failed with InvalidParameterException: bad');
		expect(result.steps).toEqual([]);
	});

	test('reports an unresolvable reference as a TemplateError outcome without calling', async () => {
		const { context, calls } = fakeContext({});
		const step = scenario().steps[0]!;
		const result = await runStep(step, {}, context);
		expect(calls).toEqual([]);
		expect(result.passed).toBe(false);
		expect(result.outcome).toEqual({
			ok: false,
			error: { type: 'TemplateError', message: expect.stringContaining('{{pool.Id}}') },
		});
	});

	test('a trigger stuck in an endless loop fails as UnexpectedLambdaException and the sandbox keeps working', async () => {
		const { context, sandbox } = headlessContext();
		const arn = 'arn:aws:lambda:us-east-1:123456789012:function:loop';
		const loop = scenario({
			functions: [
				{ name: 'loop', arn, code: 'export const handler = async () => { while (true) {} };' },
			],
			roles: [],
			setup: [
				{
					id: 'pool',
					operation: 'CreateUserPool',
					request: { PoolName: 'p', LambdaConfig: { PreSignUp: arn } },
				},
				{
					id: 'client',
					operation: 'CreateUserPoolClient',
					request: { UserPoolId: '{{pool.UserPool.Id}}', ClientName: 'c' },
				},
			],
			steps: [
				{
					id: 'signUp',
					title: 'Sign up',
					operation: 'SignUp',
					request: {
						ClientId: '{{client.UserPoolClient.ClientId}}',
						Username: 'u',
						Password: 'Passw0rd!',
					},
					expect: 'UnexpectedLambdaException',
					explain: 'The trigger never returns.',
				},
				{
					id: 'list',
					title: 'List',
					operation: 'ListUserPools',
					request: { MaxResults: 5 },
					expect: 'success',
					explain: 'Still answers.',
				},
			],
		});
		const result = await runScenario(loop, context);
		expect(result.steps.map((step) => step.verdict)).toEqual([
			'Failed with UnexpectedLambdaException, as expected.',
			'Succeeded, as expected.',
		]);
		expect(
			sandbox.trace.some(
				(event) => event.type === 'TriggerInvoked' && event.error?.kind === 'timeout'
			)
		).toBe(true);
	}, 20_000);
});

describe('checks and predictions', () => {
	test('judge also checks response fields, or the error for an expected failure', () => {
		const ok: CallOutcome = {
			ok: true,
			response: { Status: 302, Query: { code: 'c1' }, Alerts: [] },
		};
		expect(
			judge({ expect: 'success', check: { Status: 302, 'Query.code': { present: true } } }, ok)
		).toEqual({
			passed: true,
			verdict: 'Succeeded, as expected.',
		});
		expect(judge({ expect: 'success', check: { 'Query.code': { present: false } } }, ok)).toEqual({
			passed: false,
			verdict: 'Succeeded, as expected, but Query.code is there ("c1").',
		});
		expect(judge({ expect: 'success', check: { 'Alerts.0': 'Wrong' } }, ok).verdict).toBe(
			'Succeeded, as expected, but Alerts.0 is missing, not "Wrong".'
		);
		const failed: CallOutcome = {
			ok: false,
			error: { type: 'UserLambdaValidationException', message: 'PreSignUp failed with error No.' },
		};
		expect(
			judge(
				{
					expect: 'UserLambdaValidationException',
					check: { message: { startsWith: 'PreSignUp failed' } },
				},
				failed
			).passed
		).toBe(true);
		expect(checkField({ a: 'xyz' }, 'a', { contains: 'q' })).toBe(
			'a is "xyz", which does not contain "q".'
		);
	});

	test('runStep resolves references in checks before judging', async () => {
		const { context } = fakeContext({ UseThing: { ok: true, response: { Owner: 'p-1' } } });
		const step = { ...scenario().steps[0]!, check: { Owner: '{{pool.Id}}' } };
		expect((await runStep(step, { pool: { Id: 'p-1' } }, context)).passed).toBe(true);
		expect((await runStep(step, { pool: { Id: 'p-2' } }, context)).verdict).toBe(
			'Succeeded, as expected, but Owner is "p-1", not "p-2".'
		);
	});

	test('a prediction is graded against what the run gave, with both explanations', () => {
		const step = {
			predict: {
				prompt: 'What does the app receive?',
				choices: [
					{ outcome: 'success', label: 'tokens', explain: 'Tokens when the password is right.' },
					{
						outcome: 'NotAuthorizedException',
						label: 'a NotAuthorizedException',
						explain: 'A wrong password.',
					},
				],
			},
		};
		const refused: CallOutcome = {
			ok: false,
			error: { type: 'NotAuthorizedException', message: 'Incorrect.' },
		};
		expect(gradePrediction(step, 'NotAuthorizedException', refused)).toEqual({
			correct: true,
			actual: 'NotAuthorizedException',
			picked: 'A wrong password.',
			happened: 'A wrong password.',
			verdict: 'Right: a NotAuthorizedException.',
		});
		expect(gradePrediction(step, 'success', refused)).toMatchObject({
			correct: false,
			verdict:
				'Not this time: you predicted "tokens", and the app received a NotAuthorizedException.',
		});
		// An edit can make the run end in none of the choices.
		expect(
			gradePrediction(step, 'success', {
				ok: false,
				error: { type: 'UserLambdaValidationException', message: '' },
			}).verdict
		).toBe(
			'Not this time: the app received UserLambdaValidationException, which none of the choices describes (did an edit change the outcome?).'
		);
		expect(outcomeKey({ decision: 'Allow' }, { ok: true, response: { Decision: 'Deny' } })).toBe(
			'Deny'
		);
	});
});
