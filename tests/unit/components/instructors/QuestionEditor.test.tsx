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

// Each test renders the whole editor and checks the draft with the build's checker: seconds on a busy machine.
describe('QuestionEditor', { timeout: 30_000 }, () => {
	test('builds a file from the form that the content check accepts, adding Right:/Wrong:', () => {
		render(<QuestionEditor lessons={LESSONS} existingIds={[]} />);
		fillSingle();
		expect(screen.getByText('No problems.')).toBeTruthy();
		const text = screen.getByLabelText('File text').textContent!;
		expect(text).toContain('explanation: "Right: because aud is the claim."');
		expect(text).toContain('explanation: "Wrong: because client_id is not the claim."');
		expect(checkContent([{ path: 'content/questions/tokens/aud-claim.md', text }]).errors).toEqual(
			[]
		);
	});

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
