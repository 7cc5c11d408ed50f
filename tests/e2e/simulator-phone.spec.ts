/**
 * The simulator's sample app, driven as a learner would: install it, create an account with the emailed code,
 * sign in, set up an authenticator app with the virtual authenticator, sign in with its code, and call the API
 * through API Gateway (refused, then allowed). Accessibility in both themes and at 360 px.
 */
import { expect, test, type Page } from './fixtures';

const PASSWORD = 'Correct-horse-9';

// Each test installs the app and signs up through the phone: generous on a loaded 2-core machine.
test.describe.configure({ timeout: 240_000 });

/** Opens a panel's tab (the Inbox tab's name may carry a count of new messages). */
async function openTab(page: Page, name: string) {
	await page.getByRole('tab', { name: new RegExp(`^${name}`) }).click();
}

/** Opens the simulator (free play) with an empty sandbox and installs the sample app. */
async function installApp(page: Page) {
	await page.goto('/simulator/');
	await openTab(page, 'Sample app');
	const phone = page.getByRole('group', { name: 'Phone running the sample app' });
	const install = phone.getByRole('button', { name: 'Install the sample app' });
	await expect(install).toBeEnabled({ timeout: 20_000 });
	await install.click();
	await expect(phone.getByRole('heading', { name: 'Sign in' })).toBeVisible({ timeout: 20_000 });
	return phone;
}

/** Creates and confirms an account through the phone, reading the code from the phone's notification. */
async function signUpAndConfirm(page: Page, email: string) {
	const phone = page.getByRole('group', { name: 'Phone running the sample app' });
	await phone.getByRole('button', { name: 'Create an account' }).click();
	await expect(phone.getByRole('heading', { name: 'Create an account' })).toBeFocused();
	await phone.getByLabel('Email').fill(email);
	await phone.getByLabel('Password', { exact: true }).fill(PASSWORD);
	await phone.getByRole('button', { name: 'Create account' }).click();
	await expect(phone.getByRole('heading', { name: 'Confirm your account' })).toBeVisible();
	// The same code is in the simulator's inbox and in the phone's notification.
	await openTab(page, 'Inbox');
	const inboxCode = await page.getByTestId('inbox-code').first().textContent();
	await openTab(page, 'Sample app');
	await expect(phone.getByTestId('phone-notification')).toContainText(inboxCode!);
	await phone.getByLabel('Confirmation code').fill(inboxCode!);
	await phone.getByRole('button', { name: 'Confirm account' }).click();
	await expect(phone.getByRole('status')).toHaveText('Your account is confirmed. Sign in.');
}

async function signIn(page: Page, email: string) {
	const phone = page.getByRole('group', { name: 'Phone running the sample app' });
	await phone.getByLabel('Email').fill(email);
	await phone.getByLabel('Password', { exact: true }).fill(PASSWORD);
	await phone.getByRole('button', { name: 'Sign in' }).click();
}

test('sign-up through the phone: unconfirmed sign-in refused, code from the inbox, then signed in', async ({
	page,
}) => {
	const problems: string[] = [];
	page.on('pageerror', (error) => problems.push(error.message));
	const phone = await installApp(page);
	await signUpAndConfirm(page, 'ana@example.com');
	await signIn(page, 'ana@example.com');
	await expect(phone.getByRole('heading', { name: 'My account' })).toBeVisible();
	await expect(phone.getByTestId('phone-user')).toHaveText('ana@example.com');
	await expect(phone.getByTestId('phone-mfa')).toHaveText('Off: a password is enough to sign in.');
	// Each screen was a real call, in the trace like any other.
	await openTab(page, 'Sequence');
	for (const operation of ['CreateUserPool', 'SignUp', 'ConfirmSignUp', 'InitiateAuth', 'GetUser'])
		await expect(page.locator('.seq-row').filter({ hasText: operation }).first()).toBeVisible();

	await phone.getByRole('button', { name: 'Sign out everywhere' }).click();
	await expect(phone.getByRole('heading', { name: 'Sign in' })).toBeFocused();
	await expect(phone.getByRole('status')).toContainText('Signed out everywhere');
	await expect(page.locator('.seq-row').filter({ hasText: 'GlobalSignOut' }).first()).toBeVisible();

	// A second account that skips the code cannot sign in.
	await phone.getByRole('button', { name: 'Create an account' }).click();
	await phone.getByLabel('Email').fill('bo@example.com');
	await phone.getByLabel('Password', { exact: true }).fill(PASSWORD);
	await phone.getByRole('button', { name: 'Create account' }).click();
	await phone.getByRole('button', { name: 'Back to sign in' }).click();
	await signIn(page, 'bo@example.com');
	await expect(phone.getByTestId('phone-error')).toHaveText(
		'UserNotConfirmedException: User is not confirmed.'
	);
	expect(problems).toEqual([]);
});

test('SMS MFA: the texted code arrives as a notification on the phone and finishes the sign-in', async ({
	page,
}) => {
	const phone = await installApp(page);
	await signUpAndConfirm(page, 'fa@example.com');
	await signIn(page, 'fa@example.com');
	await phone.getByRole('button', { name: 'Text me a code at sign-in' }).click();
	await phone.getByLabel('Mobile number').fill('+15555550123');
	await phone.getByRole('button', { name: 'Save and turn on' }).click();
	await expect(phone.getByTestId('phone-mfa')).toHaveText('On: text messages');
	await phone.getByRole('button', { name: 'Sign out everywhere' }).click();
	await signIn(page, 'fa@example.com');
	await expect(phone.getByText('Enter the code we texted to')).toBeVisible();
	const text = phone.getByTestId('phone-notification');
	await expect(text).toContainText('Text message');
	await text.getByRole('button', { name: /^Use code \d{6}$/ }).click();
	await phone.getByRole('button', { name: 'Verify' }).click();
	await expect(phone.getByRole('heading', { name: 'My account' })).toBeVisible();
});

