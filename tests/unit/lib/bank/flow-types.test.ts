/** Ordering and matching questions through every bank converter: file, GIFT, CSV and Anki. */
import { describe, expect, test } from 'vitest';
import {
	fileToQuestion,
	importQuestions,
	normaliseQuestion,
	questionsToAnki,
	questionsToCsv,
	questionsToGift,
	questionToFile,
} from '../../../../src/lib/bank';
import { MATCHING, ORDERING } from '../../../fixtures/bank';

describe('GIFT', () => {
	test('a matching question uses native GIFT matching; explanations and target order ride in comments', () => {
		const gift = questionsToGift([MATCHING]);
		expect(gift).toContain('\t=ID token -> The Logins map\n');
		expect(gift).toContain('\t=Access token -> GetUser\\: AccessToken\n');
		expect(gift).toContain('\t=Google ID token -> The Logins map\n');
		// The unused target is an extra choice with an empty left side.
		expect(gift).toContain('\t= -> SECRET_HASH \\= HMAC(…)\n');
		expect(gift).toContain(
			'// targets: ["SECRET_HASH = HMAC(…)","The Logins map","GetUser: AccessToken"]'
		);
		expect(gift).toContain('// domains: DVA-C02/2');
	});

	test('an ordering question is a matching question onto "Step n", marked // type: ordering', () => {
		const gift = questionsToGift([ORDERING]);
		expect(gift).toContain('// type: ordering');
		expect(gift).toContain('\t=Call GetCredentialsForIdentity -> Step 3\n');
		expect(gift).toContain('\t=Sign in to the user pool -> Step 1\n');
	});

	test('both round-trip losslessly', () => {
		const gift = questionsToGift([ORDERING, MATCHING]);
		const result = importQuestions(gift, { format: 'gift', source: 'flow.gift' });
		if (!result.ok) throw new Error(result.problems.join('\n'));
		expect(result.questions).toEqual([ORDERING, MATCHING].map(normaliseQuestion));
	});

	test('a plain Moodle matching question (no comments) imports with targets in order of appearance', () => {
		const gift = [
			'// topics: tokens',
			'// difficulty: 1',
			'// exams: DVA-C02',
			'// domains: DVA-C02/2',
			'// sources: https://docs.aws.amazon.com/cognito/latest/developerguide/x.html',
			'::tokens/moodle-match::Match each token to where it goes in the app. {',
			'=ID token -> Logins map',
			'=Access token -> GetUser',
			'=Refresh token -> REFRESH_TOKEN_AUTH',
			'= -> SECRET_HASH',
			'}',
		].join('\n');
		const result = importQuestions(gift, { format: 'gift', source: 'moodle.gift' });
		// Moodle has no per-pair feedback, so the explanations are missing and reported.
		expect(result.ok ? [] : result.problems).toEqual([
			'moodle.gift line 6 (tokens/moodle-match): options[0].explanation: must have at least 10 characters, found 0',
			'moodle.gift line 6 (tokens/moodle-match): options[1].explanation: must have at least 10 characters, found 0',
			'moodle.gift line 6 (tokens/moodle-match): options[2].explanation: must have at least 10 characters, found 0',
		]);
	});
});

describe('CSV', () => {
	test('ordering and matching questions export and import back unchanged', () => {
		const csv = questionsToCsv([ORDERING, MATCHING]);
		expect(csv).toContain(',b; d; a; c,');
		expect(csv).toContain(',a=t2; b=t3; c=t2,');
		const result = importQuestions(csv, { format: 'csv', source: 'flow.csv' });
		if (!result.ok) throw new Error(result.problems.join('\n'));
		expect(result.questions).toEqual([ORDERING, MATCHING].map(normaliseQuestion));
	});

	test('an empty type is inferred as matching from pairs in the answer', () => {
		const csv = questionsToCsv([MATCHING]).replace(',matching,', ',,');
		const result = importQuestions(csv, { format: 'csv', source: 'flow.csv' });
		expect(result.ok && result.questions[0]!.type).toBe('matching');
	});

	test('a pinned option survives the round trip', () => {
		const single = {
			...normaliseQuestion(ORDERING),
			id: 'identity-pools/pinned-example',
			type: 'single' as const,
			options: [
				{ id: 'a' as const, text: 'One', explanation: 'Wrong: not this one.' },
				{ id: 'b' as const, text: 'Two', explanation: 'Right: this one.' },
				{ id: 'c' as const, text: 'Three', explanation: 'Wrong: not this one either.' },
				{ id: 'd' as const, text: 'Both A and C', explanation: 'Wrong: neither.', pinned: true },
			],
			answer: ['b'],
		};
		const result = importQuestions(questionsToCsv([single]), { format: 'csv', source: 'p.csv' });
		if (!result.ok) throw new Error(result.problems.join('\n'));
		expect(result.questions[0]!.options[3]).toEqual(single.options[3]);
	});
});

test('the question file format keeps targets and pinned flags', () => {
	const text = questionToFile(MATCHING);
	expect(text).toContain('targets:\n  - id: t1\n    text: "SECRET_HASH = HMAC(…)"\n');
	expect(text).toContain('answer: [a=t2, b=t3, c=t2]');
	const parsed = fileToQuestion('x.md', text);
	expect('question' in parsed && parsed.question.targets).toEqual(MATCHING.targets);
});

describe('Anki', () => {
	const [, front, back] = questionsToAnki([ORDERING, MATCHING])
		.trimEnd()
		.split('\n')
		.filter((line) => line.startsWith('cognito-study:identity-pools'))[0]!
		.split('\t');

	test('an ordering card shows the steps in a fixed shuffle, and the order with reasons on the back', () => {
		const shown = [...front!.matchAll(/<li>([^<]+)<\/li>/g)].map((m) => m[1]);
		expect(new Set(shown)).toEqual(new Set(ORDERING.options.map((o) => o.text)));
		expect(shown).not.toEqual(
			ORDERING.answer.map((id) => ORDERING.options.find((o) => o.id === id)!.text)
		);
		expect(back).toMatch(
			/^<p><strong>Order: [A-D], [A-D], [A-D], [A-D]<\/strong><\/p><ol><li>Sign in to the user pool: First/
		);
		// The letters on the back name the front's positions.
		const letters = /Order: ([A-D, ]+)</.exec(back!)![1]!.split(', ');
		expect(letters.map((l) => shown[l.charCodeAt(0) - 65])).toEqual(
			ORDERING.answer.map((id) => ORDERING.options.find((o) => o.id === id)!.text)
		);
	});

	test('a matching card lists lettered items and numbered targets; the back pairs them', () => {
		const note = questionsToAnki([MATCHING]).trimEnd().split('\n').at(-1)!.split('\t');
		expect(note[1]).toContain(
			'<ol type="A"><li>ID token</li><li>Access token</li><li>Google ID token</li></ol><ol><li>SECRET_HASH = HMAC(…)</li>'
		);
		expect(note[2]).toMatch(/^<p><strong>A → 2, B → 3, C → 2<\/strong><\/p>/);
	});
});
