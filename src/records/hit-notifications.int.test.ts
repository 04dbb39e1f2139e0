import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  as,
  createTestApp,
  expectProblem,
  type Session,
  signIn,
  type TestApp,
  withKey,
} from '../../test/helpers.ts';
import { systemPrincipal } from '../access/principal.ts';
import { createApiKey } from '../identity/api-keys.ts';
import { JobRunner } from '../platform/jobs.ts';
import { outboxJobs } from '../platform/outbox.ts';
import { purgeOldHitNotifications, recordJobs } from './jobs.ts';
import { UNREAD_COUNTED_UP_TO } from './notifications.ts';

let t: TestApp;
let ke: Session;
let keAnalyst: Session;
let fr: Session;
let us: Session;

beforeAll(async () => {
  t = await createTestApp();
  ke = await signIn(t.app, 'ke.officer');
  keAnalyst = await signIn(t.app, 'ke.analyst');
  fr = await signIn(t.app, 'fr.officer');
  us = await signIn(t.app, 'us.officer');
});
afterAll(() => t.close());

const wallet = (address: string) => ({ kind: 'crypto-wallet', data: { chain: 'ethereum', address } });
const A = '0x52908400098527886E0F7030069857D2E4169EE7';
const B = '0x8617E340B3D01FA5F11F306F4090FD50E238070D';

async function create(body: object): Promise<string> {
  const response = await as(t.app, ke)('POST', '/api/v1/records', body);
  if (response.statusCode !== 201) throw new Error(`create failed: ${response.body}`);
  return response.json().id;
}
async function check(session: Session, address: string) {
  const response = await as(t.app, session)('POST', '/api/v1/search/identifiers', {
    queries: [{ scheme: 'wallet', value: address }],
  });
  expect(response.statusCode).toBe(200);
}
const list = (session: Session, query = '') =>
  as(t.app, session)('GET', `/api/v1/hit-notifications${query}`).then((r) => {
    expect(r.statusCode).toBe(200);
    return r.json() as { items: { id: string; recordId: string; readAt: string | null }[]; unread: number };
  });

