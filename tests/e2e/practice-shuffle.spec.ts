/**
 * Option order is shuffled for every presentation and judged by content: keyboard keys follow the
 * order on screen, the log keeps option ids with the seed of the order shown, and after the reveal
 * every option is explained (wrong picks and right answers open, the others one click away).
 */
import { expect, test, type Page } from './fixtures';
import { answerWithKeyboard, currentQuestion, loadBank } from './practice-helpers';

/** The review rows in the browser's store. */
async function reviewRows(page: Page) {
	return page.evaluate(async () => {
		const open = indexedDB.open('cognito-study-practice');
		const db: IDBDatabase = await new Promise(
			(resolve) => (open.onsuccess = () => resolve(open.result))
		);
		const rows: Array<Record<string, unknown>> = await new Promise((resolve) => {
			const request = db.transaction('log').objectStore('log').getAll();
			request.onsuccess = () => resolve(request.result);
		});
		db.close();
		return rows.filter((row) => row.kind === 'review');
	});
}

test('a shuffled daily review answered with the keyboard logs option ids and the shuffle seed', async ({
	page,
}) => {
	const bank = await loadBank(page);
	await page.goto('/practice/?mode=daily');
	const shown: string[][] = [];
	const answered = [];
	for (let i = 0; i < 5; i++) {
		const question = await answerWithKeyboard(page, bank, i % 2 === 0);
		answered.push(question);
		shown.push(question.shown);
		await page.keyboard.press('Enter');
	}
	// Shuffled: not every question shows its options in the file's order (a, b, c, d…).
	expect(shown.some((ids) => ids.join() !== [...ids].sort().join())).toBe(true);
	const rows = await reviewRows(page);
	expect(rows).toHaveLength(5);
	for (const [index, question] of answered.entries()) {
		const row = rows.find((r) => r.cardId === question.id)!;
		expect(typeof row.seed).toBe('number');
		if (question.type === 'single' || question.type === 'multi') {
			// The picks are the option ids of the right answer (or a wrong one), never screen letters.
			if (index % 2 === 0) expect(row.picked).toEqual([...question.answer].sort());
			else expect((row.picked as string[]).some((id) => !question.answer.includes(id))).toBe(true);
		}
	}
});

test('after a wrong answer the picks and right answers are explained; the others are one click away', async ({
	page,
}) => {
	const bank = await loadBank(page);
	await page.goto('/practice/?mode=custom');
	await page.getByRole('checkbox', { name: 'One answer' }).check();
	await page.getByRole('button', { name: 'Start custom study' }).click();
	const question = await answerWithKeyboard(page, bank, false);
	await expect(page.getByText('✗ Wrong, you chose it')).toBeVisible();
	await expect(page.getByText('✓ Right answer, you missed it')).toBeVisible();
	// Two options neither picked nor right: closed, each behind "Why not <letter>?".
	const whyNot = page.locator('details.why-not');
	await expect(whyNot).toHaveCount(2);
	const other = question.shown.find(
		(id, index) =>
			!question.answer.includes(id) &&
			index !== question.shown.indexOf(question.shown.find((x) => !question.answer.includes(x))!)
	)!;
	const letter = String.fromCharCode(65 + question.shown.indexOf(other));
	const summary = page.getByText(`Why not ${letter}?`);
	await summary.click();
	await expect(summary.locator('..')).toHaveAttribute('open', '');
});

test('ordering and matching questions: keys place steps in order, selects match items', async ({
	page,
}) => {
	const bank = await loadBank(page);
	await page.goto('/practice/?mode=custom');
	await page.getByRole('checkbox', { name: 'Put in order' }).check();
	await page.getByRole('button', { name: 'Start custom study' }).click();
	const ordering = await currentQuestion(page, bank);
	expect(ordering.type).toBe('ordering');
	// Submitting before every step is placed asks for the rest.
	await page.keyboard.press('1');
	await page.keyboard.press('Enter');
	await expect(page.getByRole('status').filter({ hasText: 'Place every step first.' })).toHaveCount(
		1
	);
	await page.keyboard.press('1');
	await answerWithKeyboard(page, bank, true);
	await expect(page.getByRole('heading', { name: '✓ Correct' })).toBeVisible();
	await expect(page.getByText('The right order')).toBeVisible();

	await page.goto('/practice/?mode=custom');
	await page.getByRole('checkbox', { name: 'Match pairs' }).check();
	await page.getByRole('button', { name: 'Start custom study' }).click();
	const matching = await answerWithKeyboard(page, bank, false);
	expect(matching.type).toBe('matching');
	await expect(page.getByRole('heading', { name: '✗ Incorrect' })).toBeVisible();
	await expect(page.getByText(/^✗ You chose/).first()).toBeVisible();
	const rows = await reviewRows(page);
	const row = rows.find((r) => r.cardId === matching.id)!;
	expect(row.picked).toEqual([]);
	expect((row.pairs as string[]).length).toBe(matching.options.length);
});
