import { describe, expect, test } from 'vitest';
import type { TraceEvent } from '../../../../src/lib/cognito';
import { traceToSequence } from '../../../../src/lib/simulator';

const at = 0;
const signUpTrace: TraceEvent[] = [
	{
		type: 'TriggerInvoked',
		trigger: 'PreSignUp',
		triggerSource: 'PreSignUp_SignUp',
		functionArn: 'arn:fn',
		event: {},
		response: {},
		logs: [],
		durationMs: 12.4,
		attempts: 1,
		at,
	},
	{
		type: 'MessageSent',
		channel: 'EMAIL',
		destination: 'a@example.com',
		reason: 'SignUp',
		code: '123456',
		at,
	},
	{ type: 'ApiCall', service: 'cognito-idp', operation: 'SignUp', request: {}, response: {}, at },
];

describe('traceToSequence', () => {
	test('draws a call, then what happened inside it, then its response', () => {
		const model = traceToSequence(signUpTrace);
		expect(model.lanes.map((lane) => lane.label)).toEqual([
			'App',
			'User pool',
			'Lambda',
			'Identity pool',
			'STS',
		]);
		expect(
			model.rows.map((row) =>
				row.kind === 'arrow'
					? `${row.from}->${row.to} ${row.label} [${row.tone}]`
					: `note@${row.lane} ${row.label}`
			)
		).toEqual([
			'app->user-pool SignUp [call]',
			'user-pool->lambda PreSignUp (PreSignUp_SignUp) [call]',
			'lambda->user-pool returned event (12 ms) [return]',
			'note@user-pool EMAIL to a@example.com: code 123456',
			'user-pool->app 200 OK [return]',
		]);
	});

	test('shows trigger and API failures as error replies', () => {
		const model = traceToSequence([
			{
				type: 'TriggerInvoked',
				trigger: 'PreSignUp',
				triggerSource: 'PreSignUp_SignUp',
				functionArn: 'arn:fn',
				event: {},
				error: { kind: 'timeout', message: 'Task timed out after 5.00 seconds' },
				logs: [],
				durationMs: 5000,
				attempts: 3,
				at,
			},
			{
				type: 'ApiCall',
				service: 'cognito-idp',
				operation: 'SignUp',
				request: {},
				error: { type: 'UnexpectedLambdaException', message: 'x' },
				at,
			},
		]);
		expect(
			model.rows
				.filter((row) => row.kind === 'arrow' && row.tone === 'error')
				.map((row) => row.kind === 'arrow' && row.label)
		).toEqual(['timeout: Task timed out after 5.00 seconds', 'UnexpectedLambdaException']);
	});

	test('routes identity-pool credentials through STS and adds the IAM lane for policy checks', () => {
		const model = traceToSequence([
			{
				type: 'PolicyEvaluated',
				principalArn: 'cognito-identity.amazonaws.com',
				action: 'sts:AssumeRoleWithWebIdentity',
				resource: 'arn:aws:iam::1:role/Auth',
				decision: 'Allow',
				at,
			},
			{
				type: 'CredentialsIssued',
				identityId: 'us-east-1:x',
				roleArn: 'arn:aws:iam::1:role/Auth',
				accessKeyId: 'ASIA1',
				expiration: 1,
				at,
			},
			{
				type: 'ApiCall',
				service: 'cognito-identity',
				operation: 'GetCredentialsForIdentity',
				request: {},
				response: {},
				at,
			},
			{
				type: 'PolicyEvaluated',
				principalArn: 'arn:aws:sts::1:assumed-role/Auth/s',
				action: 's3:PutObject',
				resource: 'arn:aws:s3:::b/k',
				decision: 'Deny',
				at,
			},
		]);
		expect(model.lanes.map((lane) => lane.id)).toEqual([
			'app',
			'user-pool',
			'lambda',
			'identity-pool',
			'sts',
			'iam',
		]);
		expect(
			model.rows.map((row) =>
				row.kind === 'arrow'
					? `${row.from}->${row.to} ${row.label}`
					: `note@${row.lane} ${row.label}`
			)
		).toEqual([
			'app->identity-pool GetCredentialsForIdentity',
			'note@sts trust policy of Auth: Allow',
			'identity-pool->sts AssumeRoleWithWebIdentity Auth',
			'sts->identity-pool credentials ASIA1',
			'identity-pool->app 200 OK',
			'app->iam s3:PutObject → Deny',
		]);
	});

	test('keeps only the last rows when limited', () => {
		expect(traceToSequence(signUpTrace, 2).rows).toHaveLength(2);
	});
});
