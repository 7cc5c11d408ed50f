import { describe, expect, test } from 'vitest';
import type { TraceEvent } from '../../../../src/lib/cognito';
import { labelParts, traceToSequence } from '../../../../src/lib/simulator';

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
		// Only the lanes in use (App and User pool always).
		expect(model.lanes.map((lane) => lane.label)).toEqual(['App', 'User pool', 'Lambda']);
		expect(
			model.rows.map((row) =>
				row.kind === 'arrow'
					? `${row.from}->${row.to} ${row.label} [${row.tone}]`
					: `note@${row.lane} ${row.label}`
			)
		).toEqual([
			'app->user-pool SignUp [call]',
			'user-pool->lambda PreSignUp (PreSignUp_SignUp) [call]',
			'lambda->user-pool returned (12 ms) [return]',
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

	test('routes identity-pool credentials through STS and adds the AWS service lane for policy checks', () => {
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
			'identity-pool',
			'sts',
			'aws',
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
			'app->aws s3:PutObject → Deny',
		]);
	});

	test('federation: the browser’s hops and the user pool’s back-channel calls to the IdP, nested', () => {
		const web = (
			service: string,
			method: string,
			path: string,
			status: number,
			outcome: string,
			caller?: 'cognito-idp' | 'gateway'
		): TraceEvent => ({
			type: 'WebRequest',
			service,
			host: service === 'identity-provider' ? 'accounts.google.com' : 'demo.auth.example',
			method,
			path,
			request: {},
			status,
			outcome,
			...(caller ? { caller } : {}),
			at,
		});
		const model = traceToSequence([
			web('managed-login', 'GET', '/oauth2/authorize', 302, 'redirect to identity provider'),
			web('identity-provider', 'GET', '/o/oauth2/v2/auth', 200, 'page'),
			web('identity-provider', 'POST', '/o/oauth2/v2/auth', 302, 'redirect to demo.auth.example'),
			web('identity-provider', 'POST', '/token', 200, 'JSON', 'cognito-idp'),
			web('identity-provider', 'GET', '/oauth2/v3/certs', 200, 'JSON', 'cognito-idp'),
			signUpTrace[0]!,
			{
				type: 'TokenIssued',
				tokenUse: 'id',
				userPoolId: 'p',
				clientId: 'c',
				username: 'Google_1',
				at,
			},
			web('managed-login', 'GET', '/oauth2/idpresponse', 302, 'authorization code issued'),
		]);
		expect(model.lanes.map((lane) => lane.id)).toEqual([
			'app',
			'managed-login',
			'idp',
			'user-pool',
			'lambda',
		]);
		const drawn = model.rows.map((row) =>
			row.kind === 'arrow' ? `${row.from}->${row.to} ${row.label}` : `note@${row.lane} ${row.label}`
		);
		expect(drawn.slice(6)).toEqual([
			'app->managed-login GET /oauth2/idpresponse',
			'user-pool->idp POST /token',
			'idp->user-pool 200 JSON',
			'user-pool->idp GET /oauth2/v3/certs',
			'idp->user-pool 200 JSON',
			'user-pool->lambda PreSignUp (PreSignUp_SignUp)',
			'lambda->user-pool returned (12 ms)',
			'note@user-pool id token for Google_1',
			'managed-login->app 302 authorization code issued',
		]);
	});

	test('gateways: the authorizer Lambda and its policy are drawn inside the API call', () => {
		const model = traceToSequence([
			{
				...(signUpTrace[0] as object),
				trigger: 'LambdaAuthorizer',
				triggerSource: 'TOKEN',
			} as TraceEvent,
			{
				type: 'PolicyEvaluated',
				principalArn: 'user',
				action: 'execute-api:Invoke',
				resource: 'arn:aws:execute-api:us-east-1:1:api/prod/GET/pets',
				decision: 'Deny',
				at,
			},
			{
				type: 'ApiCall',
				service: 'execute-api',
				operation: 'GET /prod/pets',
				request: { host: 'api', authorization: 'CUSTOM' },
				error: {
					type: 'AccessDeniedException',
					message: 'the authorizer policy denies this method',
				},
				at,
			},
		]);
		expect(
			model.rows.map((row) =>
				row.kind === 'arrow'
					? `${row.from}->${row.to} ${row.label} [${row.tone}]`
					: `note@${row.lane} ${row.label}`
			)
		).toEqual([
			'app->gateway GET /prod/pets [call]',
			'gateway->lambda LambdaAuthorizer (TOKEN) [call]',
			'lambda->gateway returned (12 ms) [return]',
			'note@gateway execute-api:Invoke: Deny',
			'gateway->app AccessDeniedException [error]',
		]);
	});

	test('labels break between words, never inside one', () => {
		expect(labelParts('ConfirmSignUp')).toEqual(['Confirm', 'Sign', 'Up']);
		expect(labelParts('GET /oauth2/idpresponse')).toEqual(['GET /', 'oauth2/', 'idpresponse']);
		expect(labelParts('EMAIL to maria@example.com: code 123456')).toEqual([
			'EMAIL to maria@',
			'example.',
			'com: code 123456',
		]);
		expect(labelParts('AssumeRoleWithWebIdentity').join('')).toBe('AssumeRoleWithWebIdentity');
	});

	test('keeps only the last rows when limited', () => {
		expect(traceToSequence(signUpTrace, 2).rows).toHaveLength(2);
	});
});
