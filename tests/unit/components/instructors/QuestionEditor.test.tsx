import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, test } from 'vitest';
import QuestionEditor from '../../../../src/components/instructors/QuestionEditor';
import { checkContent } from '../../../../src/schemas/check-content';

afterEach(cleanup);

const LESSONS = [
	{ slug: 'tokens', title: 'Tokens' },
	{ slug: 'user-pools', title: 'User pools' },
];

const type = (label: string | RegExp, value: string) => {
	const field = screen.getByLabelText(label) as HTMLInputElement;
	fireEvent.input(field, { target: { value } });
	fireEvent.blur(field);
};

function fillSingle() {
	fireEvent.change(screen.getByLabelText('Lesson'), { target: { value: 'tokens' } });
	type('Short id', 'aud-claim');
	fireEvent.click(screen.getByRole('checkbox', { name: 'tokens' }));
	fireEvent.click(screen.getByRole('checkbox', { name: 'DVA-C02' }));
	fireEvent.click(screen.getByRole('checkbox', { name: 'DVA-C02 2: Security' }));
	type('Stem', 'Which claim of a Cognito ID token holds the app client ID?');
	['aud', 'client_id', 'scope', 'sub'].forEach((text, index) => {
		const letter = 'ABCD'[index]!;
		type(`Option ${letter} text`, text);
		type(
			new RegExp(`^Why option ${letter} is`),
			`because ${text} is ${index === 0 ? 'the' : 'not the'} claim.`
		);
	});
	fireEvent.click(screen.getByLabelText('Option A is a right answer'));
	type('Explanation', 'ID tokens carry aud.');
	type(
		'Sources',
		'https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-id-token.html'
	);
}

function fillCommon(shortId: string) {
	fireEvent.change(screen.getByLabelText('Lesson'), { target: { value: 'tokens' } });
	type('Short id', shortId);
	fireEvent.click(screen.getByRole('checkbox', { name: 'tokens' }));
	fireEvent.click(screen.getByRole('checkbox', { name: 'DVA-C02' }));
	fireEvent.click(screen.getByRole('checkbox', { name: 'DVA-C02 2: Security' }));
	type('Explanation', 'Each step needs the one before it.');
	type(
		'Sources',
		'https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-flow.html'
	);
}

