import { readFileSync } from 'node:fs';
import { expect, test, type Page } from './fixtures';
// The downloaded file is checked with the build's own checker and the real lessons (as `npm run questions:check` would).
import { checkContent } from '../../src/schemas/check-content';
import { realLessonFiles } from '../fixtures/bank';

const fixture = (name: string) => new URL(`../fixtures/bank/${name}`, import.meta.url).pathname;

/** Waits until the island around `selector` has hydrated (Astro drops the `ssr` attribute then). */
async function hydrated(page: Page, selector: string) {
	await page.locator(selector).scrollIntoViewIfNeeded();
	await expect(page.locator(`astro-island:has(${selector})`)).not.toHaveAttribute('ssr', /.*/);
}

async function downloadedText(page: Page, action: () => Promise<void>) {
	const [download] = await Promise.all([page.waitForEvent('download'), action()]);
	return {
		name: download.suggestedFilename(),
		text: readFileSync((await download.path())!, 'utf8'),
	};
}

test('the editor turns a filled-in form into a file that passes the content check', async ({
	page,
}) => {
	const problems: string[] = [];
	page.on('pageerror', (error) => problems.push(error.message));
	await page.goto('/instructors/');
	await hydrated(page, 'form.editor-form');
	const editor = page.getByRole('region', { name: 'Write a question in the browser' });
	const form = editor.locator('form.editor-form');

	await form.getByLabel('Lesson').selectOption('tokens');
	await form.getByLabel('Short id').fill('e2e-editor-question');
	await form.getByLabel('Multiple response (5–6 options)').check();
	await form.getByRole('checkbox', { name: 'tokens', exact: true }).check();
	await form.getByRole('checkbox', { name: 'jwt-verification', exact: true }).check();
	await form.getByRole('checkbox', { name: 'DVA-C02' }).check();
	await form
		.getByLabel('Stem')
		.fill(
			'An API behind API Gateway receives ID tokens from a user pool and must verify them in its own code. Which two checks are required?'
		);
	const options: Array<[string, string, boolean]> = [
		[
			"Verify the signature with the key from the pool's JWKS URL",
			'the signature proves Cognito issued the token: "kid" picks the key.',
			true,
		],
		[
			'Accept any token whose iss claim starts with https://cognito-idp.',
			"the issuer must equal your own pool's URL exactly.",
			false,
		],
		[
			'Check that aud equals the app client ID',
			'ID tokens carry the app client ID in aud; it shows the token is meant for this app.',
			true,
		],
		[
			'Call GetUser for every request',
			'GetUser takes an access token and adds latency; it is not how an ID token is verified.',
			false,
		],
		[
			'Check the token is less than 30 days old',
			'expiry is checked with exp (one hour by default), not a 30-day rule.',
			false,
		],
	];
	for (const [index, [text, why, right]] of options.entries()) {
		const letter = 'ABCDE'[index]!;
		await form.getByLabel(`Option ${letter} text`).fill(text);
		await form.getByLabel(new RegExp(`^Why option ${letter} is`)).fill(why);
		if (right) await form.getByLabel(`Option ${letter} is a right answer`).check();
	}
	await form
		.getByLabel('Explanation', { exact: true })
		.fill('Verify the signature, issuer, audience and expiry. See [Tokens](/learn/tokens/).');
	await form
		.getByLabel('Sources')
		.fill(
			'https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-tokens-verifying-a-jwt.html'
		);
	await expect(form.getByText('No problems.')).toBeVisible();

	// The preview behaves like Practice: the stem got its "(Choose two.)" and the answer grades.
	const preview = editor.getByRole('region', { name: 'Preview: what students see' });
	await expect(preview.locator('.question-stem')).toContainText('(Choose two.)');
	await preview.getByRole('checkbox', { name: /Verify the signature/ }).check();
	await preview.getByRole('checkbox', { name: /Check that aud equals/ }).check();
	await preview.getByRole('button', { name: 'Submit answer' }).click();
	await expect(preview.getByRole('heading', { name: '✓ Correct' })).toBeVisible();

	const file = await downloadedText(page, () =>
		form.getByRole('button', { name: 'Download e2e-editor-question.md' }).click()
	);
	expect(file.name).toBe('e2e-editor-question.md');
	await expect(
		form.getByText('Save it as content/questions/tokens/e2e-editor-question.md')
	).toBeVisible();
	const report = checkContent([
		...realLessonFiles(),
		{ path: 'content/questions/tokens/e2e-editor-question.md', text: file.text },
	]);
	expect(report.errors.filter((error) => error.startsWith('content/questions'))).toEqual([]);
	expect(report.questions[0]!.data).toMatchObject({
		id: 'tokens/e2e-editor-question',
		type: 'multi',
		answer: ['a', 'c'],
	});
	expect(problems).toEqual([]);
});

