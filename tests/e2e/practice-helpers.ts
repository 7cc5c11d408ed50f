/** Page helpers shared by the practice and progress specs (Playwright only; reads the built site). */
import { expect, type Page } from '@playwright/test';
import { unpackQuestionBank } from '../../src/lib/quiz/bank';

export interface BankQuestionLite {
	id: string;
	lesson: string;
	type: 'single' | 'multi';
	answer: string[];
	options: Array<{ id: string; text: string; correct: boolean }>;
}

/** The built question bank, as the site serves it. */
export async function loadBank(
	page: Page
): Promise<{ lessons: Array<{ slug: string; title: string }>; questions: BankQuestionLite[] }> {
	const response = await page.request.get('/data/questions.json');
	expect(response.ok()).toBe(true);
	// The file ships packed (no option text or right/wrong flag); the pages unpack it the same way.
	return unpackQuestionBank(await response.json());
}

/** Keys (1-based option positions) that pick the right answer, or a wrong one. */
export function keysFor(question: BankQuestionLite, right: boolean): string[] {
	const positions = question.options.map((option, index) => ({ option, key: String(index + 1) }));
	if (right) return positions.filter((p) => p.option.correct).map((p) => p.key);
	return [positions.find((p) => !p.option.correct)!.key];
}

/** Finds the question on screen from its first option's text. */
export async function currentQuestion(
	page: Page,
	bank: { questions: BankQuestionLite[] }
): Promise<BankQuestionLite> {
	const first = page.locator('.option-text').first();
	await expect(first).toBeVisible();
	const texts = await page.locator('.option-text').allInnerTexts();
	const match = bank.questions.find(
		(q) =>
			q.options.length === texts.length &&
			q.options.every((o, i) => normalise(o.text) === normalise(texts[i]!))
	);
	if (!match) throw new Error(`Question on screen not found in the bank: ${texts[0]}`);
	return match;
}

function normalise(text: string): string {
	return text.replace(/\s+/g, ' ').trim();
}

/** Answers the question on screen with the keyboard only (right or wrong) and waits for the reveal. */
export async function answerWithKeyboard(
	page: Page,
	bank: { questions: BankQuestionLite[] },
	right: boolean
): Promise<BankQuestionLite> {
	const question = await currentQuestion(page, bank);
	for (const key of keysFor(question, right)) await page.keyboard.press(key);
	await page.keyboard.press('Enter');
	await expect(page.getByRole('button', { name: 'Next question' })).toBeVisible();
	await expect(
		page.getByRole('status').filter({ hasText: right ? /^Correct\.$/ : /^Incorrect\./ })
	).toHaveCount(1);
	return question;
}

/** Reads the total number of reviews stated on the Progress page. */
export async function totalReviews(page: Page): Promise<string> {
	await page.goto('/progress/');
	const total = page.getByTestId('total-reviews');
	await expect(total).toBeVisible();
	return (await total.innerText()).trim();
}
