/**
 * Lambda code: in a scenario, the scenario's functions in the trigger editor; in free play, any function the
 * sandbox knows, plus a form that defines a new one by name.
 */
import { useState } from 'preact/hooks';
import type { ScenarioFunction } from '../../lib/simulator';
import { TriggerEditor } from './TriggerEditor';

interface Props {
	/** The scenario's functions, or undefined in free play. */
	scenarioFunctions?: readonly ScenarioFunction[];
	/** Every function the sandbox knows, with the code it runs. */
	functions: ReadonlyArray<{ arn: string; code: string }>;
	ready: boolean;
	onDeploy(arn: string, code: string): Promise<void>;
}

const STARTER_CODE = `// A Lambda trigger. Name this function's ARN in a pool's LambdaConfig (use the console).
export const handler = async (event) => {
  console.log(event.triggerSource, JSON.stringify(event.request));
  return event;
};
`;

/** The editor for a scenario's functions, or free play's function list. */
export function FunctionsPanel({ scenarioFunctions, functions, ready, onDeploy }: Props) {
	const deployed = Object.fromEntries(functions.map((fn) => [fn.arn, fn.code]));
	if (scenarioFunctions)
		return <TriggerEditor functions={scenarioFunctions} deployed={deployed} onDeploy={onDeploy} />;
	return (
		<FreePlayFunctions
			functions={functions}
			deployed={deployed}
			ready={ready}
			onDeploy={onDeploy}
		/>
	);
}

function FreePlayFunctions({
	functions,
	deployed,
	ready,
	onDeploy,
}: Omit<Props, 'scenarioFunctions'> & { deployed: Record<string, string> }) {
	const [name, setName] = useState('my-trigger');
	const [error, setError] = useState('');
	const editable = functions.map((fn) => ({
		name: fn.arn.split(':function:')[1] ?? fn.arn,
		arn: fn.arn,
		code: fn.code,
	}));
	return (
		<>
			<form
				class="field-row"
				onSubmit={async (event) => {
					event.preventDefault();
					if (!/^[A-Za-z0-9_-]{1,64}$/.test(name)) {
						setError('Use 1–64 letters, digits, hyphens or underscores.');
						return;
					}
					setError('');
					await onDeploy(`arn:aws:lambda:us-east-1:123456789012:function:${name}`, STARTER_CODE);
				}}
			>
				<label for="new-function">New function name</label>
				<input
					id="new-function"
					value={name}
					onInput={(event) => setName((event.target as HTMLInputElement).value)}
					aria-describedby="new-function-error"
				/>
				<button type="submit" class="button secondary small-button" disabled={!ready}>
					Create
				</button>
			</form>
			<p id="new-function-error" class="error-text small">
				{error}
			</p>
			{editable.length > 0 ? (
				<TriggerEditor
					key={editable.map((fn) => fn.arn).join()}
					functions={editable}
					deployed={deployed}
					onDeploy={onDeploy}
				/>
			) : (
				<p class="muted small">
					No functions yet. Create one, then name its ARN in a pool's LambdaConfig from the console.
				</p>
			)}
		</>
	);
}
