import { describe, expect, test } from 'vitest';
import { formatIssues } from '../../../src/schemas/format-issues';
import { scenarioSchema } from '../../../src/schemas/scenario';

const PATH = 'content/scenarios/demo.md';
const base = {
	title: 'Demo scenario',
	summary: 'Signs a user up and confirms them.',
	lessons: ['user-pools'],
	setup: [{ id: 'pool', operation: 'CreateUserPool', request: { PoolName: 'p' } }],
	steps: [
		{
			id: 'signUp',
			title: 'Sign up',
			operation: 'SignUp',
			request: { ClientId: '{{pool.UserPool.Id}}' },
			explain: 'Watch the inbox.',
		},
	],
};
const errorsOf = (data: object) => {
	const result = scenarioSchema.safeParse(data, { reportInput: true });
	return result.success ? [] : formatIssues(PATH, result.error.issues);
};

describe('scenarioSchema', () => {
	test('accepts a scenario and fills defaults', () => {
		const parsed = scenarioSchema.parse(base);
		expect(parsed.draft).toBe(false);
		expect(parsed.steps[0]!.expect).toBe('success');
		expect(parsed.functions).toEqual([]);
	});

	test('rejects references to later or unknown calls, duplicate ids and misplaced decisions', () => {
		expect(
			errorsOf({
				...base,
				steps: [
					{
						id: 'signUp',
						title: 'Sign up',
						operation: 'SignUp',
						request: { Code: '{{confirm.Code}}', Other: '{{outbox.last.code}}' },
						explain: 'Watch the inbox.',
					},
					{
						id: 'signUp',
						title: 'Again',
						operation: 'SignUp',
						request: {},
						decision: 'Allow',
						explain: 'Watch the inbox.',
					},
				],
			})
		).toMatchInlineSnapshot(`
			[
			  "content/scenarios/demo.md: steps[0].request: must only reference earlier call ids, outbox, browser or totp, found "{{confirm.Code}}" (earlier ids: pool)",
			  "content/scenarios/demo.md: steps[1].id: must be unique in the scenario, found "signUp" twice",
			  "content/scenarios/demo.md: steps[1].decision: only applies to Sandbox.SimulateRequest steps, found it on SignUp",
			]
		`);
	});

	test('requires a reason for drafts and a valid expectation and operation', () => {
		expect(
			errorsOf({
				...base,
				draft: true,
				steps: [
					{
						id: 'signUp',
						title: 'Sign up',
						operation: 'sign up',
						request: {},
						expect: 'fails',
						explain: 'Watch the inbox.',
					},
				],
			})
		).toMatchInlineSnapshot(`
			[
			  "content/scenarios/demo.md: steps[0].operation: must be an API operation name such as SignUp, Sync.UpdateRecords, Sandbox.SimulateRequest or Browser.Open, found "sign up"",
			  "content/scenarios/demo.md: steps[0].expect: must be "success", an exception name such as UsernameExistsException, an OAuth error such as invalid_grant, or "HTTP 403", found "fails"",
			  "content/scenarios/demo.md: draftReason: must say why the scenario is a draft when draft is true",
			]
		`);
		expect(errorsOf({ ...base, draft: true })).toMatchInlineSnapshot(`
			[
			  "content/scenarios/demo.md: draftReason: must say why the scenario is a draft when draft is true",
			]
		`);
	});

	test('accepts browser steps, OAuth and HTTP outcomes, checks and a prediction', () => {
		const parsed = scenarioSchema.parse({
			...base,
			steps: [
				{
					id: 'open',
					title: 'Open the sign-in page',
					operation: 'Browser.Open',
					request: { Url: 'https://demo.auth.us-east-1.amazoncognito.com/login' },
					check: { Status: 200, Title: 'Sign in', 'Query.code': { present: false } },
					explain: 'The page opens.',
				},
				{
					id: 'replay',
					title: 'Replay the code',
					operation: 'Browser.Open',
					request: { Url: 'https://x.example/token', Form: { code: '{{open.Query.code}}' } },
					expect: 'invalid_grant',
					predict: {
						choices: [
							{ outcome: 'success', label: 'Tokens again', explain: 'Codes are single use.' },
							{
								outcome: 'invalid_grant',
								label: 'invalid_grant',
								explain: 'A used code is refused.',
							},
						],
					},
					explain: 'Codes are single use.',
				},
				{
					id: 'denied',
					title: 'No session',
					operation: 'Browser.Open',
					request: { Url: 'https://alb.example/api' },
					expect: 'HTTP 401',
					explain: 'The load balancer answers 401.',
				},
			],
		});
		expect(parsed.steps[1]!.predict!.prompt).toBe('What will the app receive?');
	});

	test('a prediction has exactly one right outcome, no repeats, and real outcome names', () => {
		const step = (predict: object, extra: object = {}) => ({
			...base,
			steps: [
				{
					id: 'signIn',
					title: 'Sign in',
					operation: 'InitiateAuth',
					request: {},
					expect: 'NotAuthorizedException',
					explain: 'Wrong password.',
					predict,
					...extra,
				},
			],
		});
		const choice = (outcome: string) => ({
			outcome,
			label: outcome,
			explain: `Because ${outcome}.`,
		});
		expect(errorsOf(step({ choices: [choice('success'), choice('success'), choice('oops!')] })))
			.toMatchInlineSnapshot(`
			[
			  "content/scenarios/demo.md: steps[0].predict.choices[2].outcome: must be "success", an exception name such as UsernameExistsException, an OAuth error such as invalid_grant, or "HTTP 403", or Allow / Deny",
			  "content/scenarios/demo.md: steps[0].predict.choices: must have exactly one choice with outcome "NotAuthorizedException" (what the step expects), found 0",
			  "content/scenarios/demo.md: steps[0].predict.choices: must not repeat an outcome, found "success" twice",
			]
		`);
		expect(errorsOf(step({ choices: [choice('success'), choice('success')] }))).toEqual([
			'content/scenarios/demo.md: steps[0].predict.choices: must have exactly one choice with outcome "NotAuthorizedException" (what the step expects), found 0',
			'content/scenarios/demo.md: steps[0].predict.choices: must not repeat an outcome, found "success" twice',
		]);
		expect(errorsOf(step({ choices: [choice('NotAuthorizedException')] }))[0]).toMatch(
			/^content\/scenarios\/demo\.md: steps\[0\]\.predict\.choices: must have at least 2/
		);
	});

	test('refuses the reserved call ids and malformed checks and browser operations', () => {
		expect(
			errorsOf({
				...base,
				steps: [
					{
						id: 'browser',
						title: 'Open',
						operation: 'Browser.Navigate',
						request: {},
						check: { Status: { greaterThan: 1 } },
						explain: 'Opens a page.',
					},
				],
			})
		).toMatchInlineSnapshot(`
			[
			  "content/scenarios/demo.md: steps[0].id: must not be browser, outbox or totp (those names are taken by {{browser…}}, {{outbox…}}, {{totp}})",
			  "content/scenarios/demo.md: steps[0].operation: must be an API operation name such as SignUp, Sync.UpdateRecords, Sandbox.SimulateRequest or Browser.Open, found "Browser.Navigate"",
			  "content/scenarios/demo.md: steps[0].check.Status: must be a value, or { startsWith: … }, { contains: … } or { present: true/false }, found an object",
			]
		`);
	});
});
