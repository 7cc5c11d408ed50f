import { chromium } from 'playwright-core';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking','--disable-component-update','--disable-sync','--disable-quic','--no-first-run'] });
for (const [w, scheme] of [[360,'dark'],[1280,'light']]) {
  const p = await b.newPage({ viewport: { width: w, height: 900 }, colorScheme: scheme });
  await p.goto('http://localhost:4413/simulator/');
  const phone = p.getByRole('group', { name: 'Phone running the sample app' });
  await phone.getByRole('button', { name: 'Install the sample app' }).click({ timeout: 60000 });
  await phone.getByRole('button', { name: 'Create an account' }).click({ timeout: 60000 });
  await phone.getByLabel('Email').fill('ana@example.com');
  await phone.getByLabel('Password', { exact: true }).fill('Correct-horse-9');
  await phone.getByRole('button', { name: 'Create account' }).click();
  await phone.getByTestId('phone-notification').waitFor({ timeout: 60000 });
  await phone.screenshot({ path: `/tmp/sp-confirm-${w}.png` });
  await phone.getByRole('button', { name: /Use code/ }).click();
  await phone.getByRole('button', { name: 'Confirm account' }).click();
  await phone.getByRole('status').filter({ hasText: 'confirmed' }).waitFor();
  await phone.getByLabel('Password', { exact: true }).fill('Correct-horse-9');
  await phone.getByRole('button', { name: 'Sign in' }).click();
  await phone.getByTestId('phone-user').filter({ hasText: 'ana' }).waitFor();
  await phone.getByLabel('Send in Authorization').selectOption('none');
  await phone.getByRole('button', { name: 'Call the API' }).click();
  await phone.getByTestId('api-decision').waitFor();
  await p.locator('.phone-layout').screenshot({ path: `/tmp/sp-home-${w}.png` });
  await phone.getByRole('button', { name: 'Set up an authenticator app' }).click();
  await phone.getByRole('button', { name: 'Add to the virtual authenticator' }).click();
  await p.locator('.phone-layout').screenshot({ path: `/tmp/sp-totp-${w}.png` });
  await p.close();
}
await b.close();
