import { describe, expect, test } from 'vitest';
import {
	decodeCbor,
	fromBase64Url,
	toBase64Url,
} from '../../../../src/lib/cognito/user-pools/webauthn';
import { softwareAuthenticator } from '../../../fixtures/passkey';
import {
	PASSWORD,
	poolWithClient,
	signUpConfirmed,
	userPoolSandbox,
} from '../../../fixtures/user-pool-sandbox';

describe('passkeys (WebAuthn)', () => {
	test('CBOR and base64url helpers round-trip', () => {
		expect(toBase64Url(fromBase64Url('AQID_-8'))).toBe('AQID_-8');
		const decoded = decodeCbor(
			new Uint8Array([0xa2, 0x01, 0x02, 0x63, 0x66, 0x6d, 0x74, 0x38, 0x18])
		).value as Map<unknown, unknown>;
		expect(decoded.get(1)).toBe(2);
		expect(decoded.get('fmt')).toBe(-25);
	});

	test('register a passkey, then sign in with USER_AUTH WEB_AUTHN', async () => {
		const t = userPoolSandbox(91);
		const { poolId, clientId } = await poolWithClient(
			t,
			{ Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'WEB_AUTHN'] } } },
			{ ExplicitAuthFlows: ['ALLOW_USER_AUTH', 'ALLOW_USER_PASSWORD_AUTH'] }
		);
		await signUpConfirmed(t, clientId, 'kai');
		const { AccessToken } = (
			await t.call('InitiateAuth', {
				AuthFlow: 'USER_PASSWORD_AUTH',
				ClientId: clientId,
				AuthParameters: { USERNAME: 'kai', PASSWORD },
			})
		).AuthenticationResult;
		expect(await t.failure('StartWebAuthnRegistration', { AccessToken })).toMatch(
			/^WebAuthnConfigurationMissingException/
		);
		await t.call('SetUserPoolMfaConfig', {
			UserPoolId: poolId,
			WebAuthnConfiguration: { RelyingPartyId: 'app.example.com', UserVerification: 'preferred' },
		});
		const { CredentialCreationOptions: options } = await t.call('StartWebAuthnRegistration', {
			AccessToken,
		});
		expect(options).toMatchObject({
			rp: { id: 'app.example.com' },
			user: { name: 'kai' },
			pubKeyCredParams: [{ alg: -7 }, { alg: -257 }],
		});
		expect(
			await t.failure('CompleteWebAuthnRegistration', {
				AccessToken,
				Credential: { response: { clientDataJSON: '%%%', attestationObject: 7 } },
			})
		).toMatch(/^InvalidParameterException/);
		const authenticator = await softwareAuthenticator();
		expect(
			await t.failure('CompleteWebAuthnRegistration', {
				AccessToken,
				Credential: authenticator.register(options, 'https://evil.example.net'),
			})
		).toMatch(/^WebAuthnOriginNotAllowedException/);
		await t.call('CompleteWebAuthnRegistration', {
			AccessToken,
			Credential: authenticator.register(options),
		});
		expect(
			await t.failure('CompleteWebAuthnRegistration', {
				AccessToken,
				Credential: authenticator.register(options),
			})
		).toMatch(/^WebAuthnChallengeNotFoundException/);
		const { Credentials } = await t.call('ListWebAuthnCredentials', { AccessToken });
		expect(Credentials).toEqual([
			expect.objectContaining({
				CredentialId: authenticator.id,
				RelyingPartyId: 'app.example.com',
				AuthenticatorAttachment: 'platform',
			}),
		]);

		expect((await t.call('GetUserAuthFactors', { AccessToken })).ConfiguredUserAuthFactors).toEqual(
			['PASSWORD', 'WEB_AUTHN']
		);
		const select = await t.call('InitiateAuth', {
			AuthFlow: 'USER_AUTH',
			ClientId: clientId,
			AuthParameters: { USERNAME: 'kai' },
		});
		expect(select.AvailableChallenges).toEqual(['PASSWORD', 'PASSWORD_SRP', 'WEB_AUTHN']);
		const webauthn = await t.call('RespondToAuthChallenge', {
			ClientId: clientId,
			ChallengeName: 'SELECT_CHALLENGE',
			Session: select.Session,
			ChallengeResponses: { USERNAME: 'kai', ANSWER: 'WEB_AUTHN' },
		});
		expect(webauthn.ChallengeName).toBe('WEB_AUTHN');
		const requestOptions = JSON.parse(webauthn.ChallengeParameters.CREDENTIAL_REQUEST_OPTIONS);
		expect(requestOptions).toMatchObject({
			rpId: 'app.example.com',
			allowCredentials: [{ type: 'public-key', id: authenticator.id }],
		});
		const wrongChallenge = await authenticator.authenticate({
			...requestOptions,
			challenge: 'not-the-challenge',
		});
		expect(
			await t.failure('RespondToAuthChallenge', {
				ClientId: clientId,
				ChallengeName: 'WEB_AUTHN',
				Session: webauthn.Session,
				ChallengeResponses: { USERNAME: 'kai', CREDENTIAL: JSON.stringify(wrongChallenge) },
			})
		).toMatch(/^WebAuthnChallengeNotFoundException/);
		const assertion = await authenticator.authenticate(requestOptions);
		const tokens = await t.call('RespondToAuthChallenge', {
			ClientId: clientId,
			ChallengeName: 'WEB_AUTHN',
			Session: webauthn.Session,
			ChallengeResponses: { USERNAME: 'kai', CREDENTIAL: JSON.stringify(assertion) },
		});
		expect(tokens.AuthenticationResult.IdToken).toBeDefined();

		// A tampered signature is refused.
		const again = await t.call('InitiateAuth', {
			AuthFlow: 'USER_AUTH',
			ClientId: clientId,
			AuthParameters: { USERNAME: 'kai', PREFERRED_CHALLENGE: 'WEB_AUTHN' },
		});
		const forged = await authenticator.authenticate(
			JSON.parse(again.ChallengeParameters.CREDENTIAL_REQUEST_OPTIONS)
		);
		forged.response.signature =
			forged.response.signature.slice(0, -4) +
			(forged.response.signature.endsWith('AAAA') ? 'BBBB' : 'AAAA');
		expect(
			await t.failure('RespondToAuthChallenge', {
				ClientId: clientId,
				ChallengeName: 'WEB_AUTHN',
				Session: again.Session,
				ChallengeResponses: { USERNAME: 'kai', CREDENTIAL: JSON.stringify(forged) },
			})
		).toBe('NotAuthorizedException: Incorrect username or password.');
		await t.call('DeleteWebAuthnCredential', { AccessToken, CredentialId: authenticator.id });
		expect((await t.call('ListWebAuthnCredentials', { AccessToken })).Credentials).toEqual([]);
	});

	test('pools without WEB_AUTHN refuse registration', async () => {
		const t = userPoolSandbox(92);
		const { clientId } = await poolWithClient(t);
		await signUpConfirmed(t, clientId, 'lee');
		const { AccessToken } = (
			await t.call('InitiateAuth', {
				AuthFlow: 'USER_PASSWORD_AUTH',
				ClientId: clientId,
				AuthParameters: { USERNAME: 'lee', PASSWORD },
			})
		).AuthenticationResult;
		expect(await t.failure('StartWebAuthnRegistration', { AccessToken })).toMatch(
			/^WebAuthnNotEnabledException/
		);
	});
});
