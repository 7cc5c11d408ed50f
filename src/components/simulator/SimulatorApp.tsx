/**
 * Island root of /simulator/: a thin shell that starts the sandbox worker, holds the scenario session and lays
 * out the panels. On a wide screen the steps (and the app) sit on the left and what happens (sequence, inbox,
 * tokens, code, log, console) in tabs on the right; on a phone every panel is one tab of a single sticky tab
 * list, so the steps are always one tab away. Each panel is its own component with plain props.
 */
import { useState } from 'preact/hooks';
import type { JsonObject } from '../../lib/simulator';
import { ConsolePanel, type ConsoleDraftInput } from './ConsolePanel';
import { EventLog } from './EventLog';
import { FunctionsPanel } from './FunctionsPanel';
import { InboxPanel } from './InboxPanel';
import { PanelTabs, type Panel } from './PanelTabs';
import { PhonePanel } from './phone/PhonePanel';
import { SandboxToolbar } from './SandboxToolbar';
import { ScenarioPanel, SYNC_NOTICE } from './ScenarioPanel';
import { SequenceView } from './SequenceView';
import { ThreatPanel } from './ThreatPanel';
import { TokenInspector } from './TokenInspector';
import { useMediaQuery } from './use-media-query';
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

/** Below this width every panel is a tab of one tab list. */
const PHONE = '(max-width: 47.99rem)';

/** The simulator island (rendered client-only by src/pages/simulator.astro and src/pages/simulator/[id].astro). */
export default function SimulatorApp({ scenarios, catalog }: Props) {
	useOldScenarioLinks(scenarios, catalog);
	const sim = useSimulator();
	const { client, status } = sim;
	const [announcement, setAnnouncement] = useState('');
	const [notice, setNotice] = useState('');
	const run = useScenarioSession(sim, scenarios, setAnnouncement, setNotice);
	const { scenario } = run;
	const phone = useMediaQuery(PHONE);
	const [doTab, setDoTab] = useState('steps');
	const [seeTab, setSeeTab] = useState('sequence');
	const [phoneTab, setPhoneTab] = useState('steps');
	// Messages arrive while the learner looks elsewhere: the Inbox tab counts the ones not seen yet.
	const [seenMessages, setSeenMessages] = useState(status.outbox.length);
	const inboxOpen = phone ? phoneTab === 'inbox' : seeTab === 'inbox';
	if (inboxOpen && seenMessages !== status.outbox.length) setSeenMessages(status.outbox.length);

	const [consoleDraft, setConsoleDraft] = useState<ConsoleDraftInput>();

	const deploy = (arn: string, code: string) => client.defineFunction(arn, code);
	const consoleCall = (operation: string, request: JsonObject) => client.call(operation, request);
	const openPanel = (id: string) => (phone ? setPhoneTab(id) : setSeeTab(id));
	/** GETs a JSON document inside the sandbox (a pool's JWKS), as an app or API would. */
	async function fetchJson(url: string): Promise<unknown> {
		const outcome = await client.call('Sandbox.HttpRequest', { Url: url });
		if (!outcome.ok) throw new Error(`${outcome.error.type}: ${outcome.error.message}`);
		return (outcome.response as { Body?: unknown }).Body;
	}

	const doPanels: Panel[] = [
		{
			id: 'steps',
			title: 'Steps',
			render: () => (
				<section class="sim-scenario" aria-labelledby="scenario-heading">
					<h2 id="scenario-heading">Scenario</h2>
					<ScenarioPanel
						catalog={catalog}
						run={run}
						ready={sim.ready}
						onReset={() => run.resetSandbox(status.seed)}
					/>
				</section>
			),
		},
		{
			id: 'app',
			title: 'Sample app',
			render: () => (
				<section aria-labelledby="phone-heading">
					<h2 id="phone-heading">Sample app</h2>
					<PhonePanel client={client} status={status} ready={sim.ready} />
				</section>
			),
		},
	];
	const seePanels: Panel[] = [
		{
			id: 'sequence',
			title: 'Sequence',
			render: () => (
				<section aria-labelledby="sequence-heading">
					<h2 id="sequence-heading">Sequence</h2>
					<SequenceView events={sim.trace} />
				</section>
			),
		},
		{
			id: 'inbox',
			title: 'Inbox',
			badge: inboxOpen ? 0 : status.outbox.length - seenMessages,
			render: () => (
				<section aria-labelledby="inbox-heading">
					<h2 id="inbox-heading">Inbox</h2>
					<div aria-live="polite" data-testid="inbox">
						<InboxPanel messages={status.outbox} />
					</div>
				</section>
			),
		},
		{
			id: 'tokens',
			title: 'Tokens',
			render: () => (
				<section aria-labelledby="tokens-heading">
					<h2 id="tokens-heading">Token inspector</h2>
					<TokenInspector
						events={sim.trace}
						offsetMs={status.offsetMs}
						fetchJson={fetchJson}
						onUse={(draft) => {
							setConsoleDraft({ ...draft, id: (consoleDraft?.id ?? 0) + 1 });
							openPanel('console');
						}}
					/>
				</section>
			),
		},
		{
			id: 'risk',
			title: 'Risk',
			render: () => (
				<section aria-labelledby="risk-heading">
					<h2 id="risk-heading">Threat protection</h2>
					<ThreatPanel events={sim.trace} ready={sim.ready} call={consoleCall} />
				</section>
			),
		},
		{
			id: 'code',
			title: 'Code',
			render: () => (
				<section aria-labelledby="editor-heading">
					<h2 id="editor-heading">{scenario ? 'Trigger code' : 'Lambda functions'}</h2>
					{scenario && scenario.functions.length === 0 ? (
						<p class="muted">This scenario defines no Lambda functions.</p>
					) : (
						<FunctionsPanel
							key={scenario?.id ?? ''}
							scenarioFunctions={scenario?.functions}
							functions={status.functions}
							ready={sim.ready}
							onDeploy={deploy}
						/>
					)}
				</section>
			),
		},
		{
			id: 'log',
			title: 'Log',
			render: () => (
				<section aria-labelledby="log-heading">
					<h2 id="log-heading">Event log</h2>
					<p class="small muted">
						From the sandbox trace for this page visit: API calls, web requests, Lambda invocations
						(event, response, console output), messages, tokens, credentials and policy decisions.
						{sim.traceDropped > 0 &&
							` The ${sim.traceDropped} oldest events were dropped to keep the page light.`}
					</p>
					<EventLog events={sim.trace} />
				</section>
			),
		},
		{
			id: 'console',
			title: 'Console',
			render: () => (
				<section aria-labelledby="console-heading">
					<h2 id="console-heading">Console</h2>
					<details class="sync-notice">
						<summary>Cognito Sync in the console</summary>
						<p>{SYNC_NOTICE}</p>
					</details>
					<ConsolePanel call={consoleCall} draft={consoleDraft} />
				</section>
			),
		},
	];

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

			{phone ? (
				<PanelTabs
					label="Simulator panels"
					idPrefix="sim"
					class="card sim-phone-tabs"
					panels={[...doPanels, ...seePanels]}
					selected={phoneTab}
					onSelect={setPhoneTab}
				/>
			) : (
				<div class="sim-grid">
					<PanelTabs
						label="What you do"
						idPrefix="sim-do"
						class="card"
						panels={doPanels}
						selected={doTab}
						onSelect={setDoTab}
					/>
					<PanelTabs
						label="What happens"
						idPrefix="sim-see"
						class="card"
						panels={seePanels}
						selected={seeTab}
						onSelect={setSeeTab}
					/>
				</div>
			)}
		</div>
	);
}