// Each test renders the whole editor and checks the draft with the build's checker: seconds on a busy machine.
describe('QuestionEditor', { timeout: 30_000 }, () => {
	test('writes an ordering question: positions become the answer, explanations keep no verdict', () => {
		render(<QuestionEditor lessons={LESSONS} existingIds={[]} />);
		fireEvent.click(screen.getByLabelText('Ordering (3–6 steps to put in order)'));
		fireEvent.change(screen.getByLabelText('Number of steps'), { target: { value: '3' } });
		fillCommon('enhanced-flow-order');
		type(
			'Stem',
			'Put the calls of the enhanced identity-pool flow in the order the app makes them.'
		);
		const steps = ['Call GetCredentialsForIdentity', 'Sign in to the user pool', 'Call GetId'];
		steps.forEach((text, index) => {
			const letter = 'ABC'[index]!;
			type(`Step ${letter} text`, text);
			type(`Why step ${letter} comes where it does`, `Because ${text} needs what came before it.`);
		});
		// Positions: B first, C second, A third.
		fireEvent.change(screen.getByLabelText('Position of step B'), { target: { value: '1' } });
		fireEvent.change(screen.getByLabelText('Position of step C'), { target: { value: '2' } });
		fireEvent.change(screen.getByLabelText('Position of step A'), { target: { value: '3' } });
		expect(screen.getByText('No problems.')).toBeTruthy();
		const text = screen.getByLabelText('File text').textContent!;
		expect(text).toContain('type: ordering');
		expect(text).toContain('answer: [b, c, a]');
		expect(text).toContain('explanation: "Because Call GetId needs what came before it."');
		expect(
			checkContent([{ path: 'content/questions/tokens/enhanced-flow-order.md', text }]).errors
		).toEqual([]);
	});

	test('writes a matching question with its targets and pairs', () => {
		render(<QuestionEditor lessons={LESSONS} existingIds={[]} />);
		fireEvent.click(screen.getByLabelText('Matching (3–6 items to 3–8 targets)'));
		fireEvent.change(screen.getByLabelText('Number of items'), { target: { value: '3' } });
		fillCommon('token-destinations');
		type('Stem', 'Match each Cognito token to where the web app sends it.');
		['ID token', 'Access token', 'Refresh token'].forEach((text, index) => {
			const letter = 'ABC'[index]!;
			type(`Item ${letter} text`, text);
			type(`Why item ${letter} matches its target`, `Because the ${text} has one job there.`);
		});
		['Logins map', 'GetUser', 'REFRESH_TOKEN_AUTH'].forEach((text, index) =>
			type(`Target ${index + 1}`, text)
		);
		['t1', 't2', 't3'].forEach((target, index) =>
			fireEvent.change(screen.getByLabelText(`Item ${'ABC'[index]} matches`), {
				target: { value: target },
			})
		);
		expect(screen.getByText('No problems.')).toBeTruthy();
		const text = screen.getByLabelText('File text').textContent!;
		expect(text).toContain('answer: [a=t1, b=t2, c=t3]');
		expect(text).toContain('targets:\n  - id: t1\n    text: "Logins map"');
		expect(
			checkContent([{ path: 'content/questions/tokens/token-destinations.md', text }]).errors
		).toEqual([]);
	});

	test(
		'builds a file from the form that the content check accepts, adding Right:/Wrong:',
		{ timeout: 20_000 },
		() => {
			render(<QuestionEditor lessons={LESSONS} existingIds={[]} />);
			fillSingle();
			expect(screen.getByText('No problems.')).toBeTruthy();
			const text = screen.getByLabelText('File text').textContent!;
			expect(text).toContain('exams: [DVA-C02]\ndomains: [DVA-C02/2]');
			expect(text).toContain('explanation: "Right: because aud is the claim."');
			expect(text).toContain('explanation: "Wrong: because client_id is not the claim."');
			expect(
				checkContent([{ path: 'content/questions/tokens/aud-claim.md', text }]).errors
			).toEqual([]);
		}
	);

	test(
		'offers the domains of the chosen exams and asks for one per exam',
		{ timeout: 20_000 },
		() => {
			render(<QuestionEditor lessons={LESSONS} existingIds={[]} />);
			fillSingle();
			expect(screen.queryByRole('checkbox', { name: /^SCS-C02 4/ })).toBeNull();
			fireEvent.click(screen.getByRole('checkbox', { name: 'SCS-C02' }));
			fireEvent.click(screen.getByRole('button', { name: /^Download/ }));
			expect(document.getElementById('qe-domains-error')?.textContent).toContain(
				'needs at least one SCS-C02 domain'
			);
			fireEvent.click(
				screen.getByRole('checkbox', { name: 'SCS-C02 4: Identity and Access Management' })
			);
			expect(screen.getByText('No problems.')).toBeTruthy();
			// Unticking an exam drops its domains instead of reporting them.
			fireEvent.click(screen.getByRole('checkbox', { name: 'SCS-C02' }));
			expect(screen.getByLabelText('File text').textContent).toContain('domains: [DVA-C02/2]\n');
		}
	);

	test('shows a plain message next to a field, linked with aria-describedby', () => {
		render(<QuestionEditor lessons={LESSONS} existingIds={['tokens/aud-claim']} />);
		fillSingle();
		const shortId = screen.getByLabelText('Short id');
		expect(shortId.getAttribute('aria-invalid')).toBe('true');
		const error = document.getElementById('qe-shortId-error')!;
		expect(shortId.getAttribute('aria-describedby')).toContain('qe-shortId-error');
		expect(error.textContent).toMatchInlineSnapshot(
			`"⚠ Short id must be new, found "tokens/aud-claim", which the bank already uses (ids are never reused)."`
		);

		type('Option B text', 'aud');
		expect(document.getElementById('qe-option-1-text-error')!.textContent).toMatchInlineSnapshot(
			`"⚠ Option B text must differ from every other option, found the same text as option A."`
		);
	});

	test('lists every problem with a link to its field when the download is refused', () => {
		render(<QuestionEditor lessons={LESSONS} existingIds={[]} />);
		fireEvent.click(screen.getByRole('button', { name: /^Download/ }));
		const summary = screen.getByRole('heading', {
			name: /need fixing before the download/,
		}).parentElement!;
		expect(
			within(summary)
				.getAllByRole('link')
				.map((link) => `${link.textContent} → ${link.getAttribute('href')}`)
		).toMatchInlineSnapshot(`
			[
			  "Lesson → #qe-lesson",
			  "Short id → #qe-shortId",
			  "Exams → #qe-exam-DVA-C02",
			  "Exam domains → #qe-domains",
			  "Topics → #qe-topic-overview",
			  "Stem → #qe-stem",
			  "Options and answer → #qe-right-0",
			  "Option A text → #qe-option-0-text",
			  "Option A explanation → #qe-option-0-explanation",
			  "Option B text → #qe-option-1-text",
			  "Option B explanation → #qe-option-1-explanation",
			  "Option C text → #qe-option-2-text",
			  "Option C explanation → #qe-option-2-explanation",
			  "Option D text → #qe-option-3-text",
			  "Option D explanation → #qe-option-3-explanation",
			  "Explanation → #qe-explanation",
			  "Sources → #qe-sources",
			]
		`);
	});
});
