/**
 * What happens in the user pool when someone comes back from an identity provider: the inbound federation
 * trigger (when configured), then either the user a link points to, the existing federated profile
 * (`<ProviderName>_<id>`, attributes updated from the mapping on every sign-in), or a new `EXTERNAL_PROVIDER`
 * profile (pre sign-up trigger with `PreSignUp_ExternalProvider`, the `identities` attribute, and membership
 * of the automatic `<poolId>_<ProviderName>` group).
 *
 * Error texts are the ones the service sends to the app's redirect URI (`error_description`); the SAML ones
 * carry its "Invalid SAML response received:" prefix.
 */
import { type Dict, dict } from '../core/dict';
import { ServiceError } from '../core/errors';
import type { Env, PoolRecord, UserRecord } from '../user-pools/state';
import { runTrigger } from '../user-pools/triggers';
import { createUserRecord, validateAttributes } from '../user-pools/user-records';
import { identitiesOf, identityEntry, setIdentities } from './identities';
import { COGNITO_SUBJECT, destinationOf, federatedUsername, userNamed } from './linking';
import { mappedAttributes } from './mapping';
import { federationOf } from './providers';
import { FederationError, type ExternalIdentity } from './relying-party';
import { linkKey, type IdentityProviderRecord } from './state';

/** The group every federated profile of a provider joins: `<poolId>_<ProviderName>`. */
export const providerGroupName = (pool: PoolRecord, provider: IdentityProviderRecord) =>
	`${pool.id}_${provider.ProviderName}`;

/** Wraps an attribute problem the way the service reports it for this provider type. */
function attributeError(provider: IdentityProviderRecord, detail: string): FederationError {
	const prefix = provider.ProviderType === 'SAML' ? 'Invalid SAML response received: ' : '';
	return new FederationError('invalid_request', `${prefix}Invalid user attributes: ${detail}`);
}

/** Checks mapped attributes against the schema (formats and lengths), reported as the service does. */
function checkFormats(
	pool: PoolRecord,
	provider: IdentityProviderRecord,
	attributes: Dict<string>
) {
	try {
		validateAttributes(pool, attributes);
	} catch (error) {
		if (error instanceof ServiceError)
			throw attributeError(
				provider,
				error.message.replace(/^Attributes did not conform to the schema: /, '')
			);
		throw error;
	}
}

/**
 * Writes a returning user's mapped attributes: changed values replace the old ones, mapped attributes the
 * IdP no longer sends are removed. An immutable mapped attribute cannot be written again, so once it has
 * a value every later sign-in that brings it fails (the reason the service wants mapped attributes mutable).
 */
function updateMapped(
	pool: PoolRecord,
	provider: IdentityProviderRecord,
	user: UserRecord,
	values: Dict<string>,
	now: number
) {
	const schema: Array<{ Name: string; Mutable?: boolean; Required?: boolean }> =
		pool.settings.SchemaAttributes;
	const definition = (name: string) => schema.find((entry) => entry.Name === name);
	for (const attribute of Object.keys(provider.AttributeMapping)) {
		if (attribute === 'username') continue;
		const value = values[attribute];
		if (
			value !== undefined &&
			definition(attribute)?.Mutable === false &&
			user.attributes[attribute] !== undefined
		)
			throw attributeError(provider, `${attribute}: Attribute cannot be updated.`); // as reported by users; unverified
		if (
			value === undefined &&
			user.attributes[attribute] !== undefined &&
			definition(attribute)?.Required
		)
			throw attributeError(provider, `${attribute}: Required attribute cannot be deleted`);
	}
	checkFormats(pool, provider, values);
	for (const attribute of Object.keys(provider.AttributeMapping)) {
		if (attribute === 'username') continue;
		if (values[attribute] !== undefined) user.attributes[attribute] = values[attribute]!;
		else delete user.attributes[attribute];
	}
	user.modifiedAt = now;
}

/** The user a link sends this identity to (the link is then keyed by the IdP's own id). */
function linkedUser(
	pool: PoolRecord,
	provider: IdentityProviderRecord,
	identity: ExternalIdentity,
	values: Dict<string>
) {
	const links = federationOf(pool).links;
	const direct = links.get(linkKey(provider.ProviderName, COGNITO_SUBJECT, identity.subject));
	if (direct) return destinationOf(pool, direct);
	for (const [key, link] of links) {
		if (link.providerName !== provider.ProviderName || link.attributeName === COGNITO_SUBJECT)
			continue;
		const value = values[link.attributeName] ?? identity.attributes.get(link.attributeName);
		if (value !== link.attributeValue) continue;
		const destination = destinationOf(pool, link);
		if (!destination) continue;
		// Once used, the link follows the identity's subject (AdminDisableProviderForUser then needs Cognito_Subject).
		links.delete(key);
		links.set(linkKey(provider.ProviderName, COGNITO_SUBJECT, identity.subject), {
			...link,
			attributeName: COGNITO_SUBJECT,
			attributeValue: identity.subject,
		});
		setIdentities(
			destination,
			identitiesOf(destination).map((entry) =>
				entry.providerName === provider.ProviderName && entry.userId === link.attributeValue
					? { ...entry, userId: identity.subject }
					: entry
			)
		);
		return destination;
	}
	return undefined;
}

