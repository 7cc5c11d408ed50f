import { describe, expect, test } from 'vitest';
import {
	checkContent,
	findBankGaps,
	headingIds,
	splitQuestionBody,
	summariseBank,
	summariseDomains,
} from '../../../src/schemas/check-content';
import { lessonFile, questionFile, scenarioFile } from '../../fixtures/content';

const errorsOf = (...files: Parameters<typeof checkContent>[0]) => checkContent(files).errors;

describe('checkContent', () => {
	test('accepts a valid lesson and question', () => {
		const report = checkContent([lessonFile(), questionFile()]);
		expect(report.errors).toEqual([]);
		expect(report.lessons).toHaveLength(1);
		expect(report.questions[0]!.stem).toContain('Which claim');
	});

	test('reports an answer that names no option, with file, field and what was found', () => {
		expect(errorsOf(lessonFile(), questionFile(undefined, { answer: '[a, f]', type: 'multi' })))
			.toMatchInlineSnapshot(`
			[
			  "content/questions/tokens/id-token-claims.md: answer[1]: must be an option id (a–d), found "f"",
			  "content/questions/tokens/id-token-claims.md: options: must have at least 5 options for a multiple-response question (as on the AWS exam), found 4",
			]
		`);
	});

	test('reports missing fields, unknown keys and enum typos in one line each', () => {
		expect(
			errorsOf(
				lessonFile(),
				questionFile(undefined, { difficulty: '', lessen: 'tokens', topics: '[tokenz]' })
			)
		).toMatchInlineSnapshot(`
			[
			  "content/questions/tokens/id-token-claims.md: topics[0]: must be one of "overview", "cognito-vs-iam", "user-pools", "sign-up", "sign-in", "verification", "password-policy", "user-status", "groups", "app-clients", "auth-flows", "tokens", "jwt-verification", "token-revocation", "api-gateway", "alb", "app-integration", "mfa", "passwordless", "passkeys", "threat-protection", "feature-plans", "federation", "saml", "oidc", "social-login", "hosted-ui", "managed-login", "lambda-triggers", "custom-auth", "user-migration", "pre-token-generation", "identity-pools", "guest-access", "auth-flow-enhanced-basic", "developer-authenticated", "iam-roles", "role-mapping", "trust-policy", "policy-variables", "sts", "abac", "sync", "appsync", "exam-keywords", found "tokenz"; did you mean "tokens"?",
			  "content/questions/tokens/id-token-claims.md: difficulty: must be a number, found nothing (the field is missing)",
			  "content/questions/tokens/id-token-claims.md: (frontmatter): unknown field "lessen"; remove it or fix its spelling",
			]
		`);
	});

	test('requires exam domains that belong to the exams listed, one or more per exam', () => {
		expect(errorsOf(lessonFile(), questionFile(undefined, { domains: '' }))).toEqual([
			'content/questions/tokens/id-token-claims.md: domains: must be a list, found nothing (the field is missing)',
		]);
		expect(
			errorsOf(lessonFile(), questionFile(undefined, { domains: '[DVA-C02/2, SCS-C02/4]' }))
		).toEqual([
			'content/questions/tokens/id-token-claims.md: domains[1]: names a domain of SCS-C02, which is not in exams; add "SCS-C02" to exams or drop "SCS-C02/4"',
			'content/questions/tokens/id-token-claims.md: domains: needs at least one SAA-C03 domain (for example "SAA-C03/1"), found none; add one or drop "SAA-C03" from exams',
		]);
	});

	test('catches an explanation that contradicts the answer key', () => {
		expect(errorsOf(lessonFile(), questionFile(undefined, { answer: '[b]' })))
			.toMatchInlineSnapshot(`
			[
			  "content/questions/tokens/id-token-claims.md: options[0].explanation: says "right" but option "a" is not in answer; make the explanation and the answer agree",
			  "content/questions/tokens/id-token-claims.md: options[1].explanation: says "wrong" but option "b" is in answer; make the explanation and the answer agree",
			]
		`);
	});

	test('requires a multi stem to say how many to choose', () => {
		const options = `
  - { id: a, text: "one", explanation: "Right: one." }
  - { id: b, text: "two", explanation: "Right: two." }
  - { id: c, text: "three", explanation: "Wrong: three." }
  - { id: d, text: "four", explanation: "Wrong: four." }
  - { id: e, text: "five", explanation: "Wrong: five." }`;
		const body = (stem: string) => `${stem}\n\n## Explanation\n\nBecause.\n`;
		const multi = (stem: string) =>
			errorsOf(
				lessonFile(),
				questionFile(undefined, { type: 'multi', options, answer: '[a, b]' }, body(stem))
			);
		expect(multi('Which two numbers are small? (Choose two.)')).toEqual([]);
		expect(multi('Which numbers are small?')).toMatchInlineSnapshot(`
			[
			  "content/questions/tokens/id-token-claims.md: (body): a multi question's stem must say "(Choose two.)", found no such phrase",
			]
		`);
		expect(multi('Which numbers are small? (Choose three.)')).toMatchInlineSnapshot(`
			[
			  "content/questions/tokens/id-token-claims.md: (body): stem says "Choose three" but answer has 2 ids; make them agree",
			]
		`);
	});

	test('requires ids to match the file path and be unique', () => {
		const twin = { ...questionFile('tokens/other'), text: questionFile().text };
		expect(errorsOf(lessonFile(), questionFile(), twin)).toMatchInlineSnapshot(`
			[
			  "content/questions/tokens/other.md: id: must equal the file path "tokens/other", found "tokens/id-token-claims"; rename the file or fix the id",
			  "content/questions/tokens/other.md: id: must be unique, found "tokens/id-token-claims" (also in content/questions/tokens/id-token-claims.md)",
			]
		`);
	});

	test('reports YAML syntax errors with a line number', () => {
		const broken = {
			path: 'content/questions/tokens/broken.md',
			text: '---\nid: tokens/broken\nlesson: tokens: bad\n---\nStem\n',
		};
		expect(errorsOf(lessonFile(), broken)).toMatchInlineSnapshot(`
			[
			  "content/questions/tokens/broken.md: (frontmatter) line 3: must be valid YAML, found BLOCK_AS_IMPLICIT_KEY: Nested mappings are not allowed in compact mappings; quote values that contain ": " or start with a special character",
			]
		`);
	});

	test('checks lesson structure, diagrams and links', () => {
		const body =
			'Intro.\n\n## Only\n\nSee [x](/learn/tokens/#missing) and [y](/nowhere/).\n\n```mermaid\nflowchart TD\n  A-->B\n```\n';
		expect(errorsOf(lessonFile('tokens', {}, body))).toMatchInlineSnapshot(`
			[
			  "content/lessons/tokens.mdx: mermaid[0]: must have an "accTitle:" line (text alternative for screen readers), found none",
			  "content/lessons/tokens.mdx: mermaid[0]: must have an "accDescr:" line (text alternative for screen readers), found none",
			  "content/lessons/tokens.mdx: (body): must have exactly one <Callout kind="traps">, found 0",
			  "content/lessons/tokens.mdx: (body): must have a "## Key facts" section, found none",
			  "content/lessons/tokens.mdx: (body): must have a "## Recap" section, found none",
			  "content/lessons/tokens.mdx: (link /learn/tokens/#missing): must point to a heading of that lesson, found "#missing"",
			  "content/lessons/tokens.mdx: (link /nowhere/): must point to a page of this site, found "/nowhere/"",
			]
		`);
	});

	test('requires every notes section to be covered by some lesson', () => {
		const errors = errorsOf(lessonFile('tokens', { notes: '["Cognito Sync"]' }));
		expect(errors).toHaveLength(11);
		expect(errors[0]).toBe(
			'content/lessons: notes: the notes section "Amazon Cognito" must be listed in some lesson\'s "notes", found in none'
		);
	});

	test('rejects duplicate options (ignoring case and spaces) and a single answer with two ids; the schema reports first', () => {
		const options = `
  - { id: a, text: "aud", explanation: "Right: the ID token carries aud." }
  - { id: b, text: "AUD ", explanation: "Wrong: same as a." }
  - { id: c, text: "All of the above", explanation: "Wrong: not an exam option." }
  - { id: d, text: "scope", explanation: "Right: scope is also there." }`;
		expect(errorsOf(lessonFile(), questionFile(undefined, { options, answer: '[a, d]' })))
			.toMatchInlineSnapshot(`
			[
			  "content/questions/tokens/id-token-claims.md: options[1].text: must differ from every other option, found the same text as options[0]",
			  "content/questions/tokens/id-token-claims.md: answer: must have exactly one option id for type "single", found 2; use type "multi" for more",
			]
		`);
	});

	test('requires the lesson and scenario a question names to exist', () => {
		expect(
			errorsOf(
				lessonFile(),
				scenarioFile('demo', ['tokens']),
				questionFile('user-pools/sign-up-flow', { scenario: 'no-such-scenario' })
			).filter((error) => error.startsWith('content/questions/'))
		).toMatchInlineSnapshot(`
			[
			  "content/questions/user-pools/sign-up-flow.md: lesson: must name an existing lesson file, found "user-pools"",
			  "content/questions/user-pools/sign-up-flow.md: scenario: must be a scenario in content/scenarios/, found "no-such-scenario"",
			]
		`);
		// A question checked on its own (an import) is not refused for content it cannot see.
		expect(
			errorsOf(questionFile('user-pools/sign-up-flow', { scenario: 'no-such-scenario' }))
		).toEqual([]);
	});

	test('lessons and scenarios name each other both ways', () => {
		expect(
			errorsOf(
				lessonFile('tokens', { scenarios: '[demo, other]' }),
				scenarioFile('demo', ['tokens']),
				scenarioFile('other', ['user-pools']),
				scenarioFile('unlisted', ['tokens'])
			)
		).toMatchInlineSnapshot(`
			[
			  "content/lessons/tokens.mdx: scenarios[1]: must be a scenario whose "lessons" list tokens, found "other"; add tokens to content/scenarios/other.md or remove it here",
			  "content/scenarios/unlisted.md: lessons[0]: must be a lesson that lists this scenario, found "tokens"; add unlisted to "scenarios" in content/lessons/tokens.mdx",
			]
		`);
		expect(
			errorsOf(
				lessonFile('tokens', { scenarios: '[demo]' }),
				scenarioFile('demo', ['tokens'], { draft: 'true', draftReason: 'needs an engine part' })
			)
		).toEqual([
			'content/lessons/tokens.mdx: scenarios[0]: must be a published scenario, found the draft "demo"; remove it until the draft is done',
		]);
	});

	test('a question\'s "See it happen" link names a published scenario and one of its steps', () => {
		const lesson = lessonFile('tokens', { scenarios: '[demo]' });
		const scenario = scenarioFile('demo', ['tokens']);
		expect(
			errorsOf(
				lesson,
				scenario,
				questionFile(undefined, { scenario: 'demo', scenarioStep: 'signIn' })
			)
		).toEqual([]);
		expect(
			errorsOf(
				lesson,
				scenario,
				questionFile(undefined, { scenario: 'demo', scenarioStep: 'confirm' })
			)
		).toEqual([
			'content/questions/tokens/id-token-claims.md: scenarioStep: must be a step id of content/scenarios/demo.md (signUp, signIn), found "confirm"',
		]);
		expect(errorsOf(lesson, scenario, questionFile(undefined, { scenarioStep: 'signIn' }))).toEqual(
			[
				'content/questions/tokens/id-token-claims.md: scenarioStep: must come with "scenario" (the scenario the step belongs to), found scenarioStep "signIn" alone',
			]
		);
		expect(
			errorsOf(
				lesson,
				scenario,
				questionFile(undefined, { scenario: 'demo', scenarioStep: 'Sign in' })
			)
		).toEqual([
			'content/questions/tokens/id-token-claims.md: scenarioStep: must be a step id (camelCase) of the scenario, such as signIn, found "Sign in"',
		]);
	});

	test('rejects "none of the above" and two questions claiming the same notes question', () => {
		const options = `
  - { id: a, text: "aud", explanation: "Right: the ID token carries aud." }
  - { id: b, text: "client_id", explanation: "Wrong: access token claim." }
  - { id: c, text: "scope", explanation: "Wrong: access token claim." }
  - { id: d, text: "None of the above.", explanation: "Wrong: not an exam option." }`;
		const fromNotes = '{ number: 2, originalAnswer: "Cognito Identity Pools", corrected: false }';
		expect(
			errorsOf(
				lessonFile(),
				questionFile(undefined, { options, fromNotes }),
				questionFile(
					'tokens/second',
					{ fromNotes },
					'Which claim of a Cognito ID token says who the client is?\n\n## Explanation\n\naud.\n'
				)
			)
		).toMatchInlineSnapshot(`
			[
			  "content/questions/tokens/id-token-claims.md: options[3].text: must be a real answer, found "None of the above."; the AWS exams never use "all/none of the above", so write a plausible distractor",
			  "content/questions/tokens/second.md: fromNotes.number: must be unique, found 2 (also in content/questions/tokens/id-token-claims.md)",
			]
		`);
	});

	test('warns about near-duplicate stems without failing', () => {
		const report = checkContent([
			lessonFile(),
			questionFile(),
			{
				...questionFile('tokens/copy'),
				text: questionFile().text.replace('id: tokens/id-token-claims', 'id: tokens/copy'),
			},
		]);
		expect(report.errors).toEqual([]);
		expect(report.warnings).toHaveLength(1);
		expect(report.warnings[0]).toContain('is very similar to');
	});
});

