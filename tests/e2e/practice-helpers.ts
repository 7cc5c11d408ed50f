/** Page helpers shared by the practice and progress specs (Playwright only; reads the built site). */
import { expect, type Page } from '@playwright/test';
import { unpackQuestionBank } from '../../src/lib/quiz/bank';

export interface BankQuestionLite {
	id: string;
	lesson: string;
	type: 'single' | 'multi' | 'ordering' | 'matching';
	difficulty: number;
	exams: string[];
	answer: string[];
	options: Array<{ id: string; text: string; correct: boolean }>;
	targets?: Array<{ id: string; text: string }>;
}

/** A question as it is on screen: the bank question and its option ids in display order. */
export type ShownQuestion = BankQuestionLite & { shown: string[] };

/** The built question bank, as the site serves it. */
export async function loadBank(
	page: Page
): Promise<{ lessons: Array<{ slug: string; title: string }>; questions: BankQuestionLite[] }> {
	const response = await page.request.get('/data/questions.json');
	expect(response.ok()).toBe(true);
	// The file ships packed (no option text or right/wrong flag); the pages unpack it the same way.
	return unpackQuestionBank(await response.json());
}

/** Keys (1-based positions on screen) that answer right, or wrong; none for matching. */
export function keysFor(question: ShownQuestion, right: boolean): string[] {
	const key = (id: string) => String(question.shown.indexOf(id) + 1);
	if (question.type === 'ordering') {
		const order = right ? question.answer : [...question.answer].reverse();
		return order.map(key);
	}
	if (question.type === 'matching') return [];
	if (right) return question.shown.filter((id) => question.answer.includes(id)).map(key);
	return [key(question.shown.find((id) => !question.answer.includes(id))!)];
}

/** Finds the question on screen from its option texts (in any order) and reads the order shown. */
export async function currentQuestion(
	page: Page,
	bank: { questions: BankQuestionLite[] }
): Promise<ShownQuestion> {
	const options = page.locator('.question .options [data-option]');
	await expect(options.first()).toBeVisible();
	// Ids and texts are read in one go, so a question changing in between cannot mix them up.
	const rows = await options.evaluateAll((els) =>
		els.map((el) => [
			(el as HTMLElement).dataset.option!,
			(el.querySelector('.option-text') as HTMLElement).innerText,
		])
	);
	const shown = rows.map(([id]) => id!);
	const texts = rows.map(([, text]) => normalise(text!.replace(/^[A-F]\.\s*/, '')));
	const match = bank.questions.find(
		(q) =>
			q.options.length === texts.length &&
			shown.every((id, i) => normalise(q.options.find((o) => o.id === id)?.text ?? '') === texts[i])
	);
	if (!match) throw new Error(`Question on screen not found in the bank: ${texts[0]}`);
	return { ...match, shown };
}

function normalise(text: string): string {
	return text.replace(/\s+/g, ' ').trim();
}

/** Answers the question on screen (keys for choice and ordering; the selects for matching). */
export async function respond(page: Page, question: ShownQuestion, right: boolean): Promise<void> {
	if (question.type === 'matching') {
		const pairs = new Map(question.answer.map((pair) => pair.split('=') as [string, string]));
		const targets = question.targets!.map((t) => t.id);
		for (const option of question.options) {
			const target = pairs.get(option.id)!;
			const chosen = right ? target : targets.find((t) => t !== target)!;
			await page.locator(`[data-option="${option.id}"] select`).selectOption(chosen);
		}
		await page.locator('.question').first().focus();
		return;
	}
	if (question.type === 'multi') {
		// Toggle each box whose state differs from the answer wanted (a restored answer may be checked).
		const wanted = new Set(keysFor(question, right));
		const boxes = page.locator('.question .options [data-option] input');
		for (let i = 0; i < question.shown.length; i++) {
			const key = String(i + 1);
			if ((await boxes.nth(i).isChecked()) !== wanted.has(key)) await page.keyboard.press(key);
		}
		return;
	}
	for (const key of keysFor(question, right)) await page.keyboard.press(key);
}

/** Answers the question on screen (right or wrong), submits with Enter and waits for the reveal. */
export async function answerWithKeyboard(
	page: Page,
	bank: { questions: BankQuestionLite[] },
	right: boolean
): Promise<ShownQuestion> {
	await expect(page.getByRole('button', { name: 'Submit answer' })).toBeVisible();
	const question = await currentQuestion(page, bank);
	await respond(page, question, right);
	if (question.type === 'matching')
		await page.getByRole('button', { name: 'Submit answer' }).click();
	else await page.keyboard.press('Enter');
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