/** Runs the inbound federation trigger (2026) when the pool has one; it may replace the IdP attributes. */
async function inboundFederation(
	env: Env,
	pool: PoolRecord,
	provider: IdentityProviderRecord,
	identity: ExternalIdentity,
	clientId: string,
	username: string
) {
	const result = await runTrigger(env, pool, 'InboundFederation', {
		triggerSource: 'InboundFederation_ExternalProvider',
		userName: username,
		clientId,
		request: {
			providerName: provider.ProviderName,
			providerType: provider.ProviderType,
			attributes: identity.raw,
		},
		response: { userAttributesToMap: {} },
	}).catch((error: unknown) => {
		throw new FederationError(
			'invalid_request',
			error instanceof Error ? error.message : String(error)
		);
	});
	const replacement = result?.response?.userAttributesToMap;
	// `{}` keeps the IdP's attributes; anything else replaces them all (values must be strings).
	if (
		replacement &&
		typeof replacement === 'object' &&
		!Array.isArray(replacement) &&
		Object.keys(replacement).length
	)
		identity.attributes = new Map(
			Object.entries(replacement as Record<string, unknown>)
				.filter(([, value]) => typeof value === 'string')
				.map(([name, value]) => [name, value as string])
		);
}

/**
 * Signs an external identity in to the pool and returns the user the tokens are for. Throws
 * {@link FederationError} with the description the app receives.
 */
export async function signInExternalUser(
	env: Env,
	pool: PoolRecord,
	provider: IdentityProviderRecord,
	identity: ExternalIdentity,
	clientId: string
): Promise<UserRecord> {
	const now = env.now();
	const username = federatedUsername(provider.ProviderName, identity.subject);
	await inboundFederation(env, pool, provider, identity, clientId, username);
	const values = mappedAttributes(
		provider.AttributeMapping,
		identity.attributes,
		provider.ProviderType
	);

	const linked = linkedUser(pool, provider, identity, values);
	if (linked) {
		if (!linked.enabled) throw new FederationError('invalid_request', 'User is disabled.');
		updateMapped(pool, provider, linked, values, now);
		return linked;
	}

	const existing = userNamed(pool, username);
	if (existing) {
		if (!existing.enabled) throw new FederationError('invalid_request', 'User is disabled.');
		updateMapped(pool, provider, existing, values, now);
		return existing;
	}

	const schema: Array<{ Name: string; Required?: boolean }> = pool.settings.SchemaAttributes;
	const missing = schema
		.filter((entry) => entry.Required && entry.Name !== 'sub' && !values[entry.Name])
		.map((entry) => entry.Name);
	if (missing.length)
		throw provider.ProviderType === 'SAML'
			? attributeError(provider, `${missing[0]}: The attribute is required`)
			: new FederationError('invalid_request', `attributes required: [${missing.join(', ')}]`);
	checkFormats(pool, provider, values);

	const trigger = await runTrigger(env, pool, 'PreSignUp', {
		triggerSource: 'PreSignUp_ExternalProvider',
		userName: username,
		clientId,
		request: { userAttributes: { ...values }, validationData: null },
		response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
	}).catch((error: unknown) => {
		throw new FederationError(
			'invalid_request',
			error instanceof ServiceError ? error.message : String(error)
		);
	});
	// A pre sign-up function that linked this identity to an existing user (AdminLinkProviderForUser) makes
	// this first sign-in fail; the next one signs in as the linked user.
	if (
		federationOf(pool).links.has(linkKey(provider.ProviderName, COGNITO_SUBJECT, identity.subject))
	)
		throw new FederationError('invalid_request', `Already found an entry for username ${username}`);

	const attributes = dict<string>(values);
	if (trigger?.response?.autoVerifyEmail === true && attributes.email)
		attributes.email_verified = 'true';
	if (trigger?.response?.autoVerifyPhone === true && attributes.phone_number)
		attributes.phone_number_verified = 'true';
	attributes.identities = JSON.stringify([
		identityEntry(provider, identity.subject, true, now, identity.issuer),
	]);
	const user = createUserRecord(
		env,
		pool,
		username,
		env.context.uuid(),
		attributes,
		'EXTERNAL_PROVIDER',
		undefined
	);

	const group = providerGroupName(pool, provider);
	if (!pool.groups.has(group))
		pool.groups.set(group, {
			GroupName: group,
			Description: `Autogenerated group for users who sign in using ${provider.ProviderName}`,
			CreationDate: now,
			LastModifiedDate: now,
		});
	user.groups.push(group);
	return user;
}
