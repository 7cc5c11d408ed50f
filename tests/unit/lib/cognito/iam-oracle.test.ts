/**
 * Differential test: our browser-sized evaluator against `@cloud-copilot/iam-simulate` (a maintained evaluator,
 * used here in Node only, as an oracle) on generated identity policies and requests. Session policies are left
 * out: `runUnsafeSimulation` (the variant that keeps Cognito context keys instead of filtering them by service)
 * did not apply them in our probes; iam-evaluate.test.ts covers their intersection.
 */
import { runUnsafeSimulation } from '@cloud-copilot/iam-simulate';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { evaluate } from '../../../../src/lib/cognito/iam';

const ACCOUNT = '123456789012';
const SUB = 'us-east-1:11111111-2222-4333-8444-555555555555';
const OTHER = 'us-east-1:99999999-2222-4333-8444-555555555555';
const TABLE = `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/Notes`;

const actions = fc.constantFrom(
	's3:GetObject',
	's3:PutObject',
	's3:DeleteObject',
	'dynamodb:PutItem',
	'dynamodb:GetItem',
	'dynamodb:Query'
);
const actionPatterns = fc.constantFrom(
	'*',
	's3:*',
	's3:Get*',
	's3:PutObject',
	'dynamodb:*',
	'dynamodb:PutItem',
	'dynamodb:?etItem',
	'S3:getobject'
);
const resources = fc.constantFrom(
	`arn:aws:s3:::bucket/${SUB}/file`,
	`arn:aws:s3:::bucket/${OTHER}/file`,
	'arn:aws:s3:::bucket/public/file',
	TABLE
);
const resourcePatterns = fc.constantFrom(
	'*',
	'arn:aws:s3:::bucket/*',
	'arn:aws:s3:::bucket/${cognito-identity.amazonaws.com:sub}/*',
	'arn:aws:s3:::bucket/public/*',
	TABLE,
	'arn:aws:dynamodb:*:*:table/*'
);
const conditions = fc.constantFrom(
	undefined,
	{
		'ForAllValues:StringEquals': {
			'dynamodb:LeadingKeys': ['${cognito-identity.amazonaws.com:sub}'],
		},
	},
	{ 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' } },
	{ 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'unauthenticated' } },
	{ StringEquals: { 'cognito-identity.amazonaws.com:aud': 'us-east-1:pool' } },
	{ StringNotEquals: { 'cognito-identity.amazonaws.com:aud': 'us-east-1:pool' } },
	{ StringLike: { 's3:prefix': ['${cognito-identity.amazonaws.com:sub}/*', 'public/*'] } },
	{ Null: { 's3:prefix': 'true' } },
	{ Bool: { 'aws:SecureTransport': 'true' } },
	{ NumericLessThan: { 's3:max-keys': '10' } }
);
const statement = fc.record({
	Effect: fc.constantFrom('Allow', 'Allow', 'Deny'),
	Action: fc.array(actionPatterns, { minLength: 1, maxLength: 2 }),
	Resource: fc.array(resourcePatterns, { minLength: 1, maxLength: 2 }),
	Condition: conditions,
});
const policy = fc.array(statement, { minLength: 1, maxLength: 3 }).map((Statement) => ({
	Version: '2012-10-17',
	Statement: Statement.map(({ Condition, ...rest }) => (Condition ? { ...rest, Condition } : rest)),
}));
const requestContext = fc.record(
	{
		'cognito-identity.amazonaws.com:sub': fc.constant(SUB),
		'cognito-identity.amazonaws.com:aud': fc.constantFrom('us-east-1:pool', 'us-east-1:other'),
		'cognito-identity.amazonaws.com:amr': fc.constantFrom(
			['authenticated', 'accounts.google.com'],
			['unauthenticated']
		),
		'dynamodb:LeadingKeys': fc.constantFrom([SUB], [OTHER], [SUB, OTHER]),
		's3:prefix': fc.constantFrom(`${SUB}/a`, 'public/b', 'x'),
		'aws:SecureTransport': fc.constantFrom('true', 'false'),
		's3:max-keys': fc.constantFrom('5', '10', '50'),
	},
	{
		requiredKeys: [
			'cognito-identity.amazonaws.com:sub',
			'cognito-identity.amazonaws.com:aud',
			'cognito-identity.amazonaws.com:amr',
		],
	}
);

describe('evaluate agrees with @cloud-copilot/iam-simulate', () => {
	test('on generated identity policies and requests', () => {
		fc.assert(
			fc.property(
				fc.array(policy, { minLength: 1, maxLength: 2 }),
				actions,
				resources,
				requestContext,
				(identityPolicies, action, resource, context) => {
					const ours = evaluate({
						policies: identityPolicies,
						action,
						resource,
						context: context as unknown as Record<string, string | string[]>,
					});
					const oracle = runUnsafeSimulation(
						{
							request: {
								principal: `arn:aws:sts::${ACCOUNT}:assumed-role/R/CognitoIdentityCredentials`,
								action,
								resource: { resource, accountId: ACCOUNT },
								contextVariables: context as unknown as Record<string, string | string[]>,
							},
							identityPolicies: identityPolicies.map((document, index) => ({
								name: `policy-${index}`,
								policy: document,
							})),
							serviceControlPolicies: [],
							resourceControlPolicies: [],
						},
						{}
					);
					const oracleDecision = typeof oracle === 'string' ? oracle : JSON.stringify(oracle);
					expect({
						decision:
							ours.decision === 'Allow'
								? 'Allowed'
								: ours.reason === 'explicit-deny'
									? 'ExplicitlyDenied'
									: 'ImplicitlyDenied',
					}).toEqual({ decision: oracleDecision });
				}
			),
			{ numRuns: 500, seed: 20260101 }
		);
	});
});