test('the editor explains problems next to the fields and refuses to download', async ({
	page,
}) => {
	await page.goto('/instructors/');
	await hydrated(page, 'form.editor-form');
	const form = page.locator('form.editor-form');
	const shortId = form.getByLabel('Short id');
	await shortId.fill('Bad Id');
	await shortId.blur();
	await expect(shortId).toHaveAttribute('aria-invalid', 'true');
	const describedBy = (await shortId.getAttribute('aria-describedby')) ?? '';
	expect(describedBy).toContain('qe-shortId-error');
	await expect(page.locator('#qe-shortId-error')).toContainText('Short id must be kebab-case');

	let downloaded = false;
	page.on('download', () => (downloaded = true));
	await form.getByRole('button', { name: /^Download/ }).click();
	const summary = form.locator('.editor-summary');
	await expect(summary).toBeFocused();
	await expect(summary.getByRole('heading')).toContainText('need fixing before the download');
	await summary.getByRole('link', { name: 'Lesson' }).click();
	await expect(form.getByLabel('Lesson')).toBeFocused();
	expect(downloaded).toBe(false);

	// An id already in the bank is refused: ids are never reused.
	await form.getByLabel('Lesson').selectOption('tokens');
	const taken = (await page.evaluate(() =>
		fetch('/instructors/bank.json').then((r) => r.json())
	)) as { questions: { id: string }[] };
	const existing = taken.questions.find((question) => question.id.startsWith('tokens/'))!.id;
	await shortId.fill(existing.split('/')[1]!);
	await expect(page.locator('#qe-shortId-error')).toContainText('ids are never reused');
});

test('import reports every bad row and offers nothing; a clean file offers the files', async ({
	page,
}) => {
	await page.goto('/instructors/');
	await hydrated(page, '#import-file');
	const picker = page.getByLabel('CSV or GIFT file');
	await picker.setInputFiles(fixture('mixed.csv'));
	const report = page.locator('.import-report');
	await expect(report.getByRole('heading')).toHaveText(
		'9 problems in mixed.csv; no files were made'
	);
	await expect(
		report.getByText(
			'mixed.csv line 3 (tokens/wrong-answer-letter): answer[0]: must be an option id (a–d), found "e"'
		)
	).toBeVisible();
	await expect(report.getByText(/^mixed\.csv line 8 .*also on line 2/)).toBeVisible();
	await expect(page.getByRole('button', { name: /^Download \d+ \.md file/ })).toHaveCount(0);

	await picker.setInputFiles(fixture('good.csv'));
	await expect(report.getByRole('heading')).toHaveText('All 2 questions in good.csv are valid');
	const file = await downloadedText(page, () =>
		page.getByRole('button', { name: 'Download as one GIFT file' }).click()
	);
	expect(file.text).toContain('::tokens/aud-claim-from-sheet::');

	// The CSV template imports cleanly as it is, so instructors start from a valid sheet.
	const [templateDownload] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Download a CSV template' }).click(),
	]);
	expect(templateDownload.suggestedFilename()).toBe('questions-template.csv');
	await picker.setInputFiles({
		name: 'questions-template.csv',
		mimeType: 'text/csv',
		buffer: readFileSync((await templateDownload.path())!),
	});
	await expect(report.getByRole('heading')).toHaveText(
		'All 2 questions in questions-template.csv are valid'
	);
});

test('export downloads an Anki file of one lesson', async ({ page }) => {
	await page.goto('/instructors/');
	const exportForm = page.locator('form.export-panel');
	await hydrated(page, 'form.export-panel');
	await exportForm.getByLabel('Anki notes (.tsv)').check();
	await exportForm.getByLabel('Lesson').selectOption('tokens');
	const button = exportForm.getByRole('button', { name: /^Download \d+ questions? as TSV$/ });
	await expect(button).toBeEnabled();
	const count = Number(/\d+/.exec((await button.textContent())!)![0]);
	const file = await downloadedText(page, () => button.click());
	expect(file.name).toBe('cognito-questions-tokens.tsv');
	const lines = file.text.trimEnd().split('\n');
	expect(lines[0]).toBe('#separator:tab');
	const notes = lines.filter((line) => !line.startsWith('#'));
	expect(notes).toHaveLength(count);
	for (const note of notes) expect(note.split('\t')[3]).toContain('lesson::tokens');
});
