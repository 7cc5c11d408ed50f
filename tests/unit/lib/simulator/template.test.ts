import { describe, expect, test } from 'vitest';
import {
	lookup,
	referencesIn,
	resolveTemplate,
	TemplateError,
	totpAt,
	type TemplateScope,
} from '../../../../src/lib/simulator';

const NOW = Date.parse('2026-01-01T00:00:00Z');
const scope = (overrides: Partial<TemplateScope> = {}): TemplateScope => ({
	results: {
		pool: { UserPool: { Id: 'us-east-1_abc' } },
		signIn: { AuthenticationResult: { IdToken: 'eyJ.id.token' } },
		list: { Items: [{ n: 1 }, { n: 2 }] },
	},
	outbox: [
		{
			channel: 'EMAIL',
			destination: 'a@example.com',
			body: 'first',
			code: '111111',
			reason: 'SignUp',
			at: NOW,
		},
		{
			channel: 'EMAIL',
			destination: 'b@example.com',
			body: 'second',
			code: '222222',
			reason: 'SignUp',
			at: NOW,
		},
	],
	now: NOW,
	...overrides,
});

describe('resolveTemplate', () => {
	test('replaces a whole-string reference with the value itself', () => {
		expect(resolveTemplate({ Pool: '{{pool.UserPool}}' }, scope())).toEqual({
			Pool: { Id: 'us-east-1_abc' },
		});
	});

	test('interpolates references inside longer strings and object keys', () => {
		const request = {
			Logins: {
				'cognito-idp.us-east-1.amazonaws.com/{{pool.UserPool.Id}}':
					'{{signIn.AuthenticationResult.IdToken}}',
			},
		};
		expect(resolveTemplate(request, scope())).toEqual({
			Logins: { 'cognito-idp.us-east-1.amazonaws.com/us-east-1_abc': 'eyJ.id.token' },
		});
	});

	test('reads the outbox by index and by last, and arrays by index', () => {
		expect(
			resolveTemplate(
				['{{outbox.last.code}}', '{{outbox.0.destination}}', '{{list.Items.1.n}}'],
				scope()
			)
		).toEqual(['222222', 'a@example.com', 2]);
	});

	test('leaves values without references untouched', () => {
		const request = { A: 1, B: [true, null], C: 'plain {text}' };
		expect(resolveTemplate(request, scope())).toEqual(request);
	});

	test('computes {{totp}} from the newest SecretCode at the scope time', () => {
		const secret = 'JBSWY3DPEHPK3PXP';
		const resolved = resolveTemplate(
			{ Code: '{{totp}}' },
			scope({ results: { associate: { SecretCode: secret } } })
		);
		expect(resolved.Code).toMatch(/^\d{6}$/);
		expect(resolved.Code).toBe(totpAt(secret, NOW));
		expect(totpAt(secret, NOW + 30_000)).not.toBe(totpAt(secret, NOW));
	});

	test('explains references that cannot be resolved', () => {
		expect(() => lookup('signUp.UserSub', scope())).toThrowErrorMatchingInlineSnapshot(
			`[TemplateError: {{signUp.UserSub}}: no earlier call "signUp" has succeeded yet (available: pool, signIn, list); run the steps in order]`
		);
		expect(() => lookup('pool.UserPool.Arn', scope())).toThrowErrorMatchingInlineSnapshot(
			`[TemplateError: {{pool.UserPool.Arn}}: "pool.UserPool.Arn" is not in the response]`
		);
		expect(() => lookup('outbox.last.code', scope({ outbox: [] }))).toThrow(TemplateError);
		expect(() => lookup('totp', scope())).toThrowErrorMatchingInlineSnapshot(
			`[TemplateError: {{totp}}: no AssociateSoftwareToken response with a SecretCode yet; run that step first]`
		);
	});

	test('does not read inherited properties', () => {
		expect(() => lookup('pool.constructor', scope())).toThrow(TemplateError);
	});
});

describe('referencesIn', () => {
	test('lists references in values and keys', () => {
		expect(referencesIn({ '{{a.b}}': ['x {{c}} y', { d: '{{ outbox.last.code }}' }] })).toEqual([
			'a.b',
			'c',
			'outbox.last.code',
		]);
	});
});
