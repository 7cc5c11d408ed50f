/**
 * The virtual authenticator beside the phone: each enrolled secret with its current six-digit code on the
 * sandbox clock (so fast-forwarding the clock changes the code, as it would on a device whose clock moved).
 */
import { useEffect, useState } from 'preact/hooks';
import { currentCode, type AuthenticatorEntry } from '../../../lib/simulator/phone';

export function Authenticator({
	entries,
	now,
	onRemove,
}: {
	entries: AuthenticatorEntry[];
	now(): number;
	onRemove(secret: string): void;
}) {
	const [time, setTime] = useState(now);
	useEffect(() => {
		const timer = setInterval(() => setTime(now()), 1000);
		return () => clearInterval(timer);
	}, [now]);
	if (entries.length === 0)
		return (
			<p class="muted small">
				No accounts yet. When the app shows a QR code, choose “Add to the virtual authenticator” (or
				scan it with a real authenticator app).
			</p>
		);
	return (
		<ul class="authenticator" aria-label="Accounts in the virtual authenticator">
			{entries.map((entry) => {
				const { code, secondsLeft } = currentCode(entry.secret, time);
				return (
					<li key={entry.secret} class="authenticator-entry">
						<p class="authenticator-account">
							<strong>{entry.issuer}</strong> · {entry.account}
						</p>
						<p class="authenticator-code">
							<code data-testid="authenticator-code">
								{code.slice(0, 3)} {code.slice(3)}
							</code>
							<span class="small muted"> {secondsLeft} s left</span>
						</p>
						<button
							type="button"
							class="button secondary small-button"
							onClick={() => onRemove(entry.secret)}
							aria-label={`Remove ${entry.issuer} ${entry.account}`}
						>
							Remove
						</button>
					</li>
				);
			})}
		</ul>
	);
}