describe('hit notifications of one record, marked read together', () => {
  let a: string;
  let b: string;
  it('lists one record’s notifications, to its owner only', async () => {
    a = await create(wallet(A));
    b = await create(wallet(B));
    await check(fr, A);
    await check(fr, B);
    await check(us, A);
    const ofA = await list(keAnalyst, `?recordId=${a}`);
    expect(ofA.items.map((n) => n.recordId)).toEqual([a, a]);
    expect(ofA.unread).toBe(3); // the count stays the agency's, whatever the filter
    expect((await list(fr, `?recordId=${a}`)).items).toEqual([]);
    // With the record's kind and data, for the web to say its summary in the reader's
    // language — to readers who may read the record; a key that only follows hits gets the
    // (English) summary alone.
    const [first] = (await list(keAnalyst, `?recordId=${a}`)).items as unknown as Record<string, unknown>[];
    expect(first).toMatchObject({
      recordSummary: expect.stringContaining('Ethereum wallet'),
      recordKind: 'crypto-wallet',
      recordData: { chain: 'ethereum', address: A },
    });
    const follower = await createApiKey(t.ctx, systemPrincipal(), {
      agency: 'KE',
      name: 'hit follower',
      permissions: ['hit-notifications:read'],
    });
    const followed = await withKey(t.app, follower.key)('GET', `/api/v1/hit-notifications?recordId=${a}`);
    expect(followed.statusCode, followed.body).toBe(200);
    const [seen] = followed.json().items as Record<string, unknown>[];
    expect(seen).toHaveProperty('recordSummary');
    expect(seen).not.toHaveProperty('recordData');
    expect(seen).not.toHaveProperty('recordKind');
    expectProblem(
      await as(t.app, keAnalyst)('GET', '/api/v1/hit-notifications?recordId=x'),
      400,
      'validation',
    );
  });

  it('marks read up to the newest seen, one record or all, never a newer one or another agency’s', async () => {
    const ofB = await list(keAnalyst, `?recordId=${b}`);
    const marked = await as(t.app, keAnalyst)('POST', '/api/v1/hit-notifications/read', {
      upTo: ofB.items[0]!.id,
      recordId: b,
    });
    expect(marked.statusCode).toBe(200);
    expect(marked.json()).toEqual({ marked: 1 });
    expect((await list(keAnalyst)).unread).toBe(2);

    const seen = await list(keAnalyst, '?unread=true');
    await check(fr, A); // arrives while the officer reads the list
    // Another agency marks nothing of Kenya's.
    const other = await as(t.app, fr)('POST', '/api/v1/hit-notifications/read', { upTo: seen.items[0]!.id });
    expect(other.json()).toEqual({ marked: 0 });
    const all = await as(t.app, keAnalyst)('POST', '/api/v1/hit-notifications/read', {
      upTo: seen.items[0]!.id,
    });
    expect(all.json()).toEqual({ marked: 2 });
    const after = await list(keAnalyst, '?unread=true');
    expect(after.unread).toBe(1);
    expect(after.items).toHaveLength(1);
    expect(after.items[0]!.recordId).toBe(a);
    expect(seen.items.map((n) => n.id)).not.toContain(after.items[0]!.id);

    await t.ctx.audit.flush();
    const entry = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'hit-notification.read-all')
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ principal_name: 'ke.analyst', result_count: 2 });
  });

  it('refuses a request it cannot read, naming the field, and marks nothing', async () => {
    const bad = await as(t.app, keAnalyst)('POST', '/api/v1/hit-notifications/read', { upTo: 'latest' });
    expect(expectProblem(bad, 400, 'validation').errors?.[0]?.field).toBe('/body/upTo');
    const extra = await as(t.app, keAnalyst)('POST', '/api/v1/hit-notifications/read', {
      upTo: '01900000-0000-7000-8000-000000000000',
      all: true,
    });
    expect(expectProblem(extra, 400, 'validation').status).toBe(400);
    const missing = await as(t.app, keAnalyst)('POST', '/api/v1/hit-notifications/read', {});
    expect(expectProblem(missing, 400, 'validation').errors?.[0]?.field).toBe('/body/upTo');
    expect((await list(keAnalyst)).unread).toBe(1);
  });
});

/**
 * The event stream for a client resuming after `lastEventId`, up to the first replayed hit
 * notification (anything the server says about a gap comes before the replay).
 */
async function streamStart(lastEventId: number): Promise<string> {
  if (!t.app.server.listening) await t.app.listen({ port: 0, host: '127.0.0.1' });
  const port = (t.app.server.address() as { port: number }).port;
  const session = await signIn(t.app, 'ke.analyst');
  const controller = new AbortController();
  const response = await fetch(`http://127.0.0.1:${port}/api/v1/events`, {
    headers: { cookie: session.cookie, 'last-event-id': String(lastEventId) },
    signal: controller.signal,
  });
  const reader = response.body!.getReader();
  let text = '';
  while (!text.includes('event: hit-notification'))
    text += new TextDecoder().decode((await reader.read()).value);
  controller.abort();
  return text;
}

