/**
 * Secure messaging for server-held agencies (the web UI's path): send, receive, reply,
 * threads, receipts, search, drafts, groups, attachments, forwarding rules, verification of
 * tampered data, who may read what, and that nothing is half-written.
 */
import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, expectProblem, type Session, signIn, type TestApp } from '../../test/helpers.ts';
import { purgeStaleUploads } from './attachments.ts';
import { ensureKeys } from './keys.ts';
import { tablesContaining } from './test-support.ts';

let t: TestApp;
let ke: Session;
let fr: Session;
let us: Session;
const logs: string[] = [];

beforeAll(async () => {
  const sink = new Writable({
    write(chunk, _enc, done) {
      logs.push(String(chunk));
      done();
    },
  });
  t = await createTestApp({ LOG_LEVEL: 'debug' }, { logDestination: sink });
  [ke, fr, us] = await Promise.all([
    signIn(t.app, 'ke.officer'),
    signIn(t.app, 'fr.officer'),
    signIn(t.app, 'us.officer'),
  ]);
});
afterAll(() => t.close());

async function send(session: Session, body: object) {
  const response = await as(t.app, session)('POST', '/api/v1/messages', body);
  if (response.statusCode !== 201) throw new Error(`send failed: ${response.statusCode} ${response.body}`);
  return response.json();
}

