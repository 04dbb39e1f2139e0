/**
 * Screenshots of the main screens in English and Arabic for the README:
 *   npm run screenshots   → docs/screenshots/*.png
 * Starts its own server on a fresh embedded database with demo data.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { totpCode } from '../../src/identity/totp.ts';
import { ADMIN_PASSWORD, chromiumAvailable, SKIP_MESSAGE, signIn, startHarness } from './harness.ts';

const OUT = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

if (!chromiumAvailable) {
  console.error(SKIP_MESSAGE);
  process.exit(1);
}
fs.mkdirSync(OUT, { recursive: true });

const h = await startHarness();
const shot = async (page: Page, name: string) => {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(OUT, `${name}.png`) });
  console.log(`docs/screenshots/${name}.png`);
};

try {
  // First sign-in of the network administrator: authenticator enrolment.
  {
    const { context, page } = await h.newPage({ width: 1280, height: 800 });
    await page.goto('/sign-in');
    await shot(page, 'en-sign-in');
    await page.getByLabel(/^Username/).fill('admin');
    await page.getByLabel(/^Password/).fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('manual-key').waitFor();
    await shot(page, 'en-mfa-enrolment');
    const secret = (await page.getByTestId('manual-key').textContent())!.replace(/\s+/g, '');
    await page.getByLabel(/^Code from your authenticator app/).fill(await totpCode(secret, new Date()));
    await page.getByRole('button', { name: 'Confirm and continue' }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    await context.close();
  }

  // An agency administrator's working day, in English then in Arabic.
  const { page } = await h.newPage({ width: 1366, height: 800 });
  await signIn(page, 'ke.admin');
  // Some history for the audit log: a user and an API key.
  await page.goto('/users');
  await page.getByTestId('new-user').click();
  await page.getByTestId('new-username').fill('ke.wanjiru');
  await page.getByTestId('new-display-name').fill('Grace Wanjiru');
  await page.getByRole('checkbox', { name: 'Analyst' }).check();
  await page.getByTestId('create-user-submit').click();
  await page.getByRole('heading', { name: 'Grace Wanjiru' }).waitFor();
  await page.goto('/api-keys');
  for (const name of ['Border control – JKIA', 'Case management system']) {
    await page.getByTestId('new-api-key').click();
    await page.getByTestId('api-key-name').fill(name);
    await page.getByTestId('api-key-create-submit').click();
    await page.getByTestId('new-api-key-secret').waitFor();
    if (name.startsWith('Case')) await shot(page, 'en-api-key-created');
    await page.getByTestId('api-key-done').click();
  }

  const tour = async (lang: 'en' | 'ar') => {
    await page.goto('/');
    await shot(page, `${lang}-overview`);
    await page.goto('/agencies?kind=bureau');
    await shot(page, `${lang}-agencies`);
    await page.goto('/users');
    await shot(page, `${lang}-users`);
    await page.goto('/audit');
    await page.locator('tr[data-action]').first().waitFor();
    await page.locator('tr[data-action="api-key.create"] a').first().click();
    await page.getByRole('dialog').waitFor();
    await shot(page, `${lang}-audit`);
    await page.keyboard.press('Escape');
  };
  await tour('en');
  await page.getByTestId('language-menu').click();
  await page.getByRole('menuitem', { name: 'العربية' }).click();
  await page.getByRole('menu').waitFor({ state: 'hidden' });
  await tour('ar');
  // Leave the demo user in English.
  await page.getByTestId('language-menu').click();
  await page.getByRole('menuitem', { name: 'English' }).click();

  const signedOut = await h.newPage({ locale: 'ar', width: 1280, height: 800 });
  await signedOut.page.goto('/sign-in');
  await shot(signedOut.page, 'ar-sign-in');
} finally {
  await h.close();
}
