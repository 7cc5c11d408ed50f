/**
 * Learner variants: edits applied to a copy, the file format, and the URL fragment (deflate-raw + base64url)
 * round trip; bad files and damaged links fail with one clear line and never yield a scenario.
 */
import { describe, expect, test } from 'vitest';
import {
	applyEdits,
	makeVariant,
	parseVariantFile,
	variantFileText,
	variantFragment,
	variantFromFragment,
	type VariantScenario,
} from '../../../../src/lib/simulator';
import { formatIssues } from '../../../../src/schemas/format-issues';
import { scenarioSchema } from '../../../../src/schemas/scenario';
import { loadScenarios } from '../../../fixtures/scenarios';

/** The check the browser adapter uses: the content schema, one line per problem. */
const check = (value: unknown): VariantScenario => {
	const parsed = scenarioSchema.safeParse(value, { reportInput: true });
	if (!parsed.success)
		throw new Error(formatIssues('scenario', parsed.error.issues)[0]!.replace(/^scenario: /, ''));
	return parsed.data;
};

const base = loadScenarios().find((scenario) => scenario.id === 'pre-sign-up-trigger')!;
const arn = base.functions[0]!.arn;

describe('scenario variants', () => {
	test('edits change a copy: trigger code by ARN, requests by step id', () => {
		const edited = applyEdits(base, {
			code: { [arn]: 'export const handler = async (event) => { throw new Error("closed"); };' },
			requests: {
				signUp: {
					ClientId: '{{client.UserPoolClient.ClientId}}',
					Username: 'zed',
					Password: 'Passw0rd!',
				},
			},
		});
		expect(edited.functions[0]!.code).toContain('closed');
		expect(edited.steps.find((step) => step.id === 'signUp')!.request.Username).toBe('zed');
		expect(base.functions[0]!.code).not.toContain('closed');
		expect(base.steps.find((step) => step.id === 'signUp')!.request.Username).toBe('priya');
	});

	test('a file and a link reopen the same variant', async () => {
		const edited = applyEdits(base, {
			code: { [arn]: '// mine\nexport const handler = async (e) => e;' },
			requests: {},
		});
		const variant = makeVariant(edited, '  Block everyone  ', 1767225600000);
		expect(variant).toMatchObject({
			basedOn: 'pre-sign-up-trigger',
			name: 'Block everyone',
			savedAt: 1767225600000,
		});
		expect(parseVariantFile(variantFileText(variant), check)).toEqual(variant);
		const fragment = await variantFragment(variant);
		expect(fragment).toMatch(/^variant=[A-Za-z0-9_-]+$/);
		expect(fragment.length).toBeLessThan(JSON.stringify(variant).length);
		expect(await variantFromFragment(`#${fragment}`, check)).toEqual(variant);
	});

	test('bad files and damaged links fail with one line each', async () => {
		const variant = makeVariant(base, 'Mine', 0);
		const broken = (change: (copy: any) => void) => {
			const copy = structuredClone(variant) as any;
			change(copy);
			return JSON.stringify(copy);
		};
		const errorOf = (text: string) => {
			try {
				parseVariantFile(text, check);
				return 'no error';
			} catch (error) {
				return (error as Error).message;
			}
		};
		expect(errorOf('{"format": ')).toMatch(/^The file is not JSON: /);
		expect(errorOf('[]')).toBe('This is not a scenario variant: expected a JSON object.');
		expect(errorOf(broken((copy) => (copy.format = 'other')))).toBe(
			'This is not a scenario variant: "format" must be "cognito-study/scenario-variant", found "other".'
		);
		expect(errorOf(broken((copy) => (copy.version = 2)))).toMatch(/"version" must be 1, found 2/);
		expect(errorOf(broken((copy) => (copy.basedOn = '../etc')))).toMatch(
			/"basedOn" must be a scenario id/
		);
		expect(errorOf(broken((copy) => (copy.scenario.steps[0].operation = 'rm -rf')))).toBe(
			`The variant's scenario is not valid: steps[0].operation: must be an API operation name such as SignUp, Sync.UpdateRecords, Sandbox.SimulateRequest or Browser.Open, found "rm -rf"`
		);
		expect(errorOf(broken((copy) => (copy.scenario.__proto__polluted = true)))).toMatch(
			/unknown field/
		);
		expect(errorOf('x'.repeat(300 * 1024))).toMatch(/too large/);

		const fragmentError = async (fragment: string) =>
			variantFromFragment(fragment, check).then(
				() => 'no error',
				(error: Error) => error.message
			);
		expect(await fragmentError('#other=1')).toBe('The link carries no scenario variant.');
		expect(await fragmentError('#variant=***')).toBe(
			'The link is damaged: the variant is not valid base64url.'
		);
		const good = await variantFragment(variant);
		expect(await fragmentError(good.slice(0, good.length - 12))).toMatch(/^The link is damaged/);
	});
});
