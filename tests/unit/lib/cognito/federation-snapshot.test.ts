/**
 * Federation state survives snapshot() → restore(): identity providers, links, sign-ins under way, the mock
 * IdPs' keys, certificates, codes and remembered people; damaged federation state is refused by field.
 */
import { describe, expect, test } from 'vitest';
import { createSandbox, SnapshotError } from '../../../../src/lib/cognito';
import { browser } from '../../../fixtures/browser';
import {
	APP,
	appBrowser,
	authorizeUrl,
	exchangeCode,
	federatedPool,
	google,
	signInVia,
} from '../../../fixtures/federation';
import { mulberry32 } from '../../../fixtures/random';
import { claimsOf, NOW, userPoolSandbox } from '../../../fixtures/user-pool-sandbox';

describe('federation snapshots', { timeout: 30_000 }, () => {
	test('round trip: providers, links, a pending sign-in and the mock IdPs come back whole', async () => {
		const t = userPoolSandbox(91);
		const { poolId, clientId } = await federatedPool(t, google());
		await t.call('CreateIdentityProvider', {
			UserPoolId: poolId,
			ProviderName: 'CorpSSO',
			ProviderType: 'SAML',
			ProviderDetails: { MetadataURL: 'https://sso.corp.example/metadata' },
		});
		await exchangeCode(
			t,
			clientId,
			await signInVia(t, clientId, 'Google', { user_id: '7', email: 'a@example.com' })
		);
		await t.call('AdminCreateUser', {
			UserPoolId: poolId,
			Username: 'alice',
			MessageAction: 'SUPPRESS',
		});
		await t.call('AdminLinkProviderForUser', {
			UserPoolId: poolId,
			DestinationUser: { ProviderName: 'Cognito', ProviderAttributeValue: 'alice' },
			SourceUser: {
				ProviderName: 'Google',
				ProviderAttributeName: 'Cognito_Subject',
				ProviderAttributeValue: '8',
			},
		});
		// A sign-in left at Google's consent page.
		const waiting = appBrowser(t);
		await waiting.open(authorizeUrl(clientId, 'identity_provider=Google'));
		const metadataBefore = await (
			await t.sandbox.fetch(new Request('https://sso.corp.example/metadata'))
		).text();

		const snapshot = t.sandbox.snapshot();
		const copy = createSandbox({ clock: { now: () => NOW }, random: mulberry32(5) });
		copy.restore(JSON.parse(JSON.stringify(snapshot)));
		expect(copy.snapshot()).toEqual(snapshot);
		expect(await (await copy.fetch(new Request('https://sso.corp.example/metadata'))).text()).toBe(
			metadataBefore
		);

		// The restored sandbox finishes the waiting sign-in: Google's page posts into the copy, the pending
		// sign-in (with the app's authorize request) and the link are found, and the app gets its code.
		const resumed = browser((request) => copy.fetch(request), {
			stopAt: (url) => url.startsWith(APP),
		});
		await resumed.open(waiting.page.url);
		expect(resumed.page.document.querySelector('#user_id')?.getAttribute('value')).toBe('7');
		await resumed.submit('Continue', { user_id: '8', email: 'resumed@example.com' });
		const tokens = await exchangeCode({ ...t, sandbox: copy }, clientId, resumed.page.url);
		expect(claimsOf(tokens.id_token)).toMatchObject({
			'cognito:username': 'alice',
			email: 'resumed@example.com',
		});
	});

	test('a damaged federation field is refused with its path', async () => {
		const t = userPoolSandbox(92);
		const { poolId } = await federatedPool(t, google());
		const snapshot = JSON.parse(JSON.stringify(t.sandbox.snapshot()));
		const pool = snapshot.userPools.pools.$map.find(([id]: [string]) => id === poolId)[1];
		pool.federation.providers.$map[0][1].ProviderType = 'MySpace';
		expect(() => t.sandbox.restore(snapshot)).toThrow(SnapshotError);
		expect(() => t.sandbox.restore(snapshot)).toThrow(
			/federation\.providers\.Google\.ProviderType: must be one of SAML/
		);
		const idps = JSON.parse(JSON.stringify(t.sandbox.snapshot()));
		idps.idps.state.grants = { $map: [['code', { idp: 'Google' }]] };
		expect(() => t.sandbox.restore(idps)).toThrow(
			/idps\.state\.grants\.code\.clientId: must be a string/
		);
	});
});
