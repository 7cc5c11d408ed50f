/** The outbox: every email and SMS the sandbox "sent", newest first, with the code picked out. */
import type { InboxMessage } from '../../lib/simulator';

/** Lists messages; empty state explains where codes come from. */
export function InboxPanel({ messages }: { messages: readonly InboxMessage[] }) {
	if (messages.length === 0) {
		return (
			<p class="muted">
				No messages yet. Confirmation, verification and MFA codes arrive here; nothing leaves your
				browser.
			</p>
		);
	}
	return (
		<ol class="inbox" reversed tabindex={0} aria-label="Messages, newest first">
			{[...messages].reverse().map((message, index) => (
				<li key={`${message.at}-${index}`} class="inbox-message">
					<p class="inbox-meta">
						<strong>{message.channel === 'EMAIL' ? 'Email' : 'SMS'}</strong> to{' '}
						{message.destination} · {message.reason} ·{' '}
						<time dateTime={new Date(message.at).toISOString()}>
							{new Date(message.at).toLocaleTimeString()}
						</time>
					</p>
					{message.subject && <p class="inbox-subject">{message.subject}</p>}
					<p class="inbox-body">{message.body}</p>
					{message.code && (
						<p class="inbox-code">
							Code: <code data-testid="inbox-code">{message.code}</code>
						</p>
					)}
				</li>
			))}
		</ol>
	);
}
