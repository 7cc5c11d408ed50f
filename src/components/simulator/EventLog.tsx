/** The sandbox trace as a readable log: API calls, trigger invocations (event, response, console.log), messages,
 * tokens with decoded claims, credentials and policy decisions. Newest first. */
import type { TraceEvent } from '../../lib/cognito';
import { JsonView } from './JsonView';

/** One line summarising a trace event. */
export function describeEvent(event: TraceEvent): { kind: string; text: string; failed: boolean } {
	switch (event.type) {
		case 'ApiCall':
			return {
				kind: 'API call',
				text: `${event.service} ${event.operation} → ${event.error ? `${event.error.type}: ${event.error.message}` : 'OK'}`,
				failed: Boolean(event.error),
			};
		case 'TriggerInvoked':
			return {
				kind: 'Lambda trigger',
				text: `${event.trigger} (${event.triggerSource}) → ${event.error ? `${event.error.kind}: ${event.error.message}` : 'returned'} in ${Math.round(event.durationMs)} ms${event.attempts > 1 ? `, ${event.attempts} attempts` : ''}`,
				failed: Boolean(event.error),
			};
		case 'MessageSent':
			return {
				kind: 'Message sent',
				text: `${event.channel} to ${event.destination} (${event.reason})${event.code ? `, code ${event.code}` : ''}`,
				failed: false,
			};
		case 'TokenIssued':
			return {
				kind: 'Token issued',
				text: `${event.tokenUse} token for ${event.username || 'the app client itself (client_credentials)'} (client ${event.clientId})`,
				failed: false,
			};
		case 'CredentialsIssued':
			return {
				kind: 'Credentials issued',
				text: `${event.accessKeyId} for ${event.identityId || 'a web identity'} as ${event.roleArn}`,
				failed: false,
			};
		case 'PolicyEvaluated':
			return {
				kind: 'Policy decision',
				text: `${event.action} on ${event.resource} → ${event.decision}`,
				failed: event.decision === 'Deny',
			};
		case 'SyncEvent':
			return {
				kind: 'Cognito Sync',
				text:
					event.kind === 'notice'
						? String((event.detail as { message?: unknown } | null)?.message ?? 'notice')
						: `${event.kind} event`,
				failed: false,
			};
		case 'WebRequest':
			return {
				kind: 'Web request',
				text: `${event.method} ${event.host}${event.path} → ${event.status} ${event.outcome}`,
				failed: Boolean(event.error),
			};
		case 'RiskEvaluated':
			return {
				kind: 'Threat protection',
				text: `${event.eventType} of ${event.username || 'an unknown user'}: ${event.level === 'NoRisk' ? 'no risk' : `${event.level} risk`} (score ${event.score}) → ${event.action.name}, ${event.outcome === 'AuditOnly' ? 'audit only' : event.outcome}`,
				failed: event.outcome === 'Blocked',
			};
	}
}

function details(event: TraceEvent) {
	switch (event.type) {
		case 'ApiCall':
			return (
				<>
					<JsonView label="request" value={event.request} openDepth={1} />
					{event.error ? (
						<JsonView label="error" value={event.error} />
					) : (
						<JsonView label="response" value={event.response} openDepth={1} />
					)}
				</>
			);
		case 'TriggerInvoked':
			return (
				<>
					<p class="small muted">Function {event.functionArn}</p>
					<JsonView label="event" value={event.event} openDepth={2} />
					{event.error ? (
						<JsonView label="error" value={event.error} />
					) : (
						<JsonView label="response" value={event.response} openDepth={2} />
					)}
					<p class="small">console output{event.logs.length === 0 ? ': none' : ':'}</p>
					{event.logs.length > 0 && (
						<pre class="logs" tabindex={0} aria-label="Console output">
							{event.logs.join('\n')}
						</pre>
					)}
				</>
			);
		case 'TokenIssued':
			return event.claims ? (
				<JsonView label="claims" value={event.claims} />
			) : (
				<p class="small muted">Refresh tokens are opaque (encrypted): no claims to show.</p>
			);
		default:
			return <JsonView label="event" value={event} openDepth={1} />;
	}
}

/** The log; `events` in trace order. */
export function EventLog({ events }: { events: readonly TraceEvent[] }) {
	if (events.length === 0)
		return (
			<p class="muted">
				Nothing has happened yet in this page session. Run a step or a console call.
			</p>
		);
	const shown = events
		.map((event, index) => ({ event, index }))
		.reverse()
		.slice(0, 200);
	return (
		<ol class="event-log" reversed>
			{shown.map(({ event, index }) => {
				const summary = describeEvent(event);
				return (
					<li key={index} class={summary.failed ? 'failed' : undefined}>
						<details>
							<summary>
								<span class="event-kind">{summary.kind}</span>{' '}
								<span class="event-text">{summary.text}</span>
							</summary>
							<div class="event-details">{details(event)}</div>
						</details>
					</li>
				);
			})}
		</ol>
	);
}
