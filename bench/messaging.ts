/**
 * Secure messaging, end to end, against a real server over HTTP:
 *
 *   npx tsx bench/messaging.ts                          # embedded PGlite (on disk)
 *   BENCH_DATABASE_URL=postgres://… npx tsx bench/messaging.ts   # and a PostgreSQL server (own database, dropped after)
 *
 * 1. Throughput: a self-held sender system encrypts (JWE: the recipient's entry, and its own
 *    copy unless BENCH_OWN_COPY=off), signs (JWS) and POSTs messages with BENCH_CONCURRENCY
 *    requests in flight; the server checks each envelope against the key directory, stores
 *    it, audits it and announces it; the connected recipient system hears of it by
 *    server-sent events, takes it from the delivery queue, verifies and decrypts it, and
 *    acknowledges it. Messages per second from the first send to the last message decrypted,
 *    and each message's latency from composing to decrypted. Baseline in the same run: the
 *    same encryption, signing, verification and decryption on the same threads, no server.
 * 2. Broadcast: one message to BENCH_BROADCAST bureaus (196), each a connected system: the
 *    time from composing to the last recipient having verified and decrypted it.
 *
 * The server runs on the main thread; the sender and the recipients are other systems, each
 * on a worker thread of its own, all on this one machine. BENCH_MESSAGES (3000),
 * BENCH_CONCURRENCY (32), BENCH_BODY_BYTES (1000); BENCH_EMBEDDED=off skips PGlite; BENCH_KEEP=1 keeps
 * the PostgreSQL database.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { agencySystemPrincipal, systemPrincipal } from '../src/access/principal.ts';
import { agencyRef, findAgency } from '../src/identity/agencies.ts';
import { createApiKey } from '../src/identity/api-keys.ts';
import { firstStart } from '../src/identity/seed.ts';
import { buildApp } from '../src/main.ts';
import {
  type AgencyPrivateKeys,
  composeEnvelope,
  type DirectoryKey,
  openEnvelope,
  type Prepared,
  type ReceivedEnvelope,
} from '../src/messaging/client.ts';
import { generateAgencyKeys, importPrivate } from '../src/messaging/envelope.ts';
import { publishKeys } from '../src/messaging/keys.ts';
import { closeContext, createContext } from '../src/platform/bootstrap.ts';
import { loadConfig } from '../src/platform/config.ts';
import type { Context } from '../src/platform/context.ts';
import { benchPostgres } from './postgres-client.ts';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 3000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const BROADCAST = Number(process.env.BENCH_BROADCAST ?? 196);
const BODY_BYTES = Number(process.env.BENCH_BODY_BYTES ?? 1000);
const OWN_COPY = process.env.BENCH_OWN_COPY !== 'off';
const BROADCAST_ROUNDS = 5;
const FETCH_LIMIT = 500;
const body = 'x'.repeat(BODY_BYTES);

/**
 * Where the run is, for the watchdog: a run that stops making progress says where and fails
 * instead of hanging. BENCH_TIMEOUT_S (900) per run. The runs that stopped did so as workers
 * started (see `ready`), and process.exit() then hung as well, waiting on the deadlocked
 * worker: the watchdog kills the process outright.
 */
let stage = 'start';
function watchdog(label: string) {
  const timer = setTimeout(() => {
    console.error(`${label}: no progress for ${TIMEOUT_S} s, stuck at: ${stage}`);
    process.kill(process.pid, 'SIGKILL');
  }, TIMEOUT_S * 1000);
  timer.unref();
  return () => clearTimeout(timer);
}
const TIMEOUT_S = Number(process.env.BENCH_TIMEOUT_S ?? 900);

/** Milliseconds on a clock all threads share. */
const now = () => performance.timeOrigin + performance.now();

interface System {
  agency: string;
  apiKey: string;
  keys: AgencyPrivateKeys;
}

// ---- the clients (worker threads) -----------------------------------------------------

