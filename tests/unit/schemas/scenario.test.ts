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
			  "content/scenarios/demo.md: steps[0].request: must only reference earlier call ids, outbox or totp, found "{{confirm.Code}}" (earlier ids: pool)",
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
			  "content/scenarios/demo.md: steps[0].operation: must be an API operation name such as SignUp, Sync.UpdateRecords or Sandbox.SimulateRequest, found "sign up"",
			  "content/scenarios/demo.md: steps[0].expect: must be "success" or an exception name such as UsernameExistsException, found "fails"",
			  "content/scenarios/demo.md: draftReason: must say why the scenario is a draft when draft is true",
			]
		`);
		expect(errorsOf({ ...base, draft: true })).toMatchInlineSnapshot(`
			[
			  "content/scenarios/demo.md: draftReason: must say why the scenario is a draft when draft is true",
			]
		`);
	});
});
