/**
 * The police databases screens in a real browser against a real server: search (single,
 * pasted list, MRZ) with hit, restricted-hit and no-hit cards, records created and edited
 * through the form, detail and history, mute, hit notifications reaching the owner live,
 * and the review queue. Records are seeded through the records service, as an import would.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencySystemPrincipal } from '../../src/access/principal.ts';
import { agencyRef, findAgency } from '../../src/identity/agencies.ts';
import { portraitPng } from '../../src/notices/portrait.ts';
import { createRecord } from '../../src/records/service.ts';
import {
  type AxeViolation,
  chromiumAvailable,
  describeViolations,
  type Harness,
  SKIP_MESSAGE,
  seriousViolations,
  signIn,
  startHarness,
} from './harness.ts';

if (!chromiumAvailable) console.warn(SKIP_MESSAGE);

/** ICAO 9303 check digit: weights 7, 3, 1; digits as themselves, A–Z as 10–35, < as 0. */
function checkDigit(text: string): string {
  const value = (c: string) => (c === '<' ? 0 : /\d/.test(c) ? Number(c) : c.charCodeAt(0) - 55);
  return String([...text].reduce((sum, c, i) => sum + value(c) * [7, 3, 1][i % 3]!, 0) % 10);
}

/** A French passport's two MRZ lines (TD3) for a document number of nine characters. */
function frenchPassportMrz(number: string): string {
  const line1 = 'P<FRADUBOIS<<JEAN<PIERRE'.padEnd(44, '<');
  const doc = number + checkDigit(number);
  const dob = `850312${checkDigit('850312')}`;
  const expiry = `310101${checkDigit('310101')}`;
  const optional = `${'<'.repeat(14)}${checkDigit('<'.repeat(14))}`;
  const composite = checkDigit(doc + dob + expiry + optional);
  return `${line1}\n${doc}FRA${dob}M${expiry}${optional}${composite}`;
}

const PASSPORT = 'FR7712345';
const HIDDEN_VIN = 'WVWZZZ1JZXW000001';
const DAY = 86_400_000;

