/**
 * Identity-pool data plane through `sandbox.fetch` (the wire protocol, no SDK): GetId, GetCredentialsForIdentity
 * (which signs a Cognito OpenID token, verifies it in STS, checks the trust policy and issues credentials) and
 * simulateRequest (IAM evaluation with policy variables). One-time key generation happens in the warm-up.
 */
import { performance } from 'node:perf_hooks';
import { createSandbox } from '../../src/lib/cognito';
import { mulberry32 } from '../fixtures/random';
import { printTimings, time } from './timing';

const sandbox = createSandbox({
	clock: { now: () => Date.parse('2026-01-01T00:00:00Z') },
	random: mulberry32(42),
});
const call = async (operation: string, body: object) => {
	const response = await sandbox.fetch(
		new Request('http://localhost/', {
			method: 'POST',
			headers: {
				'x-amz-target': `AWSCognitoIdentityService.${operation}`,
				'content-type': 'application/x-amz-json-1.1',
			},
			body: JSON.stringify(body),
		})
	);
	if (response.status !== 200) throw new Error(`${operation}: ${await response.text()}`);
	return response.json();
};

const { IdentityPoolId } = await call('CreateIdentityPool', {
	IdentityPoolName: 'bench',
	AllowUnauthenticatedIdentities: true,
	SupportedLoginProviders: { 'accounts.google.com': 'bench-app' },
});
const guestRole = 'arn:aws:iam::123456789012:role/BenchGuest';
const authRole = 'arn:aws:iam::123456789012:role/BenchAuth';
const perUser = {
	Version: '2012-10-17',
	Statement: [
		{
			Effect: 'Allow',
			Action: ['dynamodb:PutItem'],
			Resource: '*',
			Condition: {
				'ForAllValues:StringEquals': {
					'dynamodb:LeadingKeys': ['${cognito-identity.amazonaws.com:sub}'],
				},
			},
		},
		{
			Effect: 'Allow',
			Action: 's3:PutObject',
			Resource: 'arn:aws:s3:::bucket/${cognito-identity.amazonaws.com:sub}/*',
		},
	],
};
for (const [arn, amr] of [
	[guestRole, 'unauthenticated'],
	[authRole, 'authenticated'],
] as const) {
	sandbox.defineRole(arn, {
		trustPolicy: {
			Statement: [
				{
					Effect: 'Allow',
					Principal: { Federated: 'cognito-identity.amazonaws.com' },
					Action: 'sts:AssumeRoleWithWebIdentity',
					Condition: {
						StringEquals: { 'cognito-identity.amazonaws.com:aud': IdentityPoolId },
						'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': amr },
					},
				},
			],
		},
		policies: [perUser],
	});
}
await call('SetIdentityPoolRoles', {
	IdentityPoolId,
	Roles: { unauthenticated: guestRole, authenticated: authRole },
});
const googleToken = await sandbox.mintProviderToken('accounts.google.com', {
	sub: 'bench-user',
	aud: 'bench-app',
	exp: Date.parse('2026-01-02T00:00:00Z') / 1000,
});

let lastIdentity = '';
let lastKey = '';
const getId = async () => {
	lastIdentity = ((await call('GetId', { IdentityPoolId })) as { IdentityId: string }).IdentityId;
};
const getCredentials = async () => {
	lastKey = (
		(await call('GetCredentialsForIdentity', { IdentityId: lastIdentity })) as {
			Credentials: { AccessKeyId: string };
		}
	).Credentials.AccessKeyId;
};
const simulate = async () => {
	const decision = await sandbox.simulateRequest({
		accessKeyId: lastKey,
		action: 'dynamodb:PutItem',
		resource: 'arn:aws:dynamodb:us-east-1:123456789012:table/T',
		context: { 'dynamodb:LeadingKeys': [lastIdentity] },
	});
	if (decision.decision !== 'Allow') throw new Error('expected Allow');
};
const guestFlow = async () => {
	await getId();
	await getCredentials();
	await simulate();
};
const googleFlow = async () => {
	const { IdentityId } = (await call('GetId', {
		IdentityPoolId,
		Logins: { 'accounts.google.com': googleToken },
	})) as { IdentityId: string };
	await call('GetCredentialsForIdentity', {
		IdentityId,
		Logins: { 'accounts.google.com': googleToken },
	});
};

await guestFlow(); // warm-up: generates the Cognito Identity signing key once
await googleFlow();

const timings = [
	await time('GetId (guest)', getId, 500, 20),
	await time(
		'GetCredentialsForIdentity (guest, sign + STS verify + trust)',
		getCredentials,
		500,
		20
	),
	await time('simulateRequest (dynamodb:PutItem, LeadingKeys)', simulate, 500, 20),
	await time('GetId + GetCredentialsForIdentity + simulateRequest', guestFlow, 300, 10),
	await time('GetId + GetCredentialsForIdentity with a Google login', googleFlow, 300, 10),
];
printTimings(timings);

const seconds = 3;
let flows = 0;
const start = performance.now();
while (performance.now() - start < seconds * 1000) {
	await guestFlow();
	flows++;
}
console.log(
	`${Math.round(flows / seconds)} guest flows (GetId + GetCredentialsForIdentity + simulateRequest) per second over ${seconds} s; trace holds ${sandbox.trace.length} events`
);
