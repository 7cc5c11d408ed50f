/** Ordering and matching questions: the schema's rules and its one-line errors. */
import { describe, expect, test } from 'vitest';
import { checkContent } from '../../../src/schemas/check-content';
import { parseMatchPair } from '../../../src/schemas/question';
import { lessonFile, questionFile } from '../../fixtures/content';

const errorsOf = (fields: Record<string, string>, body?: string) =>
	checkContent([lessonFile(), questionFile(undefined, fields, body)]).errors.map((line) =>
		line.replace('content/questions/tokens/id-token-claims.md: ', '')
	);

const steps = `
  - { id: a, text: "Sign in", explanation: "First: the user pool issues the ID token." }
  - { id: b, text: "Call GetId", explanation: "Second: GetId returns the identity ID." }
  - { id: c, text: "Call GetCredentialsForIdentity", explanation: "Third: credentials come back." }`;
const items = `
  - { id: a, text: "ID token", explanation: "Identity pools take the ID token in Logins." }
  - { id: b, text: "Access token", explanation: "GetUser is authorised by the access token." }
  - { id: c, text: "Refresh token", explanation: "Only Cognito's token endpoint takes it back." }`;
const targets = `
  - { id: t1, text: "The Logins map" }
  - { id: t2, text: "GetUser" }
  - { id: t3, text: "REFRESH_TOKEN_AUTH" }
  - { id: t4, text: "SECRET_HASH" }`;
const body =
	'Put the steps of the enhanced flow in the order they happen.\n\n## Explanation\n\nBecause.\n';

describe('ordering questions', () => {
	const ordering = (fields: Record<string, string> = {}) =>
		errorsOf({ type: 'ordering', options: steps, answer: '[a, b, c]', ...fields }, body);

	test('a valid ordering question passes', () => {
		expect(ordering()).toEqual([]);
	});

	test('the answer must list every step exactly once', () => {
		expect(ordering({ answer: '[a, b, b]' })).toEqual([
			'answer[2]: must list each step once, found "b" twice; the answer is every option id in the right order',
			'answer: must list every option id once in the right order, found "c" missing',
		]);
		expect(ordering({ answer: '[a, b, d]' })).toEqual([
			'answer[2]: must be an option id (a–c), found "d"',
			'answer: must list every option id once in the right order, found "c" missing',
		]);
	});

	test('explanations take no Right:/Wrong: verdict, steps cannot be pinned, no targets', () => {
		const withVerdict = steps.replace('First: the user', 'Right: the user');
		expect(ordering({ options: withVerdict })).toEqual([
			'options[0].explanation: must not start with "Right" for type "ordering" (every option is part of the answer), found "Right: the user pool…"; say why it comes where it does',
		]);
		const pinned = steps.replace(
			'{ id: a, text: "Sign in",',
			'{ id: a, pinned: true, text: "Sign in",'
		);
		expect(ordering({ options: pinned })).toEqual([
			'options[0].pinned: must not be set for type "ordering" (its steps are always shuffled), found true; remove it',
		]);
		expect(ordering({ targets })).toEqual([
			'targets: must only be set for type "matching", found 4 targets on a "ordering" question; remove them',
		]);
	});

	test('3 to 6 steps', () => {
		const two = steps.split('\n').slice(0, 3).join('\n');
		expect(ordering({ options: two, answer: '[a, b]' })).toEqual([
			'options: must have 3 to 6 steps for type "ordering", found 2',
		]);
	});

	test('an ordering stem must not say "Choose two"', () => {
		expect(
			errorsOf(
				{ type: 'ordering', options: steps, answer: '[a, b, c]' },
				'Which two come first? (Choose two.)\n\n## Explanation\n\nBecause.\n'
			)
		).toEqual([
			'(body): an ordering stem must not say "Choose two"; ask the learner to put the steps in order instead',
		]);
	});
});

describe('matching questions', () => {
	const matching = (fields: Record<string, string> = {}) =>
		errorsOf(
			{ type: 'matching', options: items, targets, answer: '[a=t1, b=t2, c=t3]', ...fields },
			body
		);

	test('a valid matching question passes, with unused targets and a target used twice', () => {
		expect(matching()).toEqual([]);
		expect(matching({ answer: '[a=t1, b=t1, c=t3]' })).toEqual([]);
	});

	test('every option is matched once, to a target that exists', () => {
		expect(matching({ answer: '[a=t1, a=t2, c=t9]' })).toEqual([
			'answer[1]: must match each option once, found "a" also in answer[0]',
			'answer[2]: must end with a target id (t1–t4), found "t9"',
			'answer: must match every option to a target, found no pair for "b"',
		]);
		expect(matching({ answer: '[a, b=t2, x=t3]' })).toEqual([
			'answer[0]: must pair an option with a target like "a=t1", found "a"',
			'answer[2]: must start with an option id (a–c), found "x"',
			'answer: must match every option to a target, found no pair for "a", "c"',
		]);
	});

	test('targets are required, numbered in order and distinct', () => {
		expect(matching({ targets: '' })).toEqual([
			'targets: must list what the items match to for type "matching" (3 to 8 targets t1, t2, …), found nothing (the field is missing)',
		]);
		expect(
			matching({
				targets: targets.replace('id: t2, text: "GetUser"', 'id: t3, text: "The Logins map"'),
			})
		).toEqual([
			'targets[1].id: must be "t2" (targets are numbered in order), found "t3"',
			'targets[1].text: must differ from every other target, found the same text as targets[0]',
			'answer[1]: must end with a target id (t1–t4), found "t2"',
		]);
	});

	test('a single-answer question cannot carry targets, and may pin an option', () => {
		expect(errorsOf({ targets })).toEqual([
			'targets: must only be set for type "matching", found 4 targets on a "single" question; remove them',
		]);
		const fixture = questionFile().text;
		const pinned = fixture.replace(/(- id: d\n)/, '$1    pinned: true\n');
		expect(pinned).not.toEqual(fixture);
		expect(checkContent([lessonFile(), { ...questionFile(), text: pinned }]).errors).toEqual([]);
	});
});

test('parseMatchPair reads "a=t1" and refuses anything else', () => {
	expect(parseMatchPair('b=t3')).toEqual({ option: 'b', target: 't3' });
	expect(parseMatchPair(' c = t12 ')).toEqual({ option: 'c', target: 't12' });
	expect(parseMatchPair('b-t3')).toBeNull();
	expect(parseMatchPair('t3=b')).toBeNull();
});
