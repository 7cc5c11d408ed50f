import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { QuestionView } from '../../../../src/components/practice/QuestionView';
import { gradeAnswer } from '../../../../src/lib/quiz/grade';
import { presentation } from '../../../../src/lib/quiz/shuffle';
import { makeQuestion } from '../../../fixtures/practice';

afterEach(cleanup);

describe('QuestionView', () => {
	test('a single-answer question offers radio buttons named by their text', () => {
		const onRespond = vi.fn();
		const question = makeQuestion('tokens/a');
		render(
			<QuestionView
				question={question}
				view={presentation(question, 9)}
				idPrefix="t"
				selection={[]}
				onRespond={onRespond}
				heading="Question"
			/>
		);
		expect(screen.getAllByRole('radio')).toHaveLength(4);
		expect(screen.queryAllByRole('checkbox')).toHaveLength(0);
		// Radios are named "<letter on screen>. <text>"; the letter follows the shuffle.
		const letter = String.fromCharCode(65 + presentation(question, 9).options.indexOf('c'));
		fireEvent.click(screen.getByRole('radio', { name: new RegExp(`^${letter}\\.\\s*Option c$`) }));
		expect(onRespond).toHaveBeenCalledWith({ kind: 'pick', optionId: 'c' });
		expect(screen.getByText('Choose one answer')).toBeTruthy();
	});

	test('a multiple-response question offers check boxes and says how many to choose', () => {
		const question = makeQuestion('tokens/b', { type: 'multi' });
		render(
			<QuestionView
				question={question}
				view={{ seed: 0, options: ['a', 'b', 'c', 'd', 'e'], targets: [] }}
				idPrefix="t"
				selection={['b']}
				onRespond={() => {}}
				heading="Question"
			/>
		);
		expect(screen.getAllByRole('checkbox')).toHaveLength(5);
		expect(
			(screen.getByRole('checkbox', { name: /^B\.\s*Option b$/ }) as HTMLInputElement).checked
		).toBe(true);
		expect(screen.getByText('Choose two answers')).toBeTruthy();
	});

	test('after the reveal wrong picks and right options are explained openly, the others one click away', () => {
		const question = makeQuestion('tokens/b', { type: 'multi' });
		const grade = gradeAnswer(question, ['a', 'b']);
		render(
			<QuestionView
				question={question}
				view={{ seed: 0, options: ['e', 'd', 'c', 'b', 'a'], targets: [] }}
				idPrefix="t"
				selection={grade.picked}
				onRespond={() => {}}
				grade={grade}
				heading="✗ Incorrect"
			/>
		);
		expect(screen.getByText('✗ Wrong, you chose it.')).toBeTruthy();
		expect(screen.getByText('✓ Right answer, you chose it.')).toBeTruthy();
		expect(screen.getByText('✓ Right answer, you missed it.')).toBeTruthy();
		// a (a wrong pick) open; c and e behind "Why not?", closed; b and d open.
		expect(screen.getAllByText('Right: yes.')).toHaveLength(2);
		const whyNot = screen.getAllByText(/^Why not [A-E]\?$/);
		expect(whyNot.map((el) => el.textContent)).toEqual(['Why not A?', 'Why not C?']);
		for (const summary of whyNot)
			expect((summary.parentElement as HTMLDetailsElement).open).toBe(false);
		expect(screen.getAllByText('Wrong: no.')).toHaveLength(3);
		expect(screen.queryAllByRole('radio')).toHaveLength(0);
		for (const box of screen.getAllByRole('checkbox'))
			expect((box as HTMLInputElement).disabled).toBe(true);
		expect(screen.getByRole('region', { name: 'Explanation' }).textContent).toContain('Because.');
	});
});
