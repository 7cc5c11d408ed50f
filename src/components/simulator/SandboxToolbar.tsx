/**
 * The sandbox's controls: the "runs locally" promise, seed and Reset sandbox, the sandbox clock with
 * fast-forward, and notices (save refused, worker restarted, scenario started over).
 */
import { useEffect, useState } from 'preact/hooks';
import { newSeed } from '../../client/simulator-client';
import type { SimulatorState } from './use-simulator';

const FAST_FORWARD: Array<[label: string, ms: number]> = [
	['+5 min', 5 * 60_000],
	['+1 h', 3_600_000],
	['+1 day', 86_400_000],
];

/** "real time + 1 h 5 min" for a clock offset in milliseconds. */
export function formatOffset(ms: number): string {
	if (ms <= 0) return 'real time';
	const minutes = Math.round(ms / 60_000);
	const days = Math.floor(minutes / 1440);
	const hours = Math.floor((minutes % 1440) / 60);
	const rest = minutes % 60;
	const parts = [days && `${days} d`, hours && `${hours} h`, rest && `${rest} min`].filter(Boolean);
	return `real time + ${parts.join(' ') || `${Math.round(ms / 1000)} s`}`;
}

interface Props {
	sim: SimulatorState;
	/** Something is running (controls that would interfere are disabled). */
	busy: boolean;
	/** Starts an empty sandbox with `seed`. */
	onReset(seed: number): void;
	/** Speaks a result through the page's live region. */
	announce(text: string): void;
	/** A notice from the page (shown with the sandbox's own). */
	notice: string;
}

/** The toolbar card at the top of the simulator. */
export function SandboxToolbar({ sim, busy, onReset, announce, notice }: Props) {
	const { client, status } = sim;
	const [seedInput, setSeedInput] = useState('');
	useEffect(() => setSeedInput(String(status.seed)), [status.seed]);

	async function fastForward(ms: number | null) {
		const offset = ms === null ? 0 : status.offsetMs + ms;
		await client.setOffset(offset);
		announce(`Sandbox clock: ${formatOffset(offset)}.`);
	}

	return (
		<section class="sim-toolbar card" aria-label="Sandbox">
			<p class="sim-local">
				<strong>Everything runs locally in your browser.</strong> No AWS account, nothing sent
				anywhere: the sandbox, its emails and its Lambda code run in a background worker on this
				page and are saved in this browser.
			</p>
			<div class="sim-controls">
				<form
					class="seed-form"
					onSubmit={(event) => {
						event.preventDefault();
						const seed = Number.parseInt(seedInput, 10);
						onReset(Number.isFinite(seed) && seed > 0 ? seed : newSeed());
					}}
				>
					<label for="sim-seed">Seed</label>
					<input
						id="sim-seed"
						inputMode="numeric"
						size={8}
						value={seedInput}
						onInput={(event) => setSeedInput((event.target as HTMLInputElement).value)}
					/>
					<button type="submit" class="button secondary" disabled={!sim.ready || busy}>
						Reset sandbox
					</button>
				</form>
				<div class="clock" role="group" aria-label="Sandbox clock">
					<span>
						Clock: <strong data-testid="clock-offset">{formatOffset(status.offsetMs)}</strong>
					</span>
					{FAST_FORWARD.map(([label, ms]) => (
						<button
							key={label}
							type="button"
							class="button secondary small-button"
							disabled={!sim.ready}
							onClick={() => fastForward(ms)}
							aria-label={`Fast-forward ${label.slice(1)}`}
						>
							{label}
						</button>
					))}
					<button
						type="button"
						class="button secondary small-button"
						disabled={!sim.ready || status.offsetMs === 0}
						onClick={() => fastForward(null)}
					>
						Real time
					</button>
				</div>
			</div>
			<p class="small muted clock-hint">
				Fast-forward to watch things expire: challenge sessions after 3 min (+5 min), ID and access
				tokens after 1 h (+1 h), confirmation codes after 24 h (+1 day).
			</p>
			{(sim.notice || notice) && (
				<p class="sim-notice" role="alert">
					{sim.notice} {notice}
				</p>
			)}
			{!sim.ready && !sim.notice && <p class="muted">Starting the sandbox…</p>}
		</section>
	);
}
