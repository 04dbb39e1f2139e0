/**
 * Notices in a real browser against a real server: a Kenyan officer requests a Red Notice
 * (live validation first), a secretariat reviewer returns it for missing data, the officer
 * completes it and submits again, the reviewer publishes it with the checklist, and a
 * French officer finds the person by a variant spelling of the name; the public API then
 * shows its extract.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, type Harness, SKIP_MESSAGE, signIn, startHarness } from './harness.ts';

if (!chromiumAvailable) console.warn(SKIP_MESSAGE);

const SHORT_FACTS = 'Ransomware.';
const FULL_FACTS =
  'The person administered ransomware infrastructure used against the national hospital insurance fund in 2024, encrypting patient records and demanding 5 million dollars in bitcoin.';

describe.skipIf(!chromiumAvailable)('notices in chromium', { timeout: 240_000 }, () => {
  let h: Harness;
  let officer: Page;
  let reviewer: Page;
  let noticeId = '';

  beforeAll(async () => {
    h = await startHarness();
    officer = (await h.newPage()).page;
    await signIn(officer, 'ke.officer');
    reviewer = (await h.newPage()).page;
    await signIn(reviewer, 'secretariat.reviewer');
  }, 180_000);
  afterAll(async () => {
    await h?.close();
  }, 30_000);

  const chooseLanguage = async (page: Page, name: string, lang: string) => {
    await page.getByTestId('language-menu').click();
    await page.getByRole('menuitem', { name }).click();
    await page.getByRole('menu').waitFor({ state: 'hidden' });
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(lang);
  };
  const toFrench = (page: Page) => chooseLanguage(page, 'Français', 'fr');
  const toEnglish = (page: Page) => chooseLanguage(page, 'English', 'en');

  it('shows the form’s help in the officer’s language', async () => {
    const { context, page } = await h.newPage();
    await signIn(page, 'fr.officer');
    await toFrench(page);
    await page.goto('/notices/new?type=red');
    await page.getByText('Ce qui est reproché à la personne : quand, où, comment, avec qui').waitFor();
    await page.getByText('Loi et disposition, par ex. Code pénal, art. 268').waitFor();
    expect(await page.getByText(/What the person is alleged to have done/).count()).toBe(0);
    await toEnglish(page);
    await context.close();
  });

  const choose = async (page: Page, label: RegExp, option: string) => {
    await page.getByRole('textbox', { name: label }).click();
    await page.getByRole('option', { name: option, exact: true }).click();
  };

  it('a Kenyan officer requests a Red Notice, with live validation', async () => {
    const page = officer;
    await page.goto('/notices');
    await page.getByTestId('new-notice').click();
    await page.getByTestId('new-red').click();
    await page.waitForURL(/type=red/);
    await page.getByTestId('submit-request').click();
    await page.getByTestId('form-missing').waitFor();
    // The count said is the number of fields marked (the subject's among them), and the
    // first of them has the focus.
    const said = Number(await page.getByTestId('form-missing').getAttribute('data-count'));
    const marked = await page.locator('#notice-form').getByText('Required', { exact: true }).count();
    expect(said).toBeGreaterThan(0);
    expect(marked).toBe(said);
    expect(await page.getByTestId('form-missing').textContent()).toBe(`${said} required fields are empty.`);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-invalid')))
      .toBe('true');
    expect(
      await page.evaluate(
        () => (document.activeElement as HTMLInputElement | null)?.labels?.[0]?.textContent,
      ),
    ).toMatch(/^Full name/);
    await page.getByLabel(/^Full name/).fill('Щербатов Игорь Петрович');
    await choose(page, /^Sex/, 'Male');
    await page.getByLabel(/^Date of birth/).fill('1979-08-14');
    await page.getByLabel(/^Nationality/).fill('RU');
    await choose(page, /^Kind/, 'Arrest warrant');
    await page.getByLabel(/^Issuing country/).fill('KE');
    await page.getByLabel(/^Issuing authority/).fill('High Court of Kenya, Milimani');
    await page.getByLabel(/^Date issued/).fill('2025-06-01');
    await page.getByLabel(/^Charges/).fill('Unauthorised access to computer systems and extortion');
    await page.getByLabel(/^Applicable law/).fill('Computer Misuse and Cybercrimes Act s. 14, s. 21');
    await page.getByLabel(/^Maximum penalty/).fill('20');
    await page.getByLabel(/^Summary of facts/).fill(SHORT_FACTS);
    await page.getByLabel(/^The requesting country will seek extradition/).check();
    await page.getByTestId('submit-request').click();
    await page.waitForURL(/\/notices\/[0-9a-f-]{36}$/);
    noticeId = page.url().split('/').pop()!;
    await page.getByTestId('processing').waitFor();
    expect(await page.getByTestId('notice-status').getAttribute('data-status')).toBe('submitted');
    // The requester sees the automatic findings too: the facts are too short.
    await page
      .locator('[data-testid="finding"][data-check="seriousness"][data-severity="warning"]')
      .waitFor();
    expect(h.pageProblems).toEqual([]);
  });

  it('a reviewer returns it for missing data', async () => {
    const page = reviewer;
    await page.goto('/notices?scope=review');
    await page.locator(`[data-testid="notice-row"][data-notice-id="${noticeId}"]`).click();
    await page.waitForURL(new RegExp(`/notices/${noticeId}$`));
    await page.getByTestId('start-review').click();
    const panel = page.getByTestId('review-panel');
    await panel.waitFor();
    // Side by side: the request's data and the automatic findings.
    await page.getByTestId('notice-data').getByText('Щербатов Игорь Петрович').waitFor();
    await page.getByTestId('findings').waitFor();
    await panel
      .getByLabel(/^Reason, for the requester/)
      .fill('The summary of facts does not show the person’s participation: add the facts.');
    await page.getByTestId('decide-return').click();
    await expect.poll(() => page.getByTestId('notice-status').getAttribute('data-status')).toBe('returned');
  });

  it('the officer completes it and submits again', async () => {
    const page = officer;
    await page.goto(`/notices/${noticeId}`);
    await page.getByTestId('review-outcome').getByText('add the facts').waitFor();
    await page.getByTestId('edit-notice').click();
    await page.getByTestId('returned-reason').waitFor();
    await page.getByLabel(/^Summary of facts/).fill(FULL_FACTS);
    await page.getByTestId('submit-request').click();
    await page.waitForURL(new RegExp(`/notices/${noticeId}$`));
    await expect.poll(() => page.getByTestId('notice-status').getAttribute('data-status')).toBe('submitted');
  });

  it('the reviewer publishes it with the checklist confirmed', async () => {
    const page = reviewer;
    await page.goto(`/notices/${noticeId}`);
    await page.getByTestId('start-review').click();
    const panel = page.getByTestId('review-panel');
    await panel.waitFor();
    // Publishing without the checklist is refused at the checklist.
    await page.getByTestId('decide-publish').click();
    await panel
      .getByText(/must be confirmed to publish/)
      .first()
      .waitFor();
    // The checklist in the reviewer's language: a French reviewer reads it in French.
    const french = await h.newPage();
    await signIn(french.page, 'secretariat.reviewer');
    await toFrench(french.page);
    await french.page.goto(`/notices/${noticeId}`);
    const frPanel = french.page.getByTestId('review-panel');
    await frPanel.getByText('Article 2 : respect des droits de l’homme').waitFor();
    await frPanel.getByText('Crime grave de droit commun').waitFor();
    await frPanel.getByText(/^La demande respecte la Déclaration universelle/).waitFor();
    expect(await frPanel.getByText('Serious ordinary-law crime').count()).toBe(0);
    await toEnglish(french.page);
    await french.context.close();
    for (const key of ['article2', 'article3', 'seriousness', 'judicialData'])
      await page.getByTestId(`check-${key}`).check();
    await page.getByTestId('decide-publish').click();
    await expect.poll(() => page.getByTestId('notice-status').getAttribute('data-status')).toBe('published');
  });

  it('a French officer finds the person by a variant spelling', async () => {
    const fr = (await h.newPage({ locale: 'en-GB' })).page;
    await signIn(fr, 'fr.officer');
    await fr.goto('/notices');
    await fr.getByTestId('notice-name-search').fill('Schtscherbatow Igor');
    await fr.getByTestId('notice-name-search-submit').click();
    const first = fr.getByTestId('notice-candidate').first();
    await first.waitFor();
    expect(await first.getAttribute('data-notice-id')).toBe(noticeId);
    expect(await first.getAttribute('data-band')).toBe('strong');
    await first.getByRole('link').click();
    await fr.waitForURL(new RegExp(`/notices/${noticeId}$`));
    await fr.getByTestId('notice-data').getByText('Щербатов Игорь Петрович').waitFor();
    expect(await fr.getByTestId('notice-status').getAttribute('data-status')).toBe('published');
    // Members do not see the review's findings.
    expect(await fr.getByTestId('findings').count()).toBe(0);
    const pdf = await fr.request.get(`/api/v1/notices/${noticeId}/pdf`);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect(h.pageProblems).toEqual([]);
  });

  it('a request the server refuses leaves no person record behind for others to find', async () => {
    const page = officer;
    await page.goto('/notices/new?type=red');
    await page.getByLabel(/^Full name/).fill('Orphan Test Person');
    // A language the notice refuses (ISO 639-2 codes only): the person is recorded first, then
    // the request is refused.
    const languages = page.getByLabel(/^Languages spoken/);
    await languages.fill('english');
    await languages.press('Enter');
    await page.getByTestId('save-draft').click();
    await page.getByRole('alert').first().waitFor();
    const left = () =>
      h.server.ctx.db
        .selectFrom('records')
        .select(['status'])
        .where('summary', 'like', '%Orphan Test Person%')
        .execute();
    await expect.poll(async () => (await left()).map((r) => r.status)).toEqual(['deleted']);
  });

  it('a submission refused for the subject and tried again makes one draft, not one per try', async () => {
    const page = officer;
    await page.goto('/notices/new?type=red');
    // Name and warrant, but no sex, date of birth or nationality: the server refuses the
    // submission after the draft is saved.
    await page.getByLabel(/^Full name/).fill('Retry Testperson Kamau');
    await choose(page, /^Kind/, 'Arrest warrant');
    await page.getByLabel(/^Issuing country/).fill('KE');
    await page.getByLabel(/^Issuing authority/).fill('High Court of Kenya, Milimani');
    await page.getByLabel(/^Date issued/).fill('2025-06-01');
    await page.getByLabel(/^Charges/).fill('Unauthorised access to computer systems and extortion');
    await page.getByLabel(/^Applicable law/).fill('Computer Misuse and Cybercrimes Act s. 14, s. 21');
    await page.getByLabel(/^Maximum penalty/).fill('20');
    await page.getByLabel(/^Summary of facts/).fill(SHORT_FACTS);
    await page.getByLabel(/^The requesting country will seek extradition/).check();
    const drafts = async () =>
      (
        await h.server.ctx.db
          .selectFrom('notices')
          .select('id')
          .where('summary', 'like', '%Retry Testperson Kamau%')
          .execute()
      ).length;
    for (let attempt = 1; attempt <= 3; attempt++) {
      await page.getByTestId('submit-request').click();
      await expect.poll(drafts).toBe(1);
      await page.getByRole('alert').first().waitFor();
    }
    expect(page.url()).toMatch(/type=red/);
  });

  it('an officer sends a diffusion to the countries chosen, and only they receive it', async () => {
    const page = officer;
    await page.goto('/notices/new');
    await page.getByTestId('new-diffusion-blue').click();
    await page.waitForURL(/type=blue&kind=diffusion/);
    await page.getByRole('heading', { name: /New diffusion/ }).waitFor();
    await page.getByLabel(/^Full name/).fill('Mwakilishi Diffusion Testi');
    await page.getByLabel(/^Offence investigated/).fill('Business email compromise');
    await page.getByLabel(/^Information sought/).fill('Current whereabouts and telephone numbers in use');
    await page.getByLabel(/^Summary of facts/).fill(FULL_FACTS);
    // "Only the members listed" with nobody listed: the server names the audience, nothing is sent.
    await page.getByTestId('submit-request').click();
    await page
      .getByTestId('audience-editor')
      .getByText(/needs agencies or countries/)
      .first()
      .waitFor();
    expect(page.url()).toMatch(/kind=diffusion/);
    await page.getByTestId('audience-countries').fill('fr');
    await page.getByTestId('audience-editor').getByText('France').waitFor();
    await page.getByTestId('submit-request').click();
    await page.waitForURL(/\/notices\/[0-9a-f-]{36}$/);
    const diffusionId = page.url().split('/').pop()!;
    await page.locator('[data-testid="notice-status"][data-status="circulated"]').waitFor();
    expect(await page.getByTestId('notice-audience').textContent()).toMatch(/only FR/);

    const reads = async (username: string) => {
      const other = (await h.newPage()).page;
      await signIn(other, username);
      const status = (await other.request.get(`/api/v1/notices/${diffusionId}`)).status();
      await other.close();
      return status;
    };
    expect(await reads('fr.officer')).toBe(200);
    expect(await reads('br.officer')).toBe(404);
    // Nor does the subject's person record reach others: it is the requester's alone (the
    // diffusion carries a snapshot of it to its addressees).
    const subject = await h.server.ctx.db
      .selectFrom('records')
      .select(['policy'])
      .where('summary', 'like', '%Mwakilishi Diffusion Testi%')
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow();
    expect(subject.policy).toEqual({ visibility: 'allow', agencies: ['KE'] });

    // Cancelled, it is no longer in force: France, opening it again, is told so and since when.
    await page.getByTestId('action-cancel').click();
    await page.getByTestId('confirm-action').click();
    await page.locator('[data-testid="notice-status"][data-status="cancelled"]').waitFor();
    const france = (await h.newPage()).page;
    await signIn(france, 'fr.officer');
    await france.goto(`/notices/${diffusionId}`);
    await france
      .getByTestId('notice-not-in-force')
      .getByText(/is no longer in force: cancelled since/)
      .waitFor();
    await france.close();
    expect(h.pageProblems).toEqual([]);
  });

  it('a reviewer confirms a diffusion, then withdraws it when something comes to light', async () => {
    const page = reviewer;
    const queue = await (await page.request.get('/api/v1/notices?scope=review&kind=diffusion')).json();
    const diffusion = queue.items.find((n: { status: string }) => n.status === 'circulated');
    expect(diffusion).toBeTruthy();
    await page.goto(`/notices/${diffusion.id}`);
    const panel = page.getByTestId('review-panel');
    await panel.waitFor();
    for (const key of ['article2', 'article3', 'seriousness', 'judicialData'])
      await page.getByTestId(`check-${key}`).check();
    await page.getByTestId('decide-confirm').click();
    // Confirmed, it stays in force; the panel now offers withdrawing alone, without the checklist.
    await panel.getByText(/Withdraw it if new information/).waitFor();
    expect(await page.getByTestId('decide-confirm').count()).toBe(0);
    expect(await page.getByTestId('check-article2').count()).toBe(0);
    expect(await page.getByTestId('notice-status').getAttribute('data-status')).toBe('circulated');
    await panel.getByLabel(/^Grounds/).click();
    await page.getByRole('option', { name: 'Article 3: political character' }).click();
    await page.keyboard.press('Escape');
    await panel
      .getByLabel(/^Reason, for the requester/)
      .fill('A court found the proceedings politically motivated.');
    await page.getByTestId('decide-withdraw').click();
    await expect.poll(() => page.getByTestId('notice-status').getAttribute('data-status')).toBe('withdrawn');
    expect(h.pageProblems).toEqual([]);
  });
});
