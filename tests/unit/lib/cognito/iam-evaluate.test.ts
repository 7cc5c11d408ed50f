import { describe, expect, test } from 'vitest';
import { evaluate, evaluateTrust, substituteVariables } from '../../../../src/lib/cognito/iam';

const SUB = 'us-east-1:11111111-2222-4333-8444-555555555555';
const POOL = 'us-east-1:aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
const ctx = {
	'cognito-identity.amazonaws.com:sub': SUB,
	'cognito-identity.amazonaws.com:aud': POOL,
	'cognito-identity.amazonaws.com:amr': ['authenticated', 'accounts.google.com'],
};

const perUserS3 = {
	Version: '2012-10-17',
	Statement: [
		{
			Sid: 'OwnPrefix',
			Effect: 'Allow',
			Action: ['s3:GetObject', 's3:PutObject'],
			Resource: 'arn:aws:s3:::bucket/${cognito-identity.amazonaws.com:sub}/*',
		},
		{ Sid: 'NoDeletes', Effect: 'Deny', Action: 's3:Delete*', Resource: '*' },
	],
};

const dynamoLeadingKeys = {
	Version: '2012-10-17',
	Statement: [
		{
			Effect: 'Allow',
			Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'],
			Resource: 'arn:aws:dynamodb:us-east-1:123456789012:table/Notes',
			Condition: {
				'ForAllValues:StringEquals': {
					'dynamodb:LeadingKeys': ['${cognito-identity.amazonaws.com:sub}'],
				},
			},
		},
	],
};