/** node:http with keep-alive: the client a busy national system would use. */
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

function api<T>(base: string, s: System, method: string, route: string, payload?: unknown): Promise<T> {
  const data = payload === undefined ? undefined : JSON.stringify(payload);
  return new Promise<T>((resolve, reject) => {
    const request = http.request(
      `${base}/api/v1${route}`,
      {
        method,
        agent,
        headers: {
          authorization: `Bearer ${s.apiKey}`,
          ...(data ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } : {}),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if ((response.statusCode ?? 500) >= 400)
            reject(new Error(`${method} ${route}: ${response.statusCode} ${text.slice(0, 300)}`));
          else resolve(JSON.parse(text) as T);
        });
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    // A request the server never answers must fail the run, not hang it.
    request.setTimeout(60_000, () => request.destroy(new Error(`${method} ${route}: no answer in 60 s`)));
    request.end(data);
  });
}

/**
 * A connected recipient system: listens to its event stream; each event drains the delivery
 * queue (coalesced), verifying and decrypting every envelope, then acknowledges the batch.
 */
class Recipient {
  private controller = new AbortController();
  private draining: Promise<void> | null = null;
  private again = false;
  private signers = new Map<string, DirectoryKey>();
  private encryptionKey: Awaited<ReturnType<typeof importPrivate>> | undefined;
  invalid = 0;

  constructor(
    private readonly base: string,
    readonly s: System,
    private readonly onDone: (id: string, at: number) => void,
  ) {}

  async connect(): Promise<void> {
    this.encryptionKey = await importPrivate(this.s.keys.encryption, 'enc');
    await new Promise<void>((resolve, reject) => {
      const request = http.get(
        `${this.base}/api/v1/messages/events`,
        { headers: { authorization: `Bearer ${this.s.apiKey}` }, signal: this.controller.signal },
        (response) => {
          let buffer = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => {
            buffer += chunk;
            const blocks = buffer.split('\n\n');
            buffer = blocks.pop() ?? '';
            if (blocks.some((b) => b.includes('event: message.received'))) this.drain();
          });
          response.on('error', () => {});
          resolve();
        },
      );
      request.on('error', (error) => {
        if (!this.controller.signal.aborted) reject(error);
      });
    });
  }

  private drain(): void {
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = (async () => {
      do {
        this.again = false;
        for (;;) {
          const queue = await api<{ items: (ReceivedEnvelope & { id: string })[] }>(
            this.base,
            this.s,
            'GET',
            `/deliveries?limit=${FETCH_LIMIT}`,
          );
          if (queue.items.length === 0) break;
          await Promise.all(
            queue.items.map(async (envelope) => {
              const opened = await openEnvelope(
                envelope,
                this.encryptionKey!,
                await this.signer(envelope.header.from),
              );
              if (!opened.valid) this.invalid++;
              this.onDone(`${envelope.id}@${this.s.agency}`, now());
            }),
          );
          await api(this.base, this.s, 'POST', '/deliveries/ack', { ids: queue.items.map((e) => e.id) });
          // A short batch emptied the queue; whatever arrived since has an event, which
          // sets `again`, so asking once more would only fetch nothing.
          if (queue.items.length < FETCH_LIMIT) break;
        }
      } while (this.again);
    })()
      .catch((error) => {
        if (!this.controller.signal.aborted) console.error(`recipient ${this.s.agency}:`, error);
      })
      .finally(() => {
        this.draining = null;
      });
  }

  private async signer(agency: string): Promise<DirectoryKey | undefined> {
    let key = this.signers.get(agency);
    if (!key) {
      const entry = await api<{ keys: DirectoryKey[] }>(this.base, this.s, 'GET', `/agencies/${agency}/keys`);
      key = entry.keys.find((k) => k.use === 'sig' && k.status === 'active');
      if (key) this.signers.set(agency, key);
    }
    return key;
  }

  close(): void {
    this.controller.abort();
  }
}

