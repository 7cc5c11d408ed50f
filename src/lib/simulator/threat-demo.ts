/**
 * The threat protection panel's calls: a protected pool to try it on (Plus plan, threat protection ENFORCED, a
 * client that passes the app's context on), and a sign-in with a chosen client context (device and address), so
 * the learner sees the risk engine's score, level and action. Every call goes through the sandbox's real API.
 */
import type { TraceEvent } from '../cognito';
import type { CallOutcome, JsonObject } from './types';

type Call = (operation: string, request: JsonObject) => Promise<CallOutcome>;

/** Places the sandbox's address table knows (README "Threat protection"), one address in each. */
export const PLACES: ReadonlyArray<{ label: string; ip: string }> = [
	{ label: 'Seattle, United States', ip: '192.0.2.10' },
	{ label: 'Frankfurt, Germany', ip: '198.51.100.10' },
	{ label: 'Tokyo, Japan', ip: '203.0.113.10' },
	{ label: 'São Paulo, Brazil', ip: '198.18.0.10' },
	{ label: 'Sydney, Australia', ip: '2001:db8::10' },
];

/** Devices the learner can sign in from (the sandbox's JSON form of EncodedData). */
export const DEVICES: ReadonlyArray<{ label: string; id: string; name: string }> = [
	{ label: 'Your laptop', id: 'laptop-1', name: 'Firefox 133, Windows 11' },
	{ label: 'A phone never seen before', id: 'phone-7', name: 'Safari, iOS 18' },
	{ label: 'A tablet never seen before', id: 'tablet-3', name: 'Chrome 131, Android 15' },
];

/** The protected pool the panel created. */
export interface ThreatDemo {
	userPoolId: string;
	clientId: string;
	username: string;
	password: string;
}

async function ok(call: Call, operation: string, request: JsonObject): Promise<JsonObject> {
	const outcome = await call(operation, request);
	if (!outcome.ok)
		throw new Error(`${operation} failed: ${outcome.error.type}: ${outcome.error.message}`);
	return outcome.response as JsonObject;
}

/**
 * Creates a Plus pool with threat protection ENFORCED (low risk: allow and notify; medium: MFA if the user has
 * it; high: block), an app client with EnablePropagateAdditionalUserContextData, and a confirmed user.
 */
export async function createThreatDemo(call: Call): Promise<ThreatDemo> {
	const pool = (
		await ok(call, 'CreateUserPool', {
			PoolName: 'threat-protection-demo',
			UserPoolTier: 'PLUS',
			UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
			AutoVerifiedAttributes: ['email'],
		})
	).UserPool as { Id: string };
	const client = (
		await ok(call, 'CreateUserPoolClient', {
			UserPoolId: pool.Id,
			ClientName: 'web-app',
			ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
			EnablePropagateAdditionalUserContextData: true,
		})
	).UserPoolClient as { ClientId: string };
	const demo: ThreatDemo = {
		userPoolId: pool.Id,
		clientId: client.ClientId,
		username: 'maria',
		password: 'Correct-horse-9',
	};
	await ok(call, 'AdminCreateUser', {
		UserPoolId: demo.userPoolId,
		Username: demo.username,
		MessageAction: 'SUPPRESS',
		UserAttributes: [
			{ Name: 'email', Value: 'maria@example.com' },
			{ Name: 'email_verified', Value: 'true' },
		],
	});
	await ok(call, 'AdminSetUserPassword', {
		UserPoolId: demo.userPoolId,
		Username: demo.username,
		Password: demo.password,
		Permanent: true,
	});
	await ok(call, 'SetRiskConfiguration', {
		UserPoolId: demo.userPoolId,
		AccountTakeoverRiskConfiguration: {
			Actions: {
				LowAction: { EventAction: 'NO_ACTION', Notify: true },
				MediumAction: { EventAction: 'MFA_IF_CONFIGURED', Notify: true },
				HighAction: { EventAction: 'BLOCK', Notify: true },
			},
			NotifyConfiguration: { SourceArn: 'arn:aws:ses:us-east-1:123456789012:identity/example.com' },
		},
	});
	return demo;
}

/** Signs the demo user in from a device and an address (UserContextData, as the app's SDK would send it). */
export function signInFrom(
	call: Call,
	demo: ThreatDemo,
	place: { ip: string },
	device: { id: string; name: string }
): Promise<CallOutcome> {
	return call('InitiateAuth', {
		AuthFlow: 'USER_PASSWORD_AUTH',
		ClientId: demo.clientId,
		AuthParameters: { USERNAME: demo.username, PASSWORD: demo.password },
		UserContextData: {
			IpAddress: place.ip,
			EncodedData: JSON.stringify({ DeviceId: device.id, DeviceName: device.name }),
		},
	});
}

export type RiskEvaluation = Extract<TraceEvent, { type: 'RiskEvaluated' }>;

/** The threat protection decisions in the trace, newest first. */
export function riskEvaluations(events: readonly TraceEvent[]): RiskEvaluation[] {
	return events
		.filter((event): event is RiskEvaluation => event.type === 'RiskEvaluated')
		.reverse();
}
