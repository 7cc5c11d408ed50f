/** A free-form console: call any operation with a JSON body and see the response or the exact service error. */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CallOutcome, JsonObject } from '../../lib/simulator';
import { JsonView } from './JsonView';
import { TokenView } from './TokenView';

const SUGGESTIONS = [
	'ListUserPools',
	'DescribeUserPool',
	'ListUsers',
	'AdminGetUser',
	'SignUp',
	'ConfirmSignUp',
	'InitiateAuth',
	'RespondToAuthChallenge',
	'GetUser',
	'ForgotPassword',
	'ListIdentityPools',
	'DescribeIdentityPool',
	'GetId',
	'GetCredentialsForIdentity',
	'Sandbox.SimulateRequest',
	'Sandbox.AdvanceClock',
];

/** A call put into the console from elsewhere (the token inspector's "use this token"); `id` changes each time. */
export interface ConsoleDraftInput {
	id: number;
	operation: string;
	request: Record<string, unknown>;
}

/** Runs `call(operation, body)` and shows the outcome; a new `draft` replaces the form and focuses it. */
export function ConsolePanel({
	call,
	draft,
}: {
	call(operation: string, request: JsonObject): Promise<CallOutcome>;
	draft?: ConsoleDraftInput;
}) {
	const [operation, setOperation] = useState('ListUserPools');
	const [body, setBody] = useState('{\n  "MaxResults": 10\n}');
	const bodyField = useRef<HTMLTextAreaElement>(null);
	useEffect(() => {
		if (!draft) return;
		setOperation(draft.operation);
		setBody(JSON.stringify(draft.request, null, 2));
		bodyField.current?.focus();
	}, [draft?.id]);
	const [outcome, setOutcome] = useState<CallOutcome | null>(null);
	const [parseError, setParseError] = useState('');
	const [busy, setBusy] = useState(false);

	async function run(event?: Event) {
		event?.preventDefault();
		let request: JsonObject;
		try {
			const parsed: unknown = body.trim() ? JSON.parse(body) : {};
			if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
				throw new Error('The body must be a JSON object');
			request = parsed as JsonObject;
		} catch (error) {
			setParseError(error instanceof Error ? error.message : String(error));
			return;
		}
		setParseError('');
		setBusy(true);
		try {
			setOutcome(await call(operation.trim(), request));
		} finally {
			setBusy(false);
		}
	}

	return (
		<form class="console" onSubmit={run}>
			<div class="field-row">
				<label for="console-operation">Operation</label>
				<input
					id="console-operation"
					list="console-operations"
					value={operation}
					onInput={(event) => setOperation((event.target as HTMLInputElement).value)}
					autocomplete="off"
					spellcheck={false}
				/>
				<datalist id="console-operations">
					{SUGGESTIONS.map((name) => (
						<option key={name} value={name} />
					))}
				</datalist>
			</div>
			<label for="console-body">Request (JSON)</label>
			<textarea
				ref={bodyField}
				id="console-body"
				rows={6}
				spellcheck={false}
				value={body}
				onInput={(event) => setBody((event.target as HTMLTextAreaElement).value)}
				onKeyDown={(event) => {
					if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') run(event);
				}}
				aria-describedby="console-hint"
			/>
			<p id="console-hint" class="small muted">
				Any cognito-idp or cognito-identity operation (prefix <code>cognito-identity:</code> for
				names both have), <code>Sync.*</code>, or <code>Sandbox.SimulateRequest</code>. Ctrl+Enter
				runs.
			</p>
			<div class="button-row">
				<button type="submit" class="button" disabled={busy}>
					{busy ? 'Calling…' : 'Call'}
				</button>
			</div>
			<div aria-live="polite">
				{parseError && <p class="error-text">Not sent: {parseError}</p>}
				{outcome && <Outcome outcome={outcome} />}
			</div>
		</form>
	);
}

/** A call's outcome: the exception name and message exactly as returned, or the response tree and tokens. */
export function Outcome({ outcome }: { outcome: CallOutcome }) {
	if (!outcome.ok) {
		return (
			<div class="outcome error" data-testid="outcome-error">
				<p>
					<strong class="exception">{outcome.error.type}</strong>: {outcome.error.message}
				</p>
			</div>
		);
	}
	return (
		<div class="outcome ok">
			<JsonView label="response" value={outcome.response} />
			<TokenView value={outcome.response} />
		</div>
	);
}
