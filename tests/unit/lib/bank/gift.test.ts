import { describe, expect, test } from 'vitest';
import {
	escapeGift,
	importQuestions,
	normaliseQuestion,
	parseGiftQuestions,
	questionsToGift,
	unescapeGift,
	type BankQuestion,
} from '../../../../src/lib/bank';
import { checkContent } from '../../../../src/schemas/check-content';
import { realBank, realLessonFiles, TRICKY } from '../../../fixtures/bank';

const SINGLE: BankQuestion = {
	id: 'tokens/aud-claim',
	lesson: 'tokens',
	topics: ['tokens'],
	type: 'single',
	difficulty: 1,
	exams: ['DVA-C02'],
	domains: ['DVA-C02/2'],
	options: [
		{ id: 'a', text: 'aud', explanation: 'Right: the ID token carries the app client ID in aud.' },
		{ id: 'b', text: 'client_id', explanation: 'Wrong: client_id is an access-token claim.' },
		{ id: 'c', text: 'scope', explanation: 'Wrong: scope is an access-token claim.' },
		{ id: 'd', text: 'sub', explanation: 'Wrong: sub is the user, not the client.' },
	],
	answer: ['a'],
	sources: [
		'https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-id-token.html',
	],
	stem: 'Which claim of an ID token holds the app client ID?',
	explanation: 'ID tokens carry aud.',
};

describe('questionsToGift', () => {
	test('writes single and multiple-response questions with feedback, weights and escapes', () => {
		expect(questionsToGift([SINGLE, TRICKY])).toMatchInlineSnapshot(`
			"$CATEGORY: cognito-study/tokens

			// topics: tokens
			// type: single
			// difficulty: 1
			// exams: DVA-C02
			// domains: DVA-C02/2
			// sources: https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-id-token.html
			::tokens/aud-claim::[markdown]Which claim of an ID token holds the app client ID? {
				=aud#Right\\: the ID token carries the app client ID in aud.
				~client_id#Wrong\\: client_id is an access-token claim.
				~scope#Wrong\\: scope is an access-token claim.
				~sub#Wrong\\: sub is the user, not the client.
				####ID tokens carry aud.
			}

			// topics: tokens, jwt-verification
			// type: multi
			// difficulty: 3
			// exams: DVA-C02, SCS-C02
			// domains: DVA-C02/2, SCS-C02/4
			// sources: https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-tokens-verifying-a-jwt.html
			::tokens/special-characters::[markdown]An API receives a JWT\\: \\{"kid"\\: "abc"\\}. Which two checks must it make? Note\\: 50% \\= half.\\n\\n\`\`\`json\\n\\{ "aud"\\: "x" \\}\\n\`\`\`\\n\\nSelect carefully. (Choose two.) {
				~%50%Check \`aud\` \\= the app client ID\\: \\{clientId\\}#Right\\: the ID token's "aud" claim must equal the app client ID; see \\#claims.
				~%50%Check \`token_use\` is "id" \\~ not "access"#Right\\: a token used as an ID token must say token_use\\: id.
				~%-100%Trust any token whose iss starts with https\\://cognito-idp.#Wrong\\: the issuer must match your pool exactly, C\\:\\\\path style prefixes prove nothing.
				~%-100%Skip the signature check on private networks#Wrong\\: signatures are always verified, wherever the API runs.
				~%-100%Accept tokens with exp in the past for 1 day#Wrong\\: an expired token is rejected; use the refresh token to get a new one.
				####Verify signature, **issuer**, \`aud\`/\`client_id\` and \`token_use\` — see [Tokens](/learn/tokens/).
			}
			"
		`);
	});

	test('escapes and unescapes every special character', () => {
		const text = 'a ~ b = c # d { e } f : g \\ h\nnext line';
		expect(escapeGift(text)).toBe('a \\~ b \\= c \\# d \\{ e \\} f \\: g \\\\ h\\nnext line');
		expect(unescapeGift(escapeGift(text))).toBe(text);
	});
});

describe('GIFT round trip', () => {
	test('GIFT → files → GIFT is lossless for the whole bank', { timeout: 30_000 }, () => {
		const bank = [SINGLE, TRICKY, ...realBank()];
		const gift = questionsToGift(bank);
		const result = importQuestions(gift, { format: 'gift', source: 'bank.gift' });
		if (!result.ok) throw new Error(result.problems.join('\n'));
		expect(result.files).toHaveLength(bank.length);
		expect(result.questions).toEqual(bank.map(normaliseQuestion));
		// The files pass the real check with the real lessons.
		// Checked in small batches: the whole-bank near-duplicate search is slow and not what is tested here.
		const lessons = realLessonFiles();
		for (let start = 0; start < result.files.length; start += 20) {
			const report = checkContent([...lessons, ...result.files.slice(start, start + 20)]);
			expect(report.errors.filter((error) => error.startsWith('content/questions'))).toEqual([]);
		}
		expect(questionsToGift(result.questions)).toBe(gift);
	});
});

