/**
 * Branding of the login pages.
 *
 * - Classic hosted UI (`SetUICustomization` / `GetUICustomization`): a PNG or JPEG logo of at most 100 KB and
 *   CSS that may style only the documented `*-customizable` classes. A class outside the list, an at-rule
 *   (`@import`, `@media`, …) or anything that could run code (`javascript:`, `expression(`, `url(`,
 *   `behavior:`, `-moz-binding`, `<`) is refused; properties a class does not support are kept in the
 *   stored CSS but not applied, as the console documents ("added CSS keys will not be reflected").
 *   Settings are per app client or `ALL`; a client with its own settings never falls back to `ALL`.
 * - Managed login (`CreateManagedLoginBranding` and friends, not on the Lite plan): one style per app client,
 *   either Cognito's values or a settings document plus image assets; version-2 pages of a client without a
 *   style show "Login pages unavailable", as the service does until a style is assigned.
 *
 * Exception names are the service's; where the exact message is not documented, the wording is ours, in the
 * service's style (marked "wording ours").
 */
import { ServiceError } from '../core/errors';
import type { ClientRecord, Env, Handler, PoolRecord } from '../user-pools/state';
import { loginHost } from '../user-pools/tokens';
import { getClient, getPool, invalidParameter, toEpochSeconds } from '../user-pools/util';
import type { PageLook } from './pages';
import { type BrandingRecord, managedLoginOf } from './state';

/** The logo limit of the classic hosted UI. */
const LOGO_MAX_BYTES = 100 * 1024;