describe('a bureau’s list', () => {
  it('pages its own and its units’ notifications newest first, merged owner by owner', async () => {
    const recordId = await create(wallet('0x3f5ce5fbfe3e9af3971dd833d26ba9b5c936f0be'));
    await sql`INSERT INTO hit_notifications (id, record_id, owner_agency, searcher_agency, outcome, scheme, at, read_at)
        SELECT gen_random_uuid(), ${recordId}, (ARRAY['KE', 'KE-CYBER', 'KE-BORDER', 'FR'])[g % 4 + 1], 'US', 'hit',
          'wallet', now(), CASE WHEN g % 3 = 0 THEN now() END
        FROM generate_series(1, 40) g`.execute(t.ctx.db);
    const truth = async (unread: boolean) =>
      (
        await t.ctx.db
          .selectFrom('hit_notifications')
          .select('id')
          .where('owner_agency', 'in', ['KE', 'KE-CYBER', 'KE-BORDER', 'KE-MLA'])
          .$if(unread, (q) => q.where('read_at', 'is', null))
          .orderBy('id', 'desc')
          .execute()
      ).map((r) => r.id);
    for (const unread of [false, true]) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const r = await as(t.app, ke)(
          'GET',
          `/api/v1/hit-notifications?limit=7${unread ? '&unread=true' : ''}${cursor ? `&cursor=${cursor}` : ''}`,
        );
        const page = r.json() as { items: { id: string }[]; nextCursor: string | null };
        seen.push(...page.items.map((n) => n.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(await truth(unread));
    }
    await sql`DELETE FROM hit_notifications WHERE record_id = ${recordId}`.execute(t.ctx.db);
  });
});

describe('unread count', () => {
  it('counts up to 10,000 unread notifications, then says 10,000', async () => {
    const recordId = await create(wallet('0xde709f2102306220921060314715629080e2fb77'));
    const before = (await list(ke)).unread;
    const insert = (n: number) =>
      sql`INSERT INTO hit_notifications (id, record_id, owner_agency, searcher_agency, outcome, scheme, at)
          SELECT gen_random_uuid(), ${recordId}, 'KE', 'US', 'hit', 'wallet', now()
          FROM generate_series(1, ${n})`.execute(t.ctx.db);
    await insert(UNREAD_COUNTED_UP_TO - before - 1);
    expect((await list(ke)).unread).toBe(UNREAD_COUNTED_UP_TO - 1);
    await insert(5);
    expect((await list(ke)).unread).toBe(UNREAD_COUNTED_UP_TO);
    await sql`DELETE FROM hit_notifications WHERE record_id = ${recordId}`.execute(t.ctx.db);
  });
});

describe('retention', () => {
  it('removes hit notifications past the retention period and events past the replay window', async () => {
    const before = await t.ctx.db.selectFrom('hit_notifications').select('id').execute();
    expect(before.length).toBeGreaterThan(0);
    const events = async () =>
      (await t.ctx.db.selectFrom('outbox').select('seq').execute()).map((r) => Number(r.seq));
    const oldEvents = await events();
    expect(oldEvents.length).toBeGreaterThan(0);

    // Eight days on: the events are gone, the notifications stay.
    t.clock.advance(8 * 86_400_000);
    await check(await signIn(t.app, 'us.officer'), A);
    const runner = new JobRunner(t.ctx, [...recordJobs, ...outboxJobs]);
    await runner.runUntilDone(outboxJobs[0]!);
    const kept = await events();
    expect(kept.some((seq) => oldEvents.includes(seq))).toBe(false);
    expect(kept.length).toBeGreaterThan(0);
    // A client resuming from before what was pruned is told it lost events; one after, not.
    const lostThrough = Math.max(...oldEvents);
    expect(await streamStart(Math.min(...oldEvents))).toContain(
      `event: stream.gap\ndata: {"after":${Math.min(...oldEvents)},"lostThrough":${lostThrough}}`,
    );
    expect(await streamStart(lostThrough)).not.toContain('stream.gap');
    const retention = recordJobs.find((j) => j.name === 'records.hit-notification-retention')!;
    await runner.runUntilDone(retention);
    expect(await t.ctx.db.selectFrom('hit_notifications').select('id').execute()).toHaveLength(
      before.length + 1,
    );

    // Past the retention period (730 days by default) only the later one is left…
    t.clock.advance(725 * 86_400_000);
    const keep = { ...t.ctx, config: { ...t.ctx.config, hitNotificationRetentionDays: 0 } };
    expect(await purgeOldHitNotifications(keep)).toBe(0); // 0: kept for ever
    await runner.runUntilDone(retention);
    const left = await t.ctx.db.selectFrom('hit_notifications').select(['id', 'at']).execute();
    expect(left).toHaveLength(1);
    expect(left[0]!.at.getTime()).toBe(t.clock.now().getTime() - 725 * 86_400_000);
    await runner.stop();
  });
});
