/**
 * Delivery: signed webhooks with retries and dead letters against a real local HTTP server,
 * server-sent events to a connected browser, and a restart that loses nothing.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADMIN_PASSWORD,
  as,
  createTestApp,
  DEMO_PASSWORD,
  expectProblem,
  type Session,
  signIn,
  type TestApp,
  testDatabaseUrl,
} from '../../test/helpers.ts';
import { firstStart } from '../identity/seed.ts';
import { buildApp } from '../main.ts';
import { closeContext, createContext } from '../platform/bootstrap.ts';
import { ManualClock } from '../platform/clock.ts';
import { loadConfig } from '../platform/config.ts';
import { newId } from '../platform/ids.ts';
import { emitMessaging } from './notify.ts';
import {
  DELIVERED_KEPT_DAYS,
  deliverWebhooks,
  MAX_ATTEMPTS,
  pruneDeliveredWebhooks,
  RETRY_SCHEDULE_S,
  signWebhook,
} from './webhooks.ts';

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A national system's endpoint: answers the statuses given in turn (then 200), records what came. */
async function receiver(statuses: number[] = []) {
  const received: Received[] = [];
  const server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      response.statusCode = statuses.shift() ?? 200;
      response.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/concord`,
    port,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const LOCAL = '127.0.0.0/8,::1';

let t: TestApp;
let ke: Session;
let frAdmin: Session;

beforeAll(async () => {
  // The national systems of these tests listen on this machine, which the operator allows.
  t = await createTestApp({ CONCORD_WEBHOOK_NETWORKS: LOCAL });
  [ke, frAdmin] = await Promise.all([signIn(t.app, 'ke.officer'), signIn(t.app, 'fr.admin')]);
});
afterAll(() => t.close());

/** Whether a webhook delivery for the agency waits to be sent. */
async function pendingFor(agency: string) {
  const row = await t.ctx.db
    .selectFrom('webhook_deliveries')
    .select('id')
    .where('agency', '=', agency)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return row !== undefined;
}

async function send(body: object) {
  const response = await as(t.app, ke)('POST', '/api/v1/messages', body);
  if (response.statusCode !== 201) throw new Error(`send failed: ${response.statusCode} ${response.body}`);
  return response.json();
}

describe('webhooks', () => {
  it('deliver signed envelopes, retrying after the receiver fails', async () => {
    const endpoint = await receiver([500, 503]);
    try {
      const created = await as(t.app, frAdmin)('POST', '/api/v1/webhooks', { url: endpoint.url });
      expect(created.statusCode, created.body).toBe(201);
      const { secret, webhook } = created.json();
      expect(secret).toMatch(/^whsec_/);
      const message = await send({ to: ['FR'], subject: 'Webhook test Zanzibar-Clove', body: '…' });

      expect(await deliverWebhooks(t.ctx)).toEqual({ delivered: 0, retrying: 1, dead: 0 });
      // Not due again until the backoff has passed.
      expect(await deliverWebhooks(t.ctx)).toEqual({ delivered: 0, retrying: 0, dead: 0 });
      t.clock.advance(RETRY_SCHEDULE_S[0]! * 1000);
      expect(await deliverWebhooks(t.ctx)).toEqual({ delivered: 0, retrying: 1, dead: 0 });
      t.clock.advance(RETRY_SCHEDULE_S[1]! * 1000);
      expect(await deliverWebhooks(t.ctx)).toEqual({ delivered: 1, retrying: 0, dead: 0 });

      expect(endpoint.received).toHaveLength(3);
      const last = endpoint.received[2]!;
      const id = String(last.headers['webhook-id']);
      const timestamp = Number(last.headers['webhook-timestamp']);
      expect(last.headers['webhook-signature']).toBe(signWebhook(secret, id, timestamp, last.body));
      expect(endpoint.received.every((r) => r.headers['webhook-id'] === id)).toBe(true);
      const payload = JSON.parse(last.body);
      expect(payload.type).toBe('message.received');
      expect(payload.data).toMatchObject({
        id: message.id,
        reference: message.reference,
        mailbox: 'FR',
        envelope: { id: message.id, reference: message.reference },
      });
      expect(payload.data.envelope.jwe.header.kid).toBeTruthy();
      expect(last.body).not.toContain('Zanzibar-Clove');

      const deliveries = (
        await as(t.app, frAdmin)('GET', '/api/v1/webhook-deliveries?status=delivered')
      ).json();
      expect(deliveries.items[0]).toMatchObject({ webhookId: webhook.id, attempts: 3, lastStatus: 200 });
      // A cursor this list never gave (a time and something that is not an id) is named, not a 500.
      const madeUp = encodeURIComponent('2026-01-01T00:00:00.000Z~not-an-id');
      const refused = await as(t.app, frAdmin)('GET', `/api/v1/webhook-deliveries?cursor=${madeUp}`);
      expect(expectProblem(refused, 400, 'validation').errors?.[0]?.field).toBe('/query/cursor');
    } finally {
      await endpoint.close();
      await as(t.app, frAdmin)(
        'DELETE',
        `/api/v1/webhooks/${(await as(t.app, frAdmin)('GET', '/api/v1/webhooks')).json().items[0].id}`,
      );
    }
  });

  it('keep what never got through as dead letters, which can be retried', async () => {
    const endpoint = await receiver(Array(MAX_ATTEMPTS).fill(500));
    try {
      const created = (await as(t.app, frAdmin)('POST', '/api/v1/webhooks', { url: endpoint.url })).json();
      await send({ to: ['FR'], subject: 'Dead letter', body: '…' });
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        await deliverWebhooks(t.ctx);
        t.clock.advance((RETRY_SCHEDULE_S[attempt] ?? 0) * 1000 + 1000);
      }
      // A day has passed: the sessions of the morning have ended.
      [ke, frAdmin] = await Promise.all([signIn(t.app, 'ke.officer'), signIn(t.app, 'fr.admin')]);
      expect(endpoint.received).toHaveLength(MAX_ATTEMPTS);
      const dead = (await as(t.app, frAdmin)('GET', '/api/v1/webhook-deliveries?status=dead')).json().items;
      expect(dead).toHaveLength(1);
      expect(dead[0]).toMatchObject({ attempts: MAX_ATTEMPTS, lastStatus: 500, lastError: 'HTTP 500' });
      const retried = await as(t.app, frAdmin)('POST', `/api/v1/webhook-deliveries/${dead[0].id}/retry`);
      expect(retried.json()).toMatchObject({ status: 'pending', attempts: 0 });
      expect(await deliverWebhooks(t.ctx)).toMatchObject({ delivered: 1 });
      await as(t.app, frAdmin)('DELETE', `/api/v1/webhooks/${created.webhook.id}`);
    } finally {
      await endpoint.close();
    }
  });

  it('list every status of the log newest first, page by page', async () => {
    // One of the calls, for this test, a dead letter: the list merges the statuses.
    const oldest = await t.ctx.db
      .selectFrom('webhook_deliveries')
      .select('id')
      .where('agency', '=', 'FR')
      .orderBy('created_at')
      .executeTakeFirstOrThrow();
    const mark = (status: 'dead' | 'delivered') =>
      t.ctx.db.updateTable('webhook_deliveries').set({ status }).where('id', '=', oldest.id).execute();
    await mark('dead');
    const all = await t.ctx.db
      .selectFrom('webhook_deliveries')
      .select(['id', 'status'])
      .where('agency', '=', 'FR')
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    expect(new Set(all.map((d) => d.status)).size).toBeGreaterThan(1);
    const listed: string[] = [];
    let cursor = '';
    do {
      const page = (
        await as(t.app, frAdmin)('GET', `/api/v1/webhook-deliveries?limit=1${cursor && `&cursor=${cursor}`}`)
      ).json();
      listed.push(...page.items.map((d: { id: string }) => d.id));
      cursor = page.nextCursor ? encodeURIComponent(page.nextCursor) : '';
    } while (cursor);
    expect(listed).toEqual(all.map((d) => d.id));
    await mark('delivered');
  });

  it('forget calls delivered a month ago, but keep dead letters', async () => {
    const rows = () => t.ctx.db.selectFrom('webhook_deliveries').select(['id', 'status']).execute();
    const before = await rows();
    const delivered = before.filter((r) => r.status === 'delivered');
    expect(delivered.length).toBeGreaterThanOrEqual(2);
    // One of them, for this test, never got through.
    await t.ctx.db
      .updateTable('webhook_deliveries')
      .set({ status: 'dead' })
      .where('id', '=', delivered[0]!.id)
      .execute();
    expect(await pruneDeliveredWebhooks(t.ctx)).toBe(0);
    t.clock.advance((DELIVERED_KEPT_DAYS + 1) * 86_400_000);
    expect(await pruneDeliveredWebhooks(t.ctx)).toBe(delivered.length - 1);
    const after = await rows();
    expect(after.map((r) => r.status)).not.toContain('delivered');
    expect(after.filter((r) => r.id === delivered[0]!.id)).toHaveLength(1);
    [ke, frAdmin] = await Promise.all([signIn(t.app, 'ke.officer'), signIn(t.app, 'fr.admin')]);
  });

  it('reach only public addresses and the networks the operator allows', async () => {
    // The default: no private network allowed, this machine included.
    const strict = await createTestApp();
    try {
      const admin = await signIn(strict.app, 'fr.admin');
      const endpoint = await receiver();
      try {
        for (const url of [
          endpoint.url,
          `http://localhost:${endpoint.port}/concord`,
          'https://10.1.2.3/hook',
          'https://192.168.0.10/hook',
          'https://169.254.169.254/latest/meta-data/',
          'https://100.64.0.1/hook',
          'https://[fd00::1]/hook',
          'https://[::ffff:127.0.0.1]/hook',
          'https://[::]/hook',
          'https://0.0.0.0/hook',
          'https://localhost/hook',
        ]) {
          const refused = await as(strict.app, admin)('POST', '/api/v1/webhooks', { url });
          const problem = expectProblem(refused, 400, 'validation');
          expect(problem.errors?.[0]?.field, url).toBe('/body/url');
          expect(problem.errors?.[0]?.message, url).toMatch(/public address.*CONCORD_WEBHOOK_NETWORKS/);
        }
        expect(await strict.ctx.db.selectFrom('webhooks').select('id').execute()).toEqual([]);
        // A public address, and a name that does not resolve yet (judged again at each delivery).
        for (const url of ['https://8.8.8.8/hook', 'https://hooks.fr.example.org/concord'])
          expect((await as(strict.app, admin)('POST', '/api/v1/webhooks', { url })).statusCode, url).toBe(
            201,
          );
      } finally {
        await endpoint.close();
      }
    } finally {
      await strict.close();
    }
  });

  it('judge the address again at each delivery: a destination no longer allowed gets nothing', async () => {
    const endpoint = await receiver();
    const ids: string[] = [];
    try {
      // Registered while allowed, by address and by name (the name goes through resolution).
      for (const url of [endpoint.url, `http://localhost:${endpoint.port}/concord`]) {
        const created = await as(t.app, frAdmin)('POST', '/api/v1/webhooks', { url });
        expect(created.statusCode, created.body).toBe(201);
        ids.push(created.json().webhook.id);
      }
      await send({ to: ['FR'], subject: 'Not to a private network', body: '…' });
      // The operator withdraws the allowance (or the name now resolves elsewhere).
      const strict = { ...t.ctx, config: { ...t.ctx.config, webhookNetworks: [] } };
      expect(await deliverWebhooks(strict)).toEqual({ delivered: 0, retrying: 2, dead: 0 });
      expect(endpoint.received).toHaveLength(0);
      const pending = await t.ctx.db
        .selectFrom('webhook_deliveries')
        .select(['webhook_id', 'last_error'])
        .where('webhook_id', 'in', ids)
        .execute();
      expect(pending.map((d) => d.last_error).sort()).toEqual([
        'refused: 127.0.0.1 is a loopback address (this machine), not a public one',
        // A name: not which range it resolves to (the member's admin reads this).
        'refused: localhost resolves to an address that is not a public one',
      ]);
      // Allowed again: the retry goes through.
      t.clock.advance(RETRY_SCHEDULE_S[0]! * 1000);
      expect(await deliverWebhooks(t.ctx)).toEqual({ delivered: 2, retrying: 0, dead: 0 });
      expect(endpoint.received).toHaveLength(2);
    } finally {
      await endpoint.close();
      for (const id of ids) await as(t.app, frAdmin)('DELETE', `/api/v1/webhooks/${id}`);
    }
  });

  it('refuse plain-http endpoints elsewhere than this machine, and other agencies’ settings', async () => {
    expectProblem(
      await as(t.app, frAdmin)('POST', '/api/v1/webhooks', { url: 'http://example.org/hook' }),
      400,
      'validation',
    );
    expectProblem(
      await as(t.app, frAdmin)('POST', '/api/v1/webhooks', { url: 'https://example.org/hook', agency: 'KE' }),
      403,
      'forbidden',
    );
    expectProblem(await as(t.app, ke)('GET', '/api/v1/webhooks'), 403, 'forbidden');
    // Another agency's webhook or delivery, named by id, answers as an unknown id does.
    const hook = await as(t.app, frAdmin)('POST', '/api/v1/webhooks', { url: 'https://example.org/fr-hook' });
    expect(hook.statusCode, hook.body).toBe(201);
    const brAdmin = await signIn(t.app, 'br.admin');
    const unknown = '01900000-0000-7000-8000-00000000beef';
    const delivery = await t.ctx.db
      .selectFrom('webhook_deliveries')
      .select('id')
      .where('agency', '=', 'FR')
      .executeTakeFirstOrThrow();
    for (const id of [hook.json().webhook.id, unknown])
      expectProblem(await as(t.app, brAdmin)('DELETE', `/api/v1/webhooks/${id}`), 404, 'not-found');
    for (const id of [delivery.id, unknown])
      expectProblem(
        await as(t.app, brAdmin)('POST', `/api/v1/webhook-deliveries/${id}/retry`),
        404,
        'not-found',
      );
    await as(t.app, frAdmin)('DELETE', `/api/v1/webhooks/${hook.json().webhook.id}`);
  });

  it('share each round between endpoints: one agency’s backlog does not hold back another’s', async () => {
    const [frEndpoint, brEndpoint] = await Promise.all([receiver(Array(200).fill(500)), receiver()]);
    const brAdmin = await signIn(t.app, 'br.admin');
    const hooks: string[] = [];
    try {
      const frHook = (await as(t.app, frAdmin)('POST', '/api/v1/webhooks', { url: frEndpoint.url })).json();
      const brHook = (await as(t.app, brAdmin)('POST', '/api/v1/webhooks', { url: brEndpoint.url })).json();
      hooks.push(frHook.webhook.id, brHook.webhook.id);
      // FR's system is down: a backlog of due retries, older than BR's one delivery.
      const old = new Date(t.clock.now().getTime() - 3_600_000);
      await t.ctx.db
        .insertInto('webhook_deliveries')
        .values(
          Array.from({ length: 120 }, () => ({
            id: newId(),
            webhook_id: frHook.webhook.id,
            agency: 'FR',
            event_type: 'message.received',
            payload: { backlog: true },
            next_attempt_at: old,
            created_at: old,
          })),
        )
        .execute();
      await emitMessaging(
        t.ctx.db,
        [{ type: 'message.received', agency: 'BR', payload: { id: 'br-1' } }],
        t.clock.now(),
      );
      expect(await pendingFor('BR')).toBe(true);
      // One round: BR's delivery goes with the first share of FR's backlog, not after all of it.
      const round = await deliverWebhooks(t.ctx);
      expect(brEndpoint.received).toHaveLength(1);
      expect(round.delivered).toBe(1);
      expect(frEndpoint.received.length).toBeLessThan(120);
    } finally {
      for (const id of hooks)
        await t.ctx.db.deleteFrom('webhook_deliveries').where('webhook_id', '=', id).execute();
      await as(t.app, frAdmin)('DELETE', `/api/v1/webhooks/${hooks[0]}`);
      await as(t.app, brAdmin)('DELETE', `/api/v1/webhooks/${hooks[1]}`);
      await Promise.all([frEndpoint.close(), brEndpoint.close()]);
    }
  });

  it('keep a delivery whose webhook was disabled mid-call a dead letter, which the agency’s new webhook takes when retried', async () => {
    let answer: (() => void) | undefined;
    const slow = http.createServer((_request, response) => {
      answer = () => {
        response.statusCode = 500;
        response.end();
      };
    });
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    const moved = await receiver();
    try {
      const old = (
        await as(t.app, frAdmin)('POST', '/api/v1/webhooks', {
          url: `http://127.0.0.1:${(slow.address() as AddressInfo).port}/hook`,
        })
      ).json();
      await send({ to: ['FR'], subject: 'Moved endpoint', body: '…' });
      const round = deliverWebhooks(t.ctx);
      await expect.poll(() => answer !== undefined).toBe(true);
      await as(t.app, frAdmin)('DELETE', `/api/v1/webhooks/${old.webhook.id}`);
      answer!();
      expect(await round).toMatchObject({ retrying: 1 });
      const dead = (await as(t.app, frAdmin)('GET', '/api/v1/webhook-deliveries?status=dead')).json().items;
      const letter = dead.find((d: { webhookId: string }) => d.webhookId === old.webhook.id);
      expect(letter).toMatchObject({ status: 'dead', lastError: 'webhook disabled' });

      // Without an active webhook there is nowhere to send it; with the new one, it goes there.
      expectProblem(
        await as(t.app, frAdmin)('POST', `/api/v1/webhook-deliveries/${letter.id}/retry`),
        409,
        'conflict',
      );
      const added = (await as(t.app, frAdmin)('POST', '/api/v1/webhooks', { url: moved.url })).json();
      const retried = await as(t.app, frAdmin)('POST', `/api/v1/webhook-deliveries/${letter.id}/retry`);
      expect(retried.json()).toMatchObject({ status: 'pending', webhookId: added.webhook.id });
      expect(await deliverWebhooks(t.ctx)).toMatchObject({ delivered: 1 });
      expect(moved.received).toHaveLength(1);
      await as(t.app, frAdmin)('DELETE', `/api/v1/webhooks/${added.webhook.id}`);
    } finally {
      await new Promise<void>((resolve) => slow.close(() => resolve()));
      await moved.close();
    }
  });
});

