/**
 * Screenshots of the main screens in English and Arabic for the README:
 *   npm run screenshots   → docs/screenshots/*.png
 * Starts its own server on a fresh embedded database with demo data.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { agencySystemPrincipal } from '../../src/access/principal.ts';
import { agencyRef, findAgency } from '../../src/identity/agencies.ts';
import { totpCode } from '../../src/identity/totp.ts';
import { demoRecord } from '../../src/records/demo.ts';
import type { RecordCreate } from '../../src/records/schema.ts';
import { createRecord } from '../../src/records/service.ts';
import { ADMIN_PASSWORD, chromiumAvailable, SKIP_MESSAGE, signIn, startHarness } from './harness.ts';

const OUT = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

if (!chromiumAvailable) {
  console.error(SKIP_MESSAGE);
  process.exit(1);
}
fs.mkdirSync(OUT, { recursive: true });

const h = await startHarness();
const shot = async (page: Page, name: string) => {
  // Not 'networkidle': the notification bell keeps an event stream open.
  await page.waitForLoadState('load');
  await page.locator('.mantine-Loader-root').first().waitFor({ state: 'detached' });
  await page.waitForTimeout(400);
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
    await page.getByTestId('api-key-all-mine').check();
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

  await databasesTour();

  const signedOut = await h.newPage({ locale: 'ar', width: 1280, height: 800 });
  await signedOut.page.goto('/sign-in');
  await shot(signedOut.page, 'ar-sign-in');
} finally {
  await h.close();
}

/** The police databases: records of every kind, hits from another bureau, a KE officer's screens. */
async function databasesTour() {
  const ctx = h.server.ctx;
  const as = async (code: string) => agencySystemPrincipal(agencyRef((await findAgency(ctx.db, code))!));
  const ke = await as('KE');
  const day = 86_400_000;
  const record = (principal: Awaited<ReturnType<typeof as>>, body: RecordCreate) =>
    createRecord(ctx, principal, body);
  for (const [code, count] of [
    ['KE', 36],
    ['FR', 18],
    ['BR', 9],
  ] as const) {
    const principal = await as(code);
    for (let n = 0; n < count; n++) {
      await record(principal, demoRecord(code, n) as RecordCreate).catch(() => undefined);
    }
  }
  const person = await record(ke, {
    kind: 'person',
    data: {
      names: [
        { full: 'Sergei Shcherbakov', script: 'Latn', type: 'birth' },
        { full: 'Сергей Щербаков', script: 'Cyrl', type: 'original-script' },
        { full: 'Sergio Sherba', type: 'alias' },
      ],
      sex: 'M',
      dateOfBirth: '1981-04-17',
      placeOfBirth: 'Rostov-on-Don',
      nationalities: ['RU'],
      documents: [{ number: '753318420', type: 'passport', issuingCountry: 'RU' }],
      marks: ['Scar above the left eyebrow', 'Tattoo of an anchor on the right forearm'],
      status: 'wanted',
    },
    policy: {
      visibility: 'all',
      handling: 'H2',
      evaluation: 'B2',
      tlp: 'AMBER',
      purpose: 'Arrest and extradition',
    },
  });
  await record(ke, {
    kind: 'travel-document',
    data: {
      number: 'AK4471902',
      type: 'passport',
      issuingCountry: 'KE',
      status: 'stolen',
      issueDate: '2022-06-01',
    },
    policy: { visibility: 'all', handling: 'H0', tlp: 'GREEN' },
  });
  await record(ke, {
    kind: 'crypto-wallet',
    data: { chain: 'bitcoin', address: 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq' },
    policy: {
      visibility: 'allow',
      countries: ['KE', 'FR', 'US'],
      hitOnly: true,
      handling: 'H1',
      evaluation: 'A2',
      tlp: 'AMBER+STRICT',
    },
  });
  await record(ke, {
    kind: 'firearm',
    data: { serialNumber: 'KE4400912', make: 'Glock', model: '17', calibre: '9×19mm', type: 'pistol' },
    reviewAt: new Date(Date.now() + 24 * day).toISOString(),
  });
  await record(ke, {
    kind: 'vehicle',
    data: {
      vin: 'JTFST22P500012345',
      plate: 'KDA 417X',
      registrationCountry: 'KE',
      make: 'Toyota',
      model: 'Hilux',
      colour: 'white',
    },
    reviewAt: new Date(Date.now() + 95 * day).toISOString(),
  });
  await record(await as('FR'), {
    kind: 'vehicle',
    data: {
      vin: 'WVWZZZ1JZXW000001',
      plate: 'AB-123-CD',
      registrationCountry: 'FR',
      make: 'Volkswagen',
      model: 'Golf',
    },
    policy: { visibility: 'allow', countries: ['FR'], hitOnly: true },
  });

  // Persons whom a name search for Sergei Shcherbakov finds in other bureaus' files: one that
  // France lets no one else see (a restricted hit), and look-alikes.
  await record(await as('FR'), {
    kind: 'person',
    data: {
      names: [{ full: 'Щербаков Сергей Иванович', script: 'Cyrl', type: 'birth' }],
      sex: 'M',
      dateOfBirth: '1981',
      nationalities: ['RU'],
      status: 'suspect',
    },
    policy: { visibility: 'allow', countries: ['FR'], hitOnly: true },
  });
  await record(await as('BR'), {
    kind: 'person',
    data: {
      names: [
        { full: 'Sergio Scherbakov', script: 'Latn', type: 'birth' },
        { full: 'Сергей Щербаков', script: 'Cyrl', type: 'original-script' },
      ],
      sex: 'M',
      dateOfBirth: '1984-07-17',
      nationalities: ['BR', 'RU'],
      status: 'missing',
    },
    policy: { visibility: 'all', handling: 'H0', tlp: 'GREEN' },
  });

  // A French officer checks a list that includes Kenyan records: Kenya is notified.
  const fr = await h.newPage({ width: 1366, height: 800 });
  await signIn(fr.page, 'fr.officer');
  await fr.page.goto('/search?mode=list');
  await fr.page
    .getByTestId('search-list')
    .fill(['AK4471902', '753318420', 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq', 'KE4400912'].join('\n'));
  await fr.page.getByTestId('search-list-submit').click();
  await fr.page.getByTestId('list-row').first().waitFor();
  await fr.context.close();

  const { context, page } = await h.newPage({ width: 1366, height: 860 });
  await signIn(page, 'ke.officer');
  const tour = async (lang: 'en' | 'ar') => {
    await page.goto('/search?q=AK4471902');
    await page.getByTestId('hit-card').waitFor();
    await shot(page, `${lang}-search`);
    await page.goto('/search?mode=list');
    await page
      .getByTestId('search-list')
      .fill(
        [
          'AK4471902',
          'WVWZZZ1JZXW000001',
          '753 318 420',
          'DE89 3704 0044 0532 0130 00',
          '203.0.113.7',
          'XQ1234567',
        ].join('\n'),
      );
    await page.getByTestId('search-list-submit').click();
    await page.getByTestId('list-row').first().waitFor();
    await shot(page, `${lang}-search-list`);
    await page.goto(`/records/${person.id}`);
    await page.getByTestId('record-history').locator('tr').first().waitFor();
    await shot(page, `${lang}-record`);
    await page.goto('/records/new?kind=person');
    // Tall enough for the whole form, with the policy editor.
    await page.setViewportSize({ width: 1366, height: 1260 });
    await shot(page, `${lang}-record-form`);
    await page.setViewportSize({ width: 1366, height: 860 });
    await page.goto('/records');
    await page.getByTestId('record-row').first().waitFor();
    await shot(page, `${lang}-records`);
    await page.goto('/review');
    await page.getByTestId('record-row').first().waitFor();
    await shot(page, `${lang}-review`);
    await page.goto('/notifications');
    await page.getByTestId('hit-row').first().waitFor();
    await shot(page, `${lang}-hits`);
    // Person search by name, a German spelling of a Russian name: tall enough for three cards.
    await page.setViewportSize({ width: 1366, height: 1180 });
    await page.goto('/search?mode=person&name=Schtscherbakow%20Sergej&dob=1981');
    await page.getByTestId('person-card').first().waitFor();
    await shot(page, `${lang}-search-persons`);
    await page.setViewportSize({ width: 1366, height: 860 });
  };
  await tour('en');
  await page.getByTestId('language-menu').click();
  await page.getByRole('menuitem', { name: 'العربية' }).click();
  await page.getByRole('menu').waitFor({ state: 'hidden' });
  await tour('ar');
  await page.getByTestId('language-menu').click();
  await page.getByRole('menuitem', { name: 'English' }).click();
  await context.close();
}
