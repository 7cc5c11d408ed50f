/**
 * Browser side of learner variants (src/lib/simulator/variants.ts): saved in localStorage, exported as a `.json`
 * file, imported from one, and shared as a link whose fragment carries the variant. Every variant that comes from
 * outside (a file, a link) is checked with the content schema of scenario files, loaded on demand so the
 * simulator's first load does not carry it. A bad file or link changes nothing and says why in one line.
 */
import { STORAGE_NAMESPACE, withBase } from '../config/site';
import {
	parseVariantFile,
	readVariant,
	variantFileText,
	variantFragment,
	variantFromFragment,
	VariantError,
	type ScenarioVariant,
	type VariantScenario,
} from '../lib/simulator/variants';

/** Key of the saved variants (all scenarios). */
export const VARIANTS_KEY = `${STORAGE_NAMESPACE}:simulator:variants:v1`;
/** Most variants kept (oldest dropped first). */
const MAX_VARIANTS = 50;

/** The content schema as a check: the parsed scenario, or an error naming the first wrong field. */
async function scenarioCheck(): Promise<(value: unknown) => VariantScenario> {
	const [{ scenarioSchema }, { formatIssues }] = await Promise.all([
		import('../schemas/scenario'),
		import('../schemas/format-issues'),
	]);
	return (value) => {
		const parsed = scenarioSchema.safeParse(value, { reportInput: true });
		if (parsed.success) return parsed.data;
		const lines = formatIssues('scenario', parsed.error.issues).map((line) =>
			line.replace(/^scenario: /, '')
		);
		throw new Error(
			lines.length > 1 ? `${lines[0]} (and ${lines.length - 1} more problems)` : lines[0]
		);
	};
}

function storage(): Storage | undefined {
	try {
		return globalThis.localStorage;
	} catch {
		return undefined;
	}
}

/** Saved variants, newest first. Entries that no longer read are skipped (and kept in storage). */
export async function loadVariants(): Promise<ScenarioVariant[]> {
	const text = storage()?.getItem(VARIANTS_KEY);
	if (!text) return [];
	let list: unknown;
	try {
		list = JSON.parse(text);
	} catch {
		return [];
	}
	if (!Array.isArray(list)) return [];
	const check = await scenarioCheck();
	return list.flatMap((item) => {
		try {
			return [readVariant(item, check)];
		} catch {
			return [];
		}
	});
}

/** Saves `variant` (replacing one of the same scenario and name); returns the new list or an error. */
export async function saveVariant(
	variant: ScenarioVariant
): Promise<{ variants: ScenarioVariant[]; error?: string }> {
	const variants = (await loadVariants()).filter(
		(item) => !(item.basedOn === variant.basedOn && item.name === variant.name)
	);
	variants.unshift(variant);
	return writeVariants(variants.slice(0, MAX_VARIANTS));
}

/** Deletes the saved variant of `basedOn` named `name`. */
export async function deleteVariant(
	basedOn: string,
	name: string
): Promise<{ variants: ScenarioVariant[]; error?: string }> {
	return writeVariants(
		(await loadVariants()).filter((item) => !(item.basedOn === basedOn && item.name === name))
	);
}

function writeVariants(variants: ScenarioVariant[]): {
	variants: ScenarioVariant[];
	error?: string;
} {
	try {
		storage()?.setItem(VARIANTS_KEY, JSON.stringify(variants));
		return { variants };
	} catch {
		return {
			variants,
			error:
				'This browser would not save the variant (private browsing or storage full); export it as a file instead.',
		};
	}
}

/** Reads a variant file the learner picked. Throws {@link VariantError} with one line. */
export async function importVariantFile(file: Blob): Promise<ScenarioVariant> {
	return parseVariantFile(await file.text(), await scenarioCheck());
}

/** Downloads `variant` as `<scenario>-<name>.json`. */
export function exportVariant(variant: ScenarioVariant): void {
	const blob = new Blob([variantFileText(variant)], { type: 'application/json' });
	const link = document.createElement('a');
	link.href = URL.createObjectURL(blob);
	link.download = `${variant.basedOn}-${
		variant.name
			.toLowerCase()
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-|-$/g, '') || 'variant'
	}.json`;
	document.body.append(link);
	link.click();
	link.remove();
	setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

/** The link that reopens `variant` on its scenario's page (absolute, for copying). */
export async function shareUrl(variant: ScenarioVariant): Promise<string> {
	const path = withBase(`/simulator/${variant.basedOn}/`);
	return `${location.origin}${path}#${await variantFragment(variant)}`;
}

/**
 * The variant a link on this page carries (`#variant=…`), if any; throws {@link VariantError} when the link is
 * damaged or its variant is invalid. The fragment stays in the address bar, so a reload reopens the variant.
 */
export async function variantFromLocation(): Promise<ScenarioVariant | undefined> {
	if (!location.hash.startsWith('#variant=')) return undefined;
	return variantFromFragment(location.hash, await scenarioCheck());
}

export { VariantError };
