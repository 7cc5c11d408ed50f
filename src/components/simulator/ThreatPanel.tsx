/**
 * Threat protection: set the client context of a sign-in (which device, from where) and see what the risk engine
 * made of it: each factor with its points, the score, the level, the configured action and what happened. Shows
 * every decision in the trace, so scenario steps with threat protection appear here too.
 */
import { useState } from 'preact/hooks';
import type { TraceEvent } from '../../lib/cognito';
import type { CallOutcome, JsonObject } from '../../lib/simulator';
import {
	createThreatDemo,
	DEVICES,
	PLACES,
	riskEvaluations,
	signInFrom,
	type RiskEvaluation,
	type ThreatDemo,
} from '../../lib/simulator/threat-demo';
import { Breakable } from './Breakable';

interface Props {
	events: readonly TraceEvent[];
	ready: boolean;
	call(operation: string, request: JsonObject): Promise<CallOutcome>;
}

const OUTCOMES: Record<RiskEvaluation['outcome'], string> = {
	Allowed: 'Allowed: the sign-in went ahead.',
	MfaChallenge: 'MFA challenge: the user must prove it is them with a second factor.',
	Blocked: 'Blocked: the sign-in failed.',
	AuditOnly: 'Audit only: recorded, but nothing was done (AUDIT mode).',
};

/** The panel: a protected pool to try, the client context form, and the latest decision. */
export function ThreatPanel({ events, ready, call }: Props) {
	const [demo, setDemo] = useState<ThreatDemo>();
	const [device, setDevice] = useState(DEVICES[0]!.id);
	const [place, setPlace] = useState(PLACES[0]!.ip);
	const [busy, setBusy] = useState(false);
	const [result, setResult] = useState('');
	const evaluations = riskEvaluations(events);
	const latest = evaluations[0];

	async function act(work: () => Promise<string>) {
		setBusy(true);
		try {
			setResult(await work());
		} catch (error) {
			setResult(error instanceof Error ? error.message : String(error));
		} finally {
			setBusy(false);
		}
	}

	return (
		<div class="threat-panel">
			<p class="small">
				Threat protection (Plus plan) scores each sign-in: a new device, a new country, travel
				faster than a plane, recent wrong passwords. The score gives a risk level, and the level the
				action the pool configured.
			</p>
			{!demo ? (
				<button
					type="button"
					class="button secondary"
					disabled={!ready || busy}
					onClick={() =>
						act(async () => {
							const created = await createThreatDemo(call);
							setDemo(created);
							return `Created the pool ${created.userPoolId} (ENFORCED: low risk allow and notify, medium MFA if set up, high block) and the user ${created.username}. Sign in once to set the baseline.`;
						})
					}
				>
					Set up a protected pool to try
				</button>
			) : (
				<form
					class="threat-form"
					onSubmit={(event) => {
						event.preventDefault();
						act(async () => {
							const outcome = await signInFrom(
								call,
								demo,
								PLACES.find((item) => item.ip === place)!,
								DEVICES.find((item) => item.id === device)!
							);
							if (!outcome.ok) return `${outcome.error.type}: ${outcome.error.message}`;
							const response = outcome.response as { ChallengeName?: string };
							return response.ChallengeName
								? `The pool answered with the challenge ${response.ChallengeName}.`
								: 'Signed in: tokens issued.';
						});
					}}
				>
					<p class="small">
						Sign in as <code>{demo.username}</code> to <code>{demo.userPoolId}</code> with this
						client context (sent as <code>UserContextData</code>):
					</p>
					<div class="field-row">
						<label for="threat-device">Device</label>
						<select
							id="threat-device"
							value={device}
							onChange={(event) => setDevice((event.target as HTMLSelectElement).value)}
						>
							{DEVICES.map((item) => (
								<option key={item.id} value={item.id}>
									{item.label} ({item.id})
								</option>
							))}
						</select>
					</div>
					<div class="field-row">
						<label for="threat-place">Place</label>
						<select
							id="threat-place"
							value={place}
							onChange={(event) => setPlace((event.target as HTMLSelectElement).value)}
						>
							{PLACES.map((item) => (
								<option key={item.ip} value={item.ip}>
									{item.label} ({item.ip})
								</option>
							))}
						</select>
					</div>
					<button type="submit" class="button" disabled={!ready || busy}>
						Sign in from here
					</button>
				</form>
			)}
			<p role="status" class="small" data-testid="threat-result">
				{result}
			</p>
			{latest ? (
				<Decision evaluation={latest} count={evaluations.length} />
			) : (
				<p class="muted">No threat protection decisions yet in this page visit.</p>
			)}
		</div>
	);
}

/** One RiskEvaluated event, explained. */
function Decision({ evaluation, count }: { evaluation: RiskEvaluation; count: number }) {
	const { context } = evaluation;
	const where = [context.city, context.country].filter(Boolean).join(', ') || 'an unknown place';
	return (
		<section
			class={`card-inset risk-decision ${evaluation.outcome.toLowerCase()}`}
			aria-labelledby="risk-decision-heading"
			data-testid="risk-decision"
		>
			<h3 id="risk-decision-heading" class="small-heading">
				Latest decision ({count} so far): {evaluation.eventType} of {evaluation.username || '?'}
			</h3>
			<dl class="risk-facts">
				<dt>Client context</dt>
				<dd>
					{context.ipAddress} ({where}, from {context.ipSource}),{' '}
					{context.deviceId
						? `device ${context.deviceId}${context.deviceName ? ` (${context.deviceName})` : ''}`
						: 'no device data'}
					{context.notes.map((note) => (
						<span class="claim-note" key={note}>
							{note}
						</span>
					))}
				</dd>
				<dt>Risk level</dt>
				<dd>
					<strong>{evaluation.level === 'NoRisk' ? 'No risk' : evaluation.level}</strong> (score{' '}
					{evaluation.score}; under 20 no risk, 20–44 low, 45–69 medium, 70 or more high)
				</dd>
				<dt>Action</dt>
				<dd>
					<code>{evaluation.action.name}</code> ({evaluation.action.source}), mode{' '}
					<code>{evaluation.mode}</code>
					{evaluation.notified && `, email ${evaluation.notified} sent to the user`}
				</dd>
				<dt>Outcome</dt>
				<dd>{OUTCOMES[evaluation.outcome]}</dd>
			</dl>
			<table class="claims explained">
				<caption>Factors</caption>
				<thead>
					<tr>
						<th scope="col">Factor</th>
						<th scope="col">Points and why</th>
					</tr>
				</thead>
				<tbody>
					{evaluation.factors.map((factor) => (
						<tr key={factor.factor}>
							<th scope="row">
								<Breakable text={factor.factor} />
							</th>
							<td>
								{factor.points}
								<span class="claim-note">{factor.reason}</span>
							</td>
						</tr>
					))}
				</tbody>
			</table>
		</section>
	);
}
