/**
 * Attribute mapping: which IdP attribute (claim, SAML attribute, profile field) fills which user-pool
 * attribute, the `username` mapping Cognito adds for each provider type (the claim the federated username is
 * built from), and turning one sign-in's IdP attributes into user-pool attributes.
 */
import { type Dict, dict, own } from '../core/dict';
import { invalidParameter } from '../core/errors';
import type { PoolRecord } from '../user-pools/state';
import type { ProviderType } from './state';

/** The IdP attribute that names the user at each provider (`username` mapping; SAML uses the NameID). */
export const SUBJECT_ATTRIBUTE: Record<ProviderType, string | undefined> = {
	Google: 'sub',
	Facebook: 'id',
	LoginWithAmazon: 'user_id',
	SignInWithApple: 'sub',
	OIDC: 'sub',
	SAML: undefined,
};

/** Attributes no mapping may write (Cognito owns them). */
const UNMAPPABLE = new Set(['sub', 'identities']);

/** The longest value an attribute mapping may name (the model limits only the key). */
const MAX_IDP_ATTRIBUTE = 2048;

/**
 * The stored mapping of a provider: every key must be an attribute of the pool's schema (or `username`,
 * which only OIDC may point elsewhere), and Cognito's own `username` entry is added for the social and
 * OIDC types.
 */
export function buildAttributeMapping(
	pool: PoolRecord,
	type: ProviderType,
	input: Dict<string> | undefined
): Dict<string> {
	const schema: Array<{ Name: string }> = pool.settings.SchemaAttributes;
	const mapping = dict<string>();
	for (const [attribute, idpAttribute] of Object.entries(input ?? {})) {
		if (attribute === 'username') {
			if (type === 'SAML')
				throw invalidParameter(
					'username cannot be mapped for a SAML provider; the username is the NameID.'
				); // wording chosen
			continue;
		}
		if (UNMAPPABLE.has(attribute) || !schema.some((entry) => entry.Name === attribute))
			throw invalidParameter(
				`Attribute mapping for ${attribute} is invalid: the user pool has no such attribute.`
			); // wording chosen
		if (!idpAttribute || idpAttribute.length > MAX_IDP_ATTRIBUTE)
			throw invalidParameter(`Attribute mapping for ${attribute} must name an IdP attribute.`); // wording chosen
		mapping[attribute] = idpAttribute;
	}
	const subject = SUBJECT_ATTRIBUTE[type];
	if (subject) {
		// Only OIDC lets the username come from another claim; the social types always use their own id.
		const chosen = type === 'OIDC' ? own(input, 'username') : undefined;
		mapping.username = chosen || subject;
	}
	return mapping;
}

/**
 * The user-pool attribute values one sign-in brings: each mapped IdP attribute that the IdP sent. Values
 * that are lists (OIDC array claims, multi-valued SAML attributes) are written as the service writes them.
 */
export function mappedAttributes(
	mapping: Dict<string>,
	idpAttributes: ReadonlyMap<string, string | string[]>,
	type: ProviderType
): Dict<string> {
	const out = dict<string>();
	for (const [attribute, idpAttribute] of Object.entries(mapping)) {
		if (attribute === 'username') continue;
		const value = idpAttributes.get(idpAttribute);
		if (value === undefined) continue;
		out[attribute] = Array.isArray(value)
			? type === 'SAML'
				? `[${value.join(', ')}]`
				: JSON.stringify(value)
			: value;
	}
	return out;
}