const count = async (table: 'messages' | 'message_recipients' | 'outbox') =>
  Number(
    (
      await t.ctx.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('server-held messaging', () => {
  it('sends, delivers, decrypts and verifies; the sender sees who has read it', async () => {
    const sent = await send(ke, {
      to: ['FR'],
      subject: 'Stolen laptop LX-4471 recovered in Nairobi',
      body: 'Serial LX-4471-KQ, seized 2026-01-14. Is it yours?',
      priority: 'urgent',
      handling: 'H2',
      tlp: 'AMBER',
      evaluation: 'B2',
      caseRef: 'KE/CYB/2026/114',
      references: [{ type: 'case', id: 'KE/CYB/2026/114' }],
    });
    expect(sent).toMatchObject({
      from: 'KE',
      to: ['FR'],
      box: 'sent',
      priority: 'urgent',
      handling: 'H2',
      evaluation: 'B2',
      verification: { status: 'valid', problems: [] },
    });
    expect(sent.reference).toMatch(/^MSG-KE-2026-\d{6}$/);
    expect(sent.content.subject).toBe('Stolen laptop LX-4471 recovered in Nairobi');

    const inbox = (await as(t.app, fr)('GET', '/api/v1/messages?box=inbox')).json();
    const item = inbox.items.find((m: { id: string }) => m.id === sent.id);
    expect(item).toMatchObject({ box: 'inbox', mailbox: 'FR', custody: 'server', readAt: null });
    expect(item.content.caseRef).toBe('KE/CYB/2026/114');

    const read = (await as(t.app, fr)('GET', `/api/v1/messages/${sent.id}`)).json();
    expect(read.verification).toMatchObject({
      status: 'valid',
      signer: { agency: 'KE' },
      keyStatus: 'active',
    });
    expect(read.readAt).not.toBeNull();

    const senderView = (await as(t.app, ke)('GET', `/api/v1/messages/${sent.id}`)).json();
    expect(senderView.recipients).toEqual([
      expect.objectContaining({
        agency: 'FR',
        readAt: expect.any(String),
        answeredAt: null,
        receipts: [
          expect.objectContaining({ kind: 'delivered', by: 'fr.officer', valid: true }),
          expect.objectContaining({ kind: 'read', by: 'fr.officer', valid: true }),
        ],
      }),
    ]);

    // A read receipt given again stands as it was, with its first time; the sender gives none.
    const readAt = senderView.recipients[0].readAt;
    t.clock.advanceMinutes(1);
    const again = await as(t.app, fr)('POST', `/api/v1/messages/${sent.id}/receipts`, { kind: 'read' });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ kind: 'read', agency: 'FR', created: false, at: readAt });
    const bySender = await as(t.app, ke)('POST', `/api/v1/messages/${sent.id}/receipts`, { kind: 'read' });
    expect(expectProblem(bySender, 403, 'forbidden').detail).toMatch(/one your agency sent/);
  });

  it('numbers messages sent together per sender, without gaps, and announces each with its reference', async () => {
    // Sent at once, they are written by one statement (the group commit).
    const sent = await Promise.all([
      send(ke, { to: ['FR'], subject: 'Batch 1', body: 'one' }),
      send(fr, { to: ['KE'], subject: 'Batch 2', body: 'two' }),
      send(ke, { to: ['FR', 'US'], subject: 'Batch 3', body: 'three' }),
      send(ke, { to: ['US'], subject: 'Batch 4', body: 'four' }),
      send(fr, { to: ['US'], subject: 'Batch 5', body: 'five' }),
    ]);
    const numbers = (prefix: string) =>
      sent
        .map((m) => m.reference as string)
        .filter((r) => r.startsWith(prefix))
        .map((r) => Number(r.slice(prefix.length)))
        .sort((a, b) => a - b);
    const keNumbers = numbers('MSG-KE-2026-');
    const frNumbers = numbers('MSG-FR-2026-');
    expect(keNumbers).toEqual([keNumbers[0], keNumbers[0]! + 1, keNumbers[0]! + 2]);
    expect(frNumbers).toEqual([frNumbers[0], frNumbers[0]! + 1]);
    const events = await t.ctx.db
      .selectFrom('outbox')
      .select(['agency', 'payload'])
      .where('type', '=', 'message.received')
      .where(
        sql<string>`payload->>'id'`,
        'in',
        sent.map((m) => m.id),
      )
      .execute();
    const announced = events.map((e) => {
      const payload = e.payload as { id: string; reference: string };
      return `${payload.id} ${payload.reference} → ${e.agency}`;
    });
    expect(announced.sort()).toEqual(
      sent.flatMap((m) => (m.to as string[]).map((to) => `${m.id} ${m.reference} → ${to}`)).sort(),
    );
  });

  it('keeps no subject, body or case reference in plaintext in any table or log', async () => {
    const secret = 'Operation Kilimanjaro-Sunrise informant';
    await send(ke, {
      to: ['FR', 'BR'],
      subject: secret,
      body: `${secret}: meets at the port`,
      caseRef: 'KILI-SECRET-77',
    });
    expect(await tablesContaining(t.ctx.db, secret)).toEqual([]);
    expect(await tablesContaining(t.ctx.db, 'KILI-SECRET-77')).toEqual([]);
    await t.ctx.audit.flush();
    expect(logs.join('').includes('Kilimanjaro-Sunrise')).toBe(false);
    expect(logs.length).toBeGreaterThan(0);
  });

  it('replies stay in the thread and are receipted as answered', async () => {
    const first = await send(ke, { to: ['FR'], subject: 'Wallet bc1q…7k', body: 'Any hits?' });
    const reply = await send(fr, {
      inReplyTo: first.id,
      to: ['KE'],
      subject: 'Re: Wallet bc1q…7k',
      body: 'One hit.',
    });
    expect(reply.threadId).toBe(first.id);
    expect(reply.inReplyTo).toBe(first.id);
    const thread = (await as(t.app, ke)('GET', `/api/v1/threads/${first.id}`)).json();
    expect(thread.items.map((m: { id: string }) => m.id)).toEqual([first.id, reply.id]);
    expect(thread.items[0].recipients[0].answeredAt).not.toBeNull();
    expect(thread.items[0].recipients[0].receipts.map((r: { kind: string }) => r.kind)).toContain('answered');
    // A reply keeps its parent's markings unless the sender sets its own.
    const marked = await send(ke, {
      to: ['FR'],
      subject: 'Marked',
      body: '…',
      handling: 'H3',
      handlingNote: 'Not for the press',
      tlp: 'AMBER+STRICT',
    });
    const plainReply = await send(fr, { inReplyTo: marked.id, to: ['KE'], subject: 'Re: Marked', body: '…' });
    expect(plainReply).toMatchObject({
      handling: 'H3',
      handlingNote: 'Not for the press',
      tlp: 'AMBER+STRICT',
    });
    expect(plainReply.verification.status).toBe('valid');
    const ownMarkings = await send(fr, {
      inReplyTo: marked.id,
      to: ['KE'],
      subject: 'Re: Marked',
      body: '…',
      handling: 'H1',
      tlp: 'GREEN',
    });
    expect(ownMarkings).toMatchObject({ handling: 'H1', handlingNote: null, tlp: 'GREEN' });
    // A reply to a message one does not hold is refused.
    const stranger = await as(t.app, us)('POST', '/api/v1/messages', {
      inReplyTo: first.id,
      to: ['KE'],
      subject: 'x',
    });
    expect(expectProblem(stranger, 400, 'validation').errors?.[0]?.field).toBe('/body/inReplyTo');
    // Without subject and recipients, a reply takes them from what it answers: the sender of a
    // received message, the recipients of one's own; "Re: " once.
    const short = await send(fr, { inReplyTo: first.id, body: 'And a second.' });
    expect(short).toMatchObject({ to: ['KE'], threadId: first.id });
    expect(short.content.subject).toBe('Re: Wallet bc1q…7k');
    const followUp = await send(ke, { inReplyTo: short.id, body: 'Thanks.' });
    expect(followUp).toMatchObject({ to: ['FR'] });
    expect(followUp.content.subject).toBe('Re: Wallet bc1q…7k');
    const again = await send(ke, { inReplyTo: followUp.id, body: 'One more.' });
    expect(again).toMatchObject({ to: ['FR'] });
    // One does not hold it: nothing to take, and the subject is asked for.
    expect(
      expectProblem(
        await as(t.app, us)('POST', '/api/v1/messages', { inReplyTo: first.id }),
        400,
        'validation',
      ).errors?.[0]?.field,
    ).toBe('/body/subject');
  });

  it('answers only the mailboxes one reads: not a third country, not the secretariat, not auditors', async () => {
    const sent = await send(ke, { to: ['FR'], subject: 'Private to FR', body: '…' });
    expectProblem(await as(t.app, us)('GET', `/api/v1/messages/${sent.id}`), 404, 'not-found');
    const secretariat = await signIn(t.app, 'secretariat.analyst');
    expectProblem(await as(t.app, secretariat)('GET', `/api/v1/messages/${sent.id}`), 404, 'not-found');
    expect((await as(t.app, secretariat)('GET', '/api/v1/messages')).json().items).toEqual([]);
    const auditor = await signIn(t.app, 'ke.auditor');
    expectProblem(await as(t.app, auditor)('GET', '/api/v1/messages'), 403, 'forbidden');
    const partner = await signIn(t.app, 'sentinel.partner');
    expectProblem(
      await as(t.app, partner)('POST', '/api/v1/messages', { to: ['KE'], subject: 'x' }),
      403,
      'forbidden',
    );
    const denied = await t.ctx.db
      .selectFrom('audit_log')
      .select('outcome')
      .where('action', '=', 'message.read')
      .where('object_id', '=', sent.id)
      .where('outcome', '=', 'denied')
      .execute();
    expect(denied.length).toBe(2);
  });

  it('a bureau reads its units’ mailboxes; a unit does not read its bureau’s', async () => {
    const toUnit = await send(fr, { to: ['KE-CYBER'], subject: 'For the cybercrime unit', body: '…' });
    const toBureau = await send(fr, { to: ['KE'], subject: 'For the bureau', body: '…' });
    // The bureau's inbox merges its own mailbox and its units', newest first, page by page.
    const inbox = (query: string) =>
      as(t.app, ke)('GET', `/api/v1/messages?box=inbox&unread=true&limit=1${query}`);
    const first = (await inbox('')).json();
    expect(first.items.map((m: { id: string }) => m.id)).toEqual([toBureau.id]);
    const second = (await inbox(`&cursor=${first.nextCursor}`)).json();
    expect(second.items.map((m: { id: string; mailbox: string }) => [m.id, m.mailbox])).toEqual([
      [toUnit.id, 'KE-CYBER'],
    ]);
    const unit = await signIn(t.app, 'ke.cyber');
    expect((await as(t.app, unit)('GET', `/api/v1/messages/${toUnit.id}`)).json().mailbox).toBe('KE-CYBER');
    expectProblem(await as(t.app, unit)('GET', `/api/v1/messages/${toBureau.id}`), 404, 'not-found');
    const viaBureau = (await as(t.app, ke)('GET', `/api/v1/messages/${toUnit.id}`)).json();
    expect(viaBureau.mailbox).toBe('KE-CYBER');
    const onlyUnit = (await as(t.app, ke)('GET', '/api/v1/messages?mailbox=KE-CYBER')).json();
    expect(onlyUnit.items.every((m: { mailbox: string }) => m.mailbox === 'KE-CYBER')).toBe(true);
    expectProblem(await as(t.app, unit)('GET', '/api/v1/messages?mailbox=KE'), 400, 'validation');
  });

  it('filters a mailbox by priority, a bureau’s and its units’ copies merged, in the sent box too', async () => {
    const flashToUnit = await send(fr, { to: ['KE-CYBER'], subject: 'Flash', body: '…', priority: 'flash' });
    const urgent = await send(fr, { to: ['KE'], subject: 'Urgent', body: '…', priority: 'urgent' });
    const flashToBureau = await send(fr, {
      to: ['KE', 'US'],
      subject: 'Flash',
      body: '…',
      priority: 'flash',
    });
    await send(fr, { to: ['KE'], subject: 'Routine', body: '…' });
    const ids = async (user: typeof ke, query: string) =>
      (await as(t.app, user)('GET', `/api/v1/messages?${query}`))
        .json()
        .items.map((m: { id: string; priority: string }) => [m.id, m.priority]);
    expect(await ids(ke, 'box=inbox&priority=flash')).toEqual([
      [flashToBureau.id, 'flash'],
      [flashToUnit.id, 'flash'],
    ]);
    expect(await ids(ke, 'box=inbox&priority=urgent&limit=1')).toEqual([[urgent.id, 'urgent']]);
    expect((await ids(ke, 'box=inbox&priority=routine')).every(([, p]: string[]) => p === 'routine')).toBe(
      true,
    );
    const sentFlash = await ids(fr, 'box=sent&priority=flash');
    expect(sentFlash.slice(0, 2)).toEqual([
      [flashToBureau.id, 'flash'],
      [flashToUnit.id, 'flash'],
    ]);
    // Every copy carries its message's priority, the sender's own copy too.
    const copies = await t.ctx.db
      .selectFrom('message_recipients')
      .select(['agency', 'role', 'priority'])
      .where('message_id', '=', flashToBureau.id)
      .orderBy('agency')
      .execute();
    expect(copies.map((c) => [c.agency, c.role, c.priority])).toEqual([
      ['FR', 'self', 'flash'],
      ['KE', 'to', 'flash'],
      ['US', 'to', 'flash'],
    ]);
  });

  it('filters a mailbox by sending time: since included, until not, in both boxes', async () => {
    // Twenty minutes apart, more than the id's allowed skew from its sending time: the window
    // read through the mailbox's index must still hold exactly what was sent within it.
    const sent: { id: string; sentAt: string }[] = [];
    for (const subject of ['first', 'second', 'third', 'fourth']) {
      // (After the messages of the tests before, all sent at the clock's first instant.)
      t.clock.advanceMinutes(20);
      // Sessions end after 30 idle minutes: the other tests' sessions stay in use.
      for (const session of [ke, fr, us]) await as(t.app, session)('GET', '/api/v1/me');
      sent.push(await send(fr, { to: ['KE-CYBER'], subject, body: '…' }));
    }
    const window = (box: string, since: string, until: string, user = ke) =>
      as(t.app, user)('GET', `/api/v1/messages?box=${box}&since=${since}&until=${until}`).then((r) =>
        r.json().items.map((m: { id: string }) => m.id),
      );
    const [first, second, third, fourth] = sent as [
      (typeof sent)[0],
      (typeof sent)[0],
      (typeof sent)[0],
      (typeof sent)[0],
    ];
    expect(await window('inbox', second.sentAt, fourth.sentAt)).toEqual([third.id, second.id]);
    expect(await window('sent', second.sentAt, fourth.sentAt, fr)).toEqual([third.id, second.id]);
    const justAfter = (m: { sentAt: string }) => new Date(Date.parse(m.sentAt) + 1).toISOString();
    expect(await window('inbox', justAfter(first), justAfter(second))).toEqual([second.id]);
    expect(await window('inbox', first.sentAt, justAfter(fourth))).toEqual([
      fourth.id,
      third.id,
      second.id,
      first.id,
    ]);
    // A window between messages, or before all of them, is empty, not an error.
    expect(await window('inbox', justAfter(first), second.sentAt)).toEqual([]);
    expect(await window('sent', '2001-01-01T00:00:00Z', '2001-01-02T00:00:00Z', fr)).toEqual([]);
  });

  it('refuses bad input by field, and writes nothing', async () => {
    const before = [await count('messages'), await count('message_recipients'), await count('outbox')];
    const cases: [object, string][] = [
      [{ to: ['ZZ'], subject: 'x' }, '/body/to/0'],
      [{ to: ['FR'] }, '/body/subject'],
      [{ to: ['KE'], subject: 'to myself' }, '/body/to/0'],
      [{ to: ['FR'], subject: 'x', handling: 'H3' }, '/body/handlingNote'],
      [{ to: ['FR'], subject: 'x', tlp: 'PURPLE' }, '/body/tlp'],
      [{ to: ['FR'], subject: 'x', colour: 'red' }, '/body/colour'],
      [{ to: ['PARTNER-SENTINEL'], subject: 'x' }, '/body/to/0'],
      [{ groups: ['NO-SUCH-GROUP'], subject: 'x' }, '/body/groups/0'],
      [{ subject: 'nobody' }, '/body/to'],
      [
        { to: ['FR'], subject: 'x', attachments: ['01a23101-6583-70ab-b623-c4e876e404c1'] },
        '/body/attachments/0',
      ],
    ];
    for (const [body, field] of cases) {
      const response = await as(t.app, ke)('POST', '/api/v1/messages', body);
      const problem = expectProblem(response, 400, 'validation');
      expect(
        problem.errors?.map((e) => e.field),
        JSON.stringify(body),
      ).toContain(field);
    }
    expect([await count('messages'), await count('message_recipients'), await count('outbox')]).toEqual(
      before,
    );
  });

  it('addresses groups: built-in regions and an agency’s own address list', async () => {
    const europe = await send(ke, { groups: ['REGION-EUROPE'], subject: 'To Europe', body: '…' });
    expect(europe.to).toContain('FR');
    expect(europe.to).not.toContain('KE');
    expect(europe.groups).toEqual(['REGION-EUROPE']);
    const created = await as(t.app, ke)('POST', '/api/v1/message-groups', {
      code: 'OP-TRIDENT',
      name: 'Operation Trident',
      members: ['FR', 'BR', 'US'],
    });
    expect(created.statusCode).toBe(201);
    const op = await send(ke, { groups: ['OP-TRIDENT'], to: ['SG'], subject: 'Trident briefing', body: '…' });
    expect(op.to).toEqual(['BR', 'FR', 'SG', 'US']);
    // Members see the list and may address it; others do not.
    const groupsOfFr = (await as(t.app, fr)('GET', '/api/v1/message-groups')).json().items;
    expect(groupsOfFr.find((g: { code: string }) => g.code === 'OP-TRIDENT')).toBeTruthy();
    const sg = await signIn(t.app, 'sg.officer');
    expectProblem(
      await as(t.app, sg)('POST', '/api/v1/messages', { groups: ['OP-TRIDENT'], subject: 'x' }),
      400,
      'validation',
    );
    expectProblem(
      await as(t.app, fr)('PATCH', '/api/v1/message-groups/OP-TRIDENT', { name: 'Taken over' }),
      404,
      'not-found',
    );
  });

  it('searches one’s own messages by words in the (decrypted) content', async () => {
    await send(ke, { to: ['FR'], subject: 'Phishing kit “Okapi”', body: 'Sold on a forum by user zebra99' });
    const found = (
      await as(t.app, fr)('GET', `/api/v1/messages?q=${encodeURIComponent('okapi ZEBRA99')}`)
    ).json();
    expect(found.items.map((m: { content: { subject: string } }) => m.content.subject)).toEqual([
      'Phishing kit “Okapi”',
    ]);
    expect((await as(t.app, fr)('GET', '/api/v1/messages?q=giraffe')).json().items).toEqual([]);
    expect((await as(t.app, us)('GET', '/api/v1/messages?q=okapi')).json().items).toEqual([]);
    const audited = await t.ctx.db
      .selectFrom('audit_log')
      .select(['query_fingerprint', 'result_count'])
      .where('action', '=', 'message.list')
      .where('query_fingerprint', 'is not', null)
      .execute();
    expect(audited.length).toBeGreaterThanOrEqual(3);
  });

  it('keeps drafts sealed, and sending one discards it', async () => {
    const draft = await as(t.app, ke)('POST', '/api/v1/drafts', {
      to: ['FR'],
      subject: 'Draft about Mombasa-Harbour-Ring',
    });
    expect(draft.statusCode).toBe(201);
    expect(await tablesContaining(t.ctx.db, 'Mombasa-Harbour-Ring')).toEqual([]);
    const id = draft.json().id;
    const updated = await as(t.app, ke)('PUT', `/api/v1/drafts/${id}`, {
      to: ['FR'],
      subject: 'Draft about Mombasa-Harbour-Ring',
      body: 'more',
    });
    expect(updated.json().draft.body).toBe('more');
    // The id as a URL may spell it, in capitals: the draft stays readable, in the list too.
    const shouted = await as(t.app, ke)('PUT', `/api/v1/drafts/${id.toUpperCase()}`, {
      to: ['FR'],
      subject: 'Draft about Mombasa-Harbour-Ring',
      body: 'more',
    });
    expect(shouted.statusCode).toBe(200);
    expect((await as(t.app, ke)('GET', `/api/v1/drafts/${id}`)).json().draft.body).toBe('more');
    expect((await as(t.app, ke)('GET', '/api/v1/drafts')).statusCode).toBe(200);
    expectProblem(await as(t.app, fr)('GET', `/api/v1/drafts/${id}`), 404, 'not-found');
    // Sent from a draft that is not the sender's (another officer's, or none): refused, naming
    // the field, and nothing is sent — the draft meant would otherwise stay behind.
    const countSent = async () =>
      (await as(t.app, ke)('GET', '/api/v1/messages?box=sent&limit=500')).json().items.length as number;
    const before = await countSent();
    const keOther = await signIn(t.app, 'ke.analyst');
    for (const [session, draftId] of [
      [ke, '01a2518a-0000-7000-8000-000000000000'],
      [keOther, id],
    ] as const) {
      const refused = await as(t.app, session)('POST', '/api/v1/messages', {
        ...updated.json().draft,
        draftId,
      });
      expect(expectProblem(refused, 400, 'validation').errors?.[0]?.field).toBe('/body/draftId');
    }
    expect(await countSent()).toBe(before);
    // Sent twice at once (a double click): once, and the other is told.
    const twice = await Promise.all(
      [0, 1].map(() => as(t.app, ke)('POST', '/api/v1/messages', { ...updated.json().draft, draftId: id })),
    );
    // The second is refused: 409 if it got as far as the sending transaction, 400 (no such
    // draft) if the first had already sent it — which of the two depends on timing.
    const codes = twice.map((r) => r.statusCode).sort();
    expect(codes[0]).toBe(201);
    expect([400, 409]).toContain(codes[1]);
    expect(await countSent()).toBe(before + 1);
    expectProblem(await as(t.app, ke)('GET', `/api/v1/drafts/${id}`), 404, 'not-found');
  });

  it('keeps the uploads a draft lists past the purge of unsent uploads', async () => {
    const uploadOf = async (name: string) => {
      const upload = (
        await as(t.app, ke)('POST', '/api/v1/attachments', {
          size: 10,
          chunkSize: 64 * 1024,
          name,
          contentType: 'text/plain',
        })
      ).json();
      await as(t.app, ke)('PUT', `/api/v1/attachments/${upload.id}/chunks/0`, Buffer.from('0123456789'), {
        'content-type': 'application/octet-stream',
      });
      return upload.id as string;
    };
    const listed = await uploadOf('kept.txt');
    const forgotten = await uploadOf('forgotten.txt');
    const draft = await as(t.app, ke)('POST', '/api/v1/drafts', {
      to: ['FR'],
      subject: 'Slow draft',
      attachments: [listed],
    });
    expect(draft.statusCode, draft.body).toBe(201);
    t.clock.advance(8 * 86_400_000);
    await purgeStaleUploads(t.ctx);
    const left = await t.ctx.db
      .selectFrom('attachments')
      .select('id')
      .where('id', 'in', [listed, forgotten])
      .execute();
    expect(left.map((a) => a.id)).toEqual([listed]);
    // A week on: the officer signs in again, and sends the draft with its attachment.
    [ke, fr, us] = await Promise.all([
      signIn(t.app, 'ke.officer'),
      signIn(t.app, 'fr.officer'),
      signIn(t.app, 'us.officer'),
    ]);
    const sent = await send(ke, { ...draft.json().draft, body: 'Attached', draftId: draft.json().id });
    expect(sent.attachments).toEqual([{ id: listed, size: 10, chunks: 1 }]);
  });

  it('uploads attachments in chunks, resumably; recipients download them decrypted', async () => {
    const chunk = 64 * 1024;
    const data = Buffer.alloc(chunk * 2 + 100, 'x');
    data.write('EVIDENCE-HASH-CHAIN-OF-CUSTODY', 10);
    const upload = (
      await as(t.app, ke)('POST', '/api/v1/attachments', {
        size: data.length,
        chunkSize: chunk,
        name: 'capture é.pcap',
        contentType: 'application/vnd.tcpdump.pcap',
      })
    ).json();
    expect(upload).toMatchObject({ chunks: 3, received: 0, missing: [0, 1, 2] });
    const put = (index: number, body: Buffer, type = 'application/octet-stream') =>
      as(t.app, ke)('PUT', `/api/v1/attachments/${upload.id}/chunks/${index}`, body, {
        'content-type': type,
      });
    expect((await put(0, data.subarray(0, chunk))).json()).toMatchObject({ received: 1, complete: false });
    expectProblem(await put(1, data.subarray(0, 10)), 400, 'validation');
    expectProblem(await put(7, data.subarray(0, chunk)), 400, 'validation');
    // Interrupted: the status says what is missing; send those (and a chunk again: harmless).
    expect((await as(t.app, ke)('GET', `/api/v1/attachments/${upload.id}`)).json().missing).toEqual([1, 2]);
    const early = await as(t.app, ke)('POST', '/api/v1/messages', {
      to: ['FR'],
      subject: 'pcap',
      attachments: [upload.id],
    });
    expect(expectProblem(early, 400, 'validation').errors?.[0]?.message).toMatch(/incomplete/);
    // A colleague of the same agency can neither see, change nor send the officer's upload.
    const colleague = await signIn(t.app, 'ke.supervisor');
    expectProblem(await as(t.app, colleague)('GET', `/api/v1/attachments/${upload.id}`), 404, 'not-found');
    expectProblem(
      await as(t.app, colleague)(
        'PUT',
        `/api/v1/attachments/${upload.id}/chunks/1`,
        data.subarray(0, chunk),
        {
          'content-type': 'application/octet-stream',
        },
      ),
      404,
      'not-found',
    );
    // Nor a key named after the officer: an upload is known by who made it, not by a name.
    const keAdmin = await signIn(t.app, 'ke.admin');
    const namesake = (
      await as(t.app, keAdmin)('POST', '/api/v1/api-keys', {
        name: 'ke.officer',
        permissions: ['messages:send'],
      })
    ).json().key as string;
    const byNamesake = await t.app.inject({
      method: 'GET',
      url: `/api/v1/attachments/${upload.id}`,
      headers: { authorization: `Bearer ${namesake}` },
    });
    expect(byNamesake.statusCode).toBe(404);
    await put(2, data.subarray(chunk * 2));
    await put(1, data.subarray(chunk, chunk * 2));
    expect((await put(0, data.subarray(0, chunk))).json()).toMatchObject({ received: 3, complete: true });
    const borrowed = await as(t.app, colleague)('POST', '/api/v1/messages', {
      to: ['FR'],
      subject: 'pcap',
      attachments: [upload.id],
    });
    expect(expectProblem(borrowed, 400, 'validation').errors?.[0]?.message).toBe('no such upload of yours');
    const sent = await send(ke, {
      to: ['FR'],
      subject: 'Traffic capture',
      body: 'Attached',
      attachments: [upload.id],
    });
    expect(sent.attachments).toEqual([{ id: upload.id, size: data.length, chunks: 3 }]);
    expect(sent.content.attachments[0]).toMatchObject({ name: 'capture é.pcap', size: data.length });
    expect(sent.content.attachments[0].key).toBeUndefined();
    const download = await as(t.app, fr)('GET', `/api/v1/messages/${sent.id}/attachments/${upload.id}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-disposition']).toContain("filename*=UTF-8''capture%20%C3%A9.pcap");
    expect(Buffer.compare(download.rawPayload, data)).toBe(0);
    expectProblem(
      await as(t.app, us)('GET', `/api/v1/messages/${sent.id}/attachments/${upload.id}`),
      404,
      'not-found',
    );
    expect(await tablesContaining(t.ctx.db, 'EVIDENCE-HASH-CHAIN-OF-CUSTODY')).toEqual([]);
    expect(await tablesContaining(t.ctx.db, 'capture é.pcap')).toEqual([]);
    // Sent: it cannot be changed or reused.
    expectProblem(await put(0, data.subarray(0, chunk)), 409, 'attachment-sent');
  });

  it('detects a ciphertext or a signature altered in the database, and says so', async () => {
    const a = await send(ke, { to: ['FR'], subject: 'Integrity check A', body: '…' });
    const b = await send(ke, { to: ['FR'], subject: 'Integrity check B', body: '…' });
    await sql`UPDATE messages SET jwe_ciphertext = set_byte(jwe_ciphertext, 0, get_byte(jwe_ciphertext, 0) # 1) WHERE id = ${a.id}`.execute(
      t.ctx.db,
    );
    const tampered = (await as(t.app, fr)('GET', `/api/v1/messages/${a.id}`)).json();
    expect(tampered.verification.status).toBe('invalid');
    expect(tampered.verification.problems).toContain('the ciphertext differs from what the sender signed');
    expect(tampered.content).toBeNull();
    const row = await t.ctx.db
      .selectFrom('messages')
      .select('signature')
      .where('id', '=', b.id)
      .executeTakeFirstOrThrow();
    const [h, , s] = row.signature.split('.');
    const flipped = `${s!.slice(0, 10)}${s![10] === 'A' ? 'B' : 'A'}${s!.slice(11)}`;
    await t.ctx.db
      .updateTable('messages')
      .set({ signature: `${h}..${flipped}` })
      .where('id', '=', b.id)
      .execute();
    const badSignature = (await as(t.app, fr)('GET', `/api/v1/messages/${b.id}`)).json();
    expect(badSignature.verification.status).toBe('invalid');
    expect(badSignature.verification.problems[0]).toMatch(/signature does not verify/);
    // A changed marking (H2 shown as H0) is caught too.
    await t.ctx.db.updateTable('messages').set({ handling: 'H0' }).where('id', '=', a.id).execute();
    const downgraded = (await as(t.app, fr)('GET', `/api/v1/messages/${a.id}`)).json();
    expect(downgraded.verification.problems).toContain(
      'the handling code shown differs from what the sender signed',
    );
    // So is a sending time moved back: the signed id carries the time the message was made.
    await t.ctx.db
      .updateTable('messages')
      .set({ sent_at: new Date('2019-01-01T00:00:00Z') })
      .where('id', '=', b.id)
      .execute();
    const backdated = (await as(t.app, fr)('GET', `/api/v1/messages/${b.id}`)).json();
    expect(backdated.verification.problems).toContain(
      'the sending time shown differs from what the sender signed',
    );
  });

  it('opens nothing for a copy the sender did not address, written straight into the database', async () => {
    const secret = await send(ke, { to: ['FR'], subject: 'For France only', body: 'Informant: J. Dupont' });
    // Someone with write access to the database gives the US a "copy": France's entry.
    const entry = await t.ctx.db
      .selectFrom('message_recipients')
      .selectAll()
      .where('message_id', '=', secret.id)
      .where('agency', '=', 'FR')
      .executeTakeFirstOrThrow();
    await t.ctx.db
      .insertInto('message_recipients')
      .values({
        ...entry,
        header: entry.header as object,
        agency: 'US',
        delivered_at: null,
        read_at: null,
        answered_at: null,
        fetched_at: null,
      })
      .execute();
    const read = await as(t.app, us)('GET', `/api/v1/messages/${secret.id}`);
    const smuggled = read.json();
    expect(JSON.stringify(smuggled)).not.toContain('Dupont');
    expect(JSON.stringify(smuggled)).not.toContain('For France only');
    expect(smuggled.verification.status).toBe('invalid');
    // The US signed no receipt for it, and the sender's view does not count it as a recipient.
    const receipts = await t.ctx.db
      .selectFrom('message_receipts')
      .select('agency')
      .where('message_id', '=', secret.id)
      .execute();
    expect(receipts.map((r) => r.agency)).not.toContain('US');
    const asSender = (await as(t.app, ke)('GET', `/api/v1/messages/${secret.id}`)).json();
    expect(asSender.recipients.map((r: { agency: string }) => r.agency)).toEqual(['FR']);
  });
});

describe('key directory', () => {
  it('pages through every key once, in the full list’s order; a made-up cursor is a 400', async () => {
    // Server-held keys, made as a web-UI bureau first needs them; pairs share a creation time.
    await ensureKeys(t.ctx, ['KE', 'FR', 'US', 'BR', 'SG'], 'test');
    const all = (await as(t.app, ke)('GET', '/api/v1/keys?limit=500')).json();
    expect(all.items.length).toBeGreaterThan(4);
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const page = (await as(t.app, ke)('GET', `/api/v1/keys?limit=3${query}`)).json();
      paged.push(...page.items.map((k: { kid: string }) => k.kid));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all.items.map((k: { kid: string }) => k.kid));
    for (const made of ['nonsense', 'KE~yesterday~abc', 'KE~~abc']) {
      const refused = await as(t.app, ke)('GET', `/api/v1/keys?cursor=${encodeURIComponent(made)}`);
      expect(expectProblem(refused, 400, 'validation').errors?.[0]?.field).toBe('/query/cursor');
    }
  });
});