type Role =
  | { role: 'recipients'; base: string; systems: System[] }
  | { role: 'sender'; base: string; sender: System; to: string[] }
  | { role: 'baseline'; sender: System; recipient: System; prepared: Prepared; count: number };

async function worker(job: Role): Promise<void> {
  const port = parentPort!;
  if (job.role === 'recipients') {
    let done: [string, number][] = [];
    const flush = () => {
      if (done.length > 0) port.postMessage({ done });
      done = [];
    };
    const timer = setInterval(flush, 20);
    const recipients = job.systems.map(
      (s) =>
        new Recipient(job.base, s, (id, at) => {
          done.push([id, at]);
          if (done.length >= 200) flush();
        }),
    );
    await Promise.all(recipients.map((r) => r.connect()));
    port.postMessage({ ready: true });
    port.on('message', (m: { close?: boolean }) => {
      if (!m.close) return;
      flush();
      clearInterval(timer);
      port.postMessage({ invalid: recipients.reduce((n, r) => n + r.invalid, 0) });
      for (const r of recipients) r.close();
      agent.destroy();
      port.close();
    });
  } else if (job.role === 'sender') {
    const prepared = await api<Prepared>(job.base, job.sender, 'POST', '/messages/recipients', {
      to: job.to,
    });
    const signingKey = await importPrivate(job.sender.keys.signing, 'sig');
    port.postMessage({ ready: true });
    port.on('message', async (m: { send?: number; concurrency?: number; close?: boolean }) => {
      if (m.close) {
        agent.destroy();
        port.close();
        return;
      }
      const started: [string, number, number, number][] = [];
      let next = 0;
      const t0 = now();
      await Promise.all(
        Array.from({ length: m.concurrency ?? 1 }, async () => {
          while (next++ < (m.send ?? 0)) {
            const t = now();
            const envelope = await composeEnvelope(
              job.sender.keys,
              prepared,
              { subject: 'Benchmark', body, priority: 'urgent' },
              { signingKey, keepOwnCopy: OWN_COPY },
            );
            const encrypted = now();
            await api(job.base, job.sender, 'POST', '/messages', { envelope });
            started.push([envelope.header.id, t, encrypted - t, now() - encrypted]);
          }
        }),
      ).catch((error: Error) => {
        port.postMessage({ error: `sender: ${error.message}` });
        throw error;
      });
      port.postMessage({ started, sendSeconds: (now() - t0) / 1000 });
    });
  } else {
    // The same crypto as end to end, sender's and recipient's, with nothing in between.
    const signingKey = await importPrivate(job.sender.keys.signing, 'sig');
    const encryptionKey = await importPrivate(job.recipient.keys.encryption, 'enc');
    const signer: DirectoryKey = {
      kid: job.sender.keys.signing.kid!,
      agency: job.sender.agency,
      use: 'sig',
      jwk: { kty: 'OKP', crv: 'Ed25519', x: job.sender.keys.signing.x },
      status: 'active',
      revokedAt: null,
    };
    // Timed from "go", once this thread has loaded its modules and keys, as end to end is.
    port.postMessage({ ready: true });
    await new Promise((resolve) => port.once('message', resolve));
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next++ < job.count) {
          const envelope = await composeEnvelope(
            job.sender.keys,
            job.prepared,
            { subject: 'Benchmark', body },
            { signingKey, keepOwnCopy: OWN_COPY },
          );
          const entry = envelope.jwe.recipients.find(
            (r) => r.header.kid === job.prepared.recipients[0]!.kid,
          )!;
          const { recipients: _all, ...shared } = envelope.jwe;
          const opened = await openEnvelope(
            { header: envelope.header, signature: envelope.signature, jwe: { ...shared, ...entry } },
            encryptionKey,
            signer,
          );
          if (!opened.valid) throw new Error(`baseline: ${opened.problems.join('; ')}`);
        }
      }),
    );
    port.postMessage({ finished: true });
  }
}

