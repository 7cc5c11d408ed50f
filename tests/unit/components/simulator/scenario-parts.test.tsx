import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { PredictChoice } from '../../../../src/components/simulator/PredictChoice';
import { RequestEditor } from '../../../../src/components/simulator/RequestEditor';
import type { Prediction, StepResult } from '../../../../src/lib/simulator';

afterEach(cleanup);

const predict: Prediction = {
	prompt: 'What does SignUp return?',
	choices: [
		{ outcome: 'success', label: 'The user is created', explain: 'The policy is met, but…' },
		{
			outcome: 'InvalidPasswordException',
			label: 'InvalidPasswordException',
			explain: 'The password is in breach lists.',
		},
	],
};

const failedWith = (type: string): StepResult =>
	({
		stepId: 'weakSignUp',
		passed: true,
		verdict: `Failed with ${type}, as expected.`,
		outcome: { ok: false, error: { type, message: 'Provided password cannot be used.' } },
	}) as StepResult;

describe('PredictChoice', () => {
	test('offers the choices as radio buttons and reports the pick', () => {
		const onPick = vi.fn();
		render(<PredictChoice stepId="s" predict={predict} disabled={false} onPick={onPick} />);
		expect(screen.getByRole('group', { name: /What does SignUp return/ })).toBeTruthy();
		fireEvent.click(screen.getByLabelText('InvalidPasswordException'));
		expect(onPick).toHaveBeenCalledWith('InvalidPasswordException');
		expect(screen.getByText('Pick what you expect, then run the step.')).toBeTruthy();
	});

	test('grades a wrong pick against what happened and explains both', () => {
		render(
			<PredictChoice
				stepId="s"
				predict={predict}
				picked="success"
				result={failedWith('InvalidPasswordException')}
				disabled={false}
				onPick={() => {}}
			/>
		);
		expect(screen.getByRole('status').textContent).toContain(
			'Not this time: you predicted "The user is created", and the app received InvalidPasswordException.'
		);
		expect(screen.getByText('The password is in breach lists.')).toBeTruthy();
		expect(screen.getByText('The policy is met, but…')).toBeTruthy();
		expect((screen.getByLabelText(/The user is created/) as HTMLInputElement).disabled).toBe(true);
	});

	test('a right pick says so', () => {
		render(
			<PredictChoice
				stepId="s"
				predict={predict}
				picked="InvalidPasswordException"
				result={failedWith('InvalidPasswordException')}
				disabled={false}
				onPick={() => {}}
			/>
		);
		expect(screen.getByRole('status').textContent).toContain('Right: InvalidPasswordException.');
	});
});

describe('RequestEditor', () => {
	test('applies valid JSON objects and reports anything else without applying it', () => {
		const onChange = vi.fn();
		render(
			<RequestEditor
				stepId="signUp"
				request={{ Username: 'priya' }}
				edited={false}
				disabled={false}
				onChange={onChange}
				onRestore={() => {}}
			/>
		);
		const box = screen.getByLabelText(/Request body/) as HTMLTextAreaElement;
		fireEvent.input(box, { target: { value: '{"Username": "zara"}' } });
		expect(onChange).toHaveBeenLastCalledWith({ Username: 'zara' });
		fireEvent.input(box, { target: { value: '{"Username": ' } });
		fireEvent.input(box, { target: { value: '[1, 2]' } });
		expect(onChange).toHaveBeenCalledTimes(1);
		expect(screen.getByText(/Not applied: the request must be a JSON object/)).toBeTruthy();
	});
});

describe('RequestEditor, when the request changes from outside', () => {
	test('shows the new request (a variant opened) but keeps what the learner typed', () => {
		const props = { stepId: 's', edited: false, disabled: false, onRestore: () => {} };
		const { rerender } = render(
			<RequestEditor {...props} request={{ Username: 'priya' }} onChange={() => {}} />
		);
		const box = () => screen.getByLabelText(/Request body/) as HTMLTextAreaElement;
		rerender(<RequestEditor {...props} request={{ Username: 'zara' }} onChange={() => {}} />);
		expect(box().value).toContain('"zara"');
		// Typing compact JSON that applies keeps the learner's formatting.
		fireEvent.input(box(), { target: { value: '{"Username":"lee"}' } });
		rerender(<RequestEditor {...props} request={{ Username: 'lee' }} onChange={() => {}} />);
		expect(box().value).toBe('{"Username":"lee"}');
	});
});
