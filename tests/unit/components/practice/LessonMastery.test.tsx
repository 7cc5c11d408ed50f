import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { createSchedulerConfig } from '../../../../src/lib/srs/defaults';
import { makeQuestion, review } from '../../../fixtures/practice';

const now = Date.now();
const log = [review('tokens/a', now - 60_000, 4), review('tokens/b', now - 60_000, 1)];

vi.mock('../../../../src/client/practice-store', () => ({
	loadQuestionBank: async () => ({
		version: 1,
		lessons: [
			{ slug: 'tokens', title: 'Tokens', order: 1, url: '/learn/tokens/' },
			{ slug: 'user-pools', title: 'User pools', order: 2, url: null },
		],
		questions: [makeQuestion('tokens/a'), makeQuestion('tokens/b'), makeQuestion('tokens/c')],
	}),
	openPracticeStore: async () => ({
		read: async () => ({ log, settings: createSchedulerConfig(), examDate: null, backup: null }),
		subscribe: () => () => {},
	}),
	newEntryId: () => 'x',
}));

afterEach(cleanup);

describe('LessonMastery', () => {
	test('shows seen questions and predicted recall per lesson, with drill links', async () => {
		const { default: LessonMastery } =
			await import('../../../../src/components/practice/LessonMastery');
		render(
			<LessonMastery
				lessons={[
					{ slug: 'tokens', title: 'Tokens' },
					{ slug: 'user-pools', title: 'User pools' },
				]}
			/>
		);
		await waitFor(() => expect(screen.getByRole('heading', { name: 'Your mastery' })).toBeTruthy());
		expect(screen.getByRole('link', { name: 'Practise Tokens' }).getAttribute('href')).toBe(
			'/practice/?lesson=tokens'
		);
		expect(screen.getByText(/2 of 3 questions seen/)).toBeTruthy();
		expect(screen.getByText('User pools: no questions yet')).toBeTruthy();
		const values = screen.getAllByText(/^\d+ %/).map((el) => el.textContent);
		expect(values).toHaveLength(2);
		expect(Number.parseInt(values[0]!, 10)).toBeGreaterThan(50);
		expect(values[1]).toBe('0 %');
	});
});