// ---- the server and the measurements (main thread) ------------------------------------

/** A worker running this file, through tsx as the main thread does. */
function spawn(job: Role): Worker {
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const self = JSON.stringify(import.meta.url);
  return new Worker(`import(${tsx}).then(({ register }) => { register(); return import(${self}); });`, {
    eval: true,
    workerData: job,
  });
}

/**
 * A worker that has loaded its modules and said so. Workers load TypeScript through tsx's
 * module hooks, which Node 20 runs on a thread shared with the main one, and a start can
 * deadlock there (nodejs/node#50948): a few runs in a hundred sat at a stage's start until
 * the watchdog. A worker not ready within READY_S seconds is ended and started again.
 */
async function ready(job: Role): Promise<Worker> {
  for (let attempt = 1; ; attempt++) {
    const w = spawn(job);
    let timer: NodeJS.Timeout | undefined;
    const started = await Promise.race([
      next(w, 'ready').then(() => true),
      new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), READY_S * 1000);
      }),
    ]);
    clearTimeout(timer);
    if (started) return w;
    // Not awaited: a worker deadlocked in its start may never finish terminating either.
    void w.terminate();
    if (attempt === 3) throw new Error(`a ${job.role} worker did not start, three times`);
    console.error(`  (a ${job.role} worker did not start within ${READY_S} s: started again)`);
  }
}
const READY_S = 60;

function next<T>(w: Worker, key: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: Record<string, unknown>) => {
      if (typeof m.error === 'string') {
        w.off('message', onMessage);
        reject(new Error(m.error));
      } else if (key in m) {
        w.off('message', onMessage);
        resolve(m as T);
      }
    };
    w.on('message', onMessage);
    w.once('error', reject);
  });
}

/** An agency's system: an API key and self-held keys published in the directory. */
async function system(ctx: Context, code: string): Promise<System> {
  const agency = (await findAgency(ctx.db, code))!;
  const key = await createApiKey(ctx, systemPrincipal(), {
    agency: code,
    name: `${code} system`,
    permissions: ['messages:read', 'messages:send'],
  });
  const made = await generateAgencyKeys();
  await publishKeys(ctx, agencySystemPrincipal(agencyRef(agency)), {
    custody: 'self',
    signing: made.signing.publicJwk as Record<string, unknown>,
    encryption: made.encryption.publicJwk as Record<string, unknown>,
  });
  return {
    agency: code,
    apiKey: key.key,
    keys: { agency: code, signing: made.signing.privateJwk, encryption: made.encryption.privateJwk },
  };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** Collects the recipients' "decrypted at" times as they come. */
function collect(w: Worker) {
  const done = new Map<string, number>();
  const waiters: { ids: Set<string>; resolve: () => void }[] = [];
  w.on('message', (m: { done?: [string, number][] }) => {
    for (const [id, at] of m.done ?? []) done.set(id, at);
    for (const waiter of [...waiters]) {
      if ([...waiter.ids].every((id) => done.has(id))) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  });
  return {
    done,
    all: (ids: string[], ms: number) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ms);
        const waiter = {
          ids: new Set(ids),
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        };
        waiters.push(waiter);
        waiter.ids.size === 0 || ids.every((id) => done.has(id)) ? waiter.resolve() : undefined;
      }),
  };
}

