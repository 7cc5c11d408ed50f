import { cleanup, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, test } from 'vitest';
import { Outcome } from '../../../../src/components/simulator/ConsolePanel';
import { describeEvent } from '../../../../src/components/simulator/EventLog';
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
