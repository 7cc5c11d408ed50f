/**
 * The learner's own versions of a scenario: save the current one (edited trigger code and request values) in the
 * browser, open or delete a saved one, export it as a file, import a file, and copy a link that carries it. A
 * variant from a file or a link is checked before it is used, and nothing in it runs until the learner presses Run.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ScenarioVariant } from '../../lib/simulator';

interface Props {
	/** The scenario of this page. */
	scenarioId: string;
	/** The scenario as the learner has it now, ready to save (a variant of this page's scenario). */
	current(name: string): ScenarioVariant;
	/** Name of the variant in use, if any. */
	activeName?: string;
	/** Opens a variant (a fresh sandbox; nothing runs). */
	onOpen(variant: ScenarioVariant): void;
	/** Back to the scenario as published. */
	onOriginal(): void;
	disabled: boolean;
}

type Store = typeof import('../../client/scenario-variants');

export function VariantsPanel({
	scenarioId,
	current,
	activeName,
	onOpen,
	onOriginal,
	disabled,
}: Props) {
	const [store, setStore] = useState<Store>();
	const [saved, setSaved] = useState<ScenarioVariant[]>([]);
	const [name, setName] = useState('');
	const [status, setStatus] = useState('');
	const [error, setError] = useState('');
	const [link, setLink] = useState('');

	useEffect(() => {
		let live = true;
		import('../../client/scenario-variants').then(async (module) => {
			const variants = await module.loadVariants();
			if (!live) return;
			setStore(module);
			setSaved(variants);
		});
		return () => {
			live = false;
		};
	}, []);

	const mine = saved.filter((variant) => variant.basedOn === scenarioId);
	const report = (result: { variants: ScenarioVariant[]; error?: string }, done: string) => {
		setSaved(result.variants);
		setError(result.error ?? '');
		setStatus(result.error ? '' : done);
	};

	async function save(event: Event) {
		event.preventDefault();
		if (!store) return;
		const variant = current(name || activeName || '');
		report(await store.saveVariant(variant), `Saved "${variant.name}" in this browser.`);
		setName('');
	}

	async function importFile(event: Event) {
		const input = event.target as HTMLInputElement;
		const file = input.files?.[0];
		input.value = '';
		if (!file || !store) return;
		try {
			const variant = await store.importVariantFile(file);
			if (variant.basedOn !== scenarioId) {
				setError(
					`"${file.name}" is a variant of another scenario (${variant.basedOn}); open it on that scenario's page.`
				);
				setStatus('');
				return;
			}
			report(await store.saveVariant(variant), `Imported "${variant.name}". Press Run to try it.`);
			onOpen(variant);
		} catch (problem) {
			setError(
				`"${file.name}" was not imported, and nothing changed: ${problem instanceof Error ? problem.message : String(problem)}`
			);
			setStatus('');
		}
	}

	async function share(variant: ScenarioVariant) {
		if (!store) return;
		const url = await store.shareUrl(variant);
		setLink(url);
		try {
			await navigator.clipboard.writeText(url);
			setStatus(`Link to "${variant.name}" copied.`);
		} catch {
			setStatus(`Copy the link to "${variant.name}" from the box below.`);
		}
		setError('');
	}

	return (
		<details class="variants" open={Boolean(activeName) || undefined}>
			<summary>
				Your variants{mine.length > 0 ? ` (${mine.length})` : ''}
				{activeName ? ` · using "${activeName}"` : ''}
			</summary>
			<form class="field-row" onSubmit={save}>
				<label for="variant-name">Save this version as</label>
				<input
					id="variant-name"
					value={name}
					placeholder={activeName ?? 'My variant'}
					maxLength={80}
					onInput={(event) => setName((event.target as HTMLInputElement).value)}
				/>
				<button type="submit" class="button secondary small-button" disabled={!store || disabled}>
					Save
				</button>
			</form>
			<p class="small muted">
				Saves the trigger code the sandbox runs and the request values of the steps, in this browser
				only.
			</p>
			{mine.length > 0 && (
				<ul class="variant-list">
					{mine.map((variant) => (
						<li key={variant.name}>
							<span class="variant-name">{variant.name}</span>
							<span class="variant-actions">
								<button
									type="button"
									class="button secondary small-button"
									disabled={disabled}
									onClick={() => onOpen(variant)}
									aria-label={`Open ${variant.name}`}
								>
									Open
								</button>
								<button
									type="button"
									class="button secondary small-button"
									onClick={() => store?.exportVariant(variant)}
									aria-label={`Export ${variant.name} as a file`}
								>
									Export
								</button>
								<button
									type="button"
									class="button secondary small-button"
									onClick={() => share(variant)}
									aria-label={`Copy a link to ${variant.name}`}
								>
									Copy link
								</button>
								<button
									type="button"
									class="button secondary small-button"
									onClick={async () =>
										store &&
										report(
											await store.deleteVariant(variant.basedOn, variant.name),
											`Deleted "${variant.name}".`
										)
									}
									aria-label={`Delete ${variant.name}`}
								>
									Delete
								</button>
							</span>
						</li>
					))}
				</ul>
			)}
			<p class="field-row">
				<label for="variant-import">Import a variant file</label>
				<input
					id="variant-import"
					type="file"
					accept=".json,application/json"
					disabled={!store || disabled}
					onChange={importFile}
				/>
			</p>
			{activeName && (
				<p>
					<button
						type="button"
						class="button secondary small-button"
						onClick={onOriginal}
						disabled={disabled}
					>
						Back to the original scenario
					</button>
				</p>
			)}
			{link && (
				<p class="field-row">
					<label for="variant-link">Link</label>
					<input
						id="variant-link"
						readOnly
						value={link}
						onFocus={(event) => (event.target as HTMLInputElement).select()}
					/>
				</p>
			)}
			<p class="small ok-text" role="status">
				{status}
			</p>
			{error && (
				<p class="small error-text" role="alert">
					{error}
				</p>
			)}
		</details>
	);
}