test('TOTP: enrol with the virtual authenticator, then sign in with its code', async ({ page }) => {
	const phone = await installApp(page);
	await signUpAndConfirm(page, 'cy@example.com');
	await signIn(page, 'cy@example.com');
	await phone.getByRole('button', { name: 'Set up an authenticator app' }).click();
	await expect(phone.getByRole('heading', { name: 'Authenticator app' })).toBeFocused();
	await expect(
		phone.getByRole('img', { name: /QR code for Sample app: cy@example.com/ })
	).toBeVisible();
	await expect(phone.getByTestId('totp-secret')).toHaveText(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/);
	await phone.getByRole('button', { name: 'Add to the virtual authenticator' }).click();
	const code = page.getByTestId('authenticator-code');
	await expect(code).toHaveText(/^\d{3} \d{3}$/);
	await phone.getByLabel('Code from the app').fill((await code.textContent())!.replace(' ', ''));
	await phone.getByRole('button', { name: 'Verify and turn on' }).click();
	await expect(phone.getByTestId('phone-mfa')).toHaveText('On: authenticator app');

	await phone.getByRole('button', { name: 'Sign out everywhere' }).click();
	// Cognito accepts each code once: the sandbox clock moves on to the authenticator's next codes.
	const used = await code.textContent();
	await page.getByRole('button', { name: 'Fast-forward 5 min' }).click();
	await expect(code).not.toHaveText(used!);
	await signIn(page, 'cy@example.com');
	await expect(phone.getByRole('heading', { name: 'Verify it is you' })).toBeVisible();
	await expect(
		phone.getByText('Enter the 6-digit code from your authenticator app.')
	).toBeVisible();
	await phone.getByLabel('Code').fill((await code.textContent())!.replace(' ', ''));
	await phone.getByRole('button', { name: 'Verify' }).click();
	await expect(phone.getByRole('heading', { name: 'My account' })).toBeVisible();
	await openTab(page, 'Sequence');
	await expect(
		page.locator('.seq-row').filter({ hasText: 'RespondToAuthChallenge' }).first()
	).toBeVisible();
});

test('API Gateway: refused without a token and with an ID token on a scoped method, allowed with the right token', async ({
	page,
}) => {
	const phone = await installApp(page);
	await signUpAndConfirm(page, 'di@example.com');
	await signIn(page, 'di@example.com');
	const decision = phone.getByTestId('api-decision');
	const callApi = async (path: string, token: string) => {
		await phone.getByLabel('Endpoint (API Gateway, Cognito authorizer)').selectOption(path);
		await phone.getByLabel('Send in Authorization').selectOption({ label: token });
		await phone.getByRole('button', { name: 'Call the API' }).click();
	};
	await callApi('/profile', 'No token');
	await expect(decision).toContainText(
		'Refused: GET /profile with no token → UnauthorizedException: Unauthorized'
	);
	await callApi('/profile', 'ID token');
	await expect(decision).toContainText('Allowed: GET /profile with id token → HTTP 200');
	await decision.getByText('Claims the authorizer passed to the backend').click();
	await expect(decision.getByText('di@example.com')).toBeVisible();
	await callApi('/orders', 'ID token');
	await expect(decision).toContainText(
		'Refused: GET /orders with id token → UnauthorizedException'
	);
	await callApi('/orders', 'Access token');
	await expect(decision).toContainText('Allowed: GET /orders with access token');
});

for (const theme of ['light', 'dark'] as const) {
	test(`the sample app has no WCAG 2.2 AA violations and fits 360 px (${theme} theme)`, async ({
		page,
	}) => {
		test.setTimeout(180_000);
		const { default: AxeBuilder } = await import('@axe-core/playwright');
		await page.emulateMedia({ colorScheme: theme });
		await page.setViewportSize({ width: 360, height: 800 });
		const phone = await installApp(page);
		await signUpAndConfirm(page, 'ed@example.com');
		await signIn(page, 'ed@example.com');
		await callApiOnce(phone);
		await phone.getByRole('button', { name: 'Set up an authenticator app' }).click();
		await phone.getByRole('button', { name: 'Add to the virtual authenticator' }).click();
		const scan = async () => {
			const results = await new AxeBuilder({ page })
				.include('.phone-layout')
				.withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'])
				.analyze();
			return results.violations.map(
				(violation) =>
					`${violation.id}: ${violation.nodes
						.map((node) => node.target.join(' '))
						.slice(0, 3)
						.join(', ')}`
			);
		};
		expect(await scan()).toEqual([]);
		const overflow = await page.evaluate(
			() => document.documentElement.scrollWidth - document.documentElement.clientWidth
		);
		expect(overflow).toBeLessThanOrEqual(0);
		await phone.getByRole('button', { name: 'Cancel' }).click();
		await page.evaluate(() =>
			document
				.querySelectorAll('.phone details')
				.forEach((element) => ((element as HTMLDetailsElement).open = true))
		);
		expect(await scan()).toEqual([]);
	});
}

async function callApiOnce(phone: ReturnType<Page['getByRole']>) {
	await phone.getByRole('button', { name: 'Call the API' }).click();
	await expect(phone.getByTestId('api-decision')).toContainText('Allowed');
}