async function run(label: string, databaseUrl: string | undefined) {
  const done = watchdog(label);
  stage = 'start-up';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-bench-messaging-'));
  const ctx = await createContext(
    loadConfig({
      LOG_LEVEL: 'silent',
      CONCORD_DATA_DIR: dir,
      CONCORD_SECRET_KEY: randomBytes(32).toString('base64'),
      CONCORD_ADMIN_PASSWORD: 'bench-admin-password',
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    }),
  );
  try {
    await firstStart(ctx, { demo: false });
    const app = await buildApp(ctx);
    const trace = new Map<string, number[]>();
    // BENCH_TRACE=1: the server's time per route (request received to response finished).
    if (process.env.BENCH_TRACE)
      app.server.on('request', (request: http.IncomingMessage, response: http.ServerResponse) => {
        const start = performance.now();
        response.on('finish', () => {
          const route = `${request.method} ${request.url?.split('?')[0]}`;
          const list = trace.get(route) ?? [];
          list.push(performance.now() - start);
          trace.set(route, list);
        });
      });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const bureaus = (
      await ctx.db
        .selectFrom('agencies')
        .select('code')
        .where('kind', '=', 'bureau')
        .orderBy('code')
        .execute()
    )
      .map((a) => a.code)
      .filter((c) => c !== 'KE' && c !== 'FR');
    const sender = await system(ctx, 'KE');
    const fr = await system(ctx, 'FR');

    // 1. Throughput.
    stage = 'throughput';
    const recipientWorker = await ready({ role: 'recipients', base, systems: [fr] });
    const received = collect(recipientWorker);
    const senderWorker = await ready({ role: 'sender', base, sender, to: ['FR'] });
    stage = 'throughput: sending';
    const cpu0 = process.cpuUsage();
    const t0 = now();
    senderWorker.postMessage({ send: MESSAGES, concurrency: CONCURRENCY });
    const sent = await next<{ started: [string, number, number, number][]; sendSeconds: number }>(
      senderWorker,
      'started',
    );
    const key = (id: string) => `${id}@FR`;
    await received.all(
      sent.started.map(([id]) => key(id)),
      120_000,
    );
    const t1 = Math.max(...sent.started.map(([id]) => received.done.get(key(id)) ?? 0));
    const cpu = process.cpuUsage(cpu0);
    recipientWorker.postMessage({ close: true });
    const { invalid } = await next<{ invalid: number }>(recipientWorker, 'invalid');
    const latencies = sent.started
      .filter(([id]) => received.done.has(key(id)))
      .map(([id, t]) => received.done.get(key(id))! - t);
    const perSecond = latencies.length / ((t1 - t0) / 1000);
    for (const [route, times] of trace) {
      times.sort((a, b) => a - b);
      const at = (q: number) => times[Math.floor(q * (times.length - 1))]!.toFixed(1);
      console.log(`  trace ${route}: ${times.length} requests, p50 ${at(0.5)} ms, p95 ${at(0.95)} ms`);
    }
    trace.clear();
    const prepared = await fetchPrepared(base, sender);

    stage = 'baseline';
    // Baseline: the same crypto, on two threads as end to end uses for its clients.
    const baselineWorkers = await Promise.all(
      [0, 1].map(() =>
        ready({ role: 'baseline', sender, recipient: fr, prepared, count: Math.ceil(MESSAGES / 2) }),
      ),
    );
    stage = 'baseline: running';
    const b0 = now();
    await Promise.all(
      baselineWorkers.map(async (w) => {
        const finished = next(w, 'finished');
        w.postMessage({ go: true });
        await finished;
        await w.terminate();
      }),
    );
    const baseline = (2 * Math.ceil(MESSAGES / 2)) / ((now() - b0) / 1000);
    console.log(
      `${label}: ${MESSAGES} messages of ${BODY_BYTES} bytes, ${CONCURRENCY} in flight, sender's own copy ${OWN_COPY ? 'on' : 'off'}\n` +
        `  end to end   ${perSecond.toFixed(0).padStart(6)} messages/s delivered, verified and decrypted (${latencies.length}/${MESSAGES}, ${invalid} failed verification)` +
        ` | sending ${(MESSAGES / sent.sendSeconds).toFixed(0)}/s | process CPU ${(((cpu.user + cpu.system) / 1000 / (t1 - t0)) * 100).toFixed(0)}% of a core` +
        ` | latency p50 ${percentile(latencies, 50).toFixed(0)} ms, p95 ${percentile(latencies, 95).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms\n` +
        `  baseline     ${baseline.toFixed(0).padStart(6)} messages/s: the same encryption, signing, verification and decryption on two threads, no server`,
    );

    // 2. Broadcast.
    stage = 'broadcast';
    const everyone = [
      fr,
      ...(await Promise.all(bureaus.slice(0, Math.max(0, BROADCAST - 1)).map((code) => system(ctx, code)))),
    ];
    const crowd = await ready({ role: 'recipients', base, systems: everyone });
    const heard = collect(crowd);
    const broadcaster = await ready({ role: 'sender', base, sender, to: everyone.map((s) => s.agency) });
    stage = 'broadcast: sending';
    const rounds: { total: number; encrypt: number; post: number }[] = [];
    for (let round = 0; round < BROADCAST_ROUNDS; round++) {
      broadcaster.postMessage({ send: 1, concurrency: 1 });
      const { started } = await next<{ started: [string, number, number, number][] }>(broadcaster, 'started');
      const [id, t, encrypt, post] = started[0]!;
      const keys = everyone.map((s) => `${id}@${s.agency}`);
      await heard.all(keys, 30_000);
      // The last recipient's time is when all had it.
      rounds.push({
        total: Math.max(...keys.map((k) => heard.done.get(k) ?? Number.POSITIVE_INFINITY)) - t,
        encrypt,
        post,
      });
    }
    crowd.postMessage({ close: true });
    const broadcastInvalid = (await next<{ invalid: number }>(crowd, 'invalid')).invalid;
    broadcaster.postMessage({ close: true });
    senderWorker.postMessage({ close: true });
    const totals = rounds.map((r) => r.total);
    console.log(
      `  broadcast    to ${everyone.length} bureaus, each a connected system: all verified and decrypted in ` +
        `${totals.map((t) => t.toFixed(0)).join(', ')} ms (worst ${Math.max(...totals).toFixed(0)} ms; ` +
        `encrypting for ${everyone.length + (OWN_COPY ? 1 : 0)} entries ${percentile(
          rounds.map((r) => r.encrypt),
          50,
        ).toFixed(0)} ms, ` +
        `POST ${percentile(
          rounds.map((r) => r.post),
          50,
        ).toFixed(0)} ms, ${broadcastInvalid} failed verification)`,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    stage = 'closing the server';
    await app.close();
  } finally {
    stage = 'closing the context';
    await closeContext(ctx);
    fs.rmSync(dir, { recursive: true, force: true });
    done();
  }
}

async function fetchPrepared(base: string, s: System): Promise<Prepared> {
  const response = await fetch(`${base}/api/v1/messages/recipients`, {
    method: 'POST',
    headers: { authorization: `Bearer ${s.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ to: ['FR'] }),
  });
  return (await response.json()) as Prepared;
}

if (!isMainThread) {
  await worker(workerData as Role);
} else {
  console.log(
    `Messaging benchmark. Machine: ${os.cpus().length} × ${os.cpus()[0]?.model}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ` +
      `Node ${process.version}, load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
  );
  if (process.env.BENCH_EMBEDDED !== 'off') await run('PGlite (embedded, on disk)', undefined);
  const adminUrl = process.env.BENCH_DATABASE_URL;
  if (adminUrl) {
    const name = `concord_bench_messaging_${randomBytes(4).toString('hex')}`;
    const admin = benchPostgres(adminUrl, { max: 1 });
    await admin.unsafe(`CREATE DATABASE ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    try {
      await run('PostgreSQL server', url.toString());
    } finally {
      // BENCH_KEEP=1 leaves the database to be studied (EXPLAIN, pg_stat_statements) after the run.
      if (process.env.BENCH_KEEP) console.log(`  kept database ${name}`);
      else await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  }
}