/** Reads server-sent events until one of the type arrives. */
async function nextEvent(
  response: Response,
  type: string,
  timeoutMs = 5000,
): Promise<{ id: string; data: Record<string, unknown> }> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const deadline = Date.now() + timeoutMs;
  try {
    while (Date.now() < deadline) {
      const { value, done } = await Promise.race([
        reader.read(),
        new Promise<{ value: undefined; done: true }>((resolve) =>
          setTimeout(() => resolve({ value: undefined, done: true }), deadline - Date.now()),
        ),
      ]);
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      for (const block of buffer.split('\n\n')) {
        const lines = Object.fromEntries(
          block
            .split('\n')
            .filter((l) => l.includes(': '))
            .map((l) => [l.slice(0, l.indexOf(': ')), l.slice(l.indexOf(': ') + 2)]),
        );
        if (lines.event === type) return { id: String(lines.id), data: JSON.parse(String(lines.data)) };
      }
    }
  } finally {
    reader.releaseLock();
  }
  throw new Error(`no ${type} event within ${timeoutMs} ms: ${buffer}`);
}

describe('server-sent events', () => {
  it('tell a connected recipient at once, with metadata only; others hear nothing', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    const fr = await signIn(t.app, 'fr.officer');
    const controller = new AbortController();
    const stream = await fetch(`${base}/api/v1/events`, {
      headers: { cookie: fr.cookie },
      signal: controller.signal,
    });
    expect(stream.headers.get('content-type')).toContain('text/event-stream');
    const started = Date.now();
    const message = await send({
      to: ['FR'],
      subject: 'Live Serengeti-Migration',
      body: '…',
      priority: 'flash',
    });
    const event = await nextEvent(stream, 'message.received').finally(() => controller.abort());
    expect(Date.now() - started).toBeLessThan(2000);
    expect(event.data).toMatchObject({
      id: message.id,
      from: 'KE',
      priority: 'flash',
      mailbox: 'FR',
      agency: 'FR',
    });
    expect(JSON.stringify(event.data)).not.toContain('Serengeti');

    // A user without messages:read on the same agency's stream does not get message events.
    const keyOnly = await as(t.app, frAdmin)('POST', '/api/v1/api-keys', {
      name: 'hits only',
      permissions: ['hit-notifications:read'],
    });
    const hitsOnly = new AbortController();
    const other = await fetch(`${base}/api/v1/events`, {
      headers: { authorization: `Bearer ${keyOnly.json().key}` },
      signal: hitsOnly.signal,
    });
    await send({ to: ['FR'], subject: 'Not for hit readers', body: '…' });
    await expect(nextEvent(other, 'message.received', 1500).finally(() => hitsOnly.abort())).rejects.toThrow(
      /no message.received/,
    );
  });
});

