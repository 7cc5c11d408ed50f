/** Shared set-up for the threat protection tests: a Plus pool with threat protection on, and calls with context. */
import {
	PASSWORD,
	poolWithClient,
	type Json,
	type UserPoolSandbox,
} from '../../../../fixtures/user-pool-sandbox';

export const SMS = { SnsCallerArn: 'arn:aws:iam::123456789012:role/sns', ExternalId: 'x' };

/** UserContextData for an address and (optionally) a device in the sandbox's EncodedData form. */
export const userContext = (ip: string, device?: string) => ({
	UserContextData: {
		IpAddress: ip,
		...(device
			? { EncodedData: JSON.stringify({ DeviceId: device, DeviceName: `${device} (Firefox)` }) }
			: {}),
	},
});

/** A Plus pool with threat protection in `mode`, SMS MFA offered (OPTIONAL), and a client that propagates IPs. */
export async function protectedPool(
	t: UserPoolSandbox,
	mode: 'AUDIT' | 'ENFORCED',
	pool: Json = {},
	client: Json = {}
) {
	const ids = await poolWithClient(
		t,
		{
			UserPoolTier: 'PLUS',
			UserPoolAddOns: { AdvancedSecurityMode: mode },
			SmsConfiguration: SMS,
			MfaConfiguration: 'OPTIONAL',
			...pool,
		},
		{ EnablePropagateAdditionalUserContextData: true, ...client }
	);
	const signIn = (username: string, ip: string, device?: string, password = PASSWORD) =>
		t.call('InitiateAuth', {
			AuthFlow: 'USER_PASSWORD_AUTH',
			ClientId: ids.clientId,
			AuthParameters: { USERNAME: username, PASSWORD: password },
			...userContext(ip, device),
		});
	const signInError = (username: string, ip: string, device?: string, password = PASSWORD) =>
		t.failure('InitiateAuth', {
			AuthFlow: 'USER_PASSWORD_AUTH',
			ClientId: ids.clientId,
			AuthParameters: { USERNAME: username, PASSWORD: password },
			...userContext(ip, device),
		});
	/** The user's events, newest first (at least one: every test that reads them made one). */
	const events = async (username: string): Promise<[Json, ...Json[]]> =>
		(await t.call('AdminListUserAuthEvents', { UserPoolId: ids.poolId, Username: username }))
			.AuthEvents;
	const setRisk = (config: Json) =>
		t.call('SetRiskConfiguration', { UserPoolId: ids.poolId, ...config });
	/** The RiskEvaluated trace events so far. */
	const evaluations = () => t.sandbox.trace.filter((e) => e.type === 'RiskEvaluated') as Json[];
	return { ...ids, signIn, signInError, events, setRisk, evaluations };
}

/** Account-takeover actions for the three levels, without notification unless asked. */
export const actions = (low: string, medium: string, high: string, notify = false) => ({
	AccountTakeoverRiskConfiguration: {
		Actions: {
			LowAction: { EventAction: low, Notify: notify },
			MediumAction: { EventAction: medium, Notify: notify },
			HighAction: { EventAction: high, Notify: notify },
		},
	},
});
