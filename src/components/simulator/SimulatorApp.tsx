/**
 * Island root of /simulator/: a thin shell that starts the sandbox worker, holds the scenario session and lays
 * out the panels (toolbar, scenario and steps, inbox, sequence, Lambda code, event log, console). Each panel is
 * its own component with plain props.
 */
import { useState } from 'preact/hooks';
import type { JsonObject } from '../../lib/simulator';
import { ConsolePanel } from './ConsolePanel';
import { EventLog } from './EventLog';
import { FunctionsPanel } from './FunctionsPanel';
import { InboxPanel } from './InboxPanel';
import { SandboxToolbar } from './SandboxToolbar';
import { ScenarioPanel, SYNC_NOTICE } from './ScenarioPanel';
import { SequenceView } from './SequenceView';
import {
	useOldScenarioLinks,
	useScenarioSession,
	type PageScenario,
	type ScenarioSummary,
} from './use-scenario-session';
import { useSimulator } from './use-simulator';
import './simulator.css';

export type { PageScenario, ScenarioSummary } from './use-scenario-session';

interface Props {
	/** The scenario of this page (a scenario page passes one; the free-play page none). */
	scenarios: PageScenario[];
	/** Every published scenario, for the picker. */
	catalog: ScenarioSummary[];
}

/** The simulator island (rendered client-only by src/pages/simulator.astro and src/pages/simulator/[id].astro). */
export default function SimulatorApp({ scenarios, catalog }: Props) {
	useOldScenarioLinks(scenarios, catalog);
	const sim = useSimulator();
	const { client, status } = sim;
	const [announcement, setAnnouncement] = useState('');
	const [notice, setNotice] = useState('');
	const run = useScenarioSession(sim, scenarios, setAnnouncement, setNotice);
	const { scenario } = run;

	const deploy = (arn: string, code: string) => client.defineFunction(arn, code);
	const consoleCall = (operation: string, request: JsonObject) => client.call(operation, request);

	return (
		<div class="simulator" aria-busy={run.busy ? 'true' : 'false'}>
			<SandboxToolbar
				sim={sim}
				busy={Boolean(run.busy)}
				onReset={run.resetSandbox}
				announce={setAnnouncement}
				notice={notice}
			/>

			<div class="sim-live sr-only" aria-live="polite" role="status">
				{announcement}
			</div>

			<div class="sim-grid">
				<section class="sim-scenario card" aria-labelledby="scenario-heading">
					<h2 id="scenario-heading">Scenario</h2>
					<ScenarioPanel
						catalog={catalog}
						run={run}
						ready={sim.ready}
						onReset={() => run.resetSandbox(status.seed)}
					/>
				</section>

				<div class="sim-side">
					<section class="card" aria-labelledby="inbox-heading">
						<h2 id="inbox-heading">Inbox</h2>
						<div aria-live="polite" data-testid="inbox">
							<InboxPanel messages={status.outbox} />
						</div>
					</section>
					<section class="card" aria-labelledby="sequence-heading">
						<h2 id="sequence-heading">Sequence</h2>
						<SequenceView events={sim.trace} />
					</section>
					{(!scenario || scenario.functions.length > 0) && (
						<section class="card" aria-labelledby="editor-heading">
							<h2 id="editor-heading">{scenario ? 'Trigger code' : 'Lambda functions'}</h2>
							<FunctionsPanel
								scenarioFunctions={scenario?.functions}
								functions={status.functions}
								ready={sim.ready}
								onDeploy={deploy}
							/>
						</section>
					)}
				</div>
			</div>

			<section class="card" aria-labelledby="log-heading">
				<h2 id="log-heading">Event log</h2>
				<p class="small muted">
					From the sandbox trace for this page visit: API calls, Lambda invocations (event,
					response, console output), messages, tokens, credentials and policy decisions.
				</p>
				<EventLog events={sim.trace} />
			</section>

			<section class="card" aria-labelledby="console-heading">
				<h2 id="console-heading">Console</h2>
				<details class="sync-notice">
					<summary>Cognito Sync in the console</summary>
					<p>{SYNC_NOTICE}</p>
				</details>
				<ConsolePanel call={consoleCall} />
			</section>
		</div>
	);
}
