/**
 * Secure messaging and the 24/7 network in a real browser against a real server: compose
 * with markings and an attachment, receive live, verify, reply, receipts, forwarding rules,
 * and a preservation request acknowledged and executed by the requested country.
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

const SUBJECT = 'Ransomware C2 on 198.51.100.23';
const BODY = 'The panel at 198.51.100.23 controls the Kivuli botnet.\nPlease check your logs.';

describe.skipIf(!chromiumAvailable)(
  'secure messaging and 24/7 requests in chromium',
  { timeout: 120_000 },
  () => {
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
      [ke, fr] = await Promise.all([h.newPage(), h.newPage()]);
      await Promise.all([signIn(ke.page, 'ke.officer'), signIn(fr.page, 'fr.officer')]);
    }, 180_000);

    afterAll(async () => {
      await h?.close();
    }, 30_000);

    async function pick(page: Page, testId: string, option: RegExp | string) {
      await page.getByTestId(testId).click();
      await page.getByRole('option', { name: option }).first().click();
    }

    it('shows messaging and the 24/7 network in the navigation', async () => {
      const nav = await ke.page
        .locator('[data-nav]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-nav')));
      expect(nav).toEqual(expect.arrayContaining(['messages', 'urgent', 'keyDirectory']));
    });

    it('composes a marked message with an attachment, which the recipient receives live and reads verified', async () => {
      // The recipient's inbox is open: the event stream brings the message in.
      await fr.page.goto('/messages');
      await fr.page.getByText('No messages for your agency yet.').waitFor();

      const { page } = ke;
      await page.goto('/messages');
      await page.getByTestId('compose').click();
      await page.waitForURL(/\/messages\/new$/);
      // Sent empty: every required field is marked at once, before anything is sent, and the
      // first of them has the focus.
      await page.getByTestId('send').click();
      await page.getByTestId('form-missing').getByText('2 required fields are empty.').waitFor();
      expect(await page.getByTestId('recipients').getAttribute('aria-invalid')).toBe('true');
      expect(await page.getByTestId('subject').getAttribute('aria-invalid')).toBe('true');
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
        .toBe('recipients');
      await page.getByTestId('recipients').click();
      await page.getByTestId('recipients').fill('FR');
      await page.getByRole('option', { name: /^FR — / }).click();
      await page.keyboard.press('Escape');
      await page.getByTestId('subject').fill(SUBJECT);
      await page.getByTestId('body').fill(BODY);
      await page.getByTestId('priority').getByText('Urgent').click();
      await pick(page, 'handling', /^H2/);
      await pick(page, 'tlp-select', /^TLP:AMBER —/);
      await page.locator('input[type=file]').setInputFiles({
        name: 'c2-traffic.pcap',
        mimeType: 'application/vnd.tcpdump.pcap',
        buffer: Buffer.alloc(70_000, 3),
      });
      await page.getByTestId('upload').getByText('Uploaded').waitFor();
      await audit(page, 'compose');
      await page.getByTestId('send').click();
      await page.waitForURL(/\/messages\/[0-9a-f-]{36}$/);
      const card = page.getByTestId('message-card').first();
      await card.getByTestId('message-subject').getByText(SUBJECT).waitFor();
      await card.getByTestId('verification').and(page.locator('[data-status="valid"]')).waitFor();
      await card.getByTestId('receipt-row').first().waitFor();
      await audit(page, 'sent message');

      // An urgent message is announced wherever the recipient is in the application.
      await fr.page.getByText('Urgent message from KE').waitFor({ timeout: 15_000 });
      const row = fr.page.getByTestId('message-row').first();
      await row.getByText(SUBJECT).waitFor({ timeout: 15_000 });
      expect(await row.getAttribute('data-unread')).toBe('true');
      await row.getByText('H2').waitFor();
      await row.getByText('TLP:AMBER').waitFor();
      await audit(fr.page, 'inbox');
      await row.click();
      const received = fr.page.getByTestId('message-card').first();
      await received.getByTestId('message-body').getByText(BODY).waitFor();
      // Shown on the lines it was written on.
      // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what is checked (textContent keeps the line break however it is shown)
      expect(await received.getByTestId('message-body').innerText()).toBe(BODY);
      await received
        .locator('[data-testid="verification"][data-status="valid"]')
        .getByText('Signed by KE', { exact: false })
        .waitFor();
      const link = received.getByTestId('attachment-link');
      await link.getByText('c2-traffic.pcap').waitFor();
      const download = await fr.page.request.get((await link.getAttribute('href'))!);
      expect((await download.body()).length).toBe(70_000);
      await audit(fr.page, 'message');

      // The sender sees that FR has read it, live.
      await expect
        .poll(() => page.getByTestId('receipt-row').first().getAttribute('data-read'), { timeout: 15_000 })
        .toBe('true');
    });

    it('replies in the thread; forwarding an H2 message asks the originator, who grants it', async () => {
      const { page } = fr;
      await page.getByTestId('reply').click();
      await page.waitForURL(/\/messages\/new\?replyTo=/);
      await expect.poll(() => page.getByTestId('subject').inputValue()).toBe(`Re: ${SUBJECT}`);
      await page.getByTestId('body').fill('Logs preserved; the operator is known to us.');
      await page.getByTestId('send').click();
      await page.waitForURL(/\/messages\/[0-9a-f-]{36}$/);
      await expect.poll(() => page.getByTestId('message-card').count()).toBe(2);

      await ke.page.goto('/messages');
      await ke.page
        .getByTestId('message-row')
        .first()
        .getByText(`Re: ${SUBJECT}`)
        .waitFor({ timeout: 15_000 });
      await ke.page.getByTestId('message-row').first().click();
      await expect.poll(() => ke.page.getByTestId('message-card').count()).toBe(2);
      await ke.page.getByText('Logs preserved; the operator is known to us.').waitFor();
      const receipt = ke.page.getByTestId('message-card').first().getByTestId('receipt-row');
      await expect.poll(() => receipt.getAttribute('data-read')).toBe('true');
      await audit(ke.page, 'thread');

      // FR tries to pass KE's H2 message on to Brazil: refused until KE agrees.
      await page.goto('/messages');
      await page.getByTestId('message-row').filter({ hasText: SUBJECT }).last().click();
      await page.getByTestId('forward').click();
      await page.getByTestId('forward-to').click();
      await page.getByTestId('forward-to').fill('BR');
      await page.getByRole('option', { name: /^BR — / }).click();
      await page.keyboard.press('Escape');
      await page.getByTestId('forward-send').click();
      await page.getByTestId('permission-required').waitFor();
      await audit(page, 'forward: permission required');
      // KE is told wherever it is, and answers from its list of requests.
      await ke.page.goto('/messages?box=sent');
      await ke.page.getByTestId('message-row').filter({ hasText: SUBJECT }).first().waitFor();
      await page.getByTestId('ask-permission').click();
      await page.getByText('Permission asked').waitFor();
      // Asked and not answered: the dialog says so, and sending would only be refused again.
      await page.locator('[data-testid="forward-permission"][data-state="pending"]').waitFor();
      expect(await page.getByTestId('forward-send').isDisabled()).toBe(true);
      await page.keyboard.press('Escape');
      await ke.page.getByText('FR asks to forward your message to BR').waitFor({ timeout: 15_000 });
      await ke.page.getByTestId('tab-forwarding').getByText('1').waitFor();
      await ke.page.getByTestId('tab-forwarding').click();
      const request = ke.page.getByTestId('forwarding-row');
      await request.getByText('FR asks to forward it to BR').waitFor();
      expect(await request.getAttribute('data-direction')).toBe('incoming');
      await audit(ke.page, 'forwarding requests');
      await request.getByTestId('grant').click();
      // Answered, it leaves the list of what awaits an answer, and the count goes.
      await ke.page.getByText('Nothing awaits an answer.').waitFor();
      await expect.poll(() => ke.page.getByTestId('tab-forwarding').textContent()).toBe('Forwarding');

      // FR hears the answer and forwards from its own list, the dialog filled in.
      await page.getByText('Your request to forward was granted').waitFor({ timeout: 15_000 });
      await page.goto('/messages?box=forwarding&status=all');
      const mine = page.getByTestId('forwarding-row');
      await mine.getByText('You asked KE to forward it to BR').waitFor();
      await mine.getByText('Granted').waitFor();
      await mine.getByText('Forward now').click();
      await page
        .getByRole('dialog')
        .getByText(/^BR — /)
        .waitFor();
      // Granted: the dialog no longer warns that permission is needed.
      await page.locator('[data-testid="forward-permission"][data-state="granted"]').waitFor();
      expect(
        await page.getByRole('dialog').getByText('only with the permission', { exact: false }).count(),
      ).toBe(0);
      expect(await page.getByTestId('forward-send').isDisabled()).toBe(false);
      await page.getByTestId('forward-send').click();
      await page.waitForURL(/\/messages\/[0-9a-f-]{36}$/);
      await page.getByTestId('forwarded').getByText(SUBJECT).waitFor();

      // On the original, the request shows as granted.
      await ke.page.goto('/messages?box=sent');
      await ke.page.getByTestId('message-row').filter({ hasText: SUBJECT }).first().click();
      await ke.page.getByTestId('forward-request').getByText('Granted').waitFor();
    });

    it('sends a preservation request, which the requested country acknowledges and executes', async () => {
      const { page } = ke;
      await page.goto('/urgent');
      await page.getByTestId('new-urgent').click();
      await page.waitForURL(/\/urgent\/new$/);
      // Sent empty: the country and every required text of the form are marked at once, in
      // the officer's words, and nothing reaches the server.
      await page.getByTestId('send-urgent').click();
      await page.getByTestId('form-missing').getByText('8 required fields are empty.').waitFor();
      expect(await page.getByTestId('urgent-country').getAttribute('aria-invalid')).toBe('true');
      for (const name of ['requestingAuthority', 'offence', 'summary', 'custodian', 'necessity'])
        expect(await page.locator(`[data-field="${name}"]`).getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator('[data-field="identifiers"]').getAttribute('aria-invalid')).not.toBe('true');
      expect(await page.getByText(/must not be empty|\(to:/).count()).toBe(0);
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-field')))
        .toBe('requestingAuthority');
      await pick(page, 'urgent-country', /^FR — /);
      // FR's entry lists no power for technical advice: the form says so before sending.
      await page.getByTestId('contact-point').waitFor();
      expect(await page.getByTestId('no-power').count()).toBe(0);
      await pick(page, 'urgent-type', 'Technical advice');
      await page.getByTestId('no-power').waitFor();
      await pick(page, 'urgent-type', 'Expedited preservation of stored data');
      await page.getByTestId('no-power').waitFor({ state: 'detached' });
      const fill = (name: string, value: string) => page.locator(`[data-field="${name}"]`).fill(value);
      await fill('requestingAuthority', 'DCI Cybercrime Unit, Nairobi');
      await fill('offence', 'Unauthorised access and extortion');
      await fill('summary', 'Ransomware operators control victims through the panel at 198.51.100.23.');
      await fill('dataToPreserve', 'Hosting account records and access logs of 198.51.100.23');
      await fill('relationToOffence', 'The server hosts the command panel');
      await fill('custodian', 'Example Hosting SAS, Roubaix');
      await fill('necessity', 'Logs are rotated after 7 days');
      await audit(page, 'new urgent request');
      await page.getByTestId('send-urgent').click();
      await page.waitForURL(/\/urgent\/[0-9a-f-]{36}$/);
      await page.getByTestId('urgent-status').and(page.locator('[data-status="sent"]')).waitFor();
      await page.getByTestId('urgent-clock').waitFor();
      const requestUrl = page.url();

      // Its acknowledgement deadline passes while FR's supervisor is away: opening the
      // application, the supervisor is told, and the 24/7 item counts it on every screen.
      await h.server.ctx.db
        .updateTable('urgent_requests')
        .set({ ack_due_at: new Date(Date.now() - 60_000) })
        .where('id', '=', requestUrl.split('/').pop()!)
        .execute();
      const supervisor = await h.newPage();
      await signIn(supervisor.page, 'fr.supervisor');
      await supervisor.page.getByText('1 urgent request to your agency is past a deadline').waitFor();
      await supervisor.page.getByTestId('overdue-badge').getByText('1').waitFor();
      await audit(supervisor.page, 'overdue on opening');
      await supervisor.context.close();

      const responder = fr.page;
      await responder.getByText('Urgent request from KE').waitFor({ timeout: 15_000 });
      await responder.goto('/urgent');
      const row = responder.getByTestId('urgent-row').first();
      await row.getByText('Expedited preservation of stored data').waitFor({ timeout: 15_000 });
      await audit(responder, 'urgent queue');
      await row.click();
      await responder.getByText('Example Hosting SAS, Roubaix').first().waitFor();
      // The form under its headings, once: its text version folded away, no field names.
      await responder.getByRole('rowheader', { name: 'Requesting authority' }).waitFor();
      expect(await responder.getByTestId('message-body').first().isVisible()).toBe(false);
      expect(await responder.getByText('requestingAuthority').count()).toBe(0);
      // A yes/no answer reads as a word of the interface, not the form's raw value.
      expect(await responder.locator('[data-form-field="mlaToFollow"]').first().textContent()).toBe('Yes');
      await responder.getByTestId('acknowledge').click();
      await responder
        .getByTestId('urgent-status')
        .and(responder.locator('[data-status="acknowledged"]'))
        .waitFor();
      await responder.getByTestId('execute').click();
      await responder
        .getByTestId('urgent-note')
        .fill('Preserved 3 GB of access logs (SHA-256 9f2c…) until further notice.');
      await audit(responder, 'execute urgent request');
      await responder.getByTestId('confirm-action').click();
      await responder
        .getByTestId('urgent-status')
        .and(responder.locator('[data-status="executed"]'))
        .waitFor();
      // The officers' steps; the clocks may have added a reminder or escalation of the
      // acknowledgement deadline the test moved into the past, whenever their job ran.
      await expect
        .poll(async () =>
          (
            await responder
              .getByTestId('timeline-event')
              .evaluateAll((items) => items.map((i) => i.dataset.action))
          ).filter((action) => action !== 'remind' && action !== 'escalate'),
        )
        .toEqual(['sent', 'acknowledge', 'execute']);
      await audit(responder, 'urgent request: executed');

      // The requester sees the state and reads what was preserved, decrypted, in the thread.
      await page.goto(requestUrl);
      await page.getByTestId('urgent-status').and(page.locator('[data-status="executed"]')).waitFor();
      await page.getByText('Preserved 3 GB of access logs', { exact: false }).waitFor();
      // Its clock gives the date after "until", and how far away it is: not "until in 91 days".
      expect(await page.getByTestId('urgent-clock').first().textContent()).toMatch(
        /^preserved until \d{1,2} \w{3,4} \d{4} \(in \d+ days\)$/,
      );
      await page.goto('/urgent/dashboard');
      await page.getByTestId('response-row').and(page.locator('[data-country="FR"]')).waitFor();
      await audit(page, 'urgent dashboard');
    });

    it('shows the key directory, and the messages right to left in Arabic', async () => {
      const { page } = fr;
      await page.goto('/messaging/keys?tab=directory');
      await page.getByTestId('key-row').first().waitFor();
      await audit(page, 'key directory');
      await page.getByTestId('language-menu').click();
      await page.getByRole('menuitem', { name: 'العربية' }).click();
      await page.getByRole('menu').waitFor({ state: 'hidden' });
      await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
      await page.goto('/messages');
      await page.getByRole('heading', { name: 'الرسائل' }).waitFor();
      await page.getByTestId('message-row').first().waitFor();
      await audit(page, 'inbox (Arabic)');

      // The sender → recipients line reads right to left: the arrow points from the sender
      // (on the right) to the recipients, each part keeping its own direction.
      await page.getByTestId('message-row').filter({ hasText: SUBJECT }).last().click();
      const card = page
        .locator('[data-testid="message-card"]')
        .filter({ has: page.getByTestId('attachment-link') });
      await card.getByTestId('route-arrow').waitFor();
      expect(await card.getByTestId('route-arrow').textContent()).toBe('←');
      const from = (await card.getByTestId('route-from').boundingBox())!;
      const to = (await card.getByTestId('route-to').boundingBox())!;
      expect(from.x).toBeGreaterThan(to.x);
      expect(await card.getByTestId('route-from').evaluate((e) => getComputedStyle(e).unicodeBidi)).toBe(
        'isolate',
      );
      // A size reads "68 KiB", not "KiB 68".
      const size = card.getByTestId('attachment-size');
      expect(await size.evaluate((e) => getComputedStyle(e).direction)).toBe('ltr');
    });

    it('runs under the server’s Content Security Policy without errors', () => {
      expect(h.pageProblems).toEqual([]);
    });

    it('has no serious or critical accessibility violations on the screens visited', () => {
      expect(violations.map((v) => `${v.screen}:\n${describeViolations(v.found)}`).join('\n')).toBe('');
    });
  },
);