describe('parseGiftQuestions', () => {
	test('reads a plain Moodle question, taking the lesson from $CATEGORY and the title', () => {
		const gift = `// A comment Moodle ignores\n$CATEGORY: $course$/top/cognito-study/tokens\n\n::aud::Which claim? {\n=aud#Right: it is aud.\n~sub#Wrong\n}`;
		const [candidate] = parseGiftQuestions(gift).candidates;
		expect(candidate).toMatchObject({
			line: 4,
			fields: {
				id: 'tokens/aud',
				lesson: 'tokens',
				type: 'single',
				answer: ['a'],
				options: [
					{ id: 'a', text: 'aud', explanation: 'Right: it is aud.' },
					{ id: 'b', text: 'sub', explanation: 'Wrong' },
				],
			},
			stem: 'Which claim?',
			problems: [],
		});
	});

	test('reports every bad question with its line and writes nothing', () => {
		const gift = [
			'// topics: tokens\n// difficulty: 2\n// exams: DVA-C02\n// domains: DVA-C02/2\n// sources: https://docs.aws.amazon.com/cognito/latest/developerguide/x.html\n::tokens/ok::A good stem that is long enough to pass the check? {\n=one#Right: one.\n~two#Wrong: two.\n~three#Wrong: three.\n~four#Wrong: four.\n####Because.\n}',
			'::tokens/tf::Cognito is a database. {FALSE}',
			'::tokens/match::Match these pairs of things. {\n=a -> 1\n=b -> 2\n}',
			'// topics: tokenz\n::tokens/bad::Too short {\n=one#Right: one.\n~two#Wrong: two.\n}',
		].join('\n\n');
		const result = importQuestions(gift, {
			format: 'gift',
			source: 'in.gift',
			existingIds: ['tokens/ok'],
		});
		expect(result.files).toEqual([]);
		expect(result.ok ? [] : result.problems).toMatchInlineSnapshot(`
			[
			  "in.gift line 6 (tokens/ok): id: must be new, found "tokens/ok", which content/questions/tokens/ok.md already uses; ids are never reused, so choose another short id",
			  "in.gift line 14 (tokens/tf): type: must be a multiple-choice, matching or ordering question, found a true/false question; rewrite it with four options",
			  "in.gift line 14 (tokens/tf): topics: must be a list, found nothing (the field is missing)",
			  "in.gift line 14 (tokens/tf): difficulty: must be a number, found nothing (the field is missing)",
			  "in.gift line 14 (tokens/tf): exams: must be a list, found nothing (the field is missing)",
			  "in.gift line 14 (tokens/tf): domains: must be a list, found nothing (the field is missing)",
			  "in.gift line 14 (tokens/tf): options: must have at least 1 item, found 0",
			  "in.gift line 14 (tokens/tf): answer: must have at least 1 item, found 0",
			  "in.gift line 14 (tokens/tf): sources: must be a list, found nothing (the field is missing)",
			  "in.gift line 16 (tokens/match): topics: must be a list, found nothing (the field is missing)",
			  "in.gift line 16 (tokens/match): difficulty: must be a number, found nothing (the field is missing)",
			  "in.gift line 16 (tokens/match): exams: must be a list, found nothing (the field is missing)",
			  "in.gift line 16 (tokens/match): domains: must be a list, found nothing (the field is missing)",
			  "in.gift line 16 (tokens/match): options[0].explanation: must have at least 10 characters, found 0",
			  "in.gift line 16 (tokens/match): options[1].explanation: must have at least 10 characters, found 0",
			  "in.gift line 16 (tokens/match): targets: must have at least 3 items, found 2",
			  "in.gift line 16 (tokens/match): sources: must be a list, found nothing (the field is missing)",
			  "in.gift line 22 (tokens/bad): topics[0]: must be one of "overview", "cognito-vs-iam", "user-pools", "sign-up", "sign-in", "verification", "password-policy", "user-status", "groups", "app-clients", "auth-flows", "tokens", "jwt-verification", "token-revocation", "api-gateway", "alb", "app-integration", "mfa", "passwordless", "passkeys", "threat-protection", "feature-plans", "federation", "saml", "oidc", "social-login", "hosted-ui", "managed-login", "lambda-triggers", "custom-auth", "user-migration", "pre-token-generation", "identity-pools", "guest-access", "auth-flow-enhanced-basic", "developer-authenticated", "iam-roles", "role-mapping", "trust-policy", "policy-variables", "sts", "abac", "sync", "appsync", "exam-keywords", found "tokenz"; did you mean "tokens"?",
			  "in.gift line 22 (tokens/bad): difficulty: must be a number, found nothing (the field is missing)",
			  "in.gift line 22 (tokens/bad): exams: must be a list, found nothing (the field is missing)",
			  "in.gift line 22 (tokens/bad): domains: must be a list, found nothing (the field is missing)",
			  "in.gift line 22 (tokens/bad): sources: must be a list, found nothing (the field is missing)",
			]
		`);
	});
});
