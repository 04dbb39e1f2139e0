/**
 * Person search by name in a real browser against a real server: a Kenyan officer records
 * persons through the HTTP API (Cyrillic, Arabic, and one only Kenya may see); a French
 * officer finds them from other spellings and scripts, reads why each candidate matched,
 * gets a restricted hit with the owner and a reference to quote, sees a bad date at its
 * field, finds a name from the header's search box, and does the same in Arabic.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

const SHCHERBAKOV = 'Щербаков Сергей Юрьевич';
const ABDELRAHMAN = 'محمد عبد الرحمن';

/** The candidate cards' record ids, best first. */
const cardIds = (page: Page) =>
  page.getByTestId('person-card').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-record-id')));

describe.skipIf(!chromiumAvailable)('person search in chromium', { timeout: 90_000 }, () => {
  let h: Harness;
  let fr: { context: BrowserContext; page: Page };
  const ids: Record<string, string> = {};
  const violations: { screen: string; found: AxeViolation[] }[] = [];
  const audit = async (page: Page, screen: string) => {
    const found = await seriousViolations(page);
    if (found.length) violations.push({ screen, found });
  };

  beforeAll(async () => {
    h = await startHarness();
    const ke = await h.newPage();
    await signIn(ke.page, 'ke.officer');
    const { csrfToken } = (await (await ke.page.request.get('/api/v1/me')).json()) as { csrfToken: string };
    const record = async (key: string, body: unknown) => {
      const answer = await ke.page.request.post('/api/v1/records', {
        data: body,
        headers: { 'X-CSRF-Token': csrfToken },
      });
      expect(answer.status(), await answer.text()).toBe(201);
      ids[key] = ((await answer.json()) as { id: string }).id;
    };
    await record('shcherbakov', {
      kind: 'person',
      data: {
        names: [
          { full: SHCHERBAKOV, script: 'Cyrl', type: 'birth' },
          { full: 'Сергей Волков', script: 'Cyrl', type: 'alias' },
        ],
        dateOfBirth: '1975-03-02',
        sex: 'M',
        nationalities: ['RU'],
        documents: [{ number: '751234567', type: 'passport', issuingCountry: 'RU' }],
        status: 'wanted',
      },
      policy: { visibility: 'all', handling: 'H1', tlp: 'GREEN' },
    });
    // Same family name, another man: he must rank below.
    await record('other', {
      kind: 'person',
      data: { names: [{ full: 'Щербаков Андрей' }], dateOfBirth: '1990-11-20', sex: 'M', status: 'suspect' },
      policy: { visibility: 'all' },
    });
    await record('abdelrahman', {
      kind: 'person',
      data: {
        names: [{ full: ABDELRAHMAN, script: 'Arab' }],
        dateOfBirth: '1982',
        sex: 'M',
        nationalities: ['EG'],
        status: 'wanted',
      },
      policy: { visibility: 'all' },
    });
    await record('hidden', {
      kind: 'person',
      data: {
        names: [{ full: '张伟' }, { full: 'Zhang Wei' }],
        dateOfBirth: '1988-06-01',
        status: 'suspect',
      },
      policy: { visibility: 'allow', countries: ['KE'], hitOnly: true },
    });
    await ke.context.close();
    fr = await h.newPage();
    await fr.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: h.baseUrl });
    await signIn(fr.page, 'fr.officer');
  }, 180_000);

  afterAll(async () => {
    await h?.close();
  }, 30_000);

  it('finds a Cyrillic record from a German spelling, first, with its band and explanation', async () => {
    const { page } = fr;
    await page.goto('/search');
    await page.getByTestId('mode-person').click();
    await page.waitForURL(/mode=person/);
    await audit(page, 'person search: empty');
    await page.getByLabel(/^Name/).fill('Schtscherbakow Sergej');
    await page.getByLabel(/^Date of birth/).fill('1975');
    await page.getByTestId('person-search-submit').click();
    await page.waitForURL(/name=Schtscherbakow/);
    const first = page.getByTestId('person-card').first();
    await first.waitFor();
    expect((await cardIds(page))[0]).toBe(ids.shcherbakov);
    expect(await first.getAttribute('data-band')).toBe('strong');
    await first.getByTestId('band').getByText('Strong match').waitFor();
    expect(await first.getByTestId('person-name').textContent()).toBe(SHCHERBAKOV);
    await first.getByTestId('other-names').getByText('Сергей Волков').waitFor();
    expect(await first.getByTestId('matched-name').count()).toBe(0);
    expect(await first.getByTestId('person-dob').textContent()).toBe('1975-03-02');
    await first.getByText('RU Russia').waitFor();
    await first.getByText('Wanted', { exact: true }).waitFor();
    expect(Number(await first.getByTestId('score').getAttribute('data-score'))).toBeGreaterThanOrEqual(0.82);

    // The explanation: one readable line per compared part, and the server's sentence.
    const lines = await first
      .getByTestId('explanation-items')
      .locator('li')
      .evaluateAll((items) => items.map((li) => li.textContent?.replace(/\s+/g, ' ').trim()));
    expect(lines).toContain('family name: Щербаков ~ Schtscherbakow — transliteration');
    expect(lines).toContain('given name: Сергей ~ Sergej — transliteration');
    expect(lines).toContain('patronymic: Юрьевич — not in your search');
    expect(lines).toContain('date of birth: 1975-03-02 ~ 1975 — agrees at the precision given');
    expect(await first.getByTestId('explanation-text').textContent()).toContain(
      'family name: Щербаков ~ Schtscherbakow, transliteration',
    );
    // The other Щербаков shares only the family name: below, and not strong.
    const other = page.locator(`[data-record-id="${ids.other}"]`);
    if ((await other.count()) > 0) expect(await other.getAttribute('data-band')).not.toBe('strong');
    await audit(page, 'person search: candidates');

    // The link opens the record.
    await first.getByRole('link', { name: 'Open record' }).click();
    await page.waitForURL(new RegExp(`/records/${ids.shcherbakov}$`));
    await page.getByTestId('record-data').getByText(SHCHERBAKOV).waitFor();
    await page.goBack();
    await page.getByTestId('person-card').first().waitFor();
    expect(await page.getByLabel(/^Name/).inputValue()).toBe('Schtscherbakow Sergej');

    // A search closer to an alias says which of the person's names matched.
    await page.getByLabel(/^Name/).fill('Volkov Sergei');
    await page.getByTestId('person-search-submit').click();
    await page.waitForURL(/name=Volkov/);
    const alias = page.locator(`[data-record-id="${ids.shcherbakov}"]`);
    await alias.getByTestId('matched-name').getByText('Сергей Волков').waitFor();
    await alias.getByTestId('matched-name').getByText('Alias').waitFor();
  });

  it('answers a person only its owner may see with a restricted hit: the owner and a reference to copy', async () => {
    const { page } = fr;
    await page.goto('/search?mode=person');
    await page.getByLabel(/^Name/).fill('Chang Wei');
    await page.getByLabel(/^Date of birth/).fill('1988-06-01');
    await page.getByTestId('person-search-submit').click();
    const card = page.getByTestId('person-restricted-card').first();
    await card.waitFor();
    await card.getByText('A person record exists that you may not see').waitFor();
    await card.getByText('KE holds a record of a person', { exact: false }).waitFor();
    await card.getByRole('link', { name: 'KE' }).waitFor();
    expect(await card.getAttribute('data-band')).toMatch(/^(strong|possible)$/);
    await card.getByTestId('band').waitFor();
    await card.getByText('The owner has been told of your search.').waitFor();
    const hitRef = (await card.getByTestId('hit-ref').textContent()) ?? '';
    expect(hitRef).toMatch(/^[0-9a-f-]{36}$/);
    // Nothing of the hidden person is shown: no name, no link to the record.
    expect(await page.getByText('张伟').count()).toBe(0);
    expect(await page.locator(`a[href="/records/${ids.hidden}"]`).count()).toBe(0);
    await card.getByTestId('hit-ref').click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(hitRef);
    await audit(page, 'person search: restricted hit');
  });

  it('shows a date the server refuses at the date field', async () => {
    const { page } = fr;
    await page.goto('/search?mode=person');
    await page.getByLabel(/^Name/).fill('Schtscherbakow Sergej');
    const dob = page.getByLabel(/^Date of birth/);
    await dob.fill('1975-13-01');
    await page.getByTestId('person-search-submit').click();
    await expect.poll(() => dob.getAttribute('aria-invalid')).toBe('true');
    const errorId = (await dob.getAttribute('aria-describedby'))
      ?.split(' ')
      .find((id) => id.endsWith('-error'));
    expect(errorId).toBeTruthy();
    expect(await page.locator(`[id="${errorId}"]`).textContent()).toMatch(/YYYY-MM-DD, a real date/);
    expect(await page.getByTestId('person-card').count()).toBe(0);
    await audit(page, 'person search: invalid date');

    // Not even the shape of a date: the schema's own error, at the same field.
    await dob.fill('75');
    await page.getByTestId('person-search-submit').click();
    await expect
      .poll(() => page.locator(`[id="${errorId}"]`).textContent())
      .toMatch(/expected form: .*YYYY-MM-DD/);

    await dob.fill('1975');
    await page.getByTestId('person-search-submit').click();
    await page.getByTestId('person-card').first().waitFor();
    expect(await dob.getAttribute('aria-invalid')).not.toBe('true');
  });

  it('shows the documents on a person found by a document’s number', async () => {
    const { page } = fr;
    await page.goto('/search?q=751234567');
    const card = page.getByTestId('hit-card').first();
    await card.getByText('751234567 (RU)').waitFor();
  });

  it('says the server’s generic field messages in the reader’s language', async () => {
    const { context, page } = await h.newPage();
    await signIn(page, 'fr.officer');
    // The language the officer chose before on this device.
    await page.evaluate(() => localStorage.setItem('concord.locale', 'fr'));
    await page.goto('/search?mode=person');
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('fr');
    await page.getByTestId('person-query-name').fill('Schtscherbakow Sergej');
    const dob = page.getByTestId('person-query-dob');
    await dob.fill('1975-13-01');
    await page.getByTestId('person-search-submit').click();
    await expect.poll(() => dob.getAttribute('aria-invalid')).toBe('true');
    const errorId = (await dob.getAttribute('aria-describedby'))
      ?.split(' ')
      .find((id) => id.endsWith('-error'));
    expect(await page.locator(`[id="${errorId}"]`).textContent()).toBe(
      'doit être AAAA, AAAA-MM ou AAAA-MM-JJ, une date qui existe, à partir de 1850',
    );
    await context.close();
  });

  it('shows persons from the header’s search box under the identifier results', async () => {
    const { page } = fr;
    await page.goto('/');
    await page.getByTestId('global-search').fill('Mohamed Abderrahmane');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/search\?q=Mohamed/);
    const section = page.getByTestId('free-search-persons');
    await section.getByText('Persons whose name resembles', { exact: false }).waitFor();
    const first = section.getByTestId('person-card').first();
    await first.waitFor();
    expect(await first.getAttribute('data-record-id')).toBe(ids.abdelrahman);
    expect(await first.getByTestId('person-name').textContent()).toBe(ABDELRAHMAN);
    await first.getByText('known variant of the same name', { exact: false }).first().waitFor();
    expect(await page.getByTestId('not-recognised').count()).toBe(0);
    await audit(page, 'free search: persons');

    // The refining link carries the name to the person search.
    await section.getByTestId('refine-person-search').click();
    await page.waitForURL(/mode=person&name=Mohamed/);
    expect(await page.getByLabel(/^Name/).inputValue()).toBe('Mohamed Abderrahmane');
    await page.getByTestId('person-card').first().waitFor();
  });

  it('searches by name right to left in Arabic, names keeping their own direction', async () => {
    const { page } = fr;
    await page.getByTestId('language-menu').click();
    await page.getByRole('menuitem', { name: 'العربية' }).click();
    await page.getByRole('menu').waitFor({ state: 'hidden' });
    await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await page.goto('/search?mode=person');
    await page.getByRole('tab', { name: 'شخص بالاسم' }).waitFor();
    // The name field takes the direction of what is typed in it.
    const name = page.getByLabel(/^الاسم/);
    const dirOf = () => name.evaluate((el) => (el.matches(':dir(rtl)') ? 'rtl' : 'ltr'));
    await name.fill(ABDELRAHMAN);
    expect(await dirOf()).toBe('rtl');
    await name.fill('Mohammed Abdulrahman');
    expect(await dirOf()).toBe('ltr');
    await page.getByLabel(/^تاريخ الميلاد/).fill('1982');
    // Enter in a field searches, as the button does.
    await name.press('Enter');
    await page.waitForURL(/name=Mohammed/);
    const first = page.getByTestId('person-card').first();
    await first.waitFor();
    expect(await first.getAttribute('data-record-id')).toBe(ids.abdelrahman);
    await first.getByTestId('band').getByText('تطابق قوي').waitFor();
    await first.getByText('لماذا هذا المرشح').waitFor();
    await first.getByText('صيغة معروفة للاسم نفسه', { exact: false }).first().waitFor();

    const direction = (selector: string) =>
      first
        .locator(selector)
        .first()
        .evaluate((el) => (el.matches(':dir(rtl)') ? 'rtl' : 'ltr'));
    expect(await first.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
    expect(await direction('[data-testid="person-name"] bdi')).toBe('rtl');
    // The Latin spelling typed stays left to right inside the Arabic sentence.
    const latin = first.locator('.explained-name', { hasText: 'Mohammed' });
    expect(await latin.evaluate((el) => (el.matches(':dir(ltr)') ? 'ltr' : 'rtl'))).toBe('ltr');
    expect(await direction('[data-testid="person-dob"]')).toBe('ltr');
    // The card's start edge (its band colour) is on the right.
    const box = await first.boundingBox();
    const badge = await first.getByTestId('band').boundingBox();
    expect(badge!.x + badge!.width / 2).toBeGreaterThan(box!.x + box!.width / 2);
    await audit(page, 'person search (Arabic)');

    await page.goto('/search?mode=person&name=Chang%20Wei');
    const restricted = page.getByTestId('person-restricted-card').first();
    await restricted.getByText('يوجد سجل شخص لا يحق لك الاطلاع عليه').waitFor();
    await audit(page, 'person search: restricted hit (Arabic)');
  });

  it('runs under the server’s Content Security Policy without errors', () => {
    expect(h.pageProblems).toEqual([]);
  });

  it('has no serious or critical accessibility violations on the screens visited', () => {
    expect(violations.map((v) => `${v.screen}:\n${describeViolations(v.found)}`).join('\n')).toBe('');
  });
});