const SIMPLE = /^[\w\s.,%#()-]+$/;

/** Properties each documented class supports (developer guide, "Customizing the built-in webpages"). */
const CLASSIC_CLASSES = new Map<string, string[]>([
	['background-customizable', ['background-color']],
	['banner-customizable', ['padding', 'background-color']],
	[
		'errorMessage-customizable',
		['margin', 'padding', 'font-size', 'width', 'background', 'border', 'color', 'box-sizing'],
	],
	[
		'idpButton-customizable',
		['height', 'width', 'text-align', 'margin-bottom', 'color', 'background-color', 'border-color'],
	],
	['idpButton-customizable:hover', ['color', 'background-color']],
	['inputField-customizable', ['width', 'height', 'color', 'background-color', 'border']],
	['inputField-customizable:focus', ['border-color', 'outline']],
	['label-customizable', ['font-weight']],
	['legalText-customizable', ['color', 'font-size']],
	['logo-customizable', ['max-width', 'max-height']],
	[
		'submitButton-customizable',
		['font-size', 'font-weight', 'margin', 'width', 'height', 'color', 'background-color'],
	],
	['submitButton-customizable:hover', ['color', 'background-color']],
	['textDescription-customizable', ['padding-top', 'padding-bottom', 'display', 'font-size']],
	['redirect-customizable', ['color']],
	['passwordCheck-notValid-customizable', ['color']],
	['passwordCheck-valid-customizable', ['color']],
	['socialButton-customizable', ['height', 'text-align', 'width', 'margin-bottom']],
]);

const DANGEROUS = /javascript:|expression\s*\(|url\s*\(|behavior\s*:|-moz-binding|<|\\|@/i;

/** One rule of a customer's CSS: a documented class and its declarations. */
interface CssRule {
	selector: string;
	declarations: Array<[string, string]>;
}

const cssError = (detail: string) =>
	// Wording ours: the service answers InvalidParameterException for CSS it refuses.
	invalidParameter(`Invalid CSS: ${detail}`);

/** Parses and checks classic hosted UI CSS; throws `InvalidParameterException` for what the service refuses. */
export function parseClassicCss(css: string): CssRule[] {
	const source = css.replace(/\/\*[\s\S]*?\*\//g, ' ');
	const bad = DANGEROUS.exec(source);
	if (bad)
		throw cssError(
			bad[0] === '@'
				? 'at-rules such as @import, @media, @supports and @page are not allowed.'
				: `"${bad[0]}" is not allowed (no JavaScript, external resources or escapes).`
		);
	const rules: CssRule[] = [];
	const pattern = /([^{}]*)\{([^{}]*)\}/g;
	let consumed = 0;
	for (let match = pattern.exec(source); match; match = pattern.exec(source)) {
		if (source.slice(consumed, match.index).trim()) throw cssError('unbalanced braces.');
		consumed = pattern.lastIndex;
		const selectors = match[1]!.split(',').map((s) => s.trim());
		for (const selector of selectors) {
			const name = /^\.([\w-]+(?::hover|:focus)?)$/.exec(selector)?.[1];
			if (!name || !CLASSIC_CLASSES.has(name))
				throw cssError(
					`${selector || '(empty selector)'} is not one of the classes the hosted UI lets you style.`
				);
		}
		const declarations: Array<[string, string]> = [];
		for (const part of match[2]!.split(';')) {
			if (!part.trim()) continue;
			const colon = part.indexOf(':');
			if (colon < 1) throw cssError(`"${part.trim()}" is not a declaration.`);
			declarations.push([part.slice(0, colon).trim().toLowerCase(), part.slice(colon + 1).trim()]);
		}
		for (const selector of selectors) rules.push({ selector: selector.slice(1), declarations });
	}
	if (source.slice(consumed).trim()) throw cssError('unbalanced braces.');
	return rules;
}

/** The CSS the page applies: supported properties with plain values only (the rest is ignored). */
export function appliedClassicCss(css: string | undefined): string {
	if (!css) return '';
	let rules: CssRule[];
	try {
		rules = parseClassicCss(css);
	} catch {
		return '';
	}
	return rules
		.map(({ selector, declarations }) => {
			const allowed = CLASSIC_CLASSES.get(selector) ?? [];
			const kept = declarations.filter(
				([property, value]) => allowed.includes(property) && SIMPLE.test(value)
			);
			return kept.length
				? `.${selector}{${kept.map(([property, value]) => `${property}:${value}`).join(';')}}`
				: '';
		})
		.join('');
}

/** Which image a blob is (by its first bytes). */
function imageType(bytes: Uint8Array): 'png' | 'jpeg' | 'svg' | 'ico' | 'webp' | undefined {
	if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47)
		return 'png';
	if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
	if (bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 1 && bytes[3] === 0) return 'ico';
	if (String.fromCharCode(...bytes.subarray(8, 12)) === 'WEBP') return 'webp';
	const head = new TextDecoder().decode(bytes.subarray(0, 256)).trimStart();
	if (/^(<\?xml[^>]*>\s*)?<svg[\s>]/i.test(head)) return 'svg';
	return undefined;
}

function decodeBase64(value: string): Uint8Array | undefined {
	try {
		return Uint8Array.from(atob(value), (c) => c.charCodeAt(0));
	} catch {
		return undefined;
	}
}

const MIME: Record<string, string> = {
	png: 'image/png',
	jpeg: 'image/jpeg',
	svg: 'image/svg+xml',
	ico: 'image/x-icon',
	webp: 'image/webp',
};

/** A `data:` URL for stored base64 image bytes. */
export const dataUrl = (type: string, base64: string) =>
	`data:${MIME[type] ?? 'application/octet-stream'};base64,${base64}`;

function requireDomain(env: Env, pool: PoolRecord) {
	if (!pool.domain)
		// Wording ours: the guide says UI customisation needs a domain on the pool.
		throw invalidParameter('There has to be an existing domain associated with this user pool.');
	return loginHost(env, pool);
}

/** The `UICustomizationType` of one stored customisation. */
function describeUi(env: Env, pool: PoolRecord, clientId: string) {
	const ui = managedLoginOf(pool).ui.get(clientId);
	if (!ui) return { UserPoolId: pool.id, ClientId: clientId };
	return {
		UserPoolId: pool.id,
		ClientId: ui.ClientId,
		...(ui.ImageFile
			? {
					ImageUrl: env.context.urls.url(
						loginHost(env, pool),
						`/ui/logo/${encodeURIComponent(ui.ClientId)}?v=${ui.LastModifiedDate}`
					),
				}
			: {}),
		...(ui.CSS !== undefined ? { CSS: ui.CSS, CSSVersion: String(ui.LastModifiedDate) } : {}),
		CreationDate: toEpochSeconds(ui.CreationDate),
		LastModifiedDate: toEpochSeconds(ui.LastModifiedDate),
	};
}

const setUiCustomization: Handler = async (input, env) => {
	const pool = getPool(env, input.UserPoolId);
	const clientId: string = input.ClientId ?? 'ALL';
	if (clientId !== 'ALL') getClient(pool, clientId);
	requireDomain(env, pool);
	if (input.CSS !== undefined && input.CSS !== null) parseClassicCss(input.CSS);
	let image: { ImageFile: string; ImageType: 'png' | 'jpeg' } | undefined;
	if (input.ImageFile !== undefined && input.ImageFile !== null) {
		const bytes = decodeBase64(input.ImageFile);
		const type = bytes && imageType(bytes);
		if (!bytes || (type !== 'png' && type !== 'jpeg'))
			throw invalidParameter('The logo image must be a PNG or JPEG file.'); // wording ours
		if (bytes.length > LOGO_MAX_BYTES)
			throw invalidParameter('The logo image must be at most 100 KB.'); // wording ours
		image = { ImageFile: input.ImageFile, ImageType: type };
	}
	const now = env.now();
	const ui = managedLoginOf(pool).ui;
	const existing = ui.get(clientId);
	ui.set(clientId, {
		ClientId: clientId,
		...(input.CSS !== undefined && input.CSS !== null ? { CSS: input.CSS } : {}),
		...(image ?? {}),
		CreationDate: existing?.CreationDate ?? now,
		LastModifiedDate: now,
	});
	return { UICustomization: describeUi(env, pool, clientId) };
};

const getUiCustomization: Handler = async (input, env) => {
	const pool = getPool(env, input.UserPoolId);
	const clientId: string | undefined = input.ClientId;
	if (clientId && clientId !== 'ALL') getClient(pool, clientId);
	const ui = managedLoginOf(pool).ui;
	const key = clientId && ui.has(clientId) ? clientId : 'ALL';
	return { UICustomization: describeUi(env, pool, key) };
};

/** The logo a classic page shows for `client` (its own settings, else `ALL`). */
function classicUi(pool: PoolRecord, client: ClientRecord | undefined) {
	const ui = managedLoginOf(pool).ui;
	return (client && ui.get(client.ClientId)) || ui.get('ALL');
}

/** The stored logo of a client key (`ALL` or a client id), for `/ui/logo/<key>`. */
export function logoOf(
	pool: PoolRecord,
	key: string
): { type: string; bytes: Uint8Array } | undefined {
	const ui = managedLoginOf(pool).ui.get(key);
	if (!ui?.ImageFile || !ui.ImageType) return undefined;
	const bytes = decodeBase64(ui.ImageFile);
	return bytes ? { type: MIME[ui.ImageType]!, bytes } : undefined;
}

// ---------------------------------------------------------------------------------------------
// Managed login branding

const ASSET_MAX_BYTES = 2_000_000;

/** The style assigned to a client, if any. */
export function brandingOfClient(pool: PoolRecord, clientId: string): BrandingRecord | undefined {
	for (const branding of managedLoginOf(pool).brandings.values())
		if (branding.ClientId === clientId) return branding;
	return undefined;
}

/** A settings colour (`RRGGBBAA` hex as the branding editor writes it) as CSS, if well formed. */
function settingColor(value: unknown): string | undefined {
	return typeof value === 'string' && /^[0-9a-fA-F]{6}(?:[0-9a-fA-F]{2})?$/.test(value)
		? `#${value}`
		: undefined;
}

/** Reads a path of a settings document (own properties only). */
function setting(settings: unknown, path: string[]): unknown {
	let node: unknown = settings;
	for (const key of path) {
		if (!node || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
		node = (node as Record<string, unknown>)[key];
	}
	return node;
}

/** Cognito's own values (what `UseCognitoProvidedValues` and `ReturnMergedResources` show). */
const COGNITO_SETTINGS = {
	categories: { global: { colorSchemeMode: 'LIGHT' } },
	components: {
		pageBackground: { lightMode: { color: 'f2f3f3ff' }, darkMode: { color: '0f1b2aff' } },
		form: { lightMode: { backgroundColor: 'ffffffff' }, darkMode: { backgroundColor: '192534ff' } },
		primaryButton: {
			lightMode: { defaults: { backgroundColor: '0972d3ff', textColor: 'ffffffff' } },
			darkMode: { defaults: { backgroundColor: '539fe5ff', textColor: '000716ff' } },
		},
	},
};

function checkBranding(input: Record<string, any>) {
	if (input.UseCognitoProvidedValues && input.Settings !== undefined && input.Settings !== null)
		// Wording ours.
		throw invalidParameter('Settings can not be provided when UseCognitoProvidedValues is true.');
	if (
		input.Settings !== undefined &&
		input.Settings !== null &&
		(typeof input.Settings !== 'object' || Array.isArray(input.Settings))
	)
		throw invalidParameter('Settings must be a JSON object.');
	const seen = new Set<string>();
	for (const asset of (input.Assets ?? []) as Array<Record<string, any>>) {
		const key = `${asset.Category}/${asset.ColorMode}`;
		if (seen.has(key))
			throw invalidParameter(`Duplicate asset for ${asset.Category} in ${asset.ColorMode} mode.`);
		seen.add(key);
		if (asset.Bytes !== undefined) {
			const bytes = decodeBase64(asset.Bytes);
			const type = bytes && imageType(bytes);
			const expected = asset.Extension === 'JPEG' ? 'jpeg' : String(asset.Extension).toLowerCase();
			if (!bytes || type !== expected)
				throw invalidParameter(
					`The bytes of the ${asset.Category} asset are not a ${asset.Extension} image.`
				);
			if (bytes.length > ASSET_MAX_BYTES)
				throw invalidParameter(`The ${asset.Category} asset is too large.`);
		}
	}
}

function requireManagedLoginPlan(pool: PoolRecord) {
	if (pool.settings.UserPoolTier === 'LITE')
		throw new ServiceError(
			'FeatureUnavailableInTierException',
			'Managed login branding is not available in the current feature plan (LITE).'
		);
}

function describeBranding(pool: PoolRecord, branding: BrandingRecord, merged: boolean) {
	const settings = branding.UseCognitoProvidedValues
		? merged
			? COGNITO_SETTINGS
			: undefined
		: merged
			? { ...COGNITO_SETTINGS, ...(branding.Settings ?? {}) }
			: branding.Settings;
	return {
		ManagedLoginBrandingId: branding.ManagedLoginBrandingId,
		UserPoolId: pool.id,
		UseCognitoProvidedValues: branding.UseCognitoProvidedValues,
		...(settings ? { Settings: settings } : {}),
		Assets: branding.Assets,
		CreationDate: toEpochSeconds(branding.CreationDate),
		LastModifiedDate: toEpochSeconds(branding.LastModifiedDate),
	};
}

function getBranding(pool: PoolRecord, id: string): BrandingRecord {
	const branding = managedLoginOf(pool).brandings.get(id);
	if (!branding)
		throw new ServiceError(
			'ResourceNotFoundException',
			`Managed login branding ${id} does not exist.`
		);
	return branding;
}

const assetsOf = (input: Record<string, any>) =>
	((input.Assets ?? []) as Array<Record<string, any>>).map((asset) => ({
		Category: asset.Category,
		ColorMode: asset.ColorMode,
		Extension: asset.Extension,
		...(asset.Bytes !== undefined ? { Bytes: asset.Bytes } : {}),
		...(asset.ResourceId !== undefined ? { ResourceId: asset.ResourceId } : {}),
	}));

const createManagedLoginBranding: Handler = async (input, env) => {
	const pool = getPool(env, input.UserPoolId);
	requireManagedLoginPlan(pool);
	getClient(pool, input.ClientId);
	checkBranding(input);
	if (brandingOfClient(pool, input.ClientId))
		throw new ServiceError(
			'ManagedLoginBrandingExistsException',
			'A managed login branding style already exists for this app client.' // wording ours
		);
	const now = env.now();
	const branding: BrandingRecord = {
		ManagedLoginBrandingId: env.context.uuid(),
		ClientId: input.ClientId,
		UseCognitoProvidedValues: input.UseCognitoProvidedValues === true || !input.Settings,
		...(input.Settings ? { Settings: input.Settings } : {}),
		Assets: assetsOf(input),
		CreationDate: now,
		LastModifiedDate: now,
	};
	managedLoginOf(pool).brandings.set(branding.ManagedLoginBrandingId, branding);
	return { ManagedLoginBranding: describeBranding(pool, branding, false) };
};

const updateManagedLoginBranding: Handler = async (input, env) => {
	const pool = getPool(env, input.UserPoolId);
	requireManagedLoginPlan(pool);
	const branding = getBranding(pool, input.ManagedLoginBrandingId);
	checkBranding(input);
	if (input.UseCognitoProvidedValues === true) {
		branding.UseCognitoProvidedValues = true;
		delete branding.Settings;
	} else if (input.Settings) {
		branding.UseCognitoProvidedValues = false;
		branding.Settings = input.Settings;
	}
	if (input.Assets !== undefined) branding.Assets = assetsOf(input);
	branding.LastModifiedDate = env.now();
	return { ManagedLoginBranding: describeBranding(pool, branding, false) };
};

/** Managed login and UI customisation operations by name. */
export const BRANDING_HANDLERS: Record<string, Handler> = {
	SetUICustomization: setUiCustomization,
	GetUICustomization: getUiCustomization,
	CreateManagedLoginBranding: createManagedLoginBranding,
	UpdateManagedLoginBranding: updateManagedLoginBranding,
	DescribeManagedLoginBranding: async (input, env) => {
		const pool = getPool(env, input.UserPoolId);
		const branding = getBranding(pool, input.ManagedLoginBrandingId);
		return {
			ManagedLoginBranding: describeBranding(pool, branding, input.ReturnMergedResources === true),
		};
	},
	DescribeManagedLoginBrandingByClient: async (input, env) => {
		const pool = getPool(env, input.UserPoolId);
		getClient(pool, input.ClientId);
		const branding = brandingOfClient(pool, input.ClientId);
		if (!branding)
			throw new ServiceError(
				'ResourceNotFoundException',
				`No managed login branding is assigned to app client ${input.ClientId}.` // wording ours
			);
		return {
			ManagedLoginBranding: describeBranding(pool, branding, input.ReturnMergedResources === true),
		};
	},
	DeleteManagedLoginBranding: async (input, env) => {
		const pool = getPool(env, input.UserPoolId);
		getBranding(pool, input.ManagedLoginBrandingId);
		managedLoginOf(pool).brandings.delete(input.ManagedLoginBrandingId);
		return {};
	},
};

// ---------------------------------------------------------------------------------------------
// What the pages look like

/** The look of a client's pages: classic customisation (version 1) or its branding style (version 2). */
export function lookOf(env: Env, pool: PoolRecord, client: ClientRecord | undefined): PageLook {
	if ((pool.domain?.ManagedLoginVersion ?? 1) !== 2) {
		const ui = classicUi(pool, client);
		return {
			version: 1,
			classicCss: appliedClassicCss(ui?.CSS),
			...(ui?.ImageFile && ui.ImageType ? { logo: dataUrl(ui.ImageType, ui.ImageFile) } : {}),
		};
	}
	const branding = client ? brandingOfClient(pool, client.ClientId) : undefined;
	const settings = branding?.UseCognitoProvidedValues === false ? branding.Settings : undefined;
	const mode = setting(settings, ['categories', 'global', 'colorSchemeMode']);
	const logo = branding?.Assets.find(
		(asset) =>
			(asset.Category === 'FORM_LOGO' || asset.Category === 'PAGE_HEADER_LOGO') &&
			asset.ColorMode !== 'DARK' &&
			asset.Bytes
	);
	const colors = {
		pageBackground: settingColor(
			setting(settings, ['components', 'pageBackground', 'lightMode', 'color'])
		),
		formBackground: settingColor(
			setting(settings, ['components', 'form', 'lightMode', 'backgroundColor'])
		),
		button: settingColor(
			setting(settings, ['components', 'primaryButton', 'lightMode', 'defaults', 'backgroundColor'])
		),
		buttonText: settingColor(
			setting(settings, ['components', 'primaryButton', 'lightMode', 'defaults', 'textColor'])
		),
	};
	return {
		version: 2,
		scheme: mode === 'DARK' || mode === 'DYNAMIC' ? mode : 'LIGHT',
		colors: Object.fromEntries(Object.entries(colors).filter(([, v]) => v)) as PageLook['colors'],
		...(logo?.Bytes
			? {
					logo: dataUrl(
						logo.Extension === 'JPEG' ? 'jpeg' : logo.Extension.toLowerCase(),
						logo.Bytes
					),
				}
			: {}),
	};
}