describe('forwarding', () => {
  it('refuses H2 without the originator’s permission, asks for it, and forwards once granted', async () => {
    const original = await send(ke, {
      to: ['FR'],
      subject: 'Suspect travels to São Paulo',
      body: 'Flight KQ-1234',
      handling: 'H2',
      tlp: 'AMBER',
    });
    const refused = await as(t.app, fr)('POST', `/api/v1/messages/${original.id}/forward`, {
      to: ['BR'],
      note: 'FYI',
    });
    const problem = expectProblem(refused, 403, 'forward-permission-required') as { refusals?: unknown };
    expect(problem.refusals).toEqual([{ agency: 'BR', reason: 'needs-permission' }]);

    const asked = await as(t.app, fr)('POST', `/api/v1/messages/${original.id}/forward-requests`, {
      to: ['BR'],
    });
    expect(asked.statusCode).toBe(201);
    const incoming = (
      await as(t.app, ke)('GET', '/api/v1/forward-requests?role=incoming&status=pending')
    ).json();
    expect(incoming.items[0]).toMatchObject({ requester: 'FR', targets: ['BR'], status: 'pending' });
    // Only the originator decides.
    expectProblem(
      await as(t.app, fr)('POST', `/api/v1/forward-requests/${asked.json().id}/decision`, { grant: true }),
      404,
      'not-found',
    );
    const granted = await as(t.app, ke)('POST', `/api/v1/forward-requests/${asked.json().id}/decision`, {
      grant: true,
    });
    expect(granted.json()).toMatchObject({ status: 'granted', decidedBy: 'ke.officer' });

    const forwarded = await as(t.app, fr)('POST', `/api/v1/messages/${original.id}/forward`, {
      to: ['BR'],
      note: 'Forwarded with KE’s permission',
    });
    expect(forwarded.statusCode).toBe(201);
    expect(forwarded.json()).toMatchObject({
      forwardOf: original.id,
      handling: 'H2',
      tlp: 'AMBER',
      to: ['BR'],
    });
    const br = await signIn(t.app, 'br.officer');
    const received = (await as(t.app, br)('GET', `/api/v1/messages/${forwarded.json().id}`)).json();
    expect(received.content.forwarded).toMatchObject({
      from: 'KE',
      subject: 'Suspect travels to São Paulo',
      verification: 'valid',
    });
    expect(received.verification.status).toBe('valid');
    // The permission was for BR: US still needs its own.
    expectProblem(
      await as(t.app, fr)('POST', `/api/v1/messages/${original.id}/forward`, { to: ['US'] }),
      403,
      'forward-permission-required',
    );
    // To every bureau (KE, the originator, among them): the detail names a few, the refusals all.
    const toAll = expectProblem(
      await as(t.app, fr)('POST', `/api/v1/messages/${original.id}/forward`, { groups: ['ALL-BUREAUS'] }),
      403,
      'forward-refused',
    ) as { detail?: string; refusals?: unknown[] };
    expect(toAll.refusals!.length).toBeGreaterThan(8);
    expect(toAll.detail).toMatch(new RegExp(`and ${toAll.refusals!.length - 8} more\\.$`));
    const record = await t.ctx.db
      .selectFrom('messages')
      .select('forward_permission')
      .where('id', '=', forwarded.json().id)
      .executeTakeFirstOrThrow();
    expect(record.forward_permission).toBe(asked.json().id);
  });

  it('asks the agency that restricted the information, however many forwards on: a forwarder cannot pass its own forward on freely', async () => {
    const us = await signIn(t.app, 'us.officer');
    const br = await signIn(t.app, 'br.officer');
    const original = await send(ke, { to: ['FR'], subject: 'Chain', body: 'H2 facts', handling: 'H2' });
    const asked = (
      await as(t.app, fr)('POST', `/api/v1/messages/${original.id}/forward-requests`, { to: ['BR'] })
    ).json();
    await as(t.app, ke)('POST', `/api/v1/forward-requests/${asked.id}/decision`, { grant: true });
    const forward = (
      await as(t.app, fr)('POST', `/api/v1/messages/${original.id}/forward`, { to: ['BR'] })
    ).json();

    // FR wrote the forward, but the restriction is KE's: FR needs KE's word for US too.
    const laundered = expectProblem(
      await as(t.app, fr)('POST', `/api/v1/messages/${forward.id}/forward`, { to: ['US'] }),
      403,
      'forward-permission-required',
    ) as { originator?: string; detail?: string };
    expect(laundered.originator).toBe('KE');
    expect(laundered.detail).toMatch(/ask KE/);

    // BR, holding FR's forward, asks KE — about KE's own message — not FR.
    const fromBr = await as(t.app, br)('POST', `/api/v1/messages/${forward.id}/forward-requests`, {
      to: ['US'],
    });
    expect(fromBr.statusCode).toBe(201);
    expect(fromBr.json()).toMatchObject({
      owner: 'KE',
      messageId: forward.id,
      sourceMessageId: original.id,
      sourceReference: original.reference,
    });
    const atKe = (await as(t.app, ke)('GET', '/api/v1/forward-requests?role=incoming&status=pending')).json();
    expect(atKe.items.map((r: { requester: string }) => r.requester)).toContain('BR');
    expectProblem(
      await as(t.app, fr)('POST', `/api/v1/forward-requests/${fromBr.json().id}/decision`, { grant: true }),
      404,
      'not-found',
    );
    await as(t.app, ke)('POST', `/api/v1/forward-requests/${fromBr.json().id}/decision`, { grant: true });
    const onward = await as(t.app, br)('POST', `/api/v1/messages/${forward.id}/forward`, { to: ['US'] });
    expect(onward.statusCode).toBe(201);
    const atUs = (await as(t.app, us)('GET', `/api/v1/messages/${onward.json().id}`)).json();
    expect(atUs.content.forwarded).toMatchObject({ from: 'FR' });

    // A forwarder that raised the restriction itself decides on its forward.
    const open = await send(ke, { to: ['FR'], subject: 'Open', body: 'H0 facts', handling: 'H0' });
    const raised = (
      await as(t.app, fr)('POST', `/api/v1/messages/${open.id}/forward`, { to: ['BR'], handling: 'H2' })
    ).json();
    expect(raised.handling).toBe('H2');
    const askRaised = await as(t.app, br)('POST', `/api/v1/messages/${raised.id}/forward-requests`, {
      to: ['US'],
    });
    expect(askRaised.json()).toMatchObject({ owner: 'FR', sourceMessageId: raised.id });
    expect(
      (await as(t.app, fr)('POST', `/api/v1/messages/${raised.id}/forward`, { to: ['US'] })).statusCode,
    ).toBe(201);
  });

  it('keeps an H3 restriction as its originator wrote it; a forwarder that raises H2 to H3 decides on its forward', async () => {
    const br = await signIn(t.app, 'br.officer');
    const h3 = await send(ke, {
      to: ['FR'],
      subject: 'H3',
      body: '…',
      handling: 'H3',
      handlingNote: 'Not to be used against nationals of X',
    });
    const asked = (
      await as(t.app, fr)('POST', `/api/v1/messages/${h3.id}/forward-requests`, { to: ['BR'] })
    ).json();
    await as(t.app, ke)('POST', `/api/v1/forward-requests/${asked.id}/decision`, { grant: true });
    const replaced = await as(t.app, fr)('POST', `/api/v1/messages/${h3.id}/forward`, {
      to: ['BR'],
      handling: 'H3',
      handlingNote: 'none',
    });
    expect(expectProblem(replaced, 400, 'validation').errors?.map((e) => e.field)).toEqual([
      '/body/handlingNote',
    ]);
    const kept = await as(t.app, fr)('POST', `/api/v1/messages/${h3.id}/forward`, {
      to: ['BR'],
      handling: 'H3',
    });
    expect(kept.statusCode, kept.body).toBe(201);
    expect(kept.json().handlingNote).toBe('Not to be used against nationals of X');

    // FR raises KE's H2 to H3 with a restriction of its own: FR decides on its forward.
    const h2 = await send(ke, { to: ['FR'], subject: 'H2', body: '…', handling: 'H2' });
    const permission = (
      await as(t.app, fr)('POST', `/api/v1/messages/${h2.id}/forward-requests`, { to: ['BR'] })
    ).json();
    await as(t.app, ke)('POST', `/api/v1/forward-requests/${permission.id}/decision`, { grant: true });
    const stricter = (
      await as(t.app, fr)('POST', `/api/v1/messages/${h2.id}/forward`, {
        to: ['BR'],
        handling: 'H3',
        handlingNote: 'Only for the Mombasa case',
      })
    ).json();
    const ask = await as(t.app, br)('POST', `/api/v1/messages/${stricter.id}/forward-requests`, {
      to: ['US'],
    });
    expect(ask.json()).toMatchObject({ owner: 'FR', sourceMessageId: stricter.id });
  });

  it('never forwards TLP:RED; keeps AMBER+STRICT in the organisation', async () => {
    const red = await send(ke, { to: ['FR'], subject: 'Red', body: '…', tlp: 'RED', handling: 'H1' });
    expectProblem(
      await as(t.app, fr)('POST', `/api/v1/messages/${red.id}/forward`, { to: ['BR'] }),
      403,
      'forward-refused',
    );
    // Nor is the originator asked to permit what no permission allows.
    const asked = expectProblem(
      await as(t.app, fr)('POST', `/api/v1/messages/${red.id}/forward-requests`, { to: ['BR'] }),
      403,
      'forward-refused',
    );
    expect(asked).toMatchObject({ refusals: [{ agency: 'BR', reason: 'tlp-red' }], originator: 'KE' });
    expect(
      (await as(t.app, ke)('GET', '/api/v1/forward-requests?role=incoming&status=pending'))
        .json()
        .items.filter((r: { messageId: string }) => r.messageId === red.id),
    ).toEqual([]);
    const strict = await send(ke, {
      to: ['FR'],
      subject: 'Strict',
      body: '…',
      tlp: 'AMBER+STRICT',
      handling: 'H1',
    });
    expectProblem(
      await as(t.app, fr)('POST', `/api/v1/messages/${strict.id}/forward`, { to: ['BR'] }),
      403,
      'forward-refused',
    );
    const inside = await as(t.app, fr)('POST', `/api/v1/messages/${strict.id}/forward`, { to: ['FR-CYBER'] });
    expect(inside.statusCode).toBe(201);
    const open = await send(ke, { to: ['FR'], subject: 'Open', body: '…', tlp: 'GREEN', handling: 'H1' });
    expect(
      (await as(t.app, fr)('POST', `/api/v1/messages/${open.id}/forward`, { to: ['BR'] })).statusCode,
    ).toBe(201);
  });
});