describe('restart', () => {
  it('loses nothing: the inbox, the delivery queue, pending webhooks and missed events survive', {
    timeout: 120_000,
  }, async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-restart-'));
    const database = await testDatabaseUrl();
    const env = {
      LOG_LEVEL: 'silent',
      CONCORD_ADMIN_PASSWORD: ADMIN_PASSWORD,
      CONCORD_DEMO_PASSWORD: DEMO_PASSWORD,
      CONCORD_PUBLIC_URL: 'http://localhost:8080',
      CONCORD_DATA_DIR: dataDir,
      CONCORD_SECRET_KEY: randomBytes(32).toString('base64'),
      CONCORD_WEBHOOK_NETWORKS: LOCAL,
      ...(database.url ? { DATABASE_URL: database.url } : {}),
    };
    const start = async () => {
      const ctx = await createContext(loadConfig(env), { clock: new ManualClock() });
      await firstStart(ctx, { demo: true });
      return { ctx, app: await buildApp(ctx) };
    };
    const endpoint = await receiver();
    const port = endpoint.port;
    await endpoint.close(); // the national system is down while the message is sent

    let run = await start();
    const keSession = await signIn(run.app, 'ke.officer');
    const frAdminSession = await signIn(run.app, 'fr.admin');
    await as(run.app, frAdminSession)('POST', '/api/v1/webhooks', {
      url: `http://127.0.0.1:${port}/concord`,
    });
    const sent = (
      await as(run.app, keSession)('POST', '/api/v1/messages', {
        to: ['FR'],
        subject: 'Survives restarts',
        body: '…',
      })
    ).json();
    const outboxSeq = Number(
      (
        await run.ctx.db
          .selectFrom('outbox')
          .select((eb) => eb.fn.max('seq').as('s'))
          .executeTakeFirstOrThrow()
      ).s,
    );
    expect(await deliverWebhooks(run.ctx)).toMatchObject({ retrying: 1 });
    await run.app.close();
    await closeContext(run.ctx);

    run = await start();
    try {
      const up = http.createServer((request, response) => {
        request.resume();
        request.on('end', () => response.end('ok'));
      });
      await new Promise<void>((resolve) => up.listen(port, '127.0.0.1', resolve));
      try {
        const fr = await signIn(run.app, 'fr.officer');
        const read = (await as(run.app, fr)('GET', `/api/v1/messages/${sent.id}`)).json();
        expect(read.content.subject).toBe('Survives restarts');
        expect(read.verification.status).toBe('valid');
        // Sessions are in the database too: the administrator's survived the restart.
        const frSystemKey = (
          await as(run.app, frAdminSession)('POST', '/api/v1/api-keys', {
            name: 'FR system',
            permissions: ['messages:read'],
          })
        ).json().key;
        const queue = await run.app.inject({
          method: 'GET',
          url: '/api/v1/deliveries',
          headers: { authorization: `Bearer ${frSystemKey}` },
        });
        expect(queue.json().items.map((e: { id: string }) => e.id)).toContain(sent.id);
        (run.ctx.clock as ManualClock).advance(RETRY_SCHEDULE_S[0]! * 1000);
        expect(await deliverWebhooks(run.ctx)).toMatchObject({ delivered: 1 });

        // A browser reconnecting with Last-Event-ID gets what it missed across the restart.
        await run.app.listen({ port: 0, host: '127.0.0.1' });
        const base = `http://127.0.0.1:${(run.app.server.address() as AddressInfo).port}`;
        const controller = new AbortController();
        const stream = await fetch(`${base}/api/v1/events`, {
          headers: { cookie: fr.cookie, 'last-event-id': String(outboxSeq - 1) },
          signal: controller.signal,
        });
        try {
          const missed = await nextEvent(stream, 'message.received');
          expect(missed.data.id).toBe(sent.id);
        } finally {
          controller.abort();
        }
      } finally {
        await new Promise<void>((resolve) => up.close(() => resolve()));
      }
    } finally {
      await run.app.close();
      await closeContext(run.ctx);
      await database.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
