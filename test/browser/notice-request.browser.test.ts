/**
 * A notice request's subject and photographs in a real browser against a real server: a
 * Kenyan officer requests a Yellow Notice on a person record Kenya already holds (found by
 * name among its own records only — France's namesake is not offered, and the record is
 * neither copied nor rewritten), then, on the draft, adds photographs (a GIF and an
 * oversized file refused at the field before sending, a broken PNG refused by the server at
 * the field in French, a PNG and a JPEG drawn by the browser taken), removes one with the
 * keyboard and submits. The same form in Arabic reads right to left.
 */
import type { APIResponse, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portraitPng } from '../../src/notices/portrait.ts';
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

const MISSING = 'Amani Wanjiku Mwangi';

describe.skipIf(!chromiumAvailable)(
  'a notice request’s subject and photographs',
  { timeout: 180_000 },
  () => {
    let h: Harness;
    let page: Page;
    let csrf = '';
    const ids: Record<string, string> = {};
    let noticeId = '';
    const violations: { screen: string; found: AxeViolation[] }[] = [];
    const audit = async (screen: string) => {
      const found = await seriousViolations(page);
      if (found.length) violations.push({ screen, found });
    };
    const json = async (answer: APIResponse) => {
      expect(answer.ok(), await answer.text()).toBe(true);
      return answer.json();
    };
    const get = (path: string) => page.request.get(path).then(json);

    beforeAll(async () => {
      h = await startHarness();
      // France holds a namesake open to every member: the Kenyan picker must not offer it.
      const fr = await h.newPage();
      await signIn(fr.page, 'fr.officer');
      const frCsrf = ((await (await fr.page.request.get('/api/v1/me')).json()) as { csrfToken: string })
        .csrfToken;
      const french = await fr.page.request.post('/api/v1/records', {
        headers: { 'X-CSRF-Token': frCsrf },
        data: {
          kind: 'person',
          data: { names: [{ full: MISSING }], sex: 'F', dateOfBirth: '2012-05-04', status: 'missing' },
          policy: { visibility: 'all' },
        },
      });
      ids.french = ((await json(french)) as { id: string }).id;
      await fr.context.close();

      page = (await h.newPage()).page;
      await signIn(page, 'ke.officer');
      csrf = ((await get('/api/v1/me')) as { csrfToken: string }).csrfToken;
      const kenyan = await page.request.post('/api/v1/records', {
        headers: { 'X-CSRF-Token': csrf },
        data: {
          kind: 'person',
          data: {
            names: [{ full: MISSING }, { full: 'Amani Mwangi', type: 'alias' }],
            sex: 'F',
            dateOfBirth: '2012-05-04',
            nationalities: ['KE'],
            documents: [
              { number: 'BK1234567', type: 'passport', issuingCountry: 'KE' },
              { number: '31234567', type: 'id-card', issuingCountry: 'KE' },
            ],
            status: 'missing',
          },
          policy: { visibility: 'allow', agencies: ['KE'] },
        },
      });
      ids.kenyan = ((await json(kenyan)) as { id: string }).id;
    }, 120_000);
    afterAll(async () => {
      await h?.close();
    }, 30_000);

    const chooseLanguage = async (name: string, lang: string) => {
      await page.getByTestId('language-menu').click();
      await page.getByRole('menuitem', { name }).click();
      await page.getByRole('menu').waitFor({ state: 'hidden' });
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(lang);
    };

    it('requests a Yellow Notice on a person record the agency already holds', async () => {
      await page.goto('/notices/new?type=yellow');
      await page.getByTestId('photos-after-save').waitFor();
      await page.getByLabel('Use an existing record of my agency').check();
      // Nothing chosen yet: said at the search field, counted, and focused.
      await page.getByTestId('submit-request').click();
      await page.getByTestId('form-missing').waitFor();
      const search = page.getByLabel(/^Name of the person/);
      expect(await search.getAttribute('aria-invalid')).toBe('true');
      await page.getByText('Choose a person record, or record a new person').waitFor();
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
        .toBe('subject-search');
      await audit('notice form: choosing a subject');

      // Enter searches without submitting the request.
      await search.fill('Amani Wanjiku');
      await search.press('Enter');
      const card = page.locator(`[data-testid="subject-candidate"][data-record-id="${ids.kenyan}"]`);
      await card.waitFor();
      expect(page.url()).toMatch(/\/notices\/new\?type=yellow$/);
      expect(await page.locator(`[data-record-id="${ids.french}"]`).count()).toBe(0);
      await expect.poll(() => card.textContent()).toMatch(/2012-05-04 · Female · KE · Missing/);
      await page.getByRole('button', { name: `Use the record of ${MISSING}` }).click();
      await page.getByTestId('subject-chosen').waitFor();
      expect(await page.getByLabel(/^Full name/).inputValue()).toBe(MISSING);
      expect(await page.getByLabel(/^Date of birth/).inputValue()).toBe('2012-05-04');
      expect(await page.getByLabel(/^Passport number/).inputValue()).toBe('BK1234567');

      await page.getByLabel(/^Date of disappearance/).fill('2026-01-10');
      await page.getByLabel(/^Place of disappearance/).fill('Kibera, Nairobi');
      await page.getByLabel(/^Country of disappearance/).fill('KE');
      await page.getByLabel(/^Circumstances of the disappearance/).fill('Did not come home from school.');
      await page.getByTestId('save-draft').click();
      await page.waitForURL(/\/notices\/[0-9a-f-]{36}$/);
      noticeId = page.url().split('/').pop()!;

      // The request refers to Kenya's record, which was neither copied nor rewritten.
      const notice = await get(`/api/v1/notices/${noticeId}`);
      expect(notice.subjectRecordId).toBe(ids.kenyan);
      const record = await get(`/api/v1/records/${ids.kenyan}`);
      expect(record.version).toBe(1);
      expect(record.data.documents).toHaveLength(2);
      const persons = (await get('/api/v1/records?kind=person&limit=100')) as {
        items: { summary: string }[];
      };
      expect(persons.items.filter((r) => r.summary.includes(MISSING))).toHaveLength(1);
      expect(h.pageProblems).toEqual([]);
    });

    const section = () => page.getByTestId('notice-photos');
    const chooseFile = async (file: { name: string; mimeType: string; buffer: Buffer }) => {
      const chooser = page.waitForEvent('filechooser');
      await section()
        .getByRole('button', { name: /^Photograph|^Photographie|^الصورة/ })
        .click();
      await (await chooser).setFiles(file);
    };
    const fileField = () => section().getByRole('button', { name: /^Photograph|^Photographie|^الصورة/ });
    const fieldError = async () => {
      const described = (await fileField().getAttribute('aria-describedby')) ?? '';
      const texts = await Promise.all(
        described
          .split(/\s+/)
          .filter(Boolean)
          .map((id) => page.locator(`[id="${id}"]`).textContent()),
      );
      return texts.join(' ');
    };

    it('adds photographs to the draft, refusing what it cannot take at the field, and submits', async () => {
      await section().waitFor();
      expect(await page.getByTestId('photo-count').textContent()).toBe('0 of 6');

      // Refused here, before sending: not a JPEG or PNG, then too large.
      await chooseFile({
        name: 'scan.gif',
        mimeType: 'image/gif',
        buffer: Buffer.from('GIF89a\x01\x00\x01\x00'),
      });
      await section().getByText('scan.gif is not a JPEG or PNG image.').waitFor();
      expect(await fileField().getAttribute('aria-invalid')).toBe('true');
      expect(await fieldError()).toMatch(/scan\.gif is not a JPEG or PNG image/);
      const big = Buffer.alloc(Math.round(2.5 * 1024 * 1024));
      portraitPng(1).copy(big);
      await chooseFile({ name: 'huge.png', mimeType: 'image/png', buffer: big });
      await section().getByText('This file is 2.5 MB; a photograph may be at most 2 MB.').waitFor();
      await section().getByTestId('upload-photo').click();
      expect(await page.getByTestId('photo').count()).toBe(0);

      // Refused by the server (a PNG whose size cannot be read): said at the field, in French.
      await chooseLanguage('Français', 'fr');
      const broken = Buffer.concat([portraitPng(2).subarray(0, 8), Buffer.alloc(64, 7)]);
      await chooseFile({ name: 'cassée.png', mimeType: 'image/png', buffer: broken });
      await section().getByTestId('upload-photo').click();
      await section().getByText('les dimensions de l’image ne peuvent pas être lues').waitFor();
      expect(await fieldError()).toMatch(/les dimensions de l’image ne peuvent pas être lues/);
      await chooseLanguage('English', 'en');

      // A PNG, then a JPEG drawn by the browser's canvas, each with its caption.
      await chooseFile({ name: 'school.png', mimeType: 'image/png', buffer: portraitPng(3) });
      await section()
        .getByLabel(/^Caption/)
        .fill('School photograph, 2025');
      await section().getByTestId('upload-photo').click();
      await expect.poll(() => page.getByTestId('photo').count()).toBe(1);
      const jpeg = await page.evaluate(() => {
        const canvas = document.createElement('canvas');
        canvas.width = 120;
        canvas.height = 160;
        const g = canvas.getContext('2d')!;
        g.fillStyle = '#7a9a5a';
        g.fillRect(0, 0, 120, 160);
        g.fillStyle = '#3b2a20';
        g.beginPath();
        g.arc(60, 62, 30, 0, Math.PI * 2);
        g.fill();
        return canvas.toDataURL('image/jpeg', 0.9).split(',')[1]!;
      });
      await chooseFile({ name: 'market.jpg', mimeType: 'image/jpeg', buffer: Buffer.from(jpeg, 'base64') });
      await section()
        .getByLabel(/^Caption/)
        .fill('At the market');
      // Keyboard: from the caption to the add button.
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByTestId('photo').count()).toBe(2);
      expect(await page.getByTestId('photo-count').textContent()).toBe('2 of 6');
      expect(await page.getByTestId('photo-caption').allTextContents()).toEqual([
        'School photograph, 2025',
        'At the market',
      ]);
      // The thumbnails are the stored pictures, loaded, and named by their captions.
      const thumbnail = section().getByRole('img', { name: 'At the market' });
      await expect.poll(() => thumbnail.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(120);
      expect(await section().locator('input[type="file"]').getAttribute('accept')).toBe(
        'image/jpeg,image/png',
      );
      await audit('notice detail: photographs');

      // Remove one with the keyboard: its button is named after its caption.
      await section().getByRole('button', { name: 'Remove At the market' }).focus();
      await page.keyboard.press('Enter');
      await page.getByRole('dialog').getByTestId('confirm').click();
      await expect.poll(() => page.getByTestId('photo').count()).toBe(1);
      expect(await page.getByTestId('photo-caption').allTextContents()).toEqual(['School photograph, 2025']);

      await page.getByTestId('submit-notice').click();
      await expect
        .poll(() => page.getByTestId('notice-status').getAttribute('data-status'))
        .toBe('submitted');
      // Submitted: photographs no longer change, and the one kept is the request's.
      await page.getByTestId('notice-photos').waitFor({ state: 'detached' });
      await page.getByTestId('notice-photo').waitFor();
      const notice = await get(`/api/v1/notices/${noticeId}`);
      expect(notice.images.map((i: { caption: string }) => i.caption)).toEqual(['School photograph, 2025']);
      expect(notice.subject.data.names[0].full).toBe(MISSING);
      expect(h.pageProblems).toEqual([]);
    });

    it('reads right to left in Arabic', async () => {
      await chooseLanguage('العربية', 'ar');
      await page.goto('/notices/new?type=yellow');
      await page.getByLabel('استخدام سجل موجود لدى جهتي').check();
      await page.getByLabel(/^اسم الشخص/).fill(MISSING);
      await page.getByTestId('subject-search-run').click();
      await page.locator(`[data-testid="subject-candidate"][data-record-id="${ids.kenyan}"]`).waitFor();
      expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
      // The Latin name keeps its own direction in the Arabic page.
      expect(await page.getByLabel(/^اسم الشخص/).getAttribute('dir')).toBe('auto');
      await audit('notice form in Arabic');
      await chooseLanguage('English', 'en');
      expect(violations, describeViolations(violations.flatMap((v) => v.found))).toEqual([]);
      expect(h.pageProblems).toEqual([]);
    });
  },
);
