import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { useState } from 'preact/hooks';
import { afterEach, describe, expect, test } from 'vitest';
import { Outcome } from '../../../../src/components/simulator/ConsolePanel';
import { describeEvent } from '../../../../src/components/simulator/EventLog';
import { JsonView } from '../../../../src/components/simulator/JsonView';
import { PanelTabs } from '../../../../src/components/simulator/PanelTabs';
import { SequenceView } from '../../../../src/components/simulator/SequenceView';
import { formatOffset } from '../../../../src/components/simulator/SandboxToolbar';
import type { TraceEvent } from '../../../../src/lib/cognito';

afterEach(cleanup);

const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const token = (claims: object) => `${part({ alg: 'RS256', kid: 'k' })}.${part(claims)}.c2ln`;

describe('Outcome', () => {
	test('shows a service error exactly as returned', () => {
		render(
			<Outcome
				outcome={{
					ok: false,
					error: { type: 'UserNotConfirmedException', message: 'User is not confirmed.' },
				}}
			/>
		);
		expect(screen.getByTestId('outcome-error').textContent).toBe(
			'UserNotConfirmedException: User is not confirmed.'
		);
	});

	test('decodes the tokens in a response into claim tables', () => {
		const response = {
			AuthenticationResult: {
				IdToken: token({ aud: 'client-1', token_use: 'id' }),
				AccessToken: token({ client_id: 'client-1', token_use: 'access' }),
			},
		};
		render(<Outcome outcome={{ ok: true, response }} />);
		const idClaims = screen.getByRole('table', { name: 'Claims of AuthenticationResult.IdToken' });
		expect(within(idClaims).getByRole('rowheader', { name: 'aud' })).toBeTruthy();
		const accessClaims = screen.getByRole('table', {
			name: 'Claims of AuthenticationResult.AccessToken',
		});
		expect(within(accessClaims).getByRole('rowheader', { name: 'client_id' })).toBeTruthy();
		expect(within(accessClaims).queryByRole('rowheader', { name: 'aud' })).toBeNull();
	});
});

describe('SequenceView', () => {
	test('reads as a list of arrows between named lanes', () => {
		const trace: TraceEvent[] = [
			{
				type: 'ApiCall',
				service: 'cognito-idp',
				operation: 'SignUp',
				request: {},
				error: { type: 'InvalidPasswordException', message: 'x' },
				at: 0,
			},
		];
		render(<SequenceView events={trace} />);
		const items = screen.getAllByRole('listitem').map((item) => item.textContent);
		expect(items).toEqual([
			'App to User pool: SignUp',
			'User pool to App: InvalidPasswordException',
		]);
	});

	test('explains itself before anything happened', () => {
		render(<SequenceView events={[]} />);
		expect(screen.getByText(/Calls appear here as they happen/)).toBeTruthy();
	});
});

describe('describeEvent and formatOffset', () => {
	test('summarise trace events and clock offsets in words', () => {
		expect(
			describeEvent({
				type: 'PolicyEvaluated',
				principalArn: 'p',
				action: 's3:PutObject',
				resource: 'arn:aws:s3:::b/k',
				decision: 'Deny',
				at: 0,
			})
		).toEqual({
			kind: 'Policy decision',
			text: 's3:PutObject on arn:aws:s3:::b/k → Deny',
			failed: true,
		});
		expect(formatOffset(0)).toBe('real time');
		expect(formatOffset(90_120_000)).toBe('real time + 1 d 1 h 2 min');
		expect(formatOffset(5 * 60_000)).toBe('real time + 5 min');
	});
});

describe('PanelTabs', () => {
	function Harness() {
		const [selected, setSelected] = useState('a');
		return (
			<PanelTabs
				label="Panels"
				idPrefix="t"
				selected={selected}
				onSelect={setSelected}
				panels={[
					{ id: 'a', title: 'Steps', render: () => <p>steps body</p> },
					{ id: 'b', title: 'Inbox', badge: 2, render: () => <p>inbox body</p> },
					{ id: 'c', title: 'Code', render: () => <p>code body</p> },
				]}
			/>
		);
	}

	test('follows the ARIA tabs pattern: arrows, Home and End move and open; panels render on first open', () => {
		render(<Harness />);
		const list = screen.getByRole('tablist', { name: 'Panels' });
		const tabs = within(list).getAllByRole('tab');
		expect(tabs.map((tab) => tab.getAttribute('aria-selected'))).toEqual([
			'true',
			'false',
			'false',
		]);
		expect(tabs.map((tab) => tab.tabIndex)).toEqual([0, -1, -1]);
		expect(tabs[1]!.textContent).toBe('Inbox2 new');
		expect(screen.getByRole('tabpanel').textContent).toBe('steps body');
		// Not opened yet: not rendered at all (heavy panels load on demand).
		expect(screen.queryByText('code body')).toBeNull();

		fireEvent.keyDown(tabs[0]!, { key: 'ArrowLeft' });
		expect(document.activeElement?.textContent).toBe('Code');
		expect(screen.getByRole('tabpanel').textContent).toBe('code body');
		fireEvent.keyDown(document.activeElement!, { key: 'Home' });
		expect(screen.getByRole('tab', { selected: true }).textContent).toBe('Steps');
		fireEvent.keyDown(document.activeElement!, { key: 'ArrowRight' });
		expect(screen.getByRole('tab', { selected: true }).textContent).toBe('Inbox2 new');
		// The code panel, once opened, stays in the document (hidden) and keeps its state.
		const codePanel = screen.getByText('code body').closest<HTMLElement>('[role=tabpanel]');
		expect(codePanel!.hidden).toBe(true);
		const panel = screen.getByRole('tabpanel');
		expect(panel.getAttribute('aria-labelledby')).toBe(tabs[1]!.id);
	});
});

describe('JsonView', () => {
	test('long strings are shortened with Show all and a copy button', () => {
		const token = 'x'.repeat(300);
		render(<JsonView label="response" value={{ Session: token }} />);
		expect(screen.queryByText(`"${token}"`)).toBeNull();
		const show = screen.getByRole('button', { name: 'Show all of Session (300 characters)' });
		fireEvent.click(show);
		expect(screen.getByText(`"${token}"`)).toBeTruthy();
		expect(show.getAttribute('aria-expanded')).toBe('true');
		expect(screen.getByRole('button', { name: 'Copy Session' })).toBeTruthy();
	});
});
