/**
 * The token inspector: every JWT the app received, its header and claims explained, its signature verified
 * against the pool's JWKS (fetched from the token's own issuer, inside the sandbox), the time it has left on the
 * sandbox clock, a copy button and "use this token" for the next console call.
 */
import { useEffect, useState } from 'preact/hooks';
import type { TraceEvent } from '../../lib/cognito';
import {
	HEADER_NOTES,
	explainClaim,
	expiryAt,
	formatDuration,
	jwksUrl,
	nextCallWith,
	tokensInTrace,
	verifySignature,
	type ConsoleDraft,
	type SeenToken,
	type SignatureCheck,
} from '../../lib/simulator/token-inspection';
import { Breakable } from './Breakable';
import { CopyButton } from './CopyButton';
import { formatClaim } from './TokenView';

interface Props {
	events: readonly TraceEvent[];
	/** The sandbox clock's offset from real time. */
	offsetMs: number;
	/** GETs a JSON document inside the sandbox (the pool's JWKS). */
	fetchJson(url: string): Promise<unknown>;
	/** Puts a call into the console. */
	onUse(draft: ConsoleDraft): void;
}

const USE_NAMES = { id: 'ID token', access: 'Access token', other: 'Token' } as const;

/** The inspector over the trace's tokens, newest first. */
export function TokenInspector({ events, offsetMs, fetchJson, onUse }: Props) {
	const tokens = tokensInTrace(events);
	const [chosenToken, setChosenToken] = useState('');
	const chosen = tokens.find((token) => token.token === chosenToken) ?? tokens[0];
	if (!chosen)
		return (
			<p class="muted">
				No tokens yet. Sign in (run a step, use the app, or call InitiateAuth in the console) and
				every token the app receives appears here, explained and verified.
			</p>
		);
	const draft = nextCallWith(chosen, events);
	return (
		<div class="token-inspector">
			<label for="token-picker">Token</label>
			<select
				id="token-picker"
				value={chosen.token}
				onChange={(event) => setChosenToken((event.target as HTMLSelectElement).value)}
			>
				{tokens.map((token, index) => (
					<option key={token.token} value={token.token}>
						{index === 0 ? 'Newest: ' : ''}
						{USE_NAMES[token.use]} of {token.subject} ({token.source})
					</option>
				))}
			</select>
			<div class="button-row">
				<CopyButton value={chosen.token} label={USE_NAMES[chosen.use]} />
				{draft && (
					<button type="button" class="button secondary small-button" onClick={() => onUse(draft)}>
						Use this token in the console ({draft.operation})
					</button>
				)}
			</div>
			<Signature key={chosen.token} token={chosen} fetchJson={fetchJson} />
			<Countdown claims={chosen.decoded.claims} offsetMs={offsetMs} />
			<Explained
				caption="Header"
				entries={Object.entries(chosen.decoded.header)}
				explain={(name) => HEADER_NOTES.get(name) ?? 'A header field.'}
			/>
			<Explained
				caption="Claims"
				entries={Object.entries(chosen.decoded.claims)}
				explain={explainClaim}
			/>
		</div>
	);
}

/** Fetches the issuer's JWKS and verifies the signature once per token. */
function Signature({
	token,
	fetchJson,
}: {
	token: SeenToken;
	fetchJson(url: string): Promise<unknown>;
}) {
	const url = jwksUrl(token.decoded.claims);
	const [check, setCheck] = useState<SignatureCheck | null>(null);
	useEffect(() => {
		let current = true;
		if (!url) {
			setCheck({
				valid: false,
				reason: 'The token has no iss claim, so there is no JWKS to check.',
			});
			return;
		}
		fetchJson(url)
			.then((jwks) => verifySignature(token.token, jwks))
			.catch((error: unknown) => ({
				valid: false as const,
				reason: `The JWKS could not be fetched: ${error instanceof Error ? error.message : String(error)}`,
			}))
			.then((result) => current && setCheck(result));
		return () => {
			current = false;
		};
	}, [token.token]);
	return (
		<p
			class={`token-check ${check ? (check.valid ? 'passed' : 'failed') : ''}`}
			role="status"
			data-testid="signature-check"
		>
			{!check
				? 'Checking the signature…'
				: check.valid
					? `✓ Signature verified with key ${check.kid} of the pool's JWKS.`
					: `✗ Not verified: ${check.reason}`}
			{url && (
				<>
					{' '}
					<span class="small muted">
						Keys from <code>{url}</code>
					</span>
				</>
			)}
		</p>
	);
}

/** Time left before `exp` on the sandbox clock, ticking each second. */
function Countdown({ claims, offsetMs }: { claims: Record<string, unknown>; offsetMs: number }) {
	const [realNow, setRealNow] = useState(() => Date.now());
	useEffect(() => {
		const timer = setInterval(() => setRealNow(Date.now()), 1000);
		return () => clearInterval(timer);
	}, []);
	const expiry = expiryAt(claims, realNow + offsetMs);
	return (
		<p class={`token-expiry ${expiry.state}`} data-testid="token-expiry">
			{expiry.state === 'valid'
				? `Expires in ${formatDuration(expiry.secondsLeft)} on the sandbox clock.`
				: expiry.state === 'expired'
					? `Expired ${formatDuration(expiry.secondsAgo)} ago on the sandbox clock: the pool and any API verifying it refuse it now. Refresh the tokens or sign in again.`
					: 'No exp claim.'}
		</p>
	);
}

/** Header fields or claims with their values and what they mean. */
function Explained({
	caption,
	entries,
	explain,
}: {
	caption: string;
	entries: Array<[string, unknown]>;
	explain(name: string): string;
}) {
	return (
		<div class="table-scroll">
			<table class="claims explained">
				<caption>{caption}</caption>
				<thead>
					<tr>
						<th scope="col">Name</th>
						<th scope="col">Value and meaning</th>
					</tr>
				</thead>
				<tbody>
					{entries.map(([name, value]) => (
						<tr key={name}>
							<th scope="row">
								<code>
									<Breakable text={name} />
								</code>
							</th>
							<td>
								<code>{formatClaim(name, value)}</code>
								<span class="claim-note">{explain(name)}</span>
							</td>
						</tr>
					))}
				</tbody>
			</table>
		</div>
	);
}