describe.skipIf(!chromiumAvailable)('police databases in chromium', { timeout: 90_000 }, () => {
  let h: Harness;
  let ke: { context: BrowserContext; page: Page };
  let fr: { context: BrowserContext; page: Page };
  const violations: { screen: string; found: AxeViolation[] }[] = [];
  const audit = async (page: Page, screen: string) => {
    const found = await seriousViolations(page);
    if (found.length) violations.push({ screen, found });
  };

  beforeAll(async () => {
    h = await startHarness();
    const ctx = h.server.ctx;
    const as = async (code: string) => agencySystemPrincipal(agencyRef((await findAgency(ctx.db, code))!));
    const france = await as('FR');
    await createRecord(ctx, france, {
      kind: 'travel-document',
      data: { number: PASSPORT, type: 'passport', issuingCountry: 'FR', status: 'stolen' },
      policy: { visibility: 'all', handling: 'H1', tlp: 'GREEN', evaluation: 'B2' },
    });
    await createRecord(ctx, france, {
      kind: 'vehicle',
      data: {
        vin: HIDDEN_VIN,
        make: 'Volkswagen',
        model: 'Golf',
        registrationCountry: 'FR',
        plate: 'AB-123-CD',
      },
      policy: { visibility: 'allow', countries: ['FR'], hitOnly: true },
    });
    await createRecord(ctx, await as('KE'), {
      kind: 'firearm',
      data: { serialNumber: 'KE4400912', make: 'Glock', model: '17', type: 'pistol' },
      reviewAt: new Date(Date.now() + 30 * DAY).toISOString(),
    });
    await createRecord(ctx, france, {
      kind: 'cyber-indicator',
      data: { type: 'domain', value: 'phish-kit.example' },
    });
    await createRecord(ctx, france, {
      kind: 'cyber-indicator',
      data: { type: 'domain', value: 'marked-for-sentinel.example' },
      policy: { visibility: 'allow', agencies: ['PARTNER-SENTINEL'], tlp: 'AMBER' },
    });
    await createRecord(ctx, await as('PARTNER-SENTINEL'), {
      kind: 'cyber-indicator',
      data: { type: 'domain', value: 'partner-feed.example', description: 'Phishing kit host' },
    });
    [ke, fr] = await Promise.all([h.newPage(), h.newPage()]);
    await Promise.all([signIn(ke.page, 'ke.officer'), signIn(fr.page, 'fr.officer')]);
  }, 180_000);

  afterAll(async () => {
    await h?.close();
  }, 30_000);

  it('shows the databases in the navigation to the roles that use them', async () => {
    const navOf = (page: Page) =>
      page.locator('[data-nav]').evaluateAll((els) => els.map((e) => e.getAttribute('data-nav')));
    expect(await navOf(ke.page)).toEqual([
      'overview',
      'search',
      'records',
      'review',
      'hits',
      'notices',
      'messages',
      'urgent',
      'agencies',
      'keyDirectory',
      'sessions',
    ]);
    const { context, page } = await h.newPage();
    await signIn(page, 'ke.auditor');
    expect(await navOf(page)).not.toContain('search');
    expect(await page.getByTestId('global-search').getAttribute('aria-disabled')).toBe('true');
    await context.close();
  });

  it('finds a stolen passport from the header search box, and the owner is told at once', async () => {
    // The owner's browser is open: its bell follows the event stream.
    await fr.page.goto('/records');
    await fr.page.getByTestId('record-row').first().waitFor();
    const { page } = ke;
    await page.goto('/');
    await page.getByTestId('global-search').fill('fr 771-2345');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/search\?q=fr\+771-2345|\/search\?q=fr%20771-2345/);
    const card = page.getByTestId('hit-card');
    await card.getByText(`Passport ${PASSPORT}`, { exact: false }).waitFor();
    await card.getByText('TLP:GREEN').waitFor();
    await card.getByText('H1').waitFor();
    await audit(page, 'search: hit');

    // The owner's bell counts the hit, and the notification names the searcher.
    const bell = fr.page.getByTestId('notifications');
    await expect
      .poll(() => bell.getAttribute('aria-label'), { timeout: 15_000 })
      .toBe('Notifications: 1 unread');
    await bell.click();
    await fr.page.getByText('Hit by KE').waitFor();
    await fr.page.getByRole('link', { name: 'All hit notifications' }).click();
    const row = fr.page.getByTestId('hit-row').first();
    await row.getByText('ke.officer').waitFor();
    await row.getByText('Hit', { exact: true }).waitFor();
    await audit(fr.page, 'hit notifications');
    await row.getByTestId('mark-read').click();
    await row.getByText('Read', { exact: true }).waitFor();
    await expect.poll(() => bell.getAttribute('aria-label')).toBe('Notifications');

    // A hit opens the record; others' records show no history or owner actions.
    await card.getByRole('link', { name: 'Open record' }).click();
    await page.getByTestId('record-data').getByText(PASSPORT).waitFor();
    expect(await page.getByTestId('edit-record').count()).toBe(0);
    expect(await page.getByTestId('record-history').count()).toBe(0);
  });

  it('lets the owner see who found one record, and mark those notifications read at once', async () => {
    const { page } = ke;
    for (let i = 0; i < 2; i++) {
      await page.goto(`/search?q=${PASSPORT}`);
      await page.getByTestId('hit-card').waitFor();
    }
    await page.getByTestId('hit-card').getByRole('link', { name: 'Open record' }).click();
    await page.waitForURL(/\/records\/[0-9a-f-]{36}$/);
    const recordPath = new URL(page.url()).pathname;

    const bell = fr.page.getByTestId('notifications');
    await fr.page.goto(recordPath);
    await expect
      .poll(() => bell.getAttribute('aria-label'), { timeout: 15_000 })
      .toBe('Notifications: 2 unread');
    await fr.page.getByTestId('record-hits').click();
    await fr.page.getByTestId('record-filter').waitFor();
    const unreadRows = fr.page.locator('[data-testid="hit-row"][data-unread="true"]');
    await expect.poll(() => unreadRows.count()).toBe(2);
    expect(await fr.page.getByTestId('hit-row').count()).toBe(3); // and the one read before
    await fr.page.getByTestId('mark-all-read').click();
    await fr.page.getByText('2 notifications marked read').waitFor();
    await expect.poll(() => unreadRows.count()).toBe(0);
    await expect.poll(() => bell.getAttribute('aria-label')).toBe('Notifications');

    // The owner's administrator follows the record's audit trail: Kenya's reads of it.
    const admin = await h.newPage();
    await signIn(admin.page, 'fr.admin');
    await admin.page.goto(recordPath);
    await admin.page.getByTestId('record-audit').click();
    await admin.page.waitForURL(/\/audit\?objectId=/);
    await admin.page.locator('tr[data-action="record.read"]').getByText('ke.officer').first().waitFor();
    await admin.context.close();
  });

  it('answers no hit, and a restricted hit with the owner and a reference to quote', async () => {
    const { page } = ke;
    await page.goto('/search?q=ZZ9988776');
    await page.getByTestId('no-hit-card').waitFor();
    await audit(page, 'search: no hit');

    await page.goto(`/search?q=${HIDDEN_VIN}`);
    const card = page.getByTestId('restricted-card');
    await card.waitFor();
    await card.getByText('A record exists that FR does not let your agency see', { exact: false }).waitFor();
    expect(await card.getByTestId('hit-ref').textContent()).toMatch(/^[0-9a-f-]{36}$/);
    expect(await page.getByTestId('hit-card').count()).toBe(0);
    await audit(page, 'search: restricted hit');
  });

  it('finds a recorded domain from a URL on one of its subdomains, saying how it covers it', async () => {
    const { page } = ke;
    await page.goto(`/search?q=${encodeURIComponent('hxxps://secure.login.phish-kit[.]example/reset')}`);
    const card = page.getByTestId('hit-card').first();
    await card.getByText('Domain phish-kit.example').waitFor();
    expect(await card.getByTestId('hit-matched').getAttribute('data-matched')).toBe('parent-domain');
  });

  it('checks a pasted list with mixed outcomes, and a passport’s MRZ', async () => {
    const { page } = ke;
    await page.goto('/search?mode=list');
    await page.getByTestId('search-list').fill([PASSPORT, HIDDEN_VIN, 'XQ1234567', 'not an id'].join('\n'));
    await page.getByTestId('search-list-submit').click();
    await expect.poll(() => page.getByTestId('list-row').count()).toBe(4);
    const outcomes = await page
      .getByTestId('list-row')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-outcome')));
    expect(outcomes).toEqual(['hit', 'restricted-hit', 'no-hit', 'no-hit']);
    await page.getByTestId('list-row').nth(3).getByText('Not recognised').waitFor();
    await audit(page, 'search: list');

    // One scheme for the whole list goes in a single batch request.
    await page.getByTestId('search-scheme').click();
    await page.getByRole('option', { name: 'Document number' }).click();
    // A line that is no document number is shown on its row; the others are still checked.
    await page.getByTestId('search-list').fill(`${PASSPORT}\n!!!\nXQ1234567`);
    await page.getByTestId('search-list-submit').click();
    await expect
      .poll(() =>
        page.getByTestId('list-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-outcome'))),
      )
      .toEqual(['hit', 'invalid', 'no-hit']);
    await page
      .getByTestId('list-row')
      .nth(1)
      .getByText('only letters A–Z and digits', { exact: false })
      .waitFor();

    await page.getByTestId('mode-mrz').click();
    await page.waitForURL(/mode=mrz/);
    await page.getByTestId('search-mrz').fill('P<FRA\nNOT A VALID ZONE');
    await page.getByTestId('search-mrz-submit').click();
    await page.getByRole('alert').or(page.locator('.mantine-InputWrapper-error')).first().waitFor();
    await page.getByTestId('search-mrz').fill(frenchPassportMrz(PASSPORT));
    await page.getByTestId('search-mrz-submit').click();
    await page.getByTestId('hit-card').getByText(`Passport ${PASSPORT}`, { exact: false }).waitFor();
    await audit(page, 'search: MRZ');
  });

  it('creates a record through the form, shows a server validation error at its field, then edits, mutes and deletes it', async () => {
    const { page } = ke;
    await page.goto('/records/new');
    await audit(page, 'new record: kinds');
    await page.getByTestId('kind-financial-account').click();
    await page.getByTestId('field-iban').fill('KE00 1234 5678');
    await page.getByTestId('field-holder').fill('Okafor Trading Ltd');
    await page.getByTestId('policy-tlp').click();
    await page.getByRole('option', { name: 'TLP:AMBER', exact: true }).click();
    await page.getByTestId('policy-handling').click();
    await page.getByRole('option', { name: /^H2/ }).click();
    await page.getByTestId('save-record').click();
    // The server's problem names the field; the form shows it next to the IBAN.
    const ibanError = page.locator('[id$="-error"]').filter({ hasText: /./ }).first();
    await ibanError.waitFor();
    expect(await page.getByTestId('field-iban').getAttribute('aria-invalid')).toBe('true');
    // Focus goes to the field to correct, not to the page's body.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('field-iban');
    await page.getByTestId('form-errors').waitFor();
    await audit(page, 'new record: validation error');

    await page.getByTestId('field-iban').fill('DE89 3704 0044 0532 0130 00');
    await page.getByTestId('field-externalRef').fill('KE/FIN/2026/0042');
    await page.getByTestId('save-record').click();
    await page.waitForURL(/\/records\/[0-9a-f-]{36}$/);
    await page.getByTestId('record-data').getByText('Okafor Trading Ltd').waitFor();
    expect(await page.getByTestId('external-ref').textContent()).toBe('KE/FIN/2026/0042');
    await page.getByTestId('record-policy').getByText('TLP:AMBER').waitFor();
    await page.getByTestId('record-history').locator('tr[data-action="create"]').waitFor();
    await audit(page, 'record detail');

    await page.getByTestId('edit-record').click();
    await page.getByTestId('field-holder').fill('Okafor Trading Limited');
    await page.getByTestId('edit-reason').fill('Holder name as registered');
    await audit(page, 'edit record');
    await page.getByTestId('save-record').click();
    await page.getByTestId('record-data').getByText('Okafor Trading Limited').waitFor();
    const update = page.getByTestId('record-history').locator('tr[data-action="update"]');
    await update.getByText('Holder name as registered').waitFor();
    expect(await update.locator('td').first().textContent()).toBe('2');

    await page.getByTestId('mute-record').click();
    await page.getByText('Hit notifications muted for this record.').waitFor();
    await page.getByTestId('mute-record').getByText('Unmute').waitFor();

    // Deletion asks for a reason and stays in the history.
    await page.getByTestId('delete-record').click();
    await page.getByTestId('delete-reason').fill('Recorded in error');
    await audit(page, 'delete record');
    await page.getByTestId('delete-submit').click();
    await page.getByText('Record deleted.').waitFor();
    await page
      .getByTestId('record-history')
      .locator('tr[data-action="delete"]')
      .getByText('Recorded in error')
      .waitFor();
    expect(await page.getByTestId('edit-record').count()).toBe(0);
  });

  it('adds a photograph in the person form, shows it on the record’s page to those who may read it, and removes it', async () => {
    const { page } = ke;
    await page.goto('/records/new?kind=person');
    await page.getByTestId('name-0').fill('Amina Wanjiru Otieno');
    await page.getByTestId('field-status').click();
    await page.getByRole('option', { name: 'Missing', exact: true }).click();
    const editor = page.getByTestId('record-photos-editor');
    await editor.locator('input[type=file]').setInputFiles({
      name: 'amina.png',
      mimeType: 'image/png',
      buffer: Buffer.from(portraitPng(3, 48, 60)),
    });
    // Uploaded at once and shown from the server (the officer's own upload), not from the file.
    const thumbnail = editor.getByTestId('photo').locator('img');
    await thumbnail.waitFor();
    await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(48);
    await audit(page, 'new person: photograph');
    await page.getByTestId('save-record').click();
    await page.waitForURL(/\/records\/[0-9a-f-]{36}$/);
    const recordPath = new URL(page.url()).pathname;
    const shown = page.getByTestId('record-photos').getByTestId('photo').locator('img');
    await expect.poll(() => shown.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(48);
    expect(await shown.getAttribute('src')).toMatch(
      /^\/api\/v1\/records\/[0-9a-f-]{36}\/photos\/[0-9a-f-]{36}$/,
    );
    // The ids are not shown as data.
    expect(await page.getByTestId('record-data').textContent()).not.toContain('photos');
    await audit(page, 'record detail: photographs');

    // Another member the policy lets read the record sees it too.
    await fr.page.goto(recordPath);
    const theirs = fr.page.getByTestId('record-photos').getByTestId('photo').locator('img');
    await expect.poll(() => theirs.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(48);

    await page.getByTestId('edit-record').click();
    await page.getByTestId('record-photos-editor').getByTestId('remove-photo').click();
    await page.getByTestId('photos-removed-note').waitFor();
    await page.getByTestId('save-record').click();
    await page.getByTestId('record-history').locator('tr[data-action="update"]').waitFor();
    expect(await page.getByTestId('record-photos').count()).toBe(0);
  });

  it('lists my agency’s records by kind and extends a review from the queue', async () => {
    const { page } = ke;
    await page.goto('/records?kind=financial-account');
    await page.getByText('Nothing matches these filters.').waitFor();
    await page.goto('/records?kind=financial-account&status=deleted');
    await expect.poll(() => page.getByTestId('record-row').count()).toBe(1);
    await audit(page, 'records');

    await page.goto('/review');
    const row = page.getByTestId('record-row').filter({ hasText: 'KE4400912' });
    await row.getByText('Review due').waitFor();
    await audit(page, 'review queue');
    await row.getByTestId('queue-extend').click();
    await page.getByTestId('extend-reason').fill('Investigation still open');
    await audit(page, 'extend review');
    await page.getByTestId('extend-submit').click();
    await page.getByText(/Review date moved to/).waitFor();
    await expect.poll(() => row.count()).toBe(0);
  });

  it('a partner finds what members marked for it under "Shared with us"', async () => {
    const { context, page } = await h.newPage();
    await signIn(page, 'sentinel.partner');
    await page.goto('/records');
    await page.getByTestId('records-scope').getByText('Shared with us').click();
    await page.waitForURL(/scope=shared/);
    const row = page.getByTestId('record-row').filter({ hasText: 'marked-for-sentinel.example' });
    await row.waitFor();
    // Only what names it: a record for every member is not listed.
    expect(await page.getByTestId('record-row').filter({ hasText: 'phish-kit.example' }).count()).toBe(0);
    await audit(page, 'records shared with a partner');
    await row.click();
    await page.waitForURL(/\/records\/[0-9a-f-]{36}$/);
    await page.getByText('marked-for-sentinel.example').first().waitFor();
    // Its search page does not promise it the police databases.
    await page.goto('/search');
    await page.getByText(/your own threat data and what members have shared with you/).waitFor();
    expect(await page.getByText(/every member’s police databases/).count()).toBe(0);
    // Nor passports' MRZ and persons by name: threat data is checked by identifier.
    await page.getByTestId('mode-list').waitFor();
    expect(await page.getByTestId('mode-mrz').count()).toBe(0);
    expect(await page.getByTestId('mode-person').count()).toBe(0);
    await context.close();
  });

  it('marks what a private partner contributed, on the hit and on the record', async () => {
    const { page } = fr;
    await page.goto('/search?q=partner-feed.example');
    const card = page.getByTestId('hit-card').filter({ hasText: 'partner-feed.example' });
    await card.getByTestId('from-partner').getByText('Private partner').waitFor();
    await card.getByRole('link', { name: /partner-feed\.example/ }).click();
    await page.waitForURL(/\/records\/[0-9a-f-]{36}$/);
    await page.getByTestId('from-partner').waitFor();
    await audit(page, 'a partner’s record');
  });

  it('says records’ summaries in the reader’s language, in the list and on a hit', async () => {
    const { page } = fr;
    await page.getByTestId('language-menu').click();
    await page.getByRole('menuitem', { name: 'Français' }).click();
    await page.getByRole('menu').waitFor({ state: 'hidden' });
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('fr');
    // The server's summary stays English ("Passport FR7712345 (FR), stolen"); the web says it again.
    await page.goto('/records');
    const row = page.getByTestId('record-row').filter({ hasText: PASSPORT });
    await row.waitFor();
    expect(await row.getByTestId('record-summary').textContent()).toBe(`Passeport ${PASSPORT} (FR), volé`);
    const vehicle = page.getByTestId('record-row').filter({ hasText: HIDDEN_VIN });
    expect(await vehicle.getByTestId('record-summary').textContent()).toBe(
      `Véhicule Volkswagen Golf, VIN ${HIDDEN_VIN}, immatriculation AB123CD (FR)`,
    );
    await page.goto(`/search?q=${PASSPORT}`);
    const card = page.getByTestId('hit-card');
    await card.waitFor();
    expect(await card.getByTestId('record-summary').textContent()).toBe(`Passeport ${PASSPORT} (FR), volé`);
    // The owner's hit notifications too: the list carries the record's kind and data.
    await page.goto('/notifications');
    const hit = page.getByTestId('hit-row').filter({ hasText: PASSPORT }).first();
    await hit.waitFor();
    expect(await hit.getByTestId('record-summary').textContent()).toBe(`Passeport ${PASSPORT} (FR), volé`);
  });

  it('shows the databases right to left in Arabic', async () => {
    const { page } = fr;
    await page.getByTestId('language-menu').click();
    await page.getByRole('menuitem', { name: 'العربية' }).click();
    await page.getByRole('menu').waitFor({ state: 'hidden' });
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await page.goto('/records');
    await page.getByRole('heading', { name: 'السجلات' }).waitFor();
    await page.getByTestId('record-row').first().waitFor();
    // The summary in Arabic, right to left, with the document's number and country left to right in it.
    const summary = page
      .getByTestId('record-row')
      .filter({ hasText: PASSPORT })
      .getByTestId('record-summary');
    expect(await summary.textContent()).toBe(`جواز سفر ${PASSPORT} (FR)، مسروق`);
    const direction = (element: Element) => getComputedStyle(element).direction;
    expect(await summary.evaluate(direction)).toBe('rtl');
    expect(await summary.getByText(PASSPORT, { exact: true }).evaluate(direction)).toBe('ltr');
    // …and in one piece: a number broken at a line's end would read in the wrong order.
    expect(
      await summary
        .getByText(PASSPORT, { exact: true })
        .evaluate((element) => getComputedStyle(element).whiteSpace),
    ).toBe('nowrap');
    await audit(page, 'records (Arabic)');
    await page.goto(`/search?q=${PASSPORT}`);
    await page.getByTestId('hit-card').getByText('تطابق', { exact: true }).waitFor();
    await audit(page, 'search (Arabic)');
  });

  it('runs under the server’s Content Security Policy without errors', () => {
    expect(h.pageProblems).toEqual([]);
  });

  it('has no serious or critical accessibility violations on the screens visited', () => {
    expect(violations.map((v) => `${v.screen}:\n${describeViolations(v.found)}`).join('\n')).toBe('');
  });
});
