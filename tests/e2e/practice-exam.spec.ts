/**
 * The exam the learner chooses in Settings drives the mock exam (its length, time and pass line),
 * the planner and custom study; a per-exam mock exam reports by lesson (and says why not by domain
 * while the bank names no domains) and its review filters narrow the list; the timer stays in view
 * on a phone; the planner's "new questions left" counts what was answered today.
 */
import { expect, test } from './fixtures';
import { answerWithKeyboard, currentQuestion, loadBank, respond } from './practice-helpers';

const START = new Date('2026-03-02T09:00:00Z');

test('an SCS-C02 mock exam with the exam chosen in Settings, and its review filters', async ({
	page,
}) => {
	await page.clock.install({ time: START });
	const bank = await loadBank(page);
	await page.goto('/practice/?mode=settings');
	await page.getByRole('combobox', { name: 'My exam' }).selectOption('SCS-C02');
	await page.getByRole('button', { name: 'Save settings' }).click();
	await expect(page.getByText('Settings saved.')).toBeVisible();

	await page.goto('/practice/?mode=custom');
	await expect(page.getByRole('checkbox', { name: 'SCS-C02' })).toBeChecked();

	await page.goto('/practice/?mode=mock');
	await expect(page.getByRole('combobox', { name: 'Exam' })).toHaveValue('SCS-C02');
	await page.getByRole('radio', { name: /^Full exam: 65 questions in 170 minutes/ }).check();
	await expect(page.getByTestId('mock-summary')).toContainText(
		'65 questions in 170 minutes, pass line 750'
	);
	await page.getByRole('radio', { name: /^Short form: 20 questions in 52 minutes/ }).check();
	await page.getByRole('button', { name: 'Start mock exam' }).click();
	await expect(page.getByRole('timer')).toHaveText(/^(52:00|51:[0-5]\d)$/);

	const scs = new Set(bank.questions.filter((q) => q.exams.includes('SCS-C02')).map((q) => q.id));
	const q1 = await currentQuestion(page, bank);
	expect(scs.has(q1.id)).toBe(true);
	await respond(page, q1, true);
	await page.keyboard.press('f');
	await page.getByRole('button', { name: 'Next', exact: true }).click();
	const q2 = await currentQuestion(page, bank);
	expect(scs.has(q2.id)).toBe(true);
	await respond(page, q2, false);

	await page.getByRole('button', { name: 'Submit exam' }).click();
	await page.getByRole('dialog').getByRole('button', { name: 'Submit', exact: true }).click();
	await expect(
		page.getByRole('heading', { name: /^SCS-C02 Mock exam result: \d+ — below the pass line$/ })
	).toBeVisible();
	await expect(page.getByText(/pass line 750 for SCS-C02/)).toBeVisible();
	await expect(page.getByRole('heading', { name: 'By lesson' })).toBeVisible();
	// Every question names its exam-guide domains, so the result breaks down by SCS-C02 domain.
	await expect(page.getByRole('heading', { name: 'By exam-guide domain' })).toBeVisible();

	const items = page.locator('.review-list > li');
	await expect(items).toHaveCount(20);
	await page.getByRole('checkbox', { name: 'Wrong only' }).check();
	await expect(items).toHaveCount(19);
	await page.getByRole('checkbox', { name: 'Wrong only' }).uncheck();
	await page.getByRole('checkbox', { name: 'Flagged only' }).check();
	await expect(items).toHaveCount(1);
	await expect(items.first()).toContainText('Question 1: ✓ right · flagged');
	await page.getByRole('checkbox', { name: 'Flagged only' }).uncheck();
	const lesson = page.getByRole('combobox', { name: 'Lesson' });
	const slug = q2.lesson;
	await lesson.selectOption(slug);
	const inLesson = await items.count();
	expect(inLesson).toBeGreaterThanOrEqual(1);
	await expect(page.getByText(`Showing ${inLesson} question`)).toBeVisible();
});

test('the mock-exam timer stays in view on a phone while the question scrolls', async ({
	page,
}) => {
	await page.setViewportSize({ width: 360, height: 640 });
	await page.goto('/practice/?mode=mock');
	await page.getByRole('button', { name: 'Start mock exam' }).click();
	await expect(page.getByRole('timer')).toBeVisible();
	await page.mouse.wheel(0, 900);
	await expect(page.getByRole('heading', { name: 'Question 1 of 20' })).not.toBeInViewport();
	await expect(page.getByRole('timer')).toBeInViewport();
	const box = await page.getByTestId('mock-bar').boundingBox();
	expect(box!.y).toBeGreaterThanOrEqual(-1);
	expect(box!.y).toBeLessThan(5);
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
});

test('the planner counts the questions answered today as no longer left', async ({ page }) => {
	const bank = await loadBank(page);
	await page.goto('/practice/?mode=planner');
	const date = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);
	await page.getByLabel('Exam date').fill(date);
	await page.getByRole('button', { name: 'Save exam date' }).click();
	await expect(page.getByTestId('new-left')).toHaveText(String(bank.questions.length));
	await page.goto('/practice/?mode=daily');
	for (let i = 0; i < 3; i++) {
		await answerWithKeyboard(page, bank, true);
		await page.keyboard.press('Enter');
	}
	await page.goto('/practice/?mode=planner');
	await expect(page.getByTestId('new-left')).toHaveText(String(bank.questions.length - 3));
	await expect(page.getByRole('heading', { name: 'Readiness on your exam date' })).toBeVisible();
	await expect(page.getByText('little data').first()).toBeVisible();
});
