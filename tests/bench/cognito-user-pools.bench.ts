/**
 * User-pool sandbox throughput: the full flow (create pool → sign up → confirm → sign in with TOTP
 * MFA), 1,000 users signing in, and the median latency of single data-plane calls. Prints figures only.
 */
import { performance } from 'node:perf_hooks';
import { Secret, TOTP } from 'otpauth';
import { createSandbox } from '../../src/lib/cognito';
import { mulberry32 } from '../fixtures/random';
import { printTimings, time } from './timing';
import { userPoolCaller } from './user-pool-call';

const PASSWORD = 'Passw0rd!';
let now = Date.parse('2026-01-01T00:00:00Z');
const sandbox = createSandbox({ clock: { now: () => now }, random: mulberry32(1) });

const call = userPoolCaller(sandbox);

async function createPool(name: string) {
	const { UserPool } = await call('CreateUserPool', {
		PoolName: name,
		AutoVerifiedAttributes: ['email'],
	});
	await call('SetUserPoolMfaConfig', {
		UserPoolId: UserPool.Id,
		MfaConfiguration: 'OPTIONAL',
		SoftwareTokenMfaConfiguration: { Enabled: true },
	});
	const { UserPoolClient } = await call('CreateUserPoolClient', {
		UserPoolId: UserPool.Id,
		ClientName: 'bench',
		ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
	});
	return { poolId: UserPool.Id as string, clientId: UserPoolClient.ClientId as string };
}

let userCounter = 0;
/** Sign up, confirm, enrol TOTP, then sign in answering SOFTWARE_TOKEN_MFA. */
async function userFlow(clientId: string) {
	const username = `user${userCounter++}`;
	const email = `${username}@example.com`;
	await call('SignUp', {
		ClientId: clientId,
		Username: username,
		Password: PASSWORD,
		UserAttributes: [{ Name: 'email', Value: email }],
	});
	await call('ConfirmSignUp', {
		ClientId: clientId,
		Username: username,
		ConfirmationCode: sandbox.outbox.at(-1)!.code,
	});
	const first = await call('InitiateAuth', {
		AuthFlow: 'USER_PASSWORD_AUTH',
		ClientId: clientId,
		AuthParameters: { USERNAME: username, PASSWORD },
	});
	const accessToken = first.AuthenticationResult.AccessToken;
	const { SecretCode } = await call('AssociateSoftwareToken', { AccessToken: accessToken });
	const code = () => TOTP.generate({ secret: Secret.fromBase32(SecretCode), timestamp: now });
	await call('VerifySoftwareToken', { AccessToken: accessToken, UserCode: code() });
	await call('SetUserMFAPreference', {
		AccessToken: accessToken,
		SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true },
	});
	const challenge = await call('InitiateAuth', {
		AuthFlow: 'USER_PASSWORD_AUTH',
		ClientId: clientId,
		AuthParameters: { USERNAME: username, PASSWORD },
	});
	// A TOTP code is accepted once: the sign-in uses the next 30-second code.
	now += 30_000;
	const done = await call('RespondToAuthChallenge', {
		ClientId: clientId,
		ChallengeName: 'SOFTWARE_TOKEN_MFA',
		Session: challenge.Session,
		ChallengeResponses: { USERNAME: username, SOFTWARE_TOKEN_MFA_CODE: code() },
	});
	if (!done.AuthenticationResult) throw new Error('flow did not end with tokens');
	sandbox.outbox.length = 0;
	sandbox.trace.length = 0;
}

const shared = await createPool('bench-shared');
const fullFlow = await time(
	'full flow incl. CreateUserPool (2 RSA keys)',
	async () => userFlow((await createPool(`bench-${userCounter}`)).clientId),
	10,
	2
);
const userOnly = await time(
	'flow on an existing pool: sign up → confirm → TOTP MFA sign-in',
	() => userFlow(shared.clientId),
	50,
	5
);