describe('evaluate', () => {
	test('policy variables give each identity its own S3 prefix', () => {
		const own = evaluate({
			policies: [perUserS3],
			action: 's3:PutObject',
			resource: `arn:aws:s3:::bucket/${SUB}/photo.jpg`,
			context: ctx,
		});
		expect(own).toMatchObject({
			decision: 'Allow',
			reason: 'allowed',
			statement: { Sid: 'OwnPrefix' },
			policyIndex: 0,
		});
		const other = evaluate({
			policies: [perUserS3],
			action: 's3:PutObject',
			resource: 'arn:aws:s3:::bucket/us-east-1:someone-else/photo.jpg',
			context: ctx,
		});
		expect(other).toEqual({
			decision: 'Deny',
			reason: 'implicit-deny',
			missingAllowIn: 'identity',
		});
	});

	test('an unresolved variable matches nothing', () => {
		expect(
			evaluate({
				policies: [perUserS3],
				action: 's3:GetObject',
				resource: 'arn:aws:s3:::bucket//x',
				context: {},
			}).decision
		).toBe('Deny');
	});

	test('explicit deny beats allow and names the statement', () => {
		const allowAll = { Statement: { Effect: 'Allow', Action: '*', Resource: '*' } };
		const result = evaluate({
			policies: [allowAll, perUserS3],
			action: 's3:DeleteObject',
			resource: `arn:aws:s3:::bucket/${SUB}/a`,
			context: ctx,
		});
		expect(result).toMatchObject({
			decision: 'Deny',
			reason: 'explicit-deny',
			statement: { Sid: 'NoDeletes' },
			policyIndex: 1,
		});
	});

	test('dynamodb:LeadingKeys with ForAllValues', () => {
		const table = 'arn:aws:dynamodb:us-east-1:123456789012:table/Notes';
		expect(
			evaluate({
				policies: [dynamoLeadingKeys],
				action: 'dynamodb:PutItem',
				resource: table,
				context: { ...ctx, 'dynamodb:LeadingKeys': [SUB] },
			}).decision
		).toBe('Allow');
		expect(
			evaluate({
				policies: [dynamoLeadingKeys],
				action: 'dynamodb:PutItem',
				resource: table,
				context: { ...ctx, 'dynamodb:LeadingKeys': [SUB, 'other'] },
			}).decision
		).toBe('Deny');
		expect(
			evaluate({
				policies: [dynamoLeadingKeys],
				action: 'dynamodb:DeleteItem',
				resource: table,
				context: { ...ctx, 'dynamodb:LeadingKeys': [SUB] },
			}).decision
		).toBe('Deny');
	});

	test('actions match case-insensitively with wildcards; NotAction and NotResource', () => {
		const policy = {
			Statement: [{ Effect: 'Allow', NotAction: 'iam:*', NotResource: 'arn:aws:s3:::secret/*' }],
		};
		expect(
			evaluate({
				policies: [policy],
				action: 'S3:getobject',
				resource: 'arn:aws:s3:::public/a',
				context: {},
			}).decision
		).toBe('Allow');
		expect(
			evaluate({ policies: [policy], action: 'iam:CreateUser', resource: '*', context: {} })
				.decision
		).toBe('Deny');
		expect(
			evaluate({
				policies: [policy],
				action: 's3:GetObject',
				resource: 'arn:aws:s3:::secret/a',
				context: {},
			}).decision
		).toBe('Deny');
		const question = {
			Statement: [{ Effect: 'Allow', Action: 's3:Get?bject', Resource: 'arn:aws:s3:::b/*' }],
		};
		expect(
			evaluate({
				policies: [question],
				action: 's3:GetObject',
				resource: 'arn:aws:s3:::b/k',
				context: {},
			}).decision
		).toBe('Allow');
	});

	test('session policies intersect with the role policies', () => {
		const role = { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
		const session = { Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] };
		expect(
			evaluate({
				policies: [role],
				sessionPolicies: [session],
				action: 's3:GetObject',
				resource: '*',
				context: {},
			}).decision
		).toBe('Allow');
		expect(
			evaluate({
				policies: [role],
				sessionPolicies: [session],
				action: 'iam:CreateUser',
				resource: '*',
				context: {},
			})
		).toEqual({ decision: 'Deny', reason: 'implicit-deny', missingAllowIn: 'session' });
		expect(
			evaluate({
				policies: [],
				sessionPolicies: [session],
				action: 's3:GetObject',
				resource: '*',
				context: {},
			}).missingAllowIn
		).toBe('identity');
	});

	test('condition operators', () => {
		const check = (condition: object, context: Record<string, string | string[]>) =>
			evaluate({
				policies: [
					{ Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Condition: condition }] },
				],
				action: 'x:Y',
				resource: '*',
				context,
			}).decision;
		expect(check({ StringEquals: { k: 'a' } }, { k: 'a' })).toBe('Allow');
		expect(check({ StringEquals: { k: ['b', 'a'] } }, { k: 'a' })).toBe('Allow');
		expect(check({ StringEquals: { k: 'a' } }, {})).toBe('Deny');
		expect(check({ StringNotEquals: { k: 'a' } }, { k: 'b' })).toBe('Allow');
		expect(check({ StringNotEquals: { k: 'a' } }, {})).toBe('Allow');
		expect(check({ StringEqualsIgnoreCase: { k: 'ABC' } }, { k: 'abc' })).toBe('Allow');
		expect(check({ StringLike: { k: 'a*c' } }, { k: 'abbbc' })).toBe('Allow');
		expect(check({ StringNotLike: { k: 'a*' } }, { k: 'abc' })).toBe('Deny');
		expect(check({ StringEqualsIfExists: { k: 'a' } }, {})).toBe('Allow');
		expect(check({ StringEqualsIfExists: { k: 'a' } }, { k: 'b' })).toBe('Deny');
		expect(
			check(
				{ 'ForAnyValue:StringLike': { k: 'auth*' } },
				{ k: ['unauthenticated', 'authenticated'] }
			)
		).toBe('Allow');
		expect(check({ 'ForAnyValue:StringLike': { k: 'auth*' } }, {})).toBe('Deny');
		expect(check({ 'ForAllValues:StringLike': { k: 'a*' } }, {})).toBe('Allow');
		expect(check({ 'ForAllValues:StringLike': { k: 'a*' } }, { k: ['ab', 'ba'] })).toBe('Deny');
		expect(check({ NumericLessThan: { n: '10' } }, { n: '9' })).toBe('Allow');
		expect(check({ NumericLessThan: { n: '10' } }, { n: '10' })).toBe('Deny');
		expect(check({ NumericGreaterThanEquals: { n: 10 } }, { n: '10' })).toBe('Allow');
		expect(check({ NumericLessThan: { n: '10' } }, { n: 'ten' })).toBe('Deny');
		expect(
			check(
				{ DateLessThan: { 'aws:CurrentTime': '2026-06-01T00:00:00Z' } },
				{ 'aws:CurrentTime': '2026-01-01T00:00:00Z' }
			)
		).toBe('Allow');
		expect(
			check({ Bool: { 'aws:SecureTransport': 'true' } }, { 'aws:SecureTransport': 'TRUE' })
		).toBe('Allow');
		expect(check({ Null: { k: 'true' } }, {})).toBe('Allow');
		expect(check({ Null: { k: 'false' } }, {})).toBe('Deny');
		expect(
			check(
				{ ArnLike: { 'aws:SourceArn': 'arn:aws:sns:*:123456789012:topic*' } },
				{ 'aws:SourceArn': 'arn:aws:sns:us-east-1:123456789012:topic-a' }
			)
		).toBe('Allow');
		expect(
			check(
				{ ArnLike: { 'aws:SourceArn': 'arn:aws:sns:*:123456789012:*' } },
				{ 'aws:SourceArn': 'arn:aws:sns:us-east-1:999999999999:x' }
			)
		).toBe('Deny');
		expect(
			check(
				{ StringEquals: { 'aws:PrincipalTag/team': 'blue' } },
				{ 'aws:principaltag/team': 'blue' }
			)
		).toBe('Allow');
		expect(check({ StringEquals: { k: 'a' }, StringLike: { j: 'b*' } }, { k: 'a', j: 'c' })).toBe(
			'Deny'
		);
		expect(check({ UnknownOperator: { k: 'a' } }, { k: 'a' })).toBe('Deny');
	});

	test('policy documents as JSON text and malformed documents', () => {
		expect(
			evaluate({
				policies: [
					JSON.stringify({
						Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
					}) as unknown as object,
				],
				action: 'a:B',
				resource: '*',
				context: {},
			}).decision
		).toBe('Allow');
		expect(
			evaluate({
				policies: ['{not json' as unknown as object, { Statement: 'x' }, {}],
				action: 'a:B',
				resource: '*',
				context: {},
			}).decision
		).toBe('Deny');
	});
});

