import { expect, test } from './fixtures';
import { answerWithKeyboard, loadBank, totalReviews } from './practice-helpers';

test('a daily review done with the keyboard survives a reload in the middle', async ({ page }) => {
	const problems: string[] = [];
	page.on('pageerror', (error) => problems.push(error.message));
	const bank = await loadBank(page);
	await page.goto('/practice/');
	await expect(page.getByText('New', { exact: true })).toBeVisible();
	await page.getByRole('button', { name: 'Daily review' }).click();

	const first = await answerWithKeyboard(page, bank, true);
	// The first new card is the easiest question of the first lesson.
	const firstLesson = bank.questions.filter((q) => q.lesson === bank.lessons[0]!.slug);
	expect(first.lesson).toBe(bank.lessons[0]!.slug);
	expect(first.difficulty).toBe(Math.min(...firstLesson.map((q) => q.difficulty)));
	await page.keyboard.press('Enter');
	await answerWithKeyboard(page, bank, false);
	// The wrong answer shows the right option's explanation and the chosen option's.
	await expect(page.getByText('✗ Wrong, you chose it')).toBeVisible();
	await expect(page.getByText(/✓ Right answer, you missed it/).first()).toBeVisible();
	await page.keyboard.press(' ');
	await expect(page.getByRole('button', { name: 'Submit answer' })).toBeVisible();

	// Reload in the middle of the session: it resumes, and both answers are still counted.
	await page.reload();
	await expect(page.getByRole('button', { name: 'Submit answer' })).toBeVisible();
	await expect(page.getByText('left today: 0 learning, 0 review, 18 new')).toBeVisible();
	await page.getByRole('button', { name: '← Practice home' }).click();
	const doneToday = page.locator('.counts div').filter({ hasText: 'Done today' }).locator('dd');
	await expect(doneToday).toHaveText('2');
	const newCount = page.locator('.counts div').filter({ hasText: /^New/ }).locator('dd');
	await expect(newCount).toHaveText('18');

	await page.getByRole('button', { name: 'Daily review' }).click();
	const third = await answerWithKeyboard(page, bank, true);
	expect(third.id).not.toBe(first.id);
	await page.getByRole('button', { name: 'Next question' }).click();

	expect(await totalReviews(page)).toBe('3 reviews');
	expect(problems).toEqual([]);
});

test('after the reveal 1–4 rate and move on; a wrong answer can only be Again', async ({
	page,
}) => {
	const bank = await loadBank(page);
	await page.goto('/practice/?mode=daily');
	await answerWithKeyboard(page, bank, false);
	for (const name of ['Hard', 'Good', 'Easy'])
		await expect(page.getByRole('button', { name })).toBeDisabled();
	await expect(page.getByRole('button', { name: 'Again' })).toHaveAttribute('aria-pressed', 'true');
	await page.keyboard.press('1');
	await expect(page.getByRole('button', { name: 'Submit answer' })).toBeVisible();

	await answerWithKeyboard(page, bank, true);
	await expect(page.getByRole('button', { name: 'Good' })).toHaveAttribute('aria-pressed', 'true');
	await page.keyboard.press('4');
	await expect(page.getByRole('button', { name: 'Submit answer' })).toBeVisible();
	expect(await totalReviews(page)).toBe('2 reviews');
});

test('options are radio buttons or check boxes named by their letter and text', async ({
	page,
}) => {
	await page.goto('/practice/?mode=custom');
	await page.getByRole('checkbox', { name: 'Several answers' }).check();
	await page.getByRole('button', { name: 'Start custom study' }).click();
	await expect(page.getByRole('heading', { name: 'Question', exact: true })).toBeVisible();
	const boxes = page.getByRole('checkbox');
	expect(await boxes.count()).toBeGreaterThanOrEqual(5);
	const names = await boxes.evaluateAll((els) =>
		els.map((el) => (el as HTMLInputElement).labels![0]!.innerText.replace(/\s+/g, ' '))
	);
	names.forEach((name, index) =>
		expect(name).toMatch(new RegExp(`^${String.fromCharCode(65 + index)}\\b`))
	);
	await expect(page.getByRole('radio')).toHaveCount(0);
});

test('a lesson link starts a drill of that lesson directly', async ({ page }) => {
	const bank = await loadBank(page);
	const lesson = bank.lessons.find((l) => bank.questions.some((q) => q.lesson === l.slug))!;
	await page.goto(`/practice/?lesson=${lesson.slug}`);
	await expect(page.getByText(`Drill: ${lesson.title}`)).toBeVisible();
	const question = await answerWithKeyboard(page, bank, true);
	expect(question.lesson).toBe(lesson.slug);
});

test('two open tabs both keep their answers', async ({ context }) => {
	const a = await context.newPage();
	const b = await context.newPage();
	const bank = await loadBank(a);
	await a.goto('/practice/?mode=daily');
	await b.goto('/practice/?mode=daily');
	await answerWithKeyboard(a, bank, true);
	await answerWithKeyboard(b, bank, false);
	await a.getByRole('button', { name: 'Next question' }).click();
	await b.getByRole('button', { name: 'Next question' }).click();
	expect(await totalReviews(a)).toBe('2 reviews');
});
