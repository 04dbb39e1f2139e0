/**
 * Who hears what on the event streams: an event reaches a stream only through a permission
 * its type declares (a type no one declared reaches no one), events told to every member
 * reach only those in their scope (a notice's audience), and a stream ends once the session
 * or key it was opened with no longer holds.
 */
import type { FastifyInstance } from 'fastify';
import { CompiledQuery, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, type Session, signIn, type TestApp } from '../../test/helpers.ts';
import { buildApp } from '../main.ts';
import { REVIEWERS_ONLY } from '../notices/workflow.ts';
import { LATE_REPLAY_MS, pollStatement, REPLAY_MAX_PAGES, REPLAY_PAGE } from './events.ts';
import { emit } from './outbox.ts';

let t: TestApp;
let port: number;
let keAdmin: Session;

beforeAll(async () => {
  t = await createTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  port = (t.app.server.address() as { port: number }).port;
  keAdmin = await signIn(t.app, 'ke.admin');
});
afterAll(() => t.close());

type Credentials = { cookie: string } | { key: string };

/** A stream replaying everything from the start (Last-Event-ID 0), read on demand. */
async function openStream(
  path: string,
  credentials: Credentials,
  server: { app: FastifyInstance; port: number } = { app: t.app, port },
  lastEventId = '0',
) {
  const controller = new AbortController();
  const response = await fetch(`http://127.0.0.1:${server.port}${path}`, {
    headers: {
      'last-event-id': lastEventId,
      ...('cookie' in credentials
        ? { cookie: credentials.cookie }
        : { authorization: `Bearer ${credentials.key}` }),
    },
    signal: controller.signal,
  });
  expect(response.status).toBe(200);
  const reader = response.body!.getReader();
  let text = '';
  let ended = false;
  return {
    /** Reads until the text holds `mark` (or the stream ends); fails rather than hang. */
    async until(mark: string): Promise<string> {
      const deadline = Date.now() + 10_000;
      while (!text.includes(mark) && !ended) {
        if (Date.now() > deadline) throw new Error(`no "${mark}" in the stream: ${text}`);
        await server.app.events.poll();
        const chunk = await Promise.race([
          reader.read(),
          new Promise<null>((resolve) => setTimeout(() => resolve(null), 200)),
        ]);
        if (chunk === null) continue;
        if (chunk.done) ended = true;
        else text += new TextDecoder().decode(chunk.value);
      }
      return text;
    },
    get ended() {
      return ended;
    },
    close: () => controller.abort(),
  };
}

const now = () => t.ctx.clock.now();
const sentinel = async (type: string, agency: string) => {
  await emit(t.ctx.db, [{ type, agency, payload: { sentinel: true } }], now());
  return `event: ${type}`;
};

/**
 * A transaction that writes these message events to KE, taking their numbers, and stays open
 * until `commit()` (which may be called more than once): as another server process's would.
 */
async function heldOpen(payloads: Record<string, unknown>[]) {
  let taken!: () => void;
  const numbered = new Promise<void>((resolve) => {
    taken = resolve;
  });
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const done = t.ctx.db.transaction().execute(async (trx) => {
    await emit(
      trx,
      payloads.map((payload) => ({ type: 'message.received', agency: 'KE', payload })),
      now(),
    );
    taken();
    await released;
  });
  await Promise.race([numbered, done]);
  return {
    commit: async () => {
      release();
      await done;
    },
  };
}