describe('headingIds', () => {
	test('slugs headings like the site does, ignoring code blocks', () => {
		expect([
			...headingIds(
				'## Key facts\n```\n## not a heading\n```\n### `aud` vs `client_id`?\n## Key facts'
			),
		]).toEqual(['key-facts', 'aud-vs-client_id', 'key-facts-1']);
	});
});

describe('splitQuestionBody', () => {
	test('splits the stem from the explanation', () => {
		expect(splitQuestionBody('Stem?\n\n## Explanation\n\nWhy.\n')).toEqual({
			stem: 'Stem?',
			explanation: 'Why.',
		});
	});
});

describe('summariseBank', () => {
	test('counts questions per lesson and type', () => {
		const report = checkContent([lessonFile(), questionFile()]);
		const tokens = summariseBank(report.questions).find((row) => row.lesson === 'tokens');
		expect(tokens).toEqual({
			lesson: 'tokens',
			single: 1,
			multi: 0,
			ordering: 0,
			matching: 0,
			easy: 0,
			medium: 1,
			hard: 0,
			total: 1,
		});
	});
});

describe('summariseDomains', () => {
	test("counts each exam's questions per domain next to the exam guide weight", () => {
		const report = checkContent([
			lessonFile(),
			questionFile(),
			questionFile('tokens/second', { exams: '[SAA-C03]', domains: '[SAA-C03/1, SAA-C03/4]' }),
		]);
		const rows = summariseDomains(report.questions);
		expect(rows.filter((row) => row.questions > 0)).toEqual([
			{
				exam: 'DVA-C02',
				domain: 'DVA-C02/2',
				name: 'Security',
				weight: 26,
				questions: 1,
				percent: 100,
			},
			{
				exam: 'SAA-C03',
				domain: 'SAA-C03/1',
				name: 'Design Secure Architectures',
				weight: 30,
				questions: 2,
				percent: 100,
			},
			{
				exam: 'SAA-C03',
				domain: 'SAA-C03/4',
				name: 'Design Cost-Optimized Architectures',
				weight: 20,
				questions: 1,
				percent: 50,
			},
		]);
		expect(rows).toHaveLength(14);
	});
});

