/** Cognito Sync's REST paths, exactly as `@aws-sdk/client-cognito-sync` builds them, mapped to operation names. Pure. */

/** A matched request: the operation and its path parameters (URL-decoded). */
export interface SyncRoute {
	operation: string;
	params: { IdentityPoolId?: string; IdentityId?: string; DatasetName?: string; DeviceId?: string };
}

const ROUTES: Array<[method: string, pattern: string, operation: string]> = [
	['GET', '/identitypools', 'ListIdentityPoolUsage'],
	['GET', '/identitypools/{IdentityPoolId}', 'DescribeIdentityPoolUsage'],
	['GET', '/identitypools/{IdentityPoolId}/identities/{IdentityId}', 'DescribeIdentityUsage'],
	['GET', '/identitypools/{IdentityPoolId}/identities/{IdentityId}/datasets', 'ListDatasets'],
	[
		'GET',
		'/identitypools/{IdentityPoolId}/identities/{IdentityId}/datasets/{DatasetName}',
		'DescribeDataset',
	],
	[
		'DELETE',
		'/identitypools/{IdentityPoolId}/identities/{IdentityId}/datasets/{DatasetName}',
		'DeleteDataset',
	],
	[
		'POST',
		'/identitypools/{IdentityPoolId}/identities/{IdentityId}/datasets/{DatasetName}',
		'UpdateRecords',
	],
	[
		'GET',
		'/identitypools/{IdentityPoolId}/identities/{IdentityId}/datasets/{DatasetName}/records',
		'ListRecords',
	],
	[
		'POST',
		'/identitypools/{IdentityPoolId}/identities/{IdentityId}/datasets/{DatasetName}/subscriptions/{DeviceId}',
		'SubscribeToDataset',
	],
	[
		'DELETE',
		'/identitypools/{IdentityPoolId}/identities/{IdentityId}/datasets/{DatasetName}/subscriptions/{DeviceId}',
		'UnsubscribeFromDataset',
	],
	['POST', '/identitypools/{IdentityPoolId}/identity/{IdentityId}/device', 'RegisterDevice'],
	['GET', '/identitypools/{IdentityPoolId}/events', 'GetCognitoEvents'],
	['POST', '/identitypools/{IdentityPoolId}/events', 'SetCognitoEvents'],
	['GET', '/identitypools/{IdentityPoolId}/configuration', 'GetIdentityPoolConfiguration'],
	['POST', '/identitypools/{IdentityPoolId}/configuration', 'SetIdentityPoolConfiguration'],
	['POST', '/identitypools/{IdentityPoolId}/bulkpublish', 'BulkPublish'],
	['POST', '/identitypools/{IdentityPoolId}/getBulkPublishDetails', 'GetBulkPublishDetails'],
];

/** The operation a method and path name, or undefined. */
export function matchSyncRoute(method: string, pathname: string): SyncRoute | undefined {
	const segments = pathname.replace(/\/+$/, '').split('/').slice(1);
	for (const [routeMethod, pattern, operation] of ROUTES) {
		if (routeMethod !== method) continue;
		const parts = pattern.split('/').slice(1);
		if (parts.length !== segments.length) continue;
		const params: Record<string, string> = {};
		let matched = true;
		for (let index = 0; index < parts.length && matched; index++) {
			const part = parts[index]!;
			const segment = segments[index]!;
			if (part.startsWith('{')) {
				try {
					params[part.slice(1, -1)] = decodeURIComponent(segment);
				} catch {
					matched = false;
				}
			} else matched = part === segment;
		}
		if (matched) return { operation, params };
	}
	return undefined;
}
