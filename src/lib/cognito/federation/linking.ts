/**
 * `AdminLinkProviderForUser` and `AdminDisableProviderForUser`: linking an external identity that has not
 * signed in yet to an existing user (who then signs in as that user), and undoing it.
 *
 * Rules (API reference): the destination may be a local user (`ProviderName: Cognito`, value = username) or
 * a federated one; the source must be an identity of one of the pool's IdPs that has no profile yet; social
 * sources are named by `Cognito_Subject`; SAML and OIDC sources may be named by a mapped user-pool attribute;
 * a user has at most five linked identities; the destination's attributes must all be mutable.
 */
import { ServiceError } from '../core/errors';
import type { Env, Handler, PoolRecord, UserRecord } from '../user-pools/state';
import { getPool, invalidParameter, userKey, userNotFound } from '../user-pools/util';
import { identitiesOf, identityEntry, setIdentities } from './identities';
import { federationOf } from './providers';
import { linkKey, type ProviderLinkRecord } from './state';

/** The attribute name that means "the IdP's own id for the user" (sub, id, user_id or NameID). */
export const COGNITO_SUBJECT = 'Cognito_Subject';
/** The provider name of local (username and password) users. */
export const COGNITO = 'Cognito';
/** Linked identities a user may have. */
export const MAX_LINKS = 5;

const SOCIAL = new Set(['Google', 'Facebook', 'LoginWithAmazon', 'SignInWithApple']);

interface ProviderUser {
	ProviderName?: string;
	ProviderAttributeName?: string;
	ProviderAttributeValue?: string;
}

/** The username of a federated user: `<ProviderName>_<id at the IdP>`. */
export const federatedUsername = (providerName: string, subject: string) =>
	`${providerName}_${subject}`;

/** The user with this exact username (no alias or sub look-up: federated names are exact). */
export const userNamed = (pool: PoolRecord, username: string) =>
	pool.users.get(userKey(pool, username));

/** The user a link points at, if it still exists. */
export const destinationOf = (pool: PoolRecord, link: ProviderLinkRecord): UserRecord | undefined =>
	[...pool.users.values()].find((user) => user.attributes.sub === link.destinationSub);

function requireField(user: ProviderUser, field: keyof ProviderUser, role: string): string {
	const value = user[field];
	if (!value) throw invalidParameter(`${role}.${field} is required.`); // wording chosen
	return value;
}

const adminLinkProviderForUser: Handler = async (input, env: Env) => {
	const pool = getPool(env, input.UserPoolId);
	const state = federationOf(pool);
	const source: ProviderUser = input.SourceUser;
	const target: ProviderUser = input.DestinationUser;
	const sourceProvider = requireField(source, 'ProviderName', 'SourceUser');
	const sourceAttribute = requireField(source, 'ProviderAttributeName', 'SourceUser');
	const sourceValue = requireField(source, 'ProviderAttributeValue', 'SourceUser');
	const targetProvider = requireField(target, 'ProviderName', 'DestinationUser');
	const targetValue = requireField(target, 'ProviderAttributeValue', 'DestinationUser');

	if (sourceProvider === COGNITO)
		throw invalidParameter(
			'Invalid SourceUser: Cognito users with a username/password may not be passed in as a SourceUser, only as a DestinationUser'
		);
	const provider = state.providers.get(sourceProvider);
	if (!provider)
		throw invalidParameter(
			`Invalid SourceUser: provider ${sourceProvider} does not exist in this user pool.`
		); // wording chosen
	if (SOCIAL.has(provider.ProviderType) && sourceAttribute !== COGNITO_SUBJECT)
		throw invalidParameter(
			`Invalid SourceUser: ProviderAttributeName must be ${COGNITO_SUBJECT} for ${provider.ProviderType}.`
		); // wording chosen

	const destination =
		targetProvider === COGNITO
			? userNamed(pool, targetValue)
			: userNamed(pool, federatedUsername(targetProvider, targetValue));
	if (!destination) throw userNotFound();

	if (
		sourceAttribute === COGNITO_SUBJECT &&
		userNamed(pool, federatedUsername(sourceProvider, sourceValue))
	)
		throw invalidParameter(
			'Merging is not currently supported, provide a SourceUser that has not been signed up in order to link'
		);
	const existing = state.links.get(linkKey(sourceProvider, sourceAttribute, sourceValue));
	if (existing && destinationOf(pool, existing))
		throw invalidParameter('SourceUser is already linked to DestinationUser');

	const linked = identitiesOf(destination).filter((entry) => entry.primary !== 'true');
	if (linked.length >= MAX_LINKS)
		throw new ServiceError(
			'LimitExceededException',
			`A user can have at most ${MAX_LINKS} linked identities.` // wording chosen
		);
	const schema: Array<{ Name: string; Mutable?: boolean }> = pool.settings.SchemaAttributes;
	const immutable = Object.keys(destination.attributes).filter(
		(name) =>
			name.startsWith('custom:') && schema.find((entry) => entry.Name === name)?.Mutable === false
	);
	if (immutable.length)
		throw invalidParameter(
			`DestinationUser has immutable attributes (${immutable.join(', ')}) and cannot be linked.`
		); // wording chosen

	const now = env.now();
	state.links.set(linkKey(sourceProvider, sourceAttribute, sourceValue), {
		providerName: sourceProvider,
		attributeName: sourceAttribute,
		attributeValue: sourceValue,
		destinationSub: destination.attributes.sub!,
		createdAt: now,
	});
	setIdentities(destination, [
		...identitiesOf(destination),
		identityEntry(provider, sourceValue, false, now, null),
	]);
	destination.modifiedAt = now;
	return {};
};

const adminDisableProviderForUser: Handler = async (input, env: Env) => {
	const pool = getPool(env, input.UserPoolId);
	const subject: ProviderUser = input.User;
	const providerName = requireField(subject, 'ProviderName', 'User');
	const attribute = requireField(subject, 'ProviderAttributeName', 'User');
	const value = requireField(subject, 'ProviderAttributeValue', 'User');
	const now = env.now();

	if (providerName === COGNITO) {
		// A local user loses the password sign-in (they keep any linked IdP).
		if (attribute !== COGNITO_SUBJECT)
			throw invalidParameter(`ProviderAttributeName must be ${COGNITO_SUBJECT} for Cognito users.`); // wording chosen
		const user = userNamed(pool, value);
		if (!user) throw userNotFound();
		user.password = undefined;
		user.srp = undefined;
		user.modifiedAt = now;
		return {};
	}
	const state = federationOf(pool);
	const key = linkKey(providerName, attribute, value);
	const link = state.links.get(key);
	if (link) {
		state.links.delete(key);
		const destination = destinationOf(pool, link);
		if (destination) {
			setIdentities(
				destination,
				identitiesOf(destination).filter(
					(entry) => !(entry.providerName === providerName && entry.userId === value)
				)
			);
			destination.modifiedAt = now;
		}
		return {};
	}
	// Not linked: the federated profile itself can no longer sign in through this IdP.
	const user =
		attribute === COGNITO_SUBJECT
			? userNamed(pool, federatedUsername(providerName, value))
			: undefined;
	if (!user) throw userNotFound();
	setIdentities(
		user,
		identitiesOf(user).filter(
			(entry) => !(entry.providerName === providerName && entry.userId === value)
		)
	);
	user.enabled = false;
	user.modifiedAt = now;
	return {};
};

/** Linking operations by name. */
export const LINK_HANDLERS: Record<string, Handler> = {
	AdminLinkProviderForUser: adminLinkProviderForUser,
	AdminDisableProviderForUser: adminDisableProviderForUser,
};