describe('substituteVariables', () => {
	test('keys, defaults and escapes', () => {
		expect(substituteVariables('home/${aws:username}/', { 'aws:username': 'ann' })).toBe(
			'home/ann/'
		);
		expect(substituteVariables("home/${aws:username, 'guest'}/", {})).toBe('home/guest/');
		expect(substituteVariables('literal-${*}-${?}-${$}', {})).toBe('literal-*-?-$');
		expect(substituteVariables('${missing}', {})).toBeUndefined();
	});
});

describe('evaluateTrust', () => {
	const trust = (amr: string) => ({
		Statement: [
			{
				Effect: 'Allow',
				Principal: { Federated: 'cognito-identity.amazonaws.com' },
				Action: 'sts:AssumeRoleWithWebIdentity',
				Condition: {
					StringEquals: { 'cognito-identity.amazonaws.com:aud': POOL },
					'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': amr },
				},
			},
		],
	});
	const principal = { Federated: 'cognito-identity.amazonaws.com' };

	test('pins the pool (aud) and the authentication (amr)', () => {
		expect(
			evaluateTrust({
				trustPolicy: trust('authenticated'),
				principal,
				action: 'sts:AssumeRoleWithWebIdentity',
				context: ctx,
			}).decision
		).toBe('Allow');
		expect(
			evaluateTrust({
				trustPolicy: trust('unauthenticated'),
				principal,
				action: 'sts:AssumeRoleWithWebIdentity',
				context: ctx,
			}).decision
		).toBe('Deny');
		expect(
			evaluateTrust({
				trustPolicy: trust('authenticated'),
				principal,
				action: 'sts:AssumeRoleWithWebIdentity',
				context: { ...ctx, 'cognito-identity.amazonaws.com:aud': 'us-east-1:other' },
			}).decision
		).toBe('Deny');
		expect(
			evaluateTrust({
				trustPolicy: trust('accounts.google.com'),
				principal,
				action: 'sts:AssumeRoleWithWebIdentity',
				context: ctx,
			}).decision
		).toBe('Allow');
	});

	test('the principal and the action must match', () => {
		expect(
			evaluateTrust({
				trustPolicy: trust('authenticated'),
				principal: { Federated: 'accounts.google.com' },
				action: 'sts:AssumeRoleWithWebIdentity',
				context: ctx,
			}).decision
		).toBe('Deny');
		expect(
			evaluateTrust({
				trustPolicy: trust('authenticated'),
				principal,
				action: 'sts:AssumeRole',
				context: ctx,
			}).decision
		).toBe('Deny');
		const anyone = { Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sts:*' }] };
		expect(
			evaluateTrust({
				trustPolicy: anyone,
				principal,
				action: 'sts:AssumeRoleWithWebIdentity',
				context: {},
			}).decision
		).toBe('Allow');
		const denied = {
			Statement: [
				...anyone.Statement,
				{
					Effect: 'Deny',
					Principal: { Federated: ['x', 'cognito-identity.amazonaws.com'] },
					Action: '*',
				},
			],
		};
		expect(
			evaluateTrust({
				trustPolicy: denied,
				principal,
				action: 'sts:AssumeRoleWithWebIdentity',
				context: {},
			})
		).toMatchObject({ decision: 'Deny', reason: 'explicit-deny' });
	});
});

describe('policy documents naming prototype members', () => {
	test('a condition operator or key named after a prototype member never matches', () => {
		for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
			const decision = evaluate({
				policies: [
					{
						Version: '2012-10-17',
						Statement: [
							{
								Effect: 'Allow',
								Action: 's3:GetObject',
								Resource: '*',
								Condition: { [name]: { 'aws:x': 'y' }, StringEquals: { [name]: 'function' } },
							},
						],
					},
				],
				action: 's3:GetObject',
				resource: 'arn:aws:s3:::b/k',
				context: ctx,
			});
			expect(decision.decision, name).toBe('Deny');
			expect(substituteVariables(`\${${name}}`, ctx), name).toBeUndefined();
		}
	});
});