describe('event streams', () => {
  it('carry an event only to those whose permissions its type names; undeclared types to no one', async () => {
    const { key } = (
      await as(t.app, keAdmin)('POST', '/api/v1/api-keys', {
        name: 'mailbox reader',
        permissions: ['messages:read'],
      })
    ).json();
    await emit(
      t.ctx.db,
      [
        { type: 'hit-notification', agency: 'KE', payload: { recordId: 'r1', searcherAgency: 'FR' } },
        { type: 'record.review-due', agency: 'KE', payload: { summary: 'a record' } },
        { type: 'mystery.thing', agency: 'KE', payload: {} },
      ],
      now(),
    );
    const mark = await sentinel('message.probe', 'KE');
    const mailbox = await openStream('/api/v1/messages/events', { key });
    const seen = await mailbox.until(mark);
    mailbox.close();
    expect(seen).not.toContain('hit-notification');
    expect(seen).not.toContain('record.review-due');
    expect(seen).not.toContain('mystery.thing');

    // An officer who reads hit notifications hears them; still nothing undeclared.
    const officer = await signIn(t.app, 'ke.analyst');
    const records = await openStream('/api/v1/events', officer);
    const heard = await records.until(await sentinel('hit-notification', 'KE'));
    records.close();
    expect(heard).toContain('"searcherAgency":"FR"');
    expect(heard).not.toContain('mystery.thing');

    // A network administrator, who reads no hit notifications, opens the stream all the same
    // and hears what it may: the 24/7 network's clocks.
    await emit(t.ctx.db, [{ type: 'hit-notification', agency: 'SECRETARIAT', payload: {} }], now());
    const admin = await openStream('/api/v1/events', await signIn(t.app, 'secretariat.admin'));
    const adminHeard = await admin.until(await sentinel('urgent.escalated', 'SECRETARIAT'));
    admin.close();
    expect(adminHeard).not.toContain('hit-notification');
  });

  it('replay everything a reconnecting client missed, however many pages, then go on live', async () => {
    const missed = REPLAY_PAGE * 2 + 500;
    await emit(
      t.ctx.db,
      Array.from({ length: missed }, (_, n) => ({
        type: 'message.received',
        agency: 'KE',
        payload: { replayed: n },
      })),
      now(),
    );
    // The server has polled past them all: they are the replay's, not the live stream's.
    for (let i = 0; i < 4; i++) await t.app.events.poll();
    const officer = await signIn(t.app, 'ke.officer');
    const stream = await openStream('/api/v1/messages/events', officer);
    const live = await sentinel('message.live', 'KE');
    const text = await stream.until(live);
    stream.close();
    const seen = [...text.matchAll(/"replayed":(\d+)/g)].map((m) => Number(m[1]));
    expect(seen).toEqual(Array.from({ length: missed }, (_, n) => n));
    expect(text.indexOf(live)).toBeGreaterThan(text.lastIndexOf(`"replayed":${missed - 1}`));
  });

  // Two connections at once: PostgreSQL server only (the embedded database has one, on which
  // transactions take turns, so their events commit in the order of their numbers).
  it.skipIf(!process.env.TEST_DATABASE_URL)(
    'carry an event whose transaction commits after a later-numbered one’s',
    async () => {
      const officer = await signIn(t.app, 'ke.officer');
      const stream = await openStream('/api/v1/messages/events', officer);
      await stream.until(await sentinel('message.before-gap', 'KE'));
      // The first transaction takes its events' numbers and is still open when the second,
      // numbered after it, commits and is carried. As many as a batch of messages to every
      // bureau writes: more numbers than a poll could look for one by one. The first carries
      // the mark.
      const slow = await heldOpen(
        Array.from({ length: 1500 }, (_, n) => (n === 0 ? { slow: true } : { slowToo: n })),
      );
      try {
        await emit(t.ctx.db, [{ type: 'message.received', agency: 'KE', payload: { fast: true } }], now());
        await stream.until('"fast":true');
      } finally {
        await slow.commit();
      }
      try {
        const text = await stream.until('"slow":true');
        expect(text.indexOf('"slow":true')).toBeGreaterThan(text.indexOf('"fast":true'));
      } finally {
        stream.close();
      }
    },
  );

  it.skipIf(!process.env.TEST_DATABASE_URL)(
    'replay a late event once: not again when the poll that looks for its number finds it',
    async () => {
      const officer = await signIn(t.app, 'ke.officer');
      const live = await openStream('/api/v1/messages/events', officer);
      const slow = await heldOpen([{ once: true }]);
      try {
        await emit(t.ctx.db, [{ type: 'message.received', agency: 'KE', payload: { past: true } }], now());
        // Carried: the earlier number is now one the poll looks for.
        await live.until('"past":true');
      } finally {
        await slow.commit();
        live.close();
      }
      // A client reconnecting now, before a poll has found it, is replayed it; the poll that
      // then finds it must not send it again.
      const stream = await openStream('/api/v1/messages/events', officer);
      try {
        const text = await stream.until(await sentinel('message.after-once', 'KE'));
        expect(text.split('"once":true').length - 1).toBe(1);
      } finally {
        stream.close();
      }
    },
  );

  it.skipIf(!process.env.TEST_DATABASE_URL)(
    'replay a late event to a client that was away when it committed, resuming from a later number',
    async () => {
      const officer = await signIn(t.app, 'ke.officer');
      const live = await openStream('/api/v1/messages/events', officer);
      const slow = await heldOpen([{ away: true }]);
      let resumeFrom: string;
      try {
        await emit(t.ctx.db, [{ type: 'message.received', agency: 'KE', payload: { before: true } }], now());
        const text = await live.until('"before":true');
        resumeFrom = /id: (\d+)\nevent: message\.received\ndata: \{"before":true/.exec(text)![1]!;
      } finally {
        live.close();
      }
      // Away: the event commits and a poll finds it with no stream of this client to carry it to.
      await slow.commit();
      for (let i = 0; i < 3; i++) await t.app.events.poll();
      const back = await openStream('/api/v1/messages/events', officer, undefined, resumeFrom);
      try {
        const text = await back.until(await sentinel('message.after-away', 'KE'));
        expect(text).toContain('"away":true');
        // Its own number again after the late event, so that a cut here resumes from there.
        expect(text.indexOf(`id: ${resumeFrom}\n\n`)).toBeGreaterThan(text.indexOf('"away":true'));
        expect(text).not.toContain('"before":true');
      } finally {
        back.close();
      }
    },
  );

  it.skipIf(!process.env.TEST_DATABASE_URL)(
    'replay a late event to a client whose number was first carried longer ago than late events are kept',
    async () => {
      const hub = t.app.events as unknown as { carried: { upTo: number; at: number }[] };
      const officer = await signIn(t.app, 'ke.officer');
      const live = await openStream('/api/v1/messages/events', officer);
      const slow = await heldOpen([{ quietLate: true }]);
      let resumeFrom: string;
      try {
        await emit(
          t.ctx.db,
          [{ type: 'message.received', agency: 'KE', payload: { quietBefore: true } }],
          now(),
        );
        const text = await live.until('"quietBefore":true');
        resumeFrom = /id: (\d+)\nevent: message\.received\ndata: \{"quietBefore":true/.exec(text)![1]!;
      } finally {
        live.close();
      }
      // The client's number was carried just under LATE_REPLAY_MS ago; the late event came
      // after it, in a poll that carried nothing new, and is still remembered.
      for (const c of hub.carried) c.at -= LATE_REPLAY_MS - 1_000;
      await slow.commit();
      for (let i = 0; i < 3; i++) await t.app.events.poll();
      // A little later, the client's number's checkpoint is forgotten; newer ones remain.
      for (const c of hub.carried) c.at -= 2_000;
      await emit(t.ctx.db, [{ type: 'message.received', agency: 'KE', payload: { quietNext: true } }], now());
      await t.app.events.poll();
      const back = await openStream('/api/v1/messages/events', officer, undefined, resumeFrom);
      try {
        const text = await back.until(await sentinel('message.after-quiet', 'KE'));
        expect(text).toContain('"quietLate":true');
      } finally {
        back.close();
      }
    },
  );

  it.skipIf(!process.env.TEST_DATABASE_URL)(
    'carry, from a process started meanwhile, an event whose transaction commits after a later-numbered one’s',
    async () => {
      const officer = await signIn(t.app, 'ke.officer');
      const slow = await heldOpen([{ late: true }]);
      await emit(t.ctx.db, [{ type: 'message.received', agency: 'KE', payload: { early: true } }], now());
      // A server process that starts now (a worker replaced, another machine) finds the later
      // number the highest, the earlier one not yet there.
      const other = await buildApp(t.ctx);
      try {
        await other.listen({ port: 0, host: '127.0.0.1' });
        const server = { app: other, port: (other.server.address() as { port: number }).port };
        const stream = await openStream('/api/v1/messages/events', officer, server);
        try {
          await stream.until('"early":true');
          await slow.commit();
          expect(await stream.until('"late":true')).toContain('"late":true');
        } finally {
          stream.close();
        }
      } finally {
        await slow.commit();
        await other.close();
      }
    },
  );

  // PostgreSQL plans a kept statement generically after a few runs on a connection: the poll
  // runs every 500 ms, so its plan is the generic one. PostgreSQL server only.
  it.skipIf(!process.env.TEST_DATABASE_URL)(
    'poll for skipped numbers without reading the whole outbox under a generic plan',
    async () => {
      class Rollback extends Error {}
      let plan: Record<string, unknown> | undefined;
      await t.ctx.db
        .transaction()
        .execute(async (trx) => {
          // 3,000 events long carried, then the two ranges still looked for and the head.
          await emit(
            trx,
            Array.from({ length: 3_010 }, (_, n) => ({
              type: 'message.received',
              agency: 'KE',
              payload: { n },
            })),
            now(),
          );
          const { rows } = await sql<{ head: string }>`SELECT max(seq) AS head FROM outbox`.execute(trx);
          const head = Number(rows[0]!.head);
          const compiled = pollStatement(trx, head - 2, [
            [head - 9, head - 8],
            [head - 5, head - 4],
          ]).compile();
          await sql`SET LOCAL plan_cache_mode = force_generic_plan`.execute(trx);
          await sql`SET LOCAL enable_seqscan = off`.execute(trx);
          await trx.executeQuery(CompiledQuery.raw(`PREPARE poll_plan AS ${compiled.sql}`));
          try {
            const args = compiled.parameters.map((p) => `${Number(p)}`).join(', ');
            const { rows: explained } = await trx.executeQuery<{
              'QUERY PLAN': { Plan: Record<string, unknown> }[];
            }>(CompiledQuery.raw(`EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE poll_plan(${args})`));
            plan = explained[0]!['QUERY PLAN'][0]!.Plan;
          } finally {
            await trx.executeQuery(CompiledQuery.raw('DEALLOCATE poll_plan'));
          }
          throw new Rollback();
        })
        .catch((error) => {
          if (!(error instanceof Rollback)) throw error;
        });
      const nodes: Record<string, unknown>[] = [];
      const walk = (node: Record<string, unknown>) => {
        nodes.push(node);
        for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child);
      };
      walk(plan!);
      const scan = nodes.find((n) => n['Relation Name'] === 'outbox');
      expect(scan?.['Actual Rows']).toBe(6);
      // What it looked at and put aside: the numbers between the ranges, not 3,000 events.
      expect(Number(scan?.['Rows Removed by Filter'] ?? 0)).toBeLessThanOrEqual(4);
    },
  );

  it('bound a replay: past its last page, a gap says what will not be sent', async () => {
    t.app.events.replayMaxPages = 1;
    try {
      await emit(
        t.ctx.db,
        Array.from({ length: REPLAY_PAGE + 10 }, (_, n) => ({
          type: 'message.received',
          agency: 'KE',
          payload: { bounded: n },
        })),
        now(),
      );
      for (let i = 0; i < 4; i++) await t.app.events.poll();
      const officer = await signIn(t.app, 'ke.officer');
      const stream = await openStream('/api/v1/messages/events', officer);
      const text = await stream.until('event: stream.gap');
      stream.close();
      const gap = /event: stream\.gap\ndata: (.*)\n/.exec(text);
      expect(JSON.parse(gap![1]!)).toMatchObject({
        after: expect.any(Number),
        lostThrough: expect.any(Number),
      });
      expect(text).not.toContain(`"bounded":${REPLAY_PAGE + 9}`);
    } finally {
      t.app.events.replayMaxPages = REPLAY_MAX_PAGES;
    }
  });

  it('carry what is told to every member only to the members in its scope, without the scope', async () => {
    const audience = { visibility: 'deny', countries: ['BR'] };
    await emit(
      t.ctx.db,
      [
        {
          type: 'notice.published',
          agency: null,
          payload: { id: 'n1', reference: '2026/1', _scope: audience },
        },
      ],
      now(),
    );
    const excluded = await openStream('/api/v1/events', await signIn(t.app, 'br.officer'));
    const brSaw = await excluded.until(await sentinel('notice.probe', 'BR'));
    excluded.close();
    expect(brSaw).not.toContain('notice.published');

    const member = await openStream('/api/v1/events', await signIn(t.app, 'fr.officer'));
    const frSaw = await member.until('event: notice.published');
    member.close();
    expect(frSaw).toContain('"reference":"2026/1"');
    expect(frSaw).not.toContain('_scope');
    expect(frSaw).not.toContain('"BR"');
  });

  it('tell the secretariat’s reviewers, not its analysts, what enters the review queue', async () => {
    // As the notices workflow emits it (workflow.ts, forReviewers).
    await emit(
      t.ctx.db,
      [
        {
          type: 'notice.submitted',
          agency: 'SECRETARIAT',
          payload: { id: 'n2', reference: '2026/2', _scope: REVIEWERS_ONLY },
        },
      ],
      now(),
    );
    const analyst = await openStream('/api/v1/events', await signIn(t.app, 'secretariat.analyst'));
    const analystSaw = await analyst.until(await sentinel('notice.probe', 'SECRETARIAT'));
    analyst.close();
    expect(analystSaw).not.toContain('2026/2');
    const reviewer = await openStream('/api/v1/events', await signIn(t.app, 'secretariat.reviewer'));
    const reviewerSaw = await reviewer.until('event: notice.submitted');
    reviewer.close();
    expect(reviewerSaw).toContain('"reference":"2026/2"');
    expect(reviewerSaw).not.toContain('_scope');
  });

  it('end once the session is signed out or the account disabled, or the key revoked', async () => {
    const analyst = await signIn(t.app, 'ke.analyst');
    const signedOut = await openStream('/api/v1/events', analyst);
    await signedOut.until('retry:');
    expect((await as(t.app, analyst)('POST', '/api/v1/auth/logout')).statusCode).toBeLessThan(300);
    await t.app.events.recheck(true);
    expect(await signedOut.until('event: stream.end')).toContain('"reason":"signed-out"');

    const supervisor = await signIn(t.app, 'ke.supervisor');
    const disabled = await openStream('/api/v1/events', supervisor);
    await disabled.until('retry:');
    const users = (await as(t.app, keAdmin)('GET', '/api/v1/users')).json().items;
    const id = users.find((u: { username: string }) => u.username === 'ke.supervisor').id;
    await as(t.app, keAdmin)('PATCH', `/api/v1/users/${id}`, { status: 'disabled' });
    await t.app.events.recheck(true);
    await disabled.until('event: stream.end');

    const made = (await as(t.app, keAdmin)('POST', '/api/v1/api-keys', { name: 'to revoke' })).json();
    const revoked = await openStream('/api/v1/events', { key: made.key });
    await revoked.until('retry:');
    await as(t.app, keAdmin)('DELETE', `/api/v1/api-keys/${made.id}`);
    await t.app.events.recheck(true);
    await revoked.until('event: stream.end');

    // A stream whose credentials still hold goes on.
    const officer = await openStream('/api/v1/events', await signIn(t.app, 'ke.officer'));
    await officer.until('retry:');
    await t.app.events.recheck(true);
    expect(await officer.until(await sentinel('hit-notification', 'KE'))).not.toContain('stream.end');
    officer.close();
  });
});