describe('findBankGaps', () => {
	test('counts the questions that link to a scenario, rounding the share down', () => {
		const report = checkContent([
			lessonFile(),
			questionFile(),
			questionFile('tokens/second', { scenario: 'sign-in-and-tokens' }),
			questionFile('tokens/third'),
		]);
		expect(findBankGaps(report.questions).scenarioLinks).toEqual({ linked: 1, percent: 33 });
	});

	test('lists thin lessons, the multi share, missing notes questions and answer letters', () => {
		const report = checkContent([lessonFile(), questionFile()]);
		expect(findBankGaps(report.questions)).toMatchInlineSnapshot(`
			{
			  "missingNotesQuestions": [
			    1,
			    2,
			    3,
			    4,
			    5,
			  ],
			  "multiPercent": 0,
			  "scenarioLinks": {
			    "linked": 0,
			    "percent": 0,
			  },
			  "singleAnswerLetters": {
			    "a": 1,
			    "b": 0,
			    "c": 0,
			    "d": 0,
			  },
			  "thinLessons": [
			    "cognito-overview",
			    "user-pools",
			    "tokens",
			    "integrations",
			    "mfa-and-security",
			    "federation-and-managed-login",
			    "lambda-triggers",
			    "identity-pools",
			    "identity-pools-iam",
			    "user-vs-identity-pools",
			    "cognito-in-architectures",
			    "operating-securely",
			    "cognito-sync-and-appsync",
			    "exam-strategy",
			  ],
			}
		`);
	});
});