// 1,000 users signing in with USER_PASSWORD_AUTH.
const crowd = await createPool('bench-crowd');
for (let i = 0; i < 1000; i++) {
	await call('AdminCreateUser', {
		UserPoolId: crowd.poolId,
		Username: `crowd${i}`,
		MessageAction: 'SUPPRESS',
		TemporaryPassword: PASSWORD,
	});
	await call('AdminSetUserPassword', {
		UserPoolId: crowd.poolId,
		Username: `crowd${i}`,
		Password: PASSWORD,
		Permanent: true,
	});
}
const crowdStart = performance.now();
let lastTokens: Record<string, any> = {};
for (let i = 0; i < 1000; i++) {
	lastTokens = (
		await call('InitiateAuth', {
			AuthFlow: 'USER_PASSWORD_AUTH',
			ClientId: crowd.clientId,
			AuthParameters: { USERNAME: `crowd${i}`, PASSWORD },
		})
	).AuthenticationResult;
	if (i % 100 === 0) sandbox.trace.length = 0;
}
const crowdMs = performance.now() - crowdStart;

const srpClientId = (
	await call('CreateUserPoolClient', { UserPoolId: crowd.poolId, ClientName: 'srp' })
).UserPoolClient.ClientId;
/** A fixed client SRP_A (any value not ≡ 0 mod N works for the first step). */
const SRP_A = 'a1b2c3d4'.repeat(96);
const dataPlane = [
	await time(
		'InitiateAuth USER_PASSWORD_AUTH (tokens issued)',
		() =>
			call('InitiateAuth', {
				AuthFlow: 'USER_PASSWORD_AUTH',
				ClientId: crowd.clientId,
				AuthParameters: { USERNAME: 'crowd7', PASSWORD },
			}),
		200,
		20
	),
	await time(
		'GetUser (access token verified)',
		() => call('GetUser', { AccessToken: lastTokens.AccessToken }),
		200,
		20
	),
	await time(
		'REFRESH_TOKEN_AUTH',
		() =>
			call('InitiateAuth', {
				AuthFlow: 'REFRESH_TOKEN_AUTH',
				ClientId: crowd.clientId,
				AuthParameters: { REFRESH_TOKEN: lastTokens.RefreshToken },
			}),
		200,
		20
	),
	await time(
		'InitiateAuth USER_SRP_AUTH (B = kv + g^b over the 3072-bit group)',
		() =>
			call('InitiateAuth', {
				AuthFlow: 'USER_SRP_AUTH',
				ClientId: srpClientId,
				AuthParameters: { USERNAME: 'crowd7', SRP_A: SRP_A },
			}),
		100,
		10
	),
	await time(
		'AdminGetUser',
		() => call('AdminGetUser', { UserPoolId: crowd.poolId, Username: 'crowd500' }),
		200,
		20
	),
];

printTimings([fullFlow, userOnly, ...dataPlane]);
console.log(
	`flows per second (full flow incl. pool creation): ${(1000 / fullFlow.medianMs).toFixed(1)}`
);
console.log(
	`flows per second (existing pool, excluding key generation): ${(1000 / userOnly.medianMs).toFixed(1)}`
);
console.log(
	`1,000 users signing in (USER_PASSWORD_AUTH, 1,000-user pool): ${crowdMs.toFixed(0)} ms total, ${(crowdMs / 1000).toFixed(2)} ms each, ${(1000 / (crowdMs / 1000)).toFixed(0)} sign-ins/s`
);
const medians = dataPlane.map((t) => t.medianMs).sort((a, b) => a - b);
const middle = Math.floor(medians.length / 2);
const medianOfMedians =
	medians.length % 2 ? medians[middle]! : (medians[middle - 1]! + medians[middle]!) / 2;
console.log(
	`median data-plane call latency (median of the ${medians.length} medians above): ${medianOfMedians.toFixed(2)} ms`
);
