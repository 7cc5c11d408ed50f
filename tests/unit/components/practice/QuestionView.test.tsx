import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { QuestionView } from '../../../../src/components/practice/QuestionView';
import { gradeAnswer } from '../../../../src/lib/quiz/grade';
import { makeQuestion } from '../../../fixtures/practice';

afterEach(cleanup);

describe('QuestionView', () => {
	test('a single-answer question offers radio buttons named by their text', () => {
		const onToggle = vi.fn();
		render(
			<QuestionView
				question={makeQuestion('tokens/a')}
				idPrefix="t"
				selection={[]}
				onToggle={onToggle}
				heading="Question"
			/>
		);
		expect(screen.getAllByRole('radio')).toHaveLength(4);
		expect(screen.queryAllByRole('checkbox')).toHaveLength(0);
		fireEvent.click(screen.getByRole('radio', { name: 'Option c' }));
		expect(onToggle).toHaveBeenCalledWith('c');
		expect(screen.getByText('Choose one answer')).toBeTruthy();
	});

	test('a multiple-response question offers check boxes and says how many to choose', () => {
		render(
			<QuestionView
				question={makeQuestion('tokens/b', { type: 'multi' })}
				idPrefix="t"
				selection={['b']}
				onToggle={() => {}}
				heading="Question"
			/>
		);
		expect(screen.getAllByRole('checkbox')).toHaveLength(5);
		expect((screen.getByRole('checkbox', { name: 'Option b' }) as HTMLInputElement).checked).toBe(
			true
		);
		expect(screen.getByText('Choose two answers')).toBeTruthy();
	});

	test('after the reveal it explains every wrong pick and every right option, not the others', () => {
		const question = makeQuestion('tokens/b', { type: 'multi' });
		const grade = gradeAnswer(question, ['a', 'b']);
		render(
			<QuestionView
				question={question}
				idPrefix="t"
				selection={grade.picked}
				onToggle={() => {}}
				grade={grade}
				heading="✗ Incorrect"
			/>
		);
		expect(screen.getByText('✗ Wrong, you chose it.')).toBeTruthy();
		expect(screen.getByText('✓ Right answer, you chose it.')).toBeTruthy();
		expect(screen.getByText('✓ Right answer, you missed it.')).toBeTruthy();
		expect(screen.getAllByText('Wrong: no.')).toHaveLength(1);
		expect(screen.getAllByText('Right: yes.')).toHaveLength(2);
		expect(screen.queryAllByRole('radio')).toHaveLength(0);
		for (const box of screen.getAllByRole('checkbox'))
			expect((box as HTMLInputElement).disabled).toBe(true);
		expect(screen.getByRole('region', { name: 'Explanation' }).textContent).toContain('Because.');
	});
});
